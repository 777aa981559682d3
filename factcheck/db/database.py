"""Find, load and validate the claims database.

The database is YAML (one file, or a directory of files read as one, which
may hold SQLite stores too: ``db.sqlite`` turns their rows into the records
checked here, so both are checked by the same rules). YAML is
loaded with a safe loader that keeps line numbers, refuses aliases (so an
alias bomb is never expanded) and reports every problem with file, line and
a fix. ``load_database`` raises on the first problem; ``validate`` lists all.

The module is longer than most (nearly 700 lines) because the schema's checks
are one list, read top to bottom beside the safe YAML builder that gives
them their line numbers; split, each half would be read with the other open.
"""

# Not `from __future__ import annotations`: see factcheck/model.py (start-up).

import datetime as dt
import math
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from factcheck.errors import DatabaseError
from factcheck.model import (
    Claim,
    Database,
    Figure,
    Location,
    Review,
    Source,
    Speaker,
    same_fact_links,
)

ENV_VAR = "FACTCHECK_DB"
YAML_SUFFIXES = (".yaml", ".yml")
STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db")  # SQLite stores (``db.sqlite``)
MAX_DATABASE_BYTES = 512 * 1024 * 1024

SOURCE_KEYS = {"id", "title", "publisher", "kind", "place", "date", "path", "url", "external"}
SPEAKER_KEYS = {"id", "name", "kind", "role", "affiliation", "aliases", "authors"}
# A claim's keys are its record's fields: a field added to Claim is read (as
# text, or a list of text where its default is empty) without a word here.
CLAIM_KEYS = set(Claim._fields) - {"location"}
_CLAIM_READ_APART = frozenset({"id", "source", "speaker", "passage", "quote", "figures", "review"})
# The claim's other fields, in the Claim's order (problems come in that order), and
# which of them are lists (their default is an empty tuple).
_CLAIM_READ_HERE = tuple(k for k in Claim._fields if k in CLAIM_KEYS and k not in _CLAIM_READ_APART)
# A claim is made from a copy of its fields' defaults, filled in by position: keywords
# were a fifth of building 100,000 claims.
_CLAIM_DEFAULTS = tuple(Claim._field_defaults.get(field) for field in Claim._fields)
_CLAIM_AT = {field: number for number, field in enumerate(Claim._fields)}
_CLAIM_NEEDS_OF_EXTERNAL = ("id", "source", "speaker", "type", "claim")  # its passage: the claim
_CLAIM_NEEDS = (*_CLAIM_NEEDS_OF_EXTERNAL, "passage")
_CLAIM_LISTS = frozenset(k for k in _CLAIM_READ_HERE if Claim._field_defaults.get(k) == ())
REVIEW_KEYS = set(Review._fields)
FIGURE_KEYS = {"text", "value", "unit", "counts", "year", "span", "qualifier", "parts"}
TOP_KEYS = {"version", "sources", "speakers", "claims", "paraphrases", "ratings"}
SPEAKER_KINDS = {"person", "organization", "document", "group"}
FACT_CHECK = "fact-check"  # a source that is a published fact-check: its reviews' defaults


class Problem(NamedTuple):
    """One thing wrong with the database, where it is and how to fix it."""

    file: str
    line: int
    message: str
    fix: str | None = None
    detail: str | None = None  # more lines for `factcheck validate` (closest source text...)

    def __str__(self) -> str:
        fix = f" ({self.fix})" if self.fix else ""
        return f"{self.file}:{self.line}: {self.message}{fix}"


class Record(dict):
    """A YAML mapping that remembers the line of itself and of each key."""

    __slots__ = ("key_lines", "line")  # no dict of attributes beside each of 200,000 records
    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


def default_database_path() -> Path:
    """The database to use when ``--db`` is not given.

    ``FACTCHECK_DB`` wins; otherwise the copy packaged in the wheel, and in a
    checkout (or an editable install, which lacks the packaged copy) the
    top-level ``claims.yaml``.
    """
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    package_dir = Path(__file__).resolve().parent.parent  # factcheck/, above db/
    packaged = package_dir / "data" / "claims.yaml"
    if packaged.is_file():
        return packaged
    return package_dir.parent / "claims.yaml"


def is_sqlite(path: Path) -> bool:
    """Whether a database path names a SQLite store (by its extension).

    Here, not in ``db.sqlite``: telling a store from YAML must not import sqlite3.
    """
    return path.suffix.lower() in STORE_SUFFIXES


def database_files(path: Path) -> list[Path]:
    """The database files (YAML, SQLite) a database path stands for, in a stable order."""
    # os.path's tests, not Path's: Python 3.11's Path.is_dir raises on a name
    # too long (ENAMETOOLONG) where os.path.isdir answers False.
    if os.path.isdir(path):
        kinds = (*YAML_SUFFIXES, *STORE_SUFFIXES)
        # Not only regular files: a broken link, a link loop or a FIFO of the folder
        # would otherwise be passed over, and part of the database silently missing.
        try:
            files = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in kinds and not p.is_dir()
            )
        except OSError as error:
            # A folder that changes or refuses while it is walked (/proc's entries vanish).
            raise DatabaseError(
                f"cannot read database folder: {error.strerror or error}",
                file=str(error.filename or path),
            ) from None
        if not files:
            raise DatabaseError("no .yaml or .sqlite files in database folder", file=str(path))
        for file in files:
            regular_file(file)
        return files
    if not os.path.exists(path):
        raise DatabaseError(
            "database not found", file=str(path), fix=f"pass --db PATH or set {ENV_VAR}"
        )
    return [path]


def load_database(
    path: str | os.PathLike[str] | None = None,
    contents: dict[Path, bytes] | None = None,
    *,
    with_stores: bool = True,
) -> Database:
    """Load and validate a database; raise ``DatabaseError`` on the first problem.

    ``contents`` holds files' bytes already read (the cache hashes exactly
    the bytes that are parsed).
    """
    database, problems = read_database(path, contents, with_stores=with_stores)
    if problems:
        first = problems[0]
        more = (
            f"; {len(problems) - 1} more problem(s), see `factcheck validate`"
            if len(problems) > 1
            else ""
        )
        raise DatabaseError(first.message + more, file=first.file, line=first.line, fix=first.fix)
    return database


def validate(path: str | os.PathLike[str] | None = None) -> list[Problem]:
    """Every problem of a database (an empty list when it is sound).

    A problem is something to fix at a line of a file: a record, or YAML
    that does not parse (a ``DatabaseError`` that names its line). A
    database that cannot be read at all (not a regular file, unreadable,
    not a SQLite store, a damaged store) has no line to fix; its error is
    raised, and ``factcheck validate`` exits 2 for it, not 1. A store's
    pages and index are checked through first (``sqlite_check.check_store``).
    """
    root = Path(path) if path is not None else default_database_path()
    stores = [file for file in database_files(root) if is_sqlite(file)]
    if stores:
        from factcheck.db.sqlite_check import check_store

        for store in stores:
            check_store(store)
    try:
        return read_database(root)[1]
    except DatabaseError as error:
        if error.line is None:
            raise
        return [Problem(error.file or str(root), error.line, error.message, error.fix)]


def read_database(
    path: str | os.PathLike[str] | None = None,
    overrides: Mapping[Path, str | bytes] | None = None,
    *,
    with_stores: bool = True,
) -> tuple[Database, list[Problem]]:
    """Load a database leniently: what could be built, and what is wrong.

    ``overrides`` maps files to texts (or bytes) read instead of the files'
    contents (files not yet written are added): a write is checked before it
    is made, and the cache parses the bytes it hashed. SQLite stores
    (``db.sqlite``) are read row by row, unless ``with_stores`` is false:
    then only the YAML files are (the stores are opened lazily beside them).
    """
    root = Path(path) if path is not None else default_database_path()
    overrides = overrides or {}
    builder = Builder()
    files = [] if root in overrides and not os.path.exists(root) else database_files(root)
    files += [f for f in overrides if f not in files]
    stores = [f for f in files if is_sqlite(f) and f not in overrides]
    for file in files:
        if file in stores:
            continue
        given = overrides.get(file)
        if isinstance(given, str):
            data = parse_yaml(given, str(file))
        else:
            data = parse_yaml_file(file, given)
        builder.add_file(file, data)
        del data  # the builder holds the records it still needs, and lets each go once built
    if stores and with_stores:
        from factcheck.db import sqlite

        # YAML claims name YAML sources and speakers (each file loads on its own
        # when a store is read lazily); a store's claims may name any file's.
        builder.resolve_pending()
        sizes = [sqlite.read_parts(store, builder) for store in stores]
        for store, size in zip(stores, sizes, strict=True):
            sqlite.read_claims(store, builder, size)
    elif stores:
        files = [f for f in files if f not in stores]
    return builder.finish(tuple(str(f) for f in files))


def regular_file(file: Path) -> os.stat_result:
    """A database file's status; one that is not a regular file is a ``DatabaseError``.

    A FIFO or a device would block the read, or never end; a broken link or
    a link loop is a file of the database that is not there.
    """
    try:
        status = file.stat()
    except OSError as error:
        if os.path.islink(file) and isinstance(error, FileNotFoundError):
            raise DatabaseError(
                f"broken symbolic link to {os.readlink(file)!r}",
                file=str(file),
                fix="point it at a database file, or remove it",
            ) from None
        raise DatabaseError(f"cannot read database: {error.strerror}", file=str(file)) from None
    if not stat.S_ISREG(status.st_mode):
        raise DatabaseError(
            "database is not a regular file",
            file=str(file),
            fix="give a YAML file, a .sqlite store or a folder of them",
        )
    return status


def read_database_file(file: Path) -> bytes:
    """A database file's bytes; a file too large or unreadable is a ``DatabaseError``."""
    size = regular_file(file).st_size
    if size > MAX_DATABASE_BYTES:
        raise DatabaseError(f"database file is too large ({size} bytes)", file=str(file))
    try:
        return file.read_bytes()
    except OSError as error:
        raise DatabaseError(f"cannot read database: {error.strerror}", file=str(file)) from None


def parse_yaml_file(file: Path, data: bytes | None = None) -> Any:
    """Parse one YAML file (or ``data``, its bytes already read) into plain
    values, ``Record`` mappings with line numbers."""
    if data is None:
        data = read_database_file(file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DatabaseError(
            f"invalid UTF-8 at byte {error.start}", file=str(file), line=line, fix="save as UTF-8"
        ) from None
    return parse_yaml(text, str(file))


def parse_yaml(text: str, filename: str) -> Any:
    """Parse YAML safely into values, building them from the parser's events.

    Building values ourselves keeps line numbers and lets us refuse aliases
    outright: a YAML alias bomb is a few lines that expand to gigabytes in a
    naive loader. From events rather than a composed node graph, so a large
    file is never held as nodes (two marks each) beside its values: at
    100,000 claims the graph was most of a load's memory.
    """
    from factcheck.db.flatyaml import read_flat

    flat = read_flat(text)  # what `factcheck import` writes, read without a parser
    if flat is not None:
        return flat
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return _EventBuilder(filename, yaml).document(yaml.parse(text, Loader=loader_class))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1  # a line: text to fix, not a file unread
        what = error.problem or error.context or "malformed YAML"
        if error.context and error.context_mark and error.problem_mark:
            what += f" ({error.context} at line {error.context_mark.line + 1})"
        raise DatabaseError(
            f"malformed YAML: {what}", file=filename, line=line, fix="fix the YAML syntax"
        ) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow (NUL, BEL)
        # The first of its kind: YAML allows it nowhere. (``position`` counts
        # bytes in libyaml, characters in PyYAML's own reader.)
        line = text.count("\n", 0, max(0, text.find(chr(error.character)))) + 1
        raise DatabaseError(
            f"malformed YAML: unacceptable character #x{error.character:04x} ({error.reason})",
            file=filename,
            line=line,
            fix="remove it, or write it as an escape in a double-quoted string",
        ) from None
    except yaml.YAMLError as error:
        raise DatabaseError(f"malformed YAML: {error}", file=filename, line=1) from None


_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
# How deep lists and mappings may nest: a database needs six levels (a claim's
# figure's span). Values are built by recursion, a few frames a level; libyaml
# stops flow lists at 1,000 levels, not flow mappings or block nesting.
MAX_NESTING = 100
_STR_TAG = "tag:yaml.org,2002:str"


class _EventBuilder:
    """Turn a YAML event stream of one document into Python values, refusing aliases."""

    def __init__(self, filename: str, yaml: Any) -> None:
        self.filename = filename
        self.yaml = yaml
        self.constructor = yaml.constructor.SafeConstructor()
        self.resolver = yaml.resolver.Resolver()
        self.depth = 0  # lists and mappings open around the value being built

    def document(self, events: Iterator[Any]) -> Any:
        """The stream's one document (None for an empty stream), as the composer would."""
        yaml = self.yaml
        self.events = events
        value = None
        started = None
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                if started is not None:
                    raise yaml.composer.ComposerError(
                        "expected a single document in the stream",
                        started,
                        "but found another document",
                        event.start_mark,
                    )
                started = event.start_mark
                value = self.value(next(events))
        return value

    def value(self, event: Any) -> Any:
        yaml = self.yaml
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise DatabaseError(
                "YAML aliases are not allowed in a claims database",
                file=self.filename,
                line=line,
                fix="write the value out in full",
            )
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, line)
        kind = yaml.MappingNode if isinstance(event, yaml.MappingStartEvent) else yaml.SequenceNode
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(kind, None, event.implicit)
        if tag not in _PLAIN_TAGS:
            raise DatabaseError(
                f"YAML tag {tag!r} is not allowed",
                file=self.filename,
                line=line,
                fix="use plain lists and mappings",
            )
        if self.depth == MAX_NESTING:
            raise DatabaseError(
                f"malformed YAML: nested more than {MAX_NESTING} levels deep",
                file=self.filename,
                line=line,
                fix="fix the YAML syntax",
            )
        self.depth += 1
        try:
            if kind is yaml.MappingNode:
                return self._mapping(line)
            items = []
            end = yaml.SequenceEndEvent
            for item in self.events:
                if isinstance(item, end):
                    return items
                items.append(self.value(item))
            return items
        finally:
            self.depth -= 1

    def _scalar(self, event: Any, line: int) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(self.yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR_TAG:
            return event.value  # most values: what SafeConstructor would return, sooner
        node = self.yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructor.construct_object(node)
        # PyYAML's own constructors fail on some tagged scalars with plain
        # Python errors (`!!float ""` IndexError, `!!timestamp x` AttributeError):
        # whatever a scalar's constructor raises, the value is bad.
        except Exception as error:
            # A constructor error's text may carry its own mark on a second line ("in
            # "<unicode string>", line 1, column 1"): the message is one line, ours.
            reason = getattr(error, "problem", None) or str(error).splitlines()[0]
            raise DatabaseError(
                f"bad value {event.value!r}: {reason}", file=self.filename, line=line
            ) from None

    def _mapping(self, line: int) -> Record:
        record = Record()
        record.line = line
        record.key_lines = {}
        end = self.yaml.MappingEndEvent
        for key_event in self.events:
            if isinstance(key_event, end):
                break
            key = self.value(key_event)
            line = key_event.start_mark.line + 1
            if not isinstance(key, str):
                raise DatabaseError(
                    f"mapping key {key!r} is not text", file=self.filename, line=line
                )
            if key in record:
                raise DatabaseError(
                    f"duplicate key {key!r}", file=self.filename, line=line, fix="remove one"
                )
            record[key] = self.value(next(self.events))
            record.key_lines[key] = line
        return record


class Builder:
    """Collect sources, speakers and claims across files, noting problems."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.sources: dict[str, Source] = {}
        self.speakers: dict[str, Speaker] = {}
        self.claims: list[Claim] = []
        self.claim_ids: dict[str, Location] = {}
        self.pending: list[tuple[str, Record]] = []
        self.paraphrases: tuple[str, ...] = ()
        self.ratings: dict[str, str] = {}  # the database's own textual ratings → classes
        self.rating_classes: dict[tuple[str, float | None, float | None, float | None], str] = {}

    def problem(
        self, file: str, line: int, message: str, fix: str | None = None, detail: str | None = None
    ) -> None:
        self.problems.append(Problem(file, line, message, fix, detail))

    def add_file(self, file: Path, data: Any) -> None:
        name = str(file)
        if data is None:
            self.problem(name, 1, "empty database file", "add sources, speakers and claims")
            return
        if not isinstance(data, Record):
            self.problem(name, 1, "a database file must be a mapping with sources and claims")
            return
        self._check_keys(name, data, TOP_KEYS, required=(), what="database")
        version = data.get("version", 1)
        if version != 1:
            self.problem(
                name, data.line_of("version"), f"unsupported version {version!r}", "use version: 1"
            )
        for record in self._records(name, data, "sources"):
            self.add_source(name, file.parent, record)
        for record in self._records(name, data, "speakers"):
            self.add_speaker(name, record)
        self.paraphrases += self._list(name, data, "paraphrases", "database")
        if data.get("ratings") is not None:
            from factcheck.check.ratings import read_ratings

            try:
                self.ratings.update(read_ratings(data["ratings"]))
            except ValueError as error:
                self.problem(name, data.line_of("ratings"), str(error))
        # Claims refer to sources and speakers of any file: resolve them last.
        self.pending.extend((name, record) for record in self._records(name, data, "claims"))

    def resolve_pending(self) -> None:
        """Build the claims added so far, against the sources and speakers added so far.

        Each record is let go as its claim is built, so that 100,000 parsed
        records and their claims are not all held at once (36 MB at 100,000).
        """
        pending, self.pending = self.pending, []
        pending.reverse()
        while pending:
            self.add_claim(*pending.pop())

    def finish(self, files: tuple[str, ...]) -> tuple[Database, list[Problem]]:
        self.resolve_pending()
        self._check_same_as(files)
        self._check_spellings()
        self._check_authors()
        claims = tuple(self.claims)
        links = same_fact_links([c.id for c in claims], [c.same_as for c in claims])
        database = Database(
            self.sources, self.speakers, claims, files, links=links, paraphrases=self.paraphrases
        )
        return database, self.problems

    def _check_authors(self) -> None:
        """A speaker's ``authors`` are other speakers of the database."""
        for speaker in self.speakers.values():
            for author in speaker.authors:
                if author in self.speakers and author != speaker.id:
                    continue
                loc = speaker.location
                self.problem(
                    loc.file if loc else "",
                    loc.line if loc else 1,
                    f"speaker {speaker.id}: authors names {author!r}, not another speaker",
                    "use the id of a speaker defined in the database",
                )

    def _check_same_as(self, files: tuple[str, ...]) -> None:
        """``same_as`` links the same fact across sources: known, other, not itself."""
        linked = [claim for claim in self.claims if claim.same_as]
        if not linked:  # (as in every import: no table of 100,000 claims' sources)
            return
        sources = {claim.id: claim.source.id for claim in self.claims}
        for claim in linked:
            loc = claim.location or Location(files[0], 1)
            for other in claim.same_as:
                fix = "link claims of other sources"
                if other not in self.claim_ids:
                    message = f"claim {claim.id}: same_as names unknown claim {other!r}"
                    fix = "use the id of a claim of another source"
                elif other == claim.id:
                    message = f"claim {claim.id}: same_as names the claim itself"
                elif sources.get(other) == claim.source.id:
                    message = f"claim {claim.id}: same_as names {other!r} of the same source"
                else:
                    continue
                self.problem(loc.file, loc.line, message, fix)

    def _check_spellings(self) -> None:
        """One spelling per speaker: a name or alias may stand for one speaker only.

        Otherwise attribution by that name would depend on database order.
        """
        from factcheck.check.speakers import name_key

        owners: dict[str, Speaker] = {}
        for speaker in self.speakers.values():
            seen: set[str] = set()
            for spelling in speaker.names:
                written = " ".join(spelling.casefold().split())
                key = name_key(spelling)  # the same name to attribution ("J. Smith", "J Smith")
                loc = speaker.location or Location("?", 1)
                if written in seen:
                    self.problem(
                        loc.file,
                        loc.line,
                        f"speaker {speaker.id}: {spelling!r} is declared twice",
                        "remove the repeated alias",
                    )
                elif owners.get(key, speaker) != speaker:
                    first = owners[key]
                    self.problem(
                        loc.file,
                        loc.line,
                        f"speaker {speaker.id}: {spelling!r} is also a name of speaker {first.id}",
                        f"keep one spelling per speaker; the other is at {first.location}",
                    )
                seen.add(written)
                owners.setdefault(key, speaker)

    def _records(self, name: str, data: Record, key: str) -> Iterable[Record]:
        items = data.get(key) or []
        if not isinstance(items, list):
            self.problem(name, data.line_of(key), f"{key} must be a list")
            return []
        good = []
        for item in items:
            if isinstance(item, Record):
                good.append(item)
            else:
                self.problem(name, data.line_of(key), f"each entry of {key} must be a mapping")
        return good

    def _check_keys(
        self, name: str, record: Record, allowed: set[str], required: Iterable[str], what: str
    ) -> bool:
        ok = True
        for key in () if allowed.issuperset(record) else record:
            if key not in allowed:
                self.problem(
                    name,
                    record.line_of(key),
                    f"unknown field {key!r} in {what}",
                    "allowed: " + ", ".join(sorted(allowed)),
                )
        for key in required:
            value = record.get(key)
            if value is None or (isinstance(value, str) and (not value or value.isspace())):
                self.problem(name, record.line, f"{what} is missing required field {key!r}")
                ok = False
        return ok

    def _text(self, name: str, record: Record, key: str, what: str) -> str | None:
        value = record.get(key)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.problem(name, record.line_of(key), f"{what}: {key} must be text")
            return None
        return value

    def _list(self, name: str, record: Record, key: str, what: str) -> tuple[str, ...]:
        value = record.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(name, record.line_of(key), f"{what}: {key} must be a list of text")
            return ()
        return tuple(value)

    def _duplicate(self, name: str, record: Record, kind: str, first: Location | None) -> None:
        """An id defined twice: the second is dropped, the problem points at the first."""
        self.problem(
            name,
            record.line_of("id"),
            f"duplicate {kind} id {str(record['id'])!r}",
            f"first defined at {first}",
        )

    def add_source(self, name: str, folder: Path, record: Record, text: str | None = None) -> None:
        """Add a source; ``text`` is its text when the database holds it (SQLite)."""
        if not self._check_keys(name, record, SOURCE_KEYS, ("id", "title", "publisher"), "source"):
            return
        source_id = str(record["id"])
        what = f"source {source_id}"
        if source_id in self.sources:
            self._duplicate(name, record, "source", self.sources[source_id].location)
            return
        date = record.get("date")
        if date is not None and not isinstance(date, dt.date):
            self.problem(
                name,
                record.line_of("date"),
                f"{what}: date {date!r} is not a date",
                "write it as YYYY-MM-DD",
            )
            date = None
        path = self._text(name, record, "path", what)
        if text is None and path:
            text = self._source_text(name, record, folder, path, what)
        external = bool(record.get("external", False))
        if path is None and text is None and not external:
            self.problem(
                name,
                record.line,
                f"{what} has no path to its text",
                "add path:, or external: true for a source without text",
            )
        self.sources[source_id] = Source(
            id=source_id,
            title=self._text(name, record, "title", what) or "",
            publisher=self._text(name, record, "publisher", what) or "",
            kind=self._text(name, record, "kind", what) or "press release",
            place=self._text(name, record, "place", what),
            date=date,
            url=self._text(name, record, "url", what),
            path=path,
            text=text,
            external=external,
            location=Location(name, record.line),
        )

    def _source_text(
        self, name: str, record: Record, folder: Path, path: str, what: str
    ) -> str | None:
        """Read a source's text; its path may not leave the database's folder."""
        line = record.line_of("path")
        if "\0" in path:
            self.problem(name, line, f"{what}: path contains a NUL character", "fix the path")
            return None
        resolved = (folder / path).resolve()
        if Path(path).is_absolute() or not resolved.is_relative_to(folder.resolve()):
            self.problem(
                name,
                line,
                f"{what}: path {path!r} leaves the database folder",
                "keep source texts beside the database",
            )
            return None
        try:
            if not stat.S_ISREG(resolved.stat().st_mode):
                # A FIFO would block the read for good, a device never end.
                self.problem(
                    name, line, f"{what}: cannot read source text {path!r}: not a regular file"
                )
                return None
            return resolved.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            self.problem(
                name, line, f"{what}: source text {path!r} not found", f"looked in {folder}"
            )
        except (OSError, UnicodeDecodeError) as error:
            self.problem(name, line, f"{what}: cannot read source text {path!r}: {error}")
        return None

    def add_speaker(self, name: str, record: Record) -> None:
        if not self._check_keys(name, record, SPEAKER_KEYS, ("id", "name"), "speaker"):
            return
        speaker_id = str(record["id"])
        what = f"speaker {speaker_id}"
        if speaker_id in self.speakers:
            self._duplicate(name, record, "speaker", self.speakers[speaker_id].location)
            return
        kind = self._text(name, record, "kind", what) or "person"
        aliases = self._list(name, record, "aliases", what)
        for key, spelling in (("name", record["name"]), *(("aliases", a) for a in aliases)):
            if isinstance(spelling, str) and not _names_someone(spelling):
                self._nameless(name, record.line_of(key), key == "aliases", spelling, what)
        if kind not in SPEAKER_KINDS:
            self.problem(
                name,
                record.line_of("kind"),
                f"{what}: unknown kind {kind!r}",
                "use " + ", ".join(sorted(SPEAKER_KINDS)),
            )
        self.speakers[speaker_id] = Speaker(
            id=speaker_id,
            name=self._text(name, record, "name", what) or speaker_id,
            kind=kind,
            role=self._text(name, record, "role", what),
            affiliation=self._text(name, record, "affiliation", what),
            aliases=aliases,
            authors=self._list(name, record, "authors", what),
            location=Location(name, record.line),
        )

    def _nameless(self, name: str, line: int, alias: bool, spelling: str, what: str) -> None:
        """A speaker's name or alias that names no one (see ``_names_someone``)."""
        one = "alias" if alias else "name"
        said = f"{one} {spelling!r} has no letter or digit" if spelling.strip() else f"empty {one}"
        self.problem(name, line, f"{what}: {said}", "delete it" if alias else "write the name")

    def add_claim(self, name: str, record: Record) -> None:
        # A claim of a source without text (an import) has nothing to quote but itself:
        # its passage is its claim unless given.
        source = self.sources.get(str(record.get("source")))
        external = source is not None and source.external
        required = _CLAIM_NEEDS_OF_EXTERNAL if external else _CLAIM_NEEDS
        if not self._check_keys(name, record, CLAIM_KEYS, required, "claim"):
            return
        claim_id = str(record["id"])
        what = f"claim {claim_id}"
        if claim_id in self.claim_ids:
            self._duplicate(name, record, "claim", self.claim_ids[claim_id])
            return
        speaker = self.speakers.get(str(record["speaker"]))
        if source is None:
            self.problem(
                name,
                record.line_of("source"),
                f"{what}: unknown source {record['source']!r}",
                "define it under sources:",
            )
        if speaker is None:
            self.problem(
                name,
                record.line_of("speaker"),
                f"{what}: unknown speaker {record['speaker']!r}",
                "define it under speakers:",
            )
        passage = (
            self._text(name, record, "passage" if "passage" in record else "claim", what) or ""
        )
        quote = self._text(name, record, "quote", what)
        if source is not None and source.text is not None and passage not in source.text:
            self.problem(
                name,
                record.line_of("passage"),
                f"{what}: passage is not verbatim in source {source.id}",
                "copy the exact characters, curly quotes and all",
                near_miss(passage, source.text),
            )
        if quote is not None and quote not in passage:
            self.problem(name, record.line_of("quote"), f"{what}: quote is not in its passage")
        figures = tuple(self._figures(name, record, passage, what)) if "figures" in record else ()
        review = None
        if record.get("review") is not None:
            review = self._review(name, record, what, source)
        if source is None or speaker is None:
            return
        location = Location(name, record.line)
        self.claim_ids[claim_id] = location
        # Only the fields the record has: an absent one is the Claim's default, as read.
        values, at = list(_CLAIM_DEFAULTS), _CLAIM_AT
        for key in filter(record.__contains__, _CLAIM_READ_HERE):
            value = record[key]
            if key in _CLAIM_LISTS:
                value = self._list(name, record, key, what)
            elif type(value) is not str:  # text is taken as it is (``_text`` returns it)
                value = self._text(name, record, key, what)
            values[at[key]] = value
        values[at["type"]] = values[at["type"]] or ""
        text = values[at["claim"]] = values[at["claim"]] or ""
        values[at["passage"]] = text if text == passage else passage  # one string: cached once
        values[at["id"]], values[at["source"]], values[at["speaker"]] = claim_id, source, speaker
        values[at["quote"]], values[at["figures"]], values[at["review"]] = quote, figures, review
        values[at["location"]] = location
        claim = Claim._make(values)
        self.claims.append(claim)

    def _figures(self, name: str, record: Record, passage: str, what: str) -> Iterable[Figure]:
        items = record.get("figures") or []
        if not isinstance(items, list):
            self.problem(name, record.line_of("figures"), f"{what}: figures must be a list")
            return
        texts = {
            item.get("text")
            for item in items
            if isinstance(item, Record) and isinstance(item.get("text"), str)
        }
        for item in items:
            if not isinstance(item, Record):
                self.problem(name, record.line_of("figures"), f"{what}: a figure must be a mapping")
                continue
            if not self._check_keys(name, item, FIGURE_KEYS, ("text", "value"), f"{what} figure"):
                continue
            text = self._text(name, item, "text", f"{what} figure")
            if text is None:
                continue
            if text not in passage:
                self.problem(
                    name, item.line_of("text"), f"{what}: figure {text!r} is not in its passage"
                )
            value = item["value"]
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.problem(name, item.line_of("value"), f"{what}: figure value must be a number")
                continue
            try:
                number = float(value)
            except OverflowError:  # a 400-digit integer
                number = math.inf
            if not math.isfinite(number):
                shown = repr(value) if len(repr(value)) <= 20 else repr(value)[:17] + "..."
                self.problem(
                    name,
                    item.line_of("value"),
                    f"{what}: figure value {shown} is not a finite number",
                    "write the figure's value as a plain number",
                )
                continue
            parts = self._list(name, item, "parts", what)
            for part in parts:
                if part not in texts:
                    self.problem(
                        name,
                        item.line_of("parts"),
                        f"{what}: part {part!r} is not a figure text of this claim",
                    )
            yield Figure(
                text=text,
                value=number,
                unit=self._text(name, item, "unit", what) or "count",
                counts=self._text(name, item, "counts", what),
                year=self._year(name, item, "year", what),
                span=self._span(name, item, what),
                qualifier=self._text(name, item, "qualifier", what),
                parts=parts,
            )

    def _review(self, name: str, parent: Record, what: str, source: Source | None) -> Review | None:
        """A claim's fact-check: its rating as published, its scale, who rated it and when.

        The class is worked out from the rating (the database's ``ratings:``
        first) unless the curator wrote one. When the claim's source is the
        fact-check itself (``kind: fact-check``, as imports write them), the
        review's URL, date and reviewer default to the source's URL, date and
        publisher.
        """
        record = parent["review"]
        if isinstance(record, str) and record.strip():  # `review: "False"`: the rating alone
            return self._from_source(Review(record, self._classify(record)), source)
        if not isinstance(record, Record):
            self.problem(
                name,
                parent.line_of("review"),
                f"{what}: review must be a mapping or a rating in quotes",
                'e.g. review: {rating: "False", reviewer: PolitiFact}',
            )
            return None
        what = f"{what} review"
        if not self._check_keys(name, record, REVIEW_KEYS, ("rating",), what):
            return None
        numbers = {key: self._number(name, record, key, what) for key in ("value", "best", "worst")}
        value, best, worst = numbers["value"], numbers["best"], numbers["worst"]
        if None not in (value, best, worst) and not min(best, worst) <= value <= max(best, worst):
            self.problem(
                name,
                record.line_of("value"),
                f"{what}: value {value:g} is outside the scale {worst:g} to {best:g}",
                "check value, best and worst",
            )
        rating = self._text(name, record, "rating", what) or ""
        from factcheck.check.ratings import table

        rating_table = table()
        rating_class = self._text(name, record, "rating_class", what)
        if rating_class is not None and rating_class not in rating_table.effects:
            self.problem(
                name,
                record.line_of("rating_class"),
                f"{what}: unknown rating_class {rating_class!r}",
                "use " + ", ".join(rating_table.effects),
            )
            rating_class = None
        date = record.get("date")
        if date is not None and not isinstance(date, dt.date):
            self.problem(
                name, record.line_of("date"), f"{what}: date {date!r} is not a date",
                "write it as YYYY-MM-DD",
            )  # fmt: skip
            date = None
        review = Review(
            rating=rating,
            rating_class=rating_class or self._classify(rating, value, best, worst),
            value=value,
            best=best,
            worst=worst,
            reviewer=self._text(name, record, "reviewer", what),
            date=date,
            url=self._text(name, record, "url", what),
            language=self._text(name, record, "language", what),
        )
        return self._from_source(review, source)

    def _classify(
        self,
        rating: str,
        value: float | None = None,
        best: float | None = None,
        worst: float | None = None,
    ) -> str:
        """A rating's class, worked out once per distinct rating (a feed repeats a few)."""
        key = (rating, value, best, worst)
        found = self.rating_classes.get(key)
        if found is None:
            from factcheck.check.ratings import table

            found = self.rating_classes[key] = table().classify(*key, self.ratings)
        return found

    @staticmethod
    def _from_source(review: Review, source: Source | None) -> Review:
        """A fact-check source's URL, date and publisher are its review's, unless it says."""
        if source is None or source.kind != FACT_CHECK:
            return review
        return review._replace(
            reviewer=review.reviewer or source.publisher or None,
            date=review.date or source.date,
            url=review.url or source.url,
        )

    def _number(self, name: str, record: Record, key: str, what: str) -> float | None:
        value = record.get(key)
        if value is None:
            return None
        try:
            number = float(value) if not isinstance(value, bool) else math.nan
        except (TypeError, ValueError, OverflowError):
            number = math.nan
        if isinstance(value, str) or not math.isfinite(number):
            self.problem(name, record.line_of(key), f"{what}: {key} must be a plain number")
            return None
        return number

    def _year(self, name: str, record: Record, key: str, what: str) -> int | None:
        value = record.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
            self.problem(name, record.line_of(key), f"{what}: {key} {value!r} is not a year")
            return None
        return value

    def _span(self, name: str, record: Record, what: str) -> tuple[int, int | None] | None:
        value = record.get("span")
        if value is None:
            return None
        ok = isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)
        ok = ok and (value[1] is None or isinstance(value[1], int))
        if not ok:
            self.problem(
                name,
                record.line_of("span"),
                f"{what}: span must be [from, to]",
                "e.g. [2005, 2017] or [2005, null]",
            )
            return None
        return (value[0], value[1])


def _names_someone(spelling: str) -> bool:
    """Whether a speaker's name or alias has a letter or a digit.

    One without ("", "  ", "-") is found inside nearly any sentence (the
    empty one inside every sentence), so a sentence crediting anyone would
    name this speaker too: a misattribution would pass as supported.
    """
    return any(map(str.isalnum, spelling))


# How much of a long passage is compared: the alignment and difflib grow with the
# square of it (one 16,000-character passage took minutes), the source only linearly.
_DIFF_CHARS = 400


def _verbatim_prefix(passage: str, text: str) -> int:
    """How many of the passage's first characters are verbatim in the text.

    A binary search of prefixes, each found with ``in`` (linear): n log n.
    """
    low, high = 0, len(passage)
    while low < high:
        middle = (low + high + 1) // 2
        if passage[:middle] in text:
            low = middle
        else:
            high = middle - 1
    return low


def near_miss(passage: str, text: str) -> str | None:
    """The closest text of a source to a passage that is not in it, and how they differ.

    Curators usually paste a passage through an editor that straightened a
    quote or dropped a no-break space; showing the differing words is faster
    than searching the source by eye.
    """
    import difflib

    from rapidfuzz import fuzz

    if not passage.strip() or not text:
        return None
    if len(passage) > _DIFF_CHARS:  # the part around where it stops being verbatim
        start = max(0, _verbatim_prefix(passage, text) - _DIFF_CHARS // 2)
        passage = passage[start : start + _DIFF_CHARS]
    alignment = fuzz.partial_ratio_alignment(passage, text)
    if alignment is None or alignment.score < 50:
        return None
    # The alignment's window has the passage's length; difflib finds where the
    # matching characters really start and end inside a slightly wider one.
    low = max(0, alignment.dest_start - 40)
    window = text[low : alignment.dest_end + 40]
    blocks = [
        b
        for b in difflib.SequenceMatcher(a=passage, b=window, autojunk=False).get_matching_blocks()
        if b.size
    ]
    start, end = _word_bounds(text, low + blocks[0].b, low + blocks[-1].b + blocks[-1].size)
    closest = text[start:end]
    line = text.count("\n", 0, start) + 1
    matcher = difflib.SequenceMatcher(a=passage, b=closest, autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        a1, a2 = _word_bounds(passage, i1, i2)
        b1, b2 = _word_bounds(closest, j1, j2)
        change = f"{passage[a1:a2]!r} → source {closest[b1:b2]!r}"
        if change not in changes:
            changes.append(change)
    shown = "; ".join(changes[:5]) + (f"; and {len(changes) - 5} more" if len(changes) > 5 else "")
    return f"closest source text (line {line}): {closest!r}\ndiffers: {shown}"


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to whole words, so a diff shows "Trump's", not "'"."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
