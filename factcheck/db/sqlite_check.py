"""Whether a SQLite store is what factcheck wrote: its index and its pages.

A store is written only by factcheck, but it is a file: a disk can damage
it, and anyone can edit it with ``sqlite3``. A query checks what little of
the index it reads (``sqlite.StoredIndex``, with the rules here: a term's
count of claims, a run's shape, its claim numbers and weights); ``validate``
checks every row of it (``check_store``), with SQLite's own check of its
pages. A row's fields are the loader's to check, as a YAML record's are.
"""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path
from typing import Any


def frequency_problem(frequency: Any, size: int) -> str | None:
    """What is wrong with a term's count of claims (``terms.frequency``), if anything."""
    if type(frequency) is int and 0 < frequency <= size:
        return None
    return f"counted in {frequency!r} claims of {size:,}"


def run_problem(
    numbers: Any, weights: Any, size: int, lengths: tuple[int, int] | None = None
) -> str | None:
    """What is wrong with a run of postings, if anything: the whole run, or the
    part of it read (then ``lengths`` are the whole run's, in bytes).

    Claim numbers are 4-byte integers below the store's claim count, each
    with a 4-byte float weight, positive and finite (a BM25 impact).
    """
    if type(numbers) is not bytes or type(weights) is not bytes:
        return "numbers and weights must be blobs"
    numbers_length, weights_length = lengths or (len(numbers), len(weights))
    if numbers_length % 4 or numbers_length != weights_length:
        return f"{numbers_length} bytes of claim numbers for {weights_length} bytes of weights"
    claims, impacts = memoryview(numbers).cast("I"), memoryview(weights).cast("f")
    if claims and max(claims) >= size:
        return f"claim number {max(claims):,} of a store of {size:,} claims"
    if impacts and not (min(impacts) > 0 and math.isfinite(sum(impacts))):
        return "a weight that is not a positive number"
    return None


def check_store(path: Path) -> None:
    """Raise ``DatabaseError`` unless a store's pages and index are sound (``validate``).

    What a query checks of the little it reads (``StoredIndex``), checked of
    every row, with SQLite's own check of its pages: every term's count
    against its postings, every run's shape, claim numbers and weights, and
    every claim that has words to index found in the index. A store factcheck
    wrote passes; one edited or damaged outside it gets the first thing wrong.
    A row's own fields are the loader's to check (``read_claims``). One read
    transaction: a writer adding claims meanwhile must not make the counts
    read first disagree with the postings read after (it waits for the check).
    """
    from factcheck.db.sqlite import damaged, length_total, open_existing, table_name

    connection = open_existing(path)
    try:
        connection.execute("BEGIN")
        (verdict,) = connection.execute("PRAGMA quick_check(1)").fetchone()
        if verdict != "ok":  # "*** in database main ***\nOn tree page 5 cell 2: …"
            lines = [line for line in verdict.splitlines() if not line.startswith("***")]
            raise damaged(" ".join(lines) or verdict, str(path))
        (size, count) = connection.execute(
            "SELECT coalesce(max(number), -1) + 1, count(*) FROM claims"
        ).fetchone()
        if size != count:
            raise damaged(
                f"{count:,} claims numbered up to {size - 1:,}: claims are numbered without gaps",
                table_name(path, "claims"),
            )
        length_total(connection, path)
        for term, frequency in connection.execute("SELECT term, frequency FROM terms"):
            problem = frequency_problem(frequency, size)
            if problem:
                raise damaged(f"term {term!r}: {problem}", table_name(path, "terms"))
        indexed: set[int] = set()
        for term, run, numbers, weights in connection.execute(
            "SELECT term, run, numbers, weights FROM postings"
        ):
            problem = run_problem(numbers, weights, size)
            if problem:
                raise damaged(f"term {term!r}, run {run}: {problem}", table_name(path, "postings"))
            indexed.update(memoryview(numbers).cast("I"))
        mismatch = connection.execute(
            "SELECT term, frequency, (SELECT sum(length(numbers)) / 4 FROM postings "
            "WHERE postings.term = terms.term) AS held FROM terms WHERE held IS NOT frequency "
            "UNION ALL SELECT term, 0, sum(length(numbers)) / 4 FROM postings "
            "WHERE term NOT IN (SELECT term FROM terms) GROUP BY term LIMIT 1"
        ).fetchone()
        if mismatch is not None:
            term, frequency, held = mismatch
            raise damaged(
                f"term {term!r} has {held or 0:,} postings where terms counts {frequency:,} claims",
                table_name(path, "postings"),
            )
        if len(indexed) < size:
            _check_unindexed(connection, path, indexed)
    finally:
        connection.close()


def _check_unindexed(connection: sqlite3.Connection, path: Path, indexed: set[int]) -> None:
    """A claim the index does not hold is damage, unless it has no word to index."""
    from factcheck.check.index import index_terms
    from factcheck.db.sqlite import damaged, indexed_text, table_name

    for number, claim, passage, title in connection.execute(
        "SELECT number, claim, passage, title FROM claims ORDER BY number"
    ):
        if number in indexed:
            continue
        if index_terms(indexed_text({"claim": claim, "passage": passage, "title": title})):
            raise damaged(
                f"claim number {number:,} is missing from the index",
                table_name(path, "postings"),
            )
