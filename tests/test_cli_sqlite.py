"""A SQLite store as a database: every command, bad rows, concurrent and killed writers."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.db.store import open_database

from conftest import CLAIMS, ROOT

runner = CliRunner()
DRAFT = ROOT / "examples" / "draft.md"

ROWS = [
    ("c1", "Drinking hot water cures the flu, doctors agree.", "https://example.org/flu"),
    ("c2", "The moon landing was staged in a studio in 1969.", "https://example.org/moon"),
    ("c3", "Unemployment rose to 7 percent in 2020 across the state.", ""),
]


def write_tsv(path, rows=ROWS):
    lines = ["id\tclaim\turl", *("\t".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def imported(tmp_path, suffix, rows=ROWS, name="list"):
    source = write_tsv(tmp_path / f"{name}.tsv", rows)
    out = tmp_path / f"{name}{suffix}"
    result = run("import", source, "-o", out, "--id-field", "id", "--text-field", "claim",
                 "--url-field", "url")  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def bundled_store(tmp_path):
    """The bundled database, added into a new SQLite store (its source text inside)."""
    store = tmp_path / "claims.sqlite"
    result = run("add", CLAIMS, "--into", store)
    assert result.exit_code == 0, result.output
    assert "added 1 source, 7 speakers, 29 claims" in result.output
    return store


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["claims"],
        ["claims", "--format", "json"],
        ["speakers"],
        ["show", "c2"],
        ["cite", "c3", "--style", "mla"],
        ["search", "moon landing staged"],
    ],
)
def test_every_command_reads_an_imported_store_as_it_reads_the_yaml(tmp_path, command):
    yaml_db = imported(tmp_path, ".yaml")
    store = imported(tmp_path, ".sqlite")
    from_yaml = run(*command, "--db", yaml_db)
    from_store = run(*command, "--db", store)
    assert from_store.exit_code == from_yaml.exit_code == 0, from_store.output
    assert from_store.output == from_yaml.output.replace("list.yaml", "list.sqlite")


@pytest.mark.parametrize("command", ["verify", "lint"])
def test_verify_and_lint_give_the_same_findings_and_scores_as_yaml(bundled_store, command):
    from_yaml = run(command, "--db", CLAIMS, "--format", "json", DRAFT)
    from_store = run(command, "--db", bundled_store, "--format", "json", DRAFT)
    assert from_store.exit_code == from_yaml.exit_code == 1
    assert json.loads(from_store.output) == json.loads(from_yaml.output)


def test_the_store_holds_the_source_text_so_passages_are_traced(bundled_store, tmp_path):
    moved = tmp_path / "elsewhere.sqlite"
    bundled_store.rename(moved)  # no sources/ folder beside it
    result = run("show", "gl-2017-04-11-prosecutions-share-2016", "--db", moved)
    assert result.exit_code == 0
    assert "52 percent" in result.output
    assert run("validate", "--db", moved).output.startswith("sound: 29 claims")


def test_claims_are_read_lazily(bundled_store):
    from factcheck.check.matcher import Matcher

    loaded = open_database(bundled_store)
    matcher = Matcher(loaded.database, index=loaded.index)
    matches = matcher.match("In 2016, 52 percent of prosecutions involved immigration offenses")
    assert matches[0].claim.id == "gl-2017-04-11-prosecutions-share-2016"
    built = loaded.database.claims.parts[0]._built
    assert 0 < len(built) < 29


def _execute(store, sql, *args):
    connection = sqlite3.connect(store)
    with connection:
        connection.execute(sql, args)
    connection.close()


@pytest.mark.parametrize(
    ("sql", "args", "message"),
    [
        (
            "UPDATE claims SET source = ? WHERE id = 'c2'",
            ("nowhere",),
            "list.sqlite:claims:1: claim c2: unknown source 'nowhere' (define it under sources:)",
        ),
        (
            "UPDATE claims SET figures = ? WHERE id = 'c3'",
            ('[{"text": "9 percent", "value": 9}]',),
            "list.sqlite:claims:2: claim c3: figure '9 percent' is not in its passage",
        ),
        (
            "UPDATE claims SET tags = ? WHERE id = 'c1'",
            ('{"not": "a list"}',),
            "list.sqlite:claims:0: claim c1: tags must be a list of text",
        ),
        (
            "UPDATE speakers SET kind = ?",
            ("robot",),
            "list.sqlite:speakers:1: speaker list-list: unknown kind 'robot'",
        ),
    ],
)
def test_a_bad_row_is_named_by_file_table_and_row(tmp_path, sql, args, message):
    store = imported(tmp_path, ".sqlite")
    _execute(store, sql, *args)
    result = run("validate", "--db", store)
    assert result.exit_code == 1
    assert result.output.splitlines()[0].replace(str(tmp_path) + os.sep, "").startswith(message)


def test_a_bad_row_stops_a_command_with_one_line(tmp_path):
    store = imported(tmp_path, ".sqlite")
    _execute(store, "UPDATE claims SET source = 'nowhere' WHERE id = 'c2'")
    result = run("search", "moon landing staged", "--db", store)
    assert result.exit_code == 2
    assert "list.sqlite:claims:1: claim c2: unknown source 'nowhere'" in result.output


def test_a_file_that_is_not_a_store_is_an_error(tmp_path):
    bad = tmp_path / "x.sqlite"
    bad.write_text("not a database", encoding="utf-8")
    result = run("claims", "--db", bad)
    assert result.exit_code == 2
    assert "x.sqlite: not a factcheck SQLite database (file is not a database)" in result.output


def test_an_id_the_store_has_is_refused_and_nothing_is_written(bundled_store):
    result = run("add", CLAIMS, "--into", bundled_store)
    assert result.exit_code == 2
    assert "nothing written: duplicate source id 'gl-2017-04-11'" in result.output
    assert len(open_database(bundled_store).database.claims) == 29


def test_imports_add_to_a_store_and_its_index(tmp_path):
    store = imported(tmp_path, ".sqlite")
    more = [("d1", "Wind farms produce 40 percent of the county's power.", "")]
    imported(tmp_path, ".sqlite", more, name="list")  # the same file name: sources reused
    database = open_database(store).database
    assert [c.id for c in database.claims] == ["c1", "c2", "c3", "d1"]
    result = run("search", "wind farms power", "--db", store)
    assert "d1" in result.output.splitlines()[2]


def test_many_adds_give_the_index_one_import_gives(tmp_path):
    from factcheck.db import sqlite

    rows = [
        (f"r{n}", f"Claim number {n} about topic{n % 7} and thing{n % 3}.", "") for n in range(40)
    ]
    (tmp_path / "whole").mkdir()
    whole = imported(tmp_path / "whole", ".sqlite", rows)
    split = tmp_path / "split.sqlite"
    for start in range(0, 40, 4):  # ten writes: runs merged once a term has MAX_RUNS
        chunk = write_tsv(tmp_path / f"part{start}.tsv", rows[start : start + 4])
        assert run("import", chunk, "-o", split, "--id-field", "id", "--text-field", "claim",
                   "--id-prefix", "").exit_code == 0  # fmt: skip
    runs = sqlite3.connect(split).execute(
        "SELECT max(c) FROM (SELECT count(*) c FROM postings GROUP BY term)"
    )
    assert runs.fetchone()[0] < sqlite.MAX_RUNS
    one, many = open_database(whole).index, open_database(split).index
    for term in ("claim", "topic3", "thing1"):
        assert one.document_frequency(term) == many.document_frequency(term)
    query = ["topic3", "thing1", "claim"]
    assert [n for n, _ in one.search_terms(query, 5)] == [n for n, _ in many.search_terms(query, 5)]


def test_a_folder_may_mix_yaml_and_sqlite(tmp_path, bundled_store):
    folder = tmp_path / "mixed"
    folder.mkdir()
    bundled_store.rename(folder / "bundled.sqlite")
    imported(folder, ".yaml")
    result = run("validate", "--db", folder)
    assert result.output.strip() == "sound: 32 claims, 8 speakers, 4 sources in 2 files"
    listed = run("claims", "--db", folder, "--format", "json")
    ids = [c["id"] for c in json.loads(listed.output)]
    assert {"c1", "c2", "c3"} < set(ids) and len(ids) == 32
    text = "In 2016, 52 percent of federal prosecutions involved immigration offenses.\n"
    text += "The moon landing was staged in a studio in 1969.\n"
    verified = run("verify", "--db", folder, "--format", "json", input=text)
    claims = [f["claim"]["id"] for f in json.loads(verified.output)["findings"]]
    assert claims == ["gl-2017-04-11-prosecutions-share-2016", "c2"]
    assert run("show", "c2", "--db", folder).exit_code == 0


def test_a_folder_with_the_same_claim_id_in_two_formats_is_invalid(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    imported(folder, ".yaml", name="one")
    imported(folder, ".sqlite", name="two")
    result = run("validate", "--db", folder)
    assert result.exit_code == 1
    assert "two.sqlite:claims:0: duplicate claim id 'c1'" in result.output


# --- real processes ------------------------------------------------------------------------

IMPORT = [sys.executable, "-m", "factcheck", "import"]


def _big_tsv(path, count, prefix):
    rows = [(f"{prefix}{n}", f"Statement {n} of {prefix} about budget item {n % 97}.", "")
            for n in range(count)]  # fmt: skip
    return write_tsv(path, rows)


def test_concurrent_writers_wait_for_each_other(tmp_path):
    store = tmp_path / "shared.sqlite"
    sources = [_big_tsv(tmp_path / f"w{n}.tsv", 3000, f"w{n}-") for n in range(3)]
    writers = [
        subprocess.Popen(
            [*IMPORT, s, "-o", store, "--id-field", "id", "--text-field", "claim"],
            cwd=tmp_path,
            stderr=subprocess.PIPE,
            text=True,
        )
        for s in sources
    ]
    for writer in writers:
        _out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    database = open_database(store).database
    assert len(database.claims) == 9000
    assert len({c.id for c in database.claims}) == 9000
    assert run("validate", "--db", store).output.startswith("sound: 9,000 claims")
    index = open_database(store).index
    assert index.document_frequency("budget") == 9000


def test_a_killed_import_leaves_the_previous_state(tmp_path):
    store = imported(tmp_path, ".sqlite")
    big = _big_tsv(tmp_path / "big.tsv", 60_000, "k")
    writer = subprocess.Popen(
        [*IMPORT, big, "-o", store, "--id-field", "id", "--text-field", "claim"],
        cwd=tmp_path, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    wal = store.with_name(store.name + "-wal")
    while time.monotonic() < deadline and writer.poll() is None:
        if wal.exists() and wal.stat().st_size > 1_000_000:  # rows are being written
            break
        time.sleep(0.02)
    assert writer.poll() is None, "the import ended before it could be killed"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    result = run("validate", "--db", store)
    assert result.output.strip() == "sound: 3 claims, 1 speaker, 3 sources in 1 file"
    assert run("search", "moon landing", "--db", store).exit_code == 0


def test_rated_claims_are_refused_by_a_store_rather_than_stored_without_their_rating(tmp_path):
    """A store does not keep reviews yet: a debunked claim imported without its
    rating would come back "supported", so the import stops and writes nothing."""
    store = tmp_path / "feed.sqlite"
    result = run("import", ROOT / "examples" / "factchecks.json", "-o", store)
    assert result.exit_code == 2
    assert "does not keep fact-check ratings" in result.output
    assert not store.exists() or not open_database(store).claims


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a factcheck SQLite database (no such table: meta)"),
        (b"claims: []\n", "not a factcheck SQLite database (file is not a database)"),
    ],
    ids=["empty", "text"],
)
def test_validate_of_a_file_that_is_no_store_exits_2(tmp_path, content, message):
    """1 is for problems to fix in a database; a file that is none cannot be read at all."""
    bad = tmp_path / "x.sqlite"
    bad.write_bytes(content)
    result = run("validate", "--db", bad)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"factcheck: error: {bad}: {message}")
    assert result.stdout == ""
