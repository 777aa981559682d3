"""Nothing lost (issue 17): writers lock, write through links, refuse read-only
targets and their own inputs, and leave the old file or the new one, never half.

The concurrency and ``kill -9`` tests run real processes.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.atomic import remove_stale_temporaries, replace_file, same_file
from factcheck.cli import app

from conftest import CLAIMS, RELEASE, ROOT

runner = CliRunner()


def claim_file(path: Path, number: int) -> Path:
    """A candidates file of one claim on the bundled release (id ``extra-N``)."""
    path.write_text(
        "version: 1\nclaims:\n"
        f"  - id: extra-{number}\n"
        "    source: gl-2017-04-11\n"
        "    speaker: grassroots-leadership\n"
        "    type: event\n"
        f'    claim: "Attorney General Jeff Sessions instructed prosecutors ({number})."\n'
        '    passage: "Attorney General Jeff Sessions today instructed federal prosecutors"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def database(write_db):
    return write_db(CLAIMS.read_text(encoding="utf-8"))


def refused_read_only(result, named: Path, real: Path, before: bytes) -> None:
    """A 0444 target: one line naming it as given, exit 2, its bytes and mode kept."""
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: {named}: cannot write: read-only (mode 0444); "
        "make it writable (chmod u+w)\n"
    )
    assert real.read_bytes() == before and real.stat().st_mode & 0o777 == 0o444


def _factcheck(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "factcheck", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        **kwargs,
    )


def test_two_adds_at_once_lose_no_merge(database, tmp_path):
    """Issue 17 item 1: 20 trials of two real ``add`` processes into one file."""
    before = database.read_text(encoding="utf-8")
    first, second = claim_file(tmp_path / "a.yaml", 1), claim_file(tmp_path / "b.yaml", 2)
    for trial in range(20):
        database.write_text(before, encoding="utf-8")
        runs = [_factcheck("add", c, "--into", database) for c in (first, second)]
        results = [(run.wait(60), run.stderr.read()) for run in runs]
        for run in runs:
            run.stdout.close()
            run.stderr.close()
        assert [code for code, _ in results] == [0, 0], (trial, results)
        text = database.read_text(encoding="utf-8")
        assert "id: extra-1\n" in text and "id: extra-2\n" in text, f"trial {trial} lost a merge"
    assert not [p for p in database.parent.iterdir() if ".factcheck-" in p.name]


def test_a_second_writer_waits_then_fails_with_one_line(database, tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_LOCK_TIMEOUT", "0.2")
    before = database.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom pathlib import Path\n"
         "from factcheck.atomic import write_lock\n"
         "with write_lock(Path(sys.argv[1])):\n    print('held', flush=True)\n    time.sleep(60)",
         str(database)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert holder.stdout.readline() == "held\n"
        result = runner.invoke(app, ["add", str(claim_file(tmp_path / "a.yaml", 1)), "--into",
                                     str(database)])  # fmt: skip
    finally:
        holder.kill()
        holder.wait(10)
        holder.stdout.close()
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: {database}: cannot write: another factcheck has been writing it "
        "for 0.2 s; try again when it is done\n"
    )
    assert database.read_bytes() == before


def test_a_writer_killed_mid_write_leaves_the_old_file_and_its_temporary_is_cleaned(tmp_path):
    """Issue 17 item 5: ``kill -9`` while the temporary file is half written."""
    target = tmp_path / "claims.yaml"
    target.write_bytes(b"version: 1\n# old\n")
    writer = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom pathlib import Path\n"
         "from factcheck.atomic import replace_file\n"
         "def chunks():\n    yield b'version: 1\\n# new, half\\n'\n"
         "    print('writing', flush=True)\n    time.sleep(60)\n    yield b'# rest\\n'\n"
         "replace_file(Path(sys.argv[1]), chunks())\n", str(target)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert writer.stdout.readline() == "writing\n"
    temporaries = [p for p in tmp_path.iterdir() if ".factcheck-tmp." in p.name]
    assert len(temporaries) == 1
    assert remove_stale_temporaries(target) == 0  # its writer is alive: left alone
    writer.send_signal(signal.SIGKILL)
    writer.wait(10)
    writer.stdout.close()
    assert target.read_bytes() == b"version: 1\n# old\n"
    replace_file(target, [b"version: 1\n# next\n"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.yaml"]
    assert target.read_bytes() == b"version: 1\n# next\n"


def test_a_temporary_of_another_host_is_removed_only_when_old(tmp_path):
    target = tmp_path / "claims.yaml"
    target.write_bytes(b"x")
    other = tmp_path / ".claims.yaml.factcheck-tmp.elsewhere.123.abcd"
    other.write_bytes(b"half")
    assert remove_stale_temporaries(target) == 0
    old = time.time() - 2 * 24 * 3600
    os.utime(other, (old, old))
    assert remove_stale_temporaries(target) == 1 and not other.exists()


def test_add_into_a_symlink_writes_its_target(database, tmp_path):
    """Issue 17 item 4: the link stays a link, and the real database gets the claim."""
    link = tmp_path / "link.yaml"
    link.symlink_to(database)
    result = runner.invoke(app, ["add", str(claim_file(tmp_path / "a.yaml", 1)), "--into",
                                 str(link)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert "id: extra-1\n" in database.read_text(encoding="utf-8")


def test_a_read_only_database_is_refused_and_kept(database, tmp_path):
    """Issue 17 item 4: 0444 is refused even for root (whom os.access lets write)."""
    before = database.read_bytes()
    database.chmod(0o444)
    result = runner.invoke(app, ["add", str(claim_file(tmp_path / "a.yaml", 1)), "--into",
                                 str(database)])  # fmt: skip
    refused_read_only(result, database, database, before)


def test_same_file_by_link_and_by_hard_link(tmp_path):
    a = tmp_path / "a.md"
    a.write_text("x", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(a)
    os.link(a, tmp_path / "hard.md")
    assert same_file(a, tmp_path / "link.md") and same_file(a, tmp_path / "hard.md")
    assert same_file(a, tmp_path / "sub" / ".." / "a.md") or not (tmp_path / "sub").exists()
    assert not same_file(a, tmp_path / "new.md")


# --- outputs that are inputs (item 2) ---------------------------------------------------


@pytest.fixture
def lint_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.md").write_text(
        "In 2016, 52 percent of federal prosecutions involved immigration offenses.\n",
        encoding="utf-8",
    )
    (tmp_path / "claims.yaml").write_bytes(CLAIMS.read_bytes())
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / RELEASE.name).write_bytes(RELEASE.read_bytes())
    (tmp_path / ".factcheck.toml").write_text('db = "claims.yaml"\n', encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "d.md")
    os.link(tmp_path / "d.md", tmp_path / "hard.md")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "clash"),
    [
        (["d.md", "--format", "sarif", "--output", "d.md"], "d.md"),
        (["d.md", "--output", "claims.yaml"], "claims.yaml"),
        (["d.md", "--output", "./claims.yaml"], "claims.yaml"),
        (["d.md", "--output", ".factcheck.toml"], ".factcheck.toml"),
        (["d.md", "--output", "link.md"], "d.md"),
        (["d.md", "--write-baseline", "hard.md"], "d.md"),
        (["d.md", "--write-baseline", "b.json", "--output", "b.json"], "b.json"),
        (["d.md", "--baseline", "b.json", "--output", "b.json"], "b.json"),
    ],
    ids=["draft", "database", "database-dotted", "config", "symlink", "hard-link",
         "each-other", "baseline-read"],
)  # fmt: skip
def test_lint_refuses_to_overwrite_its_own_inputs(lint_folder, args, clash):
    (lint_folder / "b.json").write_text('{"version": 1, "results": []}\n', encoding="utf-8")
    before = {p.name: p.read_bytes() for p in lint_folder.iterdir() if p.is_file()}
    result = runner.invoke(app, ["lint", *args])
    assert result.exit_code == 2, result.output
    flag = "--output" if "--output" in args else "--write-baseline"
    assert re.search(
        f"{flag} would overwrite (.*/)?{re.escape(clash)}, one of this run's own files "
        f"\\(pass another {flag} path\\)\n$",
        result.stderr,
    ), result.stderr
    assert result.stderr.count("\n") == 1
    assert {p.name: p.read_bytes() for p in lint_folder.iterdir() if p.is_file()} == before


def test_lint_writes_the_baseline_it_replaces_when_it_does_not_read_it(lint_folder):
    result = runner.invoke(app, ["lint", "d.md", "--baseline", "b.json", "--write-baseline",
                                 "b.json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert '"results"' in (lint_folder / "b.json").read_text(encoding="utf-8")


# --- import -o (item 3) -----------------------------------------------------------------


def test_a_failed_import_leaves_the_previous_output_byte_for_byte(tmp_path, monkeypatch):
    from factcheck.db import importer

    table = tmp_path / "claims.csv"
    table.write_text("id,text\nc1,The moon is made of cheese.\n", encoding="utf-8")
    output = tmp_path / "out.yaml"
    output.write_bytes(b"version: 1\n# the previous import\n")
    # A database that would not load, found only by the validation before the write.
    monkeypatch.setattr(importer, "to_yaml", lambda *a: "version: 1\nclaims:\n  - {id: x}\n")
    result = runner.invoke(app, ["import", str(table), "-o", str(output), "--id-field", "id",
                                 "--text-field", "text"])  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"factcheck: error: {table}: nothing written: the imported database would be invalid: "
    )
    assert output.read_bytes() == b"version: 1\n# the previous import\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.csv", "out.yaml"]


def test_import_writes_through_a_symlink_and_refuses_a_read_only_output(tmp_path):
    table = tmp_path / "claims.csv"
    table.write_text("id,text\nc1,The moon is made of cheese.\n", encoding="utf-8")
    real = tmp_path / "real.yaml"
    real.write_bytes(b"version: 1\n")
    link = tmp_path / "out.yaml"
    link.symlink_to(real)
    args = ["import", str(table), "--id-field", "id", "--text-field", "text", "-o"]
    assert runner.invoke(app, [*args, str(link)]).exit_code == 0
    assert link.is_symlink() and b"moon" in real.read_bytes()
    real.chmod(0o444)
    before = real.read_bytes()
    result = runner.invoke(app, [*args, str(link)])
    refused_read_only(result, link, real, before)


def test_lint_output_and_baseline_refuse_a_read_only_file(lint_folder):
    for flag in ("--output", "--write-baseline"):
        target = lint_folder / f"out{flag}.txt"
        target.write_bytes(b"keep")
        target.chmod(0o444)
        result = runner.invoke(app, ["lint", "d.md", flag, str(target)])
        assert result.exit_code == 2, result.output
        assert "read-only (mode 0444)" in result.stderr and result.stderr.count("\n") == 1
        assert target.read_bytes() == b"keep"


def test_writes_are_flushed_to_disk_except_the_caches(tmp_path, monkeypatch):
    """A database or report is fsynced before its rename; a cache entry, which its
    MAC checks and a run rebuilds, is not (36 MB at 100,000 claims)."""
    from factcheck import atomic

    synced = []
    monkeypatch.setattr(atomic.os, "fsync", synced.append)
    atomic.replace_file(tmp_path / "claims.yaml", [b"version: 1\n"])
    assert len(synced) == 2  # the file, then its folder
    synced.clear()
    atomic.replace_file(tmp_path / "entry.cache", [b"x"], lock=False, durable=False)
    assert synced == []
    assert (tmp_path / "entry.cache").read_bytes() == b"x"
