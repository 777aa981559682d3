"""Options shared by several commands, declared once."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


DB_OPTION = typer.Option(
    None,
    "--db",
    help="Claims database: a YAML file or a folder of them [default: $FACTCHECK_DB, "
    "else the bundled database].",
    show_default=False,
)
ENCODING_OPTION = typer.Option("utf-8", "--encoding", help="Encoding of inputs without a BOM.")
ERRORS_OPTION = typer.Option(
    "strict", "--errors", help="On undecodable bytes: strict (stop), replace or ignore."
)


def load(db: Path | None):
    """The database for a command (imported lazily: YAML is not free)."""
    from factcheck.database import load_database

    return load_database(db)


def open_indexed(db: Path | None):
    """The database and a matcher over its cached index.

    Every command that matches text (``verify``, ``search``, ``lint``) opens
    the database this way, so a large one is parsed and indexed once, not on
    every run.

    A cache that cannot be written is not an error: one line on stderr says
    why, and the run goes on without it.
    """
    from factcheck.cache import load_indexed
    from factcheck.matcher import Matcher

    loaded = load_indexed(db)
    if loaded.warning:
        sys.stderr.write(f"factcheck: warning: {loaded.warning}\n")
    return loaded.database, Matcher(loaded.database, index=loaded.index)
