"""Replace a file all at once: the one atomic write, for every file we write.

The database, the cache, the lint baseline and reports written with
``--output`` all go through ``replace_file``, so a crash or a full disk never
leaves half a file. Its own module, so that reading the cache (which only
writes on a miss) does not import the database writer.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def replace_file(path: Path, chunks: Iterable[bytes]) -> None:
    """Replace a file's contents all at once, or not at all: the one atomic write.

    The new bytes go to a temporary file in the same folder (a rename is
    only atomic within one file system), are flushed to disk with fsync and
    then renamed over the target, which keeps its mode (a new file gets the
    usual one). On any failure the temporary file is removed, the old file
    is untouched and the error (``OSError`` for the caller to word)
    propagates. ``chunks`` lets a large
    payload be written behind its header without first joining them.
    """
    folder = path.parent
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, path.stat().st_mode & 0o7777 if path.exists() else _new_file_mode())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _sync_folder(folder)


def _new_file_mode() -> int:
    """The mode a plain ``open(path, "w")`` would give: 0o666 less the umask.

    mkstemp makes its file owner-only; a database or report we create for
    the user should be as readable as any file they create.
    """
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
