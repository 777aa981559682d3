"""`factcheck lint` and `factcheck config` end to end: formats (golden files),
SARIF against the official schema, exit codes, config, stdin, baselines,
many files, errors, and the pre-commit hook for real.

Regenerate the golden files with FACTCHECK_REGEN_GOLDEN=1.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from factcheck import __version__
from factcheck.cli import app
from factcheck.render.github import escape_data, escape_property
from factcheck.render.lint_json import schema

from conftest import CLAIMS, ROOT, pre_commit_command

GOLDEN = ROOT / "tests" / "golden"
SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-2.1.0.json"
EXACT = (
    "In 2016, 52 percent of all federal criminal prosecutions involved immigration-related "
    "offenses."
)
WRONG = (
    "In 2016, 25 percent of all federal criminal prosecutions involved immigration-related "
    "offenses."
)
MADE_UP = "In 2019, 87 percent of county jails held more than 4,300 asylum seekers."
MADE_UP_2 = "In 2018, 91 percent of county jails held more than 9,300 asylum seekers."
GOOD = f"---\ntitle: Good\n---\n\n# Prosecutions\n\n{EXACT}\n"
BAD = (
    f"# Prosecutions, by the numbers\n\nThe release is clear. {WRONG}\n\n"
    f"- {MADE_UP}\n\n"
    f"<!-- factcheck-disable-next-line FC004 -- county survey, desk confirmed -->\n"
    f"{MADE_UP_2}\n"
)
runner = CliRunner()


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    """Each test in its own folder, with no config or database from the environment."""
    for name in ("FACTCHECK_CONFIG", "FACTCHECK_DB", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def op_eds(root: Path) -> Path:
    folder = root / "op-eds"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    (folder / "bad.md").write_text(BAD, encoding="utf-8")
    return folder


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, ["lint", "--db", str(CLAIMS), *args], input=input)


def run(*args: str, cwd: Path, input: bytes | None = None):
    """The real entry point in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        capture_output=True,
        cwd=cwd,
        input=input,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


# --- golden files -------------------------------------------------------------------------

SCORE = re.compile(r'("score": )[0-9.]+')
FORMATS = {"text": "txt", "json": "json", "sarif": "sarif", "github": "github", "junit": "xml"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden(fmt, tmp_path):
    op_eds(tmp_path)
    result = invoke("op-eds", "--format", fmt)
    assert result.exit_code == 1, result.output
    # Match scores move while the matcher is tuned; the format is what is pinned here.
    got = SCORE.sub(r'\1"SCORE"', result.stdout.replace(__version__, "VERSION"))
    golden = GOLDEN / f"lint.{FORMATS[fmt]}"
    if os.environ.get("FACTCHECK_REGEN_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def _streamed_run(tmp_path: Path, fmt: str):
    """A run with results, comment-suppressed and baselined ones, an FC006 that waits
    for the end of its file, and two files: every part of each format."""
    folder = op_eds(tmp_path)
    (folder / "more.md").write_text(
        f"<!-- factcheck-disable FC003 -->\n\n{WRONG}\n\n{MADE_UP}\n\n{WRONG}\n", encoding="utf-8"
    )
    written = invoke("op-eds/more.md", "--write-baseline", "baseline.json")
    assert written.exit_code == 0, written.output
    (folder / "more.md").write_text(
        f"<!-- factcheck-disable FC003 -->\n\n{WRONG}\n\n{MADE_UP}\n\n{WRONG}\n\n{MADE_UP_2}\n",
        encoding="utf-8",
    )
    args = ("op-eds", "--baseline", "baseline.json", "--report-unused-disables", "--format", fmt)
    return invoke(*args)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_streamed_json_formats_are_laid_out_as_json_dumps_lays_out_the_whole(fmt, tmp_path):
    """lint's JSON and SARIF are written a result at a time (the suppressed list after
    every active result), to the letter of the whole document dumped at once."""
    result = _streamed_run(tmp_path, fmt)
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert result.stdout == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "json":
        kinds = [r["suppression"]["kind"] for r in document["suppressed"]]
        assert kinds == ["comment", "baseline", "baseline", "baseline"]
        assert [r["rule"] for r in document["results"]] == ["FC001", "FC004", "FC006", "FC004"]
        assert [f["path"] for f in document["files"]] == ["op-eds/bad.md", "op-eds/good.md",
                                                          "op-eds/more.md"]  # fmt: skip


def test_streamed_junit_is_what_elementtree_writes_for_the_whole(tmp_path):
    """JUnit is written a test case at a time (each suite's counts, and the run's, once
    known), to the letter of ElementTree's indented document."""
    result = _streamed_run(tmp_path, "junit")
    assert result.exit_code == 1, result.output
    root = ET.fromstring(result.stdout)
    ET.indent(root)
    whole = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
    assert result.stdout == whole
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["op-eds/bad.md", "op-eds/good.md", "op-eds/more.md"]
    assert [s.get("skipped") for s in suites] == ["1", "0", "3"]
    assert root.get("tests") == str(sum(int(s.get("tests")) for s in suites))


def test_no_files_is_an_empty_document_in_every_format(tmp_path):
    (tmp_path / "empty").mkdir()
    for fmt in ("json", "sarif"):
        stdout = invoke("empty", "--format", fmt).stdout
        assert stdout == json.dumps(json.loads(stdout), ensure_ascii=False, indent=2) + "\n"
    junit = invoke("empty", "--format", "junit").stdout
    assert junit.endswith('<testsuites name="factcheck" tests="0" failures="0" skipped="0" '
                          'errors="0" />\n')  # fmt: skip


def _long_draft_with_a_bad_byte_late(tmp_path: Path) -> str:
    """A draft whose first chunk has one FC001, and a bad byte past the first 1 MiB."""
    code = "```\ncode\n```\n\n" * 80_000  # skipped: cheap to check
    (tmp_path / "long.md").write_bytes(f"{WRONG}\n\n{code}".encode() + b"\xff broken\n")
    return "long.md"


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif", "junit"])
def test_a_bad_byte_late_in_a_long_draft_stops_the_stream_with_one_line(tmp_path, fmt):
    """A long draft is linted a chunk at a time and its results written as they are made:
    those before the bad chunk are out, then one line naming the byte and exit 2."""
    draft = _long_draft_with_a_bad_byte_late(tmp_path)
    result = run("lint", "--db", str(CLAIMS), "--format", fmt, draft, cwd=tmp_path)
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert "Traceback" not in stderr and "invalid utf-8 at byte 1120097" in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert b"FC001" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_a_bad_byte_late_still_closes_the_document_with_the_error(tmp_path, fmt):
    """The results before it, the file it stopped in with its counts so far, an error
    naming it, the summary: a whole document that its schema takes, on exit 2."""
    draft = _long_draft_with_a_bad_byte_late(tmp_path)
    result = run("lint", "--db", str(CLAIMS), "--format", fmt, draft, cwd=tmp_path)
    assert result.returncode == 2
    stdout = result.stdout.decode()
    message = result.stderr.decode().removeprefix("factcheck: error: ").strip()
    assert message.startswith("long.md: invalid utf-8 at byte 1120097")
    if fmt == "json":
        document = json.loads(stdout)
        jsonschema.Draft202012Validator(schema()).validate(document)
        assert [r["rule"] for r in document["results"]] == ["FC001"]
        assert document["files"] == [
            {"path": "long.md", "sentences": 1, "results": 1, "suppressed": 0}
        ]
        assert document["error"] == {"file": "long.md", "line": None, "message": message}
        assert list(document)[-2:] == ["error", "summary"]
        assert document["summary"]["error"] == 1
    elif fmt == "sarif":
        log = json.loads(stdout)
        jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(
            log
        )
        [run_] = log["runs"]
        assert [r["ruleId"] for r in run_["results"]] == ["FC001"]
        [invocation] = run_["invocations"]
        assert invocation["executionSuccessful"] is False
        [notification] = invocation["toolExecutionNotifications"]
        assert notification["level"] == "error"
        assert notification["message"]["text"] == message
        where = notification["locations"][0]["physicalLocation"]["artifactLocation"]
        assert where == {"uri": "long.md", "uriBaseId": "%SRCROOT%"}
    else:
        root = ET.fromstring(stdout)
        [suite] = root.findall("testsuite")
        assert suite.get("name") == "long.md"
        counts = ("tests", "failures", "errors")
        assert [suite.get(k) for k in counts] == [root.get(k) for k in counts] == ["2", "1", "1"]
        [error] = suite.iter("error")
        assert (error.get("type"), error.get("message")) == ("InputError", message)
        assert stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')


def test_a_run_that_stops_leaves_the_output_file_as_it_was(tmp_path):
    """--output replaces its file only once a run is done: a run an input error stops
    (exit 2) leaves it, and the terminal gets the results before the error."""
    draft = _long_draft_with_a_bad_byte_late(tmp_path)
    (tmp_path / "out.sarif").write_text("old", encoding="utf-8")
    result = run("lint", "--db", str(CLAIMS), "-f", "sarif", "-o", "out.sarif", draft,
                 cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2
    assert (tmp_path / "out.sarif").read_text(encoding="utf-8") == "old"
    assert b"long.md:1:1: error FC001" in result.stdout
    assert not any(p.name.startswith(".out.sarif") for p in tmp_path.iterdir())


def test_a_run_with_a_progress_bar_that_stops_still_hands_over_its_events():
    """With a bar on the terminal the events are gathered before the report (lint's and
    verify's alike): those made before an error are handed over, then the error, for the
    writers to close."""
    from factcheck.errors import InputError
    from factcheck.render.progress import gathered

    def events():
        yield "first"
        yield "second"
        raise InputError("invalid utf-8 at byte 9", file="x.md")

    held = gathered(events())
    assert [next(held), next(held)] == ["first", "second"]
    with pytest.raises(InputError, match="byte 9"):
        next(held)
    assert list(gathered(iter(["only"]))) == ["only"]


def test_text_lines_are_path_line_col_severity_rule_message(tmp_path):
    op_eds(tmp_path)
    lines = invoke("op-eds").stdout.splitlines()
    assert lines[0].startswith("op-eds/bad.md:3:23: error FC001 figure mismatch")
    assert lines[1].startswith("op-eds/bad.md:5:3: warning FC004 ")
    assert "2 problems (1 error, 1 warning) in 1 of 2 files" in lines[-1]
    assert "1 suppressed" in lines[-1]


# --- machine formats against their schemas ------------------------------------------------


def test_sarif_is_valid_sarif_2_1_0_for_code_scanning(tmp_path):
    op_eds(tmp_path)
    log = json.loads(invoke("op-eds", "--format", "sarif").stdout)
    official = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(official).validate(log)
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    assert driver["name"] == "factcheck"
    # Not another project's page (pypi.org/project/factcheck is an unrelated library).
    assert "pypi.org/project/factcheck/" not in json.dumps(log)
    assert run_["columnKind"] == "unicodeCodePoints"
    for result in run_["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "op-eds/bad.md", "uriBaseId": "%SRCROOT%"}
        assert location["region"]["startLine"] >= 1
        assert len(result["partialFingerprints"]["factcheck/v1"]) == 20
    assert [r["level"] for r in run_["results"]] == ["error", "warning"]


def test_sarif_fingerprints_are_stable_when_lines_move(tmp_path):
    folder = op_eds(tmp_path)
    before = json.loads(invoke("op-eds", "--format", "sarif").stdout)["runs"][0]["results"]
    (folder / "bad.md").write_text("# New heading\n\nNew intro.\n\n" + BAD, encoding="utf-8")
    after = json.loads(invoke("op-eds", "--format", "sarif").stdout)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [7, 9]


def test_json_matches_the_shipped_schema_and_lists_suppressed_with_reason(tmp_path):
    op_eds(tmp_path)
    document = json.loads(invoke("op-eds", "--format", "json").stdout)
    jsonschema.Draft202012Validator(schema()).validate(document)
    assert [r["rule"] for r in document["results"]] == ["FC001", "FC004"]
    [suppressed] = document["suppressed"]
    assert suppressed["suppression"] == {
        "kind": "comment",
        "reason": "county survey, desk confirmed",
        "line": 7,
    }
    assert document["summary"]["failed"] is True
    assert document["results"][0]["claim"]["id"] == "gl-2017-04-11-prosecutions-share-2016"


def test_junit_has_a_suite_per_file_and_failures_at_fail_on(tmp_path):
    op_eds(tmp_path)
    root = ET.fromstring(invoke("op-eds", "--format", "junit").stdout)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"op-eds/bad.md", "op-eds/good.md"}
    assert suites["op-eds/bad.md"].get("failures") == "1"
    assert suites["op-eds/bad.md"].get("skipped") == "1"
    assert suites["op-eds/good.md"].get("failures") == "0"
    root = ET.fromstring(invoke("op-eds", "--format", "junit", "--fail-on", "warning").stdout)
    assert root.get("failures") == "2"


def test_junit_case_names_survive_an_edit_above_and_tell_equal_sentences_apart(tmp_path):
    """CI test history keys on the case name: no line:col in it (it is in the message)."""
    draft = tmp_path / "op-ed.md"

    def cases(text: str) -> dict[str, ET.Element]:
        draft.write_text(text, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "factcheck", "lint", "--db", str(CLAIMS), "-f", "junit",
             str(draft)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        return {c.get("name"): c for c in ET.fromstring(result.stdout).iter("testcase")}

    before = cases(f"{WRONG}\n\n{WRONG}\n")
    after = cases(f"# A new headline\n\nA new first paragraph.\n\n{WRONG}\n\n{WRONG}\n")
    short = WRONG[:79] + "…"
    assert set(before) == {short, f"{short} (2)"}
    assert set(before) < set(after)
    failure = after[f"{short} (2)"].find("failure")
    assert failure is not None and failure.get("message", "").startswith("7:1: FC001 ")


def test_github_escapes_messages_and_properties():
    assert escape_data("50% of\r\nall") == "50%25 of%0D%0Aall"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotations_end_with_a_summary(tmp_path):
    op_eds(tmp_path)
    lines = invoke("op-eds", "--format", "github", "--fail-on", "warning").stdout.splitlines()
    assert lines[0].startswith("::error file=op-eds/bad.md,line=3,col=23,endLine=3,endColumn=")
    assert ",title=FC001 figure-mismatch::figure mismatch" in lines[0]
    assert lines[1].startswith("::warning file=op-eds/bad.md,line=5,col=3,")
    assert "4%2C300" not in lines[1] and "4,300" in lines[1]  # messages keep commas
    assert lines[-1].startswith("factcheck: 1 error, 1 warning, 0 notices in 2 files")


def test_output_file_gets_the_format_and_terminal_gets_text(tmp_path):
    op_eds(tmp_path)
    result = invoke("op-eds", "--format", "sarif", "--output", "out.sarif")
    assert result.exit_code == 1
    assert "op-eds/bad.md:3:23: error FC001" in result.stdout
    assert json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


# --- exit codes and options ---------------------------------------------------------------


def test_clean_files_exit_0(tmp_path):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    result = invoke()
    assert result.exit_code == 0, result.output
    assert "no problems in 2 files" in result.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((), 1),
        (("--fail-on", "never"), 0),
        (("--severity", "FC001=warning"), 0),
        (("--severity", "FC001=warning", "--fail-on", "warning"), 1),
        (("--min-severity", "error", "--fail-on", "warning"), 1),
        (("--exclude", "bad.md"), 0),
        (("--include", "good.md"), 0),
        (("--include", "*.md"), 1),
    ],
)
def test_fail_on_severity_and_exclude(tmp_path, args, code):
    op_eds(tmp_path)
    assert invoke("op-eds", *args).exit_code == code


def test_min_severity_hides_lower_results(tmp_path):
    op_eds(tmp_path)
    out = invoke("op-eds", "--min-severity", "error").stdout
    assert "FC001" in out and "FC004" not in out


def test_config_file_is_used_and_flags_override_it(tmp_path):
    op_eds(tmp_path)
    (tmp_path / ".factcheck.toml").write_text(
        '[severity]\nFC001 = "info"\nFC004 = "off"\n', encoding="utf-8"
    )
    result = invoke("op-eds")
    assert result.exit_code == 0
    assert "info FC001" in result.stdout and "FC004" not in result.stdout
    assert invoke("op-eds", "--severity", "FC001=error").exit_code == 1


def test_stdin_with_stdin_filename(tmp_path):
    result = invoke("--stdin-filename", "wire/copy.txt", input=f"Intro.\n\n{WRONG}\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("wire/copy.txt:3:1: error FC001")
    text = f"# factcheck-disable-next-line FC001 -- wire copy\n{WRONG}\n"
    assert invoke("-", "--stdin-filename", "copy.txt", input=text).exit_code == 0


def test_baseline_fails_only_on_new_results(tmp_path):
    folder = op_eds(tmp_path)
    written = invoke("op-eds", "--write-baseline", "baseline.json")
    assert written.exit_code == 0
    assert "wrote 2 results to the baseline baseline.json" in written.stderr
    assert invoke("op-eds", "--baseline", "baseline.json").exit_code == 0
    (folder / "bad.md").write_text("Intro.\n\n" + BAD + f"\n{WRONG}\n", encoding="utf-8")
    result = invoke("op-eds", "--baseline", "baseline.json", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert [(r["rule"], r["line"]) for r in document["results"]] == [("FC001", 12)]
    assert sorted(s["suppression"]["kind"] for s in document["suppressed"]) == [
        "baseline",
        "baseline",
        "comment",
    ]


def test_report_unused_disables(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text(f"<!-- factcheck-disable-next-line FC002 -->\n{EXACT}\n", encoding="utf-8")
    assert invoke("a.md").exit_code == 0
    result = invoke("a.md", "--report-unused-disables", "--fail-on", "warning")
    assert result.exit_code == 1
    assert "a.md:1:6: warning FC006 unused suppression" in result.stdout


def test_a_folder_of_many_files_in_one_run(tmp_path):
    folder = tmp_path / "archive"
    for number in range(60):
        sub = folder / f"{2000 + number % 6}"
        sub.mkdir(parents=True, exist_ok=True)
        body = WRONG if number % 10 == 0 else EXACT
        (sub / f"op-ed-{number:02}.md").write_text(f"# Op-ed {number}\n\n{body}\n", "utf-8")
    (folder / "notes.py").write_text("x = 1\n", encoding="utf-8")
    started = time.perf_counter()
    result = invoke("archive", "--format", "json")
    elapsed = time.perf_counter() - started
    document = json.loads(result.stdout)
    assert result.exit_code == 1
    assert document["summary"]["files"] == 60
    assert document["summary"]["error"] == 6
    assert elapsed < 30


def test_lint_without_paths_lints_the_working_folder(tmp_path):
    op_eds(tmp_path)
    assert "op-eds/bad.md:3:23" in invoke().stdout


# --- factcheck config ---------------------------------------------------------------------


def test_config_command_prints_values_and_origins(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.factcheck]\nfail-on = "warning"\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["config", "--threshold", "70"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"# config file: {tmp_path / 'pyproject.toml'}" in out
    assert f"fail-on        = warning  # {tmp_path / 'pyproject.toml'} [tool.factcheck]" in out
    assert "threshold      = 70  # --threshold" in out
    assert "severity.FC004 = warning  # default" in out
    document = json.loads(runner.invoke(app, ["config", "--format", "json"]).stdout)
    assert document["settings"]["fail-on"] == {
        "value": "warning",
        "origin": f"{tmp_path / 'pyproject.toml'} [tool.factcheck]",
    }


def test_config_command_shows_every_flag_as_the_origin(tmp_path):
    config = tmp_path / "team.toml"
    config.write_text('threshold = 80\nfail-on = "warning"\n', encoding="utf-8")
    args = [
        "config", "drafts", "--config", str(config), "--db", str(CLAIMS), "-t", "70",
        "--include", "*.txt", "--exclude", "archive", "--severity", "FC004=error",
        "--fail-on", "info", "--min-severity", "warning", "-f", "json",
    ]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["file"] == str(config)
    settings = document["settings"]
    for key, flag in (
        ("db", "--db"),
        ("threshold", "--threshold"),
        ("include", "--include"),
        ("exclude", "--exclude"),
        ("severity.FC004", "--severity"),
        ("fail-on", "--fail-on"),
        ("min-severity", "--min-severity"),
    ):
        assert settings[key]["origin"] == flag, key
    assert settings["threshold"]["value"] == 70
    assert settings["severity.FC004"]["value"] == "error"
    assert settings["severity.FC001"]["origin"] == "default"


# --- errors: one line, exit 2 -------------------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("", ("missing.md",), "missing.md: no such file or folder"),
        ("", ("--config", "nope.toml"), "nope.toml: no such config file"),
        (".factcheck.toml:fail_on = 1", (), ".factcheck.toml:1: unknown key 'fail_on'"),
        ("", ("--severity", "FC004"), "--severity 'FC004': expected RULE=LEVEL"),
        ("", ("--severity", "FC404=error"), "unknown rule 'FC404'"),
        ("", ("--baseline", "none.json"), "none.json: no such baseline file"),
        ("", ("--input-format", "rtf"), "unknown input format 'rtf'"),
        ("", ("--errors", "loose"), "unknown --errors policy 'loose'"),
        ("", ("--output", "no/such/dir/out.json"), "cannot write output"),
        ("", ("--write-baseline", "no/such/dir/b.json"), "cannot write baseline"),
        ("bin.md:\x00\x01", ("bin.md",), "bin.md: binary file, not text"),
    ],
)
def test_errors_exit_2_with_one_line(tmp_path, setup, args, message):
    (tmp_path / "ok.md").write_text(EXACT, encoding="utf-8")
    if setup:
        name, _, content = setup.partition(":")
        (tmp_path / name).write_text(content, encoding="utf-8")
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["lint", "config", "verify"])
def test_an_empty_path_is_a_usage_error(tmp_path, monkeypatch, capsys, command):
    """``lint ""`` (an unset variable in a script) linted the whole working folder."""
    from factcheck.cli import main

    monkeypatch.chdir(tmp_path)
    assert main([command, ""]) == 2
    name = "files" if command == "verify" else "paths"
    assert capsys.readouterr().err == (
        f"factcheck: error: Invalid value for '{name}': an empty path names no file "
        f"(use . for this folder, - for stdin) (see 'factcheck {command} --help')\n"
    )


def test_output_dash_is_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wrong.md").write_text(WRONG, encoding="utf-8")
    result = invoke("wrong.md", "--format", "json", "--output", "-")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["results"][0]["rule"] == "FC001"
    assert not (tmp_path / "-").exists()


def test_factcheck_config_env_pointing_nowhere(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CONFIG", str(tmp_path / "gone.toml"))
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 2
    assert "no such config file (from $FACTCHECK_CONFIG)" in result.stderr


def test_subprocess_exit_codes_and_clean_errors(tmp_path):
    op_eds(tmp_path)
    done = run("lint", "--db", str(CLAIMS), "op-eds", "--format", "github", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.decode().startswith("::error file=op-eds/bad.md,line=3,col=23,")
    (tmp_path / ".factcheck.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    done = run("lint", "op-eds", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode().strip() == (
        f"factcheck: error: {tmp_path / '.factcheck.toml'}:1: key 'fail-on': must be one of "
        "error, warning, info, never, not 'sometimes'"
    )
    (tmp_path / ".factcheck.toml").unlink()
    done = run("lint", "--stdin-filename", "x.md", "--fail-on", "never", cwd=tmp_path, input=b"")
    assert done.returncode == 0


# --- the pre-commit hook, for real --------------------------------------------------------


@pytest.mark.skipif(pre_commit_command() is None, reason="pre-commit is not installed")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_pre_commit_try_repo(tmp_path):
    """Install the hook from this checkout and run it on a good and a bad op-ed."""
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    (repo / "good.md").write_text(GOOD, encoding="utf-8")
    (repo / "bad.md").write_text(BAD, encoding="utf-8")
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    command = [*pre_commit_command(), "try-repo", str(ROOT), "factcheck-lint", "--files"]  # type: ignore[misc]
    good = subprocess.run(
        [*command, "good.md"], cwd=repo, capture_output=True, env=env, timeout=900
    )
    assert good.returncode == 0, good.stdout.decode() + good.stderr.decode()
    assert "Passed" in good.stdout.decode()
    bad = subprocess.run([*command, "bad.md"], cwd=repo, capture_output=True, env=env, timeout=900)
    assert bad.returncode == 1
    assert "bad.md:3:23: error FC001" in bad.stdout.decode()


def test_summary_counts_one_file_and_one_sentence_in_the_singular(tmp_path):
    draft = tmp_path / "one.txt"
    draft.write_text("The weather was pleasant in Austin that spring.\n", encoding="utf-8")
    result = invoke(str(draft))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "✓ no problems in 1 file; 1 sentence checked"


def test_colour_on_a_terminal_styles_each_result(tmp_path):
    """FORCE_COLOR stands for a terminal: severities are coloured, the text is the same."""
    draft = tmp_path / "bad.txt"
    draft.write_text(
        "In 2016, 25 percent of all federal criminal prosecutions involved "
        "immigration-related offenses.\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "factcheck", "lint", "--db", str(CLAIMS), str(draft)]
    colour_settings = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")
    env = {k: v for k, v in os.environ.items() if k not in colour_settings}
    env.update(PYTHONPATH=str(ROOT), TERM="xterm")
    plain = subprocess.run(command, capture_output=True, cwd=tmp_path, env=env, timeout=60)
    env["FORCE_COLOR"] = "1"
    colored = subprocess.run(command, capture_output=True, cwd=tmp_path, env=env, timeout=60)
    assert plain.returncode == colored.returncode == 1
    assert b"\x1b[" not in plain.stdout
    assert b"\x1b[1;31merror\x1b[0m" in colored.stdout
    assert re.sub(rb"\x1b\[[0-9;]*m", b"", colored.stdout) == plain.stdout


def test_config_json_keeps_numbers_lists_and_unset_values_typed(tmp_path):
    """Not "62" and "(none)": JSON readers get the values as the config file has them."""
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "config", "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60,
        env={k: v for k, v in os.environ.items() if k not in ("FACTCHECK_DB", "FACTCHECK_CONFIG")},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)["settings"]
    assert settings["threshold"]["value"] == 62
    assert settings["exclude"]["value"] == []
    assert settings["include"]["value"] == ["*.md", "*.markdown", "*.txt", "*.html", "*.docx"]
    assert settings["db"] == {"value": None, "origin": "default (the bundled database)"}
    assert settings["severity.FC004"]["value"] == "warning"


# --- configuration per folder -------------------------------------------------------------


def _newsroom_with_two_desks(tmp_path: Path) -> Path:
    for desk, level in (("news", "error"), ("opinion", "off")):
        (tmp_path / desk).mkdir()
        (tmp_path / desk / ".factcheck.toml").write_text(
            f'[severity]\nFC004 = "{level}"\n', encoding="utf-8"
        )
    (tmp_path / "news" / "a.md").write_text(f"{MADE_UP}\n", encoding="utf-8")
    (tmp_path / "opinion" / "b.md").write_text(f"{MADE_UP}\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "paths",
    [["news/a.md"], ["news/a.md", "opinion/b.md"], ["opinion/b.md", "news/a.md"], ["."]],
)
def test_each_file_is_linted_with_its_nearest_config(tmp_path, paths):
    """A file's result does not depend on which files are staged with it (pre-commit)."""
    root = _newsroom_with_two_desks(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCHECK_CONFIG", "FACTCHECK_DB")}
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "lint", "--db", str(CLAIMS), "-f", "json", *paths],
        capture_output=True, text=True, cwd=root, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert [(r["path"], r["rule"], r["severity"]) for r in document["results"]] == [
        ("news/a.md", "FC004", "error")
    ]


def test_config_shows_the_nearest_config_of_each_path(tmp_path):
    root = _newsroom_with_two_desks(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCHECK_CONFIG", "FACTCHECK_DB")}

    def config(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "factcheck", "config", *args],
            capture_output=True, text=True, cwd=root, env=env, timeout=60,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result.stdout

    one = config("opinion/b.md")
    assert f"# config file: {root / 'opinion' / '.factcheck.toml'}" in one
    assert "severity.FC004 = off" in one
    both = config("news/a.md", "opinion/b.md")
    assert both.startswith("# for: news/a.md\n")
    assert "\n# for: opinion/b.md\n" in both
    documents = json.loads(config("news/a.md", "opinion/b.md", "--format", "json"))
    assert [(d["paths"], d["settings"]["severity.FC004"]["value"]) for d in documents] == [
        (["news/a.md"], "error"),
        (["opinion/b.md"], "off"),
    ]


def test_an_explicit_config_applies_to_every_file(tmp_path):
    root = _newsroom_with_two_desks(tmp_path)
    (root / "all.toml").write_text('[severity]\nFC004 = "off"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "lint", "--db", str(CLAIMS), "--config", "all.toml",
         "news/a.md", "opinion/b.md"],
        capture_output=True, text=True, cwd=root, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("fmt", ["junit", "json"])
def test_a_carriage_return_in_a_file_name_survives_the_spools(tmp_path, fmt):
    """The JUnit cases and JSON's suppressed list wait in temporary files: read back
    as written (no newline translation), the output is what it would be written directly
    (text output shows control characters as escapes on purpose)."""
    draft = tmp_path / "a\rb.md"
    draft.write_text(WRONG + "\n", encoding="utf-8")
    result = run("lint", "--db", str(CLAIMS), "-f", fmt, draft.name, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert b"a\rb.md" in result.stdout or b"a\\rb.md" in result.stdout
    if fmt == "junit":
        assert b"a\rb.md" in result.stdout


def test_one_long_draft_linted_on_a_pool_reports_what_one_process_does(tmp_path, monkeypatch):
    """lint reads one file a chunk at a time; a long chunk's sentences are shared among
    workers (``batch.check_one``): the same findings, places and summary."""
    from factcheck.check import batch

    draft = tmp_path / "long.md"
    sentences = [
        "In 2016, 25 percent of all federal criminal prosecutions involved immigration offenses.",
        "Bob Libal said the only winners are the private prison corporations.",
        "The weather was pleasant in Austin that spring.",
    ]
    draft.write_text("\n\n".join(sentences * 8) + "\n", encoding="utf-8")
    monkeypatch.setattr(batch, "POOL_MIN_CHARS", 10**9)
    alone = invoke("-f", "json", str(draft))
    monkeypatch.setattr(batch, "POOL_MIN_CHARS", 0)
    monkeypatch.setattr(batch, "SLICE_SENTENCES", 5)
    pooled = invoke("-f", "json", str(draft))
    assert pooled.exit_code == alone.exit_code == 1
    assert json.loads(pooled.stdout) == json.loads(alone.stdout)
