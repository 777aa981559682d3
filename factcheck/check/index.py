"""Candidate retrieval: a BM25 inverted index over claim terms.

Scoring every claim with rapidfuzz for every sentence is quadratic in
practice (100 sentences x 100,000 claims is minutes); the index returns a
short list of candidates that the matcher then re-scores.

Postings are *impact-ordered*: each term keeps its claims sorted by their
precomputed BM25 term weight, packed into bytes. A query reads at most
``depth`` postings per term, so a word that occurs in half of a 100,000-claim
database costs as much as a rare one, and the whole index is a few plain
values that ``marshal`` writes and reads in milliseconds (see ``cache``).
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from array import array
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from factcheck.model import Claim
from factcheck.text.normalize import word_term, words
from factcheck.text.patterns import LazyPattern

BM25_K1 = 1.2
BM25_B = 0.75
# Postings read per query term. A claim outside a term's top 500 weights
# gains little from that term: a term that common has a low idf. On CLEF
# (train) MAP@5 is 0.825 with 1,000 and 0.822 with 500, which halves the
# search time of a 100,000-claim database (bench/scale.py).
DEPTH = 500

_URL = LazyPattern(
    r"(?:https?://|www\.|pic\.twitter\.com/)\S*", ("http", "www.", "pic."), re.IGNORECASE
)
# A pasted tweet ends with its signature: "— Ilhan Omar (@IlhanMN) January 6, 2020".
_SIGNATURE = LazyPattern(
    r"\s[—–-]+\s[^—–\n]{0,80}\(@\w+\)(?:\s+\w+\.? \d{1,2}, \d{4})?\s*$", ("(@",)
)
_TAG = re.compile(r"[#@](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")


def clean_text(text: str) -> str:
    """Text as its words: links and tweet signatures removed, tags split.

    "#BlackLivesMatter" and "@realDonaldTrump" are written without spaces;
    the claims they match spell the words out, so a tag counts as its
    words and as itself.
    """
    text = _SIGNATURE.sub(" ", _URL.sub(" ", text))
    return _TAG.sub(_split_tag, text) if "#" in text or "@" in text else text


def _split_tag(match: re.Match[str]) -> str:
    tag = match.group(1)
    words = _CAMEL.sub(" ", tag)
    return f" {words} {tag} " if words != tag else f" {tag} "


_TERMS: dict[str, str] = {}
_TERMS_LIMIT = 500_000


def index_terms(text: str) -> list[str]:
    """The terms a text is indexed and searched by (``normalize.terms``).

    Stemming is the costly part of indexing 100,000 claims and they share a
    vocabulary, so each word's term is computed once and remembered.
    """
    found = []
    for word in words(clean_text(text)):
        term = _TERMS.get(word)
        if term is None:
            if len(_TERMS) > _TERMS_LIMIT:
                _TERMS.clear()
            term = _TERMS[word] = word_term(word)
        if term:
            found.append(term)
    return found


@functools.lru_cache(maxsize=4096)
def text_terms(text: str) -> tuple[str, ...]:
    """``index_terms`` of a text the checker asks about many times (a claim's
    passage, a sentence's clauses), kept for the last few thousand texts."""
    return tuple(index_terms(text))


def claim_fields(claim: Claim) -> tuple[str, ...]:
    """The texts a claim is found by: its plain statement, passage and title."""
    fields = [claim.claim]
    if claim.passage and claim.passage != claim.claim:
        fields.append(claim.passage)
    if claim.title:
        fields.append(claim.title)
    return tuple(fields)


class Index(NamedTuple):
    """Per term: idf and its postings (claim numbers, BM25 weights) best first."""

    postings: dict[str, tuple[float, bytes, bytes]]
    size: int

    @classmethod
    def build(cls, texts: Sequence[str]) -> Index:
        """Index texts; claim numbers are positions in ``texts``."""
        counts = [Counter(index_terms(text)) for text in texts]
        lengths = [sum(c.values()) for c in counts]
        average = (sum(lengths) / len(lengths) if lengths else 0.0) or 1.0
        gathered: dict[str, list[tuple[float, int]]] = {}
        for number, (counter, length) in enumerate(zip(counts, lengths, strict=True)):
            norm = BM25_K1 * (1 - BM25_B + BM25_B * length / average)
            for term, tf in counter.items():
                weight = tf * (BM25_K1 + 1) / (tf + norm)
                gathered.setdefault(term, []).append((weight, number))
        size = len(texts)
        postings = {}
        for term, items in gathered.items():
            items.sort(key=lambda item: (-item[0], item[1]))
            idf = math.log(1 + (size - len(items) + 0.5) / (len(items) + 0.5))
            numbers = array("I", (n for _, n in items)).tobytes()
            weights = array("f", (w for w, _ in items)).tobytes()
            postings[term] = (idf, numbers, weights)
        return cls(postings, size)

    def to_plain(self) -> tuple[dict[str, tuple[float, bytes, bytes]], int]:
        """Plain values for ``marshal`` (no classes, nothing to execute)."""
        return self.postings, self.size

    @classmethod
    def from_plain(cls, plain: tuple[dict[str, tuple[float, bytes, bytes]], int]) -> Index:
        postings, size = plain
        return cls(postings, size)

    def document_frequency(self, term: str) -> int:
        """How many claims hold a term."""
        entry = self.postings.get(term)
        return 0 if entry is None else len(entry[1]) // 4

    def idf(self, term: str) -> float:
        """How telling a term is; unknown terms are the most telling of all."""
        entry = self.postings.get(term)
        if entry is None:
            return math.log(1 + (self.size + 0.5) / 0.5)
        return entry[0]

    def search(self, query: str, limit: int, depth: int = DEPTH) -> list[tuple[int, float]]:
        """The ``limit`` best claim numbers for a query, with BM25 scores."""
        return self.search_terms(index_terms(query), limit, depth)

    def search_terms(
        self, query_terms: list[str], limit: int, depth: int = DEPTH
    ) -> list[tuple[int, float]]:
        scores: dict[int, float] = {}
        get = scores.get
        for term, query_count in Counter(query_terms).items():
            entry = self.postings.get(term)
            if entry is None:
                continue
            idf, numbers, weights = entry
            factor = idf * query_count
            # memoryview.cast reads the packed arrays without copying them.
            top = slice(0, depth)
            for number, weight in zip(
                memoryview(numbers).cast("I")[top], memoryview(weights).cast("f")[top], strict=True
            ):
                scores[number] = get(number, 0.0) + factor * weight
        best = heapq.nlargest(limit, scores, key=scores.__getitem__)
        return [(number, scores[number]) for number in best]
