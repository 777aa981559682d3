"""The retrieval index: tweet-aware terms, impact-ordered BM25, plain values."""

from __future__ import annotations

import marshal
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.check.index import (
    Index,
    PostingsBuilder,
    clean_text,
    index_terms,
    search_parts,
    terms_of,
    unsigned,
)
from factcheck.text.normalize import terms


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Look https://t.co/zwLPPXniQh now", ["https", "zwlpp"], ["Look", "now"]),
        ("Drone strike.#IranUsapic.twitter.com/TvRkHvlgby", ["TvRk"], ["Iran Usa", "IranUsa"]),
        (
            "Divest now. — Ilhan Omar (@IlhanMN) January 6, 2020",
            ["Ilhan", "January"],
            ["Divest now."],
        ),
        (
            "Support? pic.twitter.com/yg0— Sonlight (@JOE409) February 4, 2017",
            ["Sonlight", "2017"],
            ["Support?"],
        ),
        ("— Donald J. Trump (@realDonaldTrump) February 25, 2017", ["Donald", "2017"], []),
        ("Praise for @realDonaldTrump", [], ["real Donald Trump", "realDonaldTrump"]),
        ("#COVID19 cases", [], ["COVID 19", "COVID19"]),
        ("#shameful act", [], ["shameful"]),
    ],
)
def test_clean_text_drops_links_and_signatures_and_splits_tags(text, gone, kept):
    cleaned = clean_text(text)
    for piece in gone:
        assert piece not in cleaned
    for piece in kept:
        assert piece in cleaned


def test_a_dash_inside_a_sentence_is_not_a_signature():
    text = "Prosecutions rose — sharply — in 2016 (@DOJ)"
    assert "sharply" in clean_text(text)
    assert "sharply" in unsigned(text)
    assert unsigned("A well-known (@x) fact") == "A well-known (@x) fact"  # a word's hyphen


def test_unsigned_keeps_the_post_and_its_offsets():
    post = "Divest now. — Ilhan Omar (@IlhanMN) January 6, 2020"
    assert unsigned(post) == "Divest now."
    assert unsigned("— Ilhan Omar (@IlhanMN) January 6, 2020") == ""


def test_index_terms_are_normalize_terms_of_the_cleaned_text():
    text = "The “Border Security Coordinator” — 412,240 prosecutions in Austin’s district"
    assert index_terms(text) == terms(clean_text(text))
    assert index_terms(text) == index_terms(text)  # remembered stems give the same answer


def test_search_ranks_the_claim_sharing_rare_words_first():
    texts = [
        "federal prosecutors immigration cases",
        "federal prosecutors private prison corporations",
        "weather in Austin in spring",
    ]
    index = Index.build(texts)
    hits = index.search("private prison corporations win", 3)
    assert [number for number, _ in hits] == [1, 0] or hits[0][0] == 1
    assert hits[0][1] > 0 and all(number != 2 for number, _ in hits)


def test_search_without_shared_terms_finds_nothing():
    index = Index.build(["federal prosecutors", "private prisons"])
    assert index.search("the weather", 5) == []
    assert Index.build([]).search("anything", 5) == []


def test_depth_limits_postings_read_per_term():
    # 50 claims share "common"; one also has "rare". Reading 10 postings of
    # "common" still finds the claim with "rare" through its own postings.
    texts = ["common filler"] * 49 + ["common rare"]
    index = Index.build(texts)
    shallow = index.search("common rare", 5, depth=10)
    assert shallow[0][0] == 49
    assert len(index.search("common", 100)) == 50


def test_the_rarest_query_terms_are_read_whole_and_the_others_to_depth():
    texts = ["common filler"] * 100 + ["alpha one", "beta two", "gamma three", "delta four"]
    index = Index.build(texts * 2)
    assert len(index.search("common", 500, depth=10)) == 200  # the rarest term: read whole
    # alpha, beta, gamma (2 claims each) are read whole; delta and common to 10.
    found = index.search("alpha beta gamma delta common", 500, depth=1)
    assert len(found) == 2 * 3 + 1 + 1


_WORDS = st.sampled_from("common filler rare alpha beta gamma delta prison prisons".split())


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(_WORDS, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=40),
    st.lists(_WORDS, max_size=8),
    st.integers(1, 50),
    st.integers(1, 30),
)
def test_one_index_searches_as_the_parts_search_of_it_alone(texts, query, limit, depth):
    # Index.search_terms reads its postings straight; the parts' search is the reference.
    index = Index.build(texts)
    expected = search_parts([(0, index)], index.size, query, limit, depth)
    assert index.search_terms(query, limit, depth) == expected


def test_ties_keep_a_stable_order():
    index = Index.build(["same words here"] * 5)
    first = index.search("same words", 5)
    assert first == index.search("same words", 5)


def test_plain_values_round_trip_through_marshal():
    index = Index.build(["federal prosecutors immigration", "private prison winners"])
    restored = Index.from_plain(marshal.loads(marshal.dumps(index.to_plain())))
    assert restored.search("prison", 2) == index.search("prison", 2)
    assert restored.idf("prison") == index.idf("prison")
    assert restored.idf("unknownword") > restored.idf("prison")


# Pieces of text where joining texts could go wrong: NUL, line breaks, links, tags,
# typography that NFKC or folding changes, numbers with commas.
_TEXT = st.lists(
    st.sampled_from(
        [
            *"abcXYZ019 .,#@-—’“”\n\t\x00`",
            "ﬁ",
            "²",
            "Ｋ",
            "é",
            "\u200b",
            "http://x",
            "www.",
            "3,5",
            "pİc.",
            "PIC.",
            "İ",
            "ſ",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=12))
def test_terms_of_many_texts_are_each_texts_own_index_terms(texts):
    assert terms_of(texts) == [index_terms(text) for text in texts]


def _postings_one_by_one(texts, first=0):
    builder = PostingsBuilder(first_number=first)
    for text in texts:
        builder.add(text)
    return builder


def _runs_by_definition(texts, first, average):
    """Each term's claims by BM25 weight, best first, ties in claim order: the plain way."""
    from collections import Counter

    from factcheck.check.index import BM25_B, BM25_K1

    k1, b = BM25_K1, BM25_B
    found = [index_terms(text) for text in texts]
    postings = {}
    for offset, claim_terms in enumerate(found):
        norm = k1 * (1 - b + b * len(claim_terms) / average)
        for term, tf in Counter(claim_terms).items():
            weight = tf * (k1 + 1) / (tf + norm)
            postings.setdefault(term, []).append((-weight, first + offset))
    runs = {}
    for term, pairs in postings.items():
        pairs.sort()
        runs[term] = (
            array("I", [n for _w, n in pairs]).tobytes(),
            array("f", [-w for w, _n in pairs]).tobytes(),
        )
    return runs


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="ab cd ef", max_size=20), max_size=15),
    st.integers(0, 3),
    st.integers(0, 14),
)
def test_postings_are_bm25_by_definition_however_the_claims_were_added(texts, first, split):
    """One by one (the SQLite store), all together (the YAML index) or in two
    batches: the same runs, with repeated terms and ties in claim order."""
    builders = [_postings_one_by_one(texts, first), PostingsBuilder(first), PostingsBuilder(first)]
    builders[1].add_many(texts)
    builders[2].add_many(texts[:split])
    builders[2].add_many(texts[split:])
    average = builders[0].average_length()
    expected = _runs_by_definition(texts, first, average)
    for builder in builders:
        assert {term: rest for term, *rest in builder.runs(average)} == {
            term: list(rest) for term, rest in expected.items()
        }


def test_runs_order_claims_by_weight_with_ties_in_claim_order():
    builder = _postings_one_by_one(["zed bee cat", "zed", "zed dog", "zed elk"])
    runs = {term: numbers for term, numbers, _weights in builder.runs(2.0)}
    numbers = array("I")
    numbers.frombytes(runs["zed"])
    assert list(numbers) == [1, 2, 3, 0]  # shortest first; the two of length 2 in claim order


def test_texts_added_in_chunks_are_indexed_as_in_one(monkeypatch):
    from factcheck.check import index

    texts = ["zed bee", "cat", "zed zed dog", "#TagWord elk", "bee cat dog elk", ""]
    whole = PostingsBuilder()
    whole.add_many(texts)
    monkeypatch.setattr(index, "_CHUNK", 2)
    chunked = PostingsBuilder()
    chunked.add_many(texts)
    assert list(chunked.lengths) == list(whole.lengths)
    assert dict((t, r) for t, *r in chunked.runs(2.0)) == dict((t, r) for t, *r in whole.runs(2.0))


def test_a_texts_links_do_not_depend_on_the_texts_indexed_with_it():
    """ "pİc." is "pic." only in Unicode's cases; the link test is ASCII's, alone or joined."""
    texts = ["Deportations rose, see pİc.twitter.com/abc123 today", "see http://example.com"]
    assert terms_of(texts) == [index_terms(text) for text in texts]
    assert "abc123" in index_terms(texts[0])


@pytest.mark.parametrize(
    "texts",
    [
        ["zed", "zed zed elk", "zed cat", "zed dog emu", "zed zed"],
        ["zed zed elk", "zed", "zed dog emu", "zed cat", "zed zed"],
    ],
)
def test_a_repeated_terms_weight_equal_to_another_claims_goes_in_claim_order(texts):
    """With a mean length of 3, "zed" twice in 3 terms weighs exactly what "zed" once
    in 1 term does (1.375): the two are tied, and the claim numbered first comes first."""
    expected = _runs_by_definition(texts, 0, 3.0)
    for builder in (_postings_one_by_one(texts), PostingsBuilder()):
        if not builder.lengths:
            builder.add_many(texts)
        assert {term: rest for term, *rest in builder.runs(3.0)} == {
            term: list(rest) for term, rest in expected.items()
        }
