"""`factcheck claims` and `factcheck speakers` end to end: filters, formats, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app

from conftest import CLAIMS

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [*args, "--db", str(CLAIMS)], env={"COLUMNS": "120"})


def on_terminal(*args: str, columns: int = 120) -> str:
    """The table as a terminal of that width gets it (TTY_COMPATIBLE: rich's and ours),
    without its styles."""
    env = {"COLUMNS": str(columns), "TTY_COMPATIBLE": "1", "NO_COLOR": "1"}
    result = runner.invoke(app, [*args, "--db", str(CLAIMS)], env=env)
    assert result.exit_code == 0, result.output
    return re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)


def run(*args: str):
    """The real entry point, so errors come out as `factcheck: error: ...` lines."""
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args, "--db", str(CLAIMS)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "COLUMNS": "120"},
        timeout=60,
    )


def test_table_lists_every_claim_with_its_columns(database):
    stdout = on_terminal("claims")
    header = stdout.splitlines()[0].split()
    assert header == ["id", "speaker", "figures", "claim"]  # date and type give way at 120
    for claim in database.claims:
        assert claim.id[:20] in stdout
    assert "412,240" in stdout


def test_in_a_pipe_each_claim_is_one_whole_line_without_empty_columns(database):
    """No id wrapped mid-word, no claim cut, no all-empty figures column (libal's claims)."""
    result = run("claims", "--speaker", "libal")
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["id", "speaker", "type", "claim", "date"]
    libal = [c for c in database.claims if c.speaker.id == "bob-libal"]
    assert len(rows) == len(libal)
    for row, claim in zip(rows, libal, strict=True):
        assert row.startswith(claim.id + " ") and claim.claim in row
    everything = run("claims").stdout.splitlines()
    assert len(everything) == 1 + len(database.claims)
    assert everything[0].split() == ["id", "speaker", "type", "figures", "claim", "date"]


def test_wide_table_has_every_column_and_ids_whole(database):
    stdout = on_terminal("claims", columns=220)
    assert stdout.splitlines()[0].split() == [
        "id",
        "speaker",
        "type",
        "figures",
        "claim",
        "date",
    ]
    for claim in database.claims:
        assert claim.id in stdout
    assert all(len(line) <= 220 for line in stdout.splitlines())


@pytest.mark.parametrize("query", ["sessions", "Jeff Session", "SESSIONS", "sesions"])
def test_speaker_filter_is_case_blind_alias_aware_and_fuzzy(query):
    result = invoke("claims", "--speaker", query, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.exit_code == 0
    assert {row["speaker_id"] for row in rows} == {"jeff-sessions"}
    assert len(rows) == 3


def test_json_is_claim_dicts_in_database_order(database):
    result = invoke("claims", "--format", "json", "--tag", "statistics")
    data = json.loads(result.stdout)
    expected = [c.id for c in database.claims if "statistics" in c.tags]
    assert [d["id"] for d in data] == expected
    assert set(data[0]) >= {"id", "type", "claim", "speaker", "passage", "figures", "source"}


def test_yaml_parses_to_the_same_dicts_as_json():
    as_json = json.loads(invoke("claims", "-f", "json", "-s", "libal").stdout)
    as_yaml = yaml.safe_load(invoke("claims", "-f", "yaml", "-s", "libal").stdout)
    assert as_yaml == as_json and len(as_json) == 2
    assert "’" in invoke("claims", "-f", "yaml", "-s", "libal").stdout  # allow_unicode


def test_csv_header_and_rows(database):
    result = invoke("claims", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [
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
    ]
    assert len(rows) == len(database.claims) + 1
    by_id = {row[0]: row for row in rows[1:]}
    row = by_id["gl-2017-04-11-improper-migration-prosecutions-since-2005"]
    assert row[5] == "nearly three quarters of a million; 412,240; 317,916"


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("json", "claims-caceres.json"), ("yaml", "claims-caceres.yaml"), ("csv", "claims.csv")],
)
def test_formats_match_golden_files(golden, fmt, name):
    args = ["claims", "--format", fmt] + (["--speaker", "caceres"] if fmt != "csv" else [])
    golden(name, invoke(*args).stdout)


def test_date_filters(database):
    for option in ("--since", "--until"):
        result = invoke("claims", "-f", "json", option, "2017-04-11")
        assert len(json.loads(result.stdout)) == len(database.claims)


@pytest.mark.parametrize(
    ("fmt", "stdout"),
    [("json", "[]\n"), ("yaml", "[]\n"), ("csv", None), ("table", "")],
)
def test_empty_results_exit_0_with_a_note_and_well_formed_output(fmt, stdout):
    result = invoke("claims", "--since", "2018-01-01", "--format", fmt)
    assert result.exit_code == 0
    assert result.stderr == "factcheck: no claims match these filters\n"
    if stdout is None:  # CSV: the header row alone
        assert list(csv.reader(io.StringIO(result.stdout))) == [list(_csv_header())]
    else:
        assert result.stdout == stdout


def _csv_header():
    from factcheck.render.records import CSV_FIELDS

    return CSV_FIELDS


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--speaker", "Alehandro Kazeres Smith"],
            "factcheck: error: no speaker matches 'Alehandro Kazeres Smith'; did you mean "
            "'Alejandro Caceres'? (`factcheck speakers` lists them)\n",
        ),
        (
            ["--since", "2017-13-01"],
            "factcheck: error: bad date for --since: '2017-13-01' "
            "(write it as YYYY-MM-DD, e.g. 2017-04-11)\n",
        ),
        (
            ["--type", "quot"],
            "factcheck: error: unknown claim type 'quot'; did you mean 'quote'? "
            "(known: event, policy, characterization, statistic, quote, biography)\n",
        ),
        (["--tag", "privat-prisons"], "factcheck: error: unknown tag 'privat-prisons'; did you"),
        (
            ["--source", "gl-2017"],
            "factcheck: error: unknown source 'gl-2017'; did you mean 'gl-2017-04-11'?",
        ),
        (
            ["--since", "2018-01-01", "--until", "2017-01-01"],
            "factcheck: error: --since 2018-01-01 is after --until 2017-01-01 (swap the dates)\n",
        ),
    ],
)
def test_bad_filters_exit_2_with_one_line(args, message):
    result = invoke("claims", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_bad_format_is_a_usage_error():
    result = run("claims", "--format", "xml")
    assert result.returncode == 2
    assert "xml" in result.stderr


def test_speakers_table_and_json(database):
    table = invoke("speakers")
    assert table.exit_code == 0
    assert "Attorney General of" in table.stdout and "quote 2, policy 1" in table.stdout
    data = json.loads(invoke("speakers", "--format", "json").stdout)
    assert [d["id"] for d in data] == list(database.speakers)
    sessions = data[0]
    assert sessions["claims"] == 3 and sessions["types"] == {"quote": 2, "policy": 1}
    assert sum(d["claims"] for d in data) == len(database.claims)


def test_speakers_json_golden(golden):
    golden("speakers.json", invoke("speakers", "-f", "json").stdout)


def test_subprocess_table_is_plain_text():
    result = run("claims", "--speaker", "libal")
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    assert "gl-2017-04-11-libal-fear-mongering" in result.stdout  # room left: ids stay whole


def test_with_the_cache_off_listing_builds_no_index(monkeypatch):
    """The cache holds the index for matching; a listing without it needs none."""
    from factcheck.check import matcher

    def no_index(claims):
        raise AssertionError("claims built an index")

    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    monkeypatch.setattr(matcher, "build_index", no_index)
    result = runner.invoke(app, ["claims", "--db", str(CLAIMS), "--speaker", "libal", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert all(c["speaker"]["id"] == "bob-libal" for c in json.loads(result.stdout))


def test_an_unknown_speaker_suggests_only_a_likely_name():
    """'Libel' is a typo of 'Libal'; 'zzzz' is nobody, so nothing is suggested."""
    close = run("claims", "--speaker", "Libel")
    assert close.returncode == 2
    assert close.stderr.startswith("factcheck: error: no speaker matches 'Libel'; ")
    assert "did you mean 'Bob Libal'?" in close.stderr
    far = run("claims", "--speaker", "zzzz")
    assert far.returncode == 2
    assert far.stderr == (
        "factcheck: error: no speaker matches 'zzzz' (`factcheck speakers` lists them)\n"
    )


def test_speakers_in_a_pipe_one_line_each(database):
    result = run("speakers")
    header, *rows = result.stdout.splitlines()
    assert header.split()[:2] == ["speaker", "id"]
    assert len(rows) == len(database.speakers)
    assert any(row.startswith("Bob Libal ") and " bob-libal " in row for row in rows)
