"""Write the claims database: render drafts, merge reviewed candidates, write atomically.

Merging is *textual*: the reviewed candidates' items are cut out of their
file as written (with the comments just above them) and inserted after the
last item of the same list in the database file. Nothing else of the
database file changes, so its comments, quoting and layout survive — a YAML
round trip through PyYAML would drop every comment. The merged text is
checked with the database loader before anything is written, and the write
is atomic: a temporary file beside the target, fsync, ``os.replace``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.atomic import check_writable, replace_file, target_of, write_lock
from factcheck.errors import DatabaseError
from factcheck.model import Claim, Database, Figure, Source, Speaker
from factcheck.plain import HIDDEN, record_dict

LISTS = ("sources", "speakers", "claims")
# The fields a draft has always written (null when unset, for the curator to
# fill in), in the database's order; a record's other fields follow when set.
_SOURCE = ("id", "title", "publisher", "kind", "place", "date", "path", "url")
_SPEAKER = ("id", "name", "kind", "role", "affiliation", "aliases")
_CLAIM = ("id", "source", "speaker", "type", "claim", "passage", "quote", "figures", "context",
          "tags", "same_as")  # fmt: skip
_HEADER = (
    "# Drafted by `factcheck extract`: every passage is verbatim from the source text.\n"
    "# Review each candidate (claim wording, speaker, type, figures, tags), delete the ones\n"
    "# not worth checking, then merge: factcheck add THIS.yaml --into claims.yaml\n"
)


# --- ids -----------------------------------------------------------------------------------


def slug(text: str, limit: int | None = 6) -> str:
    """A readable id part: lower-case ASCII words joined by hyphens ("José Peña" → "jose-pena")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(parts[:limit]) or "x"


class UniqueIds:
    """Hands out ids unique among those it gave: ``base``, or ``base-2``,
    ``base-3``… when taken, so different records whose words slug alike
    ("J. Smith", "J Smith") still get ids of their own.

    Each base remembers the next number to try: n records of one base cost
    n steps in all, not n²/2 (10,000 quotations of one sentence took minutes).
    """

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._next: dict[str, int] = {}

    def take(self, base: str) -> str:
        candidate, n = base, self._next.get(base, 2)
        if base in self.used:
            candidate = f"{base}-{n}"
            while candidate in self.used:  # a literal "x-2" may have been handed out
                n += 1
                candidate = f"{base}-{n}"
            n += 1
        self._next[base] = n
        self.used.add(candidate)
        return candidate


# --- rendering -----------------------------------------------------------------------------


def render_draft(source: Source, speakers: tuple[Speaker, ...], claims: tuple[Claim, ...]) -> str:
    """A database file for a draft, laid out like claims.yaml (flow style for small lists)."""
    out = [_HEADER, "version: 1\n", "\nsources:\n"]
    out.append(_item(record_dict(source, _SOURCE, HIDDEN | {"text"}, _as_written)))
    out.append("\nspeakers:\n")
    for speaker in speakers:
        out.append(_item(record_dict(speaker, _SPEAKER)) + "\n")
    out.append("claims:\n")
    for claim in claims:
        out.append("\n" + _item(record_dict(claim, _CLAIM, convert=_as_written)))
    return "".join(out)


def _as_written(name: str, value: Any) -> Any:
    """A field as the database file writes it: sources and speakers by id."""
    if name in ("source", "speaker"):
        return value.id
    if name == "figures":
        return [_figure(f) for f in value]
    if name == "date":
        return value  # scalar() writes a date unquoted
    return NotImplemented


def _item(record: dict[str, Any]) -> str:
    """One list item: ``  - key: value`` lines; figures one flow mapping a line."""
    lines = []
    for n, (key, value) in enumerate(record.items()):
        lead = "  - " if n == 0 else "    "
        if key == "figures" and value:
            lines.append(f"{lead}{key}:")
            lines.extend(f"      - {scalar(figure)}" for figure in value)
        else:
            lines.append(f"{lead}{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def _figure(figure: Figure) -> dict[str, Any]:
    record: dict[str, Any] = {"text": figure.text, "value": _number(figure.value)}
    record["unit"] = figure.unit
    for key in ("counts", "year", "qualifier"):
        if getattr(figure, key) is not None:
            record[key] = getattr(figure, key)
    if figure.span is not None:
        record["span"] = list(figure.span)
    if figure.parts:
        record["parts"] = list(figure.parts)
    return record


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def scalar(value: Any) -> str:
    """A value as one line of YAML (flow style), quoted only where YAML needs it."""
    import yaml

    if isinstance(value, dt.date):
        return value.isoformat()
    text = yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, sort_keys=False, width=2**31 - 1
    )
    return text.removesuffix("\n...\n").rstrip("\n")


# --- merging -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    """A list item's text span (whole lines, comments above included), where its
    dash and first key are, and its scalar fields that merging reads (``_READ``):
    value, start and end offset each."""

    start: int
    end: int
    line: int  # of the dash, 0-based
    dash_column: int  # column of the item's dash in its line
    content_column: int  # column of the item's first key (or value), on the dash line
    fields: dict[str, tuple[str, int, int]]
    lead_lines: int = 0  # comment lines above the dash line

    @property
    def id(self) -> str | None:
        return self.field("id")

    def field(self, key: str) -> str | None:
        found = self.fields.get(key)
        return None if found is None else found[0]


# An item's fields that merging reads: its id, a speaker's name, a source's path.
_READ = frozenset({"id", "name", "path"})


@dataclass(frozen=True)
class _List:
    key_end: int
    empty_end: int  # where the value ends, which items replace when there are none
    items: tuple[_Item, ...]


@dataclass(frozen=True)
class MergeResult:
    """What ``add`` did: the merged text and the ids it added or reused."""

    text: str
    added: dict[str, tuple[str, ...]]
    reused_speakers: tuple[str, ...]


def merge(
    target_text: str,
    target: Path,
    candidates_text: str,
    candidates: Path,
    existing: dict[str, dict[str, Any]],
) -> MergeResult:
    """Insert the candidates' items into the target text; refuse id clashes.

    ``existing`` maps each list name to the ids already in the database (and
    where). A speaker already there under the same id and name is reused, not
    added again: a second release quoting the same person is the normal case.
    """
    import yaml

    cand_lists = _lists(candidates_text, str(candidates), yaml)
    target_lists = _lists(target_text, str(target), yaml)
    edits: list[tuple[int, int, str]] = []
    appended: list[str] = []
    added: dict[str, tuple[str, ...]] = {}
    reused: list[str] = []
    newline = "\r\n" if "\r\n" in target_text else "\n"
    for key in LISTS:
        chosen = []
        for item in cand_lists[key].items if key in cand_lists else ():
            clash = existing[key].get(item.id)
            if clash is None:
                chosen.append(item)
            elif key == "speakers" and clash["name"] == item.field("name"):
                reused.append(str(item.id))
            else:
                raise DatabaseError(
                    f"{key[:-1]} id {item.id!r} is already in the database at {clash['where']}",
                    file=str(candidates),
                    line=item.line + 1,
                    fix="rename it here, or delete it if it is the same record",
                )
        added[key] = tuple(str(i.id) for i in chosen)
        if not chosen:
            continue
        texts = [
            _item_text(candidates_text, item, key, candidates.parent, target.parent)
            for item in chosen
        ]
        edits_or_tail = _insertion(target_text, target_lists.get(key), key, texts, chosen, newline)
        if isinstance(edits_or_tail, str):
            appended.append(edits_or_tail)
        else:
            edits.append(edits_or_tail)
    text = target_text
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    if appended:
        text = text.rstrip("\r\n") + newline + "".join(appended)
    return MergeResult(text, added, tuple(reused))


def _lists(text: str, name: str, yaml: Any) -> dict[str, _List]:
    """The top-level lists of a database file, with their items' text spans.

    Read from the parser's events, not a composed node graph: a 100,000-claim
    database is 1.2 million events, which compose into nodes in 5 s and 600
    MB; walked as they come they take under a second and keep only the spans.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    events = _Events(yaml.parse(text, Loader=loader), yaml)
    try:
        return _read_lists(text, name, events)
    except yaml.YAMLError as error:
        raise DatabaseError(f"malformed YAML: {error}".splitlines()[0], file=name) from None


class _Events:
    """The parser's events one at a time, with a look at the next, and the walk
    over a whole value that merging needs."""

    def __init__(self, events: Iterator[Any], yaml: Any) -> None:
        self._events = events
        self._next: Any = None
        self.yaml = yaml
        self._starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
        self._ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)

    def peek(self) -> Any:
        if self._next is None:
            self._next = next(self._events, None)
        return self._next

    def take(self) -> Any:
        event = self.peek()
        self._next = None
        return event

    def rest(self, first: Any) -> int:
        """Take the rest of a value that began with ``first`` (taken already); where it
        ends: its last scalar's end, or a flow collection's own (a block
        collection's end mark overshoots, to the next line). Walked with a
        stack of the open collections (flow or not), not by recursion: a
        file may nest deeper than Python recurses."""
        if not isinstance(first, self._starts):
            return first.end_mark.index
        open_flow = [bool(first.flow_style)]
        last = first.start_mark.index
        while open_flow:
            event = self.take()
            if isinstance(event, self._starts):
                open_flow.append(open_flow[-1] or bool(event.flow_style))
            elif isinstance(event, self._ends):
                flow = open_flow.pop()
                if flow and not (open_flow and open_flow[-1]):  # a flow collection's own end
                    last = max(last, event.end_mark.index)
            elif not open_flow[-1]:  # a scalar of a block collection
                last = max(last, event.end_mark.index)
        return last


def _read_lists(text: str, name: str, events: _Events) -> dict[str, _List]:
    yaml = events.yaml
    events.take()  # the stream's start
    if isinstance(events.peek(), yaml.StreamEndEvent):
        return {}
    events.take()  # the document's start
    root = events.take()
    if not isinstance(root, yaml.MappingStartEvent) or root.flow_style:
        raise DatabaseError(
            "a database file must be a block mapping (version, sources, speakers, claims)",
            file=name,
            line=root.start_mark.line + 1,
        )
    found = {}
    while not isinstance(events.peek(), yaml.MappingEndEvent):
        key = events.take()
        if not isinstance(key, yaml.ScalarEvent) or key.value not in LISTS:
            events.rest(key)  # (a key that is no scalar is a whole value too)
            events.rest(events.take())
            continue
        value = events.take()
        if isinstance(value, yaml.SequenceStartEvent):
            items = []
            while not isinstance(events.peek(), yaml.SequenceEndEvent):
                if not isinstance(events.peek(), yaml.MappingStartEvent):
                    raise DatabaseError(
                        f"each item of {key.value} must be a mapping (key: value lines)",
                        file=name,
                        line=events.peek().start_mark.line + 1,
                    )
                items.append(_list_item(text, events))
            end = events.take().end_mark.index  # (of `[]`, which items would replace)
            found[key.value] = _List(key.end_mark.index, end, tuple(items))
        elif isinstance(value, yaml.ScalarEvent) and value.value in ("", "~", "null"):
            end = key.end_mark.index + 1 if value.value == "" else value.end_mark.index
            found[key.value] = _List(key.end_mark.index, end, ())
        else:
            raise DatabaseError(
                f"{key.value} must be a list", file=name, line=value.start_mark.line + 1
            )
    return found


def _list_item(text: str, events: _Events) -> _Item:
    """One list item (its mapping's events): whole lines from its dash (or the
    comments just above) to its last value."""
    yaml = events.yaml
    mark = events.take().start_mark
    fields: dict[str, tuple[str, int, int]] = {}
    last = mark.index
    while not isinstance(events.peek(), yaml.MappingEndEvent):
        key = events.take()
        events.rest(key)
        value = events.take()
        read = isinstance(key, yaml.ScalarEvent) and key.value in _READ
        if read and isinstance(value, yaml.ScalarEvent):
            fields[key.value] = (value.value, value.start_mark.index, value.end_mark.index)
        last = max(last, events.rest(value))
    events.take()
    line_start = text.rfind("\n", 0, mark.index) + 1
    dash = text.rfind("-", line_start, mark.index)
    start = line_start
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        if not text[previous:start].strip().startswith("#"):
            break
        start = previous
    line_end = text.find("\n", last)
    end = len(text) if line_end < 0 else line_end + 1
    lead = text.count("\n", start, line_start)
    return _Item(start, end, mark.line, dash - line_start, mark.column, fields, lead)


def _item_text(text: str, item: _Item, key: str, old_dir: Path, new_dir: Path) -> str:
    """An item's text, with a source's path made relative to the target's folder."""
    path = item.fields.get("path") if key == "sources" else None
    if path is None or path[0] in ("", "~", "null"):
        return text[item.start : item.end]
    value, start, end = path
    moved = os.path.relpath((old_dir / value).resolve(), new_dir.resolve())
    return text[item.start : start] + scalar(Path(moved).as_posix()) + text[end : item.end]


def _insertion(text, found, key, texts, chosen, newline) -> tuple[int, int, str] | str:
    """An edit that appends item texts to a list, or text to append for a missing list."""
    blank = newline if found is None or _spaced(text, found.items) else ""
    # The target's layout wins: its dash column and key column, else claims.yaml's.
    last = found.items[-1] if found is not None and found.items else None
    layout = (last.dash_column, last.content_column) if last else (2, 4)
    block = "".join(
        blank + _indent(t, item, layout, newline) for t, item in zip(texts, chosen, strict=True)
    )
    if found is None:
        return f"{newline}{key}:{newline}" + block.removeprefix(newline)
    if found.items:
        end = found.items[-1].end
        if not text[:end].endswith("\n"):
            block = newline + block
        return end, end, block
    # An empty list (`claims: []`, `claims: null` or `claims:`): the items replace the value.
    return found.key_end + 1, found.empty_end, newline + block.removeprefix(blank)


def _spaced(text: str, items: tuple[_Item, ...]) -> bool:
    """Whether a list separates its items with blank lines (claims.yaml does).

    It reads back from each item's start over blanks only: a copy of the text
    before every item made adding one claim to 20,000 take half a minute.
    """
    return any(not _before(text, b.start, " \t").endswith("\n") or
               _before(text, b.start, " \t\r").endswith("\n\n") for b in items[1:])  # fmt: skip


def _before(text: str, end: int, blanks: str) -> str:
    """The two characters before ``end`` once the ``blanks`` just before it are skipped."""
    while end > 0 and text[end - 1] in blanks:
        end -= 1
    return text[max(0, end - 2) : end]


def _indent(item_text: str, item: _Item, layout: tuple[int, int], newline: str) -> str:
    """Re-lay an item in the target's columns: comments and dash, then its keys.

    Lines below the dash line move by the same amount, so nested lists and
    block scalars keep their relative indentation.
    """
    dash, content = layout
    out = []
    for n, line in enumerate(item_text.splitlines()):
        if n == item.lead_lines:
            gap = " " * max(1, content - dash - 1)
            out.append(" " * dash + "-" + gap + line[item.content_column :])
            continue
        shift = dash - item.dash_column if n < item.lead_lines else content - item.content_column
        out.append(_shift(line, shift))
    return newline.join(out) + newline


def _shift(line: str, shift: int) -> str:
    if shift >= 0:
        return " " * shift + line if line.strip() else line
    return line[min(-shift, len(line) - len(line.lstrip(" "))) :]


# --- adding reviewed candidates ------------------------------------------------------------


@dataclass(frozen=True)
class AddResult:
    """Where the candidates went and what was added or reused."""

    path: Path
    added: dict[str, tuple[str, ...]]
    reused_speakers: tuple[str, ...]


def add_candidates(candidates: Path, into: Path) -> AddResult:
    """Merge a reviewed candidates file into a database file (or a new file in a folder).

    Refuses id clashes, and refuses to write a database that would not load:
    the merged text is validated with the database (the whole folder when
    ``into`` is one) before the atomic write.
    """
    from factcheck.db.database import is_sqlite, parse_yaml_file, read_database

    data = parse_yaml_file(candidates)  # safe parse first: aliases, tags, bad UTF-8, line numbers
    if is_sqlite(into):
        from factcheck.db.sqlite import add_candidates as add_to_store

        added, reused = add_to_store(candidates, data, into)
        return AddResult(into, added, reused)
    candidates_text, _bom = _read(candidates)
    target = into / (candidates.stem + ".yaml") if os.path.isdir(into) else into
    with _locked(target):  # read, merge and write under the lock: no merge is lost
        if os.path.isdir(into):
            if target.exists():
                raise DatabaseError(
                    "a database file of that name already exists",
                    file=str(target),
                    fix=f"merge into it with --into {target}, or rename {candidates.name}",
                )
            target_text, bom = "version: 1\n", False
        elif os.path.isfile(into):
            target_text, bom = _read(into)
        else:
            raise DatabaseError(
                "database not found", file=str(into), fix="pass a YAML file or folder"
            )
        database, _problems = read_database(into)
        existing: dict[str, dict[str, Any]] = {
            "sources": {k: {"where": v.location} for k, v in database.sources.items()},
            "speakers": {
                k: {"where": v.location, "name": v.name} for k, v in database.speakers.items()
            },
            "claims": {c.id: {"where": c.location} for c in database.claims},
        }
        result = merge(target_text, target, candidates_text, candidates, existing)
        refuse_invalid(into, target, result.text, "merged", candidates, "candidates", "add")
        atomic_write(target, ("\ufeff" if bom else "") + result.text)
    return AddResult(target, result.added, result.reused_speakers)


def refuse_invalid(
    root: Path, target: Path, text: str, made: str, blame: Path, what: str, command: str
) -> Database:
    """The database at ``root`` with ``text`` as ``target``; raise unless it is sound.

    Every writer of a database validates what it is about to write, so a
    failed run leaves the old file byte for byte. The error names the file
    the bad text came from (``blame``, the ``what`` to fix before running
    ``command`` again) and how the text was ``made`` (merged, imported).
    """
    from factcheck.db.database import read_database

    database, problems = read_database(root, overrides={target: text})
    if problems:
        first = problems[0]
        raise DatabaseError(
            f"nothing written: the {made} database would be invalid: {first.message} "
            f"(line {first.line} of the {made} {Path(first.file).name})",
            file=str(blame),
            fix=first.fix or f"fix the {what} and run {command} again",
        )
    return database


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
    """Hold ``target``'s write lock; a lock we cannot take is a one-line error.

    Checked first too: a read-only database is refused before any work.
    """
    stack = contextlib.ExitStack()
    try:
        check_writable(target_of(target))
        stack.enter_context(write_lock(target))
    except OSError as error:
        raise DatabaseError(f"cannot write: {error.strerror or error}", file=str(target)) from None
    with stack:
        yield


def _read(path: Path) -> tuple[str, bool]:
    """A YAML file's text and whether it had a BOM (kept on rewrite)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DatabaseError(f"cannot read: {error.strerror}", file=str(path)) from None
    try:
        return data.decode("utf-8-sig"), data.startswith(b"\xef\xbb\xbf")
    except UnicodeDecodeError as error:
        raise DatabaseError(f"invalid UTF-8 at byte {error.start}", file=str(path)) from None


# --- writing -------------------------------------------------------------------------------


def atomic_write(path: Path, text: str) -> None:
    """Replace a database or draft file's text all at once (see :func:`replace_file`).

    A failure is a :class:`DatabaseError` naming the file; the old file is untouched.
    """
    try:
        replace_file(path, [text.encode("utf-8")])
    except OSError as error:
        raise DatabaseError(f"cannot write: {error.strerror or error}", file=str(path)) from None
