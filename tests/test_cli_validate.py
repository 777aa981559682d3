"""`factcheck validate` end to end: every kind of problem on a broken database, and exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

from conftest import CLAIMS, ROOT

runner = CliRunner()

# One problem of each kind the loader and the validator know; the line numbers are this text's.
BROKEN = """\
version: 1
sources:
  - id: gl
    title: Release
    publisher: Grassroots Leadership
    date: 2017-04-11
    path: sources/grassroots-leadership-2017-04-11.txt
  - id: gl
    title: The same id again
    publisher: GL
    path: sources/grassroots-leadership-2017-04-11.txt
  - id: bad-date
    title: Bad date
    publisher: GL
    date: someday
    path: sources/missing.txt
  - id: outside
    title: Outside
    publisher: GL
    path: ../elsewhere.txt
  - id: no-text
    title: No text
    publisher: GL
speakers:
  - id: libal
    name: Bob Libal
    aliases: [Libal, libal]
  - id: robert-libal
    name: Robert Libal
    kind: robot
    aliases: [Bob Libal]
  - id: libal
    name: Duplicate
claims:
  - id: quote
    source: gl
    speaker: libal
    type: quote
    claim: Libal called it fear-mongering.
    passage: "\\"This action takes Trump's fear-mongering and puts it into concrete policy"
    quote: fear mongering
    same_as: [quote, nowhere]
  - id: figure
    source: gl
    speaker: libal
    type: statistic
    claim: In 2016, 52 percent.
    passage: In 2016, 52 percent of all federal criminal prosecutions
    colour: red
    figures:
      - {text: 53 percent, value: lots, year: 16}
      - {text: 52 percent, value: 52, span: [2016], parts: ['412']}
  - id: figure
    source: gl
    speaker: libal
    type: statistic
    claim: Duplicate id.
    passage: In 2016
  - id: orphan
    source: nope
    speaker: nobody
    type: event
    claim: Unknown source and speaker.
    passage: x
  - id: linked
    source: gl
    speaker: libal
    type: event
    claim: Linked to a claim of its own source.
    passage: In 2016
    same_as: [quote]
  - id: missing-fields
    source: gl
"""

EXPECTED = [
    (8, "duplicate source id 'gl'"),
    (15, "source bad-date: date 'someday' is not a date (write it as YYYY-MM-DD)"),
    (16, "source bad-date: source text 'sources/missing.txt' not found"),
    (20, "source outside: path '../elsewhere.txt' leaves the database folder"),
    (21, "source no-text has no path to its text (add path:, or external: true"),
    (32, "duplicate speaker id 'libal'"),
    (30, "speaker robert-libal: unknown kind 'robot'"),
    (40, "claim quote: passage is not verbatim in source gl"),
    (41, "claim quote: quote is not in its passage"),
    (49, "unknown field 'colour' in claim"),
    (51, "claim figure: figure '53 percent' is not in its passage"),
    (51, "claim figure: figure value must be a number"),
    (52, "claim figure: span must be [from, to] (e.g. [2005, 2017] or [2005, null])"),
    (52, "claim figure: part '412' is not a figure text of this claim"),
    (53, "duplicate claim id 'figure' (first defined at"),
    (60, "claim orphan: unknown source 'nope' (define it under sources:)"),
    (61, "claim orphan: unknown speaker 'nobody' (define it under speakers:)"),
    (72, "claim is missing required field 'speaker'"),
    (35, "claim quote: same_as names the claim itself (link claims of other sources)"),
    (35, "claim quote: same_as names unknown claim 'nowhere' (use the id of a claim"),
    (65, "claim linked: same_as names 'quote' of the same source"),
    (25, "speaker libal: 'libal' is declared twice (remove the repeated alias)"),
    (28, "speaker robert-libal: 'Bob Libal' is also a name of speaker libal (keep one spelling"),
]


@pytest.fixture
def broken(write_db):
    return write_db(BROKEN)


def test_every_problem_is_listed_with_file_line_and_fix(broken):
    result = runner.invoke(app, ["validate", "--db", str(broken)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    for line, message in EXPECTED:
        prefix = f"{broken}:{line}: {message}"
        assert any(out.startswith(prefix) for out in lines), (prefix, result.stdout)
    problems = [out for out in lines if out.startswith(str(broken))]
    assert lines[-1] == f"{len(problems)} problems in 1 file"


def test_a_passage_not_verbatim_shows_the_closest_source_text_and_the_difference(broken):
    out = runner.invoke(app, ["validate", "--db", str(broken)]).stdout
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "passage is not verbatim" in line)
    closest, differs = lines[at + 1], lines[at + 2]
    assert closest.startswith("    closest source text (line 7): '“This action takes Trump’s")
    assert closest.endswith("concrete policy'")
    assert differs.startswith("    differs: ")
    assert "'\"This' → source '“This'" in differs
    assert "\"Trump's\" → source 'Trump’s'" in differs


def test_the_shipped_database_is_sound():
    result = runner.invoke(app, ["validate", "--db", str(CLAIMS)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("sound: ") and result.stdout.endswith(" in 1 file\n")


def test_malformed_yaml_is_a_problem_with_its_line(write_db):
    path = write_db("version: 1\nclaims:\n  - id: [broken\n")
    result = runner.invoke(app, ["validate", "--db", str(path)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path}:4: malformed YAML")


def test_a_missing_database_cannot_be_validated(tmp_path):
    result = runner.invoke(app, ["validate", "--db", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: {tmp_path / 'nope.yaml'}: database not found "
        "(pass --db PATH or set FACTCHECK_DB)\n"
    )


def test_a_folder_of_files_with_same_as_links_across_sources(write_db, tmp_path):
    release = CLAIMS.read_text(encoding="utf-8")
    write_db(release, "a.yaml")
    second = """\
version: 1
sources:
  - id: book
    title: Indefensible
    publisher: Justice Strategies
    external: true
claims:
  - id: book-share-2016
    source: book
    speaker: grassroots-leadership
    type: statistic
    claim: In 2016, 52 percent of all federal criminal prosecutions involved immigration offenses.
    passage: 52 percent of all federal criminal prosecutions
    same_as: [gl-2017-04-11-prosecutions-share-2016]
"""
    write_db(second, "b.yaml")
    result = runner.invoke(app, ["validate", "--db", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("2 sources in 2 files\n")
    broken = second.replace("prosecutions-share-2016]", "prosecutions-share-2099]")
    write_db(broken, "b.yaml")
    result = runner.invoke(app, ["validate", "--db", str(tmp_path)])
    assert result.exit_code == 1
    assert (
        f"{tmp_path / 'b.yaml'}:8: claim book-share-2016: same_as names unknown claim "
        "'gl-2017-04-11-prosecutions-share-2099'"
    ) in result.stdout


def test_validate_through_a_real_process(broken):
    run = subprocess.run(
        [sys.executable, "-m", "factcheck", "validate", "--db", str(broken)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 1
    assert run.stderr == ""
    assert run.stdout.splitlines()[-1].endswith("problems in 1 file")
