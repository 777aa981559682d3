"""The data model: immutable, typed records shared by every part of factcheck.

Records carry positions as offsets into the text they came from; line and
column are derived once, by :meth:`factcheck.text.document.Document.position`.

They are ``NamedTuple``s rather than frozen dataclasses for start-up's sake:
on Python 3.11 a frozen dataclass costs about 1.5 ms to create (it compiles
six generated methods), a NamedTuple 0.25 ms, and every command imports
this module. Copy with changes through ``record._replace(field=value)``.
"""

# Not `from __future__ import annotations` (STYLE.md's habit) in the modules a
# `verify` run imports that define NamedTuples: typing.NamedTuple compiles every
# string annotation into a ForwardRef, about 10 µs a field, some 2 ms of start-up
# for these modules' 240 fields (bench/startup.py). A name defined later is quoted.

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import NamedTuple


class Verdict(StrEnum):
    """What a draft sentence gets; the values are a JSON contract."""

    SUPPORTED = "supported"
    DEBUNKED = "debunked"  # repeats a claim fact-checkers rated false or misleading
    FIGURE_MISMATCH = "figure-mismatch"
    MISQUOTE = "misquote"
    MISATTRIBUTED = "misattributed"
    UNSUPPORTED = "unsupported"
    UNCHECKED = "unchecked"  # nothing checkable and no match; shown only with --all


PROBLEM_VERDICTS = frozenset(
    {Verdict.DEBUNKED, Verdict.MISATTRIBUTED, Verdict.MISQUOTE, Verdict.FIGURE_MISMATCH}
)

# Most severe first: when several problems apply, the first one is reported.
SEVERITY_ORDER = (
    Verdict.DEBUNKED,
    Verdict.MISATTRIBUTED,
    Verdict.MISQUOTE,
    Verdict.FIGURE_MISMATCH,
    Verdict.UNSUPPORTED,
    Verdict.SUPPORTED,
    Verdict.UNCHECKED,
)


# Spelled out here, not with strftime("%B"), so output never depends on the locale.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def long_date(date: dt.date) -> str:
    """ "April 11, 2017", in any locale and on any C library (``%-d`` is glibc's)."""
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


class Location(NamedTuple):
    """Where a record was defined: a database file and a 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class Source(NamedTuple):
    """A document claims are extracted from (a press release, a report...)."""

    id: str
    title: str
    publisher: str
    kind: str = "press release"
    place: str | None = None
    date: dt.date | None = None
    url: str | None = None
    path: str | None = None  # as written in the database, relative to it
    text: str | None = None
    external: bool = False  # imported claims: no source text to trace to
    location: Location | None = None


class Speaker(NamedTuple):
    """Who makes a claim: a person, an organization, a document or a group."""

    id: str
    name: str
    kind: str = "person"
    role: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    # Who wrote a document speaker (speaker ids): the memo is Sessions', so a
    # sentence that credits him with its words credits its author.
    authors: tuple[str, ...] = ()
    location: Location | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name first, then every declared alias."""
        return (self.name, *self.aliases)


class Figure(NamedTuple):
    """A number as a claim states it, with what it counts and when.

    ``value`` is the number in plain units (52 for "52 percent", 750000 for
    "three quarters of a million"). ``qualifier`` keeps approximate language
    ("nearly", "more than"); ``parts`` names the figure texts that add up to it.
    """

    text: str
    value: float
    unit: str = "count"
    counts: str | None = None
    year: int | None = None
    span: tuple[int, int | None] | None = None  # (from, to); to=None means "since"
    qualifier: str | None = None
    parts: tuple[str, ...] = ()

    @property
    def approximate(self) -> bool:
        return self.qualifier is not None


class Review(NamedTuple):
    """A published fact-check of a claim (schema.org ``ClaimReview``), as the reviewer rated it.

    ``rating`` is the textual rating as published ("Pants on Fire");
    ``rating_class`` its normalized class (see ``factcheck.db.ratings``), which
    the checker reads: the published words vary by reviewer, the class does not.
    ``value``/``best``/``worst`` place the rating on the reviewer's scale when given.
    """

    rating: str
    rating_class: str = "unrated"
    value: float | None = None
    best: float | None = None
    worst: float | None = None
    reviewer: str | None = None
    date: dt.date | None = None
    url: str | None = None
    language: str | None = None


class Claim(NamedTuple):
    """One checkable statement of a source, traced to its exact characters."""

    id: str
    source: Source
    speaker: Speaker
    type: str
    claim: str
    passage: str
    quote: str | None = None
    figures: tuple[Figure, ...] = ()
    context: str | None = None
    tags: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    title: str | None = None  # a headline (imported fact-checks); matched like the claim
    review: Review | None = None  # a fact-check's rating of the claim; None: the source says it
    location: Location | None = None

    @property
    def passage_offset(self) -> int | None:
        """Offset of the passage in its source text, when the text is known."""
        if self.source.text is None:
            return None
        index = self.source.text.find(self.passage)
        return None if index < 0 else index


class Database(NamedTuple):
    """Sources, speakers and claims loaded from one or more YAML files.

    ``claims`` is any sequence: the cache hands out a lazy one that builds a
    claim only when it is read. ``links`` maps a claim's id to the positions
    in ``claims`` of the claims ``same_as`` ties it to (both ways), when the
    loader worked them out; otherwise :meth:`also_in` finds them itself.
    """

    sources: Mapping[str, Source]  # a store reads its sources as claims name them
    speakers: dict[str, Speaker]
    claims: Sequence[Claim]
    files: tuple[str, ...] = ()
    # Curators' own paraphrase lines, beside the shipped lexicon (see ``check.paraphrase``).
    paraphrases: tuple[str, ...] = ()
    links: dict[str, tuple[int, ...]] | None = None

    def claim(self, claim_id: str) -> Claim | None:
        find = getattr(self.claims, "find", None)  # a store looks an id up in its table
        if find is not None:
            return find(claim_id)
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        return None

    def also_in(self) -> dict[str, tuple[Claim, ...]]:
        """The same fact in other sources: each linked claim's id → the claims it is tied to.

        Callers keep the answer (the checker asks once): without ``links`` it
        reads every claim.
        """
        links = self.links
        if links is None:
            links = same_fact_links([claim.id for claim in self.claims],
                                    [claim.same_as for claim in self.claims])  # fmt: skip
        return {key: tuple(self.claims[n] for n in value) for key, value in links.items()}


def same_fact_links(
    ids: Sequence[str], same_as: Sequence[tuple[str, ...]]
) -> dict[str, tuple[int, ...]]:
    """``same_as`` both ways, as positions: only the few claims that carry links cost anything."""
    position: dict[str, int] | None = None
    links: dict[str, dict[int, None]] = {}
    for number, named in enumerate(same_as):
        if not named:
            continue
        if position is None:
            position = {claim_id: n for n, claim_id in enumerate(ids)}
        for other in (position[i] for i in named if i in position):
            links.setdefault(ids[number], {})[other] = None
            links.setdefault(ids[other], {})[number] = None
    return {key: tuple(value) for key, value in links.items()}


class Sentence(NamedTuple):
    """A sentence of a draft; ``start``/``end`` are offsets into the document."""

    text: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


class Match(NamedTuple):
    """A candidate claim for a sentence with its 0-100 score.

    ``coverage`` is the share (0-1, by term weight) of the claim's words the
    sentence has: a sentence that states a claim covers a fair part of it.
    """

    claim: Claim
    score: float
    coverage: float = 1.0


class DiffOp(NamedTuple):
    """One word-level difference of a quotation: ``op`` is insert, delete, replace or beyond.

    ``beyond`` marks draft words outside the source's quotation (before its
    first word or after its last): unverifiable, not misquoted.
    """

    op: str
    found: str
    expected: str


class FigureMismatch(NamedTuple):
    """A draft figure (``found``, as the draft states it) that contradicts a claim's."""

    expected: Figure
    found: Figure
    reason: str


class Misquote(NamedTuple):
    """A quotation of the draft against the claim's quote, with the word diff."""

    quote: str
    expected: str
    diff: tuple[DiffOp, ...]


class SpeakerMismatch(NamedTuple):
    """The draft credits ``found_name`` (a known speaker, or nobody we know)."""

    expected: Speaker
    found_name: str
    found: Speaker | None = None


class Wording(NamedTuple):
    """Words of the sentence (``found``) where the source has others; "" for none."""

    found: str
    expected: str


class Borrowed(NamedTuple):
    """A telling word the sentence takes from ``claim``'s quotation about something else."""

    word: str
    claim: Claim


class Evidence(NamedTuple):
    """What a finding's verdict rests on, as typed records.

    Each problem verdict has its record (``figures``, ``misquote``,
    ``speaker``); ``also`` lists the problem verdicts found beside the one
    reported. An unsupported sentence names the figures (``unbacked``) or
    quotations (``unknown_quotes``) no claim backs, or what it says otherwise
    than its claim (``contradicts``, ``borrowed``, ``renamed``, ``characterized``); a supported
    quotation names the words it quotes beyond the source's excerpt
    (``beyond_source``), and a finding without a claim its ``closest`` match.
    ``render/json.py`` alone decides the JSON shape.
    """

    figures: tuple[FigureMismatch, ...] = ()
    misquote: Misquote | None = None
    speaker: SpeakerMismatch | None = None
    also: tuple[Verdict, ...] = ()
    unbacked: tuple[str, ...] = ()
    unknown_quotes: tuple[str, ...] = ()
    contradicts: Wording | None = None  # a denial, an opposite or a swapped modifier
    borrowed: Borrowed | None = None
    renamed: Wording | None = None  # another place or agent than the source's
    characterized: str | None = None  # what the sentence calls something, the claim does not
    beyond_source: tuple[str, ...] = ()  # quoted words outside the source's excerpt
    closest: Match | None = None


NO_EVIDENCE = Evidence()


class Finding(NamedTuple):
    """A verdict on one sentence of one input."""

    path: str
    sentence: Sentence
    verdict: Verdict
    score: float
    message: str
    claim: Claim | None = None
    details: Evidence = NO_EVIDENCE
    also_in: tuple[Claim, ...] = ()  # the same fact in other sources (same_as)
