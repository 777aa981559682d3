"""Terminal control sequences in drafts and database fields are shown, never sent: every
human output escapes them (``\\x1b``), machine formats keep the exact text."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.render.controls import visible

from conftest import CLAIMS

runner = CliRunner()
# Retitles the terminal, then clears it.
HOSTILE = "\x1b]0;pwned\x07\x1b[2J"
SHOWN = "\\x1b]0;pwned\\x07\\x1b[2J"
DRAFT = (
    f"In 2016, 25 percent of all federal criminal {HOSTILE} prosecutions involved "
    "immigration-related offenses.\n"
)
# Rich's own styles, which --color always writes.
STYLES = re.compile(r"\x1b\[[0-9;]*m")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def assert_shown(output: str) -> None:
    assert not CONTROL.search(STYLES.sub("", output)), repr(output)
    assert SHOWN in output


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, “curly” — dashes", "plain text, “curly” — dashes"),
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
        ("bell\x07 back\x08 cr\r nul\x00 del\x7f", "bell\\x07 back\\x08 cr\\x0d nul\\x00 del\\x7f"),
        ("C1 CSI \x9b2J", "C1 CSI \\x9b2J"),
    ],
)
def test_visible_escapes_c0_and_c1_controls_but_tab_and_newline(text, shown):
    assert visible(text) == shown


@pytest.mark.parametrize("color", ["never", "always"])
@pytest.mark.parametrize("command", ["verify", "lint"])
def test_a_draft_s_escape_sequences_are_shown_in_text_output(tmp_path, command, color):
    """In its sentences (verify's Draft line) and in its file name (every result's place)."""
    draft = tmp_path / f"draft{HOSTILE}.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = runner.invoke(app, [command, "--db", str(CLAIMS), "--color", color, str(draft)])
    assert result.exit_code == 1, result.output
    assert_shown(result.stdout)


def test_machine_formats_keep_the_exact_text(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = runner.invoke(app, ["verify", "--db", str(CLAIMS), "-f", "json", str(draft)])
    assert HOSTILE in json.loads(result.stdout)["findings"][0]["sentence"]


@pytest.fixture
def hostile_db(write_db):
    """The bundled database with a speaker's name holding escapes and rich markup."""
    text = CLAIMS.read_text(encoding="utf-8").replace(
        "    name: Bob Libal\n", '    name: "Bob \\e]0;pwned\\a\\e[2J [/x]Libal"\n'
    )
    return str(write_db(text))


LIBAL_CLAIM = "gl-2017-04-11-libal-fear-mongering"


@pytest.mark.parametrize(
    "args",
    [
        ["speakers"],
        ["claims", "--speaker", "bob-libal"],
        ["show", LIBAL_CLAIM],
        ["search", "Libal fear-mongering concrete policy"],
        ["cite", LIBAL_CLAIM, "--style", "markdown"],
    ],
)
@pytest.mark.parametrize("color", ["never", "always"])
def test_database_fields_are_shown_on_a_terminal_and_in_a_pipe(hostile_db, args, color):
    """A name holding "[/x]" was also read as rich markup: a MarkupError (exit 70)."""
    result = runner.invoke(app, [*args, "--db", hostile_db, "--color", color])
    assert result.exit_code == 0, result.output
    assert not CONTROL.search(STYLES.sub("", result.stdout)), repr(result.stdout)
    assert "\\x1b" in result.stdout  # shown (a narrow table may wrap or cut the rest)


def test_validate_and_errors_show_what_they_quote(write_db):
    path = write_db(
        CLAIMS.read_text(encoding="utf-8").replace(
            "speaker: bob-libal\n", 'speaker: "bob\\e[2J"\n', 1
        )
    )
    result = runner.invoke(app, ["validate", "--db", str(path)])
    assert result.exit_code == 1
    assert "unknown speaker 'bob\\x1b[2J'" in result.stdout
    assert not CONTROL.search(result.stdout)
    missing = runner.invoke(app, ["verify", "--db", str(CLAIMS), f"draft{HOSTILE}.md"])
    assert missing.exit_code == 2
    assert missing.stderr.startswith(f"factcheck: error: draft{SHOWN}.md: ")
