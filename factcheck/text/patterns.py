"""Patterns compiled when first needed, and tried only on texts that could match.

Start-up counts (the tool runs in pipes, CI and editors), and a large
regular expression costs a millisecond or more to compile. A pattern for
phrases that few drafts have ("a report by X found", "on Tuesday") is
compiled the first time a sentence holds one of its words, and a sentence
without any of them skips the search altogether.

One habit keeps the patterns that do compile at start-up cheap: a character
class that mixes ASCII with other characters in more than two runs
(``[,;:.!?—–]``) is compiled into a 64 KiB bitmap, about 0.15 ms each. Give
such characters a class of their own in an alternation (``[,;:.!?]|[—–]``),
or match text whose curly quotes were straightened (``normalize.straight_quotes``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class LazyPattern:
    """A regular expression behind a cheap test: does the lower-cased text hold a word?"""

    def __init__(
        self, source: str, words: tuple[str, ...] | re.Pattern[str], flags: int = 0
    ) -> None:
        """``words``: substrings one of which the lower-cased text must hold, or, where a
        substring would be in nearly every sentence ("he " is in "the "), a small
        pattern the text must match: any text the pattern matches must match it."""
        self.source = source
        self.words = words
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled

    def may_match(self, text: str) -> bool:
        if isinstance(self.words, re.Pattern):
            return self.words.search(text) is not None
        return any(map(_lowered(text).__contains__, self.words))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text) if self.may_match(text) else iter(())

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled().search(text) if self.may_match(text) else None

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled().match(text) if self.may_match(text) else None

    def sub(self, replacement: str, text: str) -> str:
        return self.compiled().sub(replacement, text) if self.may_match(text) else text


_last_lowered = ("", "")


def _lowered(text: str) -> str:
    """``text.lower()``, kept for the last text: a sentence is tried against many patterns.

    One tuple, read and replaced whole, so that threads (the language server)
    never pair one text with another's lower case.
    """
    global _last_lowered
    last = _last_lowered
    if last[0] is not text:
        last = _last_lowered = (text, text.lower())
    return last[1]
