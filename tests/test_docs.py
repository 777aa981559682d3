"""Every command is documented: mentioned in the README, with help for it and its options."""

from __future__ import annotations

import pytest
import typer.main
from typer.testing import CliRunner

from factcheck import __version__
from factcheck.cli import app

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI_TESTS = "".join(
    path.read_text(encoding="utf-8") for path in sorted((ROOT / "tests").glob("test_cli_*.py"))
)
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


def test_commands_are_registered():
    assert {"verify", "claims", "speakers", "show", "cite"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_is_in_readme(name):
    assert f"factcheck {name}" in README


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_and_options_have_help(name):
    command = COMMANDS[name]
    assert command.help and command.help.strip()
    for param in command.params:
        assert getattr(param, "help", None), f"{name}: {param.name} has no help"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_is_exercised_by_a_cli_test(name):
    """An option no end-to-end test passes is a user-facing path nobody has run."""
    untested = [
        long
        for param in COMMANDS[name].params
        for long in [o for o in getattr(param, "opts", []) if o.startswith("--")][:1]
        if f'"{long}"' not in CLI_TESTS
    ]
    assert not untested, f"{name}: no tests/test_cli_*.py passes {', '.join(untested)}"


def test_version_prints_the_package_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"factcheck {__version__}\n"


def test_help_lists_every_command_in_order():
    from factcheck.cli import COMMANDS

    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = [
        line.split()[1]
        for line in result.stdout.splitlines()
        if line.startswith("│ ") and len(line.split()) > 2 and line.split()[1] in COMMANDS
    ]
    assert listed == list(COMMANDS)


def test_a_mistyped_command_gets_a_suggestion():
    result = CliRunner().invoke(app, ["verfy", "x.txt"])
    assert result.exit_code == 2
    assert "No such command 'verfy'. Did you mean 'verify'?" in result.output


def test_a_command_that_fails_to_build_says_so(monkeypatch):
    """click reads a KeyError from the commands mapping as "no such command"."""
    from factcheck import cli

    monkeypatch.setitem(cli.COMMANDS, "broken", ("verify", "no_such_function"))
    monkeypatch.setattr(cli, "import_module", lambda name: {}["SOME_SETTING"])
    with pytest.raises(RuntimeError, match="cannot build command 'broken'"):
        typer.main.get_command(app).get_command(None, "broken")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_shows_every_option_help_whole(name):
    """Brackets in help text are rich markup to typer: "[default: x]" vanished from
    nine options' help ("a folder of them ."). Wide enough that nothing wraps."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "3000", "TERMINAL_WIDTH": "3000", "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", name, "--help"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    shown = " ".join(result.stdout.split())
    for param in COMMANDS[name].params:
        help_text = " ".join((getattr(param, "help", None) or "").split())
        assert help_text in shown, f"{name} {param.name}: {help_text!r} is not shown whole"
