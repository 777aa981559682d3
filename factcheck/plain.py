"""Records as plain data, derived from the records' own fields.

Every writer of records (the JSON and YAML outputs, the database writer, the
cache) goes through here, so a field added to a record reaches all of them
at once instead of being listed again by hand in each and drifting (a claim's
``title`` was once shown by ``search`` and dropped by ``claims --format json``).

A writer names the fields its format has always had, in its order
(``first``); every other field follows in the record's order, written only
when it differs from its default, so that outputs made before the field
existed stay as they were. Fields in ``hidden`` are never written (a record's ``location`` is the
loader's business, a source's text is far too long for a report).

The cache keeps rows instead: a record's values in field order, with nested
records by id. :func:`schema` names every field of every stored record, so a
changed record can never read an old row: the cache puts it in its key.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Sequence
from typing import Any

from factcheck.model import Claim, Figure, Location, Review, Source, Speaker

HIDDEN = frozenset({"location"})
_STORED = (Location, Source, Speaker, Figure, Review, Claim)


def plain(value: Any) -> Any:
    """A record, tuple or date as JSON-ready values (records by all their fields)."""
    if isinstance(value, tuple):
        if hasattr(value, "_fields"):
            return record_dict(value, ())
        return [plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def record_dict(
    record: Any,
    first: Sequence[str],
    hidden: frozenset[str] = HIDDEN,
    convert: Callable[[str, Any], Any] | None = None,
) -> dict[str, Any]:
    """``record``'s ``first`` fields in that order, then its other fields that are set
    (not at their default).

    ``convert(name, value)`` may write a field its own way (a claim's speaker
    as an id in the database file); it returns ``NotImplemented`` for the
    fields it leaves to :func:`plain`.
    """
    data: dict[str, Any] = {}
    defaults = record._field_defaults
    for name in (*first, *(f for f in record._fields if f not in first and f not in hidden)):
        value = getattr(record, name)
        if name not in first and name in defaults and value == defaults[name]:
            continue
        converted = NotImplemented if convert is None else convert(name, value)
        data[name] = plain(value) if converted is NotImplemented else converted
    return data


def schema() -> str:
    """Every stored record's name and fields: part of the cache's key."""
    return ";".join(f"{kind.__name__}({','.join(kind._fields)})" for kind in _STORED)


# --- cache rows ------------------------------------------------------------------------------


class RowCodec:
    """Records to and from rows: values in field order, nested records by id.

    ``files`` numbers the database files, so a location is one int (line
    and file number): a tuple a row would cost marshal twice the load time.
    """

    def __init__(
        self,
        files: Sequence[str],
        sources: dict[str, Source] | None = None,
        speakers: dict[str, Speaker] | None = None,
    ) -> None:
        self.files = tuple(files)
        self._number = {name: n for n, name in enumerate(self.files)}
        self._base = max(1, len(self.files))
        self.sources = sources or {}
        self.speakers = speakers or {}
        self._encoders: dict[Any, list[tuple[int, Callable[[Any], Any]]]] = {}
        self._decoders: dict[Any, list[tuple[int, Callable[[Any], Any]]]] = {}

    def row(self, record: Any) -> tuple[Any, ...]:
        return tuple(self._converted(self._encoders, self._encoder, type(record), record))

    def source(self, row: Sequence[Any]) -> Source:
        return self._record(Source, row)

    def speaker(self, row: Sequence[Any]) -> Speaker:
        return self._record(Speaker, row)

    def claim(self, row: Sequence[Any]) -> Claim:
        return self._record(Claim, row)

    def _record(self, kind: Any, row: Sequence[Any]) -> Any:
        return kind._make(self._converted(self._decoders, self._decoder, kind, row))

    @staticmethod
    def _converted(
        table: dict[Any, list[tuple[int, Callable[[Any], Any]]]],
        converter: Callable[[str], Callable[[Any], Any] | None],
        kind: Any,
        values: Sequence[Any],
    ) -> list[Any]:
        """``values`` (a record's, or a row's) with the few fields stored another way
        converted; which those are, per record kind, is worked out once into ``table``."""
        converters = table.get(kind)
        if converters is None:
            found = ((n, converter(name)) for n, name in enumerate(kind._fields))
            converters = table[kind] = [(n, c) for n, c in found if c is not None]
        converted = list(values)
        for number, convert in converters:
            converted[number] = convert(converted[number])
        return converted

    def _encoder(self, name: str) -> Callable[[Any], Any] | None:
        """How a record's value of field ``name`` is stored in a row (None: as it is)."""
        if name == "location":
            number, base = self._number, self._base

            def location(value: Any) -> int:
                found = None if value is None else number.get(value.file)
                return -1 if found is None else value.line * base + found

            return location
        if name in ("source", "speaker"):
            return operator.attrgetter("id")
        if name == "date":
            return lambda v: None if v is None else v.toordinal()
        if name == "figures":
            return lambda v: tuple(map(tuple, v))
        if name == "review":
            return lambda v: None if v is None else self.row(v)
        return None

    def _decoder(self, name: str) -> Callable[[Any], Any] | None:
        """How a row's value of field ``name`` becomes the record's (None: as it is)."""
        if name == "location":
            base = self._base
            return lambda v: None if v < 0 else Location(self.files[v % base], v // base)
        if name == "source":
            return self.sources.__getitem__
        if name == "speaker":
            return self.speakers.__getitem__
        if name == "date":
            return lambda v: None if v is None else dt.date.fromordinal(v)
        if name == "figures":
            return lambda v: tuple(Figure._make(figure) for figure in v)
        if name == "review":
            return lambda v: None if v is None else self._record(Review, v)
        return None
