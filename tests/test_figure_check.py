"""Comparing a draft's figures with a claim's, on reporters' phrasing and the release's numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.figures.compare import figure_comparison
from factcheck.model import Claim, Figure, Source, Speaker

REF = dt.date(2017, 4, 11)


SOURCE = Source(
    id="grassroots-2017-04-11",
    title="Sessions memo",
    publisher="Grassroots Leadership",
    date=dt.date(2017, 4, 11),
)
SPEAKER = Speaker(id="grassroots", name="Grassroots Leadership", kind="organization")


def compare_figures(text: str, target: Claim, **options):
    """The agreeing pairs and the issues of ``figure_comparison``, as the tests read them."""
    comparison = figure_comparison(text, target, **options)
    return comparison.agreeing, comparison.issues


def claim(*figs: Figure) -> Claim:
    return Claim(
        id="c",
        source=SOURCE,
        speaker=SPEAKER,
        type="statistic",
        claim="x",
        passage="x",
        figures=figs,
    )


SHARE = claim(
    Figure("52 percent", 52, "percent", counts="federal criminal prosecutions", year=2016),
    Figure("49 percent", 49, "percent", counts="prosecutions", year=2015),
)
SHARE_2016 = claim(
    Figure("52 percent", 52, "percent", counts="federal criminal prosecutions", year=2016)
)
TOTAL = claim(
    Figure(
        "nearly three quarters of a million",
        750000,
        counts="people",
        span=(2005, None),
        qualifier="nearly",
        parts=("412,240", "317,916"),
    ),
    Figure("412,240", 412240, counts="improper entry", span=(2005, None)),
    Figure("317,916", 317916, counts="re-entry", span=(2005, None)),
)
TOTAL_ONLY = claim(
    Figure(
        "nearly three quarters of a million",
        750000,
        counts="people",
        span=(2005, 2017),
        qualifier="nearly",
        parts=("412,240", "317,916"),
    )
)
MISC = claim(
    Figure("dozens", 24, counts="congregations", qualifier="dozens"),
    Figure("two", 2, counts="crimes"),
)

AGREE_CASES = [
    (SHARE, "In 2016, 52 percent of federal prosecutions were for immigration offenses."),
    (SHARE, "Fifty-two percent of federal criminal prosecutions in 2016 involved immigration."),
    (SHARE, "Immigration made up 49 percent of prosecutions in 2015."),
    (SHARE, "More than half of all federal prosecutions in 2016 involved immigration."),
    (SHARE, "About half of prosecutions involved immigration."),
    (SHARE_2016, "Half of prosecutions involved immigration."),
    (TOTAL, "Since 2005, nearly three quarters of a million people have been prosecuted."),
    (TOTAL, "More than 700,000 people have been prosecuted since 2005."),
    (TOTAL, "About 730,000 people have been prosecuted over the last decade."),
    (TOTAL, "Since 2005, 412,240 for improper entry and 317,916 for re-entry."),
    (TOTAL_ONLY, "Prosecutors charged 412,240 people with improper entry since 2005."),
    (MISC, "Dozens of congregations have offered sanctuary."),
    (MISC, "Prosecutions for just two crimes have soared."),
]


@pytest.mark.parametrize(("source_claim", "text"), AGREE_CASES)
def test_compare_agrees(source_claim: Claim, text: str):
    agreeing, issues = compare_figures(text, source_claim, reference_date=REF)
    assert issues == []
    assert agreeing


ISSUE_CASES = [
    (SHARE_2016, "In 2016, 49 percent of prosecutions were immigration cases.", "value 49 percent"),
    (SHARE, "Fifty-two percent of prosecutions in 2015 involved immigration.", "year 2015"),
    (SHARE, "In 2016, 49 percent of federal prosecutions involved immigration.", "year 2016"),
    (
        TOTAL,
        "More than a million people have been prosecuted since 2005.",
        "More than a million does not fit nearly three quarters of a million (730,156)",
    ),
    (TOTAL, "Since 2005, 750,000 people have been prosecuted.", "does not fit"),
    (TOTAL, "Since 2010, nearly 750,000 people have been prosecuted.", "Since 2010"),
    (TOTAL, "In 2016, 730,000 people were prosecuted.", "year 2016"),
    (TOTAL, "412,420 people were prosecuted for improper entry since 2005.", "412,420"),
    (TOTAL, "Since 2005, 317,916 for improper entry and 412,240 for re-entry.", "317,916"),
    (TOTAL_ONLY, "Since 2005, 412,420 people were charged with improper entry.", "412,240"),
    (MISC, "Hundreds of congregations joined.", "Hundreds does not fit dozens"),
    (MISC, "Prosecutions for three crimes have soared.", "value 3, source says 2"),
]


@pytest.mark.parametrize(("source_claim", "text", "reason"), ISSUE_CASES)
def test_compare_issues(source_claim: Claim, text: str, reason: str):
    _, issues = compare_figures(text, source_claim, reference_date=REF)
    assert issues, text
    assert reason in issues[0].reason


def test_swapped_parts_are_two_issues():
    text = "Since 2005, 317,916 for improper entry and 412,240 for re-entry."
    _, issues = compare_figures(text, TOTAL, reference_date=REF)
    assert [(i.expected.text, i.found.text) for i in issues] == [
        ("412,240", "317,916"),
        ("317,916", "412,240"),
    ]


def test_part_pairs_with_part():
    text = "Since 2005, 317,916 people were prosecuted for re-entry."
    agreeing, issues = compare_figures(text, TOTAL_ONLY, reference_date=REF)
    assert issues == []
    assert [(f.text, q.text) for f, q in agreeing] == [("317,916", "317,916")]


UNRELATED_CASES = [
    (SHARE, "Prosecutions rose 7 percent in 2016."),
    (SHARE, "52 percent of voters approve."),
    (MISC, "Three people spoke at the rally."),
    (SHARE, "The Senate voted 52-47 in 2016."),
    (SHARE, "The group spent $750,000."),
    (TOTAL, "The memo was released April 11, 2017."),
]


@pytest.mark.parametrize(("source_claim", "text"), UNRELATED_CASES)
def test_unrelated_numbers_are_ignored(source_claim: Claim, text: str):
    assert compare_figures(text, source_claim, reference_date=REF) == ([], [])


def test_change_claim_pairs_with_change():
    change = claim(Figure("rose 7 percent", 7, "percent", counts="prosecutions"))
    _, issues = compare_figures("Prosecutions rose 9 percent.", change)
    assert [i.reason for i in issues] == ["value 9 percent, source says 7 percent"]


DATED = claim()._replace(
    type="event",
    claim="Sessions instructed federal prosecutors on April 11, 2017.",
    passage="April 11, 2017— Attorney General Jeff Sessions today instructed federal prosecutors",
)


@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        ("Sessions acted on March 11, 2017.", ["date March 11, 2017, source gives April 11, 2017"]),
        ("Sessions acted on April 12.", ["date April 12, source gives April 11, 2017"]),
        ("Sessions acted in May 2017.", ["date May 2017, source gives April 11, 2017"]),
        ("Sessions acted on April 11, 2017.", []),
        ("Sessions acted on April 11.", []),  # the year is the release's
        ("Sessions acted in April 2017.", []),
        ("Sessions acted on Monday.", []),  # a weekday alone is not judged
        ("Sessions acted in 2017.", []),  # a year is not a calendar date
        ("On May 2, weeks after the April 11 memo, Sessions spoke.", []),
    ],
)
def test_calendar_dates_are_judged_against_the_claims_own_dates(text, reasons):
    _, issues = compare_figures(text, DATED, reference_date=REF)
    assert [i.reason for i in issues] == reasons
    assert all(i.expected.unit == "date" and i.expected.value == 20170411 for i in issues)


def test_a_claim_without_a_date_judges_no_date():
    _, issues = compare_figures("Sessions acted on March 11, 2017.", claim(), reference_date=REF)
    assert issues == []


def _share(counts: str, year: int = 2016) -> Claim:
    return claim(Figure("52 percent", 52, "percent", counts=counts, year=year))


def test_a_share_of_arrests_does_not_pair_with_a_share_of_prosecutions():
    target = _share("federal criminal prosecutions involving immigration-related offenses")
    found = figure_comparison("Half of federal arrests in 2016 were immigration cases.", target)
    assert not found.agreeing and not found.issues and len(found.unpaired) == 1
    paraphrased = figure_comparison("Half of all criminal cases in 2016 were immigration.", target)
    assert paraphrased.agreeing


def test_a_year_from_last_year_may_be_one_off():
    target = _share("federal criminal prosecutions", year=2015)
    text = "Half of all federal criminal prosecutions last year were immigration cases."
    assert not compare_figures(text, target, reference_date=REF)[1]
    assert compare_figures("In 2014, half of all federal prosecutions …", target)[1]


def test_an_event_claims_year_is_judged_against_a_single_year():
    book = claim()._replace(
        claim="The group released a book in 2016.", passage="a book released in 2016"
    )
    assert compare_figures("The book came out in 2012.", book)[1]
    assert not compare_figures("The book came out in 2016.", book)[1]
    assert not compare_figures("Half of arrests in 2014 were for a book.", book)[1]
