"""A progress bar for long batches: on a terminal only, never in a pipe."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO, TypeVar

T = TypeVar("T")

# Batches shorter than this finish before a bar is worth drawing.
MIN_ITEMS = 8


@contextmanager
def progress_bar(
    total: int, description: str, stream: IO[str] | None = None
) -> Iterator[Callable[[int, int], None] | None]:
    """A ``progress(done, total)`` callback drawing a bar on ``stream``, or None.

    None when the stream is not a terminal (CI logs and pipes stay clean)
    or the batch is short.
    """
    stream = stream or sys.stderr
    if total < MIN_ITEMS or not stream.isatty() or os.environ.get("TERM") == "dumb":
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(file=stream)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=total)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def gathered(events: Iterable[T]) -> Iterator[T]:
    """Every event at once (the progress bar is gone before the report is written), and
    an error that stopped them raised after them, so a report's writers still close its
    document (``verify`` and ``lint`` alike)."""
    from factcheck.errors import FactcheckError

    held: list[T] = []
    try:
        held.extend(events)
    except FactcheckError as error:
        stopped = error

        def replay() -> Iterator[T]:
            yield from held
            raise stopped

        return replay()
    return iter(held)
