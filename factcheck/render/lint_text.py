"""Lint results as text: ``path:line:col: severity FCnnn message``, grouped by file.

Written through render/terminal.py's printers: styled by rich on a terminal,
plain in a pipe, a CI log or ``--output``; a line as each result is made.
"""

from __future__ import annotations

from typing import IO

from factcheck.errors import FactcheckError
from factcheck.lint.linter import FileSummary, LintResult, LintTally, Place, Severity
from factcheck.render.terminal import PlainPrinter, Printer, Span, counted

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def result_line(result: LintResult) -> list[Span]:
    return [
        (f"{result.path}:{result.line}:{result.column}:", "bold"),
        " ",
        (result.severity.value, STYLES[result.severity]),
        (f" {result.rule.id} ", "dim"),
        result.message,
    ]


def summary_line(tally: LintTally) -> list[Span]:
    counts = tally.counts()
    problems = sum(counts.values())
    files = len(tally.files)
    with_problems = sum(1 for f in tally.files if f.results)
    text: list[Span] = []
    if problems:
        text.append(("✗ ", "bold red" if tally.exit_code() else "bold yellow"))
        detail = ", ".join(
            counted(counts[s.value], s.value) if s != "info" else f"{counts[s.value]} info"
            for s in Severity
            if counts[s.value]
        )
        text.append((f"{counted(problems, 'problem')} ({detail})", "bold"))
        text.append(f" in {with_problems} of {counted(files, 'file')}")
    else:
        text.append(("✓ ", "bold green"))
        text.append((f"no problems in {counted(files, 'file')}", "bold"))
    text.append(f"; {counted(tally.sentences, 'sentence')} checked")
    if tally.suppressed:
        text.append(f", {tally.suppressed} suppressed")
    return text


class TextWriter:
    """Each file's results, a blank line after a file that had some, then one
    summary line (``--quiet``: the results alone, nothing at all when there
    are none)."""

    def __init__(self, out: Printer, tally: LintTally, *, summary: bool = True) -> None:
        self.out = out
        self.tally = tally
        self.summary = summary
        self._shown = False  # a result of the current file is out

    def place(self, place: Place) -> None:
        for result in place.results:
            if result.suppressed is None:
                self.out.line(*result_line(result))
                self._shown = True

    def file(self, file: FileSummary) -> None:
        if self._shown and self.summary:
            self.out.line()
        self._shown = False

    def finish(self, error: FactcheckError | None = None) -> None:
        if self.summary and error is None:  # else the error's one line on stderr ends it
            self.out.line(*summary_line(self.tally))


def writer(out: IO[str], tally: LintTally) -> TextWriter:
    """Plain text, for ``--output FILE``."""
    return TextWriter(PlainPrinter(out), tally)
