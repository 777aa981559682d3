"""Rank claims for a piece of text: index retrieval, then rapidfuzz re-scoring."""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.index import Index, claim_text
from factcheck.model import Claim, Database, Match
from factcheck.normalize import normalize, terms

# How many index candidates are re-scored with rapidfuzz. Measured on the
# CLEF benchmark: gold claims sit in the BM25 top 50 for nearly every query.
CANDIDATES = 50
DEFAULT_THRESHOLD = 62.0


@dataclass
class Matcher:
    """Matches text against a database's claims."""

    database: Database
    candidates: int = CANDIDATES
    index: Index = field(init=False, repr=False)
    _fields: list[tuple[str, str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        claims = self.database.claims
        self.index = Index.build([claim_text(c) for c in claims])
        self._fields = [(normalize(c.claim), normalize(c.passage)) for c in claims]

    def match(self, text: str, top_k: int = 5) -> list[Match]:
        """The best ``top_k`` claims for ``text``, best first, scores 0-100."""
        hits = self.index.search(text, self.candidates)
        if not hits:
            return []
        query = normalize(text)
        query_terms = set(terms(text))
        best_bm25 = hits[0][1] or 1.0
        scored = []
        for number, bm25 in hits:
            claim = self.database.claims[number]
            score = similarity(query, query_terms, self._fields[number], claim)
            # A little of the index's view breaks ties between near-equal claims.
            score = 0.9 * score + 10.0 * (bm25 / best_bm25)
            scored.append(Match(claim, round(min(score, 100.0), 1)))
        scored.sort(key=lambda m: (-m.score, m.claim.id))
        return scored[:top_k]


def similarity(query: str, query_terms: set[str], fields: tuple[str, str], claim: Claim) -> float:
    """How well normalized text states a claim, 0-100.

    ``token_set_ratio`` forgives extra words on either side (drafts add
    context, passages carry more than the claim) but scores a two-word
    fragment of a long passage at 100; weighting it by how much of the
    query's content the claim covers keeps short fragments from winning.
    """
    from rapidfuzz import fuzz

    statement, passage = fields
    set_score = max(fuzz.token_set_ratio(query, statement), fuzz.token_set_ratio(query, passage))
    sort_score = max(fuzz.token_sort_ratio(query, statement), fuzz.token_sort_ratio(query, passage))
    claim_terms = set(terms(claim.claim + " " + claim.passage))
    coverage = len(query_terms & claim_terms) / len(query_terms) if query_terms else 0.0
    return 0.45 * set_score + 0.25 * sort_score + 30.0 * coverage
