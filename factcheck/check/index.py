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
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, compress, count, filterfalse, islice, repeat
from operator import eq, itemgetter
from typing import NamedTuple, Protocol

from factcheck.memo import Memo
from factcheck.model import Claim
from factcheck.text.normalize import fold, normalize, normalized_words, word_term
from factcheck.text.patterns import LazyPattern

BM25_K1 = 1.2
BM25_B = 0.75
# A term counted more often in one claim counts as this often (the old packed counts' limit).
MAX_TF = 65535
# Postings read per query term. A claim outside a term's top 500 weights
# gains little from that term: a term that common has a low idf. On CLEF
# (train) MAP@5 is 0.825 with 1,000 and 0.822 with 500, which halves the
# search time of a 100,000-claim database (bench/scale.py).
DEPTH = 500

# The rarest query terms are read whole, however common: a claim whose every
# term is common is in no term's top DEPTH postings of a million claims, but it
# is in the postings of its rarest terms (bench/scale.py, 50 queries of half a
# claim's words at 1,000,000 claims: 44/50 found first with DEPTH alone, 50/50 so).
WHOLE_TERMS = 3
WHOLE_LIMIT = 100_000  # postings: a term commoner than this is read to DEPTH only

# A link's start is matched in ASCII's cases only (``(?ai:``): under Unicode's, "pİc." is
# "pic." too, which the test for "pic." in the lower-cased text (where "İ" is "i̇") misses,
# so a text's links would depend on the texts indexed with it (``terms_of``).
_URL = LazyPattern(r"(?ai:https?://|www\.|pic\.twitter\.com/)\S*", ("http", "www.", "pic."))
# A pasted tweet ends with its signature: "— Ilhan Omar (@IlhanMN) January 6, 2020". A
# dash glued to a link before it is one too ("pic.twitter.com/yg0— Sonlight (@JOE) …"),
# and a sentence may be all signature (one the segmenter split from the post).
_SIGNATURE = LazyPattern(
    r"(?:(?:^|\s)[—–-]+|[—–]+)\s[^—–\n]{0,80}\(@\w+\)(?:\s+\w+\.? \d{1,2}, \d{4})?\s*$",
    ("(@",),
)
_TAG = re.compile(r"[#@](\w+)")


def clean_text(text: str) -> str:
    """Text as its words: links and tweet signatures removed, tags split.

    "#BlackLivesMatter" and "@realDonaldTrump" are written without spaces;
    the claims they match spell the words out, so a tag counts as its
    words and as itself.
    """
    text = _URL.sub(" ", unsigned(text))
    return _TAG.sub(_split_tag, text) if "#" in text or "@" in text else text


def unsigned(text: str) -> str:
    """A text without the signature a pasted post ends with: who posted it and when is
    no part of what it states (its date is no figure of the post's, nor its handle a
    word)."""
    return _SIGNATURE.sub(" ", text).rstrip(" ") if "(@" in text else text


def _split_tag(match: re.Match[str]) -> str:
    tag = match.group(1)
    words = _camel().sub(" ", tag)
    return f" {words} {tag} " if words != tag else f" {tag} "


@functools.cache
def _camel() -> re.Pattern[str]:
    """Where a tag's words meet ("BlackLivesMatter"), compiled for the first tag:
    most drafts have none."""
    return re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")


# Claims indexed together are joined by BREAK, whose term is a line break (see ``terms_of``).
BREAK = "\0"
_JOINER = f"\n{BREAK}\n"

# Stemming is the costly part of indexing 100,000 claims and they share a vocabulary:
# each word's term is worked out once, and a text's words map to terms in C.
_term = Memo(word_term, 500_000).__getitem__


def index_terms(text: str) -> list[str]:
    """The terms a text is indexed and searched by (``normalize.terms``)."""
    return normalized_terms(normalize(clean_text(text)))


def normalized_terms(text: str) -> list[str]:
    """``index_terms`` of a text cleaned and normalized already (``normalize(clean_text(…))``):
    the matcher keeps a claim's normalized text for its fuzzy score too."""
    return list(filter(None, map(_term, normalized_words(text))))


def terms_of(texts: Sequence[str], tokens: Memo | None = None) -> list[list[str]]:
    """``index_terms`` of each text, the same lists, with the texts done together.

    At 100,000 claims, a call per claim to clean, normalize and split was
    most of the index build. Texts with no "#", "@" or NUL are cleaned only of
    links, which never span a line, and ``fold`` works character by
    character, so they are joined by a line break, a NUL and a line break and
    read in one pass: the NUL's term is a line break, and splitting the terms
    there gives each text's own. The rest go one by one.

    The pass splits bytes, not words: every byte no word holds becomes a
    space (``_SPACED``, one table lookup a byte in C) and the rest split at
    spaces into tokens, each a run of words (most of them a word alone).
    A token's terms are those of its words (``_terms_of_token``), worked out
    once per token and kept in ``tokens`` (a builder's own table, for all its
    texts: it goes with the builder, where one for the process held 8 MB at
    the peak of a 100,000-claim first run), so the word pattern runs over
    each distinct token once instead of over all the text: at 100,000 claims
    it was a sixth of a first run.
    """
    if not texts:
        return []
    joined = _JOINER.join(texts)
    alone: dict[int, list[str]] = {}
    if "#" in joined or "@" in joined or joined.count(BREAK) != len(texts) - 1:
        alone = {n: index_terms(t) for n, t in enumerate(texts) if _alone(t)}
        joined = _JOINER.join("" if n in alone else t for n, t in enumerate(texts))
    folded = fold(_URL.sub(" ", joined)).lower()
    spaced = folded.encode("utf-8", "surrogatepass").translate(_SPACED).split()
    table = tokens if tokens is not None else Memo(_terms_of_token, _TOKENS_KEPT)
    terms = list(chain.from_iterable(map(table.__getitem__, spaced)))  # the tables' own strings
    ends = list(compress(count(), map(eq, terms, repeat("\n"))))
    ends.append(len(terms))
    starts = [0, *(end + 1 for end in ends[:-1])]
    found = [terms[start:end] for start, end in zip(starts, ends, strict=True)]
    for number, own in alone.items():
        found[number] = own
    return found


# Bytes no word holds (``WORD_PATTERN``: ASCII letters and digits, with "." or "," between
# digits) nor the texts' separator, as spaces. Bytes of other characters are kept: a
# token holding one is read by the word pattern like any other (``_terms_of_token``).
_SPACED = bytes(
    byte if byte >= 0x80 or chr(byte) in "abcdefghijklmnopqrstuvwxyz0123456789.,\0" else 0x20
    for byte in range(256)
)


def _terms_of_token(token: bytes) -> tuple[str, ...]:
    """The terms of a token of ``terms_of``: its words' (a lone NUL's is a line break)."""
    if token == b"\0":
        return ("\n",)
    words = normalized_words(token.decode("utf-8", "surrogatepass"))
    return tuple(filter(None, map(_term, words)))


_TOKENS_KEPT = 500_000  # tokens whose terms a builder keeps


def _alone(text: str) -> bool:
    """Whether a text's terms need ``index_terms`` alone: tags and tweet
    signatures are read by patterns that span the text."""
    return "#" in text or "@" in text or BREAK in text


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
        builder = PostingsBuilder()
        builder.add_many(texts)
        size = len(texts)
        postings = {
            term: (idf(size, len(numbers) // 4), numbers, weights)
            for term, numbers, weights in builder.runs(builder.average_length())
        }
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
        return idf(self.size, self.document_frequency(term))

    def top_postings(self, term: str, depth: int) -> list[tuple[memoryview, memoryview]]:
        """A term's best ``depth`` postings as (claim numbers, weights), best first."""
        entry = self.postings.get(term)
        if entry is None:
            return []
        _idf, numbers, weights = entry
        # memoryview.cast reads the packed arrays without copying them.
        return [(memoryview(numbers).cast("I")[:depth], memoryview(weights).cast("f")[:depth])]

    def search(self, query: str, limit: int, depth: int = DEPTH) -> list[tuple[int, float]]:
        """The ``limit`` best claim numbers for a query, with BM25 scores."""
        return self.search_terms(index_terms(query), limit, depth)

    def search_terms(
        self, query_terms: list[str], limit: int, depth: int = DEPTH
    ) -> list[tuple[int, float]]:
        """``search_parts`` of this index alone, read straight from its postings.

        The same scores, in the same order, as ``search_parts([(0, self)], …)``:
        a YAML database asks this twice a sentence, where the parts' bookkeeping
        (a frequency tuple and a method call a term, an offset a posting) was
        half the cost of a search over a small database.
        """
        counted = Counter(query_terms)
        postings = self.postings
        entries = {term: entry for term in counted if (entry := postings.get(term)) is not None}
        totals = {term: len(entry[1]) // 4 for term, entry in entries.items()}
        scores: dict[int, float] = {}
        get = scores.get
        for term, total, read in _reading(totals, depth):
            _idf, numbers, weights = entries[term]
            factor = idf(self.size, total) * counted[term]
            found = memoryview(numbers).cast("I")[:read], memoryview(weights).cast("f")[:read]
            for number, weight in zip(*found, strict=True):
                scores[number] = get(number, 0.0) + factor * weight
        return _best(scores, limit)


class PostingsBuilder:
    """Impact-ordered postings of texts added one by one or together, in packed arrays.

    Per term only claim numbers are kept, a number once for each time the
    claim has the term (4 bytes a posting, not a tuple of Python objects):
    the SQLite store indexes a million claims in well under a gigabyte, and
    the YAML path builds its index the same way. Claims' terms are filed
    without a Python loop per term.

    Claims added together are filed shortest first. A term once in each of
    its claims weighs most in the shortest (BM25), so while every claim was
    filed so (``in_order``: ascending length, then number), a term's postings
    are already in weight order and ``runs`` sorts none of them (at 100,000
    claims the sorts were a sixth of a first run).
    """

    def __init__(self, first_number: int = 0) -> None:
        self.next_number = first_number
        self.lengths = array("I")
        self.terms: defaultdict[str, array] = defaultdict(_numbers)
        self.in_order = True
        self._last_length = 0  # of the claim filed last (numbers only ascend)
        self._tokens = Memo(_terms_of_token, _TOKENS_KEPT)  # see ``terms_of``

    def add(self, text: str) -> None:
        found = index_terms(text)
        self.lengths.append(len(found))
        self._follow(len(found), len(found))
        self._post(found, repeat(self.next_number))
        self.next_number += 1

    def add_many(self, texts: Sequence[str]) -> None:
        """``add`` each text, their terms found together (``terms_of``), a chunk at a
        time, and filed the shortest claim first."""
        found: list[list[str]] = []
        for start in range(0, len(texts), _CHUNK):
            found += terms_of(texts[start : start + _CHUNK], self._tokens)
        if not found:
            return
        first = self.next_number
        lengths = list(map(len, found))
        self.lengths.extend(lengths)
        self.next_number += len(found)
        order = sorted(range(len(found)), key=lengths.__getitem__)  # stable: ties by number
        self._follow(lengths[order[0]], lengths[order[-1]])
        filed = [found[offset] for offset in order]
        numbers = map(repeat, map(first.__add__, order), map(len, filed))
        self._post(chain.from_iterable(filed), chain.from_iterable(numbers))

    def _follow(self, shortest: int, longest: int) -> None:
        """Claims filed from ``shortest`` to ``longest`` terms long: still in order?"""
        if shortest < self._last_length:
            self.in_order = False
        self._last_length = longest

    def _post(self, terms: Iterable[str], numbers: Iterable[int]) -> None:
        """Each term's array gets its claim's number, in C: a map over the terms' arrays."""
        deque(map(array.append, map(self.terms.__getitem__, terms), numbers), 0)

    def average_length(self) -> float:
        lengths = self.lengths
        return (sum(lengths) / len(lengths) if lengths else 0.0) or 1.0

    def runs(self, average: float) -> Iterator[tuple[str, bytes, bytes]]:
        """(term, claim numbers, BM25 term weights) per term, best weight first,
        equal weights in claim order.

        ``average`` is the claims' mean length in terms (BM25 normalizes by it).
        The builder is emptied as it goes: a term's numbers are let go once its
        run is made, not held beside all the runs (the peak of indexing 100,000
        claims).
        """
        first = self.next_number - len(self.lengths)
        k1, b = BM25_K1, BM25_B
        norms = [k1 * (1 - b + b * length / average) for length in self.lengths]
        once = [(k1 + 1) / (1 + norm) for norm in norms]  # a term once in a claim
        place = None if self.in_order else _places(self.lengths)
        ranks: _LengthRanks | None = None  # made for the first term a claim repeats
        terms = self.terms
        for term in list(terms):
            postings = terms.pop(term)
            offsets = postings if not first else array("I", map(first.__rsub__, postings))
            if place is not None:  # filed out of order: put in (length, number) order
                offsets = array("I", sorted(offsets, key=place.__getitem__))
            # A claim's repeats of a term were filed side by side.
            repeats = list(compress(offsets, map(eq, offsets, islice(offsets, 1, None))))
            if repeats:
                repeated = Counter(repeats)
                offsets = array("I", filterfalse(repeated.__contains__, offsets))
            weights = array("f", _gathered(once, offsets))
            if repeats:
                ranks = ranks or _LengthRanks.of(self.lengths, average)
                offsets, weights = _with_repeats(offsets, weights, repeated, norms, ranks)
            numbers = offsets if not first else array("I", map(first.__add__, offsets))
            yield term, numbers.tobytes(), weights.tobytes()


def _gathered(values: list[float], offsets: array) -> Sequence[float]:
    """``values[o]`` for each offset: ``itemgetter``'s gather is a third faster than
    a map of ``__getitem__`` (a term's weights at 100,000 claims); it returns a lone
    value, not a tuple, for one offset."""
    if len(offsets) > 1:
        return itemgetter(*offsets)(values)
    return [values[offset] for offset in offsets]


def _places(lengths: array) -> list[int]:
    """Each claim's place (by offset) in ascending (length, number) order."""
    place = [0] * len(lengths)
    for position, offset in enumerate(sorted(range(len(lengths)), key=lengths.__getitem__)):
        place[offset] = position
    return place


def _with_repeats(
    offsets: array,
    weights: array,
    repeated: Counter[int],
    norms: list[float],
    ranks: _LengthRanks,
) -> tuple[array, array]:
    """A term's postings with the claims that hold it more than once put in,
    each where its (higher) weight goes: best first, ties in claim order.

    ``offsets`` is in weight order already (claims with the term once);
    ``repeated`` counts each other claim's repeats. The few are placed by
    bisection and the arrays copied in slices.
    """
    others = sorted((-_weight(extra + 1, norms[n]), n) for n, extra in repeated.items())
    numbers, placed = array("I"), array("f")
    start = 0
    for negative, offset in others:
        at = ranks.place(offsets, -negative, offset, start)
        numbers += offsets[start:at]
        placed += weights[start:at]
        numbers.append(offset)
        placed.append(-negative)
        start = at
    numbers += offsets[start:]
    placed += weights[start:]
    return numbers, placed


class _LengthRanks(NamedTuple):
    """Where a weight goes among claims that hold a term once: their weight is a
    falling function of their length alone, so a claim's place is found by its
    length, bisected in C, not by a Python key per step."""

    lengths: array  # each claim's, by offset
    distinct: list[int]  # the lengths there are, ascending
    falling: list[float]  # minus a once-held term's weight at each, ascending

    @classmethod
    def of(cls, lengths: array, average: float) -> _LengthRanks:
        k1, b = BM25_K1, BM25_B
        distinct = sorted(set(lengths))
        # The same sums as ``runs``' (a claim's norm, then its weight): the same floats.
        falling = [-(k1 + 1) / (1 + k1 * (1 - b + b * length / average)) for length in distinct]
        return cls(lengths, distinct, falling)

    def place(self, offsets: array, weight: float, offset: int, start: int) -> int:
        """Where in ``offsets`` (from ``start``) a claim of this weight goes."""
        at = bisect_left(self.falling, -weight)  # the first length weighing no more
        if at == len(self.distinct):
            return len(offsets)
        length = self.distinct[at]
        lengths = self.lengths
        if self.falling[at] != -weight:  # lighter claims start at that length
            return bisect_left(offsets, length, start, key=lengths.__getitem__)
        # As heavy as the claims of that length: among them, in claim order.
        return bisect_left(offsets, (length, offset), start, key=lambda o: (lengths[o], o))


def _weight(tf: int, norm: float) -> float:
    """BM25's weight of a term a claim holds ``tf`` times (its length is in ``norm``)."""
    tf = min(tf, MAX_TF)
    return tf * (BM25_K1 + 1) / (tf + norm)


# Texts whose terms are found together: big enough that per-call costs vanish, small
# enough that the joined text (a few MB) never matters beside the index.
_CHUNK = 4096


def _numbers() -> array:
    return array("I")


class Postings(Protocol):
    """What candidate search reads of an index, wherever it is stored.

    The in-memory :class:`Index` and the SQLite store's tables both answer
    it, so a score is computed by one function (:func:`search_parts`) and
    means the same whatever the store.
    """

    size: int

    def document_frequency(self, term: str) -> int: ...

    def top_postings(self, term: str, depth: int) -> list[tuple[Sequence[int], Sequence[float]]]:
        """Impact-ordered runs (claim numbers, weights), each cut to ``depth``."""
        ...


class Candidates(Protocol):
    """What the matcher reads of an index: the interface every store's index answers.

    :class:`Index` (YAML, through the cache), the SQLite store's tables and a
    folder of both (``db.store``) implement it; a server backend would too.
    """

    size: int

    def document_frequency(self, term: str) -> int: ...

    def idf(self, term: str) -> float: ...

    def search_terms(
        self, query_terms: list[str], limit: int, depth: int = DEPTH
    ) -> list[tuple[int, float]]: ...


def idf(size: int, frequency: int) -> float:
    """BM25's idf of a term ``frequency`` of ``size`` claims hold (unknown: the highest)."""
    return math.log(1 + (size - frequency + 0.5) / (frequency + 0.5))


def search_parts(
    parts: Sequence[tuple[int, Postings]],
    size: int,
    query_terms: list[str],
    limit: int,
    depth: int = DEPTH,
) -> list[tuple[int, float]]:
    """The ``limit`` best claim numbers of several indexes read as one.

    ``parts`` are (first claim number, index) pairs; a term's idf counts
    every part, so a folder of files ranks as one database would.
    """
    scores: dict[int, float] = {}
    get = scores.get
    counted = Counter(query_terms)
    if len(parts) == 1:  # one store: no list per term
        frequency_of = parts[0][1].document_frequency
        frequencies = {t: (f,) for t in counted if (f := frequency_of(t))}
        totals = {t: f for t, (f,) in frequencies.items()}
    else:
        frequencies = {t: tuple(p.document_frequency(t) for _o, p in parts) for t in counted}
        totals = {t: total for t, f in frequencies.items() if (total := sum(f))}
    for term, total, read in _reading(totals, depth):
        factor = idf(size, total) * counted[term]
        for (offset, part), frequency in zip(parts, frequencies[term], strict=True):
            if not frequency:
                continue
            for numbers, weights in part.top_postings(term, read):
                for number, weight in zip(numbers, weights, strict=True):
                    number += offset
                    scores[number] = get(number, 0.0) + factor * weight
    return _best(scores, limit)


def _reading(totals: dict[str, int], depth: int) -> Iterator[tuple[str, int, int]]:
    """The query's terms (``totals``: how many claims hold each) rarest first, each
    with its total and how many postings to read: ``depth``, or all of them for the
    first ``WHOLE_TERMS`` rarest terms (up to ``WHOLE_LIMIT``). Terms no claim has
    are not in ``totals``."""
    whole = 0  # terms read to the end of their postings
    for term in sorted(totals, key=lambda t: (totals[t], t)):
        total = totals[term]
        read = depth
        if total > depth and whole < WHOLE_TERMS and total <= WHOLE_LIMIT:
            read = total
        whole += read >= total
        yield term, total, read


def _best(scores: dict[int, float], limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best (claim number, score) pairs, best first (ties: first scored)."""
    best = heapq.nlargest(limit, scores, key=scores.__getitem__)
    return [(number, scores[number]) for number in best]
