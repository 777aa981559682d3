"""Read inputs as text, find their prose, and split it into sentences.

Positions are carried, not recomputed: prose is found by *masking* markup
(replacing it with spaces of the same length), so every offset into the
masked text is an offset into the original input, and line:column comes from
one function, :meth:`Document.position`.
"""

# Not `from __future__ import annotations`: see factcheck/model.py (start-up).

import bisect
import codecs
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from factcheck.errors import InputError
from factcheck.model import Sentence
from factcheck.text.word import is_docx

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
HTML_SUFFIXES = (".html", ".htm")
BINARY_SNIFF_BYTES = 8192
STDIN_NAME = "<stdin>"
READ_BYTES = 1 << 20
# Large inputs are checked in chunks of about this many characters.
CHUNK_CHARS = 1 << 20


class Document(NamedTuple):
    """An input's text (or one chunk of a large input) with a line index.

    ``offset`` and ``first_line`` place a chunk in its whole input, so that
    positions stay those of the original file however it was read.
    """

    path: str
    text: str
    line_starts: list[int]
    offset: int = 0
    first_line: int = 1

    @classmethod
    def from_text(cls, path: str, text: str, offset: int = 0, first_line: int = 1) -> "Document":
        starts = [0]
        starts.extend(m.end() for m in re.finditer("\n", text))
        return cls(path, text, starts, offset, first_line)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of an offset into the input.

        A CR before LF belongs to its line, so CRLF files get the same
        columns as LF files.
        """
        local = offset - self.offset
        line = bisect.bisect_right(self.line_starts, local) - 1
        return line + self.first_line, local - self.line_starts[line] + 1


def sniff_encoding(head: bytes, name: str, encoding: str) -> str:
    """The codec for an input, from its first bytes; binary input is refused.

    A BOM decides the encoding (UTF-16 and UTF-32 drafts exist in the wild);
    otherwise ``encoding``. A NUL byte without a BOM means binary data.
    """
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return codec
    if b"\x00" in head[:BINARY_SNIFF_BYTES]:
        raise InputError("binary file, not text", file=name, fix="pass a text or Markdown file")
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", file=name) from None
    if codec in ("utf-16", "utf-32"):  # their decoders need a BOM, and there is none
        raise InputError(
            f"{encoding} without a byte-order mark",
            file=name,
            fix=f"pass --encoding {codec}-le or {codec}-be",
        )
    return encoding


def _decode_error(error: UnicodeDecodeError, name: str, byte: int, line: int) -> InputError:
    return InputError(
        f"invalid {error.encoding} at byte {byte} (line {line})",
        file=name,
        fix="pass --encoding, or --errors replace to check it anyway",
    )


def decode(data: bytes, name: str, encoding: str = "utf-8", errors: str = "strict") -> str:
    """Bytes to text, refusing binary data and naming the offset of bad bytes.

    A Word document (.docx) is not decoded but read: its paragraphs, one a line.
    """
    if is_docx(name):
        from factcheck.text.word import docx_text

        return docx_text(data, name)
    codec = sniff_encoding(data, name, encoding)
    try:
        text = data.decode(codec, errors)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _decode_error(error, name, error.start, line) from None
    except UnicodeError as error:
        raise _codec_error(error, name, codec) from None
    return text.lstrip("\ufeff")


def _codec_error(error: UnicodeError, name: str, codec: str) -> InputError:
    """A codec's error that names no byte ("punycode", "undefined" decode no draft)."""
    return InputError(f"cannot decode as {codec}: {error}", file=name, fix="try --encoding utf-8")


def decoded_blocks(
    name: str, stream: BinaryIO, encoding: str = "utf-8", errors: str = "strict"
) -> Iterator[str]:
    """Decode a byte stream block by block, with memory bounded by the block size.

    Errors name the byte offset and line in the whole stream, as ``decode`` does.
    A Word document is read whole (it is a zip) and given as one text.
    """
    if is_docx(name):
        yield decode(_read_all(stream, name), name)
        return
    block = _read(stream, name)
    decoder = codecs.getincrementaldecoder(sniff_encoding(block, name, encoding))(errors)
    consumed = lines = 0
    first = True
    while True:
        pending = len(decoder.getstate()[0])
        try:
            text = decoder.decode(block, final=not block)
        except UnicodeDecodeError as error:
            byte = consumed - pending + error.start
            line = lines + block[: max(error.start - pending, 0)].count(b"\n") + 1
            raise _decode_error(error, name, byte, line) from None
        except UnicodeError as error:
            raise _codec_error(error, name, encoding) from None
        if first:
            text, first = text.lstrip("\ufeff"), False
        if text:
            yield text
        if not block:
            return
        consumed += len(block)
        lines += block.count(b"\n")
        block = _read(stream, name)


def _read_all(stream: BinaryIO, name: str) -> bytes:
    try:
        return stream.read()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", file=name) from None


def _read(stream: BinaryIO, name: str) -> bytes:
    try:
        return stream.read(READ_BYTES)
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", file=name) from None


def iter_documents(
    name: str,
    stream: BinaryIO,
    encoding: str = "utf-8",
    errors: str = "strict",
    chunk_chars: int = CHUNK_CHARS,
) -> Iterator[Document]:
    """An input as Documents of about ``chunk_chars`` characters each.

    Large inputs are checked chunk by chunk so memory stays bounded (a few
    times ``chunk_chars`` plus the findings). A chunk ends only where the
    text after it reads the same on its own: at a blank line outside a fenced
    code block and an HTML comment, before a line that starts flush left (an
    indented one may continue a list item, or be code). Text with no such
    break within four chunks' worth is read whole from there on, as it was
    before chunks: no sentence, list item or comment is ever cut.
    """
    buffer = ""
    offset, line = 0, 1
    fence_open = comment_open = whole = False
    for text in decoded_blocks(name, stream, encoding, errors):
        buffer += text
        while not whole and len(buffer) >= chunk_chars:
            cut = _cut_point(buffer, chunk_chars, fence_open, comment_open)
            if cut is None:
                break
            if cut < 0:
                whole = True
                break
            piece, buffer = buffer[:cut], buffer[cut:]
            yield Document.from_text(name, piece, offset, line)
            fence_open = _fence_open_after(piece, fence_open)
            comment_open = _comment_open_after(piece, comment_open)
            offset, line = offset + len(piece), line + piece.count("\n")
    if buffer or offset == 0:
        yield Document.from_text(name, buffer, offset, line)


_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)
_COMMENT_MARK = re.compile(r"<!--|-->")


def _fence_open_after(text: str, fence_open: bool) -> bool:
    return fence_open ^ (len(_FENCE.findall(text)) % 2 == 1)


def _comment_open_after(text: str, comment_open: bool) -> bool:
    """Whether an HTML comment is open after ``text`` (comments do not nest)."""
    marks = _COMMENT_MARK.findall(text)
    return marks[-1] == "<!--" if marks else comment_open


def _cut_point(buffer: str, target: int, fence_open: bool, comment_open: bool) -> int | None:
    """Where to end a chunk near ``target``: a safe break (see ``iter_documents``).

    The last such break before ``target`` wins, else the first after it
    (within four chunks' worth); None asks for more text first, -1 says
    there is no safe break: read the rest whole.
    """
    end = 4 * target
    fences = [m.start() for m in _FENCE.finditer(buffer, 0, end)]
    marks = [(m.start(), m.group() == "<!--") for m in _COMMENT_MARK.finditer(buffer, 0, end)]
    starts = [at for at, _opens in marks]
    before = after = None
    for match in _BLANK_LINE.finditer(buffer, target // 2, end):
        at = match.end()
        if fence_open ^ (bisect.bisect_left(fences, match.start()) % 2 == 1):
            continue  # inside a fenced code block
        last = bisect.bisect_left(starts, match.start()) - 1
        if (marks[last][1] if last >= 0 else comment_open) or not buffer[at : at + 1].strip():
            continue  # inside an HTML comment, or what follows is indented or unread
        if at <= target:
            before = at
        else:
            after = at
            break
    if before is not None or after is not None:
        return before if before is not None else after
    return None if len(buffer) < end else -1


def open_file(path: str) -> BinaryIO:
    """Open an input file for reading, turning OS errors into one-line messages."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError("is a directory", file=path, fix="pass files, or use `factcheck lint`")
        return p.open("rb")
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except PermissionError:
        raise InputError("permission denied", file=path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", file=path) from None


def read_input(
    name: str,
    stdin: BinaryIO | None = None,
    *,
    encoding: str = "utf-8",
    errors: str = "strict",
    chunk_chars: int | None = CHUNK_CHARS,
    stdin_name: str = STDIN_NAME,
    requested_format: str = "auto",
) -> Iterator[Document]:
    """The one reader of drafts: a file, or ``stdin`` for "-", as Documents.

    Plain text and Markdown come in chunks (see ``iter_documents``); HTML
    (a blank line may sit inside any element) and Word come whole, as does
    anything with ``chunk_chars=None``. Standard input is whatever stream the
    caller hands over (the CLI's ``sys.stdin.buffer``): the core never reaches for it.
    """
    fmt = input_format(stdin_name if name == "-" else name, requested_format)
    chunked = chunk_chars is not None and fmt in ("text", "markdown")
    chunks = chunk_chars if chunked else sys.maxsize
    if name == "-":
        if stdin is None:
            raise InputError("no standard input to read", file=stdin_name)
        yield from iter_documents(shown_name(stdin_name), stdin, encoding, errors, chunks)
        return
    with open_file(name) as stream:
        yield from iter_documents(shown_name(name), stream, encoding, errors, chunks)


def shown_name(name: str) -> str:
    """A file name as reports write it: bytes of the name that are no UTF-8 (which
    Python keeps as lone surrogates) become U+FFFD, so that every report is UTF-8
    (SARIF and JUnit could not be written at all)."""
    if name.isascii():
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_document(
    name: str,
    stdin: BinaryIO | None = None,
    *,
    encoding: str = "utf-8",
    errors: str = "strict",
    stdin_name: str = STDIN_NAME,
) -> Document:
    """An input whole, as one Document (see ``read_input``)."""
    documents = read_input(
        name, stdin, encoding=encoding, errors=errors, chunk_chars=None, stdin_name=stdin_name
    )
    return next(documents)


def read_file(path: str) -> bytes:
    """An input file's bytes, for callers that need the whole text at once."""
    with open_file(path) as stream:
        try:
            return stream.read()
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror}", file=path) from None


def input_format(path: str, requested: str = "auto") -> str:
    """``markdown``, ``html``, ``docx`` or ``text``: by request, else by suffix.

    Standard input defaults to Markdown: plain prose reads the same through
    a Markdown parser, and drafts piped from editors usually are Markdown.
    """
    if requested != "auto":
        return requested
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if is_docx(path):
        return "docx"
    if suffix in MARKDOWN_SUFFIXES or path in ("-", STDIN_NAME):
        return "markdown"
    return "text"


# --- prose: mask everything that is not running text ------------------------------------


class Prose(NamedTuple):
    """Masked text (same length as the input) and its blocks as (start, end)."""

    text: str
    blocks: list[tuple[int, int]]


def find_prose(text: str, fmt: str, line_starts: list[int] | None = None) -> Prose:
    """The prose of a document, as masked text plus block boundaries.

    ``line_starts`` is the text's line index when the caller has one (a
    Document's): the parsers then need not build their own.
    """
    if fmt == "markdown" and _MARKDOWN_SYNTAX.search(text):
        from factcheck.text.markdown import markdown_prose

        return markdown_prose(text, line_starts)
    if fmt == "html":
        from factcheck.text.markdown import html_prose

        return html_prose(text, line_starts)
    if fmt == "docx":  # a paragraph a line (factcheck.text.word): each its own block
        return Prose(text, line_blocks(text))
    return Prose(text, paragraph_blocks(text, 0, len(text)))


def line_blocks(text: str) -> list[tuple[int, int]]:
    """Each non-blank line as a block."""
    blocks, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            blocks.append((position, position + len(line)))
        position += len(line) + 1
    return blocks


# Anything Markdown could read as markup. Prose without it parses to plain
# paragraphs, so the Markdown parser (and its import) is skipped for it.
_MARKDOWN_SYNTAX = re.compile(
    r"[`*_\[\]<>|#~\\&]|^(?: {0,3}(?:[-+=]|\d{1,9}[.)])| {4}|\t)", re.MULTILINE
)
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def paragraph_blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a region at blank lines into non-empty blocks."""
    blocks = []
    position = start
    for match in _BLANK_LINE.finditer(text, start, end):
        blocks.append((position, match.start()))
        position = match.end()
    blocks.append((position, end))
    return [(s, e) for s, e in blocks if text[s:e].strip()]


def mask(text: str, ranges: list[tuple[int, int]]) -> str:
    """Replace the given ranges by spaces, keeping line breaks (and so offsets)."""
    if not ranges:
        return text
    parts = []
    position = 0
    for start, end in sorted(ranges):
        start = max(start, position)
        if start >= end:
            continue
        parts.append(text[position:start])
        parts.append(re.sub(r"[^\r\n]", " ", text[start:end]))
        position = end
    parts.append(text[position:])
    return "".join(parts)


# --- sentences ----------------------------------------------------------------------------

# Titles, months, initialisms and the AP's state abbreviations (not those that are
# also words ending sentences: "ill", "miss", "wash", "mass").
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st jr sr gen gov govs sen sens rep reps rev hon lt col sgt capt cmdr adm
    pres supt atty
    inc corp co ltd llc bros dept univ assn est fig no nos vol pp approx vs etc al jan feb
    mar apr jun jul aug sep sept oct nov dec mt ft ave blvd rd e.g i.e a.m p.m u.s u.k u.n
    ala ariz ark calif colo conn fla kan ky md mich minn mont neb nev okla ore penn tenn
    tex vt wis wyo
    """.split()
)
# Words that, after an initialism such as "U.S.", show that a new sentence starts.
SENTENCE_STARTERS = frozenset(
    """
    the this that these those it its he she we they i in on at a an but and so yet
    """.split()
)
# Possessive, and only from the start of a run of marks: a backtracking
# `[.!?…]+` retried at every mark of "Word ....x" was quadratic (14 s at 50k).
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+(?=\s)")
_NOT_SPACE = re.compile(r"\S")
_FIRST_WORD = re.compile(r"[\w’']+")
_LONGEST_WORD = 40
_WORD_BEFORE = re.compile(r"([\w.’']+)$")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}$")
# Long unclosed quotes must not swallow a whole block: past this, quotes are ignored.
MAX_QUOTE_SPAN = 2000
# Longer "sentences" are run-on text (tables pasted as prose, minified HTML): cut them.
MAX_SENTENCE_CHARS = 2000


def segment(document: Document, prose: Prose) -> list[Sentence]:
    """Sentences of a document's prose, each with its original positions."""
    sentences = []
    for start, end in prose.blocks:
        for s, e in split_block(prose.text, start, end):
            sentences.append(make_sentence(document, prose.text, s, e))
    return sentences


def make_sentence(document: Document, masked: str, start: int, end: int) -> Sentence:
    """A Sentence for a span of a document: whitespace folded, character references
    read ("&ldquo;" is “ in Markdown and HTML alike, and in text pasted from either),
    input positions kept."""
    text = " ".join(masked[start:end].split())
    if "&" in text and ";" in text:
        text = _REFERENCE.sub(_character, text)
    start, end = start + document.offset, end + document.offset
    line, column = document.position(start)
    end_line, end_column = document.position(end)
    return Sentence(text, start, end, line, column, end_line, end_column)


# An HTML character reference, closed by its semicolon ("AT&T" and "&c" are text).
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _character(reference: re.Match[str]) -> str:
    """The character a reference stands for; an unknown one stays as written."""
    import html  # only a sentence with a reference needs its table

    return html.unescape(reference.group())


def split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one block into sentence spans, stripped of surrounding space."""
    spans = []
    position = start
    quote_open_at: int | None = None
    quote_scan = start
    single_close = _single_close(text, position, end)
    for match in _BOUNDARY.finditer(text, start, end):
        boundary = match.end()
        quote_open_at = _quote_state(text, quote_scan, boundary, quote_open_at)
        quote_scan = boundary
        if quote_open_at is not None and boundary - quote_open_at < MAX_QUOTE_SPAN:
            continue
        if single_close is not None and boundary <= single_close:
            continue
        if _is_boundary(text, position, match.start(), boundary, end):
            spans.append((position, boundary))
            position = boundary
            quote_open_at = None
            single_close = _single_close(text, position, end)
    spans.append((position, end))
    return [
        _strip(text, a, b) for s, e in spans for a, b in _bounded(text, s, e) if text[a:b].strip()
    ]


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run-on span into pieces of at most MAX_SENTENCE_CHARS, at spaces.

    No real sentence is this long; without the cut one pathological line
    (megabytes without a full stop) would be matched and parsed as a whole.
    """
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _single_close(text: str, start: int, end: int) -> int | None:
    """Where a quotation in single marks that opens a sentence closes, if one does.

    Headlines and some house styles quote in single marks ("'This is a new
    day. This is the Trump era,' Sessions declared"): the quotation's own
    full stops end no sentence. Only one that opens the sentence, before a
    capital, and closes within ``MAX_QUOTE_SPAN`` by a mark no letter
    follows (an apostrophe inside a word is no close): single marks are
    apostrophes too.
    """
    opening = _NOT_SPACE.search(text, start, end)
    if opening is None or text[opening.start()] not in "'‘":
        return None
    at = opening.start()
    if not text[at + 1 : at + 2].isupper():
        return None
    closing = _SINGLE_CLOSE.search(text, at + 2, min(end, at + MAX_QUOTE_SPAN))
    return closing.start() if closing else None


_SINGLE_CLOSE = re.compile(r"['’](?![^\W\d_])")


def _quote_state(text: str, start: int, end: int, open_at: int | None) -> int | None:
    """Track whether a double quotation is open between two offsets.

    Curly quotes say which way they face; a straight quote opens when none is
    open and closes otherwise. Single quotes are left alone: they are also
    apostrophes.
    """
    for index in range(start, end):
        char = text[index]
        if char == "“":
            open_at = index if open_at is None else open_at
        elif char == "”":
            open_at = None
        elif char == '"':
            open_at = index if open_at is None else None
    return open_at


def _is_boundary(text: str, sentence_start: int, mark: int, boundary: int, end: int) -> bool:
    """Whether the punctuation at ``mark`` really ends a sentence."""
    # Offsets, not a copy of the rest of the block: copying it at every period
    # was quadratic ("a. " * 400,000 took 38 s).
    next_char = _NOT_SPACE.search(text, boundary, end)
    if next_char is None:
        return True
    following = next_char.start()
    first = text[following]
    if first.islower() or first in ",;:":
        return False  # “…era,” Sessions said — or a quote followed by "said X"
    if text[mark] != ".":
        return True
    # Only the last few characters can hold an abbreviation; searching the whole
    # sentence would be quadratic in a run of digits (80,000 took 80 s).
    word_match = _WORD_BEFORE.search(text, max(sentence_start, mark - _LONGEST_WORD), mark)
    word = word_match.group(1) if word_match else ""
    bare = word.lower().strip(".'’")
    if bare in ABBREVIATIONS:
        return (
            bool(word.isupper() and _starts_sentence(text, following, end))
            if "." in word
            else False
        )
    if _INITIALISM.search(word + "."):
        return _starts_sentence(text, following, end)
    # A single capital is an initial ("Jeff B. Sessions"), not a sentence end.
    return not (len(word) == 1 and word.isupper())


def _starts_sentence(text: str, start: int, end: int) -> bool:
    first_word = _FIRST_WORD.match(text, start, end)
    return bool(first_word and first_word.group(0).lower() in SENTENCE_STARTERS)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
