"""The files around a draft, tried as a hostile user would (issue 17 items 9-11,
14-15): each is one line on stderr and exit 2, never a traceback or exit 70;
a closed pipe exits 141 for every command and format; lint reads only regular
files inside the folder it walks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.cli import main

from conftest import CLAIMS, ROOT

SENTENCE = "In 2016, 52 percent of federal prosecutions involved immigration offenses.\n"
LONG_NAME = "a" * 300


def one_line_error(args: list[str], capsys) -> str:
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("factcheck: error: ") and err.count("\n") == 1, err
    return err


@pytest.fixture
def draft(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "d.md"
    path.write_text(SENTENCE, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ("sources: [foo]\n", "each item of sources must be a mapping"),
        ("claims: [1, 2]\n", "each item of claims must be a mapping"),
        ("speakers:\n  - just a name\n", "each item of speakers must be a mapping"),
    ],
)
def test_add_with_items_that_are_not_mappings(tmp_path, capsys, items, message):
    """Item 9: a ValueError before."""
    database = tmp_path / "claims.yaml"
    database.write_bytes(CLAIMS.read_bytes())
    candidates = tmp_path / "c.yaml"
    candidates.write_text("version: 1\n" + items, encoding="utf-8")
    assert message in one_line_error(["add", str(candidates), "--into", str(database)], capsys)
    assert database.read_bytes() == CLAIMS.read_bytes()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000, "nested too deeply"),
        ('{"version": 1' + "0" * 5000 + "}", "a number of more than 4,300 digits"),
        ('{"version": 1, "results": [{"line": 1' + "0" * 5000 + "}]}", "4,300 digits"),
    ],
    ids=["brackets", "version-digits", "line-digits"],
)
def test_hostile_baselines(draft, capsys, text, message):
    """Item 10: RecursionError and ValueError before."""
    baseline = draft.parent / "b.json"
    baseline.write_text(text, encoding="utf-8")
    err = one_line_error(["lint", "--db", str(CLAIMS), "--baseline", str(baseline), "d.md"], capsys)
    assert message in err


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("x = " + "[" * 100_000, "invalid TOML"),
        ("threshold = 1" + "0" * 5000, "invalid TOML"),
        ("a = " + "{ b = " * 3000 + "1" + " }" * 3000, "invalid TOML"),
        ('db = "~nosuchuser/x"', "no such user's home folder"),
    ],
    ids=["brackets", "digits", "deep-tables", "no-such-user"],
)
def test_hostile_configs(draft, capsys, config, message):
    """Item 10."""
    (draft.parent / ".factcheck.toml").write_text(config, encoding="utf-8")
    assert message in one_line_error(["lint", "d.md"], capsys)


@pytest.mark.parametrize(
    "args",
    [
        ["lint", LONG_NAME + ".md"],
        ["lint", "d.md", "--config", LONG_NAME],
        ["lint", "d.md", "--baseline", LONG_NAME],
        ["lint", "d.md", "--db", str(CLAIMS), "--write-baseline", LONG_NAME],
        ["lint", "d.md", "--db", str(CLAIMS), "--output", LONG_NAME],
        ["verify", "--db", LONG_NAME, "d.md"],
        ["verify", "--db", str(CLAIMS), LONG_NAME],
        ["verify", "--db", str(CLAIMS), f"{LONG_NAME}/d.md"],
        ["add", "d.md", "--into", LONG_NAME],
        ["add", LONG_NAME, "--into", str(CLAIMS)],
        ["extract", LONG_NAME, "--source-id", "x", "--publisher", "P"],
        ["import", LONG_NAME + ".csv", "-o", "x.yaml", "--id-field", "a", "--text-field", "b"],
        ["import", "t.csv", "-o", LONG_NAME, "--id-field", "id", "--text-field", "text"],
    ],
    ids=lambda args: "-".join(a[:12] for a in args if not a.startswith("/"))[:60],
)
def test_a_file_name_too_long_is_an_error(draft, capsys, args):
    """Item 10: ENAMETOOLONG (Python 3.11's Path.is_dir raises it) was exit 70."""
    (draft.parent / "t.csv").write_text("id,text\nc1,Some claim here.\n", encoding="utf-8")
    one_line_error(args, capsys)


@pytest.mark.parametrize(
    ("table", "content", "message"),
    [
        ("big.csv", "id,text\nc1," + "x" * 200_000 + "\n", None),
        ("s.jsonl", '{"id": "c1", "text": "bad \\ud800 here"}\n', "lone surrogate"),
        ("s.jsonl", '{"id": "c1", "text": "ok", "who": ["\\udfff"]}\n', None),
        ("d.jsonl", '{"id": ' + "[" * 100_000 + "]" * 100_000 + "}\n", "nested too deeply"),
        ("n.jsonl", '{"id": 1' + "0" * 4400 + ', "text": "x"}\n', "4,300 digits"),
    ],
    ids=["long-cell", "surrogate", "surrogate-unused-field", "deep", "digits"],
)
def test_hostile_import_tables(tmp_path, capsys, table, content, message):
    """Item 11: csv.Error, UnicodeEncodeError, RecursionError, ValueError before."""
    path = tmp_path / table
    path.write_text(content, encoding="utf-8")
    args = ["import", str(path), "-o", str(tmp_path / "out.yaml"), "--id-field", "id",
            "--text-field", "text"]  # fmt: skip
    if message is None:
        assert main(args) == 0, capsys.readouterr().err
        assert (tmp_path / "out.yaml").exists()
    else:
        assert message in one_line_error(args, capsys)
        assert not (tmp_path / "out.yaml").exists()


# --- a closed pipe (item 14) ------------------------------------------------------------

CLAIM = "gl-2017-04-11-sessions-instruction-date"
DRAFT = str(ROOT / "examples" / "draft.md")
PIPE_RUNS = (
    [["verify", "--format", f, DRAFT] for f in ("text", "json", "jsonl")]
    + [["lint", "--format", f, DRAFT] for f in ("text", "json", "sarif", "github", "junit")]
    + [["claims", "--format", f] for f in ("table", "json", "yaml", "csv")]
    + [["speakers", "--format", f] for f in ("table", "json")]
    + [["show", "--format", f, CLAIM] for f in ("text", "json")]
    + [["cite", "--style", s, CLAIM] for s in ("apa", "bibtex", "csl-json", "markdown")]
    + [["search", "--format", f, "52 percent prosecutions"] for f in ("table", "json", "jsonl")]
    + [["validate"], ["config"], ["config", "--format", "json"], ["--help"], ["lint", "--help"],
       ["lint", "--list-rules"], ["lint", "--list-rules", "--format", "json"],
       ["extract", str(ROOT / "sources" / "grassroots-leadership-2017-04-11.txt"),
        "--source-id", "x", "--publisher", "P"]]
)  # fmt: skip


def test_a_closed_pipe_exits_141_for_every_command_and_format(tmp_path):
    """Item 14: 14 of 23 pairs exited 1 (rich's and click's own handlers among them)."""
    env = dict(os.environ, FACTCHECK_CACHE_DIR=str(tmp_path / "cache"))
    wrong = []
    runs = []
    for args in PIPE_RUNS:
        read, write = os.pipe()
        os.close(read)  # the reader is gone before the first byte
        runs.append((args, subprocess.Popen(
            [sys.executable, "-m", "factcheck", *args], stdout=write, stderr=subprocess.PIPE,
            cwd=ROOT, env=env,
        )))  # fmt: skip
        os.close(write)
        if len(runs) == 4:
            wrong += _finish(runs)
    wrong += _finish(runs)
    assert not wrong


def _finish(runs: list) -> list:
    wrong = []
    for args, run in runs:
        _, err = run.communicate(timeout=120)
        if run.returncode != 141 or err:
            wrong.append((args, run.returncode, err[-200:]))
    runs.clear()
    return wrong


# --- what lint walks (item 15) ----------------------------------------------------------


def test_lint_walks_regular_files_inside_its_tree_only(tmp_path, monkeypatch, capsys):
    import json

    monkeypatch.chdir(tmp_path)
    (tmp_path / "secret.md").write_text("The secret is 58 percent.\n", encoding="utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "ok.md").write_text(SENTENCE, encoding="utf-8")
    (tree / "leak.md").symlink_to(tmp_path / "secret.md")
    (tree / "inner.md").symlink_to("ok.md")
    (tree / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(tree / "fifo.md")
    (tree / "outside").symlink_to(tmp_path, target_is_directory=True)
    assert main(["lint", "--db", str(CLAIMS), "--format", "json", "tree"]) in (0, 1)
    report = json.loads(capsys.readouterr().out)
    assert [f["path"] for f in report["files"]] == ["tree/inner.md", "tree/ok.md"]


@pytest.mark.parametrize("name", ["/dev/zero", "zero.md"])
def test_a_device_named_on_the_command_line_is_refused_not_read_forever(draft, capsys, name):
    Path("zero.md").symlink_to("/dev/zero")
    assert "binary file" in one_line_error(["lint", "--db", str(CLAIMS), name], capsys)
