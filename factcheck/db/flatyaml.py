"""Read the plain layout ``factcheck import`` writes without a YAML parser.

An imported database is hundreds of thousands of records of one shape: a
top-level key, then list items of ``key: value`` lines, each value a JSON
double-quoted string or a bare word. PyYAML spends seconds turning such a
file into events (4 s of a 100,000-claim first run); read line by line it
takes a fraction of that. The values, their types and their line numbers
are the ones the YAML path gives (bare words are typed by PyYAML's own
resolver and constructor), and any line outside the layout (a comment, a
flow list, a block scalar, a duplicate key, an escape JSON and YAML read
differently) hands the whole file back to the YAML path, which then parses
it or reports what is wrong exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from json.decoder import scanstring
from typing import Any

from factcheck.db.database import Record
from factcheck.memo import Memo

_TOP = re.compile(r"([a-z_]+):(?: (\S.*))?")
_KEY = re.compile(r"[a-z_]+")
_WORD = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
# What neither YAML reader takes raw, or JSON and YAML escape differently
# (a lone surrogate: JSON pairs \ud83d\ude00, YAML does not).
_SURROGATE = r"\\u[dD][89a-fA-F]"
_OUTSIDE = re.compile(
    f"[^\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|{_SURROGATE}"
)
_SURROGATE_ESCAPE = re.compile(_SURROGATE)
_ASCII_RAW = bytes(range(0x20, 0x7F)) + b"\t\n"  # of ASCII, what both readers take raw
_STR_TAG = "tag:yaml.org,2002:str"


def read_flat(text: str) -> Any | None:
    """The file's values as ``parse_yaml`` builds them, or None when the file
    is not in the flat layout (then the YAML path reads it)."""
    if _outside(text) or "\r" in text:
        return None
    top = _record(1)
    items: list[Any] | None = None
    item: Any = None
    words = Memo(_bare_word, _WORDS_KEPT)
    repeated: dict[str, str] = {}
    keys = Memo(_item_key, _WORDS_KEPT)
    for number, line in enumerate(_lines(text), 1):
        # The commonest line first: an item's next key, then an item's first, then the rest.
        if line.startswith("    "):
            if item is None or number != item.line + len(item):
                return None  # (a key apart from its item's lines: the YAML path says where)
            target = item
        elif line.startswith("  - "):
            if items is None:
                return None
            target = item = _Item()
            item.line = number
            items.append(item)
        elif not line:
            continue
        elif line[0] == " ":
            return None
        else:
            found = _TOP.fullmatch(line)
            if found is None or found[1] in top or items == []:
                return None  # (an empty list is null to YAML: its path says so)
            key, value = found[1], found[2]
            top.key_lines[key] = number
            if value is None:
                items = top[key] = []
                item = None
                continue
            items, target = None, top
        if target is not top:
            key, _, value = line[4:].partition(": ")
            key = keys[key]
            if not value or not key or key in item:
                return None
        # A JSON string, the commonest value, is read here without a call apiece
        # (a method call per value was a sixth of reading 100,000 claims).
        if value[0] == '"':
            converted = _json_string(value)
            if key in _REPEATED:  # 100,000 ratings are a few words: one string each
                converted = repeated.setdefault(converted, converted)
        else:
            converted = words[value]
        if converted is _NOT_FLAT:
            return None
        target[key] = converted
    return top if top and items != [] else None


def _outside(text: str) -> bool:
    """Whether the text holds a character neither YAML reader takes raw, or an
    escape JSON and YAML read differently. ASCII text (what imports write) is
    checked in C: the full class costs 0.2 s over a 25 MB file."""
    if text.isascii():
        if text.encode("ascii").translate(None, _ASCII_RAW):
            return True
        return "\\u" in text and _SURROGATE_ESCAPE.search(text) is not None
    return _OUTSIDE.search(text) is not None


_BLOCK = 1 << 20


def _lines(text: str) -> Iterator[str]:
    """The text's lines, split a block at a time: a list of them all would be
    most of a 100,000-claim file's memory beside its values."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + _BLOCK)
        end = len(text) if end < 0 else end
        yield from text[start:end].split("\n")
        start = end + 1


_NOT_FLAT = object()


def _record(line: int) -> Any:
    record = Record()
    record.line = line
    record.key_lines = {}
    return record


class _Item(Record):
    """A list item: its keys are on the lines after its first, in order, so
    their lines are not kept (a dict of them per record was a sixth of a
    100,000-claim import's memory)."""

    __slots__ = ()

    def line_of(self, key: str) -> int:
        for offset, name in enumerate(self):
            if name == key:
                return self.line + offset
        return self.line


# Keys whose values repeat from record to record: each distinct value is kept once.
_REPEATED = frozenset({"review", "title", "publisher", "kind", "role", "affiliation"})


# Bare words kept once typed: a file has few (ids, kinds, booleans), or as many as its ids.
_WORDS_KEPT = 100_000


def _item_key(key: str) -> str:
    """An item's key, the one string for every item that has it (a string of its
    own per line was a third of 100,000 records' memory), or "" when it is not
    a key of the layout."""
    return key if _KEY.fullmatch(key) else ""


def _bare_word(value: str) -> Any:
    """A bare word's value, typed as PyYAML would, or _NOT_FLAT."""
    return _typed(value) if _WORD.fullmatch(value) else _NOT_FLAT


def _json_string(value: str) -> Any:
    """A double-quoted value's text, read by JSON's own string scanner, or _NOT_FLAT."""
    try:
        text, end = scanstring(value, 1, True)
    except ValueError:
        return _NOT_FLAT
    return text if end == len(value) else _NOT_FLAT


def _typed(word: str) -> Any:
    """A bare word's value: PyYAML's resolver and safe constructor decide."""
    import yaml

    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, word, (True, False))
    if tag == _STR_TAG:
        return word
    node = yaml.ScalarNode(tag, word)
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except Exception:  # a bad value: the YAML path reports it
        return _NOT_FLAT
