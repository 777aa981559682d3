"""`factcheck show ID` end to end: the passage in its paragraph, every citation, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.render.citations import STYLES, cite

from conftest import CLAIMS

runner = CliRunner()
SHARE = "gl-2017-04-11-prosecutions-share-2016"


def invoke(*args: str):
    return runner.invoke(app, [*args, "--db", str(CLAIMS)], env={"COLUMNS": "100"})


def test_text_shows_the_passage_bracketed_in_its_paragraph(database):
    claim = database.claim(SHARE)
    result = invoke("show", SHARE)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"{SHARE}  (statistic)\n")
    assert f"[[{claim.passage}]], an increase from 2015" in out  # plain off a terminal
    assert "Today’s announcement builds on" in out  # the start of its paragraph
    assert "52 percent of federal criminal prosecutions" in out and "(2016)" in out
    assert "Said by Grassroots Leadership" in out
    assert "Tags    prosecutions, immigration, statistics" in out
    for style in STYLES:
        assert f"    {style:<9}" in out
        assert cite(claim, style).splitlines()[0] in out


def test_json_has_the_claim_paragraph_offsets_and_citations(database):
    claim = database.claim(SHARE)
    data = json.loads(invoke("show", SHARE, "--format", "json").stdout)
    assert data["id"] == SHARE and data["passage"] == claim.passage
    paragraph = data["paragraph"]
    assert paragraph["text"][paragraph["passage_start"] : paragraph["passage_end"]] == claim.passage
    assert data["citations"] == {style: cite(claim, style) for style in STYLES}


def test_show_json_golden(golden):
    golden(
        "show-libal.json", invoke("show", "gl-2017-04-11-libal-fear-mongering", "-f", "json").stdout
    )


def test_external_claim_shows_its_passage_alone(tmp_path):
    db = tmp_path / "claims.yaml"
    db.write_text(
        """version: 1
sources:
  - {id: wire, title: "A wire story", publisher: Example Wire, date: 2020-01-02, external: true}
speakers:
  - {id: ann, name: Ann Example, role: mayor}
claims:
  - id: wire-budget
    source: wire
    speaker: ann
    type: statistic
    claim: The budget grew 5 percent.
    passage: the budget grew 5 percent
    figures: [{text: 5 percent, value: 5, unit: percent}]
""",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["show", "wire-budget", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "  Passage “the budget grew 5 percent”" in result.stdout
    data = json.loads(
        runner.invoke(app, ["show", "wire-budget", "--db", str(db), "-f", "json"]).stdout
    )
    assert data["paragraph"] is None


def test_unknown_id_suggests_the_closest_and_exits_2():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "factcheck",
            "show",
            "gl-2017-04-11-prosecution-share",
            "--db",
            str(CLAIMS),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=os.environ.copy(),
        timeout=60,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "factcheck: error: unknown claim id 'gl-2017-04-11-prosecution-share'; did you mean "
        "'gl-2017-04-11-prosecutions-share-2016', 'gl-2017-04-11-prosecutions-share-increase'? "
        "(`factcheck claims` lists them)\n"
    )
