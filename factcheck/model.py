"""The data model: immutable, typed records shared by every part of factcheck.

Records carry positions as offsets into the text they came from; line and
column are derived once, by :meth:`factcheck.text.Document.position`.

They are ``NamedTuple``s rather than frozen dataclasses for start-up's sake:
on Python 3.11 a frozen dataclass costs about 1.5 ms to create (it compiles
six generated methods), a NamedTuple 0.25 ms, and every command imports
this module. Copy with changes through ``record._replace(field=value)``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, NamedTuple


class Verdict(StrEnum):
    """What a draft sentence gets; the values are a JSON contract."""

    SUPPORTED = "supported"
    FIGURE_MISMATCH = "figure-mismatch"
    MISQUOTE = "misquote"
    MISATTRIBUTED = "misattributed"
    UNSUPPORTED = "unsupported"
    UNCHECKED = "unchecked"  # nothing checkable and no match; shown only with --all


PROBLEM_VERDICTS = frozenset({Verdict.MISATTRIBUTED, Verdict.MISQUOTE, Verdict.FIGURE_MISMATCH})

# Most severe first: when several problems apply, the first one is reported.
SEVERITY_ORDER = (
    Verdict.MISATTRIBUTED,
    Verdict.MISQUOTE,
    Verdict.FIGURE_MISMATCH,
    Verdict.UNSUPPORTED,
    Verdict.SUPPORTED,
    Verdict.UNCHECKED,
)


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
    location: Location | None = None

    @property
    def passage_offset(self) -> int | None:
        """Offset of the passage in its source text, when the text is known."""
        if self.source.text is None:
            return None
        index = self.source.text.find(self.passage)
        return None if index < 0 else index


class Database(NamedTuple):
    """Sources, speakers and claims loaded from one or more YAML files."""

    sources: dict[str, Source]
    speakers: dict[str, Speaker]
    claims: tuple[Claim, ...]
    files: tuple[str, ...] = ()
    # Curators' own paraphrase lines, beside the shipped lexicon (see ``paraphrase``).
    paraphrases: tuple[str, ...] = ()

    def claim(self, claim_id: str) -> Claim | None:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        return None


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


class Finding(NamedTuple):
    """A verdict on one sentence of one input."""

    path: str
    sentence: Sentence
    verdict: Verdict
    score: float
    message: str
    claim: Claim | None = None
    # The default is one shared dict: like every record, a finding is never changed in place.
    details: dict[str, Any] = {}  # noqa: RUF012 (a NamedTuple default, not a class attribute)
    others: tuple[Claim, ...] = ()  # same_as claims from other sources
