"""Parsing figures, on reporters' phrasing and the release's own numbers."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.figures import numerals
from factcheck.figures.numerals import holds_numeral_or
from factcheck.figures.parse import (
    _FIGURE_WORDS,
    _START_WORDS,
    _Scanner,
    format_number,
    parse_figures,
    parse_number,
)

REF = dt.date(2017, 4, 11)


def figures(text: str) -> list:
    """Non-time quantities of a sentence."""
    return [q for q in parse_figures(text, reference_date=REF) if q.unit not in ("year", "date")]


# --- parsing ------------------------------------------------------------------

PARSE_CASES = [
    # text, quantity text, value, unit, qualifier
    ("In 2016, 52 percent of all federal criminal prosecutions", "52 percent", 52, "percent", None),
    ("52% of prosecutions", "52%", 52, "percent", None),
    ("52 per cent of prosecutions", "52 per cent", 52, "percent", None),
    ("Fifty-two percent of prosecutions", "Fifty-two percent", 52, "percent", None),
    ("a 52-percent share", "52-percent", 52, "percent", None),
    ("52\u00a0percent of cases", "52\u00a0percent", 52, "percent", None),
    ("412,240 for improper entry", "412,240", 412240, "count", None),
    ("412\u202f240 for improper entry", "412\u202f240", 412240, "count", None),
    ("3.5 percent of cases", "3.5 percent", 3.5, "percent", None),
    (
        "nearly three quarters of a million people",
        "nearly three quarters of a million",
        750000,
        "count",
        "nearly",
    ),
    (
        "Nearly three-quarters of a million people",
        "Nearly three-quarters of a million",
        750000,
        "count",
        "nearly",
    ),
    ("1.2 million people", "1.2 million", 1.2e6, "count", None),
    ("Nearly six in ten prosecutions", "Nearly six in ten", 60, "percent", "nearly"),
    ("one in four cases", "one in four", 25, "percent", None),
    ("6 out of 10 prosecutions", "6 out of 10", 60, "percent", None),
    ("730 thousand people", "730 thousand", 730000, "count", None),
    ("half a million people", "half a million", 500000, "count", None),
    ("$750,000 in fees", "$750,000", 750000, "usd", None),
    ("$1.2 million in contracts", "$1.2 million", 1.2e6, "usd", None),
    ("two crimes", "two", 2, "count", None),
    ("twelve people", "twelve", 12, "count", None),
    ("a hundred people", "a hundred", 100, "count", None),
    ("a dozen churches", "a dozen", 12, "count", None),
    ("Dozens of congregations", "Dozens", 24, "count", "dozens"),
    ("More than half of all prosecutions", "More than half", 50, "percent", "more than half"),
    ("a majority of prosecutions", "a majority of", 50, "percent", "a majority of"),
    ("half of all prosecutions", "half", 50, "percent", None),
    ("a quarter of all cases", "a quarter", 25, "percent", None),
    ("more than 700,000 people", "more than 700,000", 700000, "count", "more than"),
    ("almost 750,000 people", "almost 750,000", 750000, "count", "almost"),
    ("at least 12 people", "at least 12", 12, "count", "at least"),
    ("about 730,000 people", "about 730,000", 730000, "count", "about"),
    ("roughly 52 percent", "roughly 52 percent", 52, "percent", "roughly"),
    ("around 50 people", "around 50", 50, "count", "around"),
    ("approximately 317,916 cases", "approximately 317,916", 317916, "count", "approximately"),
    ("some 700,000 people", "some 700,000", 700000, "count", "some"),
    ("less than 10 percent", "less than 10 percent", 10, "percent", "less than"),
    ("fewer than 300 people", "fewer than 300", 300, "count", "fewer than"),
    ("under 5% of cases", "under 5%", 5, "percent", "under"),
    ("up to 40 percent", "up to 40 percent", 40, "percent", "up to"),
    ("over 400,000 people", "over 400,000", 400000, "count", "over"),
    ("The Senate voted 52-47 on the bill", "52-47", 52, "score", None),
    ("The Senate voted 52\u201347 on the bill", "52\u201347", 52, "score", None),
]


@pytest.mark.parametrize(("text", "written", "value", "unit", "qualifier"), PARSE_CASES)
def test_parse_figure(text: str, written: str, value: float, unit: str, qualifier: str | None):
    found = figures(text)
    assert len(found) == 1, found
    quantity = found[0]
    assert quantity.text == written
    assert text[quantity.start : quantity.end] == written
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit
    assert quantity.qualifier == qualifier
    assert quantity.low <= quantity.value <= quantity.high or quantity.qualifier is not None


INTERVAL_CASES = [
    # text, values inside, values outside
    ("52 percent", [52, 51.6, 52.4], [51.4, 52.6, 49]),
    ("nearly 750,000 people", [730156, 700000, 750000], [650000, 760000]),
    ("more than 700,000 people", [730156, 900000], [700000, 950000]),
    ("dozens of congregations", [24, 50, 99], [12, 100, 200]),
    ("half of all cases", [49, 50, 52], [45, 55]),
    ("about half of all cases", [46, 49, 52, 54], [44, 56]),
    ("more than half of all cases", [52, 60], [50, 49, 70]),
    ("three quarters of a million people", [730156, 750000], [700000, 800000]),
    ("730,000 people", [730156, 726000], [720000, 740000]),
    ("two crimes", [2], [1, 3]),
]


@pytest.mark.parametrize(("text", "inside", "outside"), INTERVAL_CASES)
def test_intervals(text: str, inside: list[float], outside: list[float]):
    quantity = figures(text)[0]
    for value in inside:
        assert quantity.low <= value <= quantity.high, (value, quantity)
    for value in outside:
        assert not quantity.low <= value <= quantity.high, (value, quantity)


TIME_CASES = [
    # text, figure text, year, span
    ("In 2016, 52 percent of all prosecutions", "52 percent", 2016, None),
    ("49 percent of prosecutions in 2015", "49 percent", 2015, None),
    ("52 percent in 2016, up from 49 percent in 2015", "49 percent", 2015, None),
    ("52 percent in 2016, up from 49 percent in 2015", "52 percent", 2016, None),
    ("2015's rate was 49 percent", "49 percent", 2015, None),
    ("52 percent in fiscal year 2016", "52 percent", 2016, None),
    ("52 percent in FY2016", "52 percent", 2016, None),
    ("About 52% of cases in FY2016 and 49 per cent in fiscal year 2015", "49 per cent", 2015, None),
    ("52 percent of cases last year", "52 percent", 2016, None),
    # where a change over a span ended: the last year's figure
    ("The share climbed between 2015 and 2016, reaching 52 percent", "52 percent", 2016, None),
    ("The share was 52 percent between 2015 and 2016", "52 percent", None, (2015, 2016)),
    ("Since 2005, nearly three quarters of a million people", "nearly", None, (2005, 2017)),
    (
        "Since 2005, nearly three quarters of a million people: 412,240 for improper entry",
        "412,240",
        None,
        (2005, 2017),
    ),
    ("730,000 people between 2005 and 2016", "730,000", None, (2005, 2016)),
    ("730,000 people from 2005 to 2016", "730,000", None, (2005, 2016)),
    ("730,000 people over the last decade", "730,000", None, (2007, 2017)),
    ("On April 11, 2017, 52 percent of cases", "52 percent", 2017, None),
    ("52 percent of cases", "52 percent", None, None),
    ("52 percent of all prosecutions, up from 2015", "52 percent", None, None),
    ("49 percent, down from 2015", "49 percent", None, None),
    ("52 percent, compared with 2015", "52 percent", None, None),
    ("an increase from 2015, when 49 percent of cases", "49 percent", 2015, None),
]


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("Prosecutions doubled since 2005.", "doubled", 100),
        ("The memo will double the number of cases.", "double", 100),
        ("Cases tripled in a decade.", "tripled", 200),
        ("The memo would cut prosecutions in half.", "in half", 50),
        ("The share fell by half.", "by half", 50),
        ("The program was halved.", "halved", 50),
    ],
)
def test_a_change_by_a_multiple_is_a_percent_change(text: str, written: str, value: float):
    (quantity,) = [q for q in figures(text) if q.unit == "percent"]
    assert (quantity.text, quantity.value, quantity.change) == (written, value, True)


@pytest.mark.parametrize(
    "text",
    [
        "a double standard",
        "He doubled down on the memo.",
        "Half of the cases were new.",
        "They cut the budget, and in half the districts prosecutions rose.",
    ],
)
def test_no_change_by_a_multiple(text: str):
    assert not [q for q in figures(text) if q.change]


@pytest.mark.parametrize(("text", "written", "year", "span"), TIME_CASES)
def test_years_attach(text: str, written: str, year: int | None, span: tuple | None):
    quantity = next(q for q in figures(text) if q.text.startswith(written))
    assert quantity.year == year
    assert quantity.span == span


def test_since_without_reference_date_is_open():
    found = parse_figures("Since 2005, 730,000 people")
    assert found[0].span == (2005, None)
    assert found[1].span == (2005, None)
    assert parse_figures("52 percent last year") == parse_figures("52 percent last year")
    assert [q.unit for q in parse_figures("52 percent last year")] == ["percent"]


DATE_CASES = [
    ("AUSTIN, TX, April 11, 2017\u2014 Attorney General", "April 11, 2017", "date", 2017),
    ("He was confirmed in February despite concerns", "February", "date", 2017),
    ("Sessions spoke on Tuesday in Nogales", "Tuesday", "date", 2017),
    ("The book was released last year", "last year", "year", 2016),
    ("in 2016", "2016", "year", 2016),
]


@pytest.mark.parametrize(("text", "written", "unit", "year"), DATE_CASES)
def test_dates(text: str, written: str, unit: str, year: int):
    found = parse_figures(text, reference_date=REF)
    assert [(q.text, q.unit, q.year) for q in found] == [(written, unit, year)]


def test_tuesday_resolves_to_reference_week():
    assert parse_figures("on Tuesday", reference_date=REF)[0].value == 20170411


CHANGE_CASES = [
    ("Prosecutions fell 7 percent", True),
    ("Prosecutions rose by 3 percent", True),
    ("an increase of 5 percent", True),
    ("a 5 percent increase", True),
    ("up 4 percent from last year", True),
    ("a rise of 2.5 percentage points", True),
    ("up from 49 percent", False),
    ("rose to 52 percent", False),
    ("accounted for 49 percent of all prosecutions", False),
]


@pytest.mark.parametrize(("text", "change"), CHANGE_CASES)
def test_change_percents(text: str, change: bool):
    assert figures(text)[0].change is change


COUNTS_CASES = [
    ("52 percent of all federal criminal prosecutions involved", "federal criminal prosecutions"),
    ("412,240 for improper entry and 317,916 for re-entry", "improper entry"),
    ("Dozens of congregations and community organizations", "congregations"),
    ("just two crimes", "crimes"),
    ("nearly three quarters of a million people, have been prosecuted", "people"),
    ("52 percent in 2016", None),
]


@pytest.mark.parametrize(("text", "counts"), COUNTS_CASES)
def test_counts(text: str, counts: str | None):
    assert figures(text)[0].counts == counts


NOT_FIGURES = [
    "One of the officers said no one knew.",
    "COVID-19 and H1B visas",
    "She finished 3rd on 5G networks",
    "in the second half of the year",
    "Almost all of them were incarcerated.",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text: str):
    assert figures(text) == []


NUMBER_CASES = [
    ("fifty-two", 52),
    ("three quarters of a million", 750000),
    ("three-quarters of a million", 750000),
    ("412,240", 412240),
    ("1.2 million", 1.2e6),
    ("730 thousand", 730000),
    ("a hundred", 100),
    ("one hundred and five", 105),
    ("two thousand five hundred", 2500),
    ("a dozen", 12),
    ("half", 0.5),
    ("a quarter", 0.25),
    ("-1,234.5", -1234.5),
    ("$1.2 million", 1.2e6),
]


@pytest.mark.parametrize(("words", "value"), NUMBER_CASES)
def test_parse_number(words: str, value: float):
    assert parse_number(words) == pytest.approx(value)


@pytest.mark.parametrize("words", ["", "two two", "people", "1.2.3", "fifty people"])
def test_parse_number_rejects(words: str):
    assert parse_number(words) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [(730156, "730,156"), (52.0, "52"), (1.5, "1.5"), (1e-7, "0.0000001"), (-1234.5, "-1,234.5")],
)
def test_format_number(value: float, text: str):
    assert format_number(value) == text


# --- hostile input and properties ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["9" * 1_000_000, "%" * 100_000, "\u201c" * 100_000, "1," * 50_000, "\"'" * 5_000],
)
def test_hostile_input_is_fast(text: str):
    """The scanner is linear: these take milliseconds (a quadratic one, minutes)."""
    start = time.perf_counter()
    found = parse_figures(text)
    assert time.perf_counter() - start < 2.0
    assert all(0 <= q.start <= q.end <= len(text) for q in found)


TYPOGRAPHY = "0123456789 ,.%$-'\"abdehlnoprstuy\u201c\u201d\u2018\u2019\u2014\u2013\u00a0\u2009"
SENTENCE_CHARS = st.text(
    alphabet=st.sampled_from(list(TYPOGRAPHY)) | st.characters(),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(SENTENCE_CHARS)
def test_parse_never_raises_and_offsets_hold(text: str):
    for quantity in parse_figures(text, reference_date=REF):
        assert 0 <= quantity.start <= quantity.end <= len(text)
        assert text[quantity.start : quantity.end] == quantity.text


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=-(10**15), max_value=10**15).map(float)
    | st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
)
def test_format_parse_round_trip(value: float):
    assert parse_number(format_number(value)) == value


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9 - 1))
def test_people_counts(n: int):
    assert parse_figures(f"{n:,} people")[0].value == n


def test_a_vote_written_out_is_a_tally():
    (tally,) = parse_figures("confirmed by a vote of 52 to 47.")
    assert tally.unit == "score" and tally.text == "52 to 47"
    (tally,) = parse_figures("after a 52 to 47 vote")
    assert tally.unit == "score"
    assert [q.unit for q in parse_figures("rose from 5 to 7")] == ["count", "count"]


def test_a_range_between_two_numbers_is_one_interval():
    (share, year) = parse_figures("Between 50 and 55 percent of prosecutions in 2016")
    assert (share.unit, share.low, share.high, share.year) == ("percent", 50, 55, 2016)
    assert year.unit == "year"
    assert [q.unit for q in parse_figures("from 50 to 55 percent")] == ["count", "percent"]


def _scanned(text: str) -> list:
    """What the scanner finds in a text, without the check that skips most sentences."""
    return _Scanner(text, REF).scan()


# The scanner's vocabulary and words around it, as a draft writes them (and capitalized).
_GRAMMAR_WORDS = sorted(
    _START_WORDS
    | {"percent", "ago", "of", "and", "to", "s", "points", "cent", "per", "vote", "the", "said"}
)
_PIECES = st.sampled_from(
    [*_GRAMMAR_WORDS, *(w.title() for w in _GRAMMAR_WORDS), "-", "$", "%", ",", ".", "\u2014"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=8), st.sampled_from([" ", "", "-", "\u00a0"]))
def test_a_sentence_the_check_skips_has_no_figure(pieces: list[str], glue: str):
    text = glue.join(pieces)
    if not holds_numeral_or(text, _FIGURE_WORDS):
        assert _scanned(text) == [], text


def test_the_skip_check_keeps_every_figure_of_the_verdict_table():
    import yaml

    from conftest import ROOT

    cases = yaml.safe_load((ROOT / "tests" / "cases" / "verdicts.yaml").read_text("utf-8"))
    skipped = [c["text"] for c in cases if not holds_numeral_or(c["text"], _FIGURE_WORDS)]
    assert skipped  # the check does skip sentences
    assert all(_scanned(text) == [] for text in skipped)


_FOLDABLE = st.text(
    alphabet=st.sampled_from([*map(chr, numerals._TRANSLATION), *"ab1 2,.'\"-%$é\u0130\u2009"]),
    max_size=20,
)


@settings(max_examples=500, deadline=None)
@given(_FOLDABLE)
def test_the_tokenizers_folding_is_the_tables_translation(text: str):
    """Replacements per character the text holds fold it as ``str.translate`` would."""
    assert numerals._fold(text) == text.translate(numerals._TRANSLATION)


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("about 400,000 people", 365_000, 445_000),  # one significant digit: a tenth
        ("some 440,000 people", 425_000, 412_240),  # two: a twentieth
        ("some 421,240 people", 419_000, 412_240),  # a precise figure: its own digits
        ("about half of them", 54, 56),
        ("about 52 percent", 54, 56),
        ("almost 730,000 people", 730_156, 736_000),  # its rounding counts, a hundredth at most
        ("nearly 400,000 people", 399_000, 412_240),  # a rounding that large does not count
        ("nearly half of them", 49, 50.5),
    ],
)
def test_hedges_reach_as_far_as_the_figure_is_round(text, inside, outside):
    (quantity,) = [q for q in parse_figures(text) if q.unit not in ("year", "date")]
    assert quantity.low <= inside <= quantity.high
    assert not quantity.low <= outside <= quantity.high


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("over the last two decades", (1997, 2017)),
        ("over the past three decades", (1987, 2017)),
        ("over the last decade", (2007, 2017)),
        ("over the past 20 years", (1997, 2017)),
    ],
)
def test_a_period_of_decades_is_read(text, span):
    (quantity,) = parse_figures(text, reference_date=dt.date(2017, 4, 11))
    assert quantity.unit == "year" and quantity.span == span


@pytest.mark.parametrize("text", ["Three in 2016 were charged", "one in a million", "ten in ten"])
def test_a_count_before_in_is_no_share_without_a_larger_count_after(text):
    assert not any(q.unit == "percent" for q in figures(text))


def test_a_share_set_against_another_counts_what_it_does():
    found = figures("52 percent of federal prosecutions in 2016, up from 39 percent in 2015")
    assert [q.counts for q in found] == ["federal prosecutions", "federal prosecutions"]
    alone = figures("52 percent of federal prosecutions, and 39 percent in 2015")
    assert alone[1].counts is None  # not set against it: nothing is said of what it counts
