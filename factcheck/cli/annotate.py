"""``factcheck verify --annotate``: the draft again, with footnotes and markers.

Kept apart from ``verify`` because it writes a file rather than a report:
these checks refuse any combination that could not give a faithful copy.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

from factcheck.cli.options import is_stdout

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def check_annotate_options(
    files: list[str] | None, output: str | None, errors: str, input_format: str, style: str
) -> None:
    """Refuse ``--annotate`` combinations that could not give a faithful copy."""
    from factcheck.atomic import same_file
    from factcheck.errors import UsageError
    from factcheck.text.document import input_format as format_of

    if style in ("bibtex", "csl-json"):
        raise UsageError(
            f"--cite {style} spans several lines and cannot be a footnote",
            fix="use apa, mla, chicago or markdown with --annotate",
        )
    if output is None:
        raise UsageError("--annotate needs -o OUT.md", fix="or -o - to print the copy")
    if not files or len(files) != 1 or files[0] == "-":
        raise UsageError(
            "--annotate takes exactly one draft file", fix="annotate drafts one by one"
        )
    if errors != "strict":
        raise UsageError(
            "--annotate needs --errors strict", fix="a copy with replaced bytes is not the draft"
        )
    if format_of(files[0], input_format) == "docx":
        if is_stdout(output):
            raise UsageError("a .docx copy is not for a terminal", fix="pass -o OUT.docx")
    elif format_of(files[0], input_format) == "html":
        raise UsageError("--annotate writes Markdown footnotes", file=files[0], fix="pass Markdown")
    if not is_stdout(output) and same_file(files[0], output):
        raise UsageError(
            "refusing to overwrite the draft with its annotated copy",
            file=output,
            fix="pass another -o path",
        )


def _write_docx(path: str, data: bytes, output: str, findings: list, citation) -> str:
    """A copy of a Word draft with a comment on each checked sentence."""
    from factcheck.atomic import replace_file
    from factcheck.errors import UsageError
    from factcheck.model import Verdict
    from factcheck.render.annotate import MARKED_VERDICTS
    from factcheck.text.word import annotate_docx

    notes = []
    cited = unverified = 0
    for f in findings:
        s = f.sentence
        if f.verdict is Verdict.SUPPORTED and f.claim is not None:
            notes.append((s.line, s.column, s.end_column, f"factcheck: {citation(f.claim)}"))
            cited += 1
        elif f.verdict in MARKED_VERDICTS:
            claim = f" [claim {f.claim.id}]" if f.claim else ""
            text = f"factcheck: unverified ({f.verdict.value}) {f.message}{claim}"
            notes.append((s.line, s.column, s.end_column, text))
            unverified += 1
    try:
        replace_file(Path(output), [annotate_docx(data, path, notes)])
    except OSError as error:
        raise UsageError(f"cannot write: {error.strerror}", file=output) from None
    return f"factcheck: wrote {output}: {cited} citation(s), {unverified} unverified comment(s)\n"


def write_annotated(path: str, output: str, findings: list, encoding: str, style: str) -> str:
    """Write the annotated copy of ``path``; return a one-line summary.

    The draft is read again as bytes so the copy keeps its byte order mark
    and encoding; characters the encoding lacks (curly quotes in a Latin-1
    draft) become HTML character references, which Markdown renders.
    """
    from factcheck.atomic import replace_file
    from factcheck.errors import UsageError
    from factcheck.render.annotate import annotate
    from factcheck.render.citations import cite as cite_claim
    from factcheck.text.document import decode, read_file
    from factcheck.text.document import input_format as format_of

    data = read_file(path)
    if format_of(path) == "docx":
        return _write_docx(path, data, output, findings, lambda claim: cite_claim(claim, style))
    annotated = annotate(
        decode(data, path, encoding), findings, lambda claim: cite_claim(claim, style)
    )
    bom, codec = next(((b, c) for b, c in _BOMS if data.startswith(b)), (b"", encoding))
    payload = bom + annotated.text.encode(codec, "xmlcharrefreplace")
    if is_stdout(output):
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
    else:
        try:
            replace_file(Path(output), [payload])
        except OSError as error:
            raise UsageError(f"cannot write: {error.strerror}", file=output) from None
    where = "stdout" if is_stdout(output) else output
    return (
        f"factcheck: wrote {where}: {annotated.footnotes} footnote(s), "
        f"{annotated.markers} unverified marker(s)\n"
    )
