"""What a sentence's figures say about a claim: agreement, mismatch, or facts it adds.

``figures.compare`` pairs a draft's figures with one claim's; here that pairing
becomes the checker's evidence. A figure (or date) that agrees is
independent evidence for a weak textual match; one that disagrees is a
mismatch unless another claim of the sentence backs it ("52 percent in
2016, up from 49 percent in 2015" states two claims); one the claim has no
figure of its kind for is a fact the claim does not back.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from factcheck.check.framing import framing_spans
from factcheck.check.paraphrase import Lexicon
from factcheck.figures.compare import (
    FigureComparison,
    counts_meet,
    figure_comparison,
    transposed,
)
from factcheck.figures.dates import unstated_years
from factcheck.figures.parse import Quantity, parse_figures
from factcheck.model import Claim, Evidence, Figure, FigureMismatch

_FIGURE_UNITS_IGNORED = frozenset({"year", "date"})
# Figures that state a fact of their own (not a vote tally or a year): a change in
# percentage points too ("jumped by ten percentage points").
_SUBSTANTIVE_UNITS = frozenset({"count", "percent", "percentage point", "usd"})


def stated_figures(text: str) -> list[Quantity]:
    """Figures that make a sentence checkable on their own.

    "52 percent", "412,240", "$2.1 billion", "fifty-two", "a 52-47 vote" are
    facts someone must back; "two men", "several residents" or "dozens of
    groups" are how prose talks, and flagging every one would bury the
    findings that matter.
    """
    return [
        q for q in parse_figures(text) if q.unit not in _FIGURE_UNITS_IGNORED and not _casual(q)
    ]


# Units no prose writes in passing: "five percentage points" is a figure, "five men" talk.
_NEVER_CASUAL = frozenset({"percent", "percentage point", "usd"})


def _casual(quantity: Quantity) -> bool:
    if any(char.isdigit() for char in quantity.text) or quantity.unit in _NEVER_CASUAL:
        return False
    vague = quantity.high >= 2 * max(quantity.low, 1)
    return vague or quantity.value < 10


def _substantive(quantity: Quantity) -> bool:
    """A figure that states a fact of its own (see ``stated_figures``)."""
    return quantity.unit in _SUBSTANTIVE_UNITS and not _casual(quantity)


def _complement(text: str, quantity: Quantity) -> bool:
    """Whether a share is the rest of another share of the sentence: "52 percent …,
    leaving fewer than half for all other crimes" states nothing the 52 percent does not
    (which is checked itself)."""
    before = text[max(0, quantity.start - 12) : quantity.start]
    if quantity.unit != "percent" or not _REST.search(f"{before} {quantity.counts or ''}"):
        return False
    return any(
        other != quantity
        and other.unit == "percent"
        and quantity.low <= 100 - other.value <= quantity.high
        for other in parse_figures(text)
    )


# The words of a remainder: "leaving fewer than half", "the remaining 48 percent", "all other".
_REST = re.compile(r"\b(?:leaving|leaves|remaining|remainder|rest|other|others)\b", re.I)


def _dates(text: str, quantity: Quantity, claim: Claim) -> bool:
    """Whether another claim a sentence states gives the year or span it writes."""
    return quantity.unit == "year" and quantity not in unstated_years(
        parse_figures(text, reference_date=claim.source.date), claim, claim.source.date
    )


def _as_figure(quantity: Quantity) -> Figure:
    """A draft's figure as the model records figures."""
    return Figure(
        quantity.text, quantity.value, quantity.unit, quantity.counts, quantity.year,
        quantity.span, quantity.qualifier,
    )  # fmt: skip


class FigureJudge:
    """Judges a sentence's figures against claims, with one paraphrase lexicon
    (a database's own lines tell which counted things are the same)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def comparison(self, text: str, claim: Claim) -> FigureComparison:
        return figure_comparison(
            text, claim, reference_date=claim.source.date, lexicon=self.lexicon
        )

    def agrees(self, text: str, claim: Claim) -> int:
        """Independent evidence for a weak match: how many stated figures and dates the
        claim has (0 for none, or for any the claim contradicts).

        A substantive figure must fit the claim figure it pairs with (same
        role, same counted thing) with no contradiction of value or year; a
        calendar date must be one the claim states. Counted, not only found:
        "730,000 people … 412,240 for the former and 317,916 for the latter …,
        which released the figures on April 11, 2017" agrees with the release's
        date once and with the prosecutions claim thrice.
        """
        comparison = self.comparison(text, claim)
        if comparison.issues:
            return 0
        return bool(comparison.dated) + sum(_substantive(q) for _, q in comparison.agreeing)

    def transposes(self, text: str, claim: Claim) -> bool:
        """Whether a figure of the sentence is one of the claim's, four digits or more,
        with its digits in another order ("371,916" for "317,916"): the claim it is
        about, misstated, however few of the claim's words the sentence has."""
        return any(
            abs(issue.expected.value) >= 1000
            and transposed(issue.found.value, issue.expected.value)
            for issue in self.comparison(text, claim).issues
        )

    def backs(self, text: str, quantity: Quantity, claim: Claim) -> bool:
        """Whether a claim pairs with a figure of the sentence and agrees with it."""
        comparison = self.comparison(text, claim)
        return any(q == quantity for _, q in comparison.agreeing) and not any(
            issue.found == quantity for issue in comparison.issues
        )

    def contradicts(self, text: str, claim: Claim, figures: list[str]) -> bool:
        """Whether the claim has a figure, of a counted thing one of ``figures`` names
        too, that it gets wrong: the claim those figures are about, misstated."""
        return any(
            issue.found.text in figures and counts_meet(issue.found, issue.expected, self.lexicon)
            for issue in self.comparison(text, claim).issues
        )

    def unbacked(self, text: str, claim: Claim, others: tuple[Claim, ...] = ()) -> list[str]:
        """Substantive figures of the sentence that neither the claim nor ``others`` back.

        "52 percent of prosecutions …, although prosecutions fell by 7
        percent": the claim has no figure of that kind. A claim curated
        without figures may still write one in its passage; a figure in the
        framing ("according to a 12-page statement") tells the provenance. A
        year or span an undated claim does not give ("has led the group since
        2009") is a fact of its own too (``dates.unstated_years``).
        """
        comparison = self.comparison(text, claim)
        passage = "" if claim.figures else claim.passage
        framing = framing_spans(text)
        found = parse_figures(text, reference_date=claim.source.date)
        dated = unstated_years(found, claim, claim.source.date)
        return [
            q.text
            for q in (*comparison.unpaired, *dated)
            if (_substantive(q) or q in dated)
            and q.text not in passage
            and not any(start <= q.start < end for start, end in framing)
            and not _complement(text, q)
            and not any(self.backs(text, q, other) for other in others)
            and not any(_dates(text, q, other) for other in others)
        ]

    def mismatch(
        self,
        text: str,
        claim: Claim,
        others: tuple[Claim, ...] = (),
        dated_elsewhere: Callable[[str, Quantity], bool] | None = None,
        within: tuple[int, int] | None = None,
    ) -> tuple[str, Evidence] | None:
        """A figure-mismatch verdict's message and evidence, if any figure disagrees.

        A figure that another claim of the sentence backs is that claim's; so is
        a date that ``dated_elsewhere`` finds another claim giving ("Sessions,
        who was confirmed in February, said …": the confirmation's month).
        ``within`` judges only the figures that start in that span of the text
        (a clause's), read with the whole sentence ("Since 2005" is the span of
        a count in another clause).
        """
        issues = [
            i
            for i in self.comparison(text, claim).issues
            if (within is None or within[0] <= i.found.start < within[1])
            and not any(self.backs(text, i.found, other) for other in others)
            and not (i.found.unit == "date" and dated_elsewhere and dated_elsewhere(text, i.found))
        ]
        if not issues:
            return None
        mismatches = tuple(
            FigureMismatch(i.expected, _as_figure(i.found), i.reason) for i in issues
        )
        message = f"figure mismatch: {issues[0].reason}"
        if len(issues) > 1:
            message += f" (and {len(issues) - 1} more)"
        return message, Evidence(figures=mismatches)
