"""Quotations: find quoted spans in a draft and diff them against a claim's quote.

Only typography and the two journalistic conventions are forgiven: an
ellipsis for omitted words and square brackets for inserted or replaced
words. Everything else that differs is a misquote, shown as a word diff.
"""

# Not `from __future__ import annotations`: see factcheck/model.py (start-up).

import difflib
import functools
import re
from itertools import repeat
from typing import NamedTuple

from factcheck.model import DiffOp
from factcheck.text.normalize import normalize

# Quotes shorter than this many words are scare quotes or titles, not quotations.
MIN_QUOTE_WORDS = 3
_OPEN = {"“": "”", '"': '"', "«": "»", "„": "“"}
_WORD = re.compile(r"\[[^\]]*\]|\.\.\.|[\w'’]+(?:[.,][0-9]+)*")


class QuoteSpan(NamedTuple):
    """Quoted words in a text; offsets exclude the quotation marks."""

    text: str
    start: int
    end: int

    @property
    def word_count(self) -> int:
        return len(quote_words(self.text))


def find_quotes(text: str) -> list[QuoteSpan]:
    """Double-quoted spans, curly or straight, in order; single quotes nest inside
    (and quote on their own where no double marks do: ``_SINGLE``).

    An opening mark without a closing one runs to the end of the text, as
    a quotation continued into the next paragraph does in news style.
    """
    spans = []
    length = len(text)
    position = _next_opening(text, 0)
    while 0 <= position < length:
        char = text[position]
        closing = _OPEN[char]
        end = text.find(closing, position + 1)
        if char == '"' and end < 0:
            end = length
        elif char != '"':
            # A curly quote may be closed by a straight one in mixed typography.
            straight = text.find('"', position + 1)
            if end < 0 or (0 <= straight < end):
                end = straight if straight >= 0 else (end if end >= 0 else length)
        inner_start, inner_end = position + 1, end
        if text[inner_start:inner_end].strip():
            spans.append(QuoteSpan(text[inner_start:inner_end], inner_start, inner_end))
        position = _next_opening(text, end + 1)
    if not spans and ("‘" in text or "'" in text):
        spans = [QuoteSpan(m.group(1), m.start(1), m.end(1)) for m in _SINGLE.finditer(text)]
    return [s for s in spans if s.word_count >= MIN_QUOTE_WORDS]


# A quotation in single marks, as headlines write one ("Sessions: ‘We first take our stand
# …’"): read only where no double marks quote, opened by "‘" (or a straight mark before a
# capital, after a space or a colon) and closed by a mark no letter follows ("Sessions’
# reversal" has an apostrophe, not a closing mark, and opens nothing).
# At most ``_SINGLE_CHARS`` inside, so a text of openers is read in linear time; "‘90s"
# opens nothing.
_SINGLE_CHARS = 300
_SINGLE = re.compile(
    r"(?:‘(?!\d)|(?:^|(?<=[\s:]))'(?=[A-Z]))"
    rf"((?:[^‘'’\n]|['’](?=\w)){{1,{_SINGLE_CHARS}}}?)['’](?!\w)"
)


def _next_opening(text: str, start: int) -> int:
    """Where the next opening mark is at or after ``start``, -1 if none: found by
    ``str.find`` (most sentences quote no one), not by a walk over every character."""
    found = [at for at in map(text.find, _OPEN, repeat(start)) if at >= 0]
    return min(found, default=-1)


def quote_words(text: str) -> list[str]:
    """Words of a quotation, normalized; "..." and "[...]" kept as markers."""
    return list(_quote_words(text))


@functools.lru_cache(maxsize=2048)
def _quote_words(text: str) -> tuple[str, ...]:
    """Kept for the last texts: a claim's quotation is compared with many quotes.

    Letters bracketed inside a word are the word's own, recased or inflected
    by the editor ("[T]he", "immigrant[s]"): read as written plainly.
    """
    plain = _ATTACHED.sub(lambda m: m[1] or m[2], normalize(text))
    return tuple(w.replace("’", "'") for w in _WORD.findall(plain))


_ATTACHED = re.compile(r"\[(\w{1,3})\](?=\w)|(?<=\w)\[(\w{1,3})\]")


def diff_quote(found: str, expected: str) -> list[DiffOp]:
    """Word differences between a draft's quote and the source's, [] if faithful.

    The draft may quote part of the source (a partial quote of exact words is
    fine), leave words out where it puts an ellipsis, and put its own words in
    square brackets; the diff aligns against the best-matching window.
    """
    found_words = quote_words(found)
    source_words = [w for w in quote_words(expected) if w != "..."]
    if not found_words or _verbatim(found_words, source_words):
        return []
    return _diff(found_words, source_words)


def _verbatim(words: list[str], source: list[str]) -> bool:
    """Whether a quote is a run of the source's words as they stand, which aligns
    with no difference (``_diff``): told by a substring test, not by difflib. Only
    for a quote without ellipses or brackets, and words without spaces."""
    if any(w == "..." or w.startswith("[") or " " in w for w in (*words, *source)):
        return False
    return f" {' '.join(words)} " in f" {' '.join(source)} "


def _diff(words: list[str], source: list[str]) -> list[DiffOp]:
    """``diff_quote`` of a quote's words against the source's, piece by piece."""
    ops: list[DiffOp] = []
    cursor = 0
    for piece in _pieces(words):
        _start, end, piece_ops = _align(piece, source, cursor)
        ops.extend(piece_ops)
        cursor = max(cursor, end)
    return ops


def _pieces(words: list[str]) -> list[list[str]]:
    """Split a quote at ellipses; each piece must appear in order in the source."""
    pieces: list[list[str]] = [[]]
    for word in words:
        if word == "...":
            pieces.append([])
        else:
            pieces[-1].append(word)
    return [p for p in pieces if p]


def _align(piece: list[str], source: list[str], cursor: int) -> tuple[int, int, list[DiffOp]]:
    """Best window of the source (at or after ``cursor``) for a piece, and the diff.

    Words after an ellipsis must come later in the source than the words
    before it, so the window starts at the cursor: "where we first … we
    first take our stand" repeats two words an ellipsis cannot produce.
    Draft words before the source's first word or after its last are
    ``beyond`` the source: the release quoted less than the draft does.
    """
    plain = [w for w in piece if not w.startswith("[")]
    start, end = _best_window(plain, source, cursor)
    matcher = difflib.SequenceMatcher(a=piece, b=source[start:end], autojunk=False)
    opcodes = matcher.get_opcodes()
    ops = []
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        found, expected = " ".join(piece[i1:i2]), " ".join(source[start + j1 : start + j2])
        if tag == "equal" or _is_bracketed(piece[i1:i2]):
            continue
        outside = (number == 0 and start + j1 == 0) or (
            number == len(opcodes) - 1 and start + j2 == len(source)
        )
        if tag == "delete" and outside and len(opcodes) > 1 and _foreign(piece[i1:i2], source):
            ops.append(DiffOp("beyond", found, ""))
            continue
        op = {"insert": "delete", "delete": "insert"}.get(tag, tag)
        # difflib's "insert" means words only in the source: the draft deleted them.
        ops.append(DiffOp(op, found, expected))
    return start, end, ops


def _foreign(words: list[str], source: list[str]) -> bool:
    """Mostly words the source lacks: new words, not the source's words moved."""
    known = set(source)
    return sum(w not in known for w in words) * 2 >= len(words)


def _best_window(words: list[str], source: list[str], cursor: int) -> tuple[int, int]:
    """The source window at or after ``cursor``, anchored on the piece's matched words."""
    if not words:
        return cursor, cursor
    rest = source[cursor:]
    matcher = difflib.SequenceMatcher(a=words, b=rest, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return cursor, min(len(source), cursor + len(words))
    first, last = blocks[0], blocks[-1]
    start = max(0, first.b - first.a)
    end = min(len(rest), last.b + last.size + (len(words) - last.a - last.size))
    return cursor + start, cursor + max(end, start)


def beyond_source(ops: list[DiffOp]) -> tuple[list[DiffOp], list[str]]:
    """Split a diff into real differences and the draft's words beyond the source."""
    return [o for o in ops if o.op != "beyond"], [o.found for o in ops if o.op == "beyond"]


def _is_bracketed(words: list[str]) -> bool:
    return bool(words) and all(w.startswith("[") and w.endswith("]") for w in words)


def describe(ops: list[DiffOp]) -> str:
    """A short human summary of a quote diff."""
    parts = []
    for op in ops[:3]:
        if op.op == "replace":
            parts.append(f"“{op.found}” for “{op.expected}”")
        elif op.op == "insert":
            parts.append(f"added “{op.found}”")
        else:
            parts.append(f"dropped “{op.expected}”")
    more = f" and {len(ops) - 3} more" if len(ops) > 3 else ""
    return "; ".join(parts) + more
