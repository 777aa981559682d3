"""Word drafts (.docx) through verify, lint and --annotate: positions are paragraph and
character, lint includes them by default, the annotated copy carries Word comments."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

from conftest import CLAIMS

docx = pytest.importorskip("docx")

EXACT = (
    "In 2016, 52 percent of all federal criminal prosecutions involved "
    "immigration-related offenses."
)
WRONG = EXACT.replace("52", "25")


def write_draft(path):
    """A heading, an empty paragraph, a paragraph of two runs, a table."""
    document = docx.Document()
    document.add_heading("Prosecutions, by the numbers", 1)
    document.add_paragraph("")
    paragraph = document.add_paragraph("The release is clear. ")
    paragraph.add_run(WRONG).bold = True
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = EXACT
    document.save(path)
    return path


def factcheck(*args: str, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        capture_output=True, text=True, cwd=cwd, timeout=120,
    )  # fmt: skip


def test_verify_reads_a_docx_with_paragraph_and_character_positions(tmp_path):
    draft = write_draft(tmp_path / "draft.docx")
    result = factcheck("verify", "--db", str(CLAIMS), "-f", "jsonl", str(draft))
    assert result.returncode == 1, result.stderr
    findings = {(f["line"], f["column"]): f for f in map(json.loads, result.stdout.splitlines())}
    wrong = findings[(3, 23)]  # third paragraph, after "The release is clear. "
    assert wrong["verdict"] == "figure-mismatch" and wrong["sentence"] == WRONG
    assert wrong["end_column"] == 23 + len(WRONG)
    assert findings[(4, 1)]["verdict"] == "supported"  # the table cell


def test_lint_includes_docx_by_default(tmp_path):
    (tmp_path / "op-eds").mkdir()
    write_draft(tmp_path / "op-eds" / "draft.docx")
    result = factcheck("lint", "--db", str(CLAIMS), "op-eds", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("op-eds/draft.docx:3:23: error FC001 figure mismatch")


def test_annotate_writes_word_comments_into_a_copy(tmp_path):
    draft = write_draft(tmp_path / "draft.docx")
    before = draft.read_bytes()
    copy = tmp_path / "draft.annotated.docx"
    result = factcheck("verify", "--db", str(CLAIMS), "--annotate", str(draft), "-o", str(copy))
    assert result.returncode == 1
    report = json.loads(factcheck("verify", "--db", str(CLAIMS), "-f", "json", str(draft)).stdout)
    verdicts = report["summary"]["verdicts"]
    marked = sum(
        verdicts[v] for v in ("figure-mismatch", "misquote", "misattributed", "unsupported")
    )
    assert result.stderr.endswith(
        f": {verdicts['supported']} citation(s), {marked} unverified comment(s)\n"
    ), result.stderr
    assert draft.read_bytes() == before
    comments = list(docx.Document(str(copy)).comments)
    assert len(comments) == verdicts["supported"] + marked
    assert all(c.author == "factcheck" for c in comments)
    texts = [c.text for c in comments]
    assert any(
        t.startswith("factcheck: unverified (figure-mismatch) figure mismatch") for t in texts
    )
    # The copy reads as the draft did: the same paragraphs.
    again = factcheck("verify", "--db", str(CLAIMS), "-f", "json", str(copy))
    assert json.loads(again.stdout)["summary"]["sentences"] == 4
    refused = factcheck("verify", "--db", str(CLAIMS), "--annotate", str(draft), "-o", "-")
    assert refused.returncode == 2 and "pass -o OUT.docx" in refused.stderr


def test_a_file_that_is_not_a_word_document_is_one_line_exit_2(tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"plain text, not a zip\n")
    result = factcheck("verify", "--db", str(CLAIMS), str(fake))
    assert result.returncode == 2
    assert result.stderr.startswith(f"factcheck: error: {fake}: not a Word document")
    assert result.stderr.count("\n") == 1


def test_without_python_docx_the_error_says_how_to_install_it(tmp_path, monkeypatch):
    draft = write_draft(tmp_path / "draft.docx")
    monkeypatch.setitem(sys.modules, "docx", None)  # `import docx` now fails
    result = CliRunner().invoke(app, ["verify", "--db", str(CLAIMS), str(draft)])
    assert result.exit_code == 2
    assert "reading .docx needs python-docx" in result.output
    assert "pip install 'factcheck-claims[docx]'" in result.output
