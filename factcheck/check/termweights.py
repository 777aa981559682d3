"""Term weights that mean the same for 29 claims and for a million.

A database's own idf is only as good as its size. In a 29-claim database
every word it lacks gets the top weight, so a reporter's framing ("told",
"Tuesday", "data show") counts as much as "Nogales" and drowns the content
of the sentence. The weight of a term therefore blends the database's
document frequency with a background one: English word frequencies
(``lexicon/background-en.txt``, from wordfreq), read as if ``PRIOR_CLAIMS``
claims of ordinary English stood beside the database. A small database
leans on the background; a large one on its own counts, so a score keeps
its meaning as the database grows.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from pathlib import Path

from factcheck.check.index import Index

# Pseudo-claims of background English added to the database's own counts.
# Chosen with WORDS_PER_CLAIM on the CLEF 2020 train split (bench/retrieval.py: MAP@5
# 0.822 -> 0.839; 5,000 pseudo-claims gave 0.835, 20,000 0.836).
PRIOR_CLAIMS = 50_000
# Words in a typical claim: turns a word's frequency into a claim's chance of holding it.
WORDS_PER_CLAIM = 60
# The rarest Zipf value the table keeps; rarer words are taken as this rare. 3.5
# rather than 3.0 halves the table and its load at start-up, for a CLEF train MAP@5
# of 0.836 instead of 0.839.
ZIPF_FLOOR = 3.5
# How much a term of a speaker's name counts towards a match.
NAME_WEIGHT = 0.5
BACKGROUND_FILE = Path(__file__).with_name("lexicon") / "background-en.txt"


class Background(Mapping[str, float]):
    """Zipf values of English terms, looked up by bisection in the table's sorted lines.

    A run looks up a few hundred terms; building a dict of all 11,700 would
    cost it about 2 ms of start-up, splitting the file into lines a fifth of that.
    """

    def __init__(self, text: str) -> None:
        lines = text.splitlines()
        start = 0
        while start < len(lines) and lines[start].startswith("#"):
            start += 1
        self._lines = lines[start:]

    def __getitem__(self, term: str) -> float:
        key = f"{term} "
        at = bisect_left(self._lines, key)
        if at < len(self._lines) and self._lines[at].startswith(key):
            return float(self._lines[at][len(key) :])
        raise KeyError(term)

    def __iter__(self) -> Iterator[str]:
        return (line.partition(" ")[0] for line in self._lines)

    def __len__(self) -> int:
        return len(self._lines)


_BACKGROUND: list[Background] = []


def background() -> Background:
    """The shipped table, read once (on first match)."""
    if not _BACKGROUND:
        _BACKGROUND.append(Background(BACKGROUND_FILE.read_text(encoding="utf-8")))
    return _BACKGROUND[0]


class TermWeights:
    """Blended idf of terms for one index; each term's weight is computed once.

    ``names`` are the terms of speakers' names: who said a thing is checked
    as attribution, so a name weighs ``NAME_WEIGHT`` of its idf in matching
    ("Libal did not mince words" states no claim about Libal).
    """

    def __init__(self, index: Index, names: frozenset[str] = frozenset()) -> None:
        self.index = index
        self.names = names
        self._table = background()
        self._weights: dict[str, float] = {}
        self._claims = index.size + PRIOR_CLAIMS

    def __call__(self, term: str) -> float:
        weight = self._weights.get(term)
        if weight is None:
            weight = self._weigh(term) * (NAME_WEIGHT if term in self.names else 1.0)
            self._weights[term] = weight
        return weight

    def _weigh(self, term: str) -> float:
        zipf = max(self._table.get(term, ZIPF_FLOOR), ZIPF_FLOOR)
        share = min(1.0, WORDS_PER_CLAIM * 10 ** (zipf - 9))
        found = self.index.document_frequency(term) + PRIOR_CLAIMS * share
        return math.log(1 + (self._claims - found + 0.5) / (found + 0.5))
