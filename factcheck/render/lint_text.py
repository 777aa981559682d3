"""Lint results as text: ``path:line:col: severity FCnnn message``, grouped by file.

Written through render/terminal.py's printers: styled by rich on a terminal,
plain in a pipe, a CI log or ``--output``.
"""

from __future__ import annotations

import io

from factcheck.lint.linter import LintReport, LintResult, Severity
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


def summary_line(report: LintReport) -> list[Span]:
    counts = report.counts()
    problems = sum(counts.values())
    files = len(report.files)
    sentences = sum(f.sentences for f in report.files)
    with_problems = sum(1 for f in report.files if f.results)
    text: list[Span] = []
    if problems:
        text.append(("✗ ", "bold red" if report.exit_code() else "bold yellow"))
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
    text.append(f"; {counted(sentences, 'sentence')} checked")
    if report.suppressed:
        text.append(f", {len(report.suppressed)} suppressed")
    return text


def print_report(out: Printer, report: LintReport, *, summary: bool = True) -> None:
    """Each file's results, a blank line between files, then one summary line
    (``--quiet``: the results alone, nothing at all when there are none)."""
    for file in report.files:
        if not file.results:
            continue
        for result in file.results:
            out.line(*result_line(result))
        if summary:
            out.line()
    if summary:
        out.line(*summary_line(report))


def render(report: LintReport) -> str:
    """Plain text, for ``--output FILE``."""
    buffer = io.StringIO()
    print_report(PlainPrinter(buffer), report)
    return buffer.getvalue()
