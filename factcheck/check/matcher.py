"""Rank claims for a piece of text: index retrieval, then feature re-scoring.

The index (BM25) proposes candidates; each is re-scored from features that
mean the same thing whatever the database's size, so that a score is an
absolute 0-100 judgement ("this sentence states that claim") that
``DEFAULT_THRESHOLD`` can cut, not just a rank:

- *query coverage*: the idf-weighted share of the text's terms the claim has;
- *claim coverage*: the idf-weighted share of a claim field's terms (its
  statement, passage or title, whichever is covered best) the text has;
- *fuzzy*: rapidfuzz ``token_set_ratio`` of the text against the best field,
  which rewards word order and near-spellings the term sets miss;
- *retrieval*: the candidate's BM25 score relative to the best one's, a
  small tie-breaker between near-equal claims.

The weights sum to 100. They were chosen on the CLEF 2020 claim-retrieval
*train* split (``bench/retrieval.py``; query coverage alone carries most of
the ranking there) among those that keep every case of the verdict table
right over a range of cut-offs, so a score means the same on both.
"""

# Not `from __future__ import annotations`: see factcheck/model.py (start-up).

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from factcheck.check.index import (
    Index,
    claim_fields,
    clean_text,
    index_terms,
    normalized_terms,
    text_terms,
)
from factcheck.check.paraphrase import SYNONYM_WEIGHT, Lexicon, Phrase
from factcheck.check.paraphrase import lexicon as shipped_lexicon
from factcheck.check.termweights import TermWeights
from factcheck.model import Claim, Database, Match
from factcheck.text.normalize import normalize

if TYPE_CHECKING:
    from factcheck.db.cache import Loaded

# How many index candidates are re-scored. On CLEF (train) re-scoring 20, 30 or 50
# gives the same MAP@5 (0.829, 0.828, 0.828): the gold claim is nearly always in the top 20.
CANDIDATES = 20
DEFAULT_THRESHOLD = 62.0

W_QUERY_COVERAGE = 65.0
W_CLAIM_COVERAGE = 10.0
W_FUZZY = 10.0
W_RETRIEVAL = 15.0
# The raw weighted score that separates "states this claim" from "does not"
# on the verdict table (tests/cases/verdicts.yaml: every case right for raw
# cut-offs 46-48); ``calibrate`` maps it onto DEFAULT_THRESHOLD.
RAW_THRESHOLD = 47.0


class ClaimFeatures(NamedTuple):
    """What re-scoring needs of a claim, computed once per claim and kept."""

    terms: frozenset[str]
    fields: tuple[tuple[frozenset[str], float], ...]  # each field's terms and idf weight
    texts: tuple[str, ...]  # each field normalized, as its ``word_set``, for rapidfuzz


class Matcher:
    """Matches text against a database's claims.

    ``index`` may be passed in (from the on-disk cache); otherwise it is
    built from the claims. So may every claim's ``features`` (the cache keeps
    a small database's: see ``features``) and the ``lexicon`` (the shipped one
    with the database's lines, which the cache keeps too).
    """

    def __init__(
        self,
        database: Database,
        candidates: int = CANDIDATES,
        index: Index | None = None,
        features: Sequence[tuple] | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.database = database
        self.candidates = candidates
        self.index = build_index(database.claims) if index is None else index
        self.weights = TermWeights(self.index, _name_terms(database))
        self.lexicon = lexicon or database_lexicon(database)
        self._features: dict[int, ClaimFeatures] = (
            dict(enumerate(map(ClaimFeatures._make, features))) if features else {}
        )

    @classmethod
    def opened(cls, loaded: "Loaded") -> "Matcher":
        """A matcher over an opened database, with what its cache entry kept for it."""
        lexicon = Lexicon(*loaded.lexicon) if loaded.lexicon else None
        return cls(loaded.database, index=loaded.index, features=loaded.features, lexicon=lexicon)

    def features(self) -> list[tuple]:
        """Every claim's features as plain tuples, for the cache to keep.

        A cold start on a small database computes most of them anyway (a
        third of checking a short draft); they depend only on the database
        and the shipped term weights, as the cache entry does.
        """
        return [tuple(self._claim_features(n)) for n in range(len(self.database.claims))]

    def match(
        self, text: str, top_k: int = 5, floor: float | None = None, *, quoted: bool = False
    ) -> list[Match]:
        """The best ``top_k`` claims for ``text``, best first, scores 0-100.

        With a ``floor``, the matches scoring under it are left out but the best:
        a caller that reads nothing of them but the closest claim (the checker)
        is spared their fuzzy scores, the costly part. The matches kept are the
        same, with the same scores, as without it.

        ``quoted`` ranks only the claims that carry a quotation (each with the
        score it has among all claims): a quotation of the draft is one of
        theirs or no claim's, and the claims without one need no fuzzy score.
        """
        cleaned = normalize(clean_text(text))
        # ``index_terms``, kept: the checker has asked for a sentence's (or a clause's)
        # terms already, to split it into clauses.
        query_terms = list(text_terms(text))
        hits = self.index.search_terms(query_terms, self.candidates)
        if not hits:
            return []
        query = _Query.of(cleaned, query_terms, self.weights, self.lexicon)
        best_bm25 = hits[0][1] or 1.0
        # Every feature but the fuzzy one first: it is the costly one, and a claim that
        # could not reach the top even with a perfect fuzzy score needs none.
        claims = self.database.claims
        partial = []
        for number, bm25 in hits:
            if quoted and not claims[number].quote:
                continue
            features = self._claim_features(number)
            raw, coverage = query.coverage(features, bm25 / best_bm25)
            partial.append((raw, number, coverage, features))
        partial.sort(key=lambda p: -p[0])  # ties: the shown order is decided below
        scored: list[Match] = []
        last = -1.0  # the top_k-th score so far: a claim scoring less is not shown
        best = -1.0
        wanted = -1.0 if floor is None else floor
        for raw, number, coverage, features in partial:
            # The most this claim can score; the claims after it can score no more.
            most = _shown(raw + W_FUZZY)
            if len(scored) >= top_k and most < last:
                break
            if most < wanted and most < best:
                break  # under the floor, and not the best
            raw += W_FUZZY * query.fuzzy(features)
            scored.append(Match(claims[number], _shown(raw), round(coverage, 3)))
            best = max(best, scored[-1].score)
            if len(scored) >= top_k:
                scored.sort(key=lambda m: (-m.score, m.claim.id))
                del scored[top_k:]
                last = scored[-1].score
        scored.sort(key=lambda m: (-m.score, m.claim.id))
        return [m for n, m in enumerate(scored[:top_k]) if not n or m.score >= wanted]

    def _claim_features(self, number: int) -> ClaimFeatures:
        features = self._features.get(number)
        if features is None:
            idf = self.weights
            # Cleaned as the query is (``_Query.of``), and normalized once for both uses.
            texts = [normalize(clean_text(t)) for t in claim_fields(self.database.claims[number])]
            field_terms = [frozenset(normalized_terms(t)) for t in texts]
            features = ClaimFeatures(
                frozenset().union(*field_terms),
                tuple((terms, sum(idf(t) for t in terms)) for terms in field_terms),
                tuple(map(word_set, texts)),
            )
            self._features[number] = features
        return features


def database_lexicon(database: Database) -> Lexicon:
    """The shipped paraphrase lexicon with a database's own lines."""
    return shipped_lexicon().extended(database.paraphrases)


def _name_terms(database: Database) -> frozenset[str]:
    """The terms of people's names (see ``TermWeights``), without their titles.

    Only people: an organization's or a document's name ("the memo") is
    often the subject of a claim, and a title ("Attorney General") is
    written in the speaker's role as well.
    """
    names: set[str] = set()
    for speaker in database.speakers.values():
        if speaker.kind in ("person", "organization"):
            title = set(index_terms(speaker.role or ""))
            names.update(t for name in speaker.names for t in index_terms(name) if t not in title)
    return frozenset(names)


def _shown(raw: float) -> float:
    """A raw score as a match shows it: calibrated, to one decimal (monotonic in ``raw``)."""
    return round(calibrate(raw), 1)


def calibrate(raw: float) -> float:
    """Map a raw 0-100 score so that ``RAW_THRESHOLD`` lands on ``DEFAULT_THRESHOLD``.

    Piecewise linear and increasing: ranks are unchanged, only the scale
    moves, so ``--threshold`` keeps the meaning the README gives it.
    """
    raw = min(max(raw, 0.0), 100.0)
    if raw <= RAW_THRESHOLD:
        return raw * DEFAULT_THRESHOLD / RAW_THRESHOLD
    slope = (100.0 - DEFAULT_THRESHOLD) / (100.0 - RAW_THRESHOLD)
    return DEFAULT_THRESHOLD + (raw - RAW_THRESHOLD) * slope


def build_index(claims: Sequence[Claim]) -> Index:
    """The retrieval index of a database's claims (claim number = position)."""
    return Index.build([" ".join(claim_fields(c)) for c in claims])


class _Query(NamedTuple):
    """A text prepared once for scoring against many candidates."""

    text: str  # the cleaned text's ``word_set``, for the fuzzy score
    idf: dict[str, float]  # each distinct term's idf
    weight: float
    paraphrases: list[tuple[Phrase, tuple[Phrase, ...]]]  # the text's phrases and alternatives
    # Every term of those alternatives: a claim with none of them takes no alternative.
    alternative_terms: frozenset[str]
    weights: TermWeights

    @classmethod
    def of(cls, cleaned: str, terms: list[str], weights: TermWeights, lexicon: Lexicon) -> "_Query":
        """``cleaned`` is the text cleaned and normalized (``normalize(clean_text(…))``)."""
        idf = dict(zip(terms, map(weights, terms), strict=True))
        paraphrases = lexicon.alternatives(idf)
        alternative_terms = frozenset(
            term for _phrase, alternatives in paraphrases for a in alternatives for term in a
        )
        weight = sum(idf.values())
        return cls(word_set(cleaned), idf, weight, paraphrases, alternative_terms, weights)

    def _paraphrased(self, claim_terms: frozenset[str]) -> tuple[set[str], set[str]]:
        """Terms of the text the claim words differently, and the claim's words for them."""
        mine: set[str] = set()
        theirs: set[str] = set()
        for phrase, alternatives in self.paraphrases:
            if claim_terms.issuperset(phrase):
                continue
            for alternative in alternatives:
                if claim_terms.issuperset(alternative):
                    mine.update(phrase)
                    theirs.update(alternative)
                    break
        return mine - claim_terms, theirs

    def coverage(self, claim: ClaimFeatures, retrieval: float) -> tuple[float, float]:
        """The raw score but its fuzzy part (see the module docstring), and the claim
        coverage it rests on."""
        weight_of = self.idf.__getitem__
        shared = claim.terms.intersection(self.idf)
        mine, theirs = (
            self._paraphrased(claim.terms)
            if not claim.terms.isdisjoint(self.alternative_terms)
            else ((), set())
        )
        covered = sum(map(weight_of, shared)) + SYNONYM_WEIGHT * sum(map(weight_of, mine))
        query_coverage = covered / self.weight if self.weight else 0.0
        claim_coverage = 0.0  # the best field's
        for terms, weight in claim.fields:
            if not weight:
                continue
            found = sum(map(weight_of, terms.intersection(shared)))
            if theirs:
                found += SYNONYM_WEIGHT * sum(map(self.weights, terms.intersection(theirs)))
            claim_coverage = max(claim_coverage, found / weight)
        raw = (
            W_QUERY_COVERAGE * query_coverage
            + W_CLAIM_COVERAGE * claim_coverage
            + W_RETRIEVAL * retrieval
        )
        return raw, claim_coverage

    def fuzzy(self, claim: ClaimFeatures) -> float:
        """rapidfuzz's ``token_set_ratio`` of the text against the claim's best field, 0-1."""
        best = _best_token_set()(self.text, claim.texts)
        return best[1] / 100 if best else 0.0


def word_set(text: str) -> str:
    """A normalized text's distinct words, sorted, between single spaces.

    ``token_set_ratio`` reads nothing of a text but its set of words: on this
    form it scores the same, and rapidfuzz has fewer words to sort and
    deduplicate each time it reads it (a claim's fields are read for every
    sentence that meets the claim). Normalized: its only spaces are single
    ones, which Python and rapidfuzz split words at alike.
    """
    return " ".join(sorted(set(text.split())))


@functools.cache
def _best_token_set() -> Callable[[str, Sequence[str]], tuple | None]:
    """rapidfuzz's best ``token_set_ratio`` among texts, imported for the first fuzzy
    score (start-up), then had without an import statement per candidate."""
    from rapidfuzz import fuzz, process

    return functools.partial(process.extractOne, scorer=fuzz.token_set_ratio)
