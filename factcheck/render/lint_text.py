"""Lint results as text: ``path:line:col: severity FCnnn message``, grouped by file.

Written through render/terminal.py's printers: styled by rich on a terminal,
plain in a pipe, a CI log or ``--output``.
"""

from __future__ import annotations

import io

from factcheck.lint import LintReport, LintResult, Severity
from factcheck.render.terminal import PlainPrinter, Printer, Span

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
            f"{counts[s.value]} {s.value}{'s' if counts[s.value] != 1 and s != 'info' else ''}"
            for s in Severity
            if counts[s.value]
        )
        text.append((f"{problems} problem{'s' if problems != 1 else ''} ({detail})", "bold"))
        text.append(f" in {with_problems} of {files} file{'s' if files != 1 else ''}")
    else:
        text.append(("✓ ", "bold green"))
        text.append((f"no problems in {files} file{'s' if files != 1 else ''}", "bold"))
    text.append(f"; {sentences} sentences checked")
    if report.suppressed:
        text.append(f", {len(report.suppressed)} suppressed")
    return text


def print_report(out: Printer, report: LintReport) -> None:
    """Each file's results, a blank line between files, then one summary line."""
    for file in report.files:
        if not file.results:
            continue
        for result in file.results:
            out.line(*result_line(result))
        out.line()
    out.line(*summary_line(report))


def render(report: LintReport) -> str:
    """Plain text, for ``--output FILE``."""
    buffer = io.StringIO()
    print_report(PlainPrinter(buffer), report)
    return buffer.getvalue()
