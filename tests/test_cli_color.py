"""Colour on a real terminal (a pseudo-terminal) and in a pipe: NO_COLOR, FORCE_COLOR,
TERM=dumb and ``--color auto|always|never``, for every command that styles its output."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

import pytest

from conftest import CLAIMS

WRONG = (
    "In 2016, 25 percent of all federal criminal prosecutions involved "
    "immigration-related offenses.\n"
)
ESCAPE = re.compile(rb"\x1b\[[0-9;]*m")
# A colour (foreground 30-37, 90-97 or 38;...), not just bold or italic.
COLOUR = re.compile(rb"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])(?:;[0-9;]*)?m")


def _env(**settings: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TERM", "COLUMNS")
    }
    return {**env, "TERM": "xterm-256color", "COLUMNS": "100", **settings}


def on_terminal(args: list[str], cwd, **settings: str) -> bytes:
    """The command's stdout when it is a terminal (stdin and stderr are not)."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck", *args],
        stdout=slave, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd,
        env=_env(**settings),
    )  # fmt: skip
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    process.wait(timeout=60)
    assert process.returncode in (0, 1), process.stderr.read()  # type: ignore[union-attr]
    return b"".join(chunks)


def in_pipe(args: list[str], cwd, **settings: str) -> bytes:
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        capture_output=True, cwd=cwd, env=_env(**settings), timeout=60,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


@pytest.fixture
def commands(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(WRONG, encoding="utf-8")
    return {
        "verify": ["verify", "--db", str(CLAIMS), str(draft)],
        "lint": ["lint", "--db", str(CLAIMS), str(draft)],
        "show": ["show", "--db", str(CLAIMS), "gl-2017-04-11-prosecutions-share-2016"],
        "claims": ["claims", "--db", str(CLAIMS), "--speaker", "libal"],
    }


@pytest.mark.parametrize("name", ["verify", "lint", "show"])
def test_a_terminal_is_coloured(commands, tmp_path, name):
    assert COLOUR.search(on_terminal(commands[name], tmp_path))


@pytest.mark.parametrize("name", ["verify", "lint", "show", "claims"])
def test_no_color_on_a_terminal_has_no_colour(commands, tmp_path, name):
    """https://no-color.org: no colour; bold and italic are not colours."""
    out = on_terminal(commands[name], tmp_path, NO_COLOR="1")
    assert not COLOUR.search(out), out[:300]


@pytest.mark.parametrize("name", ["verify", "lint", "show", "claims"])
def test_a_dumb_terminal_and_color_never_get_plain_text(commands, tmp_path, name):
    plain = in_pipe(commands[name], tmp_path)
    assert not ESCAPE.search(plain)
    dumb = on_terminal(commands[name], tmp_path, TERM="dumb")
    never = on_terminal([*commands[name], "--color", "never"], tmp_path)
    assert not ESCAPE.search(dumb) and not ESCAPE.search(never)
    if name != "claims":  # a table is as wide as the terminal, not the pipe's 80 columns
        assert dumb.replace(b"\r\n", b"\n") == plain
        assert never.replace(b"\r\n", b"\n") == plain


@pytest.mark.parametrize("name", ["verify", "lint", "show"])
def test_force_color_and_color_always_colour_a_pipe(commands, tmp_path, name):
    forced = in_pipe(commands[name], tmp_path, FORCE_COLOR="1")
    always = in_pipe([*commands[name], "--color", "always"], tmp_path)
    assert COLOUR.search(forced) and COLOUR.search(always)
    if name != "show":  # show brackets the passage when plain, highlights it in colour
        assert ESCAPE.sub(b"", always) == in_pipe(commands[name], tmp_path)


def test_color_always_beats_no_color_and_a_dumb_terminal(commands, tmp_path):
    out = in_pipe([*commands["verify"], "--color", "always"], tmp_path, NO_COLOR="1", TERM="dumb")
    assert COLOUR.search(out)


def test_color_never_beats_force_color(commands, tmp_path):
    assert not ESCAPE.search(
        in_pipe([*commands["lint"], "--color", "never"], tmp_path, FORCE_COLOR="1")
    )


def test_an_unknown_color_choice_is_a_usage_error(commands, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", *commands["verify"], "--color", "sometimes"],
        capture_output=True, text=True, cwd=tmp_path, env=_env(), timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "'sometimes' is not one of 'auto', 'always', 'never'" in result.stderr
