"""Lint configuration: find the file, validate it, and merge it with flags.

One file is read, the first of: ``--config FILE``, ``$FACTCHECK_CONFIG``,
then walking up from the linted paths, a ``.factcheck.toml`` or a
``pyproject.toml`` with a ``[tool.factcheck]`` table. Flags override the
file; every effective value remembers where it came from, so
``factcheck config`` can say why a setting is what it is.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from factcheck.db.database import ENV_VAR as DB_ENV
from factcheck.errors import FactcheckError
from factcheck.lint.discover import DEFAULT_INCLUDE
from factcheck.lint.linter import FAIL_ON, RULES, LintOptions, Severity, find_rule

CONFIG_ENV = "FACTCHECK_CONFIG"
CONFIG_FILE = ".factcheck.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("db", "threshold", "severity", "include", "exclude", "fail-on", "min-severity")
SEVERITY_VALUES = ("error", "warning", "info", "off")


class ConfigError(FactcheckError):
    """A configuration file or value is invalid."""


class Setting(NamedTuple):
    """An effective value and where it came from (a file, a flag, an env var, a default)."""

    value: Any
    origin: str


@dataclass(frozen=True)
class Config:
    """The effective configuration of a run."""

    file: Path | None
    found_by: str
    settings: dict[str, Setting]

    def __getitem__(self, key: str) -> Any:
        return self.settings[key].value

    def severities(self) -> dict[str, Severity | None]:
        """Rule id → severity (None: off), for :class:`factcheck.lint.linter.LintOptions`."""
        return {
            key.split(".", 1)[1]: None if s.value == "off" else Severity(s.value)
            for key, s in self.settings.items()
            if key.startswith("severity.")
        }

    def lint_options(
        self, *, report_unused_disables: bool = False, input_format: str = "auto"
    ) -> LintOptions:
        """The options a lint run (``factcheck lint``, the language server) judges with."""
        return LintOptions(
            threshold=self["threshold"],
            severities=self.severities(),
            min_severity=Severity(self["min-severity"]),
            fail_on=self["fail-on"],
            report_unused_disables=report_unused_disables,
            input_format=input_format,
        )


def find_config_file(explicit: Path | None, paths: Iterable[str]) -> tuple[Path | None, str]:
    """The config file to read and how it was found."""
    if explicit is not None:
        problem = _unreadable(explicit)
        if problem:
            raise ConfigError(problem, file=str(explicit), fix="check --config")
        return explicit, "--config"
    env = os.environ.get(CONFIG_ENV)
    if env:
        problem = _unreadable(env)
        if problem:
            raise ConfigError(f"{problem} (from ${CONFIG_ENV})", file=env)
        return Path(env), f"${CONFIG_ENV}"
    for folder in _upward(_start_folder(paths)):
        candidate = folder / CONFIG_FILE
        if os.path.lexists(candidate):
            problem = _unreadable(candidate)
            if problem:  # a dangling link or a folder: a mistake to report, not to pass over
                raise ConfigError(
                    problem, file=str(candidate), fix="point it at a config file, or delete it"
                )
            return candidate, "found walking up from the linted paths"
        pyproject = folder / PYPROJECT
        if os.path.isfile(pyproject) and _has_tool_table(pyproject):
            return pyproject, "found walking up from the linted paths"
    return None, "none found"


_NOT_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _unreadable(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` cannot be read as a config file; None when it can.

    The null device reads as an empty file, so ``--config /dev/null`` means
    no configuration (the defaults, no file found by walking up), as
    ``PIP_CONFIG_FILE=/dev/null`` does for pip. Any other file that is not a
    regular one is refused by what it is: a FIFO would block the read for
    good, a device never end, and "no such config file" misled.
    """
    if os.path.isfile(path):
        return None
    if not os.path.lexists(path):
        return "no such config file"
    if not os.path.exists(path):
        return f"a symbolic link to {os.readlink(path)!r}, which does not exist"
    if os.path.samefile(path, os.devnull):
        return None
    mode = os.stat(path).st_mode
    what = next((kind for test, kind in _NOT_FILES if test(mode)), "not a regular file")
    return f"{what}, not a config file"


def _start_folder(paths: Iterable[str]) -> Path:
    """The deepest folder that holds every linted path (the working folder for none)."""
    folders = [
        (p if os.path.isdir(p) else p.parent).resolve()
        for p in (Path(name) for name in paths if name != "-")
    ]
    if not folders:
        return Path.cwd().resolve()
    return Path(os.path.commonpath(folders))


def _upward(folder: Path) -> Iterable[Path]:
    yield folder
    yield from folder.parents


def _has_tool_table(pyproject: Path) -> bool:
    _, data = _parse(pyproject)
    return isinstance(data.get("tool"), dict) and "factcheck" in data["tool"]


def _parse(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text (to find a key's line) and its TOML table."""
    import tomllib  # only when there is a file to read

    try:
        text = path.read_text(encoding="utf-8")
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        raise ConfigError(
            f"invalid TOML: {error}", file=str(path), line=int(line.group(1)) if line else None
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read config: {error}", file=str(path)) from None
    except (RecursionError, ValueError) as error:
        # tomllib recurses per nesting level and converts integers with
        # int(), which refuses more than 4,300 digits.
        what = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        raise ConfigError(f"invalid TOML: {what}", file=str(path)) from None


def read_config_file(path: Path) -> dict[str, Setting]:
    """The validated settings of one file, each tagged with the file as origin."""
    text, data = _parse(path)
    table_name = "[tool.factcheck]" if path.name == PYPROJECT else None
    # In pyproject.toml the same key may belong to another tool ([tool.ruff]
    # exclude): look for our keys only from our table on.
    first = (_line_of(text, "tool.factcheck") or 1) if table_name else 1
    if table_name:
        data = data.get("tool", {}).get("factcheck", {})
        if not isinstance(data, dict):
            raise ConfigError("[tool.factcheck] must be a table", file=str(path))
    origin = f"{path}" + (f" {table_name}" if table_name else "")
    settings: dict[str, Setting] = {}
    for key, value in data.items():
        where = {"file": str(path), "line": _line_of(text, key, first)}
        if key not in KEYS:
            import difflib  # only for a mistyped key

            close = difflib.get_close_matches(key, KEYS, n=1)
            fix = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(KEYS)}"
            raise ConfigError(f"unknown key {key!r}", fix=fix, **where)
        try:
            settings.update(_validated(key, value, path.parent, origin))
        except ValueError as error:
            raise ConfigError(f"key {key!r}: {error}", **where) from None
    return settings


def _line_of(text: str, key: str, first: int = 1) -> int | None:
    """The first line from ``first`` on that sets ``key`` (TOML parsers keep no positions)."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=|^\s*\[.*\b{re.escape(key)}\]")
    for number, line in enumerate(text.splitlines()[first - 1 :], first):
        if pattern.search(line):
            return number
    return None


def _validated(key: str, value: Any, base: Path, origin: str) -> dict[str, Setting]:
    """One key's setting(s); raises ValueError with what is wrong."""
    if key == "db":
        if not isinstance(value, str) or not value:
            raise ValueError("must be a path (a string)")
        try:
            path = Path(value).expanduser()
        except RuntimeError:  # "~nosuchuser/x"
            raise ValueError(f"no such user's home folder in {value!r}") from None
        return {key: Setting(base / path, origin)}
    if key == "threshold":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise ValueError(f"must be a number from 0 to 100, not {value!r}")
        return {key: Setting(float(value), origin)}
    if key in ("include", "exclude"):
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ValueError("must be a list of glob patterns (strings)")
        return {key: Setting(tuple(value), origin)}
    if key == "fail-on":
        return {key: Setting(_choice(value, FAIL_ON), origin)}
    if key == "min-severity":
        return {key: Setting(Severity(_choice(value, tuple(Severity))), origin)}
    if not isinstance(value, dict):
        raise ValueError('must be a table of rule = severity, e.g. {FC004 = "error"}')
    return severity_settings(value, origin)


def severity_settings(value: Mapping[str, Any], origin: str) -> dict[str, Setting]:
    """``{rule id or name: severity}`` → ``severity.FCnnn`` settings."""
    settings = {}
    for name, level in value.items():
        rule = find_rule(str(name))
        if rule is None:
            known = ", ".join(r.id for r in RULES)
            raise ValueError(f"unknown rule {name!r} (rules: {known})")
        settings[f"severity.{rule.id}"] = Setting(_choice(level, SEVERITY_VALUES), origin)
    return settings


def _choice(value: Any, allowed: Iterable[str]) -> str:
    allowed = tuple(str(a) for a in allowed)
    if not isinstance(value, str) or value.lower() not in allowed:
        raise ValueError(f"must be one of {', '.join(allowed)}, not {value!r}")
    return value.lower()


def defaults() -> dict[str, Setting]:
    """Built-in values: the bundled database, the matcher's threshold, rule severities."""
    from factcheck.check.matcher import DEFAULT_THRESHOLD

    settings = {
        "db": Setting(None, "default (the bundled database)"),
        "threshold": Setting(DEFAULT_THRESHOLD, "default"),
        "include": Setting(DEFAULT_INCLUDE, "default"),
        "exclude": Setting((), "default"),
        "fail-on": Setting("error", "default"),
        "min-severity": Setting(Severity.INFO, "default"),
    }
    for rule in RULES:
        settings[f"severity.{rule.id}"] = Setting(rule.severity.value, "default")
    return settings


def effective_config(
    explicit: Path | None, paths: Iterable[str], flags: Mapping[str, Setting]
) -> Config:
    """Defaults, then the config file, then ``$FACTCHECK_DB``, then flags."""
    paths = list(paths)
    file, found_by = find_config_file(explicit, paths)
    settings = defaults()
    if file is not None:
        settings.update(read_config_file(file))
    if os.environ.get(DB_ENV) and settings["db"].value is None:
        settings["db"] = Setting(Path(os.environ[DB_ENV]), f"${DB_ENV}")
    settings.update(flags)
    return Config(file, found_by, settings)


def configs_by_file(
    explicit: Path | None, files: Iterable[str], flags: Mapping[str, Setting]
) -> list[tuple[Config, list[str]]]:
    """The files grouped by the configuration each is linted with, in first-seen order.

    Each file gets the configuration nearest to it, walking up from its own
    folder (as ruff and markdownlint-cli2 do), so what a file's result is does
    not depend on which other files are linted with it. ``--config`` and
    ``$FACTCHECK_CONFIG`` name one file for all. "-" (stdin) walks up from the
    working folder.
    """
    files = list(files)
    if explicit is not None or os.environ.get(CONFIG_ENV):
        return [(effective_config(explicit, files, flags), files)]
    by_folder: dict[Path, Config] = {}
    groups: dict[Path | None, tuple[Config, list[str]]] = {}
    for name in files:
        folder = Path.cwd() if name == "-" else _folder_of(name)
        if folder not in by_folder:
            by_folder[folder] = effective_config(None, [str(folder)], flags)
        config = by_folder[folder]
        groups.setdefault(config.file, (config, []))[1].append(name)
    return list(groups.values())


def _folder_of(name: str) -> Path:
    """The folder a file is linted from: where its link leads, or, for a link that loops
    (which reading it reports), where the link is."""
    try:
        return Path(name).resolve().parent
    except (RuntimeError, OSError):  # a symlink loop
        return Path(os.path.abspath(name)).parent


def describe(config: Config) -> list[tuple[str, str, str]]:
    """(key, value, origin) rows for ``factcheck config``."""
    rows = []
    for key, setting in config.settings.items():
        value = setting.value
        if isinstance(value, tuple):
            shown = ", ".join(value) if value else "(none)"
        elif value is None:
            shown = "(bundled)" if key == "db" else "(none)"
        elif isinstance(value, float):
            shown = f"{value:g}"
        else:
            shown = str(value)
        rows.append((key, shown, setting.origin))
    return rows
