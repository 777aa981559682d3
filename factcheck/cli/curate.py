"""Curators' commands: ``validate``, ``extract`` and ``add``.

They keep the database sound as it grows: check every record against its
source text, draft candidate claims from a new release, and merge reviewed
candidates into a database file without touching the rest of it.
"""

# No `from __future__ import annotations`: typer reads these signatures at run
# time and would have to eval every annotation written as a string.

import os
import sys
from pathlib import Path

import typer

from factcheck.cli.options import DB_OPTION, ENCODING_OPTION, ERRORS_OPTION
from factcheck.render.terminal import counted


def validate(db: Path | None = DB_OPTION) -> int:
    """Check the database: schema, unique ids, passages verbatim, speakers, dates, links.

    Prints every problem as FILE:LINE: message (fix), with the closest source
    text and the difference when a passage is not verbatim, then a summary.
    Exits 1 when there is a problem, 0 when the database is sound, 2 when it
    cannot be read at all.
    """
    from factcheck.db.database import database_files, default_database_path, read_database, validate
    from factcheck.render.controls import visible

    root = db if db is not None else default_database_path()
    files = database_files(root)  # a missing database is an error (exit 2), not a problem
    problems = validate(root)
    for problem in problems:  # they quote the database, control characters and all
        typer.echo(visible(str(problem)))
        for line in (problem.detail or "").splitlines():
            typer.echo(f"    {visible(line)}")
    where = counted(len(files), "file")
    if problems:
        typer.echo(f"{counted(len(problems), 'problem')} in {where}")
        return 1
    database, _ = read_database(root)
    typer.echo(
        f"sound: {counted(len(database.claims), 'claim')}, "
        f"{counted(len(database.speakers), 'speaker')}, "
        f"{counted(len(database.sources), 'source')} in {where}"
    )
    return 0


def extract(
    source_file: Path = typer.Argument(
        ..., help="The source text (plain text or Markdown) to draft claims from.", metavar="SOURCE"
    ),
    source_id: str = typer.Option(
        ..., "--source-id", help="Id of the new source, e.g. gl-2017-04-11."
    ),
    publisher: str = typer.Option(
        ..., "--publisher", help="Who issued the source; its own statements are credited to it."
    ),
    title: str | None = typer.Option(
        None,
        "--title",
        help="Title of the source (default: its headline, else the id).",
        show_default=False,
    ),
    date: str | None = typer.Option(
        None,
        "--date",
        help="Date of the source, YYYY-MM-DD (default: the dateline's).",
        show_default=False,
    ),
    place: str | None = typer.Option(
        None, "--place", help="Where it was issued (default: the dateline's).", show_default=False
    ),
    url: str | None = typer.Option(
        None, "--url", help="Where it is published.", show_default=False
    ),
    kind: str = typer.Option("press release", "--kind", help="What kind of document it is."),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Write the draft to this file (atomically) instead of stdout ('-'); the source's "
        "path is then relative to the file's folder, else to the current directory.",
        show_default=False,
    ),
    encoding: str = ENCODING_OPTION,
    errors: str = ERRORS_OPTION,
) -> int:
    """Draft candidate claims from a new source, as a database file in YAML.

    One candidate per checkable sentence, quoted sentence (with its speaker,
    role and affiliation), attributed quote and statistic clause, with parsed
    figures, a guessed type and generated ids. Passages are verbatim, so the
    draft loads as it is; review it, then merge it with `factcheck add`.
    """
    from factcheck.atomic import same_file
    from factcheck.cli.options import check_input_options, check_name, check_text, is_stdout
    from factcheck.db.catalog import parse_date
    from factcheck.db.extract import extract as draft_claims
    from factcheck.db.extract import source_text_file
    from factcheck.db.write import atomic_write, render_draft
    from factcheck.errors import UsageError
    from factcheck.model import Source
    from factcheck.text.document import read_document

    check_input_options(errors=errors)
    check_name(publisher, "--publisher")
    check_text(source_id, "--source-id", is_id=True)
    for value, option in ((title, "--title"), (place, "--place"), (url, "--url"), (kind, "--kind")):
        check_text(value, option)
    if is_stdout(output):
        output = None
    when = parse_date(date, "--date") if date is not None else None
    text = read_document(str(source_file), encoding=encoding, errors=errors).text
    if not text.strip():
        raise UsageError("source is empty", file=str(source_file))
    folder = (output.parent if output is not None else Path.cwd()).resolve()
    text_file, copy = source_text_file(source_file, text)
    if output is not None and (same_file(output, source_file) or same_file(output, text_file)):
        raise UsageError("-o would overwrite the source", file=str(output), fix="pick another file")
    if copy is not None:
        atomic_write(text_file, copy)
        sys.stderr.write(
            f"factcheck: wrote {text_file}, the source as UTF-8 (the database reads source "
            "texts as UTF-8); the draft names it\n"
        )
    relative = Path(os.path.relpath(text_file.resolve(), folder)).as_posix()
    source = Source(
        id=source_id,
        title=title or _headline(text) or source_id,
        publisher=publisher,
        kind=kind,
        place=place,
        date=when,
        url=url,
        path=relative,
    )
    draft = draft_claims(text, source, str(source_file))
    rendered = render_draft(draft.source, draft.speakers, draft.claims)
    _warn_if_invalid(rendered, (output or Path("draft.yaml")).resolve())
    if output is None:
        sys.stdout.write(rendered)
    else:
        atomic_write(output, rendered)
    quotes = sum(1 for c in draft.claims if c.type == "quote")
    sys.stderr.write(
        f"drafted {len(draft.claims)} candidate claims ({quotes} quotes) and "
        f"{len(draft.speakers)} speakers from {source_file}; review them, then "
        f"`factcheck add DRAFT.yaml --into claims.yaml`\n"
    )
    return 0


def add(
    candidates: Path = typer.Argument(
        ..., help="Reviewed candidates: a YAML file as `factcheck extract` writes it."
    ),
    into: Path = typer.Option(
        ...,
        "--into",
        help="The database file to merge into, or a database folder "
        "(the candidates become a new file there).",
    ),
) -> int:
    """Merge reviewed candidate claims into a database file.

    Items are appended as written, comments included, after the last item
    of each list; nothing else of the file changes. A source, claim or
    speaker id that is already in the database is refused (a speaker with the
    same id and name is reused). The result is validated before an atomic
    write, so the database is never left half-written or invalid.
    """
    from factcheck.db.write import add_candidates

    result = add_candidates(candidates, into)
    counts = ", ".join(counted(len(ids), key[:-1]) for key, ids in result.added.items())
    reused = (
        f"; reused speakers {', '.join(result.reused_speakers)}" if result.reused_speakers else ""
    )
    typer.echo(f"added {counts} to {result.path}{reused}")
    return 0


def _headline(text: str) -> str | None:
    """The first line above the story that reads as a headline.

    Not a sentence (no final period), not a shouted label ("FOR IMMEDIATE
    RELEASE"), not a dateline, not a date.
    """
    for line in text.strip().splitlines()[:8]:
        line = line.strip().strip("#").strip()
        if len(line) > 200 or line.endswith((".", "”", '"')):
            return None  # the story has started
        headline = line and not line.isupper() and "—" not in line and not line[:1].isdigit()
        if headline and len(line.split()) >= 4:
            return line
    return None


def _warn_if_invalid(rendered: str, path: Path) -> None:
    """Say so on stderr when the draft would not load where it is written."""
    from factcheck.db.database import read_database
    from factcheck.render.controls import visible

    _database, problems = read_database(path, overrides={path: rendered})
    for problem in problems:
        fix = f" ({problem.fix})" if problem.fix else ""
        sys.stderr.write(f"factcheck: warning: {visible(problem.message + fix)}\n")
