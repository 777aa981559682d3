"""A process started without a standard stream (``<&-``, ``>&-``, ``2>&-``): a usage or
output error (exit 2) and one line, never a crash (70), never the code of findings (1)
or of a clean run (0)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import CLAIMS

SUPPORTED = "In 2016, 52 percent of federal prosecutions involved immigration offenses.\n"


def run_closed(tmp_path, args, closed, **kwargs) -> subprocess.CompletedProcess[str]:
    """``python -m factcheck ARGS`` with the descriptors ``closed`` (0, 1, 2) closed.

    What is left open is captured; stdin, when open, is the null device.
    """

    def close() -> None:
        for fd in closed:
            os.close(fd)

    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        stdin=subprocess.DEVNULL, capture_output=True, preexec_fn=close, text=True,
        timeout=120, cwd=tmp_path, **kwargs,
    )  # fmt: skip


@pytest.fixture
def clean(tmp_path):
    draft = tmp_path / "clean.md"
    draft.write_text(SUPPORTED, encoding="utf-8")
    return draft.name


@pytest.mark.parametrize(
    "args",
    [["verify", "--db", str(CLAIMS)], ["lint", "--db", str(CLAIMS), "-"], ["lsp"]],
    ids=["verify", "lint", "lsp"],
)
def test_a_closed_stdin_is_an_input_error(tmp_path, args):
    result = run_closed(tmp_path, args, [0])
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("factcheck: error: <stdin>: standard input is closed (")
    assert result.stderr.count("\n") == 1 and result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["verify", "clean.md"],
        ["verify", "--format", "json", "clean.md"],
        ["lint", "clean.md"],
        ["claims"],
        ["speakers"],
        ["verify", "--annotate", "clean.md", "-o", "-"],
        ["lsp"],
        ["--version"],
    ],
)
def test_a_closed_stdout_is_an_output_error(tmp_path, clean, args):
    result = run_closed(tmp_path, args, [1])
    assert result.returncode == 2, result.stderr
    assert result.stderr == "factcheck: error: cannot write the output: standard output is closed\n"


@pytest.mark.parametrize("draft", ["clean.md", "missing.md"])
def test_with_stdout_and_stderr_closed_the_exit_code_is_still_2(tmp_path, clean, draft):
    """Nothing can be reported: a clean draft used to exit 1 (the crash's own code,
    which is the code of findings), a missing one too."""
    assert run_closed(tmp_path, ["verify", "--db", str(CLAIMS), draft], [1, 2]).returncode == 2


def test_a_closed_stderr_keeps_the_exit_codes(tmp_path, clean):
    assert run_closed(tmp_path, ["verify", "missing.md"], [2]).returncode == 2
    result = run_closed(tmp_path, ["verify", "--db", str(CLAIMS), clean], [2])
    assert result.returncode == 0 and "1 supported" in result.stdout


def test_a_quiet_run_that_writes_nothing_needs_no_stdout(tmp_path, clean):
    """Only a write fails: a clean ``-q`` run prints nothing, so nothing is lost."""
    result = run_closed(tmp_path, ["verify", "-q", "--db", str(CLAIMS), clean], [1, 2])
    assert result.returncode == 0


def test_stdout_open_for_reading_only_is_an_output_error(tmp_path, clean):
    with open(tmp_path / clean, encoding="utf-8") as read_only:
        result = subprocess.run(
            [sys.executable, "-m", "factcheck", "verify", "--db", str(CLAIMS), clean],
            stdout=read_only, stderr=subprocess.PIPE, text=True, timeout=120, cwd=tmp_path,
        )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == "factcheck: error: cannot write the output: Bad file descriptor\n"


def test_files_opened_later_never_take_a_standard_descriptor(tmp_path):
    """With 0-2 closed, the next file opened would be descriptor 0, and a subprocess
    (``git check-ignore``) or a C library would read or write it as a standard stream."""
    code = (
        "import os, sys\n"
        "from factcheck.cli.streams import reserve_streams\n"
        "reserve_streams()\n"
        "fd = os.open('probe', os.O_CREAT | os.O_WRONLY)\n"
        "os.write(fd, str(fd).encode())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        preexec_fn=lambda: [os.close(fd) for fd in (0, 1, 2)], cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0
    assert int((tmp_path / "probe").read_text()) > 2
