"""Merging reviewed candidates into a database file, and atomic writes (`factcheck add`)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.db.database import load_database
from factcheck.db.write import atomic_write
from factcheck.errors import DatabaseError

from conftest import CLAIMS, ROOT

runner = CliRunner()

CANDIDATES = """\
version: 1
sources:
  - id: gl-copy
    title: The release again
    publisher: Grassroots Leadership
    date: 2017-04-11
    path: sources/grassroots-leadership-2017-04-11.txt

speakers:
    -   id: grassroots-leadership
        name: Grassroots Leadership
        kind: organization
    # Reviewed: the release calls him an organizer.
    -   id: alejandro-caceres
        name: Alejandro Caceres
    -   id: the-senators
        name: unnamed senators
        kind: group

claims:
  # Kept after review.
  - id: gl-copy-not-intimidated
    source: gl-copy
    speaker: alejandro-caceres
    type: quote
    claim: "Alejandro Caceres said: We will not be intimidated."
    passage: "“We will not be intimidated.”"
    quote: We will not be intimidated
    figures: []
    tags: [caceres]   # trailing comment kept

  - id: gl-copy-donors
    source: gl-copy
    speaker: the-senators
    type: quote
    claim: Senators said the move lends the appearance of rewarding campaign donors.
    passage: "lends the appearance of rewarding campaign donors"
    figures:
      - {text: x, value: 1}
"""


@pytest.fixture
def database(write_db):
    return write_db(CLAIMS.read_text(encoding="utf-8"))


@pytest.fixture
def candidates(tmp_path):
    """The draft lives outside the database folder; its source path is relative to itself."""
    folder = tmp_path.parent / (tmp_path.name + "-review")
    folder.mkdir()
    path = folder / "draft.yaml"
    up = f"path: ../{tmp_path.name}/sources/"
    path.write_text(
        CANDIDATES.replace("{text: x, value: 1}", "{text: campaign donors, value: 1}").replace(
            "path: sources/", up
        ),
        encoding="utf-8",
    )
    return path


def kept_in_order(before: str, after: str) -> bool:
    """Every line of ``before`` is in ``after``, in the same order."""
    rest = iter(after.splitlines())
    return all(any(line == other for other in rest) for line in before.splitlines())


def add(*args: str):
    return runner.invoke(app, ["add", *map(str, args)])


def test_add_appends_items_and_changes_nothing_else(database, candidates):
    before = database.read_text(encoding="utf-8")
    result = add(candidates, "--into", database)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"added 1 source, 1 speaker, 2 claims to {database}; "
        "reused speakers grassroots-leadership, alejandro-caceres\n"
    )
    after = database.read_text(encoding="utf-8")
    # Every line of the old file is still there, in order, comments and all.
    assert kept_in_order(before, after)
    assert len(after.splitlines()) > len(before.splitlines())
    assert "  # Kept after review.\n  - id: gl-copy-not-intimidated" in after
    assert "    tags: [caceres]   # trailing comment kept\n" in after
    # The speaker list used 4-space dashes; the target's 2-space layout wins.
    assert "\n  - id: the-senators\n    name: unnamed senators\n" in after
    assert "# Reviewed: the release calls him an organizer." not in after  # a reused speaker
    # The source path is rewritten relative to the database.
    assert "    path: sources/grassroots-leadership-2017-04-11.txt\n" in after.split("speakers:")[0]
    loaded = load_database(database)
    assert loaded.claim("gl-copy-donors").speaker.name == "unnamed senators"
    assert loaded.claim("gl-copy-not-intimidated").source.id == "gl-copy"


@pytest.mark.parametrize(
    ("edit", "message", "line"),
    [
        (("id: gl-copy\n", "id: gl-2017-04-11\n"), "source id 'gl-2017-04-11'", 3),
        (
            ("id: gl-copy-donors", "id: gl-2017-04-11-libal-fear-mongering"),
            "claim id 'gl-2017-04-11-libal-fear-mongering'",
            32,
        ),
        (("name: Alejandro Caceres", "name: A. Caceres"), "speaker id 'alejandro-caceres'", 14),
    ],
)
def test_an_id_clash_is_refused_and_nothing_is_written(database, candidates, edit, message, line):
    candidates.write_text(candidates.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    before = database.read_bytes()
    result = add(candidates, "--into", database)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"factcheck: error: {candidates}:{line}: {message} is already")
    assert "(rename it here, or delete it if it is the same record)" in result.stderr
    assert database.read_bytes() == before


def test_a_merge_that_would_not_load_is_refused(database, candidates):
    text = candidates.read_text(encoding="utf-8").replace("text: campaign donors", "text: nope")
    candidates.write_text(text, encoding="utf-8")
    before = database.read_bytes()
    result = add(candidates, "--into", database)
    assert result.exit_code == 2
    assert re.fullmatch(
        f"factcheck: error: {re.escape(str(candidates))}: nothing written: the merged database "
        "would be invalid: claim gl-copy-donors: figure 'nope' is not in its passage "
        r"\(line \d+ of the merged claims.yaml\) \(fix the candidates and run add again\)\n",
        result.stderr,
    ), result.stderr
    assert database.read_bytes() == before
    assert sorted(p.name for p in database.parent.iterdir()) == ["claims.yaml", "sources"]


@pytest.mark.parametrize(
    "tail",
    ["claims: []\n", "claims:\n", "claims: null\n", ""],
    ids=["flow-empty", "empty", "null", "absent"],
)
def test_empty_or_missing_lists_receive_the_items(write_db, candidates, tail):
    head = CLAIMS.read_text(encoding="utf-8").split("\nclaims:")[0]
    database = write_db(head + "\n" + tail)
    result = add(candidates, "--into", database)
    assert result.exit_code == 0, result.output
    loaded = load_database(database)
    assert [c.id for c in loaded.claims] == ["gl-copy-not-intimidated", "gl-copy-donors"]
    assert kept_in_order(head, database.read_text(encoding="utf-8"))


def test_crlf_and_bom_are_kept(write_db, candidates):
    text = "\ufeff" + CLAIMS.read_text(encoding="utf-8").replace("\n", "\r\n")
    database = write_db("")
    database.write_bytes(text.encode("utf-8"))
    assert add(candidates, "--into", database).exit_code == 0
    data = database.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    assert len(load_database(database).claims) == len(load_database(CLAIMS).claims) + 2


def test_into_a_folder_writes_a_new_file_and_validates_the_folder(write_db, candidates):
    database = write_db(CLAIMS.read_text(encoding="utf-8"))
    folder = database.parent
    result = add(candidates, "--into", folder)
    assert result.exit_code == 0, result.output
    new = folder / "draft.yaml"
    assert f"to {new}" in result.stdout
    assert "path: sources/grassroots-leadership-2017-04-11.txt" in new.read_text(encoding="utf-8")
    assert load_database(folder).claim("gl-copy-donors") is not None
    again = add(candidates, "--into", folder)
    assert again.exit_code == 2
    assert again.stderr.startswith(f"factcheck: error: {new}: a database file of that name")


def test_into_a_missing_database(tmp_path, candidates):
    result = add(candidates, "--into", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: {tmp_path / 'nope.yaml'}: database not found "
        "(pass a YAML file or folder)\n"
    )


def test_candidates_must_be_a_block_mapping(database, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("{sources: [], claims: []}\n", encoding="utf-8")
    result = add(bad, "--into", database)
    assert result.exit_code == 2
    assert "must be a block mapping" in result.stderr
    bad.write_text("version: 1\nclaims: 3\n", encoding="utf-8")
    assert f"{bad}:2: claims must be a list" in add(bad, "--into", database).stderr


# --- atomic writes -------------------------------------------------------------------------


def _crash(*_args, **_kwargs):
    raise OSError(28, "No space left on device")


def _interrupt(*_args, **_kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize("failure", [_crash, _interrupt], ids=["oserror", "interrupt"])
def test_a_crash_between_write_and_rename_leaves_the_old_file(tmp_path, monkeypatch, failure):
    target = tmp_path / "claims.yaml"
    target.write_text("version: 1\n# old\n", encoding="utf-8")
    monkeypatch.setattr(os, "replace", failure)
    expected = DatabaseError if failure is _crash else KeyboardInterrupt
    with pytest.raises(expected) as caught:
        atomic_write(target, "version: 1\n# new\n" * 1000)
    assert target.read_text(encoding="utf-8") == "version: 1\n# old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.yaml"]
    if failure is _crash:
        assert str(caught.value) == f"{target}: cannot write: No space left on device"


def test_add_under_a_crash_keeps_the_database(database, candidates, monkeypatch):
    before = database.read_bytes()
    monkeypatch.setattr(os, "replace", _crash)
    result = add(candidates, "--into", database)
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error: {database}: cannot write: No space left on device\n"
    assert database.read_bytes() == before
    assert sorted(p.name for p in database.parent.iterdir()) == ["claims.yaml", "sources"]


def test_atomic_write_keeps_the_file_mode(tmp_path):
    target = tmp_path / "claims.yaml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_add_through_a_real_process(database, candidates):
    run = subprocess.run(
        [sys.executable, "-m", "factcheck", "add", str(candidates), "--into", str(database)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("added 1 source, 1 speaker, 2 claims")
    again = subprocess.run(
        [sys.executable, "-m", "factcheck", "add", str(candidates), "--into", str(database)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert again.returncode == 2
    assert again.stderr.startswith(f"factcheck: error: {candidates}:3: source id 'gl-copy'")
    assert Path(database).read_text(encoding="utf-8").count("id: gl-copy-donors") == 1


def test_replace_file_gives_new_files_the_usual_mode_and_keeps_old_ones(tmp_path):
    import os
    import stat

    from factcheck.atomic import replace_file

    umask = os.umask(0o022)
    try:
        new = tmp_path / "new.yaml"
        replace_file(new, [b"a: 1\n"])
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        old = tmp_path / "old.yaml"
        old.write_text("x", encoding="utf-8")
        old.chmod(0o600)
        replace_file(old, [b"y"])
        assert stat.S_IMODE(old.stat().st_mode) == 0o600 and old.read_text() == "y"
    finally:
        os.umask(umask)


def test_unique_ids_number_repeats_in_order_and_skip_ids_taken():
    from factcheck.db.write import UniqueIds

    ids = UniqueIds()
    assert [ids.take(b) for b in ("a", "a", "a-3", "a", "b", "a")] == [
        "a", "a-2", "a-3", "a-4", "b", "a-5",
    ]  # fmt: skip


@pytest.mark.parametrize("where", ["candidates", "database"])
def test_an_item_ending_in_a_nested_flow_list_over_lines_is_cut_whole(write_db, candidates, where):
    """An item whose last value holds a flow list closed on a line of its own (a
    figure's span) ends at that bracket: the item is cut, or followed, there and
    not at its last scalar (which cut the bracket off, or put the new items before it)."""
    figure = (
        "    figures:\n      - text: {text}\n        value: 1\n"
        "        span: [2016,\n          2017\n        ]\n"
    )
    text = CLAIMS.read_text(encoding="utf-8")
    if where == "candidates":
        draft = candidates.read_text(encoding="utf-8")
        last = "    figures:\n      - {text: campaign donors, value: 1}\n"
        assert draft.endswith(last)
        candidates.write_text(
            draft.removesuffix(last) + figure.format(text="campaign donors"), encoding="utf-8"
        )
    else:  # the database's last claim ends with such a figure
        head, _, tail = text.rpartition("    figures: []\n")
        text = head + tail.rstrip("\n") + "\n" + figure.format(text="Grassroots Leadership")
    database = write_db(text)
    result = add(candidates, "--into", database)
    assert result.exit_code == 0, result.output
    assert "        ]\n" in database.read_text(encoding="utf-8")
    ids = [c.id for c in load_database(database).claims]
    assert ids[-2:] == ["gl-copy-not-intimidated", "gl-copy-donors"]
