"""`factcheck cite ID --style S` end to end, and `verify --cite STYLE`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.render.citations import STYLES, cite

from conftest import CLAIMS

runner = CliRunner()
LIBAL = "gl-2017-04-11-libal-fear-mongering"
EXACT = (
    "In 2016, 52 percent of all federal criminal prosecutions involved "
    "immigration-related offenses."
)
WRONG = EXACT.replace("52", "25")


def run(*args: str, input: str | None = None):
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args, "--db", str(CLAIMS)],
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=os.environ.copy(),
        timeout=60,
    )


@pytest.mark.parametrize("style", STYLES)
def test_cite_prints_the_style(database, style):
    result = runner.invoke(app, ["cite", LIBAL, "--style", style, "--db", str(CLAIMS)])
    assert result.exit_code == 0
    assert result.stdout == cite(database.claim(LIBAL), style) + "\n"


def test_default_style_is_apa_and_style_is_case_blind(database):
    default = runner.invoke(app, ["cite", LIBAL, "--db", str(CLAIMS)]).stdout
    assert default == cite(database.claim(LIBAL), "apa") + "\n"
    assert runner.invoke(app, ["cite", LIBAL, "-s", "MLA", "--db", str(CLAIMS)]).stdout == (
        cite(database.claim(LIBAL), "mla") + "\n"
    )
    assert json.loads(
        runner.invoke(app, ["cite", LIBAL, "-s", "csl-json", "--db", str(CLAIMS)]).stdout
    )


def test_markdown_style_quotes_the_passage_and_names_the_speaker():
    out = run("cite", LIBAL, "--style", "markdown").stdout
    assert out.startswith("“‘This action takes Trump’s fear-mongering")
    assert "— Bob Libal, executive director at Grassroots Leadership" in out


def test_unknown_style_suggests_and_exits_2():
    result = runner.invoke(app, ["cite", LIBAL, "--style", "ml", "--db", str(CLAIMS)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "factcheck: error: unknown citation style 'ml'; valid styles: apa, mla, chicago, "
        "bibtex, csl-json, markdown (did you mean 'mla'?)\n"
    )


def test_unknown_id_suggests_and_exits_2():
    result = runner.invoke(app, ["cite", "gl-2017-04-11-libal-fearmongering", "--db", str(CLAIMS)])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "factcheck: error: unknown claim id 'gl-2017-04-11-libal-fearmongering'; "
        "did you mean 'gl-2017-04-11-libal-fear-mongering'"
    )


def test_verify_cite_uses_the_style_in_the_text_report(database):
    claim = database.claim("gl-2017-04-11-prosecutions-share-2016")
    result = run("verify", "--cite", "mla", input=EXACT + "\n")
    assert result.returncode == 0
    assert f"  Cite    {cite(claim, 'mla')}\n" in result.stdout


def test_verify_cite_adds_citation_to_supported_json_findings_only(database):
    claim = database.claim("gl-2017-04-11-prosecutions-share-2016")
    result = runner.invoke(
        app,
        ["verify", "--cite", "chicago", "--format", "json", "--db", str(CLAIMS)],
        input=f"{EXACT}\n\n{WRONG}\n",
    )
    findings = json.loads(result.stdout)["findings"]
    by_verdict = {f["verdict"]: f for f in findings}
    assert by_verdict["supported"]["citation"] == cite(claim, "chicago")
    assert "citation" not in by_verdict["figure-mismatch"]
    plain = json.loads(
        runner.invoke(app, ["verify", "-f", "json", "--db", str(CLAIMS)], input=EXACT + "\n").stdout
    )
    assert "citation" not in plain["findings"][0]


def test_verify_cite_unknown_style_exits_2_before_checking():
    result = runner.invoke(
        app, ["verify", "--cite", "harvard", "--db", str(CLAIMS)], input=EXACT + "\n"
    )
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("factcheck: error: unknown citation style 'harvard'")
