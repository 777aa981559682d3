"""Which files a lint run reads: walk folders, apply globs and .gitignore.

Files named on the command line are always read (unless an ``exclude``
pattern matches them); folders are walked for the ``include`` patterns,
skipping hidden folders and whatever git ignores. Git itself answers the
.gitignore question (``git check-ignore``), so nested ignore files,
negations and global excludes behave exactly as they do for git; outside a
repository nothing is ignored.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
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
            if fnmatch.fnmatchcase(path, pattern.lstrip("/")) or fnmatch.fnmatchcase(
                path, "*/" + pattern.lstrip("/")
            ):
                return True
        elif any(fnmatch.fnmatchcase(part, pattern) for part in parts):
            return True
    return False


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
        if path.is_dir():
            walked = _walk(path, include, exclude)
            if gitignore:
                ignored = git_ignored(path, walked)
                walked = [f for f in walked if f not in ignored]
            found.extend(display_path(f) for f in walked)
        elif path.exists():
            if not matches(display_path(path), exclude):
                found.append(display_path(path))
        else:
            raise InputError("no such file or folder", file=name)
    return list(dict.fromkeys(found))


def _walk(root: Path, include: tuple[str, ...], exclude: tuple[str, ...]) -> list[Path]:
    files = []
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
            if matches(shown, include, folders=False) and not matches(shown, exclude):
                files.append(base / name)
    return files


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
            input="\0".join(relative).encode() + b"\0",
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if done.returncode not in (0, 1):  # 128: not a repository
        return set()
    names = {n for n in done.stdout.decode(errors="replace").split("\0") if n}
    return {f for f, r in zip(files, relative, strict=True) if r in names}
