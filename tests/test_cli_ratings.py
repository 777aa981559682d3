"""Editors see ratings: `claims --rating`, `show`, `search`, and `claims` as JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

from conftest import ROOT

runner = CliRunner()
FEED = ROOT / "examples" / "factchecks.json"


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    out = tmp_path_factory.mktemp("desk") / "desk.yaml"
    assert runner.invoke(app, ["import", str(FEED), "-o", str(out)]).exit_code == 0
    return str(out)


def test_claims_filters_by_rating_class(desk):
    result = runner.invoke(app, ["claims", "--db", desk, "--rating", "false"])
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "speaker", "type", "claim", "date", "rating"]
    assert len(lines) == 3 and lines[1].endswith("false: Pants on Fire")
    wrong = runner.invoke(app, ["claims", "--db", desk, "--rating", "pants"])
    assert wrong.exit_code == 2 and "unknown rating class 'pants'" in wrong.stderr


def test_claims_json_and_csv_carry_the_review(desk):
    found = json.loads(runner.invoke(app, ["claims", "--db", desk, "--format", "json",
                                           "--rating", "mixed"]).stdout)  # fmt: skip
    (claim,) = found
    assert claim["review"] == {
        "rating": "Half true", "rating_class": "mixed", "value": 3.0, "best": 5.0, "worst": 1.0,
        "reviewer": "Example Desk", "date": "2021-02-03",
        "url": "https://factcheck.example.org/2021/02/wind-turbines-birds", "language": "en",
    }  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(
        runner.invoke(app, ["claims", "--db", desk, "--format", "csv"]).stdout)))  # fmt: skip
    assert [r["rating_class"] for r in rows] == ["false", "mixed", "false", "true"]
    assert rows[0]["review_url"].endswith("moon-landing-studio")


def test_show_and_search_show_the_rating(desk):
    claim_id = json.loads(runner.invoke(app, ["claims", "--db", desk, "--format", "json"]).stdout)[
        0
    ]["id"]
    shown = runner.invoke(app, ["show", "--db", desk, claim_id]).stdout
    assert "  Rated   “Pants on Fire” (false), 1 of 5 by Example Desk, July 16, 2019" in shown
    detail = json.loads(runner.invoke(app, ["show", "--db", desk, claim_id, "-f", "json"]).stdout)
    assert detail["review"]["rating"] == "Pants on Fire"
    rows = runner.invoke(app, ["search", "--db", desk, "moon landing faked"]).stdout
    assert rows.splitlines()[1].split()[-1] == "rating"
    assert "false: Pants on Fire" in rows.splitlines()[2]
    found = json.loads(
        runner.invoke(app, ["search", "--db", desk, "moon landing faked", "-f", "json"]).stdout
    )
    assert found["results"][0]["claim"]["review"]["rating_class"] == "false"
