"""`factcheck extract` end to end, and the curator's workflow: extract, add, then every command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.db.database import load_database

from conftest import CLAIMS, RELEASE, ROOT

runner = CliRunner()
DATA = ROOT / "tests" / "data"
CITY = DATA / "city-statement.txt"
CITY_ARGS = ["--source-id", "riverton-2024-03-05", "--publisher", "City of Riverton"]


def test_city_statement_draft_golden(golden, monkeypatch):
    monkeypatch.chdir(DATA)
    result = runner.invoke(app, ["extract", "city-statement.txt", *CITY_ARGS])
    assert result.exit_code == 0, result.output
    golden("extract-city.yaml", result.stdout)
    assert result.stderr == (
        "drafted 12 candidate claims (5 quotes) and 4 speakers from city-statement.txt; review "
        "them, then `factcheck add DRAFT.yaml --into claims.yaml`\n"
    )


def test_output_file_is_atomic_and_its_source_path_relative_to_it(tmp_path):
    shutil.copy(CITY, tmp_path / "city.txt")
    out = tmp_path / "drafts"
    out.mkdir()
    # The draft must live where it can reach the source: beside it or above it.
    target = tmp_path / "draft.yaml"
    args = ["extract", str(tmp_path / "city.txt"), *CITY_ARGS, "-o", str(target)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "    path: city.txt\n" in target.read_text(encoding="utf-8")
    validated = runner.invoke(app, ["validate", "--db", str(target)])
    assert validated.exit_code == 0, validated.output
    assert validated.stdout == "sound: 12 claims, 4 speakers, 1 source in 1 file\n"
    # Below the source's folder the path would leave the database folder: said on stderr.
    inner = runner.invoke(
        app, ["extract", str(tmp_path / "city.txt"), *CITY_ARGS, "-o", str(out / "d.yaml")]
    )
    assert inner.exit_code == 0
    assert "factcheck: warning: source riverton-2024-03-05: path '../city.txt' leaves" in (
        inner.stderr
    )


def test_options_fill_the_source_record(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(
        app,
        [
            "extract",
            str(RELEASE.relative_to(ROOT)),
            "--source-id",
            "gl-2017-04-11-draft",
            "--publisher",
            "Grassroots Leadership",
            "--title",
            "Sessions memo: Grassroots Leadership responds",
            "--date",
            "2017-04-11",
            "--place",
            "Austin, Texas",
            "--url",
            "https://grassrootsleadership.org/releases/2017/04/sessions-memo",
            "--kind",
            "statement",
        ],
    )
    assert result.exit_code == 0, result.output
    source = result.stdout.split("\nspeakers:")[0]
    assert source.endswith(
        "  - id: gl-2017-04-11-draft\n"
        "    title: 'Sessions memo: Grassroots Leadership responds'\n"
        "    publisher: Grassroots Leadership\n"
        "    kind: statement\n"
        "    place: Austin, Texas\n"
        "    date: 2017-04-11\n"
        "    path: sources/grassroots-leadership-2017-04-11.txt\n"
        "    url: https://grassrootsleadership.org/releases/2017/04/sessions-memo\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope.txt", *CITY_ARGS], "factcheck: error: nope.txt: no such file\n"),
        (
            ["city-statement.txt", *CITY_ARGS, "--date", "5 March"],
            "factcheck: error: bad date for --date: '5 March' "
            "(write it as YYYY-MM-DD, e.g. 2017-04-11)\n",
        ),
        (
            ["city-statement.txt", *CITY_ARGS, "--errors", "loud"],
            "factcheck: error: unknown --errors policy 'loud' (use strict, replace or ignore)\n",
        ),
        (
            ["city-statement.txt", *CITY_ARGS, "-o", "city-statement.txt"],
            "factcheck: error: city-statement.txt: -o would overwrite the source (pick another "
            "file)\n",
        ),
        (["empty.txt", *CITY_ARGS], "factcheck: error: empty.txt: source is empty\n"),
        (
            ["binary.txt", *CITY_ARGS],
            "factcheck: error: binary.txt: binary file, not text (pass a text or Markdown file)\n",
        ),
        (
            ["city-statement.txt", "--publisher", "City", "--source-id", "city 2017"],
            "factcheck: error: --source-id must be one word with no spaces, e.g. gl-2017-04-11 "
            "(give --source-id as letters, digits and hyphens)\n",
        ),
        (
            ["city-statement.txt", "--publisher", "City", "--source-id", ""],
            "factcheck: error: --source-id must be one word with no spaces, e.g. gl-2017-04-11 "
            "(give --source-id as letters, digits and hyphens)\n",
        ),
        (
            ["city-statement.txt", *CITY_ARGS, "--title", "A\udcff title", "-o", "d.yaml"],
            "factcheck: error: --title holds a character that is not text (U+DCFF) "
            "(give --title in plain text)\n",
        ),
    ],
    ids=[
        "missing",
        "bad-date",
        "bad-errors",
        "overwrite",
        "empty",
        "binary",
        "spaced-id",
        "empty-id",
        "surrogate",
    ],
)
def test_errors_are_one_line_and_exit_2(tmp_path, monkeypatch, args, message):
    shutil.copy(CITY, tmp_path / "city-statement.txt")
    (tmp_path / "empty.txt").write_text(" \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01binary")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", *args])
    assert result.exit_code == 2
    assert result.stderr == message


def test_publisher_and_source_id_are_required():
    result = runner.invoke(app, ["extract", str(CITY), "--source-id", "x"])
    assert result.exit_code == 2
    assert "--publisher" in result.output


def _run(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "COLUMNS": "120"},
    )


def test_the_curators_workflow_through_real_processes(tmp_path):
    """extract → add into a folder database → every command sees both sources."""
    folder = tmp_path / "db"
    (folder / "sources").mkdir(parents=True)
    shutil.copy(CLAIMS, folder / "claims.yaml")
    shutil.copy(RELEASE, folder / "sources" / RELEASE.name)
    shutil.copy(CITY, folder / "sources" / "riverton-2024-03-05.txt")
    draft = _run("extract", "sources/riverton-2024-03-05.txt", *CITY_ARGS, cwd=folder)
    assert draft.returncode == 0, draft.stderr
    (tmp_path / "riverton.yaml").write_text(draft.stdout, encoding="utf-8")
    # The draft was written for the database folder; review happens elsewhere.
    reviewed = draft.stdout.replace("path: sources/", "path: db/sources/")
    (tmp_path / "riverton.yaml").write_text(reviewed, encoding="utf-8")
    added = _run("add", str(tmp_path / "riverton.yaml"), "--into", str(folder))
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("added 1 source, 4 speakers, 12 claims to ")
    assert _run("validate", "--db", str(folder)).stdout.endswith("2 sources in 2 files\n")
    database = load_database(folder)
    assert set(database.sources) == {"gl-2017-04-11", "riverton-2024-03-05"}
    listed = _run("claims", "--source", "riverton-2024-03-05", "-f", "json", "--db", str(folder))
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 12
    claim_id = "riverton-2024-03-05-delgado-money-gets-families-back"
    shown = _run("show", claim_id, "--db", str(folder))
    assert shown.returncode == 0, shown.stderr
    assert "Maria Delgado" in shown.stdout
    sentence = (
        "“This money gets families back into their homes before the next rainy season,” "
        "said Maria Delgado, a spokesperson for the Office of the Mayor.\n"
    )
    checked = subprocess.run(
        [sys.executable, "-m", "factcheck", "verify", "-f", "json", "--db", str(folder)],
        input=sentence,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    findings = json.loads(checked.stdout)["findings"]
    assert [(f["verdict"], f["claim"]["id"]) for f in findings] == [("supported", claim_id)]


CITY_TEXT = CITY.read_text(encoding="utf-8")


def _write_docx(path, text):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for paragraph in text.split("\n"):
        document.add_paragraph(paragraph)
    document.save(path)


@pytest.mark.parametrize(
    ("name", "write", "options"),
    [
        ("city.txt", lambda p: p.write_bytes(CITY_TEXT.encode("utf-16")), []),
        ("city.txt", lambda p: p.write_bytes(CITY_TEXT.encode("utf-32")), []),
        ("city.txt", lambda p: p.write_bytes(CITY_TEXT.encode("cp1252")), ["--encoding", "cp1252"]),
        (
            "city.txt",
            lambda p: p.write_bytes(b"\xff" + CITY_TEXT.encode()),
            ["--errors", "replace"],
        ),
        ("city.docx", lambda p: _write_docx(p, CITY_TEXT), []),
    ],
    ids=["utf-16", "utf-32", "cp1252", "errors-replace", "docx"],
)
def test_a_draft_of_a_source_that_is_not_utf8_validates(tmp_path, name, write, options):
    """The database reads source texts as UTF-8: the draft names a UTF-8 copy of the
    text its passages come from (a UTF-16 source's draft failed `validate` with a raw
    codec error, though the draft is meant to load as written)."""
    write(tmp_path / name)
    draft = tmp_path / "draft.yaml"
    result = _run("extract", name, *CITY_ARGS, *options, "-o", str(draft), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    copy = f"{name.split('.')[0]}.utf-8.txt"
    assert result.stderr.startswith(f"factcheck: wrote {copy}, the source as UTF-8 ")
    assert "warning" not in result.stderr
    assert f"    path: {copy}\n" in draft.read_text(encoding="utf-8")
    validated = _run("validate", "--db", str(draft), cwd=tmp_path)
    assert validated.returncode == 0, validated.stdout
    assert validated.stdout.startswith("sound: 12 claims")


def test_a_utf8_source_is_named_as_it_is(tmp_path):
    (tmp_path / "city.txt").write_bytes(b"\xef\xbb\xbf" + CITY_TEXT.encode())  # a BOM is UTF-8
    result = _run("extract", "city.txt", *CITY_ARGS, "-o", "draft.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "    path: city.txt\n" in (tmp_path / "draft.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["city.txt", "draft.yaml"]


def test_a_utf8_copy_is_reused_but_never_overwritten(tmp_path):
    (tmp_path / "city.txt").write_bytes(CITY_TEXT.encode("utf-16"))
    first = _run("extract", "city.txt", *CITY_ARGS, cwd=tmp_path)
    again = _run("extract", "city.txt", *CITY_ARGS, cwd=tmp_path)
    assert first.returncode == again.returncode == 0
    assert first.stdout == again.stdout and "wrote" not in again.stderr
    (tmp_path / "city.utf-8.txt").write_text("another text\n", encoding="utf-8")
    refused = _run("extract", "city.txt", *CITY_ARGS, cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr == (
        "factcheck: error: city.utf-8.txt: holds other text than the UTF-8 copy of city.txt the "
        "draft needs (the database reads source texts as UTF-8) (delete or rename it, or save "
        "city.txt as UTF-8 yourself)\n"
    )


def test_output_dash_is_stdout(tmp_path, monkeypatch):
    shutil.copy(CITY, tmp_path / "city.txt")
    monkeypatch.chdir(tmp_path)
    printed = runner.invoke(app, ["extract", "city.txt", *CITY_ARGS, "-o", "-"])
    plain = runner.invoke(app, ["extract", "city.txt", *CITY_ARGS])
    assert printed.exit_code == plain.exit_code == 0
    assert printed.stdout == plain.stdout
    assert not (tmp_path / "-").exists()
