"""The loader: a good database, and each kind of bad one with file:line and fix."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.db.database import load_database, validate
from factcheck.errors import DatabaseError

from conftest import CLAIMS, GOOD_DATABASE

GOOD = GOOD_DATABASE


def test_good_database_loads(write_db):
    database = load_database(write_db(GOOD))
    claim = database.claims[0]
    assert claim.id == "share-2016"
    assert claim.speaker.name == "Grassroots Leadership"
    assert claim.figures[0].value == 52.0
    assert claim.source.date.isoformat() == "2017-04-11"
    assert claim.location.line == 13


def test_folder_of_files_is_one_database(write_db, tmp_path):
    folder = tmp_path / "db"
    folder.mkdir()
    (folder / "sources").mkdir()
    path = write_db(GOOD)
    (folder / "a.yaml").write_text(GOOD.split("claims:")[0], encoding="utf-8")
    (folder / "b.yaml").write_text("claims:" + GOOD.split("claims:")[1], encoding="utf-8")
    (folder / "a.yaml").write_text(
        (folder / "a.yaml").read_text().replace("path: sources/", "path: ../sources/"),
        encoding="utf-8",
    )
    assert path.exists()
    problems = validate(folder)
    # A source path may not leave the database's folder, even to a sibling.
    assert any("leaves the database folder" in p.message for p in problems)


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (("type: statistic", "type: [statistic"), 17, "malformed YAML"),
        (
            ("    type: statistic", "    type: statistic\n    colour: red"),
            17,
            "unknown field 'colour'",
        ),
        (("speaker: gl-org", "speaker: nobody"), 15, "unknown speaker 'nobody'"),
        (("source: gl\n", "source: nope\n"), 14, "unknown source 'nope'"),
        (("passage: In 2016, 52", "passage: In 2016, 53"), 18, "passage is not verbatim"),
        (
            ("{text: 52 percent", "{text: 53 percent"),
            21,
            "figure '53 percent' is not in its passage",
        ),
        (("date: 2017-04-11", "date: someday"), 6, "is not a date"),
        (("path: sources/", "path: ../../etc/"), 7, "leaves the database folder"),
        (("path: sources/grassroots", "path: sources/missing"), 7, "not found"),
        (("    claim: In 2016", "    id: again\n    claim: In 2016"), 17, "duplicate key 'id'"),
        (("version: 1", "version: 2"), 1, "unsupported version 2"),
        (("title: Release", "title: [Release]"), 4, "source gl: title must be text"),
        (
            ("kind: organization", "kind: organization\n    aliases: [1]"),
            12,
            "aliases must be a list",
        ),
        (
            (
                "  - id: gl-org\n    name: Grassroots Leadership\n    kind: organization\n",
                "  - gl-org\n",
            ),
            8,
            "each entry of speakers must be a mapping",
        ),
        (
            ("    figures:\n      - {", "    figures: {"),
            20,
            "claim share-2016: figures must be a list",
        ),
        (
            ("      - {text: 52 percent, value: 52, unit: percent, year: 2016}", "      - 52"),
            20,
            "claim share-2016: a figure must be a mapping",
        ),
        (("year: 2016}", "year: soon}"), 21, "claim share-2016: year 'soon' is not a year"),
        (
            ("path: sources/grassroots-leadership-2017-04-11.txt", "path: sources"),
            7,
            "cannot read source text",
        ),
        (
            ("    title: Release", "    title: Release\n    ? [1]\n    : x"),
            5,
            "mapping key [1] is not text",
        ),
    ],
)
def test_bad_database_names_file_line_and_problem(write_db, edit, line, message):
    path = write_db(GOOD.replace(*edit))
    with pytest.raises(DatabaseError) as caught:
        load_database(path)
    error = caught.value
    assert message in error.message
    assert error.file == str(path)
    assert error.line == line


def test_duplicate_claim_ids_are_refused(write_db):
    path = write_db(GOOD + GOOD.split("claims:\n")[1])
    with pytest.raises(DatabaseError, match="duplicate claim id 'share-2016'"):
        load_database(path)


DUPLICATES = {
    "source": ("gl", "speakers:\n", "  - id: gl\n    title: Again\n    publisher: P\n"),
    "speaker": ("gl-org", "claims:\n", "  - id: gl-org\n    name: Again\n"),
    "claim": (
        "share-2016",
        None,
        "  - id: share-2016\n    source: gl\n    speaker: gl-org\n    type: event\n"
        "    claim: Again.\n    passage: In 2016\n",
    ),
}


@pytest.mark.parametrize(
    ("kind", "first", "again"), [("source", 3, 8), ("speaker", 9, 12), ("claim", 13, 22)]
)
def test_a_duplicate_id_points_at_the_first_definition(write_db, kind, first, again):
    """Every kind of record words a repeated id alike, so the reader can find both."""
    record_id, before, record = DUPLICATES[kind]
    text = GOOD.replace(before, record + before) if before else GOOD + record
    path = write_db(text)
    problems = [p for p in validate(path) if p.message.startswith("duplicate")]
    assert [(p.line, p.message, p.fix) for p in problems] == [
        (again, f"duplicate {kind} id {record_id!r}", f"first defined at {path}:{first}")
    ]


def test_alias_bomb_is_refused_not_expanded(write_db):
    bomb = (
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
    )
    with pytest.raises(DatabaseError, match="aliases are not allowed"):
        load_database(write_db(bomb))


def test_unsafe_tags_are_refused(write_db):
    with pytest.raises(DatabaseError, match=r"tag .* is not allowed"):
        load_database(write_db("version: !!python/object/apply:os.system ['true']\n"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty database file"),
        ("just a string\n", "a database file must be a mapping with sources and claims"),
        ("- a list\n", "a database file must be a mapping with sources and claims"),
    ],
)
def test_not_a_database(write_db, text, message):
    with pytest.raises(DatabaseError, match=message):
        load_database(write_db(text))


def test_a_folder_without_yaml_files_is_not_a_database(tmp_path):
    with pytest.raises(DatabaseError, match=r"no \.yaml or \.sqlite files in database folder"):
        load_database(tmp_path)


def test_missing_database_file(tmp_path):
    with pytest.raises(DatabaseError, match="database not found"):
        load_database(tmp_path / "nope.yaml")


def test_validate_lists_every_problem(write_db):
    text = GOOD.replace("speaker: gl-org", "speaker: nobody").replace("colour", "")
    text = text.replace("date: 2017-04-11", "date: someday")
    problems = validate(write_db(text))
    assert [p.line for p in problems] == [6, 15]
    assert all(":" in str(p) for p in problems)


def test_two_spellings_of_one_name_on_two_speakers_are_refused(write_db):
    """Regression: "J. Smith" and an alias "J Smith" of another speaker passed validate,
    and "..., J Smith said." was then judged against whichever came first."""
    two = GOOD.replace(
        "    kind: organization\n",
        "    kind: organization\n"
        "  - id: j-smith\n    name: J. Smith\n"
        "  - id: other\n    name: Jane Smithers\n    aliases: [J Smith]\n",
    )
    problems = validate(write_db(two))
    assert [p.message for p in problems] == [
        "speaker other: 'J Smith' is also a name of speaker j-smith"
    ]


def test_verify_refuses_the_database_instead_of_misattributing(write_db):
    """End to end: the sentence "..., J Smith said." is never judged against the wrong J. Smith."""
    from typer.testing import CliRunner

    from factcheck.cli import app

    two = GOOD.replace(
        "    kind: organization\n",
        "    kind: organization\n"
        "  - id: j-smith\n    name: J. Smith\n"
        "  - id: other\n    name: Jane Smithers\n    aliases: [J Smith]\n",
    )
    draft = (
        "In 2016, 52 percent of federal prosecutions involved immigration offenses, J Smith said."
    )
    result = CliRunner().invoke(app, ["verify", "--db", str(write_db(two))], input=draft)
    assert result.exit_code == 2
    assert "'J Smith' is also a name of speaker j-smith" in result.output


def test_one_speaker_may_spell_its_own_name_two_ways(write_db):
    """The same name to attribution, on one speaker, misleads nobody."""
    alias = "    kind: organization\n    aliases: [the Grassroots Leadership]\n"
    both = GOOD.replace("    kind: organization\n", alias)
    assert validate(write_db(both)) == []


def test_a_document_speaker_names_its_authors(write_db):
    memo = GOOD.replace(
        "    kind: organization\n",
        "    kind: organization\n"
        "  - id: memo\n    name: the memo\n    kind: document\n    authors: [gl-org]\n",
    )
    database = load_database(write_db(memo))
    assert database.speakers["memo"].authors == ("gl-org",)
    unknown = memo.replace("authors: [gl-org]", "authors: [nobody]")
    assert [p.message for p in validate(write_db(unknown))] == [
        "speaker memo: authors names 'nobody', not another speaker"
    ]


def test_a_database_adds_paraphrase_lines(write_db):
    database = load_database(write_db("paraphrases:\n  - docket, caseload\n" + GOOD))
    assert database.paraphrases == ("docket, caseload",)
    assert [p.message for p in validate(write_db("paraphrases: 3\n" + GOOD))] == [
        "database: paraphrases must be a list of text"
    ]


# Database inputs that crashed or hung (issue 17): each is one line naming the
# file, the line and what is wrong, exit 2, through the real command.
CRASHING = [
    (
        ("value: 52,", "value: " + "9" * 400 + ","),
        21,
        "claim share-2016: figure value 99999999999999999... is not a finite number",
    ),
    (("value: 52,", "value: .nan,"), 21, "claim share-2016: figure value nan is not a finite"),
    (("value: 52,", "value: -.inf,"), 21, "claim share-2016: figure value -inf is not a finite"),
    (("{text: 52 percent,", "{text: [52 percent],"), 21, "claim share-2016 figure: text must be"),
    (("version: 1", 'version: !!float ""'), 1, "bad value ''"),
    (("version: 1", 'version: !!int ""'), 1, "bad value ''"),
    # PyYAML's text gives its own mark on a second line (the long fuzz profile, seed 8128)
    (("version: 1", "version: !!binary aG | version"), 1,
     "bad value 'aG | version': failed to decode base64 data"),
    (
        ("path: sources/grassroots-leadership-2017-04-11.txt", 'path: "sources/a\\0b.txt"'),
        7,
        "source gl: path contains a NUL character",
    ),
    (
        ("path: sources/grassroots-leadership-2017-04-11.txt", "path: sources/fifo"),
        7,
        "source gl: cannot read source text 'sources/fifo': not a regular file",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "line", "message"), CRASHING)
def test_database_inputs_that_crashed_are_one_line_and_exit_2(write_db, edit, line, message):
    path = write_db(GOOD.replace(*edit))
    assert GOOD.replace(*edit) != GOOD
    if "fifo" in edit[1]:
        os.mkfifo(path.parent / "sources" / "fifo")
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "verify", "--db", str(path), "-"],
        input="In 2016, 52 percent.", capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"factcheck: error: {path}:{line}: {message}"), result.stderr


@pytest.mark.parametrize("command", ["claims", "validate"])
def test_a_fifo_as_the_database_is_refused_without_hanging(tmp_path, command):
    """``validate`` too exits 2, not 1: 1 says there are problems to fix at their lines,
    and a FIFO has none to list."""
    fifo = tmp_path / "claims.yaml"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", command, "--db", str(fifo)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        f"factcheck: error: {fifo}: database is not a regular file "
        "(give a YAML file, a .sqlite store or a folder of them)\n"
    )


# --- names that name no one ------------------------------------------------------------------

LIBAL = (
    "In 2016, 52 percent of all federal criminal prosecutions involved immigration-related "
    "offenses, Bob Libal said."
)


@pytest.mark.parametrize(
    ("alias", "message"),
    [
        ('""', "empty alias"),
        ('"   "', "empty alias"),
        ('"-"', "alias '-' has no letter or digit"),
    ],
    ids=["empty", "blank", "punctuation"],
)
def test_an_alias_that_names_no_one_is_refused(write_db, alias, message):
    """An empty alias is inside every sentence: Bob Libal was "named" by any of them,
    so a sentence misattributed to him passed as supported, and validate said sound."""
    text = CLAIMS.read_text(encoding="utf-8")
    assert "aliases: [Libal]" in text
    path = write_db(text.replace("aliases: [Libal]", f"aliases: [Libal, {alias}]"))
    line = text[: text.index("aliases: [Libal]")].count("\n") + 1
    expected = f"{path}:{line}: speaker bob-libal: {message} (delete it)"
    assert [str(p) for p in validate(path)] == [expected]
    runner = CliRunner()
    assert runner.invoke(app, ["verify", "-q", "--db", str(CLAIMS)], input=LIBAL).exit_code == 1
    result = runner.invoke(app, ["verify", "-q", "--db", str(path)], input=LIBAL)
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error: {expected}\n"


def test_a_name_that_names_no_one_is_refused(write_db):
    path = write_db(GOOD.replace("name: Grassroots Leadership", "name: '--'"))
    assert [str(p) for p in validate(path)] == [
        f"{path}:10: speaker gl-org: name '--' has no letter or digit (write the name)"
    ]


def test_an_empty_alias_in_a_store_is_refused_with_its_row(tmp_path):
    store = tmp_path / "claims.sqlite"
    runner = CliRunner()
    assert runner.invoke(app, ["add", str(CLAIMS), "--into", str(store)]).exit_code == 0
    connection = sqlite3.connect(store)
    with connection:
        aliases = '["Libal", ""]'
        connection.execute("UPDATE speakers SET aliases = ? WHERE id = 'bob-libal'", (aliases,))
    (row,) = connection.execute("SELECT rowid FROM speakers WHERE id = 'bob-libal'").fetchone()
    connection.close()
    expected = f"{store}:speakers:{row}: speaker bob-libal: empty alias (delete it)"
    assert [str(p) for p in validate(store)] == [expected]
    result = runner.invoke(app, ["verify", "-q", "--db", str(store)], input=LIBAL)
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error: {expected}\n"


# --- YAML nested too deeply ------------------------------------------------------------------

HEAD = "version: 1\nsources: []\nspeakers: []\nclaims:"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (f"{HEAD} " + "{a: " * 600 + "1" + "}" * 600 + "\n", 4),
        (f"{HEAD} " + "[" * 600 + "]" * 600 + "\n", 4),
        (HEAD + "\n" + "".join("  " * i + "- \n" for i in range(1, 3000)), 104),
        (HEAD + "\n" + "".join("  " * i + "a:\n" for i in range(1, 3000)), 104),
    ],
    ids=["flow mappings", "flow lists", "block lists", "block mappings"],
)
def test_yaml_nested_too_deeply_is_malformed_at_its_line(write_db, text, line):
    """Values are built by recursion: 600 levels of flow mappings, or block nesting
    of any depth, ended in a RecursionError (exit 70)."""
    path = write_db(text)
    (problem,) = validate(path)
    assert (problem.file, problem.line) == (str(path), line)
    assert problem.message.startswith("malformed YAML:"), problem.message
    result = CliRunner().invoke(app, ["verify", "--db", str(path)], input="x")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"factcheck: error: {path}:{line}: malformed YAML")


def test_a_database_nested_as_deep_as_a_figure_span_loads(write_db):
    """The depth allowed is far more than a database needs."""
    from factcheck.db.database import MAX_NESTING

    assert MAX_NESTING >= 6
    assert load_database(write_db(GOOD.replace("year: 2016}", "year: 2016, span: [2015, 2016]}")))


def test_a_character_yaml_forbids_is_malformed_at_its_line(write_db):
    path = write_db("version: 1\n# é é é\nsources: []\nclaims: \x00\n")
    assert [str(p) for p in validate(path)] == [
        f"{path}:4: malformed YAML: unacceptable character #x0000 (control characters are not "
        "allowed) (remove it, or write it as an escape in a double-quoted string)"
    ]


# --- folders with files that are not there --------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.symlink_to(p.parent / "gone.yaml"), "broken symbolic link to"),
        (lambda p: p.symlink_to(p), "cannot read database: Too many levels of symbolic links"),
        (os.mkfifo, "database is not a regular file"),
    ],
    ids=["dangling link", "link loop", "fifo"],
)
def test_a_folder_entry_that_is_no_file_is_an_error_not_skipped(write_db, tmp_path, make, message):
    """Skipped, part of the database was missing and validate still said sound."""
    write_db(GOOD)
    entry = tmp_path / "more.yaml"
    make(entry)
    for command in (["validate"], ["verify", "-"]):
        result = subprocess.run(
            [sys.executable, "-m", "factcheck", *command, "--db", str(tmp_path)],
            input="In 2016, 52 percent.", capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode == 2, result
        assert result.stderr.startswith(f"factcheck: error: {entry}: {message}"), result.stderr
        assert result.stdout == ""


def test_a_folder_that_fails_while_it_is_walked_is_a_database_error(tmp_path, monkeypatch):
    """A walk of a folder whose entries vanish (``--db /`` meets /proc) crashed (exit 70)."""
    from pathlib import Path

    def vanishing(self, pattern):
        yield self / "a.yaml"
        raise FileNotFoundError(2, "No such file or directory", str(self / "gone"))

    monkeypatch.setattr(Path, "rglob", vanishing)
    with pytest.raises(DatabaseError) as raised:
        load_database(tmp_path)
    assert str(raised.value).startswith(
        f"{tmp_path / 'gone'}: cannot read database folder: No such file or directory"
    )
