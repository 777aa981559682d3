"""`factcheck verify --annotate DRAFT -o OUT` end to end: the copy, the original, refusals."""

from __future__ import annotations

import codecs
import os
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

from conftest import CLAIMS, ROOT

runner = CliRunner()
EXACT = (
    "In 2016, 52 percent of all federal criminal prosecutions involved "
    "immigration-related offenses."
)
WRONG = EXACT.replace("52", "25")
DRAFT = f"# Notes\r\n\r\nThe weather was mild. {EXACT}\r\n\r\n*{WRONG}*\r\n"
ADDED = re.compile(rb"\[\^factcheck-1\]| <!-- factcheck: unverified \([a-z-]+\) [^\r\n]*? -->")


def run(*args: str):
    """The real console entry point in a subprocess (used once: the rest use CliRunner)."""
    return subprocess.run(
        [sys.executable, "-m", "factcheck", "verify", "--db", str(CLAIMS), *args],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )


def invoke(*args: str):
    return runner.invoke(app, ["verify", "--db", str(CLAIMS), *args])


def strip(annotated: bytes) -> bytes:
    """The copy without factcheck's additions: refs, markers and the footnote block."""
    return ADDED.sub(b"", annotated.split(b"\r\n[^factcheck-1]: ")[0])


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16"], ids=["utf8", "utf8-bom", "utf16-bom"]
)
def test_copy_is_the_original_plus_annotations(tmp_path, encoding):
    draft = tmp_path / "draft.md"
    original = DRAFT.encode(encoding)
    draft.write_bytes(original)
    out = tmp_path / "out.md"
    result = invoke("--annotate", str(draft), "-o", str(out))
    assert result.exit_code == 1  # the wrong figure fails the run, as in a report
    assert result.stdout == ""
    assert result.stderr == (f"factcheck: wrote {out}: 1 footnote(s), 1 unverified marker(s)\n")
    assert draft.read_bytes() == original
    copy = out.read_bytes()
    text = copy.decode(encoding)
    assert f"{EXACT}[^factcheck-1]\r\n" in text
    assert f"{WRONG} <!-- factcheck: unverified (figure-mismatch) " in text
    assert "\r\n\r\n[^factcheck-1]: “In 2016, 52 percent" in text
    assert strip(text.encode("utf-8")) == DRAFT.encode("utf-8")
    assert copy.startswith(original[:3]) if encoding != "utf-8" else True


def test_latin1_draft_gets_character_references(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_bytes(f"Caf\xe9 talk. {EXACT}\n".encode("latin-1"))
    out = tmp_path / "out.md"
    assert invoke("--annotate", str(draft), "-o", str(out), "--encoding", "latin-1").exit_code == 0
    copy = out.read_bytes()
    assert copy.startswith(b"Caf\xe9 talk.")
    assert b"&#8220;In 2016" in copy  # the curly quote Latin-1 lacks


def test_stdout_copy_and_cite_style(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(EXACT + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["verify", "--db", str(CLAIMS), "--annotate", str(draft), "-o", "-", "--cite", "apa"]
    )
    assert result.exit_code == 0
    assert result.stdout.startswith(
        f"{EXACT}[^factcheck-1]\n\n[^factcheck-1]: Grassroots Leadership. (2017"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--annotate", "{draft}"], "--annotate needs -o OUT.md (or -o - to print the copy)"),
        (["--annotate", "{draft}", "-o", "{draft}"], "{draft}: refusing to overwrite the draft"),
        (["--annotate", "{draft}", "-o", "./draft.md"], "./draft.md: refusing to overwrite"),
        (["--annotate", "{draft}", "{draft}", "-o", "x.md"], "--annotate takes exactly one draft"),
        (["--annotate", "-o", "x.md"], "--annotate takes exactly one draft file"),
        (
            ["--annotate", "{draft}", "-o", "x.md", "--errors", "replace"],
            "--annotate needs --errors strict",
        ),
        (
            ["--annotate", "{draft}", "-o", "x.md", "--cite", "bibtex"],
            "--cite bibtex spans several lines",
        ),
        (["--annotate", "{html}", "-o", "x.md"], "{html}: --annotate writes Markdown footnotes"),
        (["{draft}", "-o", "x.md"], "-o is only used with --annotate (add --annotate)"),
        (["--annotate", "{draft}", "-o", "{tmp}/missing/x.md"], "{tmp}/missing/x.md: cannot write"),
    ],
)
def test_refusals_exit_2_and_leave_the_draft_alone(tmp_path, monkeypatch, args, message):
    draft = tmp_path / "draft.md"
    draft.write_bytes(DRAFT.encode("utf-8"))
    html = tmp_path / "draft.html"
    html.write_text("<p>x</p>", encoding="utf-8")
    names = {"draft": str(draft), "html": str(html), "tmp": str(tmp_path)}
    monkeypatch.chdir(tmp_path)
    result = invoke(*(a.format(**names) for a in args))
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: " + message.format(**names))
    assert draft.read_bytes() == DRAFT.encode("utf-8")
    assert not (tmp_path / "x.md").exists()


def test_bom_is_kept(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_bytes(codecs.BOM_UTF8 + f"{EXACT}\n".encode())
    out = tmp_path / "out.md"
    invoke("--annotate", str(draft), "-o", str(out))
    assert out.read_bytes().startswith(codecs.BOM_UTF8 + b"In 2016")


def test_console_script_writes_the_copy_to_stdout(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_bytes(DRAFT.encode("utf-8"))
    result = run("--annotate", str(draft), "-o", "-")
    assert result.returncode == 1
    assert strip(result.stdout) == DRAFT.encode("utf-8")
    assert b"[^factcheck-1]: " in result.stdout
    assert result.stderr == b"factcheck: wrote stdout: 1 footnote(s), 1 unverified marker(s)\n"
