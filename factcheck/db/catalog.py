"""The database seen from an editor's desk: find claims, speakers and passages.

Pure functions over a loaded :class:`~factcheck.model.Database`: filters keep
the database order (so listings are stable and diffable), and every unknown
name or id raises a :class:`~factcheck.errors.UsageError` that suggests the
closest known one, because editors type speakers and ids from memory.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.errors import UsageError
from factcheck.model import Claim, Database, Source, Speaker
from factcheck.text.document import paragraph_blocks

# WRatio of 85 accepts a surname ("libal"), a dropped letter ("Jeff Session",
# "sesions") and a plural ("senator"), and rejects unrelated names.
SPEAKER_CUTOFF = 85.0
# Speakers scoring this close to the best match are equally plausible readings.
SPEAKER_TIE = 5.0
# A suggestion scoring below this is a guess, not a likely typo ('zzzz' is nobody).
SUGGEST_CUTOFF = 60.0


@dataclass(frozen=True)
class ClaimFilter:
    """What to keep; ``None`` means "any". Dates bound the source date, inclusive."""

    speaker: str | None = None
    type: str | None = None
    source: str | None = None
    tag: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    rating: str | None = None  # a normalized rating class (false, mixed...): reviewed claims


@dataclass(frozen=True)
class SpeakerSummary:
    """A speaker with how many claims they make, and of which types."""

    speaker: Speaker
    claims: int
    types: tuple[tuple[str, int], ...]  # (type, count), most frequent first


@dataclass(frozen=True)
class PassageContext:
    """A claim's passage inside its paragraph; offsets are into ``paragraph``."""

    paragraph: str
    start: int
    end: int


def _suggest(query: str, choices: list[str], limit: int) -> list[str]:
    """The closest ``choices`` to ``query``, best first, without duplicates."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        query,
        choices,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=SUGGEST_CUTOFF,
    )
    return list(dict.fromkeys(choice for choice, _score, _index in found))


def _did_you_mean(suggestions: list[str]) -> str:
    quoted = ", ".join(f"'{s}'" for s in suggestions)
    return f"; did you mean {quoted}?" if suggestions else ""


def match_speakers(database: Database, query: str) -> list[Speaker]:
    """Speakers a typed name stands for, in database order.

    Names, aliases and ids are compared case- and punctuation-blind with
    rapidfuzz's WRatio, so a surname, a misspelling or the id all work. Every
    speaker scoring within ``SPEAKER_TIE`` of the best is kept ("the" is
    vague: the memo, the book and the attorney general all fit).
    """
    from rapidfuzz import fuzz

    from factcheck.check.speakers import name_key

    wanted = name_key(query)
    if not wanted:
        raise UsageError("empty speaker name", fix="pass a name, alias or id, e.g. --speaker libal")
    scores = {
        speaker.id: max(fuzz.WRatio(wanted, name_key(n)) for n in (*speaker.names, speaker.id))
        for speaker in database.speakers.values()
    }
    best = max(scores.values(), default=0.0)
    if best < SPEAKER_CUTOFF:
        aliases = {
            name: speaker.name for speaker in database.speakers.values() for name in speaker.names
        }
        closest = [aliases[name] for name in _suggest(query, list(aliases), 3)]
        raise UsageError(
            f"no speaker matches '{query}'" + _did_you_mean(list(dict.fromkeys(closest))[:1]),
            fix="`factcheck speakers` lists them",
        )
    return [
        speaker
        for speaker in database.speakers.values()
        if scores[speaker.id] >= max(SPEAKER_CUTOFF, best - SPEAKER_TIE)
    ]


def _known(value: str, known: list[str], what: str) -> str:
    """``value`` as the database spells it (case-blind), or an error naming the closest."""
    for item in known:
        if item.casefold() == value.strip().casefold():
            return item
    raise UsageError(
        f"unknown {what} '{value}'" + _did_you_mean(_suggest(value, known, 1)),
        fix="known: " + ", ".join(known) if len(known) <= 12 else None,
    )


def _source_matches(source: Source, wanted: str) -> bool:
    return wanted.casefold() in (source.id.casefold(), source.publisher.casefold())


def filter_claims(database: Database, query: ClaimFilter) -> list[Claim]:
    """The claims that pass every filter, in database order.

    Unknown types, tags and sources are errors rather than empty results, so
    a typo is told apart from a genuine "nothing matches".
    """
    if query.since and query.until and query.since > query.until:
        raise UsageError(
            f"--since {query.since} is after --until {query.until}", fix="swap the dates"
        )
    claims = list(database.claims)
    if query.speaker is not None:
        ids = {speaker.id for speaker in match_speakers(database, query.speaker)}
        claims = [c for c in claims if c.speaker.id in ids]
    if query.type is not None:
        kind = _known(query.type, _ordered(c.type for c in database.claims), "claim type")
        claims = [c for c in claims if c.type == kind]
    if query.tag is not None:
        tag = _known(query.tag, _ordered(t for c in database.claims for t in c.tags), "tag")
        claims = [c for c in claims if tag in c.tags]
    if query.source is not None:
        names = _ordered(n for s in database.sources.values() for n in (s.id, s.publisher))
        wanted = _known(query.source, names, "source")
        claims = [c for c in claims if _source_matches(c.source, wanted)]
    if query.rating is not None:
        from factcheck.check.ratings import table

        wanted = _known(query.rating, list(table().effects), "rating class")
        claims = [c for c in claims if c.review is not None and c.review.rating_class == wanted]
    if query.since is not None:
        claims = [c for c in claims if c.source.date and c.source.date >= query.since]
    if query.until is not None:
        claims = [c for c in claims if c.source.date and c.source.date <= query.until]
    return claims


def _ordered(values: Iterable[str]) -> list[str]:
    """Distinct values in first-seen order (the database's own order)."""
    return list(dict.fromkeys(values))


def parse_date(value: str, option: str) -> dt.date:
    """A YYYY-MM-DD date from the command line, or an error naming the option."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"bad date for {option}: '{value}'", fix="write it as YYYY-MM-DD, e.g. 2017-04-11"
        ) from None


def speaker_summaries(database: Database) -> list[SpeakerSummary]:
    """Every speaker in database order, with claim counts by type."""
    counts: dict[str, Counter[str]] = {sid: Counter() for sid in database.speakers}
    for claim in database.claims:
        counts.setdefault(claim.speaker.id, Counter())[claim.type] += 1
    return [
        SpeakerSummary(speaker, sum(counts[sid].values()), tuple(counts[sid].most_common()))
        for sid, speaker in database.speakers.items()
    ]


def get_claim(database: Database, claim_id: str) -> Claim:
    """The claim with ``claim_id``, or an error suggesting the closest ids."""
    claim = database.claim(claim_id.strip())
    if claim is not None:
        return claim
    closest = _suggest(claim_id, [c.id for c in database.claims], 2)
    raise UsageError(
        f"unknown claim id '{claim_id}'" + _did_you_mean(closest),
        fix="`factcheck claims` lists them",
    )


def passage_context(claim: Claim) -> PassageContext | None:
    """The paragraph of the source text that holds the passage, or None.

    ``None`` for a claim of an external source (no text): the passage is all
    there is. Paragraphs are the blank-line blocks the checker also reads.
    """
    offset = claim.passage_offset
    text = claim.source.text
    if offset is None or text is None:
        return None
    end = offset + len(claim.passage)
    for start, stop in paragraph_blocks(text, 0, len(text)):
        if start <= offset and end <= stop:
            paragraph = text[start:stop]
            lead = len(paragraph) - len(paragraph.lstrip())
            paragraph = paragraph.strip()
            return PassageContext(paragraph, offset - start - lead, end - start - lead)
    # A passage spanning a blank line: show it alone rather than a cut paragraph.
    return PassageContext(claim.passage, 0, len(claim.passage))
