"""Nothing lost (issue 17): writers lock, write through links, refuse read-only
targets and their own inputs, and leave the old file or the new one, never half.

The concurrency and ``kill -9`` tests run real processes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.atomic import remove_stale_temporaries, replace_file, same_file
from factcheck.cli import app

from conftest import CLAIMS, ROOT

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
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: {database}: cannot write: read-only (mode 0444); "
        "make it writable (chmod u+w)\n"
    )
    assert database.read_bytes() == before and database.stat().st_mode & 0o777 == 0o444


def test_same_file_by_link_and_by_hard_link(tmp_path):
    a = tmp_path / "a.md"
    a.write_text("x", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(a)
    os.link(a, tmp_path / "hard.md")
    assert same_file(a, tmp_path / "link.md") and same_file(a, tmp_path / "hard.md")
    assert same_file(a, tmp_path / "sub" / ".." / "a.md") or not (tmp_path / "sub").exists()
    assert not same_file(a, tmp_path / "new.md")
