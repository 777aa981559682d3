"""Lint results as GitHub Actions workflow commands (annotations on the diff).

GitHub shows only about ten annotations of each type per step, so the output
ends with a plain summary line that gives the full counts.
"""

from __future__ import annotations

from typing import IO

from factcheck.errors import FactcheckError
from factcheck.lint.linter import FileSummary, LintResult, LintTally, Place, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A message: ``%``, CR and LF would end or corrupt the command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: also ``:`` and ``,``, which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(result: LintResult) -> str:
    properties = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in (
            ("file", result.path),
            ("line", result.line),
            ("col", result.column),
            ("endLine", result.end_line),
            ("endColumn", result.end_column),
            ("title", f"{result.rule.id} {result.rule.name}"),
        )
    )
    return f"::{COMMANDS[result.severity]} {properties}::{escape_data(result.message)}"


def summary(tally: LintTally) -> str:
    counts = tally.counts()
    files = len(tally.files)
    parts = ", ".join(
        f"{counts[s.value]} {COMMANDS[s]}{'' if counts[s.value] == 1 else 's'}" for s in Severity
    )
    return (
        f"factcheck: {parts} in {files} file{'' if files == 1 else 's'}, "
        f"{tally.suppressed} suppressed (GitHub shows about 10 annotations of each "
        f"type per step; the log above lists them all)"
    )


class GithubWriter:
    """A command a line as each result is made, the summary line last."""

    def __init__(self, out: IO[str], tally: LintTally) -> None:
        self.out = out
        self.tally = tally

    def place(self, place: Place) -> None:
        for result in place.results:
            if result.suppressed is None:
                self.out.write(command(result) + "\n")

    def file(self, file: FileSummary) -> None:
        pass

    def finish(self, error: FactcheckError | None = None) -> None:
        if error is None:  # else the error's one line on stderr ends it
            self.out.write(summary(self.tally) + "\n")


writer = GithubWriter
