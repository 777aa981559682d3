"""The SQLite store: a claims database of tables, with its retrieval index inside.

YAML suits a curated, reviewed database; a collection of a million imported
fact-checks wants a file that is read only where it is needed and written in
place. One SQLite file (the standard library's ``sqlite3``) holds:

- ``sources``, ``speakers`` and ``claims``: one column per record field (the
  records' own field names, so a field added to a record is a column here
  without a word in this module); lists and figures are JSON text. Rows are
  checked by the YAML loader's own rules (``database.Builder``), a problem
  named ``FILE:TABLE:ROW``; a claim's passage is NULL when it is the
  claim's own text (every imported claim), read back as that text;
- ``terms`` (each term's document frequency) and ``postings``: the
  impact-ordered postings of ``check.index``, one *run* per term and write.
  Adding claims adds a run for each of their terms instead of rebuilding the
  index; a term's runs are merged once there are ``MAX_RUNS`` of them.

Claims are read lazily, by claim number (``claims.number``, the index's
numbering): checking 100 sentences against a million claims reads the few
hundred candidates, not the table. Every write is one transaction that takes
the write lock first (``BEGIN IMMEDIATE``); a second writer waits up to
``BUSY_TIMEOUT`` seconds, and a writer killed midway leaves the previous
state (SQLite rolls its journal back on the next open). Reading opens a
store read-only and writes nothing, in it or beside it: a shared store may
sit on a read-only mount or in another user's folder.

What is read is checked as it is read (``sqlite_check``): a store damaged
or edited outside factcheck is an error naming the file, table and row or
term, never a crash.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import re
import sqlite3
from collections import ChainMap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any

from factcheck.check.index import PostingsBuilder, claim_fields
from factcheck.db.cache import NumberedClaims, batched
from factcheck.db.sqlite_check import frequency_problem, run_problem
from factcheck.errors import DatabaseError
from factcheck.model import Claim, Source, Speaker

FORMAT = 1  # the layout of the tables; ``meta.format``
BUSY_TIMEOUT = 120.0  # seconds a writer waits for another's transaction
MAX_RUNS = 8  # a term's runs before they are merged into one
_BATCH = 4096  # claims indexed together as they are written
_PAGE = 4096  # rows a whole table's read fetches a statement

_HIDDEN = ("location",)
TABLES: dict[str, tuple[str, ...]] = {
    "sources": tuple(f for f in Source._fields if f not in _HIDDEN),
    "speakers": tuple(f for f in Speaker._fields if f not in _HIDDEN),
    "claims": tuple(f for f in Claim._fields if f not in _HIDDEN),
}
# Fields held as JSON text: the lists, and a claim's figures.
_JSON = frozenset(
    f
    for kind in (Source, Speaker, Claim)
    for f, default in kind._field_defaults.items()
    if default == ()
) | {"figures"}

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE sources ({", ".join(f"{c}{' PRIMARY KEY' if c == 'id' else ''}" for c in TABLES["sources"])});
CREATE TABLE speakers ({", ".join(f"{c}{' PRIMARY KEY' if c == 'id' else ''}" for c in TABLES["speakers"])});
CREATE TABLE claims (number INTEGER PRIMARY KEY,
    {", ".join(f"{c}{' TEXT NOT NULL UNIQUE' if c == 'id' else ''}" for c in TABLES["claims"])});
CREATE INDEX claims_linked ON claims (number) WHERE same_as IS NOT NULL;
CREATE TABLE terms (term TEXT PRIMARY KEY, frequency INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE postings (term TEXT NOT NULL, run INTEGER NOT NULL, numbers BLOB NOT NULL,
    weights BLOB NOT NULL, PRIMARY KEY (term, run)) WITHOUT ROWID;
"""  # noqa: E501


# What SQLite says of a file that is not what its schema says: pages overwritten,
# a table dropped or a column changed outside factcheck. Trying again will not help.
_DAMAGE = frozenset(
    {
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_NOTADB,
        sqlite3.SQLITE_ERROR,  # no such table or column
        sqlite3.SQLITE_MISMATCH,
        sqlite3.SQLITE_FORMAT,
    }
)
REIMPORT = "re-import it into a new .sqlite file"


def damaged(what: str, where: str) -> DatabaseError:
    """A store whose content is not what factcheck wrote: what is wrong, and the cure."""
    return DatabaseError(f"store is damaged: {what}", file=where, fix=REIMPORT)


def store_error(error: sqlite3.Error, path: Path, doing: str = "read") -> DatabaseError:
    """SQLite's error as ours: damage as damage, anything else (a lock, the disk) as it is."""
    if _code(error) in _DAMAGE:
        return damaged(str(error), str(path))
    undecoded = _UNDECODED.match(str(error))
    if undecoded:  # Python's own error, which goes on to quote the bytes themselves
        return damaged(f"column {undecoded[1]} holds text that is not UTF-8", str(path))
    return DatabaseError(f"cannot {doing} SQLite database: {error}", file=str(path))


_UNDECODED = re.compile(r"Could not decode to UTF-8 column ('[^']*')")


def _code(error: sqlite3.Error) -> int:
    """SQLite's primary result code of an error (0 for one raised by Python's module)."""
    return (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF


def _not_ours(error: sqlite3.Error, path: Path) -> DatabaseError:
    """A file that is no SQLite database, or one without factcheck's ``meta`` table."""
    if _code(error) not in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_ERROR):
        return store_error(error, path)
    return DatabaseError(
        f"not a factcheck SQLite database ({error})",
        file=str(path),
        fix="create it with `factcheck import ... -o FILE.sqlite`",
    )


class _Reading(sqlite3.Connection):
    """A read-only connection whose every error names its store.

    SQLite meets a damaged page, or a table dropped by hand, on whichever
    read reaches it, deep inside a check of a draft: here any such error
    becomes one ``DatabaseError`` naming the store, never a crash.
    """

    path: Path

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> _Rows:  # type: ignore[override]
        try:
            return _Rows(super().execute(sql, parameters), self.path)
        except sqlite3.Error as error:
            raise store_error(error, self.path) from None


class _Rows:
    """A cursor's rows, read with its errors turned into ours (see ``_Reading``)."""

    def __init__(self, cursor: sqlite3.Cursor, path: Path) -> None:
        self._cursor = cursor
        self._path = path

    def __iter__(self) -> Iterator[Any]:
        try:
            yield from self._cursor
        except sqlite3.Error as error:
            raise store_error(error, self._path) from None

    def fetchone(self) -> Any:
        return next(iter(self), None)

    def fetchall(self) -> list[Any]:
        return list(self)


def connect(path: Path) -> sqlite3.Connection:
    """A connection to write with, that waits for other writers and leaves transactions to us."""
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    except sqlite3.Error as error:
        raise DatabaseError(f"cannot open SQLite database: {error}", file=str(path)) from None
    return connection


def _connect_to_read(path: Path) -> _Reading:
    """A read-only connection (``mode=ro``): reading writes nothing, in the store or beside it.

    A store at rest is in rollback-journal mode (``Writer`` leaves it so),
    which a read-only connection reads under shared locks and with no file of
    its own. One still in WAL mode (a writer at work, a store made before this
    was so) is read through the -wal and -shm files beside it, as SQLite must
    (it makes them when they are missing). Where they are missing and cannot
    be made, as on a read-only mount, no writer is at work: the store is
    opened ``immutable``, without locks, unless a -wal file there holds
    writes the store itself lacks; then it cannot be read in that place.
    """
    uri = path.absolute().as_uri()
    connection = _read_only(f"{uri}?mode=ro", path)
    try:
        connection.cursor().execute("PRAGMA schema_version")  # opens it, reads the header
    except sqlite3.DatabaseError as error:
        connection.close()
        if _code(error) != sqlite3.SQLITE_CANTOPEN:
            raise _not_ours(error, path) from None
        wal = Path(f"{path}-wal")
        if wal.is_file() and wal.stat().st_size:
            raise DatabaseError(
                f"cannot read SQLite database: {wal.name} holds writes the store lacks, "
                "and they cannot be read where the store cannot be written",
                file=str(path),
                fix="open it once where it can be written, or copy it from there",
            ) from None
        connection = _read_only(f"{uri}?mode=ro&immutable=1", path)
    return connection


def _read_only(uri: str, path: Path) -> _Reading:
    connection = sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None, factory=_Reading
    )
    connection.path = path
    return connection


def open_existing(path: Path) -> _Reading:
    """A read-only connection to a store that must exist, be ours and have all its tables."""
    from factcheck.db.database import regular_file

    regular_file(path)  # opening a FIFO would wait for a writer for good
    connection = _connect_to_read(path)
    try:
        _check_layout(connection, path)
    except BaseException:
        connection.close()
        raise
    return connection


def _check_layout(connection: sqlite3.Connection, path: Path) -> None:
    """A store's format, and every table and column of it this version reads.

    Checked on every open of a store, to read or to write: a table dropped or
    a column lost outside factcheck is an error naming it, not a failed query
    in the middle of a run.
    """
    try:  # a plain cursor: what is wrong here is said as "not a factcheck database"
        row = connection.cursor().execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.DatabaseError as error:
        raise _not_ours(error, path) from None
    if row is None or row[0] != FORMAT:
        raise DatabaseError(
            f"unsupported SQLite database format {row and row[0]!r}",
            file=str(path),
            fix=f"re-import it with factcheck (format {FORMAT})",
        )
    for table, columns in _layout().items():
        found = {r[1] for r in connection.execute(f"PRAGMA table_info({table})")}
        if not found:
            raise damaged(f"table {table} is missing", str(path))
        missing = [c for c in columns if c not in found]
        if missing:
            raise damaged(f"table {table} has no column {missing[0]!r}", str(path))


@cache
def _layout() -> dict[str, tuple[str, ...]]:
    """Each table's columns, as ``_SCHEMA`` makes them (read from it, not restated)."""
    made = sqlite3.connect(":memory:")
    made.executescript(_SCHEMA)
    tables = [r[0] for r in made.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    layout = {t: tuple(r[1] for r in made.execute(f"PRAGMA table_info({t})")) for t in tables}
    made.close()
    return layout


# --- reading ---------------------------------------------------------------------------------


def rows(connection: sqlite3.Connection, table: str, where: str = "", args: Sequence = ()):
    """(row id, Record) of a table, as the YAML loader's records: absent fields left out.

    JSON text that does not parse is left as text, for the loader's checks
    to report as a value of the wrong kind. A whole table is read ``_PAGE``
    rows a statement, each page fetched before its rows are used: a statement
    left open while they are (checked, or written to a slow pipe) would hold
    the shared lock that keeps a writer from starting (``_begin``).
    """
    from factcheck.db.database import Record

    columns = TABLES[table]
    key = "number" if table == "claims" else "rowid"
    query = f"SELECT {key}, {', '.join(columns)} FROM {table}"
    if where:
        pages: Iterable[list[Any]] = [
            connection.execute(f"{query} {where} ORDER BY {key}", args).fetchall()
        ]
    else:
        pages = _pages(connection, f"{query} WHERE {key} > ? ORDER BY {key} LIMIT {_PAGE}")
    for row_id, *values in chain.from_iterable(pages):
        record = Record()
        record.line = row_id
        record.key_lines = {}
        for column, value in zip(columns, values, strict=True):
            if value is None:
                continue
            if column in _JSON and isinstance(value, str):
                value = _from_json(value, row_id)
            elif column == "date" and isinstance(value, str):
                value = _date(value)
            record[column] = value
        if table == "claims" and "passage" not in record and "claim" in record:
            record["passage"] = record["claim"]  # written once (see ``Writer.add_claims``)
        yield row_id, record


def _pages(connection: sqlite3.Connection, query: str) -> Iterator[list[Any]]:
    """The rows of a query by row id, a page at a time (``query`` takes the last id)."""
    last: float = -math.inf
    while page := connection.execute(query, (last,)).fetchall():
        yield page
        last = page[-1][0]


def _from_json(text: str, line: int) -> Any:
    from factcheck.db.database import Record

    def mapping(pairs: list[tuple[str, Any]]) -> Record:
        record = Record(pairs)
        record.line = line
        record.key_lines = {}
        return record

    try:
        return json.loads(text, object_pairs_hook=mapping)
    except ValueError:
        return text


def _date(text: str) -> dt.date | str:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def table_name(path: Path, table: str) -> str:
    """How a problem names where a row is: ``FILE:TABLE`` (then ``:ROW``)."""
    return f"{path}:{table}"


def read_parts(path: Path, builder: Any) -> int:
    """Add a store's sources and speakers to a loader's builder (``database.Builder``);
    how many claims it had before they were read (for ``read_claims``)."""
    connection = open_existing(path)
    try:
        size = _size(connection)
        for _row, record in rows(connection, "sources"):
            _add_source(builder, path, record)
        for _row, record in rows(connection, "speakers"):
            builder.add_speaker(table_name(path, "speakers"), record)
    finally:
        connection.close()
    return size


def read_claims(path: Path, builder: Any, size: int) -> None:
    """Add a store's first ``size`` claims to a builder, after every file's sources and
    speakers.

    Rows are only ever added, each claim with its source and speaker: the
    claims there were before those were read name only sources and speakers
    read, whatever a writer adds meanwhile (tables are read a page at a time).
    """
    connection = open_existing(path)
    try:
        for number, record in rows(connection, "claims"):
            if number >= size:
                break
            builder.add_claim(table_name(path, "claims"), record)
    finally:
        connection.close()


def _size(connection: sqlite3.Connection) -> int:
    """How many claims a store has: they are numbered from 0 without gaps."""
    return connection.execute("SELECT coalesce(max(number), -1) + 1 FROM claims").fetchone()[0]


def _add_source(builder: Any, path: Path, record: Any) -> None:
    """Add a store's source row to a builder, its text (a column only a store has) checked."""
    where = table_name(path, "sources")
    text = record.pop("text", None)
    if text is not None and not isinstance(text, str):
        builder.problem(where, record.line, f"source {record.get('id')}: text must be text")
        text = None
    builder.add_source(where, path.parent, record, text)


class Store:
    """An open SQLite store: its sources and speakers, claims by number, its index."""

    def __init__(self, path: Path) -> None:
        from factcheck.db.database import Builder

        self.path = path
        self.connection = open_existing(path)
        # Counted first: these claims' speakers are among those read next,
        # whatever a writer adds meanwhile (see ``read_claims``).
        self.size = _size(self.connection)
        builder = Builder()
        for _row, record in rows(self.connection, "speakers"):
            builder.add_speaker(table_name(path, "speakers"), record)
        if builder.problems:
            _raise(builder.problems)
        # Speakers are all read: attribution knows every name. Sources are
        # read as claims name them (a feed has one per fact-check's URL).
        self.speakers = builder.speakers
        self.sources = StoredSources(self)
        self._check_index_present()

    def _check_index_present(self) -> None:
        """Refuse a store whose claims are there but whose index is not.

        Every sentence would match nothing, and a figure that contradicts a
        claim would pass as unsupported (exit 0). Rebuilding the index here
        would hide the damage, take as long as an import on every run and
        cannot be kept on a read-only store: the store is refused instead.
        (``validate`` checks the index through; this is what one query shows.)
        """
        if not self.size or not length_total(self.connection, self.path):
            return  # no claims, or none with a word to index
        for table in ("terms", "postings"):
            if self.connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None:
                raise damaged(
                    f"the index has no {table}, though the store has {self.size:,} claims",
                    table_name(self.path, table),
                )

    def claims(self, sources: Mapping[str, Source], speakers: dict[str, Speaker]) -> StoredClaims:
        """The claims, built when read; sources and speakers of every file resolve."""
        return StoredClaims(self, sources, speakers)

    def links(self) -> list[tuple[int, str, tuple[str, ...]]]:
        """(claim number, id, same_as) of the few claims that link to others."""
        found = self.connection.execute(
            "SELECT number, id, same_as FROM claims WHERE same_as IS NOT NULL"
        )
        links = []
        for number, claim_id, text in found:
            named = _from_json(text, number) if isinstance(text, str) else text
            if isinstance(named, str):  # one id, as the loader reads it (``Builder._list``)
                named = [named]
            if not isinstance(named, list) or not all(isinstance(n, str) for n in named):
                raise DatabaseError(
                    f"claim {claim_id}: same_as must be a list of text",
                    file=table_name(self.path, "claims"),
                    line=number,
                    fix="run factcheck validate",
                )
            if named:
                links.append((number, claim_id, tuple(named)))
        return links

    def number_of(self, claim_id: str) -> int | None:
        row = self.connection.execute(
            "SELECT number FROM claims WHERE id = ?", (claim_id,)
        ).fetchone()
        return None if row is None else row[0]

    def index(self) -> StoredIndex:
        return StoredIndex(self.connection, self.size, self.path)


class StoredSources(Mapping[str, Source]):
    """A store's sources by id, each read and checked when first asked for."""

    def __init__(self, store: Store) -> None:
        from factcheck.db.database import Builder

        self._store = store
        self._builder = Builder()

    def __getitem__(self, source_id: str) -> Source:
        source = self._builder.sources.get(source_id)
        if source is None:
            where = ("WHERE id = ?", (source_id,))
            found = list(rows(self._store.connection, "sources", *where))
            if not found:
                raise KeyError(source_id)
            _add_source(self._builder, self._store.path, found[0][1])
            if self._builder.problems:
                _raise(self._builder.problems)
            source = self._builder.sources[source_id]
        return source

    def __iter__(self) -> Iterator[str]:
        ids = self._store.connection.execute("SELECT id FROM sources ORDER BY rowid")
        return iter([row[0] for row in ids])

    def __len__(self) -> int:
        return self._store.connection.execute("SELECT count(*) FROM sources").fetchone()[0]


def _raise(problems: list[Any]) -> None:
    first = problems[0]
    raise DatabaseError(
        first.message, file=first.file, line=first.line, fix=first.fix or "run factcheck validate"
    )


class StoredClaims(NumberedClaims):
    """A store's claims: each read, checked and built when first asked for.

    A row is checked by the YAML loader's rules as it is built (a row edited
    by hand outside factcheck is an error naming its table and row, never a
    half-built claim).
    """

    def __init__(
        self, store: Store, sources: Mapping[str, Source], speakers: dict[str, Speaker]
    ) -> None:
        from factcheck.db.database import Builder

        self._store = store
        self._builder = Builder()
        self._builder.sources = sources
        self._builder.speakers = speakers
        self._built: dict[int, Claim] = {}
        self._name = table_name(store.path, "claims")

    def __len__(self) -> int:
        return self._store.size

    def claim(self, number: int) -> Claim:
        claim = self._built.get(number)
        if claim is None:
            found = list(rows(self._store.connection, "claims", "WHERE number = ?", (number,)))
            if not found:
                raise DatabaseError(
                    f"no claim numbered {number}",
                    file=self._name,
                    fix="claims are numbered from 0 without gaps: re-import the store",
                )
            claim = self._built[number] = self._build(found[0][1])
        return claim

    def __iter__(self) -> Iterator[Claim]:
        for number, record in rows(self._store.connection, "claims"):
            if number >= len(self):
                break  # added by a writer since the store was opened
            claim = self._built.get(number)
            yield claim if claim is not None else self._build(record)

    def find_number(self, claim_id: str) -> int | None:
        """The number of the claim with an id, through the table's unique index."""
        return self._store.number_of(claim_id)

    def find(self, claim_id: str) -> Claim | None:
        number = self._store.number_of(claim_id)
        return None if number is None else self[number]

    def _build(self, record: Any) -> Claim:
        builder = self._builder
        builder.add_claim(self._name, record)
        builder.claim_ids.clear()  # a claim is built once; ids are unique by the table
        if builder.problems:
            problems, builder.problems = builder.problems, []
            builder.claims.clear()
            _raise(problems)
        return builder.claims.pop()


class StoredIndex:
    """The postings tables as a ``check.index.Postings`` (``db.store`` searches
    it with every other part); frequencies are cached per term.

    What is read is checked as it is read (a count of claims, the runs'
    lengths, claim numbers and weights): a table edited or damaged outside
    factcheck is an error naming the term, never a crash or a silent miss.
    """

    def __init__(self, connection: sqlite3.Connection, size: int, path: Path) -> None:
        self.connection = connection
        self.size = size
        self.path = path
        self._frequency: dict[str, int] = {}

    def document_frequency(self, term: str) -> int:
        frequency = self._frequency.get(term)
        if frequency is None:
            row = self.connection.execute(
                "SELECT frequency FROM terms WHERE term = ?", (term,)
            ).fetchone()
            frequency = 0 if row is None else row[0]
            problem = frequency_problem(frequency, self.size) if row is not None else None
            if problem:
                raise damaged(f"term {term!r}: {problem}", table_name(self.path, "terms"))
            self._frequency[term] = frequency
        return frequency

    def top_postings(self, term: str, depth: int) -> list[tuple[memoryview, memoryview]]:
        found = self.connection.execute(
            "SELECT run, substr(numbers, 1, ?), substr(weights, 1, ?), length(numbers), "
            "length(weights) FROM postings WHERE term = ?",
            (depth * 4, depth * 4, term),
        )
        runs, held = [], 0
        for run, numbers, weights, numbers_length, weights_length in found:
            lengths = (numbers_length, weights_length)
            problem = run_problem(numbers, weights, self.size, lengths)
            if problem:
                raise damaged(
                    f"term {term!r}, run {run}: {problem}", table_name(self.path, "postings")
                )
            held += numbers_length // 4
            runs.append((memoryview(numbers).cast("I"), memoryview(weights).cast("f")))
        frequency = self.document_frequency(term)
        if held != frequency:
            raise damaged(
                f"term {term!r} has {held:,} postings where terms counts {frequency:,} claims",
                table_name(self.path, "postings"),
            )
        return runs


def length_total(connection: sqlite3.Connection, path: Path) -> float:
    """How many terms the claims have in all (``meta.length_total``: BM25's mean length)."""
    row = connection.execute("SELECT value FROM meta WHERE key = 'length_total'").fetchone()
    total = 0.0 if row is None else row[0]
    if type(total) not in (int, float) or not 0 <= total < math.inf:
        raise damaged(f"length_total is {total!r}, not a count of terms", table_name(path, "meta"))
    return total


# --- writing ---------------------------------------------------------------------------------


def _begin(path: Path) -> sqlite3.Connection:
    """A write transaction on a store, holding the write lock; the tables made when new.

    The tables are made inside the transaction, so a first import killed
    midway leaves no half-made store behind it, only an empty file. The
    transaction is written in WAL mode, so that readers never wait for it
    (``Writer`` leaves the store in rollback-journal mode again).
    """
    connection = connect(path)
    try:
        connection.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer
        connection.execute("PRAGMA synchronous = NORMAL")  # durable at commit, in WAL
        connection.execute("BEGIN IMMEDIATE")
        made = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
        if not made:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
    except sqlite3.DatabaseError as error:
        _close(connection)
        raise DatabaseError(
            f"cannot write SQLite database: {error}",
            file=str(path),
            fix="write to a new .sqlite file or one factcheck made",
        ) from None
    try:
        _check_layout(connection, path)
    except sqlite3.Error as error:
        _close(connection)
        raise store_error(error, path, "write") from None
    except BaseException:
        _close(connection)
        raise
    return connection


def _close(connection: sqlite3.Connection) -> None:
    """End a writer's connection: what it did not commit rolled back, and the store
    left in rollback-journal mode, which a read-only reader reads without a -wal
    or -shm file of its own (``_connect_to_read``).

    The switch is not waited for: a reader still on the WAL keeps it so until a
    later write (and a file that is no store, refused, stays as it is).
    """
    with contextlib.suppress(sqlite3.Error):
        connection.rollback()
        connection.execute("PRAGMA busy_timeout = 0")
        connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()


class Writer:
    """One write transaction: rows in, the index's new runs, commit or nothing.

    Use as a context manager; the transaction commits when the block ends
    without an error and rolls back otherwise.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection = _begin(path)
        try:
            count = _size(self.connection)
            self.source_ids = {r[0] for r in self.connection.execute("SELECT id FROM sources")}
            self.speaker_ids = {r[0] for r in self.connection.execute("SELECT id FROM speakers")}
        except sqlite3.Error as error:
            _close(self.connection)
            raise store_error(error, path, "write") from None
        self.postings = PostingsBuilder(first_number=count)
        self._claim_insert = _insert("claims", ("number", *TABLES["claims"]))

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        """Commit, or roll back on an error (``_close``); SQLite's own errors (a damaged
        page met while writing) become ours, naming the store."""
        try:
            if kind is None:
                self._write_index()
                self.connection.execute("COMMIT")
        except sqlite3.Error as failed:
            raise store_error(failed, self.path, "write") from None
        finally:
            _close(self.connection)
        if isinstance(error, sqlite3.Error):
            raise store_error(error, self.path, "write") from None

    def add_source(self, values: dict[str, Any]) -> None:
        self._add("sources", values)
        self.source_ids.add(values["id"])

    def add_speaker(self, values: dict[str, Any]) -> None:
        self._add("speakers", values)
        self.speaker_ids.add(values["id"])

    def add_claims(self, claims: Iterable[dict[str, Any]]) -> int:
        """Insert claims (plain values by field name); returns how many."""
        columns = TABLES["claims"]
        before = self.postings.next_number

        def prepared() -> Iterator[tuple[Any, ...]]:
            # Indexed a batch at a time: their terms are found together (``add_many``).
            for batch in batched(claims, _BATCH):
                first = self.postings.next_number
                self.postings.add_many([indexed_text(v) for v in batch])
                for number, values in enumerate(batch, first):
                    if values.get("passage") == values.get("claim"):
                        # An imported claim is its own passage: the text is stored once.
                        values = {**values, "passage": None}
                    row = (_column(c, values[c]) if c in values else None for c in columns)
                    yield (number, *row)

        try:
            self.connection.executemany(self._claim_insert, prepared())
        except sqlite3.IntegrityError as error:
            raise DatabaseError(
                f"cannot add claims: {error}",
                file=str(self.path),
                fix="claim ids must be new to the database",
            ) from None
        return self.postings.next_number - before

    def _add(self, table: str, values: dict[str, Any]) -> None:
        columns = TABLES[table]
        self.connection.execute(
            _insert(table, columns), tuple(_column(c, values.get(c)) for c in columns)
        )

    def _write_index(self) -> None:
        """The new claims' runs, term frequencies and size; merge terms with many runs."""
        builder = self.postings
        if not builder.lengths:
            return
        connection = self.connection
        total = length_total(connection, self.path) + sum(builder.lengths)
        count = builder.next_number
        # Earlier runs keep the weights they were given: BM25's mean length moves
        # little as a large collection grows, and re-weighting would rewrite it all.
        average = (total / count) or 1.0
        (run,) = connection.execute("SELECT coalesce(max(run), -1) + 1 FROM postings").fetchone()
        crowded = []
        for term, numbers, weights in builder.runs(average):
            connection.execute(
                "INSERT INTO postings VALUES (?, ?, ?, ?)", (term, run, numbers, weights)
            )
            connection.execute(
                "INSERT INTO terms VALUES (?, ?) ON CONFLICT (term) DO UPDATE "
                "SET frequency = frequency + excluded.frequency",
                (term, len(numbers) // 4),
            )
            if run >= MAX_RUNS - 1:
                crowded.append(term)
        for term in crowded:
            _merge_runs(connection, term, self.path, count)
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('length_total', ?)", (total,))


def _merge_runs(connection: sqlite3.Connection, term: str, path: Path, size: int) -> None:
    """One impact-ordered run for a term, from its several, when it has ``MAX_RUNS``
    (a damaged run is refused: merged, it would pass for a sound one)."""
    from array import array

    found = connection.execute(
        "SELECT run, numbers, weights FROM postings WHERE term = ?", (term,)
    ).fetchall()
    if len(found) < MAX_RUNS:
        return
    numbers, weights = array("I"), array("f")
    for run, n, w in found:
        problem = run_problem(n, w, size)
        if problem:
            raise damaged(f"term {term!r}, run {run}: {problem}", table_name(path, "postings"))
        numbers.frombytes(n)
        weights.frombytes(w)
    order = sorted(range(len(numbers)), key=lambda i: (-weights[i], numbers[i]))
    last = max(r for r, _n, _w in found)
    connection.execute("DELETE FROM postings WHERE term = ?", (term,))
    connection.execute(
        "INSERT INTO postings VALUES (?, ?, ?, ?)",
        (
            term,
            last,
            array("I", [numbers[i] for i in order]).tobytes(),
            array("f", [weights[i] for i in order]).tobytes(),
        ),
    )


def _insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _column(name: str, value: Any) -> Any:
    """A field's value as its column holds it: JSON for lists, ISO text for dates."""
    if value is None:
        return None
    if name in _JSON:
        return json.dumps(value, ensure_ascii=False) if value else None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def indexed_text(values: Mapping[str, Any]) -> str:
    """The text a claim is indexed by, from its plain values (to write, or a row's)."""
    return " ".join(t for t in claim_fields(_Fields(values)) if isinstance(t, str))


class _Fields:
    """Plain claim values read as the fields ``claim_fields`` looks at."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.claim = values.get("claim") or ""
        self.passage = values.get("passage") or ""
        self.title = values.get("title")


def add_candidates(
    candidates: Path, data: Any, into: Path
) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Add a reviewed candidates file's records to a store in one transaction.

    A store that does not exist yet is made. The records are checked by the
    YAML loader's rules beside the store's
    sources and speakers; an id the store has is refused (a speaker with the
    same id and name is reused), and nothing is written unless all is sound.
    Returns the ids added per table and the speakers reused.
    """
    from factcheck.db.database import Builder, Record

    if not into.exists():
        with Writer(into):  # a new store: its tables, empty
            pass
    store = Store(into)
    builder = Builder()
    added_sources: dict[str, Source] = {}
    # The store's sources are read only where the candidates name them.
    builder.sources = ChainMap(added_sources, store.sources)
    builder.speakers = dict(store.speakers)
    reused: list[str] = []
    if isinstance(data, Record) and isinstance(data.get("speakers"), list):
        kept = []
        for item in data["speakers"]:
            known = store.speakers.get(str(item.get("id"))) if isinstance(item, Record) else None
            if known is not None and known.name == item.get("name"):
                reused.append(known.id)
            else:
                kept.append(item)
        data["speakers"] = kept
    builder.add_file(candidates, data)
    database, problems = builder.finish((str(candidates),))
    for claim in database.claims:
        if store.number_of(claim.id) is not None:
            problems.append(_clash(candidates, claim, into))
    new_sources = list(added_sources.values())
    new_speakers = [s for s in database.speakers.values() if s.id not in store.speakers]
    store.connection.close()
    if problems:
        first = problems[0]
        raise DatabaseError(
            f"nothing written: {first.message}",
            file=first.file,
            line=first.line,
            fix=first.fix or "fix the candidates and run add again",
        )
    with Writer(into) as writer:
        for source in new_sources:
            writer.add_source(record_values(source))
        for speaker in new_speakers:
            writer.add_speaker(record_values(speaker))
        writer.add_claims(claim_values(c) for c in database.claims)
    added = {
        "sources": tuple(s.id for s in new_sources),
        "speakers": tuple(s.id for s in new_speakers),
        "claims": tuple(c.id for c in database.claims),
    }
    return added, tuple(reused)


def _clash(candidates: Path, claim: Claim, into: Path) -> Any:
    from factcheck.db.database import Problem

    line = claim.location.line if claim.location else 1
    return Problem(str(candidates), line, f"claim id {claim.id!r} is already in {into.name}",
                   "give the claim a new id")  # fmt: skip


def claim_values(claim: Claim) -> dict[str, Any]:
    """A claim record as the plain values a row holds (sources, speakers by id)."""
    from factcheck.plain import plain

    values = {name: getattr(claim, name) for name in TABLES["claims"]}
    values["source"] = claim.source.id
    values["speaker"] = claim.speaker.id
    values["figures"] = [_figure(f) for f in claim.figures]
    return {k: plain(v) if k != "figures" else v for k, v in values.items()}


def _figure(figure: Any) -> dict[str, Any]:
    from factcheck.plain import record_dict

    data = record_dict(figure, ("text", "value"))
    return {k: v for k, v in data.items() if v is not None}


def record_values(record: Any) -> dict[str, Any]:
    """A source or speaker record as a row's plain values."""
    from factcheck.plain import plain

    columns = TABLES["sources" if isinstance(record, Source) else "speakers"]
    return {name: plain(getattr(record, name)) for name in columns}
