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
state (SQLite rolls its journal back on the next open).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import ChainMap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from factcheck.check.index import PostingsBuilder, claim_fields
from factcheck.db.cache import NumberedClaims, batched
from factcheck.errors import DatabaseError
from factcheck.model import Claim, Source, Speaker

FORMAT = 1  # the layout of the tables; ``meta.format``
BUSY_TIMEOUT = 120.0  # seconds a writer waits for another's transaction
MAX_RUNS = 8  # a term's runs before they are merged into one
_BATCH = 4096  # claims indexed together as they are written

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


def connect(path: Path) -> sqlite3.Connection:
    """A connection that waits for other writers and leaves transactions to us."""
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    except sqlite3.Error as error:
        raise DatabaseError(f"cannot open SQLite database: {error}", file=str(path)) from None
    return connection


def open_existing(path: Path) -> sqlite3.Connection:
    """A connection to a store that must exist and be ours."""
    if not path.is_file():
        raise DatabaseError("database not found", file=str(path), fix="pass --db PATH")
    connection = connect(path)
    try:
        connection.execute("PRAGMA schema_version")  # reads the header: is it SQLite at all?
        row = connection.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.DatabaseError as error:
        connection.close()
        raise DatabaseError(
            f"not a factcheck SQLite database ({error})",
            file=str(path),
            fix="create it with `factcheck import ... -o FILE.sqlite`",
        ) from None
    _check_format(connection, path, row)
    return connection


def _check_format(connection: sqlite3.Connection, path: Path, row: Any) -> None:
    """A store of another layout is an error (``row``: its ``meta.format``)."""
    if row is None or row[0] != FORMAT:
        connection.rollback()
        connection.close()
        raise DatabaseError(
            f"unsupported SQLite database format {row and row[0]!r}",
            file=str(path),
            fix=f"re-import it with factcheck (format {FORMAT})",
        )


# --- reading ---------------------------------------------------------------------------------


def rows(connection: sqlite3.Connection, table: str, where: str = "", args: Sequence = ()):
    """(row id, Record) of a table, as the YAML loader's records: absent fields left out.

    JSON text that does not parse is left as text, for the loader's checks
    to report as a value of the wrong kind.
    """
    from factcheck.db.database import Record

    columns = TABLES[table]
    key = "number" if table == "claims" else "rowid"
    query = f"SELECT {key}, {', '.join(columns)} FROM {table} {where} ORDER BY {key}"
    for row_id, *values in connection.execute(query, args):
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


def read_parts(path: Path, builder: Any) -> None:
    """Add a store's sources and speakers to a loader's builder (``database.Builder``)."""
    connection = open_existing(path)
    try:
        for _row, record in rows(connection, "sources"):
            text = record.pop("text", None)
            builder.add_source(table_name(path, "sources"), path.parent, record, text)
        for _row, record in rows(connection, "speakers"):
            builder.add_speaker(table_name(path, "speakers"), record)
    finally:
        connection.close()


def read_claims(path: Path, builder: Any) -> None:
    """Add a store's claims to a builder, after every file's sources and speakers."""
    connection = open_existing(path)
    try:
        for _row, record in rows(connection, "claims"):
            builder.add_claim(table_name(path, "claims"), record)
    finally:
        connection.close()


class Store:
    """An open SQLite store: its sources and speakers, claims by number, its index."""

    def __init__(self, path: Path) -> None:
        from factcheck.db.database import Builder

        self.path = path
        self.connection = open_existing(path)
        builder = Builder()
        for _row, record in rows(self.connection, "speakers"):
            builder.add_speaker(table_name(path, "speakers"), record)
        if builder.problems:
            _raise(builder.problems)
        # Speakers are all read: attribution knows every name. Sources are
        # read as claims name them (a feed has one per fact-check's URL).
        self.speakers = builder.speakers
        self.sources = StoredSources(self)
        # Claim numbers run from 0 without gaps (rows are only ever added).
        (self.size,) = self.connection.execute(
            "SELECT coalesce(max(number), -1) + 1 FROM claims"
        ).fetchone()

    def claims(self, sources: Mapping[str, Source], speakers: dict[str, Speaker]) -> StoredClaims:
        """The claims, built when read; sources and speakers of every file resolve."""
        return StoredClaims(self, sources, speakers)

    def links(self) -> list[tuple[int, str, tuple[str, ...]]]:
        """(claim number, id, same_as) of the few claims that link to others."""
        found = self.connection.execute(
            "SELECT number, id, same_as FROM claims WHERE same_as IS NOT NULL"
        )
        return [(n, i, tuple(json.loads(s))) for n, i, s in found if s and s != "[]"]

    def number_of(self, claim_id: str) -> int | None:
        row = self.connection.execute(
            "SELECT number FROM claims WHERE id = ?", (claim_id,)
        ).fetchone()
        return None if row is None else row[0]

    def index(self) -> StoredIndex:
        return StoredIndex(self.connection, self.size)


class StoredSources(Mapping[str, Source]):
    """A store's sources by id, each read and checked when first asked for."""

    def __init__(self, store: Store) -> None:
        from factcheck.db.database import Builder

        self._store = store
        self._builder = Builder()
        self._name = table_name(store.path, "sources")

    def __getitem__(self, source_id: str) -> Source:
        source = self._builder.sources.get(source_id)
        if source is None:
            where = ("WHERE id = ?", (source_id,))
            found = list(rows(self._store.connection, "sources", *where))
            if not found:
                raise KeyError(source_id)
            record = found[0][1]
            text = record.pop("text", None)
            self._builder.add_source(self._name, self._store.path.parent, record, text)
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
    it with every other part); frequencies are cached per term."""

    def __init__(self, connection: sqlite3.Connection, size: int) -> None:
        self.connection = connection
        self.size = size
        self._frequency: dict[str, int] = {}

    def document_frequency(self, term: str) -> int:
        frequency = self._frequency.get(term)
        if frequency is None:
            row = self.connection.execute(
                "SELECT frequency FROM terms WHERE term = ?", (term,)
            ).fetchone()
            frequency = self._frequency[term] = 0 if row is None else row[0]
        return frequency

    def top_postings(self, term: str, depth: int) -> list[tuple[memoryview, memoryview]]:
        found = self.connection.execute(
            "SELECT substr(numbers, 1, ?), substr(weights, 1, ?) FROM postings WHERE term = ?",
            (depth * 4, depth * 4, term),
        )
        return [(memoryview(n).cast("I"), memoryview(w).cast("f")) for n, w in found]


# --- writing ---------------------------------------------------------------------------------


def _begin(path: Path) -> sqlite3.Connection:
    """A write transaction on a store, holding the write lock; the tables made when new.

    The tables are made inside the transaction, so a first import killed
    midway leaves no half-made store behind it, only an empty file.
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
        connection.close()
        raise DatabaseError(
            f"cannot write SQLite database: {error}",
            file=str(path),
            fix="write to a new .sqlite file or one factcheck made",
        ) from None
    row = connection.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    _check_format(connection, path, row)
    return connection


class Writer:
    """One write transaction: rows in, the index's new runs, commit or nothing.

    Use as a context manager; the transaction commits when the block ends
    without an error and rolls back otherwise.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection = _begin(path)
        (count,) = self.connection.execute(
            "SELECT coalesce(max(number), -1) + 1 FROM claims"
        ).fetchone()
        self.postings = PostingsBuilder(first_number=count)
        self.source_ids = {r[0] for r in self.connection.execute("SELECT id FROM sources")}
        self.speaker_ids = {r[0] for r in self.connection.execute("SELECT id FROM speakers")}
        self._claim_insert = _insert("claims", ("number", *TABLES["claims"]))

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        try:
            if kind is None:
                self._write_index()
                self.connection.execute("COMMIT")
            else:
                self.connection.rollback()
        finally:
            self.connection.close()

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
                self.postings.add_many([" ".join(claim_fields(_Fields(v))) for v in batch])
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
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        total = meta.get("length_total", 0.0) + sum(builder.lengths)
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
            _merge_runs(connection, term)
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('length_total', ?)", (total,))


def _merge_runs(connection: sqlite3.Connection, term: str) -> None:
    """One impact-ordered run for a term, from its several, when it has ``MAX_RUNS``."""
    from array import array

    found = connection.execute(
        "SELECT run, numbers, weights FROM postings WHERE term = ?", (term,)
    ).fetchall()
    if len(found) < MAX_RUNS:
        return
    numbers, weights = array("I"), array("f")
    for _run, n, w in found:
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


class _Fields:
    """Plain claim values read as the fields ``claim_fields`` looks at."""

    def __init__(self, values: dict[str, Any]) -> None:
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
