"""Errors the core raises and the exit codes the CLI turns them into."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit codes; the values are part of the CLI contract."""

    OK = 0
    FINDINGS = 1
    ERROR = 2
    INTERNAL = 70  # EX_SOFTWARE: a bug in factcheck, never a verdict on the input
    INTERRUPTED = 130


# What a run interrupted by Ctrl-C prints on stderr, from the console script's first
# line (``factcheck.__main__``) to the end of a command (``factcheck.cli``).
INTERRUPTED_LINE = "\nfactcheck: interrupted\n"


class FactcheckError(Exception):
    """An error a user can act on: what is wrong, where, and how to fix it.

    ``cli.main`` prints it as one line on stderr and exits with ``status``;
    the core never prints or exits itself.
    """

    status = ExitStatus.ERROR

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        fix: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.fix = fix

    def __str__(self) -> str:
        where = ""
        if self.file:
            # Line 0 is a place too: a SQLite store's first claim row (``FILE:claims:0``).
            where = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        fix = f" ({self.fix})" if self.fix else ""
        return f"{where}{self.message}{fix}"


class Interrupted(FactcheckError):
    """Ctrl-C, as the reason a machine-readable document ends early: the writers
    close it whole, saying so (its summary counts what was written), and the run
    still ends as interrupted (exit 130), the ``KeyboardInterrupt`` raised again."""

    def __init__(self) -> None:
        super().__init__("interrupted (Ctrl-C): the findings are those made before it")


def stop_reason(error: FactcheckError | KeyboardInterrupt) -> FactcheckError:
    """What a document that ends early says stopped it: the error, or ``Interrupted``."""
    return Interrupted() if isinstance(error, KeyboardInterrupt) else error


class DatabaseError(FactcheckError):
    """The claims database cannot be read or is invalid."""


class InputError(FactcheckError):
    """An input file or stream cannot be read as text."""


class UsageError(FactcheckError):
    """The arguments do not make sense together (unknown id, style, speaker...)."""


class CacheError(FactcheckError):
    """A cache entry turned out unusable in the middle of a run (it is deleted)."""


class WorkerError(FactcheckError):
    """A worker process of a pooled run ended before its work was done (killed, or out
    of memory): the run stops with what it wrote so far, never waits for it."""
