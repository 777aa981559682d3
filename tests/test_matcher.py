"""The matcher's scores: absolute 0-100 judgements that DEFAULT_THRESHOLD can cut."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.check.matcher import (
    DEFAULT_THRESHOLD,
    RAW_THRESHOLD,
    Matcher,
    calibrate,
    word_set,
)
from factcheck.model import Database


@pytest.fixture(scope="module")
def matcher(database):
    return Matcher(database)


@pytest.mark.parametrize(
    ("sentence", "claim_id"),
    [
        (
            "In 2016, 52 percent of federal prosecutions involved immigration offenses.",
            "gl-2017-04-11-prosecutions-share-2016",
        ),
        (
            "Sessions told federal prosecutors to devote even more Justice Department "
            "resources to immigration cases in their districts.",
            "gl-2017-04-11-sessions-more-resources",
        ),
        (
            "Bob Libal said the only winners are the private prison corporations.",
            "gl-2017-04-11-libal-private-prison-winners",
        ),
    ],
)
def test_a_sentence_restating_a_claim_scores_above_the_threshold(matcher, sentence, claim_id):
    best = matcher.match(sentence, top_k=3)[0]
    assert best.claim.id == claim_id
    assert best.score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "sentence",
    [
        "The weather was pleasant in Austin that spring.",
        "The city council approved a new budget for road repairs on Tuesday.",
        "Local bakeries reported record sales of bread and pastries.",
    ],
)
def test_an_unrelated_sentence_scores_below_the_threshold(matcher, sentence):
    matches = matcher.match(sentence, top_k=1)
    assert not matches or matches[0].score < DEFAULT_THRESHOLD


def test_scores_are_0_to_100_best_first_and_top_k_long(matcher):
    matches = matcher.match("federal prosecutions immigration Sessions memo", top_k=4)
    assert len(matches) == 4
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 100 for s in scores)


def test_typography_does_not_change_the_score(matcher):
    plain = 'Libal said the memo is "fear-mongering" - it\'s policy.'
    curly = "Libal said the memo is “fear‑mongering” — it’s\u00a0policy."
    assert [(m.claim.id, m.score) for m in matcher.match(plain)] == [
        (m.claim.id, m.score) for m in matcher.match(curly)
    ]


def test_nothing_in_common_gives_no_matches(matcher):
    assert matcher.match("zzzz qqqq") == []
    assert matcher.match("") == []


def test_a_title_counts_for_matching(database):
    claims = list(database.claims)
    titled = claims[0]._replace(title="Grizzly bears roam Yellowstone meadows")
    with_title = Database(database.sources, database.speakers, (titled, *claims[1:]))
    best = Matcher(with_title).match("Grizzly bears roam the meadows of Yellowstone")[0]
    assert best.claim.id == titled.id


def test_a_prebuilt_index_is_used_as_given(database, matcher):
    again = Matcher(database, index=matcher.index)
    assert again.index is matcher.index
    text = "52 percent of federal criminal prosecutions"
    assert again.match(text) == matcher.match(text)


def test_calibration_maps_the_raw_cut_off_onto_the_threshold_and_keeps_order():
    assert calibrate(RAW_THRESHOLD) == pytest.approx(DEFAULT_THRESHOLD)
    assert calibrate(0) == 0 and calibrate(100) == 100
    assert calibrate(-5) == 0 and calibrate(140) == 100
    values = [calibrate(x / 2) for x in range(0, 201)]
    assert values == sorted(values)


def test_a_floor_leaves_out_the_matches_under_it_but_the_best_and_changes_no_other(matcher):
    import yaml

    from conftest import ROOT

    cases = yaml.safe_load((ROOT / "tests" / "cases" / "verdicts.yaml").read_text("utf-8"))
    for text in (case["text"] for case in cases):
        everything = matcher.match(text, top_k=5)
        for floor in (0.0, 47.0, 62.0, 101.0):
            kept = [m for n, m in enumerate(everything) if not n or m.score >= floor]
            assert matcher.match(text, top_k=5, floor=floor) == kept, (text, floor)


def test_quoted_ranks_the_claims_with_a_quotation_each_with_its_score_among_all(matcher):
    import yaml

    from conftest import ROOT

    cases = yaml.safe_load((ROOT / "tests" / "cases" / "verdicts.yaml").read_text("utf-8"))
    quoting = 0
    for text in (case["text"] for case in cases):
        everything = {m.claim.id: m for m in matcher.match(text, top_k=matcher.index.size)}
        quoted = matcher.match(text, top_k=3, quoted=True)
        assert all(m.claim.quote for m in quoted), text
        assert quoted == [everything[m.claim.id] for m in quoted], text
        among = sorted(
            (m for m in everything.values() if m.claim.quote), key=lambda m: (-m.score, m.claim.id)
        )
        assert quoted == among[:3], text
        quoting += bool(quoted)
    assert quoting > 50  # the table quotes often: the test is not vacuous


_WORDY = st.text(alphabet="ab c\u00a0\t\u2009\u1680\x1cé-,.", max_size=30)


@settings(max_examples=500, deadline=None)
@given(_WORDY, _WORDY)
def test_a_normalized_texts_word_set_has_its_token_set_ratio(one, other):
    """The fuzzy score reads word sets of normalized texts: rapidfuzz's token_set_ratio
    scores them as the texts (its words are split at fewer kinds of space than
    Python's, but a normalized text has single spaces only)."""
    from rapidfuzz import fuzz

    from factcheck.text.normalize import normalize

    one, other = normalize(one), normalize(other)
    by_sets = fuzz.token_set_ratio(word_set(one), word_set(other))
    assert by_sets == fuzz.token_set_ratio(one, other)
