"""Options shared by several commands, declared once."""

from __future__ import annotations

import gc
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    claimreview = "claimreview"  # schema.org ClaimReview JSON-LD, to publish


class TextOrJson(StrEnum):
    """``--format`` of the commands that print one document (``show``, ``config``)."""

    text = "text"
    json = "json"


INPUT_FORMATS = ("auto", "markdown", "text", "html")


def is_stdout(path: str | Path | None) -> bool:
    """Whether an output path is "-": standard output, for every command that writes a
    file (``lint --output``, ``verify --annotate -o``, ``import -o``, ``extract -o``)."""
    return path is not None and str(path) == "-"


ERROR_POLICIES = ("strict", "replace", "ignore")


DB_OPTION = typer.Option(
    None,
    "--db",
    help="Claims database: a YAML file, a SQLite store (.sqlite) or a folder of them "
    "(default: $FACTCHECK_DB, else the bundled database).",
    show_default=False,
)


def _text_encoding(value: str) -> str:
    """Refuse a codec that is not a text encoding: ``hex``, ``base64``, ``rot13``
    and ``zlib`` turn bytes into bytes (or str into str) and crashed decoding."""
    import codecs

    try:
        info = codecs.lookup(value)
    except LookupError:
        raise typer.BadParameter(f"unknown encoding {value!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise typer.BadParameter(f"{value!r} is not a text encoding (try utf-8, latin-1, cp1252)")
    return value


def _finite(value: float | None) -> float | None:
    if value is not None and value != value:  # NaN passes min and max: every comparison is false
        raise typer.BadParameter("must be a number from 0 to 100, not nan")
    return value


def no_empty_paths(values: list[str] | None) -> list[str] | None:
    """Refuse an empty path argument: ``Path("")`` is the working folder, so ``lint ""``
    (an unset shell variable) linted all of it, and ``verify ""`` named a folder."""
    if values and "" in values:
        raise typer.BadParameter("an empty path names no file (use . for this folder, - for stdin)")
    return values


def check_name(value: str | None, option: str) -> None:
    """Refuse a name with nothing to make an id of (``--publisher ''``), or that is no
    text (``check_text``)."""
    from factcheck.errors import UsageError

    if value is not None and not any(char.isalnum() for char in value):
        raise UsageError(
            f"{option} is empty", fix=f"name who issued the source, e.g. {option} 'Acme Institute'"
        )
    check_text(value, option)


def check_text(value: str | None, option: str, *, is_id: bool = False) -> None:
    """Refuse an option's text that the database file it goes into could not hold.

    A lone surrogate (from an undecodable argument) or a control character
    made a draft that did not load, reported against the output file as
    malformed YAML; an id with a space or nothing in it is no id.
    """
    from factcheck.errors import UsageError

    if value is None:
        return
    bad = next((c for c in value if not c.isprintable() and c != " "), None)
    if bad is not None:
        raise UsageError(
            f"{option} holds a character that is not text (U+{ord(bad):04X})",
            fix=f"give {option} in plain text",
        )
    if is_id and (not value or any(c.isspace() for c in value)):
        raise UsageError(
            f"{option} must be one word with no spaces, e.g. gl-2017-04-11",
            fix=f"give {option} as letters, digits and hyphens",
        )


ENCODING_OPTION = typer.Option(
    "utf-8", "--encoding", help="Encoding of inputs without a BOM.", callback=_text_encoding
)
ERRORS_OPTION = typer.Option(
    "strict", "--errors", help="On undecodable bytes: strict (stop), replace or ignore."
)
THRESHOLD_OPTION = typer.Option(
    None,
    "--threshold",
    "-t",
    min=0,
    max=100,
    callback=_finite,
    help="Lowest match score (0-100) that counts as a match (default: 62; lint: the config's).",
    show_default=False,
)
INPUT_FORMAT_OPTION = typer.Option(
    "auto", "--input-format", help="auto (by extension), markdown, text or html."
)


def check_input_options(input_format: str = "auto", errors: str = "strict") -> None:
    """Refuse an unknown ``--input-format`` or ``--errors`` before any file is read."""
    from factcheck.errors import UsageError

    if input_format not in INPUT_FORMATS:
        raise UsageError(
            f"unknown input format {input_format!r}", fix="use auto, markdown, text or html"
        )
    if errors not in ERROR_POLICIES:
        raise UsageError(f"unknown --errors policy {errors!r}", fix="use strict, replace or ignore")


class ColorMode(StrEnum):
    """``--color``: auto (rich's rules: a terminal, NO_COLOR, FORCE_COLOR, TERM=dumb)."""

    auto = "auto"
    always = "always"
    never = "never"


COLOR_CHOICES = {ColorMode.auto: None, ColorMode.always: True, ColorMode.never: False}
# The running command's --color: its callback sets it on every invocation
# (click calls it for the default too), so a run never sees an earlier one's.
_color: list[bool | None] = [None]


def _remember_color(ctx: Any, param: Any, value: ColorMode) -> None:
    _color[0] = COLOR_CHOICES[ColorMode(value)]


def color_option() -> Any:
    """``--color auto|always|never``, which every command takes (added as it is built).

    It is not a parameter of the command functions: its callback records the
    choice, which ``stdout_printer`` and ``stdout_console`` read. Typer
    builds it from a stand-in function, as it builds every other option.
    """
    import typer.main

    def stand_in(
        color: ColorMode = typer.Option(
            ColorMode.auto,
            "--color",
            help="Colour the output: auto (on a terminal, unless NO_COLOR is set or "
            "TERM=dumb; FORCE_COLOR forces it), always or never.",
            callback=_remember_color,
            expose_value=False,
            is_eager=True,
        ),
    ) -> None:
        """Stand-in."""

    holder = typer.Typer(add_completion=False)
    holder.command()(stand_in)
    return typer.main.get_command(holder).params[0]


def color_choice() -> bool | None:
    """``--color`` of the running command: True (always), False (never), None (auto)."""
    return _color[0]


def stdout_is_a_terminal() -> bool:
    """Whether tables are laid out for a terminal (rich) or one row a line (a pipe).

    ``--color always`` counts as a terminal; ``--color never`` on a terminal
    still gets its layout, without colour.
    """
    from factcheck.render.terminal import is_terminal

    return color_choice() is True or is_terminal(sys.stdout)


def stdout_console():
    """A rich console on stdout, for tables (imported lazily: rich is not free)."""
    from factcheck.render.terminal import make_console

    return make_console(sys.stdout, color=color_choice())


def stdout_printer():
    """Styled lines on stdout: rich on a terminal, plain text otherwise."""
    from factcheck.render.terminal import make_printer

    return make_printer(sys.stdout, color=color_choice())


def end_of_startup() -> None:
    """Collect garbage again, now that the command has started.

    ``factcheck.__main__`` switches the collector off for the start-up; the
    objects made until now (modules, the database, its index) live for the
    whole run, so they are frozen out of later collections, which then
    only look at what the run itself allocates. A no-op when the collector
    is on (``CliRunner``, a library caller).
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def load(db: Path | None):
    """The database for a command that lists or shows claims.

    Through the cache too: parsing the YAML costs 50 ms for the bundled
    database (most of it importing yaml) and 20 s for 100,000 claims. With
    the cache off, the database is parsed without building an index.
    """
    from factcheck.db.cache import cache_dir

    if cache_dir() is None:
        from factcheck.db.database import load_database

        database = load_database(db)
    else:
        database = load_cached(db).database
    end_of_startup()
    return database


def load_cached(db: Path | None, known=None):
    """The database through its on-disk cache, which is written if missing.

    A cache that cannot be written is not an error: one line on stderr says
    why, and the run goes on without it. ``known``: the bytes a writer just
    wrote to the YAML file ``db`` and the database it validated them as
    (see ``cache.load_indexed``).
    """
    from factcheck.db.store import open_database

    if known is not None:
        from factcheck.db.cache import load_indexed

        loaded = load_indexed(db, known=known)
    else:
        loaded = open_database(db)
    if loaded.warning:
        from factcheck.render.controls import visible

        sys.stderr.write(f"factcheck: warning: {visible(loaded.warning)}\n")
    return loaded


def open_indexed(db: Path | None):
    """The database and a matcher over its cached index.

    Every command that matches text (``verify``, ``search``, ``lint``) opens
    the database this way, so a large one is parsed and indexed once, not on
    every run.
    """
    from factcheck.check.matcher import Matcher

    loaded = load_cached(db)
    end_of_startup()
    return loaded.database, Matcher.opened(loaded)
