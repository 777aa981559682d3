"""Offsets into a draft ↔ protocol positions (line, character in the client's units).

The core counts characters (code points); the Language Server Protocol counts
UTF-16 code units unless the client negotiates UTF-8 or UTF-32, so an emoji
or any character outside the Basic Multilingual Plane is two units wide in
UTF-16 and four bytes in UTF-8. Lines end at LF (a CR before it belongs to
its line, as in ``text.document.Document.position``).
"""

from __future__ import annotations

import bisect
import re

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """How many code units ``text`` is in the position encoding."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


class LineIndex:
    """Where each line of a text starts, for conversions both ways."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def position(self, offset: int) -> tuple[int, int]:
        """0-based line and character (in code units) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return line, units(self.text[start:offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The character offset of a 0-based line and code-unit character.

        Past the end of a line is its end (before the line break), past the
        last line the end of the text, as the protocol asks.
        """
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[max(line, 0)]
        if line + 1 < len(self.starts):
            end = self.starts[line + 1] - 1
            if end > start and self.text[end - 1] == "\r":  # CRLF: the CR ends the line
                end -= 1
        else:
            end = len(self.text)
        if self.encoding == UTF32 or self.text[start:end].isascii():
            return min(start + max(character, 0), end)
        counted = 0
        for offset in range(start, end):
            if counted >= character:
                return offset
            counted += units(self.text[offset], self.encoding)
        return end

    def line_column_offset(self, line: int, column: int) -> int:
        """The offset of a 1-based line and 1-based column in characters (lint's)."""
        if line - 1 >= len(self.starts):
            return len(self.text)
        return min(self.starts[line - 1] + column - 1, len(self.text))
