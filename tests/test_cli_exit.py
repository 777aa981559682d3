"""Exit paths a real process sees: a closed pipe (141, quietly) and usage errors
(one line on stderr, exit 2), through the console script's ``python -m factcheck``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.check.batch import default_jobs

from conftest import CLAIMS

SUPPORTED = "In 2016, 52 percent of federal prosecutions involved immigration offenses. "
WRONG = "In 2016, 25 percent of all federal criminal prosecutions involved immigration offenses. "


def factcheck(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        capture_output=True, text=True, timeout=120, **kwargs,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("command", "sentence"),
    [("verify", SUPPORTED), ("lint", WRONG)],
)
def test_a_closed_pipe_exits_141_quietly(tmp_path, command, sentence):
    """`factcheck verify big.md | head -1` under `set -o pipefail` fails with 141 (SIGPIPE's
    code), not 1, and prints no traceback; a clean draft would otherwise fail the job."""
    draft = tmp_path / "big.md"
    draft.write_text((sentence * 20 + "\n\n") * 150, encoding="utf-8")
    script = (
        f"set -o pipefail; '{sys.executable}' -m factcheck {command} --db '{CLAIMS}' "
        f"'{draft}' 2>'{tmp_path / 'err'}' | head -1"
    )
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 141
    assert result.stdout.count("\n") == 1
    assert (tmp_path / "err").read_text(encoding="utf-8") == ""


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["verify", "--nope"],
            "factcheck: error: No such option: --nope",
        ),
        (
            ["verify", "--format", "xml", "x.md"],
            "factcheck: error: Invalid value for '--format' / '-f': 'xml' is not one of "
            "'text', 'json', 'jsonl', 'claimreview' (see 'factcheck verify --help')",
        ),
        (
            ["verfy"],
            "factcheck: error: No such command 'verfy'. Did you mean 'verify'? "
            "(see 'factcheck --help')",
        ),
        (
            ["show"],
            "factcheck: error: Missing argument 'claim_id' (see 'factcheck show --help')",
        ),
        (
            ["lint", "--fail-on", "sometimes", "."],
            "factcheck: error: Invalid value for '--fail-on': 'sometimes' is not one of "
            "'error', 'warning', 'info', 'never' (see 'factcheck lint --help')",
        ),
    ],
)
def test_a_usage_error_is_one_line_on_stderr(tmp_path, args, line):
    result = factcheck(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(line), result.stderr


def test_no_arguments_print_the_help(tmp_path):
    result = factcheck(cwd=tmp_path)
    assert result.returncode == 2
    assert "Usage: factcheck [OPTIONS] COMMAND" in result.stdout + result.stderr


CRASH = (
    "import sys\n"
    "import factcheck.check.batch as batch\n"
    "def broken(*args, **kwargs):\n"
    "    raise ZeroDivisionError('an internal bug')\n"
    "batch.check_inputs = broken\n"
    "from factcheck.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_an_internal_error_exits_70_with_one_line_asking_to_report_it(tmp_path):
    """A bug is not a finding: exit 70 (EX_SOFTWARE), not 1, so CI can tell a crash
    from a failed check; one line on stderr, no traceback."""
    result = subprocess.run(
        [sys.executable, "-c", CRASH, "verify", "--db", str(CLAIMS), "-"],
        input=SUPPORTED, capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 70
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("factcheck: internal error: ZeroDivisionError: an internal bug")
    assert "please report it" in result.stderr


def test_factcheck_debug_shows_the_traceback_of_an_internal_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", CRASH, "verify", "--db", str(CLAIMS), "-"],
        input=SUPPORTED, capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={**os.environ, "FACTCHECK_DEBUG": "1"},
    )  # fmt: skip
    assert "Traceback" in result.stderr and "ZeroDivisionError" in result.stderr


def test_the_exit_codes_are_pinned():
    from factcheck.errors import ExitStatus

    assert [(s.name, int(s)) for s in ExitStatus] == [
        ("OK", 0), ("FINDINGS", 1), ("ERROR", 2), ("INTERNAL", 70), ("INTERRUPTED", 130),
    ]  # fmt: skip


def test_an_ascii_stdout_gets_replacements_not_a_crash(tmp_path):
    result = factcheck(
        "verify", "--db", str(CLAIMS), "-", input=SUPPORTED, cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "? supported" in result.stdout and result.stderr == ""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["verify", "-"], ["verify", "--format", "json", "-"], ["claims"]])
def test_a_full_device_on_stdout_is_one_line_and_exit_2(tmp_path, args):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "factcheck", *args[:1], "--db", str(CLAIMS), *args[1:]],
            input=SUPPORTED, stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
            cwd=tmp_path,
        )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == "factcheck: error: cannot write the output: No space left on device\n"


def _interrupted(tmp_path, args, drafts: int, paragraphs: int, stdout=subprocess.DEVNULL):
    """A real run of ``args`` on ``drafts`` drafts, sent Ctrl-C (to its whole process
    group, as a terminal does) after 4 s: its exit status and stderr."""
    paths = []
    for number in range(drafts):
        draft = tmp_path / f"d{number}.md"
        draft.write_text((SUPPORTED + "\n\n") * paragraphs)
        paths.append(str(draft))
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck", *args[:1], "--db", str(CLAIMS), *args[1:], *paths],
        stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=tmp_path, start_new_session=True,
    )  # fmt: skip
    time.sleep(4)
    assert process.poll() is None, "the run ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    return process.returncode, stderr


def test_ctrl_c_during_a_pooled_run_prints_one_line_and_exits_130(tmp_path):
    """The terminal signals the whole process group: the pool's workers leave
    Ctrl-C to the parent instead of printing a traceback each."""
    status, stderr = _interrupted(tmp_path, ["verify"], drafts=6, paragraphs=15_000)
    assert status == 130
    assert stderr == "\nfactcheck: interrupted\n", stderr


@pytest.mark.parametrize(
    ("args", "stopped"),
    [
        (["verify", "--format", "json"], lambda report: report["error"]["message"]),
        (
            ["lint", "--format", "sarif"],
            lambda report: report["runs"][0]["invocations"][0]["toolExecutionNotifications"][0][
                "message"
            ]["text"],
        ),
    ],
    ids=["verify-json", "lint-sarif"],
)
def test_ctrl_c_closes_a_machine_document_whole(tmp_path, args, stopped):
    """Interrupted, a JSON report ended mid-list: a CI step that reads it failed to parse."""
    with (tmp_path / "out.json").open("w") as out:
        status, stderr = _interrupted(tmp_path, args, drafts=8, paragraphs=12_000, stdout=out)
    assert status == 130, stderr
    report = json.loads((tmp_path / "out.json").read_text())
    assert stopped(report) == "interrupted (Ctrl-C): the findings are those made before it"


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc for the workers")
@pytest.mark.skipif(default_jobs() < 2, reason="one core: no pool to kill")
def test_a_worker_killed_midway_ends_the_run_with_an_error_not_a_hang(tmp_path):
    """multiprocessing.Pool starts a worker for one that was killed, never its task:
    the run must say so and stop (exit 2), not wait forever."""
    draft = tmp_path / "long.md"
    draft.write_text((SUPPORTED + "\n\n") * 8_000)  # one long draft: its sentences are shared
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "verify", "--db", str(CLAIMS), str(draft)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not _children(process.pid) and time.monotonic() < deadline:
        assert process.poll() is None, "the run ended before a worker could be killed"
        time.sleep(0.05)
    time.sleep(1)  # at work now: a worker killed before its first task loses none
    for worker in _children(process.pid):
        os.kill(worker, signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2, stderr
    assert stderr.startswith("factcheck: error: a checking process ended before its work"), stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize("codec", ["hex", "base64", "rot13", "zlib", "bz2", "uu"])
@pytest.mark.parametrize("command", ["verify", "lint"])
def test_encoding_accepts_text_encodings_only(tmp_path, command, codec):
    result = factcheck(command, "--encoding", codec, "-", input=SUPPORTED, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"factcheck: error: Invalid value for '--encoding': '{codec}' is not a text encoding "
        f"(try utf-8, latin-1, cp1252) (see 'factcheck {command} --help')\n"
    )


def test_a_nan_threshold_is_refused(tmp_path):
    """NaN passes `min=0, max=100` (every comparison with it is false), and then no
    score reaches it: a sentence scoring 98 came out unsupported."""
    result = factcheck("verify", "--threshold", "nan", "-", input=SUPPORTED, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "factcheck: error: Invalid value for '--threshold' / '-t': must be a number from 0 to "
        "100, not nan"
    )


@pytest.mark.parametrize("publisher", ["", "  ", "--"])
def test_extract_refuses_an_empty_publisher(tmp_path, publisher):
    source = tmp_path / "release.txt"
    source.write_text('"We will appeal," said Jane Doe, the group\'s director.\n')
    result = factcheck(
        "extract", str(source), "--source-id", "x-2020", "--publisher", publisher, cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stderr == (
        "factcheck: error: --publisher is empty "
        "(name who issued the source, e.g. --publisher 'Acme Institute')\n"
    )


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_utf16_without_a_bom_is_an_input_error(tmp_path, codec):
    result = factcheck("verify", "--encoding", codec, "-", input=SUPPORTED, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"factcheck: error: <stdin>: {codec} without a byte-order mark "
        f"(pass --encoding {codec}-le or {codec}-be)\n"
    )


# Ctrl-C while the console script is still importing: a meta-path finder sends the
# signal when typer is about to be imported, as a Ctrl-C in the first 50 ms would.
INTERRUPT_DURING_IMPORTS = (
    "import os, signal, sys\n"
    "class Interrupt:\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name == 'typer':\n"
    "            os.kill(os.getpid(), signal.SIGINT)\n"
    "sys.meta_path.insert(0, Interrupt())\n"
    "sys.argv = ['factcheck', 'verify', '-']\n"
    "from factcheck.__main__ import run\n"
    "run()\n"
)


def test_ctrl_c_during_the_imports_prints_one_line_and_exits_130(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPT_DURING_IMPORTS],
        input=SUPPORTED, capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 130
    assert result.stderr == "\nfactcheck: interrupted\n"


def test_ctrl_c_during_the_imports_with_stderr_closed_still_exits_130(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPT_DURING_IMPORTS],
        stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(2), timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 130


@pytest.mark.parametrize("codec", ["punycode", "undefined"])
@pytest.mark.parametrize("command", ["verify", "lint"])
def test_a_codec_that_fails_without_naming_a_byte_is_an_input_error(tmp_path, command, codec):
    result = factcheck(command, "--encoding", codec, "-", input=SUPPORTED, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"factcheck: error: <stdin>: cannot decode as {codec}: ")


@pytest.mark.parametrize("command", ["verify", "lint"])
def test_a_symlink_loop_is_an_input_error(tmp_path, command):
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    result = factcheck(command, "a.md", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("factcheck: error: a.md: cannot read: "), result.stderr


@pytest.mark.parametrize("target", ["file", "folder"])
@pytest.mark.parametrize("fmt", ["sarif", "junit", "json", "text"])
def test_a_file_name_that_is_no_utf8_is_reported_in_utf8(tmp_path, target, fmt):
    """A name's bytes that are no UTF-8 are U+FFFD in every report (SARIF and JUnit
    could not be written at all, the others wrote the raw byte)."""
    name = os.fsdecode(b"bad\xff.md")
    try:
        (tmp_path / name).write_text(WRONG, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("the file system takes no such name")
    args = ["lint", "-f", fmt, name if target == "file" else "."]
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", *args], capture_output=True, cwd=tmp_path, timeout=120
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    shown = "bad%EF%BF%BD.md" if fmt == "sarif" else "bad\ufffd.md"  # SARIF's is a URI
    assert shown in result.stdout.decode("utf-8")


def test_ctrl_c_leaves_lint_output_as_it_was(tmp_path):
    """The report is replaced only when the run ends: an interrupted one keeps the last."""
    report = tmp_path / "report.json"
    report.write_text("the last report\n")
    args = ["lint", "--format", "json", "-o", str(report)]
    status, stderr = _interrupted(tmp_path, args, drafts=8, paragraphs=12_000)
    assert status == 130, stderr
    assert report.read_text() == "the last report\n"
    assert not list(tmp_path.glob("*factcheck-tmp*")), "a temporary file was left"
