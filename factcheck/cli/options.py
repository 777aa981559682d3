"""Options shared by several commands, declared once."""

from __future__ import annotations

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
