"""``verify --format claimreview``: JSON-LD a desk can publish, read back by ``import``."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.db.database import load_database

from conftest import ROOT

runner = CliRunner()
FEED = ROOT / "examples" / "factchecks.json"
SCHEMA = "https://schema.org/"
# Every term the output uses; each is a schema.org type or property (schema.org/ClaimReview,
# /Claim, /Rating, /CreativeWork).
SCHEMA_TERMS = {
    "ClaimReview", "Claim", "CreativeWork", "Rating", "Organization", "Person",
    "claimReviewed", "itemReviewed", "author", "appearance", "name", "url", "datePublished",
    "reviewRating", "alternateName", "ratingValue", "bestRating", "worstRating",
    "ratingExplanation",
}  # fmt: skip
DRAFT = (
    "The moon landing was faked in a studio. The moon landing was not faked.\n\n"
    "Wind turbines kill more birds than house cats do. The sky was clear today.\n"
)


@pytest.fixture
def published(tmp_path):
    """The ClaimReview document for DRAFT, checked against the imported example feed."""
    desk = tmp_path / "desk.yaml"
    assert runner.invoke(app, ["import", str(FEED), "-o", str(desk)]).exit_code == 0
    result = runner.invoke(
        app,
        ["verify", "--db", str(desk), "--format", "claimreview", "--reviewer", "City Desk", "-"],
        input=DRAFT,
    )
    assert result.exit_code == 1, result.output  # the first sentence is debunked
    return json.loads(result.stdout)


def _local_schema_org(url, options=None):
    """schema.org's context, offline: every term in its vocabulary."""
    assert url.rstrip("/") == SCHEMA.rstrip("/"), url
    return {"contextUrl": None, "documentUrl": url,
            "document": {"@context": {"@vocab": SCHEMA}}}  # fmt: skip


def _terms(node, found):
    if isinstance(node, list):
        for item in node:
            _terms(item, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@type":
                found.update(value if isinstance(value, list) else [value])
            elif not key.startswith("@"):
                found.add(key)
            _terms(value, found)
    return found


def test_one_review_per_finding_with_a_claim(published):
    graph = published["@graph"]
    assert published["@context"] == "https://schema.org"
    assert [r["claimReviewed"] for r in graph] == [
        "The moon landing was faked in a studio.",
        "The moon landing was not faked.",
        "Wind turbines kill more birds than house cats do.",
    ]
    first = graph[0]
    assert first["reviewRating"]["alternateName"] == "debunked"
    assert first["reviewRating"]["ratingValue"] == 1
    assert first["itemReviewed"]["author"] == {"@type": "Organization", "name": "Viral video"}
    assert first["itemReviewed"]["appearance"]["url"].startswith("https://factcheck.example.org/")
    assert first["author"] == {"@type": "Organization", "name": "City Desk"}
    assert dt.date.fromisoformat(first["datePublished"]) == dt.date.today()
    assert [r["reviewRating"]["alternateName"] for r in graph[1:]] == ["supported", "unsupported"]


def test_it_expands_as_json_ld_using_only_schema_org_terms(published):
    from pyld import jsonld

    expanded = jsonld.expand(published, {"documentLoader": _local_schema_org})
    assert len(expanded) == 3
    iris = _terms(expanded, set())
    assert iris and all(iri.startswith(SCHEMA) for iri in iris), iris
    assert {iri.removeprefix(SCHEMA) for iri in iris} <= SCHEMA_TERMS
    # Nothing dropped: every key of the document became a schema.org IRI.
    assert {SCHEMA + term for term in _terms(published["@graph"], set())} == iris


def test_it_reads_back_through_import(published, tmp_path):
    document = tmp_path / "published.jsonld"
    document.write_text(json.dumps(published), encoding="utf-8")
    out = tmp_path / "again.yaml"
    result = runner.invoke(app, ["import", str(document), "-o", str(out)])
    assert result.exit_code == 0, result.output
    claims = load_database(out).claims
    assert [c.claim for c in claims] == [r["claimReviewed"] for r in published["@graph"]]
    assert [c.review.rating_class for c in claims] == ["false", "true", "unproven"]
    assert {c.review.reviewer for c in claims} == {"City Desk"}
    assert claims[0].speaker.name == "Viral video"


def test_reviewer_is_only_for_claimreview_output():
    result = runner.invoke(app, ["verify", "--reviewer", "Desk", "-"], input="Hello.")
    assert result.exit_code == 2 and "--reviewer is only used with --format claimreview" in (
        result.stderr
    )
