"""Word documents (.docx): their paragraphs as lines of text, read with python-docx.

Reporters' drafts are often .docx (Google Docs exports them too). A .docx is
a zip of XML, so it is not decoded like a text file: its paragraphs, in
document order and table cells included, become the lines of a text, so a
position is a paragraph number (empty paragraphs count) and a character in
that paragraph, which is how a reader finds it in Word. A line break inside
a paragraph reads as a space and a tab as a tab: the sentence runs on.

python-docx (and lxml under it) cost about 110 ms to import: only a run that
reads a .docx pays for it. It is the ``docx`` extra:
``pip install 'factcheck-claims[docx]'``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from factcheck.errors import InputError

DOCX_SUFFIXES = (".docx",)
INSTALL_FIX = "pip install 'factcheck-claims[docx]' (python-docx)"


def is_docx(name: str) -> bool:
    return name.lower().endswith(DOCX_SUFFIXES)


def open_docx(data: bytes, name: str) -> Any:
    """The python-docx Document of a file's bytes; errors name the file."""
    try:
        import docx
    except ImportError:
        raise InputError("reading .docx needs python-docx", file=name, fix=INSTALL_FIX) from None
    from zipfile import BadZipFile

    try:
        return docx.Document(io.BytesIO(data))
    except (BadZipFile, KeyError, ValueError) as error:
        raise InputError(
            f"not a Word document: {error}", file=name, fix="save it from Word as .docx"
        ) from None
    except Exception as error:  # lxml's XMLSyntaxError and python-docx's own errors
        raise InputError(
            f"cannot read the Word document: {error}", file=name, fix="save it again from Word"
        ) from None


def paragraphs(document: Any) -> Iterator[Any]:
    """Every paragraph, in document order, descending into table cells (once each:
    a merged cell appears in several rows' cells)."""
    from docx.table import Table

    seen: set[int] = set()

    def walk(container: Any) -> Iterator[Any]:
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row.cells:
                        if id(cell._tc) not in seen:
                            seen.add(id(cell._tc))
                            yield from walk(cell)
            else:
                yield block

    yield from walk(document)


def docx_text(data: bytes, name: str) -> str:
    """The document's paragraphs, one a line."""
    document = open_docx(data, name)
    return "\n".join(p.text.replace("\n", " ") for p in paragraphs(document))


def annotate_docx(data: bytes, name: str, notes: list[tuple[int, int, int, str]]) -> bytes:
    """A copy of the document with a Word comment (author "factcheck") on each
    sentence: ``notes`` are (paragraph number, first column, last column, text).

    Word comments, not footnotes: python-docx writes comments (1.2) but not
    footnotes, and a comment is how an editor flags a passage in Word. The
    comment spans the runs that hold the sentence, or the whole paragraph
    when its runs are not its text (fields, hyperlinks).
    """
    document = open_docx(data, name)
    numbered = list(paragraphs(document))
    for number, first, last, text in notes:
        paragraph = numbered[number - 1]
        runs = _runs_between(paragraph, first - 1, last - 1) or paragraph.runs
        if runs:
            document.add_comment(runs, text=text, author="factcheck", initials="FC")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _runs_between(paragraph: Any, start: int, end: int) -> list[Any]:
    """The runs covering characters ``start`` to ``end`` (exclusive) of the paragraph."""
    runs = paragraph.runs
    if "".join(r.text for r in runs).replace("\n", " ") != paragraph.text.replace("\n", " "):
        return []
    found, position = [], 0
    for run in runs:
        after = position + len(run.text)
        if after > start and position < end:
            found.append(run)
        position = after
    return found
