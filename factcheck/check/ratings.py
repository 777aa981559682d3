"""Fact-check ratings: published textual ratings to the normalized classes ``verify`` reads.

Reviewers rate in their own words ("Pants on Fire", "Four Pinocchios",
"Faux"); the checker needs one answer: does a sentence stating the claim
pass (``supports``), fail (``debunks``) or get reported (``reports``)? The
classes, their effects and the table of textual ratings are data
(``lexicon/ratings.yaml``), reviewable in one file; a database adds its
own reviewers' words under its top-level ``ratings:`` key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

RATINGS_FILE = Path(__file__).with_name("lexicon") / "ratings.yaml"
EFFECTS = ("supports", "debunks", "reports")
UNRATED = "unrated"
# A long rating's first words: "False. The photo is from 2015." is rated "False".
_LEAD = re.compile(r"^(.+?)\s*(?:[.:;,!(]|\s[-–—]\s)")
_PUNCTUATION = re.compile(r"[^\w\s]")


class RatingTable(NamedTuple):
    """The classes with their effects, and textual ratings (by key) to classes."""

    effects: dict[str, str]
    texts: dict[str, str]

    def classify(
        self,
        rating: str,
        value: float | None = None,
        best: float | None = None,
        worst: float | None = None,
        extra: Mapping[str, str] | None = None,
    ) -> str:
        """The class of a rating: by its words (the database's first), else by its
        place on the reviewer's scale, else ``unrated``.

        Words come first: a reviewer's scale is its own ("1 of 5" is "true" for
        some), its words say what it meant.
        """
        for key in _keys(rating):
            found = (extra or {}).get(key) or self.texts.get(key)
            if found:
                return found
        if value is not None and best is not None and worst is not None and best != worst:
            share = (value - worst) / (best - worst)
            if 0 <= share <= 1:
                return _by_share(share)
        return UNRATED

    def effect(self, rating_class: str) -> str:
        """What a sentence stating a claim of this class gets (``reports`` for a class
        the table does not know: never passed)."""
        return self.effects.get(rating_class, "reports")


def _by_share(share: float) -> str:
    """schema.org's five-point convention (1 false, 2 mostly false, 3 mixed, 4 mostly
    true, 5 true), for any scale."""
    classes = ("false", "mostly-false", "mixed", "mostly-true", "true")
    return classes[min(4, round(share * 4))]


def rating_key(text: str) -> str:
    """A rating as the table looks it up: case-blind, without punctuation or extra spaces."""
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


def _keys(rating: str) -> tuple[str, ...]:
    """The whole rating, then its first words before a stop."""
    whole = rating_key(rating)
    lead = _LEAD.match(rating.strip())
    first = rating_key(lead.group(1)) if lead else ""
    return (whole, first) if first and first != whole else (whole,)


def read_ratings(data: Any, classes: Mapping[str, str] | None = None) -> dict[str, str]:
    """A ``ratings:`` mapping (class → list of textual ratings) as keys → classes.

    Raises ``ValueError`` naming what is wrong (the database loader turns it
    into a problem with its line).
    """
    if not isinstance(data, Mapping):
        raise ValueError("ratings must map a class to a list of textual ratings")
    known = classes if classes is not None else table().effects
    texts: dict[str, str] = {}
    for rating_class, words in data.items():
        if rating_class not in known:
            raise ValueError(f"unknown rating class {rating_class!r} (use {', '.join(known)})")
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ValueError(f"ratings of {rating_class!r} must be a list of text")
        for word in words:
            texts[rating_key(word)] = rating_class
    return texts


_TABLE: list[RatingTable] = []


def table() -> RatingTable:
    """The shipped table, read once (only a database with reviews needs it)."""
    if not _TABLE:
        import yaml

        data = yaml.safe_load(RATINGS_FILE.read_text(encoding="utf-8"))
        effects = {str(name): spec["effect"] for name, spec in data["classes"].items()}
        _TABLE.append(RatingTable(effects, read_ratings(data["ratings"], effects)))
    return _TABLE[0]
