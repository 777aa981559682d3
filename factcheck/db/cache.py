"""The on-disk cache of a loaded database and its retrieval index.

Parsing a 100,000-claim YAML database takes tens of seconds and indexing it
a dozen more; ``verify`` must start in well under a second. So the parsed
database and its index are stored once per database content, as plain
values written with ``marshal`` (no classes, nothing that runs on load),
under the user cache directory:

- one file per database location, named by a hash of its path, so an
  edited database replaces its entry instead of piling up new ones, and
  entries of another layout are deleted when a new one is written;
- a header holding the *layout* (a hash of every stored record's field
  names, see :func:`factcheck.plain.schema`, and of the payload's parts: a
  changed record can never read an old row, and no format number needs
  bumping by hand), the *key* (a hash of the tool version, the layout, the
  Python version and every database file's path and bytes) and a
  checksum of the payload: a stale or corrupt entry is rebuilt, never
  trusted; source texts the database read are checked by size and mtime;
- written to a temporary file in the same folder, fsynced, then
  ``os.replace``d: readers see the old entry or the new one, never half of
  one, and two processes building at once both succeed;
- a cache folder that cannot be written (read-only, full) is not an error:
  the database is loaded without it and the reason is returned as a warning.

Records are stored as rows in field order (:class:`factcheck.plain.RowCodec`).
Claims are rebuilt from their rows lazily (``LazyClaims``): the matcher
touches only its candidates, so a load does not construct 100,000 objects.
"""

# Not `from __future__ import annotations`: see factcheck/model.py (start-up).

import contextlib
import marshal
import os
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, overload

try:  # hashlib's own BLAKE2, without hashlib loading OpenSSL first (about 4 ms of start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

from factcheck import __version__
from factcheck.check.index import Candidates, Index
from factcheck.model import Claim, Database, same_fact_links
from factcheck.plain import RowCodec, schema

_PAYLOAD = ("files", "dependencies", "sources", "speakers", "claims", "links", "index", "other")
# Database fields kept as they are (plain values: a curator's paraphrase lines...).
_OTHER = tuple(
    f for f in Database._fields if f not in ("sources", "speakers", "claims", "files", "links")
)


def _layout(records: str) -> bytes:
    """What an entry's rows mean: the stored records' fields, the payload's parts."""
    text = f"{records}\0{','.join(_PAYLOAD)}\0{','.join(_OTHER)}"
    return blake2b(text.encode(), digest_size=4).digest()


_LAYOUT = _layout(schema())
_MAGIC_PREFIX = b"FCCACHE"  # every layout's entries start with it
MAGIC = _MAGIC_PREFIX + _LAYOUT
ENV_DIR = "FACTCHECK_CACHE_DIR"
ENV_DISABLE = "FACTCHECK_NO_CACHE"
_HEADER = len(MAGIC) + 32 + 4  # the key, then the payload's CRC-32


class Loaded(NamedTuple):
    """A database with its index; ``warning`` says why the cache was not used."""

    database: Database
    index: Candidates
    from_cache: bool = False
    warning: str | None = None


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is switched off."""
    if os.environ.get(ENV_DISABLE, "") not in ("", "0"):
        return None
    explicit = os.environ.get(ENV_DIR)
    if explicit:
        return Path(explicit)
    return user_cache_dir()


def user_cache_dir() -> Path:
    """The platform's cache folder for factcheck.

    macOS and Windows ask platformdirs (``~/Library/Caches/factcheck``,
    ``%LOCALAPPDATA%\\factcheck\\Cache``). Elsewhere the XDG rule, which is
    all platformdirs would do there, without the 4 ms its import costs every
    run: ``$XDG_CACHE_HOME``, ignored unless absolute (as the spec says),
    else ``~/.cache``.
    """
    if sys.platform in ("darwin", "win32"):
        import platformdirs

        return Path(platformdirs.user_cache_dir("factcheck", appauthor=False))
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = str(Path.home() / ".cache")
    return Path(base) / "factcheck"


def load_indexed(
    path: str | os.PathLike[str] | None = None, *, use_cache: bool = True, with_stores: bool = True
) -> Loaded:
    """The YAML database at ``path`` (default: the configured one) and its index.

    Raises ``DatabaseError`` as ``load_database`` does; problems with the
    cache itself only ever produce a warning. ``with_stores=False`` reads
    only a folder's YAML files (``db.store`` opens its SQLite stores
    lazily); commands open databases through ``db.store.open_database``.
    """
    from factcheck.db.database import (
        database_files,
        default_database_path,
        is_sqlite,
        read_database_file,
    )

    root = Path(path) if path is not None else default_database_path()
    files = database_files(root)
    if not with_stores:
        files = [file for file in files if not is_sqlite(file)]
    folder = cache_dir() if use_cache else None
    # Even the bundled 22 kB database loads 10x faster from the cache (4 ms
    # against 50 ms, most of it importing yaml), so every database is cached.
    if folder is None:
        return _build(root, with_stores=with_stores)
    # Read once: the key is a hash of exactly the bytes that are parsed on a miss,
    # so an edit made meanwhile cannot slip into an entry under the old key.
    contents = {file: read_database_file(file) for file in files}
    key = _key(contents)
    entry = folder / (blake2b(str(root.resolve()).encode(), digest_size=12).hexdigest() + ".cache")
    plain = _read(entry, key)
    if plain is not None:
        try:
            return Loaded(*_from_plain(plain), from_cache=True)
        except (KeyError, IndexError, TypeError, ValueError, OSError):
            pass  # a well-formed but wrong payload: as corrupt as a bad checksum
    loaded = _build(root, contents, with_stores=with_stores)
    try:
        _write(folder, entry, key, _to_plain(loaded.database, loaded.index))
    except OSError as error:
        reason = error.strerror or str(error)
        return Loaded(loaded.database, loaded.index, warning=f"cache not written: {reason}")
    except ValueError as error:  # marshal met a value that is not plain: a bug, not a crash
        return Loaded(loaded.database, loaded.index, warning=f"cache not written: {error}")
    return loaded


def _build(
    root: Path, contents: dict[Path, bytes] | None = None, *, with_stores: bool = True
) -> Loaded:
    from factcheck.check.matcher import build_index
    from factcheck.db.database import load_database

    database = load_database(root, contents, with_stores=with_stores)
    return Loaded(database, build_index(database.claims))


def _key(contents: dict[Path, bytes]) -> bytes:
    """A hash of the tool and format versions, Python's, and every file's path and bytes."""
    digest = blake2b(f"{__version__}\0{sys.version}\0".encode(), digest_size=32)
    digest.update(MAGIC)
    for file, data in contents.items():
        digest.update(str(file.resolve()).encode() + b"\0")
        digest.update(data)
        digest.update(b"\0")
    return digest.digest()


def _read(entry: Path, key: bytes) -> Any:
    """The entry's payload when it is for ``key`` and intact, else None."""
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    if len(data) < _HEADER or not data.startswith(MAGIC):
        return None
    start = len(MAGIC)
    if data[start : start + 32] != key:
        return None
    payload = memoryview(data)[_HEADER:]
    if _checksum(payload) != data[start + 32 : _HEADER]:
        return None
    try:
        plain = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return plain if _dependencies_unchanged(plain) else None


def _write(folder: Path, entry: Path, key: bytes, plain: Any) -> None:
    from factcheck.atomic import replace_file

    payload = marshal.dumps(plain)
    folder.mkdir(parents=True, exist_ok=True)
    replace_file(entry, [MAGIC + key + _checksum(payload), payload])
    _remove_other_formats(folder)


def _remove_other_formats(folder: Path) -> None:
    """Delete entries another cache layout wrote: our prefix, another layout.

    Entries are named by database path, so a new layout (or a new way of
    naming) would otherwise leave the old entry behind for good. A file that
    does not start with our prefix is not ours (``FACTCHECK_CACHE_DIR`` may
    point at a folder other tools use too) and is left alone.
    """
    for other in folder.glob("*.cache"):
        try:
            with other.open("rb") as handle:
                magic = handle.read(len(MAGIC))
            if magic.startswith(_MAGIC_PREFIX) and magic != MAGIC:
                other.unlink()
        except OSError:
            continue


def _checksum(payload: bytes | memoryview) -> bytes:
    """The payload's CRC-32: a corrupt entry is rebuilt, not trusted.

    Corruption, not forgery, is what it guards against (the key already ties
    the entry to the database's bytes), and CRC-32 reads the 37 MB payload
    of 100,000 claims about five times faster than BLAKE2.
    """
    return zlib.crc32(payload).to_bytes(4, "big")


def _dependencies_unchanged(plain: Any) -> bool:
    """Source texts are files besides the YAML: unchanged size and mtime."""
    try:
        for name, size, mtime in plain["dependencies"]:
            stat = os.stat(name)
            if stat.st_size != size or stat.st_mtime_ns != mtime:
                return False
    except (OSError, KeyError, TypeError, ValueError):
        return False
    return True


def _to_plain(database: Database, index: Index) -> dict[str, Any]:
    files = list(database.files)
    codec = RowCodec(files)
    dependencies = []
    for source in database.sources.values():
        if source.path and source.location is not None:
            text_path = Path(source.location.file).parent / source.path
            with contextlib.suppress(OSError):
                stat = text_path.stat()
                dependencies.append((str(text_path), stat.st_size, stat.st_mtime_ns))
    parts = (
        files,
        dependencies,
        [codec.row(s) for s in database.sources.values()],
        [codec.row(s) for s in database.speakers.values()],
        [codec.row(c) for c in database.claims],
        database.links,
        index.to_plain(),
        {name: getattr(database, name) for name in _OTHER},
    )
    return dict(zip(_PAYLOAD, parts, strict=True))


def _from_plain(plain: dict[str, Any]) -> tuple[Database, Index]:
    files = tuple(plain["files"])
    codec = RowCodec(files)
    codec.sources = {row[0]: codec.source(row) for row in plain["sources"]}
    codec.speakers = {row[0]: codec.speaker(row) for row in plain["speakers"]}
    rows = plain["claims"]
    links = plain["links"]
    if links is None:  # a database built by hand, without its links worked out
        same_as = Claim._fields.index("same_as")
        links = same_fact_links([row[0] for row in rows], [row[same_as] for row in rows])
    claims = LazyClaims(rows, codec)
    database = Database(codec.sources, codec.speakers, claims, files, links=links, **plain["other"])
    return database, Index.from_plain(plain["index"])


class NumberedClaims(Sequence[Claim]):
    """Claims read by claim number, each built when first asked for.

    The one shape every store's claims take (the cache's rows, a SQLite
    table, a folder of parts): subclasses say how many there are and how
    claim ``number`` (0 to len - 1) is read.
    """

    def __len__(self) -> int:
        raise NotImplementedError

    def claim(self, number: int) -> Claim:
        raise NotImplementedError

    @overload
    def __getitem__(self, number: int) -> Claim: ...
    @overload
    def __getitem__(self, number: slice) -> tuple[Claim, ...]: ...
    def __getitem__(self, number: int | slice) -> Claim | tuple[Claim, ...]:
        if isinstance(number, slice):
            return tuple(self[n] for n in range(*number.indices(len(self))))
        if number < 0:
            number += len(self)
        if not 0 <= number < len(self):
            raise IndexError(number)
        return self.claim(number)

    def __iter__(self) -> Iterator[Claim]:
        return (self.claim(n) for n in range(len(self)))


class LazyClaims(NumberedClaims):
    """A database's claims, each built from its cached row when first read."""

    def __init__(self, rows: list[tuple[Any, ...]], codec: RowCodec) -> None:
        self._rows = rows
        self._codec = codec
        self._built: list[Claim | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def claim(self, number: int) -> Claim:
        claim = self._built[number]
        if claim is None:
            claim = self._built[number] = self._codec.claim(self._rows[number])
        return claim
