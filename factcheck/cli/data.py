"""``factcheck import``: another fact-checker's list of claims as a database."""

# No `from __future__ import annotations`: typer reads these signatures at run
# time and would have to eval every annotation written as a string.

import sys
from pathlib import Path

import typer

from factcheck.render.terminal import counted


def import_claims(
    file: Path = typer.Argument(
        ...,
        help="Claims to import: .csv, .tsv or .jsonl (one JSON object a line), or ClaimReview "
        "JSON-LD (.json/.jsonld, or a folder of them).",
    ),
    output: Path = typer.Option(
        ...,
        "--output",
        "-o",
        help="The database to write: a YAML file ('-' prints it), or a SQLite store "
        "(.sqlite) that the claims are added to.",
        show_default=False,
    ),
    id_field: str | None = typer.Option(
        None, "--id-field", help="The field holding each claim's id (tables; a.b for nested)."
    ),
    text_field: str | None = typer.Option(
        None, "--text-field", help="The field holding the claim (tables)."
    ),
    title_field: str | None = typer.Option(
        None, "--title-field", help="A headline field; it counts for matching."
    ),
    speaker_field: str | None = typer.Option(
        None, "--speaker-field", help="Who made each claim (default: the publisher)."
    ),
    date_field: str | None = typer.Option(None, "--date-field", help="A YYYY-MM-DD date field."),
    url_field: str | None = typer.Option(
        None, "--url-field", help="A field with each claim's URL."
    ),
    rating_field: str | None = typer.Option(
        None, "--rating-field", help="A fact-check's textual rating (False, Mostly true...)."
    ),
    reviewer_field: str | None = typer.Option(
        None, "--reviewer-field", help="Who rated each claim (with --rating-field)."
    ),
    publisher: str | None = typer.Option(
        None, "--publisher", help="Who published the list (default: the file's name)."
    ),
    id_prefix: str = typer.Option("", "--id-prefix", help="Put this before every claim id."),
    input_format: str | None = typer.Option(
        None,
        "--input-format",
        help="csv, tsv, jsonl or claimreview (default: by extension; a folder is claimreview).",
    ),
) -> int:
    """Turn another fact-checker's list of claims, or a ClaimReview feed, into a database file.

    Table fields may be dotted paths into nested JSON (itemReviewed.author.name).
    ClaimReview JSON-LD (one object, a list, an @graph, a DataFeed, or Google
    Fact Check Tools claims:search responses) needs no field options: each
    review becomes a rated claim. The claims have no source text: their
    sources are marked external (with their URL when given). `search`,
    `verify` and `lint` then use the file like any database (`--db
    OUT.yaml`). The written file is loaded back and indexed, so the first
    search is fast. A SQLite store
    (`-o OUT.sqlite`) is made if new and unrated claims added to it in one
    transaction, its index updated in place.
    """
    from factcheck.atomic import same_file
    from factcheck.cli.options import check_name, check_text, is_stdout, load_cached
    from factcheck.db.database import is_sqlite
    from factcheck.db.importer import ImportOptions, import_claims, iter_imported, to_store
    from factcheck.db.write import atomic_write, refuse_invalid
    from factcheck.errors import UsageError

    check_name(publisher, "--publisher")
    check_text(id_prefix, "--id-prefix")
    if same_file(output, file):
        raise UsageError("the output would overwrite the input", file=str(output))
    options = ImportOptions(
        id_field=id_field,
        text_field=text_field,
        title_field=title_field,
        speaker_field=speaker_field,
        date_field=date_field,
        url_field=url_field,
        rating_field=rating_field,
        reviewer_field=reviewer_field,
        publisher=publisher,
        id_prefix=id_prefix,
        input_format=input_format,
    )
    if is_sqlite(output):
        added = to_store(iter_imported(file, options), file, options, output)
        sys.stderr.write(f"factcheck: imported {counted(added, 'claim')} to {output}\n")
        return 0
    text = import_claims(file, options)
    checked = refuse_invalid(output, output, text, "imported", file, "input", "import")
    where = "stdout" if is_stdout(output) else str(output)
    if is_stdout(output):
        sys.stdout.write(text)
        database = checked
    else:
        atomic_write(output, text)
        written = {output: text.encode("utf-8")}
        del text  # not held beside the database it is indexed as
        # The database just validated is the file's: it is indexed and cached, not parsed again.
        database = load_cached(output, known=(written, checked)).database
    counts = ", ".join(
        counted(n, what)
        for n, what in ((len(database.sources), "source"), (len(database.speakers), "speaker"))
    )
    sys.stderr.write(
        f"factcheck: imported {counted(len(database.claims), 'claim')} ({counts}) to {where}\n"
    )
    return 0
