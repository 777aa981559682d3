"""Lint results as text: ``path:line:col: severity FCnnn message``, grouped by file.

Uses rich (like render/terminal.py) for colour on a terminal; off a terminal,
or with ``NO_COLOR``, the same lines come out plain.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from factcheck.lint import LintReport, LintResult, Severity
from factcheck.render.terminal import make_console

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def result_line(result: LintResult) -> Text:
    line = Text()
    line.append(f"{result.path}:{result.line}:{result.column}:", style="bold")
    line.append(" ")
    line.append(result.severity.value, style=STYLES[result.severity])
    line.append(f" {result.rule.id} ", style="dim")
    line.append(result.message)
    return line


def summary_line(report: LintReport) -> Text:
    counts = report.counts()
    problems = sum(counts.values())
    files = len(report.files)
    sentences = sum(f.sentences for f in report.files)
    with_problems = sum(1 for f in report.files if f.results)
    text = Text()
    if problems:
        text.append("✗ ", style="bold red" if report.exit_code() else "bold yellow")
        detail = ", ".join(
            f"{counts[s.value]} {s.value}{'s' if counts[s.value] != 1 and s != 'info' else ''}"
            for s in Severity
            if counts[s.value]
        )
        text.append(f"{problems} problem{'s' if problems != 1 else ''} ({detail})", style="bold")
        text.append(f" in {with_problems} of {files} file{'s' if files != 1 else ''}")
    else:
        text.append("✓ ", style="bold green")
        text.append(f"no problems in {files} file{'s' if files != 1 else ''}", style="bold")
    text.append(f"; {sentences} sentences checked")
    if report.suppressed:
        text.append(f", {len(report.suppressed)} suppressed")
    return text


def print_report(console: Console, report: LintReport) -> None:
    """Each file's results, a blank line between files, then one summary line."""
    for file in report.files:
        if not file.results:
            continue
        for result in file.results:
            console.print(result_line(result))
        console.print()
    console.print(summary_line(report))


def render(report: LintReport) -> str:
    """Plain text, for ``--output FILE``."""
    buffer = io.StringIO()
    print_report(make_console(buffer, color=False), report)
    return buffer.getvalue()
