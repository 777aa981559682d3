"""``factcheck search``: rank claims for free text, or for a file of queries.

``--queries FILE`` is how retrieval is measured on a benchmark: one query a
line (``id<TAB>text``, or just text, numbered by line), one JSON line out
per query, streamed, with the database and index loaded once. The file is
decoded by the drafts' reader, with ``--encoding`` and ``--errors`` as
``verify`` has them: benchmark query files come in Latin-1 too, and that
reader's hint on a bad byte names the two options.
"""

# No `from __future__ import annotations`: typer reads these signatures at run
# time and would have to eval every annotation written as a string.

import json
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path

import typer

from factcheck.cli.options import (
    DB_OPTION,
    ENCODING_OPTION,
    ERRORS_OPTION,
    stdout_console,
    stdout_is_a_terminal,
)


class SearchFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def search(
    query: str | None = typer.Argument(
        None,
        help="Text to find claims for (a sentence of a draft, a tweet...).",
        show_default=False,
    ),
    queries: Path | None = typer.Option(
        None,
        "--queries",
        "-q",
        help="A file of queries, one a line: 'id<TAB>text' or text; a first line "
        "'id<TAB>text' is a header. Prints one JSON line per query.",
        show_default=False,
    ),
    top_k: int = typer.Option(5, "--top-k", "-k", min=1, max=1000, help="How many claims."),
    output_format: SearchFormat | None = typer.Option(
        None,
        "--format",
        "-f",
        help="table, json or jsonl (default: table for a query, jsonl with --queries).",
        show_default=False,
    ),
    db: Path | None = DB_OPTION,
    encoding: str = ENCODING_OPTION,
    errors: str = ERRORS_OPTION,
) -> int:
    """Rank the database's claims for a text, best first, with 0-100 scores.

    A --queries file is decoded as verify decodes drafts: a byte-order mark
    decides, else --encoding; --errors replace or ignore reads past bad bytes.
    """
    from factcheck.cli.options import check_input_options, open_indexed
    from factcheck.errors import UsageError

    if (query is None) == (queries is None):
        raise UsageError(
            "give a QUERY or --queries FILE"
            if query is None
            else "give QUERY or --queries, not both",
            fix="e.g. factcheck search 'immigration prosecutions in 2016'",
        )
    if query is not None and not query.strip():
        raise UsageError("the query is empty", fix="pass some words to search for")
    check_input_options(errors=errors)
    if queries is None and (encoding, errors) != ("utf-8", "strict"):
        raise UsageError("--encoding and --errors are only used with --queries")
    pairs = (
        list(read_queries(queries, encoding, errors))
        if queries is not None
        else [(None, query or "")]
    )
    _, matcher = open_indexed(db)
    fmt = output_format or (SearchFormat.jsonl if queries is not None else SearchFormat.table)
    if fmt is SearchFormat.table:
        results = [(text, matcher.match(text, top_k)) for _, text in pairs]
        if not stdout_is_a_terminal():
            from factcheck.render.rows import search_rows

            sys.stdout.write(search_rows(results))
            return 0
        from factcheck.render.search import search_tables

        stdout_console().print(*search_tables(results))
        return 0
    from factcheck.render.json import query_line, search_result_dicts

    dicts: Iterable[dict]
    if queries is None:
        dicts = search_result_dicts(matcher.match(pairs[0][1], top_k))
    else:  # a generator: JSON Lines go out query by query
        dicts = (query_line(qid, matcher.match(text, top_k)) for qid, text in pairs)
    if fmt is SearchFormat.jsonl:
        for line in dicts:
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        return 0
    from factcheck.render.records import dump_json

    whole = {"query": query, "results": dicts} if queries is None else list(dicts)
    sys.stdout.write(dump_json(whole))
    return 0


def read_queries(path: Path, encoding: str, errors: str) -> Iterator[tuple[str, str]]:
    """(query id, text) per non-blank line; a line without a tab is its own text."""
    from factcheck.errors import UsageError
    from factcheck.text.document import read_document

    name = str(path)
    text = read_document(name, encoding=encoding, errors=errors).text
    count = 0
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        query_id, tab, rest = line.partition("\t")
        if not tab:
            query_id, rest = str(number), line
        elif count == 0 and query_id.strip().lower() in ("id", "query_id"):
            continue  # a header line
        if not rest.strip():
            raise UsageError(f"query {query_id!r} has no text", file=name, line=number)
        count += 1
        yield query_id.strip(), rest.strip()
    if not count:
        raise UsageError("no queries in the file", file=name, fix="one query a line")
