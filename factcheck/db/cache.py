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
  Python version and every database file's path and bytes) and a *MAC* of
  key and payload;
- entries are untrusted input. Anyone who can write an entry could forge
  one (the key is a hash of values anyone knows), and ``marshal`` is not
  safe against crafted bytes (it may crash the interpreter), so checking a
  payload's structure after loading it would come too late: each entry is
  authenticated before it is loaded, with keyed BLAKE2b under a per-user
  secret (the file ``key`` beside the entries, 32 random bytes, mode 0600).
  An entry without the right MAC is rebuilt, never answered from. The
  folder is created 0700; one writable by others or owned by someone else
  is not used at all (a one-line warning says why and how to fix it);
- source texts the database read are trusted by their file's identity:
  device, inode, size, mtime and ctime. Any write to a file sets its ctime,
  which no user can set back, so an edit that keeps size and mtime
  (``touch -r``) still rebuilds; their bytes are not hashed on a hit;
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

# hmac.compare_digest itself, without hmac importing hashlib and OpenSSL (about 3 ms)
from _operator import _compare_digest as hmac_equal
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import Any, NamedTuple, overload

try:  # hashlib's own BLAKE2, without hashlib loading OpenSSL first (about 4 ms of start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

from factcheck import __version__
from factcheck.check.index import Candidates, Index
from factcheck.errors import CacheError
from factcheck.model import Claim, Database, same_fact_links
from factcheck.plain import RowCodec, schema

_PAYLOAD = (
    "files", "dependencies", "sources", "speakers", "claims", "links", "index", "other",
    "features", "lexicon",
)  # fmt: skip
# Claims' rows are written this many to a marshalled piece (see ``packed``).
_ROWS_RUN = 10_000
# The index's postings are written this many terms to a piece.
_TERMS_RUN = 2_000
# A database this small has its claims' matching features kept too (see Matcher.features):
# computing them costs about 50 µs a claim on a miss.
FEATURES_KEPT = 1_000
# Database fields kept as they are (plain values: a curator's paraphrase lines...).
_OTHER = tuple(
    f for f in Database._fields if f not in ("sources", "speakers", "claims", "files", "links")
)


def _layout(records: str) -> bytes:
    """What an entry's rows mean: the stored records' fields, the payload's parts
    (and the entry's form: parts marshalled one by one and the MAC after
    them, where entries before were one value behind a MAC, or a CRC)."""
    text = f"{records}\0{','.join(_PAYLOAD)}\0{','.join(_OTHER)}\0mac last\0parts\0terms in runs"
    return blake2b(text.encode(), digest_size=4).digest()


_LAYOUT = _layout(schema())
_MAGIC_PREFIX = b"FCCACHE"  # every layout's entries start with it
MAGIC = _MAGIC_PREFIX + _LAYOUT
ENV_DIR = "FACTCHECK_CACHE_DIR"
ENV_DISABLE = "FACTCHECK_NO_CACHE"
_HEADER = len(MAGIC) + 32  # the key; the payload follows, then the MAC of key and payload
SECRET = "key"  # the per-user secret's file name, in the cache folder
_SECRET_BYTES = 32


class Loaded(NamedTuple):
    """A database with its index; ``warning`` says why the cache was not used;
    ``features`` and ``lexicon``, when known, are the matcher's (see ``Matcher``)."""

    database: Database
    index: Candidates
    from_cache: bool = False
    warning: str | None = None
    features: list[tuple] | None = None
    lexicon: tuple | None = None  # the matcher's paraphrase lexicon, as plain tuples


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
    path: str | os.PathLike[str] | None = None,
    *,
    use_cache: bool = True,
    with_stores: bool = True,
    known: tuple[dict[Path, bytes], Database] | None = None,
) -> Loaded:
    """The YAML database at ``path`` (default: the configured one) and its index.

    Raises ``DatabaseError`` as ``load_database`` does; problems with the
    cache itself only ever produce a warning. ``with_stores=False`` reads
    only a folder's YAML files (``db.store`` opens its SQLite stores
    lazily); commands open databases through ``db.store.open_database``.
    ``known`` is a writer's: the bytes it just wrote to ``path`` and the
    database it validated them as, which a miss then indexes without
    parsing them again (``import`` of 100,000 rows parsed them twice).
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
        return _build(root, with_stores=with_stores, known=known)
    trusted = _trusted_folder(folder)
    if isinstance(trusted, str):
        loaded = _build(root, with_stores=with_stores, known=known)
        return Loaded(loaded.database, loaded.index, warning=trusted)
    secret = trusted
    # Read once: the key is a hash of exactly the bytes that are parsed on a miss,
    # so an edit made meanwhile cannot slip into an entry under the old key.
    if known is not None and list(known[0]) == files:
        contents = known[0]
    else:
        known, contents = None, {file: read_database_file(file) for file in files}
    key = _key(contents)
    entry = folder / (blake2b(str(root.resolve()).encode(), digest_size=12).hexdigest() + ".cache")
    plain = _read(entry, key, secret)
    if plain is not None:
        try:
            database, index = _from_plain(plain, entry)
            return Loaded(
                database,
                index,
                from_cache=True,
                features=plain["features"],
                lexicon=plain["lexicon"],
            )
        except (KeyError, IndexError, TypeError, ValueError, ArithmeticError, OSError):
            pass  # a well-formed but wrong payload: as corrupt as a bad checksum
    database = _database(root, contents, with_stores=with_stores, known=known)
    contents = known = None  # the files' bytes (25 MB at 100,000 claims): not held while indexing
    loaded = _indexed(database)
    plain = _to_plain(loaded.database, loaded.index)
    loaded = loaded._replace(features=plain["features"], lexicon=plain["lexicon"])
    try:
        _write(folder, entry, key, secret, plain)
    except OSError as error:
        reason = error.strerror or str(error)
        return Loaded(loaded.database, loaded.index, warning=f"cache not written: {reason}")
    except ValueError as error:  # marshal met a value that is not plain: a bug, not a crash
        return Loaded(loaded.database, loaded.index, warning=f"cache not written: {error}")
    return loaded


def _build(
    root: Path,
    *,
    with_stores: bool = True,
    known: tuple[dict[Path, bytes], Database] | None = None,
) -> Loaded:
    """The database at ``root`` and its index, with no cache to read or write."""
    return _indexed(_database(root, with_stores=with_stores, known=known))


def _database(
    root: Path,
    contents: dict[Path, bytes] | None = None,
    *,
    with_stores: bool = True,
    known: tuple[dict[Path, bytes], Database] | None = None,
) -> Database:
    """The database a writer just validated (``known``), else parsed from ``contents``
    (the files' bytes, read once) or from the files."""
    from factcheck.db.database import load_database

    if known is not None:
        return known[1]
    return load_database(root, contents, with_stores=with_stores)


def _indexed(database: Database) -> Loaded:
    from factcheck.check.matcher import build_index

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


def _trusted_folder(folder: Path) -> bytes | str:
    """The folder's secret, once the folder is ours alone; else why it is not used.

    Created 0700 when missing. An existing folder must be a folder owned by
    this user that nobody else may write: another user who can write it can
    replace entries and the secret alike. (Root may write anything; no
    check can keep it out, nor needs to.)
    """
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.stat()
    except OSError as error:  # as when the entry cannot be written: the folder cannot be made
        return f"cache not written: {error.strerror or error}"
    fix = f"chmod 700 {folder}, or set {ENV_DIR} to a folder of your own"
    if not S_ISDIR(status.st_mode):
        return f"cache not used: {folder} is not a folder (set {ENV_DIR} to one)"
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        return f"cache not used: {folder} belongs to user {status.st_uid} ({fix})"
    if status.st_mode & 0o022:
        return f"cache not used: {folder} is writable by others ({fix})"
    try:
        return _secret(folder)
    except OSError as error:
        return f"cache not used: {folder / SECRET}: {error.strerror or error}"


def _secret(folder: Path) -> bytes:
    """The per-user secret that authenticates entries: read, or made once.

    A secret file that is not a private regular file of ours with the right
    length is replaced: whoever could read or write it could forge entries.
    A new one is linked into place whole, so two processes making one at
    once agree on the first (the other's link fails and it reads that one).
    """
    path = folder / SECRET
    for _attempt in range(3):
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            _make_secret(folder, path)
            continue
        except OSError:  # a symlink (ELOOP) or worse: replace it
            path.unlink()
            continue
        with os.fdopen(fd, "rb") as handle:
            status = os.fstat(handle.fileno())
            secret = handle.read(_SECRET_BYTES + 1)
        ours = not hasattr(os, "getuid") or status.st_uid == os.getuid()
        private = S_ISREG(status.st_mode) and not status.st_mode & 0o077
        if ours and private and len(secret) == _SECRET_BYTES:
            return secret
        path.unlink()
    raise OSError("cannot make the cache's secret")


def _make_secret(folder: Path, path: Path) -> None:
    temp = folder / f".{SECRET}.{os.getpid()}.{os.urandom(4).hex()}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(_SECRET_BYTES))
        with contextlib.suppress(FileExistsError):
            os.link(temp, path)
    finally:
        os.unlink(temp)


def _mac(secret: bytes, key: bytes, payload: bytes | memoryview) -> bytes:
    """Keyed BLAKE2b of the key and payload: only this user's own runs can make it.

    It reads the 37 MB payload of 100,000 claims in about 50 ms (CRC-32,
    which guarded against corruption only, took 11 ms).
    """
    return _digest(secret, key, (payload,)).digest()


def _digest(secret: bytes, key: bytes, pieces: Iterable[bytes | memoryview]) -> Any:
    digest = blake2b(key, key=secret, digest_size=32)
    for piece in pieces:
        digest.update(piece)
    return digest


def packed(plain: dict[str, Any]) -> Iterator[bytes]:
    """A payload's bytes, in pieces: each part marshalled alone, after its length;
    the claims' rows (any iterable) in runs of ``_ROWS_RUN`` and the index's size,
    then its postings in runs of ``_TERMS_RUN`` terms, each series ended by a zero
    length.

    One ``marshal.dumps`` of the whole grows its buffer by doubling, which
    at 100,000 claims was 85 MB on top of the database (a first run's
    peak). Part by part, with the rows made and written a run at a time,
    no more than a run's rows and bytes are held at once; the postings whole
    were 15 MB more at the peak.
    """
    if set(plain) != set(_PAYLOAD):  # a part not in the layout would never be read back
        raise ValueError(f"payload parts {sorted(plain)} are not the layout's")
    for name in _PAYLOAD:
        if name == "claims":
            yield from _runs(plain[name], _ROWS_RUN, list)
        elif name == "index":
            postings, size = plain[name]
            yield from _framed(marshal.dumps(size))
            yield from _runs(postings.items(), _TERMS_RUN, dict)
        else:
            yield from _framed(marshal.dumps(plain[name]))


def _runs(items: Iterable[Any], size: int, kind: type[list] | type[dict]) -> Iterator[bytes]:
    """Items marshalled ``size`` at a time as a ``kind`` (a list, or a dict of
    (key, value) items), each after its length, then a zero length."""
    for run in batched(items, size):
        yield from _framed(marshal.dumps(kind(run)))
    yield _END_OF_RUNS


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of ``size`` items in turn (the last shorter): Python 3.12's
    ``itertools.batched``, which 3.11 lacks."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _framed(data: bytes) -> tuple[bytes, bytes]:
    return len(data).to_bytes(8, "little"), data


_END_OF_RUNS = bytes(8)  # a zero length: no marshalled value is empty


def unpacked(payload: bytes | memoryview) -> dict[str, Any]:
    """The parts ``packed`` wrote; ``ValueError`` (or marshal's own) when they are not."""
    reader = _Reader(memoryview(payload))
    plain: dict[str, Any] = {}
    for name in _PAYLOAD:
        if name == "claims":
            plain[name] = _read_runs(reader, list)
        elif name == "index":
            size = marshal.loads(reader.take())
            plain[name] = (_read_runs(reader, dict), size)
        else:
            plain[name] = marshal.loads(reader.take())
    if reader.at != len(reader.view):
        raise ValueError("bytes after the payload's parts")
    return plain


def _read_runs(reader: "_Reader", kind: type[list] | type[dict]) -> Any:
    """The one ``kind`` that ``_runs`` wrote in runs."""
    whole = kind()
    merge = whole.extend if kind is list else whole.update
    while piece := reader.take():
        run = marshal.loads(piece)
        if type(run) is not kind:
            raise ValueError(f"a run that is not a {kind.__name__}")
        merge(run)
    return whole


class _Reader:
    """Framed pieces of a payload, read in turn without copying."""

    def __init__(self, view: memoryview) -> None:
        self.view = view
        self.at = 0

    def take(self) -> memoryview:
        """The next piece (empty at a zero length)."""
        if len(self.view) - self.at < 8:
            raise ValueError("the payload ends inside a length")
        self.at += 8
        size = int.from_bytes(self.view[self.at - 8 : self.at], "little")
        if size > len(self.view) - self.at:
            raise ValueError("a part runs past the payload")
        self.at += size
        return self.view[self.at - size : self.at]


def _read(entry: Path, key: bytes, secret: bytes) -> Any:
    """The entry's payload when it is for ``key`` and authentic, else None.

    The MAC is checked before ``marshal`` sees a byte of the payload.
    """
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    if len(data) < _HEADER + 32 or not data.startswith(MAGIC):
        return None
    start = len(MAGIC)
    if data[start : start + 32] != key:
        return None
    payload = memoryview(data)[_HEADER:-32]
    if not hmac_equal(_mac(secret, key, payload), data[-32:]):
        return None
    try:
        plain = unpacked(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return plain if _dependencies_unchanged(plain) else None


def _write(folder: Path, entry: Path, key: bytes, secret: bytes, plain: Any) -> None:
    from factcheck.atomic import replace_file

    replace_file(entry, _entry(key, secret, plain), lock=False, durable=False)
    _remove_other_formats(folder)


def _entry(key: bytes, secret: bytes, plain: dict[str, Any]) -> Iterator[bytes]:
    """An entry's bytes as they are made: the key, the payload a part at a time
    (each written and let go before the next is marshalled), the MAC last."""
    digest = _digest(secret, key, ())
    yield MAGIC + key
    for piece in packed(plain):
        digest.update(piece)
        yield piece
    yield digest.digest()


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


def _identity(path: str) -> tuple[int, ...]:
    """What a source text is trusted by: any write changes its ctime (see above)."""
    status = os.stat(path)
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _dependencies_unchanged(plain: Any) -> bool:
    """Source texts are files besides the YAML: the same file, not written since."""
    try:
        for name, *identity in plain["dependencies"]:
            # A path, never a number: ``os.stat`` reads a number as an open file's.
            if type(name) is not str or _identity(name) != tuple(identity):
                return False
    except (OSError, KeyError, TypeError, ValueError, OverflowError):
        return False
    return True


def _to_plain(database: Database, index: Index) -> dict[str, Any]:
    """The payload's parts as plain values, to be written once by ``packed``: the
    claims' rows are an iterator, made as they are written, so it reads them once."""
    files = list(database.files)
    codec = RowCodec(files)
    dependencies = []
    for source in database.sources.values():
        if source.path and source.location is not None:
            text_path = Path(source.location.file).parent / source.path
            with contextlib.suppress(OSError):
                dependencies.append((str(text_path), *_identity(str(text_path))))
    from factcheck.check.matcher import database_lexicon
    from factcheck.check.paraphrase import LEXICON_FILE
    from factcheck.check.termweights import BACKGROUND_FILE

    features = _features(database, index)
    lexicon = database_lexicon(database)
    # Both are made of shipped tables (term weights, paraphrases): a new one makes them old.
    for table in (BACKGROUND_FILE, LEXICON_FILE):
        with contextlib.suppress(OSError):
            dependencies.append((str(table), *_identity(str(table))))
    parts = (
        files,
        dependencies,
        [codec.row(s) for s in database.sources.values()],
        [codec.row(s) for s in database.speakers.values()],
        map(codec.row, database.claims),  # made as they are written (see ``packed``)
        database.links,
        index.to_plain(),
        {name: getattr(database, name) for name in _OTHER},
        features,
        lexicon.plain(),
    )
    return dict(zip(_PAYLOAD, parts, strict=True))


def _features(database: Database, index: Index) -> list[tuple] | None:
    """A small database's matching features (``FEATURES_KEPT``), else None."""
    if len(database.claims) > FEATURES_KEPT:
        return None
    from factcheck.check.matcher import Matcher

    return Matcher(database, index=index).features()


def _from_plain(plain: dict[str, Any], entry: Path | None = None) -> tuple[Database, Index]:
    """The database and index of a payload; ``ValueError`` for one of the wrong shape."""
    from factcheck.db.payload import payload_sound, row_sound

    if not payload_sound(plain, _PAYLOAD, _OTHER):
        raise ValueError("a payload of another shape")
    files = tuple(plain["files"])
    codec = RowCodec(files)
    codec.sources = {row[0]: codec.source(row) for row in plain["sources"]}
    codec.speakers = {row[0]: codec.speaker(row) for row in plain["speakers"]}
    rows = plain["claims"]
    links = plain["links"]
    if links is None:  # a database built by hand, without its links worked out
        same_as = Claim._fields.index("same_as")
        links = same_fact_links([row[0] for row in rows], [row[same_as] for row in rows])
    claims = LazyClaims(rows, codec, entry, lambda row: row_sound(Claim, row))
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

    def __init__(
        self,
        rows: list[tuple[Any, ...]],
        codec: RowCodec,
        entry: Path | None = None,
        sound: Callable[[tuple[Any, ...]], bool] = lambda row: True,
    ) -> None:
        """``sound`` checks a row before its claim is built (see factcheck.db.payload);
        ``entry`` is deleted when one is not."""
        self._rows = rows
        self._codec = codec
        self._entry = entry
        self._sound = sound
        self._built: list[Claim | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def claim(self, number: int) -> Claim:
        try:
            claim = self._built[number]
        except (IndexError, TypeError):  # the index named a claim the entry lacks
            raise self._damaged() from None
        if claim is None:
            row = self._rows[number]
            if not self._sound(row):
                raise self._damaged()
            claim = self._built[number] = self._codec.claim(row)
        return claim

    def _damaged(self) -> CacheError:
        """A claim that cannot be built: drop the entry so the next run rebuilds it.

        Only an entry with a good MAC gets here (our own mistake, or a leaked
        secret); the run stops with one line rather than answer from it.
        """
        if self._entry is not None:
            with contextlib.suppress(OSError):
                self._entry.unlink()
        return CacheError(
            "the cached database was damaged; its entry is deleted",
            file=str(self._entry) if self._entry else None,
            fix="run the command again",
        )
