"""``verify --format claimreview``: findings as schema.org ClaimReview JSON-LD a desk can publish.

One ``ClaimReview`` per finding that has a claim: ``claimReviewed`` is the
draft's sentence, ``itemReviewed`` the ``Claim`` it makes (its author, and
the source it appeared in), ``reviewRating`` the verdict (``alternateName``,
on schema.org's five-point scale, with the message as ``ratingExplanation``),
``author`` the desk and ``datePublished`` the day of the run. Only
schema.org terms are used, so the document expands as JSON-LD and
``factcheck import`` reads it back (its ``@graph`` shape).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

from factcheck.model import Finding, Verdict

CONTEXT = "https://schema.org"
# The verdict on schema.org's scale (1 false ... 5 true, the ClaimReview convention).
RATING_VALUES = {
    Verdict.SUPPORTED: 5,
    Verdict.UNSUPPORTED: 3,
    Verdict.FIGURE_MISMATCH: 2,
    Verdict.MISQUOTE: 2,
    Verdict.MISATTRIBUTED: 2,
    Verdict.DEBUNKED: 1,
}
_AUTHOR_TYPES = {"person": "Person"}  # groups and documents are written as organizations


def claim_review(finding: Finding, reviewer: str, today: dt.date) -> dict[str, Any]:
    """One finding with a claim as a ClaimReview node."""
    claim = finding.claim
    if claim is None:
        raise ValueError("a ClaimReview needs a finding with a claim")
    source = claim.source
    appearance: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
    if source.url:
        appearance["url"] = source.url
    if source.date:
        appearance["datePublished"] = source.date.isoformat()
    speaker = claim.speaker
    return {
        "@type": "ClaimReview",
        "claimReviewed": finding.sentence.text,
        "itemReviewed": {
            "@type": "Claim",
            "author": {
                "@type": _AUTHOR_TYPES.get(speaker.kind, "Organization"),
                "name": speaker.name,
            },
            "appearance": appearance,
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": finding.verdict.value,
            "ratingValue": RATING_VALUES[finding.verdict],
            "bestRating": 5,
            "worstRating": 1,
            "ratingExplanation": finding.message,
        },
        "author": {"@type": "Organization", "name": reviewer},
        "datePublished": today.isoformat(),
    }


def write_claimreview(
    out: IO[str], findings: Iterable[Finding], reviewer: str, today: dt.date | None = None
) -> None:
    """A JSON-LD document, ``{"@context": "https://schema.org", "@graph": [ClaimReview...]}``,
    written a review at a time as findings are made (``render.json.write_streamed``)."""
    from factcheck.render.json import write_streamed

    day = today or dt.date.today()
    graph = (claim_review(f, reviewer, day) for f in findings if f.claim is not None)
    write_streamed(out, {"@context": CONTEXT}, "@graph", graph)
