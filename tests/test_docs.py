"""Every command is documented: mentioned in the README, with help for it and its options."""

from __future__ import annotations

import pytest
import typer.main

from factcheck.cli import app

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
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
