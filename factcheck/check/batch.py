"""Check many documents, or one long one, on every core when the work is large enough to pay.

A worker process costs a fork (the parent's database and index are shared
copy-on-write, never pickled) and the pickling of each document's findings;
for a handful of short drafts that is slower than checking them in turn, so
the pool is used only for batches of at least ``POOL_MIN_DOCUMENTS``
documents and ``POOL_MIN_CHARS`` characters. A single document of at least
``POOL_MIN_CHARS`` (a long report, a whole book's chapter) is segmented here
and its sentences shared among the workers in slices (``check_one``). Where
``fork`` is unavailable (Windows, and macOS's default), everything is checked
in turn.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, BinaryIO, TypeVar

from factcheck.check.checker import Checker, DocumentResult
from factcheck.errors import WorkerError
from factcheck.model import Finding, Sentence, Verdict
from factcheck.text.document import STDIN_NAME, Document, read_input

T = TypeVar("T")

POOL_MIN_DOCUMENTS = 4
# About a second of checking against the bundled database (bench/scale.py
# measures the rate): below that, starting workers is not worth it.
POOL_MIN_CHARS = 50_000

# Sentences a worker checks per task when one document is shared out: enough that a
# task's pickled findings cost little beside its checking, few enough to keep both
# cores busy to the end of a chunk.
SLICE_SENTENCES = 200

Progress = Callable[[int, int], None]

# The checker the pool's forked workers inherit (set only while a pool runs).
_WORKER_CHECKER: Checker | None = None
# The document and sentences the workers share out (``check_one``; set while its pool runs).
_WORKER_SENTENCES: tuple[str, list[Sentence]] = ("", [])
# The documents a pool's workers check (``check_many``): inherited, not pickled, so that a
# task is a number (a killed worker can leave no big task half-sent to block the parent).
_WORKER_DOCUMENTS: Sequence[Document] = ()


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def pool_pays(documents: Sequence[Document], jobs: int) -> bool:
    """Whether a process pool will finish this batch sooner than one process."""
    if jobs < 2 or len(documents) < POOL_MIN_DOCUMENTS:
        return False
    return sum(len(d.text) for d in documents) >= POOL_MIN_CHARS and _can_fork()


def _can_fork() -> bool:
    import multiprocessing  # only for work big enough to consider a pool

    return "fork" in multiprocessing.get_all_start_methods()


def check_many(
    checker: Checker,
    documents: Sequence[Document],
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Iterator[DocumentResult]:
    """Each document's result, in the order given, as it is ready.

    ``jobs`` caps the worker processes (default: every usable core; 1 checks
    in this process). ``progress(done, total)`` is called in this process as
    documents finish, for a progress bar.
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    total = len(documents)
    if not pool_pays(documents, jobs):
        for number, document in enumerate(documents, 1):
            yield check_one(checker, document, jobs=jobs)
            if progress is not None:
                progress(number, total)
        return
    yield from _check_in_pool(checker, documents, min(jobs, total), progress)


def _check_in_pool(
    checker: Checker, documents: Sequence[Document], jobs: int, progress: Progress | None
) -> Iterator[DocumentResult]:
    global _WORKER_CHECKER, _WORKER_DOCUMENTS
    _WORKER_CHECKER, _WORKER_DOCUMENTS = checker, documents
    try:
        # Small chunks keep the cores busy to the end and the progress bar moving.
        chunk = max(1, len(documents) // (jobs * 8))
        results = _pooled(_check_one, range(len(documents)), jobs, chunk)
        for number, result in enumerate(results, 1):
            yield result
            if progress is not None:
                progress(number, len(documents))
    finally:
        _WORKER_CHECKER, _WORKER_DOCUMENTS = None, ()


def check_one(checker: Checker, document: Document, *, jobs: int | None = None) -> DocumentResult:
    """One document's result, its sentences shared among ``jobs`` workers when it is
    long enough to pay (``POOL_MIN_CHARS``); the same findings, in the same order,
    as ``checker.check_document``.

    The sentences are segmented here, then the pool is forked: each worker
    inherits them and is handed only a range to check, with the neighbours
    on both sides of each sentence it checks.
    """
    global _WORKER_CHECKER, _WORKER_SENTENCES
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs < 2 or len(document.text) < POOL_MIN_CHARS or not _can_fork():
        return checker.check_document(document)
    sentences = checker.sentences(document)
    count = len(sentences)
    slices = [range(s, min(s + SLICE_SENTENCES, count)) for s in range(0, count, SLICE_SENTENCES)]
    if len(slices) < 2:
        findings = checker.check_sentences(document.path, sentences, range(count))
    else:
        _WORKER_CHECKER, _WORKER_SENTENCES = checker, (document.path, sentences)
        try:
            parts = _pooled(_check_slice, slices, min(jobs, len(slices)))
            findings = [f for part in parts for f in part]
        finally:
            _WORKER_CHECKER, _WORKER_SENTENCES = None, ("", [])
    return DocumentResult(document.path, findings, count, not document.text.strip())


def _check_slice(numbers: range) -> list[Finding]:
    assert _WORKER_CHECKER is not None
    path, sentences = _WORKER_SENTENCES
    return _WORKER_CHECKER.check_sentences(path, sentences, numbers)


def _pooled(
    work: Callable[[Any], T], items: Sequence[Any], jobs: int, chunk: int = 1
) -> Iterator[T]:
    """``work`` of each item in ``jobs`` forked workers, the results in order as they
    are ready; a ``WorkerError`` once a worker has died.

    ``multiprocessing.Pool`` starts a new worker for one that was killed (by
    the kernel's out-of-memory killer, or by hand) but never hands on its
    task: the run would wait for it for ever. So the results are waited for
    ``_WATCH_SECONDS`` at a time, and the pool's workers counted between.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_quiet_worker) as pool:
        workers = {process.pid for process in multiprocessing.active_children()}
        results = pool.imap(work, items, chunksize=chunk)
        while True:
            try:
                yield results.next(timeout=_WATCH_SECONDS)
            except StopIteration:
                return
            except multiprocessing.TimeoutError:
                if not workers <= {p.pid for p in multiprocessing.active_children()}:
                    _stop_broken(pool)
                    raise WorkerError(
                        "a checking process ended before its work was done (killed, or out "
                        "of memory?)",
                        fix="run again; with less memory, check fewer files at once",
                    ) from None


# How often a pooled run counts its workers while it waits for results.
_WATCH_SECONDS = 0.5


def _stop_broken(pool: Any) -> None:
    """Stop a pool one of whose workers died, without waiting on it for ever.

    A worker killed while it held a lock of the pool's queues (an idle one
    waits for its next task holding the task queue's) never lets go, and
    ``Pool.terminate`` waits for those locks. So the workers are killed, the
    locks (``_inqueue._rlock``, ``_outqueue._wlock``: any process may release a
    multiprocessing lock) let go, and the pool terminated in a daemon thread
    given a few seconds: terminating runs once, and what is left of it is not
    waited for at exit.
    """
    import multiprocessing
    import threading

    for worker in multiprocessing.active_children():
        worker.kill()
    for queue, name in (
        (getattr(pool, "_inqueue", None), "_rlock"),
        (getattr(pool, "_outqueue", None), "_wlock"),
    ):
        lock = getattr(queue, name, None)
        if lock is not None and not lock.acquire(timeout=0.1):
            with contextlib.suppress(ValueError):  # released meanwhile
                lock.release()
        elif lock is not None:
            lock.release()
    stopping = threading.Thread(target=pool.terminate, daemon=True)
    stopping.start()
    stopping.join(timeout=5)


def _quiet_worker() -> None:
    """Workers leave Ctrl-C and errors to the parent: the terminal signals every
    process of the group, and each worker would print its own traceback (the
    parent's ``with Pool`` terminates them when its KeyboardInterrupt unwinds). A
    task's error is the parent's to report; what a worker could print beside it
    (a pool stopped around a dead worker) is noise, so its stderr goes nowhere."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (the worker's, for its life)


def _check_one(number: int) -> DocumentResult:
    assert _WORKER_CHECKER is not None
    return _WORKER_CHECKER.check_document(_WORKER_DOCUMENTS[number])


def check_inputs(
    checker: Checker,
    names: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    encoding: str = "utf-8",
    errors: str = "strict",
    jobs: int | None = None,
    progress: Progress | None = None,
    stdin_name: str | None = None,
) -> Iterator[DocumentResult]:
    """The results of the named inputs ("-" is ``stdin``, which the caller hands over,
    reported as ``stdin_name``), in order, a chunk of an input at a time.

    A caller writes each result as it comes, so memory does not grow with
    the draft: a single input is checked chunk by chunk as it is read;
    several are read first and checked with ``check_many``. ``RunTally``
    keeps what the summary needs.
    """
    read = functools.partial(
        read_input,
        stdin=stdin,
        encoding=encoding,
        errors=errors,
        stdin_name=stdin_name or STDIN_NAME,
        requested_format=checker.options.input_format,
    )
    if len(names) == 1:
        yield from (check_one(checker, document, jobs=jobs) for document in read(names[0]))
        return
    documents: list[Document] = []
    for name in names:
        documents.extend(read(name))
    yield from check_many(checker, documents, jobs=jobs, progress=progress)


class RunTally:
    """What a run's summary and exit code need, counted as results stream past."""

    def __init__(self, files: int) -> None:
        self.files = files
        self.sentences = 0
        self.verdicts: Counter[Verdict] = Counter()

    def count(self, result: DocumentResult) -> DocumentResult:
        """Count one result in, and hand it on."""
        self.sentences += result.sentences
        self.verdicts.update(finding.verdict for finding in result.findings)
        return result

    def findings(self, results: Iterable[DocumentResult]) -> Iterator[Finding]:
        """The findings of ``results``, counted as they pass."""
        for result in results:
            yield from self.count(result).findings
