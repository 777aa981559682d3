"""Claims and speakers as data: JSON-ready dicts, YAML and CSV.

Every format is built from :func:`factcheck.render.json.claim_dict`, so a
claim has the same field names in a verify report, ``claims --format json``
and ``claims --format yaml``. CSV flattens it to one row a claim.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from factcheck.db.catalog import PassageContext, SpeakerSummary
from factcheck.model import Claim
from factcheck.render.json import claim_dict, speaker_dict

CSV_FIELDS = (
    "id",
    "speaker_id",
    "speaker",
    "type",
    "claim",
    "figures",
    "tags",
    "source",
    "date",
    "passage",
    "rating",
    "rating_class",
    "reviewer",
    "review_date",
    "review_url",
)


def dump_json(value: Any) -> str:
    """Pretty-printed JSON with non-ASCII kept (an empty list stays ``[]``)."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def render_yaml(dicts: list[dict[str, Any]]) -> str:
    """The same dicts as YAML; ``[]`` when empty so the output still parses as a list."""
    import yaml

    return yaml.safe_dump(dicts, allow_unicode=True, sort_keys=False, width=100)


def render_csv(claims: list[Claim]) -> str:
    """One row a claim under a header row; figures and tags joined with "; "."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for claim in claims:
        writer.writerow(
            {
                "id": claim.id,
                "speaker_id": claim.speaker.id,
                "speaker": claim.speaker.name,
                "type": claim.type,
                "claim": claim.claim,
                "figures": "; ".join(f.text for f in claim.figures),
                "tags": "; ".join(claim.tags),
                "source": claim.source.id,
                "date": claim.source.date.isoformat() if claim.source.date else "",
                "passage": claim.passage,
                **_review_cells(claim),
            }
        )
    return out.getvalue()


def _review_cells(claim: Claim) -> dict[str, str]:
    """A claim's fact-check in the CSV's last columns, empty for an unrated claim."""
    review = claim.review
    if review is None:
        return {}
    return {
        "rating": review.rating,
        "rating_class": review.rating_class,
        "reviewer": review.reviewer or "",
        "review_date": review.date.isoformat() if review.date else "",
        "review_url": review.url or "",
    }


def speaker_summary_dict(summary: SpeakerSummary) -> dict[str, Any]:
    """A speaker's fields with ``claims`` (a count) and ``types`` (type → count)."""
    return {
        **speaker_dict(summary.speaker),
        "claims": summary.claims,
        "types": dict(summary.types),
    }


def claim_detail_dict(
    claim: Claim, context: PassageContext | None, citations: dict[str, str]
) -> dict[str, Any]:
    """``claim_dict`` plus the passage's paragraph and a citation in every style.

    ``paragraph`` is null for a source without text; ``passage_start`` and
    ``passage_end`` are character offsets of the passage in ``paragraph.text``.
    """
    paragraph = (
        None
        if context is None
        else {"text": context.paragraph, "passage_start": context.start, "passage_end": context.end}
    )
    return {**claim_dict(claim), "paragraph": paragraph, "citations": citations}
