"""What a cache entry's payload must look like, checked before any of it is used.

The MAC (see :mod:`factcheck.db.cache`) makes an entry one this user's own
runs wrote; these checks are the second line, against our own mistakes or a
leaked secret: an entry of the wrong shape is rebuilt, never half used.
Everything small is checked when the entry is read (files, sources,
speakers, links, the index's structure, the claim rows' lengths and the
sources and speakers they name); each claim row's values are checked when
the claim is built (``LazyClaims``), which keeps a hit on 100,000 claims
from paying 120 ms to type-check rows it never reads.

The types are of a row's *stored* values (see :class:`factcheck.plain.RowCodec`):
a location is an int, a date an ordinal, a source or speaker an id.
``tests/test_cache.py`` checks that each table names every field of its record.
"""

from __future__ import annotations

from array import array
from datetime import date
from itertools import chain
from operator import itemgetter
from typing import Any

from factcheck.model import Claim, Figure, Review, Source, Speaker

_NONE = type(None)
_TEXT = frozenset({str})
_MAYBE_TEXT = frozenset({str, _NONE})
_TEXTS = frozenset({tuple})  # of str, checked item by item
_ORDINAL = frozenset({int, _NONE})
_NUMBER = frozenset({int, float, _NONE})
_LAST_DAY = date.max.toordinal()

FIELD_TYPES: dict[type, dict[str, frozenset[type]]] = {
    Source: {
        "id": _TEXT, "title": _TEXT, "publisher": _TEXT, "kind": _TEXT, "place": _MAYBE_TEXT,
        "date": _ORDINAL, "url": _MAYBE_TEXT, "path": _MAYBE_TEXT, "text": _MAYBE_TEXT,
        "external": frozenset({bool}), "location": frozenset({int}),
    },
    Speaker: {
        "id": _TEXT, "name": _TEXT, "kind": _TEXT, "role": _MAYBE_TEXT,
        "affiliation": _MAYBE_TEXT, "aliases": _TEXTS, "authors": _TEXTS,
        "location": frozenset({int}),
    },
    Claim: {
        "id": _TEXT, "source": _TEXT, "speaker": _TEXT, "type": _TEXT, "claim": _TEXT,
        "passage": _TEXT, "quote": _MAYBE_TEXT, "figures": frozenset({tuple}),
        "context": _MAYBE_TEXT, "tags": _TEXTS, "same_as": _TEXTS, "title": _MAYBE_TEXT,
        "review": frozenset({tuple, _NONE}), "location": frozenset({int}),
    },
    Review: {
        "rating": _TEXT, "rating_class": _TEXT, "value": _NUMBER, "best": _NUMBER,
        "worst": _NUMBER, "reviewer": _MAYBE_TEXT, "date": _ORDINAL, "url": _MAYBE_TEXT,
        "language": _MAYBE_TEXT,
    },
    Figure: {
        "text": _TEXT, "value": frozenset({int, float}), "unit": _TEXT, "counts": _MAYBE_TEXT,
        "year": frozenset({int, _NONE}), "span": frozenset({tuple, _NONE}),
        "qualifier": _MAYBE_TEXT, "parts": _TEXTS,
    },
}  # fmt: skip
_ORDER = {kind: [types[name] for name in kind._fields] for kind, types in FIELD_TYPES.items()}


def row_sound(kind: type, row: Any) -> bool:
    """Whether a stored row of ``kind`` has the right length and a value of a
    right type in every field (text tuples of text, figures sound too)."""
    if type(row) is not tuple or len(row) != len(kind._fields):
        return False
    for value, allowed in zip(row, _ORDER[kind], strict=True):
        if type(value) not in allowed:
            return False
        if allowed is _TEXTS and set(map(type, value)) - _TEXT:
            return False
        if allowed is _ORDINAL and value is not None and not 0 < value <= _LAST_DAY:
            return False  # no calendar day: ``date.fromordinal`` would overflow
    if kind is Claim:
        review = row[Claim._fields.index("review")]
        return all(
            row_sound(Figure, figure) for figure in row[Claim._fields.index("figures")]
        ) and (review is None or row_sound(Review, review))
    if kind is Figure:
        span = row[Figure._fields.index("span")]
        return span is None or (len(span) == 2 and set(map(type, span)) <= {int, _NONE})
    return True


def payload_sound(plain: Any, parts: tuple[str, ...], others: tuple[str, ...]) -> bool:
    """Whether a payload has every part, of the right shape, before any is used.

    ``parts`` are the payload's keys; ``others`` the Database fields kept as
    they are (tuples of text, such as paraphrases).
    """
    if type(plain) is not dict or set(plain) != set(parts):
        return False
    files, sources, speakers = plain["files"], plain["sources"], plain["speakers"]
    if type(files) is not list or set(map(type, files)) - _TEXT:
        return False
    if type(sources) is not list or not all(row_sound(Source, r) for r in sources):
        return False
    if type(speakers) is not list or not all(row_sound(Speaker, r) for r in speakers):
        return False
    other = plain["other"]
    if type(other) is not dict or set(other) != set(others):
        return False
    if not all(type(v) is tuple and not set(map(type, v)) - _TEXT for v in other.values()):
        return False
    return (
        _links_sound(plain["links"])
        and _index_sound(
            plain["index"], claims=len(plain["claims"]) if type(plain["claims"]) is list else -1
        )
        and _claim_rows_sound(plain["claims"], {r[0] for r in sources}, {r[0] for r in speakers})
        and _features_sound(plain["features"], claims=len(plain["claims"]))
        and _lexicon_sound(plain["lexicon"])
    )


def _lexicon_sound(lexicon: Any) -> bool:
    """Synonym groups of phrases (non-empty tuples of terms), pairs of opposite word
    lists, the denying words, pairs of contrasts, the words of facts of their own, the
    hedges and the modals (``check.paraphrase.Lexicon.plain``)."""
    if type(lexicon) is not tuple or len(lexicon) != 7:
        return False
    synonyms, opposites, negations, contrasts, unstated, hedges, modals = lexicon
    if not (_words_sound(unstated) and _words_sound(hedges) and _words_sound(modals)):
        return False
    if type(synonyms) is not tuple or type(opposites) is not tuple or type(contrasts) is not tuple:
        return False
    opposites = (*opposites, *contrasts)
    phrases = [phrase for group in synonyms if type(group) is tuple for phrase in group]
    if len(phrases) != sum(len(g) for g in synonyms if type(g) is tuple) or not all(
        type(g) is tuple for g in synonyms
    ):
        return False
    sides = [side for pair in opposites if type(pair) is tuple and len(pair) == 2 for side in pair]
    if len(sides) != 2 * len(opposites):
        return False
    return all(
        _words_sound(words) and (words or words is negations)
        for words in (*phrases, *sides, negations)
    ) and all(phrases)


def _words_sound(words: Any) -> bool:
    return type(words) is tuple and not set(map(type, words)) - _TEXT


def _features_sound(features: Any, claims: int) -> bool:
    """None, or per claim: its terms, each field's terms and weight, each field's text
    (``check.matcher.ClaimFeatures``); the terms are the fields' together."""
    if features is None:
        return True
    if type(features) is not list or len(features) != claims:
        return False
    for feature in features:
        if type(feature) is not tuple or len(feature) != 3:
            return False
        terms, fields, texts = feature
        if type(fields) is not tuple or type(texts) is not tuple or not fields:
            return False
        if len(fields) != len(texts) or set(map(type, texts)) - _TEXT:
            return False
        if not all(_field_sound(field) for field in fields):
            return False
        if type(terms) is not frozenset or terms != frozenset().union(*(f[0] for f in fields)):
            return False
    return True


def _field_sound(field: Any) -> bool:
    if type(field) is not tuple or len(field) != 2:
        return False
    terms, weight = field
    # A weight is a finite float, or 0 for a field without terms (an empty sum); an int
    # past float's range would make coverage's division overflow.
    return (
        type(terms) is frozenset
        and not set(map(type, terms)) - _TEXT
        and ((type(weight) is float and 0 <= weight < float("inf")) or weight == 0)
        and type(weight) in (int, float)
    )


def _links_sound(links: Any) -> bool:
    if links is None:
        return True
    return type(links) is dict and all(
        type(k) is str and type(v) is tuple and not set(map(type, v)) - {int}
        for k, v in links.items()
    )


def _index_sound(index: Any, claims: int) -> bool:
    """The index's postings: per term, an idf and two packed arrays of one length,
    over as many claims as the entry holds; a term's claims are claims of the entry
    (the matcher reads the count into idf and looks each number up)."""
    if type(index) is not tuple or len(index) != 2:
        return False
    postings, size = index
    if type(postings) is not dict or type(size) is not int or size != claims:
        return False
    return all(
        type(term) is str
        and type(entry) is tuple
        and len(entry) == 3
        and type(entry[0]) is float
        and type(entry[1]) is bytes
        and type(entry[2]) is bytes
        and len(entry[1]) == len(entry[2])
        and len(entry[1]) % 4 == 0
        and len(entry[1]) // 4 <= size
        and (not entry[1] or max(array("I", entry[1])) < size)
        for term, entry in postings.items()
    )


def _claim_rows_sound(rows: Any, sources: set[Any], speakers: set[Any]) -> bool:
    """Rows, their lengths and the sources and speakers they name; about 25 ms
    for 100,000 rows (their values are checked as each claim is built)."""
    if type(rows) is not list or set(map(type, rows)) - {tuple}:
        return False
    if set(map(len, rows)) - {len(Claim._fields)}:
        return False
    at = {name: n for n, name in enumerate(Claim._fields)}
    figures = list(chain.from_iterable(map(itemgetter(at["figures"]), rows)))
    return (
        set(map(itemgetter(at["source"]), rows)) <= sources
        and set(map(itemgetter(at["speaker"]), rows)) <= speakers
        and set(map(type, figures)) <= {tuple}
    )
