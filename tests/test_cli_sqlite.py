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


# --- reading without writing ---------------------------------------------------------------

READING = [
    ["verify", "-"],
    ["lint", "-"],
    ["claims"],
    ["speakers"],
    ["show", "c2"],
    ["cite", "c2"],
    ["search", "moon landing"],
    ["validate"],
]


def _beside(store):
    """The files SQLite would make beside a store: its WAL and shared memory."""
    return [p.name for p in store.parent.iterdir() if p.name.startswith(store.name + "-")]


def test_a_write_leaves_the_store_in_rollback_journal_mode_with_nothing_beside_it(tmp_path):
    store = imported(tmp_path, ".sqlite")
    assert store.read_bytes()[18:20] == b"\x01\x01"  # the header's journal mode: not WAL
    assert _beside(store) == []


@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
def test_reading_commands_create_no_file_beside_the_store(tmp_path, command):
    store = imported(tmp_path, ".sqlite")
    result = run(*command, "--db", store, input="The moon landing was staged in 1969.\n")
    assert result.exit_code in (0, 1), result.output
    assert _beside(store) == []


def test_a_store_is_opened_read_only(tmp_path):
    from factcheck.db.sqlite import open_existing
    from factcheck.errors import DatabaseError

    store = imported(tmp_path, ".sqlite")
    connection = open_existing(store)
    with pytest.raises(DatabaseError, match="attempt to write a readonly database"):
        connection.execute("INSERT INTO meta VALUES ('x', 1)")
    connection.close()


def test_a_read_only_store_in_a_read_only_folder_is_read_by_a_real_process(tmp_path):
    """chmod'ed, as a curator or a deployment leaves a shared store. (Root may write
    anyway: that nothing appears beside it is what says it was opened read-only.)"""
    folder = tmp_path / "shared"
    folder.mkdir()
    store = imported(folder, ".sqlite")
    store.chmod(0o444)
    folder.chmod(0o555)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "factcheck", "verify", "--db", str(store), "-"],
            input="The moon landing was staged in a studio in 1969.\n",
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "supported" in result.stdout
        assert _beside(store) == []
    finally:
        folder.chmod(0o755)


def test_a_wal_store_whose_files_cannot_be_made_is_read_immutable(tmp_path):
    """A store left in WAL mode (made before, or copied from a writer) on a read-only
    mount: SQLite cannot make its -wal, so it is read as it is. A folder in the
    -wal's place stands in for the mount: nothing can make the file, even as root."""
    store = imported(tmp_path, ".sqlite")
    connection = sqlite3.connect(store)
    connection.execute("PRAGMA journal_mode = WAL")  # the header now says WAL
    connection.close()
    (tmp_path / f"{store.name}-wal").mkdir()
    result = run("claims", "--db", store)
    assert result.exit_code == 0, result.output
    assert "c3" in result.output


def test_a_reader_on_the_wal_keeps_it_until_a_later_write(tmp_path):
    """The switch back to rollback mode is not waited for while someone reads."""
    from factcheck.db.sqlite import open_existing

    store = imported(tmp_path, ".sqlite")
    setup = sqlite3.connect(store)
    setup.execute("PRAGMA journal_mode = WAL")
    setup.close()
    reader = open_existing(store)
    reader.execute("SELECT count(*) FROM claims").fetchone()  # it reads through the WAL
    started = time.monotonic()
    imported(tmp_path, ".sqlite", [("d1", "Wind farms make 40 percent of the power.", "")])
    assert time.monotonic() - started < 30
    assert store.read_bytes()[18:20] == b"\x02\x02"  # still WAL: the reader has it
    assert reader.execute("SELECT count(*) FROM claims").fetchone() == (4,)
    reader.close()
    imported(tmp_path, ".sqlite", [("d2", "Solar panels make 9 percent of the power.", "")])
    assert store.read_bytes()[18:20] == b"\x01\x01" and _beside(store) == []


def test_a_reader_part_way_through_a_table_keeps_no_writer_waiting(tmp_path, monkeypatch):
    """At rest a store is in rollback mode, where an open statement holds a shared
    lock that keeps a writer from starting: tables are read a page a statement."""
    from factcheck.db import sqlite as store_module

    monkeypatch.setattr(store_module, "_PAGE", 10)
    rows = [(f"r{n}", f"Statement {n} about budget item {n}.", "") for n in range(30)]
    store = imported(tmp_path, ".sqlite", rows)
    claims = iter(open_database(store).database.claims)
    assert next(claims).id == "r0"
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 1.0)  # a held lock fails the import
    imported(tmp_path, ".sqlite", [("d1", "Wind farms make 40 percent of the power.", "")])
    assert [c.id for c in claims] == [f"r{n}" for n in range(1, 30)]  # as it was opened


# --- damaged stores ------------------------------------------------------------------------

# Edits outside factcheck, each with what a reading command says of it (exit 2).
DAMAGE = [
    ("DROP TABLE claims", "list.sqlite: store is damaged: table claims is missing"),
    ("DROP TABLE postings", "list.sqlite: store is damaged: table postings is missing"),
    ("DROP TABLE sources", "list.sqlite: store is damaged: table sources is missing"),
    ("ALTER TABLE claims DROP COLUMN title",
     "list.sqlite: store is damaged: table claims has no column 'title'"),
    ("UPDATE postings SET numbers = x'00' WHERE term = 'moon'",
     "list.sqlite:postings: store is damaged: term 'moon', run 0: 1 bytes of claim numbers "
     "for 4 bytes of weights"),
    ("UPDATE postings SET numbers = x'ffffff7f' WHERE term = 'moon'",
     "list.sqlite:postings: store is damaged: term 'moon', run 0: claim number 2,147,483,647 "
     "of a store of 3 claims"),
    ("UPDATE postings SET weights = x'0000c07f' WHERE term = 'moon'",
     "list.sqlite:postings: store is damaged: term 'moon', run 0: a weight that is not a "
     "positive number"),
    ("UPDATE postings SET numbers = 'text' WHERE term = 'moon'",
     "list.sqlite:postings: store is damaged: term 'moon', run 0: numbers and weights must be "
     "blobs"),
    ("UPDATE terms SET frequency = -1",
     "list.sqlite:terms: store is damaged: term 'moon': counted in -1 claims of 3"),
    ("UPDATE terms SET frequency = 0",
     "list.sqlite:terms: store is damaged: term 'moon': counted in 0 claims of 3"),
    ("UPDATE terms SET frequency = 2 WHERE term = 'moon'",
     "list.sqlite:postings: store is damaged: term 'moon' has 1 postings where terms counts 2 "
     "claims"),
    ("DELETE FROM postings", "list.sqlite:postings: store is damaged: the index has no postings"),
    ("DELETE FROM postings; DELETE FROM terms",
     "list.sqlite:terms: store is damaged: the index has no terms, though the store has 3 claims"),
    ("UPDATE meta SET value = 'x' WHERE key = 'length_total'",
     "list.sqlite:meta: store is damaged: length_total is 'x', not a count of terms"),
    ("UPDATE sources SET text = x'ff', external = 0 WHERE url LIKE '%moon'",
     "list.sqlite:sources:2: source list-54122440d4: text must be text"),
    ("UPDATE claims SET same_as = '7' WHERE id = 'c2'",
     "list.sqlite:claims:1: claim c2: same_as must be a list of text"),
]  # fmt: skip
FIX = "(re-import it into a new .sqlite file)"


def _damage(tmp_path, sql):
    store = imported(tmp_path, ".sqlite")
    connection = sqlite3.connect(store)
    connection.executescript(sql)
    connection.commit()
    connection.close()
    return store


@pytest.mark.parametrize(("sql", "message"), DAMAGE, ids=[sql for sql, _m in DAMAGE])
def test_a_damaged_store_is_an_error_naming_the_file_and_table(tmp_path, sql, message):
    store = _damage(tmp_path, sql)
    for command in (["verify", "-"], ["search", "moon landing staged"]):
        result = run(*command, "--db", store, input="The moon landing was staged in 1969.\n")
        assert result.exit_code == 2, result.output
        line = result.stderr.replace(str(tmp_path) + os.sep, "")
        assert line.startswith(f"factcheck: error: {message}"), line
        assert line.count("\n") == 1
        assert FIX in line or "store is damaged" not in line


@pytest.mark.parametrize(("sql", "message"), DAMAGE, ids=[sql for sql, _m in DAMAGE])
def test_validate_finds_the_damage_a_query_meets(tmp_path, sql, message):
    """Damage to the store itself cannot be read past (exit 2); a bad row of its
    records is a problem to fix at its row, as a YAML record's is (exit 1)."""
    store = _damage(tmp_path, sql)
    result = run("validate", "--db", store)
    assert "sound" not in result.output
    if ":sources:" in message or ":claims:" in message:
        assert result.exit_code == 1, result.output
    else:
        assert result.exit_code == 2, result.output
        assert "store is damaged" in result.stderr and FIX in result.stderr


def test_a_store_whose_index_was_emptied_no_longer_passes_a_wrong_figure(bundled_store):
    """With no index, every sentence matched nothing: a contradicted figure passed
    as unsupported, exit 0. The store is refused instead (not rebuilt: that would
    hide the damage, and cannot be kept on a read-only store)."""
    wrong = "In 2016, 58 percent of all federal criminal prosecutions involved immigration."
    assert run("verify", "--db", bundled_store, input=wrong).exit_code == 1
    _execute(bundled_store, "DELETE FROM postings")
    result = run("verify", "--db", bundled_store, input=wrong)
    assert result.exit_code == 2
    assert "the index has no postings, though the store has 29 claims" in result.stderr


def test_corrupt_pages_are_damage_not_a_crash(tmp_path):
    rows = [(f"r{n}", f"Statement {n} about budget item {n % 97} in {1990 + n % 30}.", "")
            for n in range(2000)]  # fmt: skip
    store = imported(tmp_path, ".sqlite", rows)
    data = bytearray(store.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 2 :] = b"\xa5" * (len(data) - page * 2)  # every page past the schema's
    store.write_bytes(bytes(data))
    for command in (["validate"], ["verify", "-"], ["claims"], ["search", "budget item"]):
        result = run(*command, "--db", store, input="Statement 5 about budget item 5.\n")
        assert result.exit_code == 2, (command, result.output)
        assert "store is damaged" in result.stderr, result.stderr
        assert "internal error" not in result.stderr


def test_a_write_into_a_damaged_store_is_an_error_and_changes_nothing(tmp_path):
    store = _damage(tmp_path, "DROP TABLE terms")
    before = list(sqlite3.connect(store).iterdump())
    more = write_tsv(tmp_path / "more.tsv", [("d1", "Wind farms make 40 percent.", "")])
    result = run("import", more, "-o", store, "--id-field", "id", "--text-field", "claim")
    assert result.exit_code == 2
    assert "store is damaged: table terms is missing" in result.stderr
    assert list(sqlite3.connect(store).iterdump()) == before
    assert store.read_bytes()[18:20] == b"\x01\x01" and _beside(store) == []


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


def test_validate_of_a_truncated_store_exits_2(tmp_path):
    rows = [(f"r{n}", f"Statement {n} about budget item {n % 97}.", "") for n in range(2000)]
    store = imported(tmp_path, ".sqlite", rows)
    store.write_bytes(store.read_bytes()[: 4 * 4096])
    result = run("validate", "--db", store)
    assert result.exit_code == 2, result.output
    assert "store is damaged" in result.stderr


def test_validate_finds_claims_numbered_with_a_gap(tmp_path):
    """The index's postings name claims by number: a gap would point them at others."""
    store = _damage(tmp_path, "UPDATE claims SET number = 7 WHERE id = 'c3'")
    result = run("validate", "--db", store)
    assert result.exit_code == 2, result.output
    line = result.stderr.replace(str(tmp_path) + os.sep, "")
    assert line == (
        "factcheck: error: list.sqlite:claims: store is damaged: 3 claims numbered up to 7: "
        f"claims are numbered without gaps {FIX}\n"
    )


def test_an_import_into_a_file_that_is_no_store_is_refused_and_leaves_it(tmp_path):
    target = tmp_path / "notes.sqlite"
    target.write_text("claims: []\n", encoding="utf-8")
    more = write_tsv(tmp_path / "more.tsv", [("d1", "Wind farms make 40 percent.", "")])
    result = run("import", more, "-o", target, "--id-field", "id", "--text-field", "claim")
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: {target}: cannot write SQLite database: file is not a database "
        "(write to a new .sqlite file or one factcheck made)\n"
    )
    assert target.read_text(encoding="utf-8") == "claims: []\n"
