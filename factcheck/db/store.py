"""Open a database wherever it is kept: the one way every command gets one.

A database path is a YAML file, a SQLite store (``db.sqlite``) or a folder
of either or both. Whatever it is, the caller gets a :class:`Loaded`: a
``Database`` whose ``claims`` is a sequence read lazily, and an index that
answers ``check.index.Candidates``. The matcher re-scores whatever the index
proposes with the same features, so a score means the same in every store.

A folder of several is read as one database: claim numbers run on from one
part to the next, and a term's idf counts every part (``search_parts``).
A server backend (PostgreSQL, say) would be one more part: a ``Candidates``
over its tables and a claims sequence reading rows by number.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections import ChainMap
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from factcheck.check.index import DEPTH, Postings, idf, search_parts
from factcheck.db.cache import Loaded, NumberedClaims
from factcheck.model import Claim, Database, Source


def open_database(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Loaded:
    """The database at ``path`` (default: the configured one) with its index."""
    from factcheck.db.cache import load_indexed
    from factcheck.db.database import database_files, default_database_path, is_sqlite

    root = Path(path) if path is not None else default_database_path()
    files = database_files(root)
    if not any(is_sqlite(file) for file in files):
        return load_indexed(root, use_cache=use_cache)
    from factcheck.db.sqlite import Store

    stores = [Store(file) for file in files if is_sqlite(file)]
    parts: list[tuple[Sequence[Claim], Postings]] = []
    source_maps: list[Mapping[str, Source]] = []
    speakers: dict[str, Any] = {}
    paraphrases: tuple[str, ...] = ()
    warning = None
    yaml_links: dict[str, tuple[int, ...]] = {}
    if len(stores) < len(files):
        loaded = load_indexed(root, use_cache=use_cache, with_stores=False)
        warning = loaded.warning
        database = loaded.database
        source_maps.append(database.sources)
        speakers.update(database.speakers)
        paraphrases = database.paraphrases
        yaml_links = database.links or {}
        parts.append((database.claims, loaded.index))
    for store in stores:
        source_maps.append(store.sources)
        speakers.update(store.speakers)
    # Read through, not copied: a store's sources are read as claims name them.
    sources = source_maps[0] if len(source_maps) == 1 else ChainMap(*source_maps)
    for store in stores:
        parts.append((store.claims(sources, speakers), store.index()))
    claims = Parts([part for part, _index in parts])
    index = PartsIndex(
        [(offset, index) for offset, (_c, index) in zip(claims.offsets, parts, strict=True)]
    )
    links = dict(yaml_links)
    links.update(_store_links(stores, claims))
    database = Database(
        sources, speakers, claims, tuple(map(str, files)), paraphrases=paraphrases, links=links
    )
    return Loaded(database, index, warning=warning)


def _store_links(stores: list[Any], claims: Parts) -> dict[str, tuple[int, ...]]:
    """``same_as`` both ways, as claim numbers, for the few stored claims that link."""
    found: dict[str, dict[int, None]] = {}
    offsets = dict(zip(map(id, stores), claims.offsets[-len(stores) :], strict=True))
    for store in stores:
        for number, claim_id, named in store.links():
            number += offsets[id(store)]
            for other in named:
                position = claims.position(other)
                if position is None:
                    continue
                found.setdefault(claim_id, {})[position] = None
                found.setdefault(claims[position].id, {})[number] = None
    return {key: tuple(value) for key, value in found.items()}


class Parts(NumberedClaims):
    """Claims of several parts read as one sequence, numbered on from part to part."""

    def __init__(self, parts: list[Sequence[Claim]]) -> None:
        self.parts = parts
        self.offsets = [0]
        for part in parts:
            self.offsets.append(self.offsets[-1] + len(part))
        self.offsets.pop()
        self._size = sum(len(part) for part in parts)

    def __len__(self) -> int:
        return self._size

    def claim(self, number: int) -> Claim:
        part = bisect_right(self.offsets, number) - 1
        return self.parts[part][number - self.offsets[part]]

    def __iter__(self) -> Iterator[Claim]:
        for part in self.parts:
            yield from part

    def position(self, claim_id: str) -> int | None:
        """The number of the claim with an id (through a store's unique index)."""
        for offset, part in zip(self.offsets, self.parts, strict=True):
            finder = getattr(part, "find_number", None)
            if finder is not None:
                number = finder(claim_id)
            else:
                number = next((n for n, c in enumerate(part) if c.id == claim_id), None)
            if number is not None:
                return offset + number
        return None

    def find(self, claim_id: str) -> Claim | None:
        number = self.position(claim_id)
        return None if number is None else self[number]


class PartsIndex:
    """Several parts' indexes read as one ``Candidates`` (idf over every part)."""

    def __init__(self, parts: list[tuple[int, Postings]]) -> None:
        self.parts = parts
        self.size = sum(index.size for _offset, index in parts)

    def document_frequency(self, term: str) -> int:
        return sum(index.document_frequency(term) for _offset, index in self.parts)

    def idf(self, term: str) -> float:
        return idf(self.size, self.document_frequency(term))

    def search_terms(
        self, query_terms: list[str], limit: int, depth: int = DEPTH
    ) -> list[tuple[int, float]]:
        return search_parts(self.parts, self.size, query_terms, limit, depth)
