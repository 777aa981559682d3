"""What other linters' users expect: verify --stdin-filename, --quiet, lint --list-rules
and shell completion, through the real console entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import CLAIMS

WRONG = (
    "In 2016, 25 percent of all federal criminal prosecutions involved "
    "immigration-related offenses."
)
EXACT = WRONG.replace("25", "52")


def factcheck(*args: str, input: str | None = None, env: dict | None = None):
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        input=input, capture_output=True, text=True, timeout=120,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_verify_stdin_filename_names_the_input_and_sets_its_format():
    html = f"<p>{WRONG}</p>\n<!-- {EXACT} -->\n"
    result = factcheck("verify", "--db", str(CLAIMS), "--stdin-filename", "news/a.html", input=html)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("news/a.html:1:4  ✗ figure mismatch")
    # Column 4, after "<p>": the suffix made stdin HTML (stdin is Markdown by default).
    document = json.loads(
        factcheck(
            "verify", "--db", str(CLAIMS), "--stdin-filename", "news/a.html", "-f", "json",
            input=html,
        ).stdout
    )  # fmt: skip
    assert [f["path"] for f in document["findings"]] == ["news/a.html"]


def test_verify_quiet_prints_only_what_needs_a_look():
    text = f"{EXACT}\n\n{WRONG}\n"
    loud = factcheck("verify", "--db", str(CLAIMS), input=text)
    quiet = factcheck("verify", "--db", str(CLAIMS), "--quiet", input=text)
    assert loud.returncode == quiet.returncode == 1
    assert "✓ supported" in loud.stdout and "1 supported" in loud.stdout
    assert quiet.stdout.startswith("<stdin>:3:1  ✗ figure mismatch")
    assert "supported" not in quiet.stdout.replace("unsupported", "")
    assert "sentences in" not in quiet.stdout
    clean = factcheck("verify", "--db", str(CLAIMS), "-q", input=EXACT)
    assert clean.returncode == 0 and clean.stdout == ""


def test_lint_quiet_prints_the_results_alone(tmp_path):
    (tmp_path / "bad.md").write_text(f"{WRONG}\n", encoding="utf-8")
    (tmp_path / "good.md").write_text(f"{EXACT}\n", encoding="utf-8")
    bad = factcheck("lint", "--db", str(CLAIMS), "--quiet", str(tmp_path / "bad.md"))
    assert bad.returncode == 1
    assert bad.stdout == (
        f"{tmp_path / 'bad.md'}:1:1: error FC001 figure mismatch: value 25 percent, "
        "source says 52 percent\n"
    )
    good = factcheck("lint", "--db", str(CLAIMS), "-q", str(tmp_path / "good.md"))
    assert good.returncode == 0 and good.stdout == ""


def test_list_rules_as_text_and_json_with_configured_severities(tmp_path):
    from factcheck.lint.linter import RULES

    text = factcheck("lint", "--list-rules", "--severity", "FC004=off")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert len(lines) == len(RULES)
    assert lines[0].split()[:3] == ["FC001", "figure-mismatch", "error"]
    assert lines[3].split()[:3] == ["FC004", "unsupported", "off"]
    document = json.loads(factcheck("lint", "--list-rules", "--format", "json").stdout)
    assert [r["id"] for r in document] == [r.id for r in RULES]
    assert set(document[0]) == {"id", "name", "title", "help", "default_severity", "severity"}
    sarif = factcheck("lint", "--list-rules", "--format", "sarif")
    assert sarif.returncode == 2 and "--list-rules prints text or json" in sarif.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_script_is_shown(shell):
    # typer finds the shell among the process's ancestors (shellingham), which a test run
    # started outside a shell lacks; its own tests' switch makes the shell an argument.
    env = {"SHELL": f"/bin/{shell}", "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    result = factcheck("--show-completion", shell, env=env)
    assert result.returncode == 0, result.stderr
    assert "_FACTCHECK_COMPLETE" in result.stdout


def test_shell_completion_completes_commands_and_options():
    env = {"_FACTCHECK_COMPLETE": "complete_bash", "COMP_CWORD": "1", "COMP_WORDS": "factcheck ve"}
    assert factcheck(env=env).stdout.split() == ["verify"]
    env = {**env, "COMP_CWORD": "2", "COMP_WORDS": "factcheck lint --list-r"}
    assert factcheck(env=env).stdout.split() == ["--list-rules"]


def test_install_completion_is_offered_in_the_help():
    result = factcheck("--help", env={"COLUMNS": "120"})
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout
