"""Framing: the words of a sentence that say where a fact comes from, not what it is.

Reporters wrap a claim in provenance: a dateline ("WASHINGTON (Reuters) -"),
an attribution ("Sessions said that", "according to the ACLU"), a source
("a report by X found", "the latest available data show that") and the
day ("on Tuesday", "today"). None of it is the claim, and matched as words
it drowns the claim's content. ``frame`` blanks these spans, keeping the
text's length so every offset still points into the sentence; the checker
judges the attribution and the dates on their own. The patterns read the
sentence with straight quotes (``straight_quotes``), which compile cheaper.
"""

from __future__ import annotations

import functools

from factcheck.check.speakers import attribution_frames, dateline
from factcheck.text.normalize import straight_quotes
from factcheck.text.patterns import LazyPattern

_SOURCE_NOUNS = (
    r"report|study|analysis|survey|review|audit|data|figures|statistics|numbers|records|"
    r"memo|memorandum|book|release|statement|letter|documents?"
)
# The words without which no source phrase can match (see ``LazyPattern``).
_SOURCE_WORDS = tuple(
    "report study analys survey review audit data figures statistic numbers records memo "
    "book release statement letter document".split()
)
_SOURCE_VERBS = (
    r"found|finds|find|show|shows|showed|shown|suggest|suggests|suggested|indicate|indicates|"
    r"indicated|reveal|reveals|revealed|say|says|said|state|states|stated|estimates?|estimated"
)
_SOURCE = LazyPattern(
    # "a report from Justice Strategies and Grassroots Leadership found", "data show that"
    rf"\b(?i:(?:(?:the|a|an|new|this|that|its|their)[ \u00a0])?(?:[\w-]+[ \u00a0]){{0,3}}?"
    rf"(?:{_SOURCE_NOUNS})(?:[ \u00a0](?:released|published|compiled|analyzed|collected|"
    rf"from|by|of)[ \u00a0][^,;.\"]{{1,80}}?)?[ \u00a0](?:{_SOURCE_VERBS}))\b"
    r"(?:[ \u00a0]+that\b)?",
    _SOURCE_WORDS,
)
# "As reported in this press release from the US Justice Department,"
_AS_REPORTED = LazyPattern(
    r"\b(?i:as[ \u00a0](?:reported|stated|announced|noted|described|said)[ \u00a0](?:in|by))"
    r"[ \u00a0][^,;\"]{1,120},",
    ("as ",),
)
# Data as the object of "according to": "according to fiscal 2016 data from the Justice
# Department that was analyzed by TRAC" (the figures' provenance, not a claimant).
_ACCORDING_TO_DATA = LazyPattern(
    rf"\b(?i:according[ \u00a0]to)[ \u00a0](?:[\w-]+[ \u00a0]){{0,4}}?(?i:{_SOURCE_NOUNS})"
    r"\b[^,;\"]{0,160}",
    ("according",),
)
_WHEN = LazyPattern(
    r"\b(?i:(?:(?:on|last|this|next|earlier[ \u00a0]this)[ \u00a0])?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:[ \u00a0](?:morning|afternoon|evening|night))?|today|yesterday|tonight|"
    r"(?:earlier[ \u00a0])?this[ \u00a0](?:week|morning|afternoon)|last[ \u00a0]week)\b",
    ("day", "tonight", "week", "morning", "afternoon"),
)


# "according to the memo", "the release says": words credited to a document.
_ARTICLE = r"(?:the|a|an|this|that|its)[ \u00a0](?:[\w-]+[ \u00a0]){0,3}?"
_DOCUMENT = LazyPattern(
    rf"\b(?i:according[ \u00a0]to[ \u00a0]{_ARTICLE}(?:{_SOURCE_NOUNS})"
    rf"|{_ARTICLE}(?:{_SOURCE_NOUNS})[ \u00a0](?:says|said|states|stated|reads|read))\b",
    _SOURCE_WORDS,
)


def cites_document(text: str) -> bool:
    """Whether the sentence quotes a document ("As reported in this press release, “…”").

    A document's words in quotation marks are its text, not someone's
    speech: they are checked as a statement when no claim quotes them.
    """
    text = straight_quotes(text)
    return bool(_AS_REPORTED.search(text) or _DOCUMENT.search(text))


@functools.lru_cache(maxsize=256)
def framing_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` that frame a claim rather than state it, unordered.

    Kept for the last sentences: the checker asks about one sentence from
    the matcher, the figure check and the wording checks.
    """
    spans = attribution_frames(text)
    text = straight_quotes(text)
    opening = dateline(text)
    if opening:
        spans.append(opening.span())
    for pattern in (_SOURCE, _AS_REPORTED, _ACCORDING_TO_DATA, _WHEN):
        spans.extend(m.span() for m in pattern.finditer(text))
    return tuple(spans)


@functools.lru_cache(maxsize=256)
def frame(text: str) -> str:
    """``text`` with its framing blanked by spaces: what is matched against claims.

    Kept for the last sentences, as ``framing_spans``: matching, the check of
    a short sentence and the wording checks all read one sentence framed.
    """
    spans = framing_spans(text)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
