"""Replace a file all at once, one writer at a time: the one write, for every file we write.

The database, the cache, the lint baseline and reports written with
``--output`` all go through ``replace_file``, so a crash or a full disk never
leaves half a file. Writers that read a file and write it back (``add``)
hold ``write_lock`` across both, so two of them never lose each other's
merge. Its own module, so that reading the cache (which only writes on a
miss) does not import the database writer.

Temporary files are named ``.NAME.factcheck-tmp.HOST.PID.RANDOM`` beside the
target: a writer killed with ``kill -9`` leaves one behind, and the next
write to the same file removes it once its process is gone (or, from another
host, once it is a day old). The lock is a file ``.NAME.factcheck-lock``
beside the target, locked with ``flock`` (released by the kernel when its
holder dies) and deleted by its holder on release; a writer that waited on a
deleted one opens the new one, so two writers never hold a lock each.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

_TEMP = ".factcheck-tmp."
_LOCK = ".factcheck-lock"
STALE_SECONDS = 24 * 3600  # a temporary file from another host is stale after a day
LOCK_SECONDS = 10.0  # how long a writer waits for another to finish
ENV_LOCK_SECONDS = "FACTCHECK_LOCK_TIMEOUT"
_held: set[str] = set()  # lock paths this process holds (flock locks are per open file)


class LockTimeout(OSError):
    """Another process kept the file's write lock for longer than we wait."""


def target_of(path: Path) -> Path:
    """The file a write to ``path`` changes: a symlink's target, followed all the way.

    ``os.replace`` onto a link would replace the link itself with a regular
    file and leave the real file as it was.
    """
    return Path(os.path.realpath(path))


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two names are one file: the same path after links, or the same inode."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def check_writable(path: Path) -> None:
    """Refuse to replace a file its owner marked read-only, or one we may not write.

    ``os.access`` alone is not enough: root may write anything, yet a 0444
    database is a curator's way of saying "do not change this". So a file
    with no write bit at all is refused for everyone; otherwise the system
    decides (``os.access``). Raises ``PermissionError`` worded for the user.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise IsADirectoryError(errno.EISDIR, "not a regular file")
    if not mode & 0o222:
        raise PermissionError(
            errno.EACCES, f"read-only (mode {mode & 0o777:04o}); make it writable (chmod u+w)"
        )
    if not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, "permission denied")


@contextlib.contextmanager
def write_lock(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the write lock of ``path`` (its symlink target): one writer at a time.

    Waits up to ``timeout`` seconds (default ``LOCK_SECONDS``, or
    ``$FACTCHECK_LOCK_TIMEOUT``) for another writer, then raises
    :class:`LockTimeout`. Re-entrant within a process. Where ``flock`` does
    not exist (Windows), writers are not serialized.
    """
    target = target_of(path)
    lock_path = str(target.parent / f".{target.name}{_LOCK}")
    if lock_path in _held:
        yield
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    if timeout is None:
        timeout = _lock_seconds()
    fd = _acquire(lock_path, time.monotonic() + timeout, timeout, fcntl)
    _held.add(lock_path)
    try:
        yield
    finally:
        _held.discard(lock_path)
        with contextlib.suppress(OSError):
            os.unlink(lock_path)  # before the close: a waiter then sees it gone and retries
        os.close(fd)  # closing releases the lock


def _lock_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get(ENV_LOCK_SECONDS) or LOCK_SECONDS))
    except ValueError:
        return LOCK_SECONDS


def _acquire(lock_path: str, deadline: float, timeout: float, fcntl) -> int:
    """Open and lock the lock file; the descriptor of a lock file still in place.

    A lock file is deleted by its holder on release, so one we waited for may
    be gone by the time we have it: then we start again on the new one.
    """
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(
                            errno.EWOULDBLOCK,
                            f"another factcheck has been writing it for {timeout:g} s; "
                            "try again when it is done",
                        ) from None
                    time.sleep(0.02)
            held, named = os.fstat(fd), os.stat(lock_path)
            if (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino):
                return fd
        except FileNotFoundError:
            pass
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def replace_file(
    path: Path, chunks: Iterable[bytes], *, lock: bool = True, durable: bool = True
) -> None:
    """Replace a file's contents all at once, or not at all: the one atomic write.

    A symlink is written through to its target. The new bytes go to a
    temporary file in the target's folder (a rename is only atomic within
    one file system), are flushed to disk with fsync and then renamed over
    the target, which keeps its mode (a new file gets the usual one). On
    any failure the temporary file is removed, the old file is untouched and
    the error (``OSError`` for the caller to word) propagates. ``chunks``
    lets a large payload be written behind its header without first joining
    them. ``lock`` takes the target's write lock for the rename unless the
    caller holds it already (the cache, whose writers may race, passes
    False). ``durable=False`` skips the fsyncs, for a file that may be lost
    but never half-read: the cache, whose entries are checked by their MAC
    and rebuilt when they fail it (36 MB at 100,000 claims).
    """
    target = target_of(path)
    check_writable(target)
    with write_lock(target) if lock else contextlib.nullcontext():
        _replace(target, chunks, durable)


def _replace(target: Path, chunks: Iterable[bytes], durable: bool = True) -> None:
    folder = target.parent
    remove_stale_temporaries(target)
    temp = folder / f".{target.name}{_TEMP}{_host()}.{os.getpid()}.{os.urandom(4).hex()}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(temp, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(temp, target.stat().st_mode & 0o7777 if target.exists() else _new_file_mode())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    if durable:
        _sync_folder(folder)


def remove_stale_temporaries(target: Path) -> int:
    """Delete temporary files of ``target`` whose writer is gone; return how many.

    A writer of this host is gone when its process id is not running; one of
    another host (a shared folder) when its file is ``STALE_SECONDS`` old.
    A live writer's file is never touched.
    """
    removed = 0
    prefix = f".{target.name}{_TEMP}"
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(prefix)]
    except OSError:
        return 0
    for name in names:
        host, _, pid = name[len(prefix) :].rpartition(".")[0].rpartition(".")
        temp = target.parent / name
        try:
            if host == _host() and pid.isdigit():
                if _running(int(pid)):
                    continue
            elif time.time() - temp.lstat().st_mtime < STALE_SECONDS:
                continue
            temp.unlink()
            removed += 1
        except OSError:
            continue
    return removed


def _host() -> str:
    """This machine's name as a temporary file carries it (no dots: they part the name)."""
    try:
        name = os.uname().nodename
    except AttributeError:  # pragma: no cover - Windows
        name = os.environ.get("COMPUTERNAME", "")
    return name.replace(".", "_").replace(os.sep, "_") or "host"


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or a pid we cannot ask about: leave it
    return True


def _new_file_mode() -> int:
    """The mode a plain ``open(path, "w")`` would give: 0o666 less the umask.

    The temporary file is owner-only; a database or report we create for
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
