"""Verdicts that respect a fact-check's rating of the claim a sentence states.

An unrated claim means "the source says this"; a reviewed one means "a
fact-checker rated this". A sentence that repeats a claim rated false or
misleading is ``debunked`` (the worst possible "supported" otherwise); one
that states a claim rated true is supported with the rating shown; a mixed or
unproven rating is reported as ``unsupported``, never passed. A sentence that
*denies* a claim rated false ("the moon landing was not faked") agrees with
the fact-check: the wording judge finds the denial, and it is supported.
"""

from __future__ import annotations

from collections.abc import Iterable

from factcheck.check.ratings import table
from factcheck.model import Evidence, Review, Verdict, long_date

# Which review of several (a claim and the claims ``same_as`` ties it to) speaks
# for them: the most severe, so that one reviewer's "True" never hides another's "False".
_SEVERITY = {"debunks": 0, "reports": 1, "supports": 2}
# Only a plain "false" makes its denial true: the denial of "mostly false" may be as wrong.
DENIABLE = "false"

Problems = dict[Verdict, tuple[str, Evidence]]


def governing(reviews: Iterable[Review | None]) -> Review | None:
    """The review that decides for a claim and its linked claims, if any has one."""
    found = [r for r in reviews if r is not None]
    if not found:
        return None
    ratings = table()
    return min(found, key=lambda r: _SEVERITY[ratings.effect(r.rating_class)])


def describe(review: Review, what: str = "it") -> str:
    """ "PolitiFact rated it “Pants on Fire” (false), March 3, 2020: https://…" """
    who = review.reviewer or "a fact-checker"
    rated = f"rated {what} " if what else "rated "
    shown = f"{who} {rated}“{review.rating}” ({review.rating_class})"
    if review.date:
        shown += f", {long_date(review.date)}"
    if review.url:
        shown += f": {review.url}"
    return shown


def rate(review: Review, problems: Problems) -> tuple[Problems, str | None]:
    """The problems of a sentence once its claim's rating is known, and the message of a pass.

    A sentence that passes on a rating is backed by the fact-check, not by
    the claim's speaker (who said the opposite, for a denial): the message
    (None unless it passes) says so instead of "supported by …".
    """
    effect = table().effect(review.rating_class)
    unsupported = problems.get(Verdict.UNSUPPORTED)
    evidence = unsupported[1] if unsupported else Evidence()
    contradicts = evidence.contradicts
    if contradicts is not None and not contradicts.expected and review.rating_class == DENIABLE:
        rest = {v: p for v, p in problems.items() if v is not Verdict.UNSUPPORTED}
        return rest, f"denies (“{contradicts.found}”) a claim {describe(review, '')}"
    if contradicts or evidence.renamed or evidence.characterized or evidence.borrowed:
        # Its words say otherwise than the claim: it does not repeat it (nor pass on it).
        return problems, None
    if effect == "debunks":
        message = f"repeats a claim {describe(review, '')}"
        return {**problems, Verdict.DEBUNKED: (message, Evidence())}, None
    if effect == "reports" and unsupported is None:
        message = f"not established: {describe(review, 'this claim')}"
        return {**problems, Verdict.UNSUPPORTED: (message, Evidence())}, None
    if effect == "reports":
        return problems, None  # already unsupported, for its own reason
    return problems, f"supported by a fact-check: {describe(review)}"
