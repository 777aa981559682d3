"""``factcheck verify``: check drafts sentence by sentence."""

# No `from __future__ import annotations`: typer reads these signatures at run
# time and would have to eval every annotation written as a string.

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from factcheck.cli.options import (
    DB_OPTION,
    ENCODING_OPTION,
    ERRORS_OPTION,
    INPUT_FORMAT_OPTION,
    THRESHOLD_OPTION,
    OutputFormat,
    no_empty_paths,
)

if TYPE_CHECKING:
    from factcheck.check.batch import RunTally
    from factcheck.model import Finding


def verify(
    files: list[str] = typer.Argument(
        None,
        help="Drafts to check (text, Markdown or HTML); '-' or none reads stdin.",
        show_default=False,
        callback=no_empty_paths,
    ),
    db: Path | None = DB_OPTION,
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", "-f", help="Output format."
    ),
    threshold: float | None = THRESHOLD_OPTION,
    show_all: bool = typer.Option(
        False, "--all", help="Also list sentences with nothing to check."
    ),
    strict: bool = typer.Option(False, "--strict", help="Unsupported sentences fail the run too."),
    input_format: str = INPUT_FORMAT_OPTION,
    encoding: str = ENCODING_OPTION,
    errors: str = ERRORS_OPTION,
    cite_style: str | None = typer.Option(
        None,
        "--cite",
        help="Cite every supported finding in this style: apa, mla, chicago, bibtex, "
        "csl-json or markdown (default: apa in text output, none in JSON).",
        show_default=False,
    ),
    annotate: bool = typer.Option(
        False,
        "--annotate",
        help="Write a copy of the one draft with a footnote after each supported sentence "
        "and an 'unverified' comment after each problem (needs -o; the report is not printed).",
    ),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        help="With --annotate: where to write the copy ('-' for stdout); never the draft itself.",
        show_default=False,
    ),
    stdin_filename: str | None = typer.Option(
        None,
        "--stdin-filename",
        help="Read stdin, reporting it as NAME (its suffix sets the input format).",
        show_default=False,
    ),
    quiet: bool = typer.Option(
        False,
        "--quiet",
        "-q",
        help="Text output: only the sentences that need a look (not supported), no summary.",
    ),
    reviewer: str = typer.Option(
        "factcheck",
        "--reviewer",
        help="With --format claimreview: the desk publishing the reviews (their author).",
    ),
) -> int:
    """Check a draft's sentences against the claims database.

    Prints, for every checkable sentence, the verdict (supported, debunked,
    figure-mismatch, misquote, misattributed, unsupported), the matching
    source passage, its figures and attribution, and a citation. Exits 1 when
    a sentence repeats a claim rated false, or gets a figure, quote or
    speaker wrong (or, with --strict, is unsupported), 2 on bad input.
    """
    from factcheck.check.checker import Checker, CheckOptions, fails_run
    from factcheck.check.matcher import DEFAULT_THRESHOLD
    from factcheck.cli.options import check_input_options
    from factcheck.errors import UsageError

    check_input_options(input_format, errors)
    if cite_style is not None:
        from factcheck.render.citations import check_style

        cite_style = check_style(cite_style)
    if annotate:
        from factcheck.cli.annotate import check_annotate_options

        check_annotate_options(files, output, errors, input_format, cite_style or "markdown")
    elif output is not None:
        raise UsageError("-o is only used with --annotate", fix="add --annotate")
    if reviewer != "factcheck" and output_format is not OutputFormat.claimreview:
        raise UsageError("--reviewer is only used with --format claimreview")
    from factcheck.check.batch import RunTally, check_inputs
    from factcheck.cli.options import open_indexed
    from factcheck.cli.streams import stdin_bytes
    from factcheck.render.progress import gathered, progress_bar

    database, matcher = open_indexed(db)
    options = CheckOptions(
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        include_unchecked=show_all,
        input_format=input_format,
    )
    checker = Checker(database, options, matcher)
    names = files or ["-"]
    tally = RunTally(len(names))
    with progress_bar(len(names), "checking") as progress:
        results = check_inputs(
            checker, names, stdin=stdin_bytes() if "-" in names else None,
            encoding=encoding, errors=errors, progress=progress, stdin_name=stdin_filename,
        )  # fmt: skip
        if progress is not None:  # a bar on the terminal: the report follows it
            results = gathered(results)
    if annotate:
        from factcheck.cli.annotate import write_annotated

        findings = list(tally.findings(results))
        note = write_annotated(files[0], output, findings, encoding, cite_style or "markdown")
        sys.stderr.write(note)
    else:
        _render(output_format, tally.findings(results), tally, cite_style, quiet, reviewer)
    return 1 if fails_run(tally.verdicts, strict=strict) else 0


def _render(
    output_format: OutputFormat,
    findings: "Iterator[Finding]",
    tally: "RunTally",
    cite_style: str | None,
    quiet: bool = False,
    reviewer: str = "factcheck",
) -> None:
    """Write findings to stdout in the chosen format as they are made, the summary
    last; JSON cites supported ones with --cite."""
    if output_format is OutputFormat.claimreview:
        from factcheck.render.claimreview import write_claimreview

        write_claimreview(sys.stdout, findings, reviewer)
        return
    if output_format is OutputFormat.text:
        from factcheck.cli.options import stdout_printer
        from factcheck.model import Verdict
        from factcheck.render.citations import cite
        from factcheck.render.terminal import render_finding, render_summary

        out = stdout_printer()
        quiet_ones = (Verdict.SUPPORTED, Verdict.UNCHECKED)
        for finding in findings:
            if quiet and finding.verdict in quiet_ones:
                continue
            citation = cite(finding.claim, cite_style or "apa") if finding.claim else None
            render_finding(out, finding, citation)
        if not quiet:
            render_summary(out, tally.verdicts, tally.files, tally.sentences)
        return
    from factcheck.model import Verdict
    from factcheck.render.citations import cite
    from factcheck.render.json import FindingJson, summary, write_json, write_jsonl

    encode = FindingJson(line=output_format is OutputFormat.jsonl)
    dicts = (
        encode(f, cite(f.claim, cite_style))
        if cite_style and f.claim and f.verdict is Verdict.SUPPORTED
        else encode(f)
        for f in findings
    )
    if output_format is OutputFormat.jsonl:
        write_jsonl(sys.stdout, dicts)
    else:
        write_json(sys.stdout, dicts, lambda: summary(tally.verdicts, tally.files, tally.sentences))
