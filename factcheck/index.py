"""Candidate retrieval: a BM25 inverted index over claim terms.

Scoring every claim with rapidfuzz for every sentence is quadratic in
practice (100 sentences x 100,000 claims is minutes); the index returns a
short list of candidates that the matcher then re-scores.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.model import Claim
from factcheck.normalize import terms

BM25_K1 = 1.2
BM25_B = 0.75


def claim_text(claim: Claim) -> str:
    """What a claim is found by: its plain statement, passage and quote."""
    parts = [claim.claim]
    if claim.passage and claim.passage != claim.claim:
        parts.append(claim.passage)
    return " ".join(parts)


@dataclass
class Index:
    """Postings per term (claim number, term frequency) and BM25 statistics."""

    postings: dict[str, list[tuple[int, int]]]
    lengths: list[int]
    average_length: float

    @classmethod
    def build(cls, texts: Sequence[str]) -> Index:
        postings: dict[str, list[tuple[int, int]]] = {}
        lengths = []
        for number, text in enumerate(texts):
            counts = Counter(terms(text))
            lengths.append(sum(counts.values()))
            for term, count in counts.items():
                postings.setdefault(term, []).append((number, count))
        average = sum(lengths) / len(lengths) if lengths else 1.0
        return cls(postings, lengths, average or 1.0)

    def idf(self, term: str) -> float:
        n = len(self.lengths)
        df = len(self.postings.get(term, ()))
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def search(self, query: str, limit: int) -> list[tuple[int, float]]:
        """The ``limit`` best claim numbers for a query, with BM25 scores."""
        scores: dict[int, float] = {}
        lengths = self.lengths
        norm = BM25_K1 * (1 - BM25_B)
        slope = BM25_K1 * BM25_B / self.average_length
        for term, query_count in Counter(terms(query)).items():
            postings = self.postings.get(term)
            if not postings:
                continue
            weight = self.idf(term) * query_count
            for number, count in postings:
                denominator = count + norm + slope * lengths[number]
                scores[number] = (
                    scores.get(number, 0.0) + weight * count * (BM25_K1 + 1) / denominator
                )
        return heapq.nlargest(limit, scores.items(), key=lambda item: item[1])
