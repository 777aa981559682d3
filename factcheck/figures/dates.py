"""Dates and years: a draft's calendar dates and event years against a claim's.

Claims carry no date figures: their dates are read from the statement, the
passage and the curator's context, where "today" is the source's own date.
A year a draft reads from words relative to its own date ("last year") may
be one off, since a draft's date is unknown.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from factcheck.figures.numerals import MONTHS, WEEKDAYS
from factcheck.figures.parse import Quantity, parse_figures
from factcheck.model import Claim, Figure

# A wrong date or year: the claim's date (as a figure), the draft's, and the reason.
DateIssue = tuple[Figure, Quantity, str]
YEAR_IN_TEXT = re.compile(r"[0-9]{4}")


def relative_year(year: int, found: list[Quantity]) -> bool:
    """Whether a year came only from words relative to today ("last year", "this year").

    They are resolved against the source's date, but a draft may have been
    written a year before or after it: such a year is a year off at most.
    """
    phrases = [q.text for q in found if q.unit == "year" and q.year == year and q.span is None]
    return bool(phrases) and not any(YEAR_IN_TEXT.search(text) for text in phrases)


def date_issues(
    found: list[Quantity], claim: Claim, reference_date: dt.date | None
) -> tuple[list[DateIssue], bool]:
    """The draft's calendar dates when none of them is a date the claim states,
    and whether one of them is.

    Claims carry no date figures: their dates are read from the statement,
    the passage and the curator's context, where "today" is the source's own
    date. Only dates that name
    a month count on either side (a bare weekday is left alone), and a
    sentence with one date the claim allows ("on April 12, a day after the
    April 11 memo") is not judged.
    """
    stated = [q for q in found if _is_calendar_date(q)]
    if not stated:
        return [], False
    claimed = claim_days(claim, reference_date)
    if not claimed:
        return [], False
    if any(gives_day(claimed, q) for q in stated):
        return [], True
    truth = claimed[0]
    expected = Figure(truth.text, truth.value, "date", year=truth.year)
    issues = [(expected, q, f"date {q.text}, source gives {truth.text}") for q in stated]
    return issues, False


def year_issues(
    found: list[Quantity], claim: Claim, reference_date: dt.date | None
) -> list[DateIssue]:
    """A sentence's one year against the years an event claim states.

    "The book was published in 2012" against "a book released … last year"
    (2016): an event claim (one without figures) that gives its year is
    contradicted by a sentence that gives another. Only a sentence with a
    single year, which no figure of it has, is judged (with several, which is
    the event's is unclear), and a year read from "last year" may be one off.
    """
    years = {q.year for q in found if q.unit == "year" and q.span is None and q.year}
    if len(years) != 1 or any(q.unit == "date" for q in found):
        return []
    if any(q.year in years for q in found if q.unit not in ("year", "date")):
        return []  # the year of a figure ("half of arrests in 2014"), not of the event
    texts = tuple(dict.fromkeys(t for t in (claim.claim, claim.passage, claim.context) if t))
    claimed = {
        q.year
        for text in texts
        for q in parse_figures(text, reference_date=reference_date)
        if q.unit in ("year", "date") and q.year and q.span is None
    }
    if reference_date is not None and any(_TODAY.search(text) for text in texts):
        claimed.add(reference_date.year)
    (year,) = years
    slack = 1 if relative_year(year, found) else 0
    if not claimed or any(abs(year - other) <= slack for other in claimed):
        return []
    truth = min(claimed, key=lambda other: abs(other - year))
    quantity = next(q for q in found if q.unit == "year" and q.year == year)
    expected = Figure(str(truth), truth, "year", year=truth)
    return [(expected, quantity, f"year {year}, source gives {truth}")]


def unstated_years(
    found: list[Quantity], claim: Claim, reference_date: dt.date | None
) -> list[Quantity]:
    """A sentence's event years (or spans) that a claim stating no year at all does not
    back: "Bob Libal has led Grassroots Leadership since 2009" adds a fact to "Bob
    Libal is the executive director". The source's own year (and, read from "last
    year", one either side) is the claim's; so is the year a figure of the sentence
    carries ("half of arrests in 2014"), judged with that figure.
    """
    years = [q for q in found if q.unit == "year" and (q.year or q.span)]
    if not years:
        return []
    texts = tuple(t for t in (claim.claim, claim.passage, claim.context) if t)
    if any(
        q.unit in ("year", "date") or q.year or q.span
        for text in texts
        for q in parse_figures(text, reference_date=reference_date)
    ):
        return []  # a claim that dates itself: ``year_issues`` and ``span_issues`` judge
    carried = {q.year for q in found if q.unit not in ("year", "date") and q.year}
    own = reference_date.year if reference_date else None
    unstated = []
    for q in years:
        year = q.year or q.span[0]
        slack = 1 if relative_year(year, found) else 0
        if year in carried or (own is not None and abs(year - own) <= slack):
            continue
        unstated.append(q)
    return unstated


def span_issues(
    found: list[Quantity], claim: Claim, reference_date: dt.date | None
) -> list[DateIssue]:
    """A sentence's one span of years against the span the claim's words give.

    "Profound impacts … over the last two decades" against "over the last
    decade": a period no figure of the sentence carries (where the claim's
    figures have periods, those are paired and judged with their figure)
    must start where the claim's does, within three years ("since 2005" for
    "over the last decade" of 2017).
    """
    carried = (  # by a figure, paired with a claim figure of a period and judged with it
        {q.span for q in found if q.unit not in ("year", "date") and q.span}
        if any(f.span for f in claim.figures)
        else set()
    )
    spans = {q.span for q in found if q.unit == "year" and q.span and q.span not in carried}
    if len(spans) != 1:
        return []
    texts = tuple(dict.fromkeys(t for t in (claim.claim, claim.passage, claim.context) if t))
    claimed = [
        q
        for text in texts
        for q in parse_figures(text, reference_date=reference_date)
        if q.unit == "year" and q.span
    ]
    (span,) = spans
    if not claimed or any(abs(span[0] - q.span[0]) <= 3 for q in claimed):
        return []
    truth = claimed[0]
    quantity = next(q for q in found if q.unit == "year" and q.span == span)
    expected = Figure(truth.text, truth.value, "year", span=truth.span)
    return [(expected, quantity, f"{quantity.text}, source gives {truth.text}")]


# "today" in a release is the day it is dated.
def claim_days(claim: Claim, reference_date: dt.date | None) -> list[Quantity]:
    """The calendar dates a claim states, "today" being the source's own date."""
    claimed = list(_claimed_dates(claim, reference_date))
    texts = dict.fromkeys(t for t in (claim.claim, claim.passage, claim.context) if t)
    if reference_date is not None and any(_TODAY.search(text) for text in texts):
        claimed.append(_day(reference_date))
    return claimed


def gives_day(days: list[Quantity], quantity: Quantity) -> bool:
    """Whether a draft's date can be one of a claim's ``days``."""
    return any(_same_day(quantity, day) for day in days)


_TODAY = re.compile(r"\b(?:today|this morning|this afternoon|tonight)\b", re.IGNORECASE)


def _day(date: dt.date) -> Quantity:
    """A calendar date as the figure parser gives one ("April 11, 2017")."""
    value = date.year * 10000 + date.month * 100 + date.day
    month = next(name for name, number in MONTHS.items() if number == date.month)
    text = f"{month.title()} {date.day}, {date.year}"
    return Quantity(text, 0, 0, value, "date", None, value, value, year=date.year)


@functools.lru_cache(maxsize=4096)
def _claimed_dates(claim: Claim, reference_date: dt.date | None) -> tuple[Quantity, ...]:
    """The calendar dates of a claim's statement, passage and context (cached, as
    ``_candidates``)."""
    texts = dict.fromkeys(t for t in (claim.claim, claim.passage, claim.context) if t)
    return tuple(
        q
        for text in texts
        for q in parse_figures(text, reference_date=reference_date)
        if _is_calendar_date(q)
    )


def _is_calendar_date(quantity: Quantity) -> bool:
    return quantity.unit == "date" and quantity.value > 0 and quantity.text.lower() not in WEEKDAYS


def _same_day(a: Quantity, b: Quantity) -> bool:
    """Whether two dates can be the same day: every part both of them give agrees.

    Dates are YYYYMMDD with unknown parts 0 ("April 2017" is 20170400).
    """
    parts = [(int(q.value) // 10000, int(q.value) // 100 % 100, int(q.value) % 100) for q in (a, b)]
    return all(x == y or not x or not y for x, y in zip(*parts, strict=True))
