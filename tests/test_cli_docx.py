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


CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELATIONSHIPS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def write_raw(path, document_xml, spaces=0):
    """A .docx of the three parts Word needs, its main part as given; ``spaces``
    spaces of text inside its first paragraph's run, written deflated."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELATIONSHIPS)
        with archive.open("word/document.xml", "w") as part:
            head, _, tail = document_xml.partition("<w:t/>")
            part.write(head.encode())
            if tail:
                part.write(b"<w:t>")
                for _ in range(spaces // 2**20):
                    part.write(b" " * 2**20)
                part.write(b"</w:t>" + tail.encode())
    return path


@pytest.mark.parametrize(
    "document_xml",
    [f"<w:document {W}></w:document>", "<foo/>", f"<w:body {W}><w:p/></w:body>"],
    ids=["no body", "another root", "a body as root"],
)
@pytest.mark.parametrize("command", ["verify", "lint"])
def test_a_main_part_without_a_body_is_one_line_exit_2(tmp_path, command, document_xml):
    draft = write_raw(tmp_path / "draft.docx", document_xml)
    result = factcheck(command, "--db", str(CLAIMS), str(draft))
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        f"factcheck: error: {draft}: not a Word document body: the main part has no "
        "<w:document><w:body> (save it again from Word)\n"
    )


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    """20 MiB of spaces in a 20 KB file: the declared size and ratio refuse it (a 1 MB
    file of a gigabyte took 2 GB of memory and 9 s before lxml rejected it)."""
    body = f"<w:document {W}><w:body><w:p><w:r><w:t/></w:r></w:p></w:body></w:document>"
    draft = write_raw(tmp_path / "bomb.docx", body, spaces=20 * 2**20)
    result = factcheck("verify", "--db", str(CLAIMS), str(draft))
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"factcheck: error: {draft}: not a Word document: word/document.xml would unpack to "
        "20 MiB, "
    )
    assert "times its packed size (a zip bomb) (save it again from Word)\n" in result.stderr


def test_a_document_that_would_unpack_too_large_is_refused(tmp_path, monkeypatch):
    from factcheck.errors import InputError
    from factcheck.text import word

    data = write_draft(tmp_path / "draft.docx").read_bytes()
    monkeypatch.setattr(word, "MAX_UNPACKED_BYTES", 2**10)
    with pytest.raises(InputError, match="the Word document would unpack to more than "):
        word.docx_text(data, "draft.docx")


def test_table_cells_are_read_once_each_without_expanding_spans(tmp_path):
    """A horizontal span, a vertical merge and a block merge: every cell's text once, in
    order (cells were told apart by ``id()`` of python-docx's short-lived objects, which
    Python reuses, and a plain 3x3 table lost 4 cells); a merge's continuation has no text."""
    from factcheck.text.word import docx_text

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for row in range(3):
        for column in range(3):
            table.cell(row, column).text = f"r{row}c{column}"
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(1, 2).merge(table.cell(2, 2))
    table.cell(1, 0).merge(table.cell(2, 1))
    document.save(tmp_path / "merged.docx")
    text = docx_text((tmp_path / "merged.docx").read_bytes(), "merged.docx")
    assert text.split("\n") == [
        "r0c0", "r0c1", "r0c2", "r1c0", "r1c1", "r2c0", "r2c1", "r1c2", "r2c2",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("cell_properties", "sentences"),
    [
        ('<w:gridSpan w:val="999999999"/>', [EXACT]),
        ('<w:gridSpan w:val="abc"/>', [EXACT]),
        ("<w:vMerge/>", []),  # continues a merge from no row above: no text of its own
    ],
    ids=["a span of a billion columns", "a span that is no number", "a merge from nothing"],
)
def test_odd_table_cells_are_read(tmp_path, cell_properties, sentences):
    """These took 8 GB of memory, or crashed (exit 70), in python-docx's ``row.cells``."""
    run = f"<w:p><w:r><w:t>{EXACT}</w:t></w:r></w:p>"
    cell = f"<w:tc><w:tcPr>{cell_properties}</w:tcPr>{run}</w:tc>"
    body = f"<w:document {W}><w:body><w:tbl><w:tr>{cell}</w:tr></w:tbl><w:p/></w:body></w:document>"
    draft = write_raw(tmp_path / "draft.docx", body)
    result = factcheck("verify", "--db", str(CLAIMS), "--all", "-f", "jsonl", str(draft))
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["sentence"] for line in result.stdout.splitlines()] == sentences
