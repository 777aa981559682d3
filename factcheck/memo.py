"""A function's answers kept in a table that fills itself, up to a limit.

The checker asks the same small questions again and again: a word's index
term, the speaker a name stands for, the claims holding a telling word, a
claim's figure candidates. Each is worked out once and kept; a table past
its limit starts again rather than grow without end (the language server
runs for days). Being a dict whose misses fill themselves, a table answers
``table[key]`` and ``map(table.__getitem__, keys)`` in C when the answer is
known, which is nearly always.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class Memo(dict[Hashable, Any]):
    """``compute(key)`` for each key asked, computed the first time and kept."""

    __slots__ = ("compute", "limit")

    def __init__(self, compute: Callable[[Any], Any], limit: int) -> None:
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, key: Hashable) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.compute(key)
        return value
