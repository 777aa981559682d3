"""Places and agents: a sentence that moves a claim elsewhere, or gives it to
someone else, does not state it.

"Grassroots Leadership, based in Houston, works for …" shares every word of
the claim but its place; "The book Indefensible was written by the ACLU"
every word but who made it. A place is a capitalized name after "in", "at",
"from", "near" or "based in", or before "-based"; an agent a capitalized
name after "by". A sentence renames the claim's place (or agent) when both
name one and they have none in common.
"""

from __future__ import annotations

import functools
import re

from factcheck.text.patterns import LazyPattern

_NAME = r"[A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+){0,2}"
_PLACE = LazyPattern(
    rf"\b(?:in|at|from|near|outside|based[ \u00a0]in)[ \u00a0](?P<after>{_NAME})"
    rf"|\b(?P<before>{_NAME})(?:,[ \u00a0]{_NAME})?-based\b",
    re.compile(r"\b(?:in|at|from|near|outside)[ \u00a0][A-Z]|-based\b"),
)
_AGENT = LazyPattern(
    rf"\bby[ \u00a0](?:the[ \u00a0])?(?P<after>(?:{_NAME}|[A-Z]{{2,}})"
    rf"(?:[ \u00a0](?:and|of)[ \u00a0](?:the[ \u00a0])?{_NAME})*)",
    ("by ",),
)
# Capitalized words after "in" that are times, not places.
_NOT_PLACES = frozenset(
    """
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An This That His Her Their
    Its Our Congress Court
    """.split()
)


@functools.lru_cache(maxsize=1024)
def named(text: str, pattern: LazyPattern = _PLACE) -> frozenset[str]:
    """The places a text names (or, with ``_AGENT``, its agents), lower-cased.

    Kept for the last texts: a claim's are asked about for every sentence it matches.
    """
    found = set()
    for match in pattern.finditer(text):
        name = match.group("after") or match.groupdict().get("before")
        if name.split()[0] not in _NOT_PLACES:
            found.add(name.lower())
    return frozenset(found)


def renamed(sentence: str, claim_texts: tuple[str, ...]) -> tuple[str, str] | None:
    """A place (or agent) of the sentence where the claim names another, and that other."""
    joined = " ".join(claim_texts)
    for pattern in (_PLACE, _AGENT):
        mine = named(sentence, pattern)
        theirs = named(joined, pattern)
        if not mine or not theirs:
            continue
        lowered = sentence.lower()
        if any(name in lowered for name in theirs):
            continue
        lowered_claim = joined.lower()
        new = sorted(name for name in mine if name not in lowered_claim)
        if new:
            return new[0], sorted(theirs)[0]
    return None
