"""``factcheck verify``: check drafts sentence by sentence."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from factcheck.cli.options import DB_OPTION, ENCODING_OPTION, ERRORS_OPTION, OutputFormat, load


def verify(
    files: list[str] = typer.Argument(
        None,
        help="Drafts to check (text, Markdown or HTML); '-' or none reads stdin.",
        show_default=False,
    ),
    db: Path | None = DB_OPTION,
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", "-f", help="Output format."
    ),
    threshold: float = typer.Option(
        None,
        "--threshold",
        "-t",
        min=0,
        max=100,
        help="Lowest match score (0-100) that counts as a match.",
        show_default="62",
    ),
    show_all: bool = typer.Option(
        False, "--all", help="Also list sentences with nothing to check."
    ),
    strict: bool = typer.Option(False, "--strict", help="Unsupported sentences fail the run too."),
    input_format: str = typer.Option(
        "auto", "--input-format", help="auto (by extension), markdown, text or html."
    ),
    encoding: str = ENCODING_OPTION,
    errors: str = ERRORS_OPTION,
) -> int:
    """Check a draft's sentences against the claims database.

    Prints, for every checkable sentence, the verdict (supported,
    figure-mismatch, misquote, misattributed, unsupported), the matching
    source passage, its figures and attribution, and a citation. Exits 1 when
    a sentence gets a figure, quote or speaker wrong (or, with --strict, is
    unsupported), 2 on bad input.
    """
    from factcheck.checker import Checker, CheckOptions
    from factcheck.errors import UsageError
    from factcheck.matcher import DEFAULT_THRESHOLD
    from factcheck.model import Verdict
    from factcheck.text import STDIN_NAME, Document, decode, read_file

    if input_format not in ("auto", "markdown", "text", "html"):
        raise UsageError(
            f"unknown input format {input_format!r}", fix="use auto, markdown, text or html"
        )
    if errors not in ("strict", "replace", "ignore"):
        raise UsageError(f"unknown --errors policy {errors!r}", fix="use strict, replace or ignore")
    database = load(db)
    options = CheckOptions(
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        include_unchecked=show_all,
        input_format=input_format,
    )
    checker = Checker(database, options)
    results = []
    for name in files or ["-"]:
        if name == "-":
            path, data = STDIN_NAME, sys.stdin.buffer.read()
        else:
            path, data = name, read_file(name)
        text = decode(data, path, encoding, errors)
        if not text.strip():
            raise UsageError("input is empty", file=path, fix="pass a draft with some text")
        results.append(checker.check_document(Document.from_text(path, text)))
    findings = [f for r in results for f in r.findings]
    sentences = sum(r.sentences for r in results)
    _render(output_format, findings, len(results), sentences)
    failing = {Verdict.FIGURE_MISMATCH, Verdict.MISQUOTE, Verdict.MISATTRIBUTED}
    if strict:
        failing.add(Verdict.UNSUPPORTED)
    return 1 if any(f.verdict in failing for f in findings) else 0


def _render(output_format: OutputFormat, findings: list, files: int, sentences: int) -> None:
    """Write findings to stdout in the chosen format."""
    if output_format is OutputFormat.text:
        from factcheck.render.citations import cite
        from factcheck.render.terminal import make_console, render_finding, render_summary

        console = make_console(sys.stdout)
        for finding in findings:
            citation = cite(finding.claim, "apa") if finding.claim else None
            render_finding(console, finding, citation)
        render_summary(console, findings, files, sentences)
        return
    from factcheck.render.json import finding_dict, render_json, render_jsonl, summary

    dicts = [finding_dict(f) for f in findings]
    if output_format is OutputFormat.jsonl:
        sys.stdout.write(render_jsonl(dicts))
    else:
        sys.stdout.write(render_json(dicts, summary(findings, files, sentences)) + "\n")
