"""Places: a sentence that moves a claim somewhere else does not state it.

"Grassroots Leadership, based in Houston, works for …" shares every word of
the claim but its place. A place here is a capitalized name after "in",
"at", "from", "near" or "based in", or before "-based"; the sentence renames
the claim's place when it names places, the claim names places, and they
have none in common.
"""

from __future__ import annotations

import re

_NAME = r"[A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+){0,2}"
_PLACE = re.compile(
    rf"\b(?:in|at|from|near|outside|based[ \u00a0]in)[ \u00a0](?P<after>{_NAME})"
    rf"|\b(?P<before>{_NAME})(?:,[ \u00a0]{_NAME})?-based\b"
)
# Capitalized words after "in" that are times, not places.
_NOT_PLACES = frozenset(
    """
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An This That His Her Their
    Its Our Congress Court
    """.split()
)


def place_names(text: str) -> set[str]:
    """The places a text names, lower-cased."""
    found = set()
    for match in _PLACE.finditer(text):
        name = match.group("after") or match.group("before")
        if name.split()[0] not in _NOT_PLACES:
            found.add(name.lower())
    return found


def renamed_place(sentence: str, claim_texts: tuple[str, ...]) -> tuple[str, str] | None:
    """A place of the sentence where the claim names another, and that other place."""
    mine = place_names(sentence)
    if not mine:
        return None
    joined = " ".join(claim_texts)
    theirs = place_names(joined)
    lowered = sentence.lower()
    if not theirs or any(place in lowered for place in theirs):
        return None
    lowered_claim = joined.lower()
    new = sorted(place for place in mine if place not in lowered_claim)
    return (new[0], sorted(theirs)[0]) if new else None
