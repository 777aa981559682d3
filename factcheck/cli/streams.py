"""Standard streams a process was started without (``<&-``, ``>&-``, a bare service).

Python sets ``sys.stdin``, ``sys.stdout`` or ``sys.stderr`` to None when its
descriptor is closed at start-up, and every ``sys.stdout.write`` then fails
with an AttributeError: a crash (exit 70), or exit 1, the code of findings,
once stderr is gone too and the crash cannot be reported. ``reserve_streams``
turns each missing stream into the error it is (exit 2) before a command runs.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import BinaryIO

from factcheck.errors import InputError


class ClosedStdout(io.TextIOBase):
    """Stands in for a closed stdout: every write fails as a write to a closed
    descriptor does (EBADF), which the CLI reports as output it cannot write.

    ``buffer`` is the stand-in itself, so byte writers (``--annotate -o -``)
    fail the same way; ``encoding`` makes click write to it as it is.
    """

    encoding = "utf-8"

    @property
    def buffer(self) -> ClosedStdout:
        return self

    def write(self, data: object) -> int:
        raise closed_stdout_error()


def closed_stdout_error() -> OSError:
    return OSError(errno.EBADF, "standard output is closed")


def reserve_streams() -> None:
    """Put the null device on each closed standard descriptor and a stand-in in ``sys``.

    The null device keeps descriptors 0-2 taken, so no file the run opens
    later (the database, an output, the cache) becomes one of them, where a
    subprocess (``git check-ignore``) or a C library would read or write it
    as a standard stream. stdin stays None (``stdin_bytes`` reports it when a
    draft is to be read from it); stdout becomes ``ClosedStdout``; stderr
    writes to the null device, since an error has nowhere to go but the exit code.
    """
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stdout is None:
        sys.stdout = ClosedStdout()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (the process's)


def stdin_bytes(fix: str = "pipe the draft in, or name its file") -> BinaryIO:
    """Standard input's bytes, for a draft read from "-" (or the language server)."""
    if sys.stdin is None:
        from factcheck.text.document import STDIN_NAME

        raise InputError("standard input is closed", file=STDIN_NAME, fix=fix)
    return sys.stdin.buffer


def stdout_bytes() -> BinaryIO:
    """Standard output's bytes, for a writer that must not start without it (the
    language server answers the editor there)."""
    if isinstance(sys.stdout, ClosedStdout):
        raise closed_stdout_error()
    return sys.stdout.buffer
