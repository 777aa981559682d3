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
# How large a document may unpack: python-docx holds every part in memory at once,
# and Word itself saves at most 32 MB of text (512 MB with pictures).
MAX_UNPACKED_BYTES = 128 * 2**20
# Apache POI's default ratio for Office zip bombs: a part may unpack to at most 100
# times its packed size, or to a MiB whatever its ratio (repeated XML packs tighter).
MAX_RATIO = 100
RATIO_GRACE_BYTES = 2**20


def is_docx(name: str) -> bool:
    return name.lower().endswith(DOCX_SUFFIXES)


def open_docx(data: bytes, name: str) -> Any:
    """The python-docx Document of a file's bytes; errors name the file."""
    try:
        import docx
    except ImportError:
        raise InputError("reading .docx needs python-docx", file=name, fix=INSTALL_FIX) from None
    from zipfile import BadZipFile, ZipFile

    try:
        _refuse_oversized(ZipFile(io.BytesIO(data)), name)
        document = docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except (BadZipFile, KeyError, ValueError) as error:
        raise InputError(
            f"not a Word document: {error}", file=name, fix="save it from Word as .docx"
        ) from None
    except Exception as error:  # lxml's XMLSyntaxError and python-docx's own errors
        raise InputError(
            f"cannot read the Word document: {error}", file=name, fix="save it again from Word"
        ) from None
    # python-docx opens a main part without <w:body>, or with another root element,
    # and fails on first use with an AttributeError.
    if getattr(document.element, "body", None) is None:
        raise InputError(
            "not a Word document body: the main part has no <w:document><w:body>",
            file=name,
            fix="save it again from Word",
        )
    return document


def _refuse_oversized(archive: Any, name: str) -> None:
    """Refuse a zip that would unpack too large, before python-docx inflates it.

    python-docx reads every part whole into memory, and lxml rejects an
    overlong text only after that: a 1 MB file holding a gigabyte of spaces
    took 2 GB and 9 s. The sizes are the ones the zip declares; ``zipfile``
    never inflates a member past its declared size, so they cannot lie.
    """
    total = 0
    for member in archive.infolist():
        total += member.file_size
        if member.file_size > max(RATIO_GRACE_BYTES, MAX_RATIO * member.compress_size):
            raise InputError(
                f"not a Word document: {member.filename} would unpack to "
                f"{_mib(member.file_size)}, {member.file_size // max(member.compress_size, 1):,} "
                f"times its packed size (a zip bomb)",
                file=name,
                fix="save it again from Word",
            )
        if total > MAX_UNPACKED_BYTES:
            raise InputError(
                f"the Word document would unpack to more than {_mib(MAX_UNPACKED_BYTES)}",
                file=name,
                fix="split it, or save it as .txt or .md",
            )


def _mib(size: int) -> str:
    """A size as the refusal message gives it, in whole MiB."""
    return f"{size / 2**20:,.0f} MiB"


def paragraphs(document: Any) -> Iterator[Any]:
    """Every paragraph, in document order, descending into table cells, each cell once.

    A row's cells are its ``<w:tc>`` elements, not python-docx's ``row.cells``,
    which repeats a cell once per grid column it spans (``gridSpan="999999999"``
    took 8 GB) and looks up the cell above a vertical merge's continuation
    (a ValueError on a table's first row). A continuation holds no text of its
    own: the merged cell's is in the cell where the merge starts.
    """
    from docx.table import Table, _Cell

    def walk(container: Any) -> Iterator[Any]:
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    for tc in row._tr.tc_lst:
                        if tc.vMerge != "continue":
                            yield from walk(_Cell(tc, block))
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
