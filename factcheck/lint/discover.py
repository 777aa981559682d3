"""Which files a lint run reads: walk folders, apply globs and .gitignore.

Files named on the command line are always read (unless an ``exclude``
pattern matches them); folders are walked for the ``include`` patterns,
skipping hidden folders and whatever git ignores. Git itself answers the
.gitignore question (``git check-ignore``), so nested ignore files,
negations and global excludes behave exactly as they do for git; outside a
repository nothing is ignored.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from factcheck.errors import InputError

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt", "*.html", "*.docx")
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})


def display_path(path: Path, cwd: Path | None = None) -> str:
    """A path as reports show it: relative to the working folder when inside it, POSIX."""
    cwd = cwd or Path.cwd()
    absolute = path if path.is_absolute() else cwd / path
    try:
        return PurePosixPath(Path(os.path.normpath(absolute)).relative_to(cwd)).as_posix()
    except ValueError:
        return Path(os.path.normpath(absolute)).as_posix()


def matches(path: str, patterns: Iterable[str], *, folders: bool = True) -> bool:
    """Whether a POSIX path matches a glob.

    A pattern with a slash matches the whole relative path; one without
    matches the file name or (with ``folders``, as for excludes) any folder
    name on the way, like .gitignore.
    """
    parts = PurePosixPath(path).parts if folders else PurePosixPath(path).parts[-1:]
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if "/" in pattern:
            glob = pattern.lstrip("/")
            if glob_regex(glob).match(path) or glob_regex("*/" + glob).match(path):
                return True
        elif any(glob_regex(pattern).match(part) for part in parts):
            return True
    return False


@functools.lru_cache(maxsize=512)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """``fnmatch.fnmatchcase``'s language as a regex, translated in linear time.

    Python 3.11's ``fnmatch.translate`` looks for the ``]`` of every ``[``
    from scratch, so ``--include`` with 40,000 ``[`` took 55 s; here the next
    ``]`` after each position is found once. Stars between fixed parts are
    atomic, as in ``fnmatch``, so matching never backtracks exponentially.
    """
    next_close = [-1] * (len(pattern) + 1)
    for index in range(len(pattern) - 1, -1, -1):
        next_close[index] = index if pattern[index] == "]" else next_close[index + 1]
    chunks: list[list[str]] = [[]]  # fixed parts, split at stars
    index = 0
    while index < len(pattern):
        char = pattern[index]
        index += 1
        if char == "*":
            if chunks[-1] or len(chunks) == 1:
                chunks.append([])
        elif char == "?":
            chunks[-1].append(".")
        elif char == "[":
            body = index + 1 if pattern[index : index + 1] == "!" else index
            body += 1 if pattern[body : body + 1] == "]" else 0
            close = next_close[body] if body < len(pattern) else -1
            if close < 0:
                chunks[-1].append(r"\[")
            else:
                chunks[-1].append(_char_class(pattern[index:close]))
                index = close + 1
        else:
            chunks[-1].append(re.escape(char))
    if len(chunks) == 1:
        body = "".join(chunks[0])
    else:
        head, *middle, last = ("".join(chunk) for chunk in chunks)
        body = head + "".join(f"(?>.*?{fixed})" for fixed in middle) + ".*" + last
    return re.compile(rf"(?s:{body})\Z")


def _char_class(body: str) -> str:
    """A glob's ``[...]`` (without its brackets) as a regex class."""
    negated = body.startswith("!")
    body = body[1:] if negated else body
    items = []
    index = 0
    while index < len(body):
        if index + 2 < len(body) and body[index + 1] == "-":
            low, high = body[index], body[index + 2]
            if low <= high:  # fnmatch drops an empty range such as z-a
                items.append(f"{re.escape(low)}-{re.escape(high)}")
            index += 3
        else:
            items.append(re.escape(body[index]))
            index += 1
    if not items:
        return "." if negated else "(?!)"
    return f"[{'^' if negated else ''}{''.join(items)}]"


def discover(
    paths: Iterable[str],
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = (),
    *,
    gitignore: bool = True,
) -> list[str]:
    """The files to lint, as display paths, sorted within each folder and deduplicated."""
    include, exclude = tuple(include), tuple(exclude)
    found: list[str] = []
    for name in paths:
        path = Path(name)
        if os.path.isdir(path):  # Python 3.11's Path.is_dir raises on a name too long
            walked = _walk(path, include, exclude)
            if gitignore:
                ignored = git_ignored(path, walked)
                walked = [f for f in walked if f not in ignored]
            found.extend(display_path(f) for f in walked)
        elif os.path.lexists(path):
            if not matches(display_path(path), exclude):
                found.append(display_path(path))
        else:
            raise InputError("no such file or folder", file=name)
    return list(dict.fromkeys(found))


def _walk(root: Path, include: tuple[str, ...], exclude: tuple[str, ...]) -> list[Path]:
    """The files a folder holds: regular files inside it only.

    Folder links are not followed (``os.walk``'s default) and neither is a
    file link that leads out of the folder: a link to a secret file must not
    end up in a SARIF report. Devices, FIFOs and sockets are skipped (one
    would block the read or never end); a file named on the command line is
    read whatever it is.
    """
    files = []
    inside = os.path.realpath(root)
    for folder, dirs, names in os.walk(root):
        base = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in SKIPPED_DIRS
            and not matches(display_path(base / d), exclude)
        )
        for name in sorted(names):
            shown = display_path(base / name)
            if (
                matches(shown, include, folders=False)
                and not matches(shown, exclude)
                and _regular_inside(base / name, inside)
            ):
                files.append(base / name)
    return files


def _regular_inside(path: Path, root: str) -> bool:
    """A regular file (after links) whose real path is under ``root``."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
    except OSError:
        return False
    if not os.path.islink(path):
        return True
    real = os.path.realpath(path)
    return os.path.commonpath([real, root]) == root


def git_ignored(root: Path, files: list[Path]) -> set[Path]:
    """The files git ignores under ``root`` (none outside a repository or without git)."""
    git = shutil.which("git")
    if not files or git is None:
        return set()
    import subprocess  # only for a folder walk, not for files named on the command line

    relative = [os.path.relpath(f, root) for f in files]
    try:
        done = subprocess.run(
            [git, "check-ignore", "--stdin", "-z"],
            cwd=root,
            input=b"\0".join(map(os.fsencode, relative)) + b"\0",  # names as bytes
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if done.returncode not in (0, 1):  # 128: not a repository
        return set()
    names = {os.fsdecode(n) for n in done.stdout.split(b"\0") if n}
    return {f for f, r in zip(files, relative, strict=True) if r in names}
