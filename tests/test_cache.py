"""The on-disk cache: used when intact, rebuilt when stale or corrupt, never fatal."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.db import cache
from factcheck.db.cache import load_indexed
from factcheck.model import Source

from conftest import CLAIMS, RELEASE, ROOT, payload_of

RELEASE_NAME = RELEASE.name
RELEASE_TEXT = RELEASE.read_text(encoding="utf-8")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def db_copy(write_db):
    return write_db(CLAIMS.read_text(encoding="utf-8"))


def entry(folder):
    (found,) = [p for p in folder.iterdir() if p.suffix == ".cache"]
    return found


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("FACTCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "factcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == cache.Path.home() / ".cache" / "factcheck"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "x"))
    assert cache.cache_dir() == tmp_path / "x"
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    assert cache.cache_dir() is None


def test_a_relative_xdg_cache_home_is_ignored_by_the_real_cli(tmp_path):
    """The XDG spec: a relative path in $XDG_CACHE_HOME is invalid and is ignored."""

    work = tmp_path / "work"
    work.mkdir()
    env = {
        k: v for k, v in os.environ.items() if k not in ("FACTCHECK_CACHE_DIR", "XDG_CACHE_HOME")
    }
    env.update(HOME=str(tmp_path / "home"), XDG_CACHE_HOME="relative-cache")
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "verify"],
        input=b"In 2016, 52 percent of federal prosecutions involved immigration offenses.\n",
        capture_output=True, cwd=work, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert not (work / "relative-cache").exists()
    assert entry(tmp_path / "home" / ".cache" / "factcheck")


def test_macos_gets_its_library_caches_folder_through_platformdirs(monkeypatch):
    pytest.importorskip("platformdirs")
    monkeypatch.delenv("FACTCHECK_CACHE_DIR", raising=False)
    monkeypatch.setattr(sys, "platform", "darwin")
    before = {m: sys.modules.pop(m) for m in list(sys.modules) if m.startswith("platformdirs")}
    try:  # platformdirs picks its platform's class when it is imported
        assert cache.cache_dir() == Path.home() / "Library" / "Caches" / "factcheck"
    finally:
        for name in [m for m in sys.modules if m.startswith("platformdirs")]:
            del sys.modules[name]
        sys.modules.update(before)


def test_second_load_comes_from_the_cache_and_equals_the_first(cache_dir, db_copy):
    first = load_indexed(db_copy)
    second = load_indexed(db_copy)
    assert not first.from_cache and second.from_cache and second.warning is None
    assert list(second.database.claims) == list(first.database.claims)
    assert second.database.sources == first.database.sources
    assert second.database.speakers == first.database.speakers
    claim = second.database.claims[3]
    assert claim.location == first.database.claims[3].location
    assert claim.source.text == first.database.claims[3].source.text
    assert second.index.to_plain() == first.index.to_plain()


def test_an_edited_database_is_rebuilt(cache_dir, db_copy):
    load_indexed(db_copy)
    text = db_copy.read_text(encoding="utf-8")
    edited = text.replace("tags: [sessions, memo, date]", "tags: [sessions, memo, edited]", 1)
    assert edited != text
    db_copy.write_text(edited, encoding="utf-8")
    loaded = load_indexed(db_copy)
    assert not loaded.from_cache
    assert any("edited" in c.tags for c in loaded.database.claims)
    assert len(list(cache_dir.glob("*.cache"))) == 1  # replaced, not piled up


def test_a_changed_source_text_is_rebuilt(cache_dir, db_copy):
    load_indexed(db_copy)
    source = db_copy.parent / "sources" / "grassroots-leadership-2017-04-11.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not load_indexed(db_copy).from_cache


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-10],  # truncated
        lambda data: data[:200] + bytes([data[200] ^ 0xFF]) + data[201:],  # flipped bit
        lambda data: b"not a cache at all",
        lambda data: b"",
    ],
    ids=["truncated", "flipped", "garbage", "empty"],
)
def test_a_corrupt_entry_is_rebuilt_never_trusted(cache_dir, db_copy, damage):
    expected = [c.id for c in load_indexed(db_copy).database.claims]
    path = entry(cache_dir)
    path.write_bytes(damage(path.read_bytes()))
    loaded = load_indexed(db_copy)
    assert not loaded.from_cache and [c.id for c in loaded.database.claims] == expected
    assert load_indexed(db_copy).from_cache  # and the entry is good again


def test_a_well_formed_entry_with_a_wrong_payload_is_rebuilt(cache_dir, db_copy, monkeypatch):
    load_indexed(db_copy)
    monkeypatch.setattr(cache, "_read", lambda entry, key, secret: {"files": []})
    assert not load_indexed(db_copy).from_cache


def test_an_unwritable_cache_folder_is_a_warning_not_an_error(tmp_path, monkeypatch, db_copy):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(blocker / "cache"))
    loaded = load_indexed(db_copy)
    assert loaded.warning and loaded.warning.startswith("cache not written")
    assert len(loaded.database.claims) > 10


def test_no_cache_switch_writes_nothing(cache_dir, db_copy, monkeypatch):
    monkeypatch.setenv("FACTCHECK_NO_CACHE", "1")
    assert not load_indexed(db_copy).from_cache
    assert not cache_dir.exists()


def test_database_errors_are_raised_not_cached(cache_dir, write_db):
    from factcheck.errors import DatabaseError

    broken = write_db("version: 1\nclaims: [\n")
    with pytest.raises(DatabaseError):
        load_indexed(broken)
    assert not cache_dir.exists() or not list(cache_dir.glob("*.cache"))


def test_two_processes_building_at_once_both_succeed(cache_dir, db_copy):
    code = (
        "import sys; from factcheck.db.cache import load_indexed; "
        "print(len(load_indexed(sys.argv[1]).database.claims))"
    )
    env = dict(os.environ, FACTCHECK_CACHE_DIR=str(cache_dir))
    command = [sys.executable, "-c", code, str(db_copy)]
    runs = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = {run.communicate(timeout=60)[0].strip() for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert len(outputs) == 1
    assert load_indexed(db_copy).from_cache
    assert not [p for p in cache_dir.iterdir() if p.name.startswith(".")]


def test_lazy_claims_behave_like_a_sequence(cache_dir, db_copy):
    load_indexed(db_copy)
    claims = load_indexed(db_copy).database.claims
    assert len(claims) == len(list(claims))
    assert claims[-1] == list(claims)[-1]
    assert claims[1:3] == tuple(list(claims)[1:3])
    assert claims[0] is claims[0]  # built once


def test_links_from_rows_equal_those_of_the_claims(database):
    from factcheck.check.matcher import build_index
    from factcheck.db.cache import _from_plain, _to_plain, packed, unpacked
    from factcheck.model import Database

    claims = list(database.claims)
    other = claims[0].source._replace(id="elsewhere")
    claims[0] = claims[0]._replace(same_as=(claims[5].id,))
    claims[5] = claims[5]._replace(source=other)
    linked_db = Database(  # built by hand: no links worked out
        {**database.sources, "elsewhere": other}, database.speakers, tuple(claims), database.files
    )
    payload = b"".join(packed(_to_plain(linked_db, build_index(claims))))
    cached, _ = _from_plain(unpacked(payload))
    assert cached.links == {claims[0].id: (5,), claims[5].id: (0,)}
    assert cached.claims._built.count(None) == len(claims)  # no claim was built for them
    assert (
        cached.also_in()
        == linked_db.also_in()
        == {
            claims[0].id: (claims[5],),
            claims[5].id: (claims[0],),
        }
    )


def test_a_full_disk_is_a_warning_and_leaves_no_temporary_file(cache_dir, db_copy, monkeypatch):
    import errno

    made = cache._entry

    def full(*args, **kwargs):  # the disk fills after the entry's first piece
        pieces = made(*args, **kwargs)
        yield next(pieces)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache, "_entry", full)
    loaded = load_indexed(db_copy)
    assert loaded.warning == "cache not written: No space left on device"
    assert len(loaded.database.claims) > 10
    assert [p.name for p in Path(cache_dir).rglob("*") if p.is_file()] == [cache.SECRET]


SHARE = "gl-2017-04-11-prosecutions-share-2016"
CLAIM_END = 'offenses."'  # the end of that claim's statement, the only one in the file


def test_an_edit_during_the_build_cannot_enter_the_cache_under_the_old_key(
    cache_dir, db_copy, monkeypatch
):
    """The key is a hash of the very bytes parsed: an edit made meanwhile is a miss later."""
    original = db_copy.read_text(encoding="utf-8")
    parse = cache._database

    def edit_then_parse(root, contents=None, **options):
        db_copy.write_text(original.replace(CLAIM_END, 'offenses. (edited)"'), encoding="utf-8")
        return parse(root, contents, **options)

    monkeypatch.setattr(cache, "_database", edit_then_parse)
    first = load_indexed(db_copy)
    assert not first.from_cache and first.warning is None
    assert not first.database.claim(SHARE).claim.endswith("(edited)")
    monkeypatch.setattr(cache, "_database", parse)
    edited = load_indexed(db_copy)
    assert not edited.from_cache  # the file's new bytes have no entry
    assert edited.database.claim(SHARE).claim.endswith("(edited)")


def test_entries_of_an_older_format_are_deleted_when_one_is_written(cache_dir, db_copy):
    cache_dir.mkdir()
    older = cache_dir / "0123456789abcdef01234567.cache"
    older.write_bytes(b"FCCACHE\x01" + b"\0" * 100)
    unrelated = cache_dir / "notes.txt"
    unrelated.write_text("kept")
    foreign = cache_dir / "another-tool.cache"  # FACTCHECK_CACHE_DIR may be a shared folder
    foreign.write_bytes(b"\x00\x01 another tool's cache")
    load_indexed(db_copy)
    assert not older.exists() and unrelated.exists() and foreign.exists()
    (ours,) = [p for p in cache_dir.glob("*.cache") if p != foreign]
    assert ours.read_bytes().startswith(cache.MAGIC)


def test_rows_and_postings_are_written_in_runs_and_read_back_whole(monkeypatch, database):
    """Claims' rows go in runs of _ROWS_RUN and the index's terms in runs of _TERMS_RUN
    (here 2 and 3): an odd count, one run, none."""
    from factcheck.check.matcher import build_index

    monkeypatch.setattr(cache, "_ROWS_RUN", 2)
    monkeypatch.setattr(cache, "_TERMS_RUN", 3)
    for count in (0, 1, 2, 5):
        claims = tuple(database.claims[:count])
        db = database._replace(claims=claims, links={})
        plain = cache._to_plain(db, build_index(claims))
        rows = [cache.RowCodec(db.files).row(c) for c in claims]
        back = cache.unpacked(b"".join(cache.packed(plain)))
        assert back["claims"] == rows
        assert back["index"] == plain["index"]
        assert list(back["index"][0]) == list(plain["index"][0])  # the terms' order kept


_BAD_TAILS = {
    "no-end": b"",
    "cut-length": bytes(4),
    "past-the-end": (5).to_bytes(8, "little") + b"\xff",
    "a-run-of-another-kind": b"".join(cache._framed(marshal.dumps(5))) + cache._END_OF_RUNS,
}


@pytest.mark.parametrize("tail", _BAD_TAILS.values(), ids=_BAD_TAILS)
def test_a_payload_cut_or_framed_wrong_is_refused(database, tail):
    """The payload up to the claims' first run, then what a damaged entry could hold."""
    from factcheck.check.matcher import build_index

    pieces = list(cache.packed(cache._to_plain(database, build_index(database.claims))))
    runs = pieces.index(cache._END_OF_RUNS) - 2  # the claims' one run: its length, its bytes
    with pytest.raises((ValueError, EOFError, TypeError)):
        cache.unpacked(b"".join(pieces[:runs]) + tail)


def test_a_payload_part_the_layout_lacks_is_a_warning_not_a_silent_loss(
    cache_dir, db_copy, monkeypatch
):
    to_plain = cache._to_plain
    monkeypatch.setattr(cache, "_to_plain", lambda d, i: {**to_plain(d, i), "extra": 1})
    loaded = load_indexed(db_copy)
    assert loaded.warning.startswith("cache not written: payload parts ")
    assert [p.name for p in Path(cache_dir).iterdir()] == [cache.SECRET]


def test_a_value_marshal_cannot_write_is_a_warning_not_a_crash(cache_dir, db_copy, monkeypatch):
    to_plain = cache._to_plain

    def with_a_class(database, index):
        return {**to_plain(database, index), "links": object()}

    monkeypatch.setattr(cache, "_to_plain", with_a_class)
    loaded = load_indexed(db_copy)
    assert loaded.warning == "cache not written: unmarshallable object"
    assert len(loaded.database.claims) > 10


def test_the_layout_names_every_stored_field_so_a_new_field_cannot_read_old_rows():
    """No format number to bump by hand: the entry's magic hashes the records' fields."""
    from factcheck.model import Claim
    from factcheck.plain import schema

    assert f"Claim({','.join(Claim._fields)})" in schema()
    assert b"FCCACHE" + cache._layout(schema()) == cache.MAGIC
    assert cache._layout(schema().replace("title,", "title,note,")) != cache._layout(schema())


# --- trust (issue 17 items 6-7) ---------------------------------------------------------

FORGED_SENTENCE = (
    "In 2016, 58 percent of all federal criminal prosecutions involved immigration-related "
    "offenses.\n"
)


def _verdict(db: Path, draft: Path, capsys) -> str:
    import json

    from factcheck.cli import main

    main(["verify", "--db", str(db), "--format", "json", str(draft)])
    return json.loads(capsys.readouterr().out)["findings"][0]["verdict"]


def _entry_for(folder: Path, payload: bytes, key: bytes, secret: bytes) -> bytes:
    return cache.MAGIC + key + payload + cache._mac(secret, key, payload)


def _key_and_payload(data: bytes) -> tuple[bytes, bytes]:
    start = len(cache.MAGIC)
    return data[start : start + 32], data[cache._HEADER : -32]


def test_a_forged_entry_is_rejected_not_answered_from(tmp_path, monkeypatch, capsys):
    """A forged entry that makes "58 percent" supported (the issue's attack) is
    rebuilt: its MAC is not the user's. Signed with the user's secret, the very
    same entry would be believed, so the test forges something that matters."""
    victim = tmp_path / "victim"
    attacker = tmp_path / "attacker"
    for folder, share in ((victim, "52"), (attacker, "58")):
        (folder / "sources").mkdir(parents=True)
        text = RELEASE_TEXT.replace("In 2016, 52 percent", f"In 2016, {share} percent")
        (folder / "sources" / RELEASE_NAME).write_text(text, encoding="utf-8")
        database = CLAIMS.read_text(encoding="utf-8").replace("52 percent", f"{share} percent")
        (folder / "claims.yaml").write_text(
            database.replace("value: 52\n", f"value: {share}\n"), encoding="utf-8"
        )
    draft = tmp_path / "draft.md"
    draft.write_text(FORGED_SENTENCE, encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "attacker-cache"))
    assert _verdict(attacker / "claims.yaml", draft, capsys) == "supported"
    _, forged = _key_and_payload(entry(tmp_path / "attacker-cache").read_bytes())
    attacker_secret = (tmp_path / "attacker-cache" / cache.SECRET).read_bytes()

    victim_cache = tmp_path / "victim-cache"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(victim_cache))
    assert _verdict(victim / "claims.yaml", draft, capsys) == "figure-mismatch"
    victim_entry = entry(victim_cache)
    key, _ = _key_and_payload(victim_entry.read_bytes())
    victim_entry.write_bytes(_entry_for(victim_cache, forged, key, attacker_secret))
    assert _verdict(victim / "claims.yaml", draft, capsys) == "figure-mismatch"
    assert load_indexed(victim / "claims.yaml").from_cache  # rebuilt, and sound again

    secret = (victim_cache / cache.SECRET).read_bytes()
    victim_entry.write_bytes(_entry_for(victim_cache, forged, key, secret))
    assert _verdict(victim / "claims.yaml", draft, capsys) == "supported"  # what the MAC stops


_SOURCE_DATE = Source._fields.index("date")


@pytest.mark.parametrize(
    "damage",
    [
        lambda plain: {**plain, "claims": [row[:3] for row in plain["claims"]]},
        lambda plain: {
            **plain,
            "claims": [("x", "no-such-source", *r[2:]) for r in plain["claims"]],
        },
        lambda plain: {**plain, "claims": [[*row] for row in plain["claims"]]},
        lambda plain: {**plain, "claims": 5},
        lambda plain: {k: v for k, v in plain.items() if k != "index"},
        lambda plain: [1, 2, 3],
        lambda plain: {**plain, "sources": [("s",)]},
        lambda plain: {**plain, "features": plain["features"][:-1]},
        lambda plain: {**plain, "features": [(f[0], f[1], ()) for f in plain["features"]]},
        lambda plain: {
            **plain,
            "features": [(f[0] | {"extra"}, f[1], f[2]) for f in plain["features"]],
        },
        lambda plain: {
            **plain,
            "features": [(f[1][0][0], ((f[1][0][0], "1.5"),), f[2][:1]) for f in plain["features"]],
        },
        lambda plain: {
            **plain,
            "features": [
                (f[1][0][0], ((f[1][0][0], 10**400),), f[2][:1]) for f in plain["features"]
            ],
        },
        lambda plain: {**plain, "lexicon": plain["lexicon"][:2]},
        lambda plain: {**plain, "lexicon": (((("",), ()),), *plain["lexicon"][1:])},
        lambda plain: {**plain, "lexicon": (plain["lexicon"][0], ((("a",),),), ())},
        # an entry of the version before the lexicon's modals (six fields), and a bad seventh
        lambda plain: {**plain, "lexicon": plain["lexicon"][:6]},
        lambda plain: {**plain, "lexicon": (*plain["lexicon"][:6], (1, 2))},
        lambda plain: {
            **plain,
            "sources": [
                (*r[:_SOURCE_DATE], 10**30, *r[_SOURCE_DATE + 1 :]) for r in plain["sources"]
            ],
        },
        lambda plain: {**plain, "dependencies": [(10**30, 0, 0, 0, 0, 0)]},
    ],
    ids=[
        "short-rows",
        "unknown-source",
        "lists",
        "not-rows",
        "no-index",
        "a-list",
        "bad-source",
        "features-short",
        "features-no-texts",
        "features-other-terms",
        "features-text-weight",
        "features-huge-weight",
        "lexicon-short",
        "lexicon-empty-phrase",
        "lexicon-one-sided-pair",
        "lexicon-before-modals",
        "lexicon-modals-not-words",
        "date-past-the-calendar",
        "dependency-a-number",
    ],
)
def test_a_malformed_entry_with_a_good_mac_is_rebuilt_and_nothing_fails_later(
    cache_dir, db_copy, damage
):
    """Our own mistake (or a leaked secret) cannot crash a run: the entry is rebuilt
    before any claim is built lazily."""

    expected = [tuple(c) for c in load_indexed(db_copy).database.claims]
    path = entry(cache_dir)
    key, payload = _key_and_payload(path.read_bytes())
    broken = payload_of(damage(cache.unpacked(payload)))
    path.write_bytes(_entry_for(cache_dir, broken, key, (cache_dir / cache.SECRET).read_bytes()))
    loaded = load_indexed(db_copy)
    assert not loaded.from_cache
    assert [tuple(c) for c in loaded.database.claims] == expected


def test_the_cache_folder_is_made_private(cache_dir, db_copy):
    load_indexed(db_copy)
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    assert (cache_dir / cache.SECRET).stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o757])
def test_a_cache_folder_others_may_write_is_not_used(cache_dir, db_copy, mode):
    cache_dir.mkdir()
    cache_dir.chmod(mode)
    loaded = load_indexed(db_copy)
    assert loaded.warning == (
        f"cache not used: {cache_dir} is writable by others "
        f"(chmod 700 {cache_dir}, or set FACTCHECK_CACHE_DIR to a folder of your own)"
    )
    assert len(loaded.database.claims) > 10 and not list(cache_dir.iterdir())


def test_a_cache_folder_of_another_user_is_not_used(cache_dir, db_copy):
    cache_dir.mkdir(mode=0o700)
    os.chown(cache_dir, 12345, -1) if os.getuid() == 0 else pytest.skip("needs root to chown")
    loaded = load_indexed(db_copy)
    assert loaded.warning.startswith(f"cache not used: {cache_dir} belongs to user 12345 (")
    assert not list(cache_dir.iterdir())


def test_the_cli_warns_in_one_line_and_still_answers(cache_dir, db_copy, tmp_path):
    cache_dir.mkdir()
    cache_dir.chmod(0o777)
    draft = tmp_path / "draft.md"
    draft.write_text(FORGED_SENTENCE, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "factcheck", "verify", "--db", str(db_copy), str(draft)],
        capture_output=True, text=True, cwd=ROOT,
        env=dict(os.environ, FACTCHECK_CACHE_DIR=str(cache_dir)),
    )  # fmt: skip
    assert run.returncode == 1 and "58 percent" in run.stdout
    assert run.stderr == (
        f"factcheck: warning: cache not used: {cache_dir} is writable by others "
        f"(chmod 700 {cache_dir}, or set FACTCHECK_CACHE_DIR to a folder of your own)\n"
    )


@pytest.mark.parametrize(
    "spoil",
    [
        lambda path: path.chmod(0o644),
        lambda path: path.write_bytes(b"short"),
        lambda path: (path.unlink(), path.symlink_to(path.parent.parent / "elsewhere")),
    ],
    ids=["readable-by-others", "short", "symlink"],
)
def test_a_secret_others_could_know_is_replaced_and_its_entries_rebuilt(cache_dir, db_copy, spoil):
    load_indexed(db_copy)
    secret = cache_dir / cache.SECRET
    before = secret.read_bytes() if not secret.is_symlink() else b""
    (cache_dir.parent / "elsewhere").write_bytes(b"k" * 32)
    spoil(secret)
    assert not load_indexed(db_copy).from_cache
    assert not secret.is_symlink() and secret.stat().st_mode & 0o777 == 0o600
    assert secret.read_bytes() != before and len(secret.read_bytes()) == 32
    assert load_indexed(db_copy).from_cache


def test_an_edit_that_keeps_size_and_mtime_is_rebuilt(cache_dir, db_copy):
    """Item 7: source texts are trusted by inode, size, mtime and ctime, which a
    write always changes (``touch -r`` can reset the mtime, never the ctime)."""
    load_indexed(db_copy)
    source = db_copy.parent / "sources" / RELEASE_NAME
    status = source.stat()
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("52 percent", "58 percent"), encoding="utf-8")
    os.utime(source, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert source.stat().st_size == status.st_size
    assert source.stat().st_mtime_ns == status.st_mtime_ns
    from factcheck.errors import DatabaseError

    with pytest.raises(DatabaseError, match="passage is not verbatim"):  # read again, not cached
        load_indexed(db_copy)


def test_the_payload_tables_name_every_field():
    from factcheck.db.payload import FIELD_TYPES

    for kind, types in FIELD_TYPES.items():
        assert list(types) == list(kind._fields), kind.__name__


def test_a_claim_row_of_wrong_types_stops_the_run_in_one_line_and_is_rebuilt_next(
    cache_dir, db_copy, tmp_path, capsys
):
    """Rows' values are checked as each claim is built: a signed entry whose row
    holds a number for the claim's text (our own bug, or a leaked secret) stops
    the run with one line, exit 2, and the entry is gone for the next run."""

    from factcheck.cli import main

    load_indexed(db_copy)
    path = entry(cache_dir)
    key, payload = _key_and_payload(path.read_bytes())
    plain = cache.unpacked(payload)
    at = cache.Claim._fields.index("claim")
    plain["claims"] = [(*row[:at], 52, *row[at + 1 :]) for row in plain["claims"]]
    broken = payload_of(plain)
    path.write_bytes(_entry_for(cache_dir, broken, key, (cache_dir / cache.SECRET).read_bytes()))
    draft = tmp_path / "draft.md"
    draft.write_text(FORGED_SENTENCE, encoding="utf-8")
    assert main(["claims", "--db", str(db_copy)]) == 2
    assert capsys.readouterr().err == (
        f"factcheck: error: {path}: the cached database was damaged; its entry is deleted "
        "(run the command again)\n"
    )
    assert not path.exists()
    assert main(["verify", "--db", str(db_copy), str(draft)]) == 1


def test_a_small_database_keeps_its_matching_features_and_a_hit_uses_them(cache_dir, db_copy):
    """A cold start on the bundled database would compute most claims' features and
    read the paraphrase lexicon: the entry keeps both, exactly as a matcher has them."""
    from factcheck.check.matcher import Matcher

    built = load_indexed(db_copy)
    hit = load_indexed(db_copy)
    fresh = Matcher(built.database, index=built.index).features()
    assert hit.from_cache and hit.features == built.features == fresh
    matcher = Matcher.opened(hit)
    fresh_matcher = Matcher(built.database, index=built.index)
    assert matcher.lexicon == fresh_matcher.lexicon
    text = "In 2016, 52 percent of all federal prosecutions were for immigration offenses."
    assert matcher.match(text) == fresh_matcher.match(text)


def test_a_large_database_keeps_no_features(cache_dir, db_copy, monkeypatch):
    monkeypatch.setattr(cache, "FEATURES_KEPT", 3)
    load_indexed(db_copy)
    hit = load_indexed(db_copy)
    assert hit.from_cache and hit.features is None


def test_a_changed_shipped_table_makes_the_entry_old(cache_dir, db_copy, monkeypatch, tmp_path):
    """The kept features and lexicon are made of the shipped tables: an entry is
    rebuilt when one of them is written."""
    from factcheck.check import paraphrase

    copy = tmp_path / "paraphrases.yaml"
    copy.write_text(paraphrase.LEXICON_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(paraphrase, "LEXICON_FILE", copy)
    monkeypatch.setattr(paraphrase, "_LEXICON", [])
    load_indexed(db_copy)
    assert load_indexed(db_copy).from_cache
    copy.write_text(copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not load_indexed(db_copy).from_cache


def test_a_databases_own_paraphrase_lines_are_in_the_kept_lexicon(cache_dir, write_db):
    """The entry keeps the lexicon the matcher uses: the shipped one with the database's lines."""
    from factcheck.check.matcher import Matcher

    text = CLAIMS.read_text(encoding="utf-8") + "paraphrases:\n  - detention center, lockup\n"
    db = write_db(text)
    load_indexed(db)
    hit = load_indexed(db)
    assert hit.from_cache and hit.lexicon is not None
    assert (("detention", "center"), ("lockup",)) in hit.lexicon[0]  # the kept synonyms
    lexicon = Matcher.opened(hit).lexicon
    assert (("detention", "center"), ("lockup",)) in lexicon.synonyms
    assert lexicon == Matcher(hit.database, index=hit.index).lexicon
