"""Editors' commands: ``claims``, ``speakers``, ``show`` and ``cite``.

They read the database outward (who said what, which figures may be quoted,
how to cite them); the filtering and lookups live in ``factcheck.db.catalog``.
"""

# No `from __future__ import annotations`: typer reads these signatures at run
# time and would have to eval every annotation written as a string.

import sys
from enum import StrEnum
from pathlib import Path

import typer

from factcheck.cli.options import (
    DB_OPTION,
    TextOrJson,
    load,
    stdout_console,
    stdout_is_a_terminal,
)


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"
    csv = "csv"


class SpeakersFormat(StrEnum):
    table = "table"
    json = "json"


def claims(
    speaker: str | None = typer.Option(
        None,
        "--speaker",
        "-s",
        help="Only claims by this speaker: name, alias, surname or id; case-blind and fuzzy.",
        show_default=False,
    ),
    claim_type: str | None = typer.Option(
        None,
        "--type",
        help="Only claims of this type (quote, statistic, event...).",
        show_default=False,
    ),
    source: str | None = typer.Option(
        None, "--source", help="Only claims of this source (id or publisher).", show_default=False
    ),
    tag: str | None = typer.Option(
        None, "--tag", help="Only claims with this tag.", show_default=False
    ),
    rating: str | None = typer.Option(
        None,
        "--rating",
        help="Only claims a fact-check rated so: true, mostly-true, mixed, mostly-false, false, "
        "unproven or unrated.",
        show_default=False,
    ),
    since: str | None = typer.Option(
        None, "--since", help="Only sources dated on or after YYYY-MM-DD.", show_default=False
    ),
    until: str | None = typer.Option(
        None, "--until", help="Only sources dated on or before YYYY-MM-DD.", show_default=False
    ),
    output_format: ListFormat = typer.Option(
        ListFormat.table, "--format", "-f", help="Output format."
    ),
    db: Path | None = DB_OPTION,
) -> int:
    """List claims: id, speaker, type, figures, claim and source date (and rating, if rated).

    Claims come in database order. When nothing matches, a note goes to
    stderr and the exit code is 0; JSON and YAML print an empty list, CSV
    its header row.
    """
    from factcheck.db.catalog import ClaimFilter, filter_claims, parse_date

    query = ClaimFilter(
        speaker=speaker,
        type=claim_type,
        source=source,
        tag=tag,
        rating=rating,
        since=parse_date(since, "--since") if since is not None else None,
        until=parse_date(until, "--until") if until is not None else None,
    )
    found = filter_claims(load(db), query)
    if not found:
        sys.stderr.write("factcheck: no claims match these filters\n")
    if output_format is ListFormat.table:
        if found and not stdout_is_a_terminal():
            from factcheck.render.rows import claim_rows

            sys.stdout.write(claim_rows(found))
        elif found:
            from factcheck.render.table import claims_table

            console = stdout_console()
            console.print(claims_table(found, console.width), soft_wrap=False)
        return 0
    if output_format is ListFormat.csv:
        from factcheck.render.records import render_csv

        sys.stdout.write(render_csv(found))
        return 0
    from factcheck.render.json import claim_dict
    from factcheck.render.records import dump_json, render_yaml

    dicts = [claim_dict(c) for c in found]
    render = render_yaml if output_format is ListFormat.yaml else dump_json
    sys.stdout.write(render(dicts))
    return 0


def speakers(
    output_format: SpeakersFormat = typer.Option(
        SpeakersFormat.table, "--format", "-f", help="Output format."
    ),
    db: Path | None = DB_OPTION,
) -> int:
    """List speakers with role, affiliation, and how many claims of which types."""
    from factcheck.db.catalog import speaker_summaries

    summaries = speaker_summaries(load(db))
    if output_format is SpeakersFormat.json:
        from factcheck.render.records import dump_json, speaker_summary_dict

        sys.stdout.write(dump_json([speaker_summary_dict(s) for s in summaries]))
    elif not stdout_is_a_terminal():
        from factcheck.render.rows import speaker_rows

        sys.stdout.write(speaker_rows(summaries))
    else:
        from factcheck.render.table import speakers_table

        stdout_console().print(speakers_table(summaries), soft_wrap=False)
    return 0


def show(
    claim_id: str = typer.Argument(..., help="The claim's id (see `factcheck claims`)."),
    output_format: TextOrJson = typer.Option(
        TextOrJson.text, "--format", "-f", help="Output format."
    ),
    db: Path | None = DB_OPTION,
) -> int:
    """Show one claim in full, with its passage highlighted in the source.

    Also prints the claim's figures, attribution, context and tags, and a
    citation in every style.
    """
    from factcheck.db.catalog import get_claim, passage_context
    from factcheck.render.citations import STYLES, cite

    claim = get_claim(load(db), claim_id)
    context = passage_context(claim)
    citations = {style: cite(claim, style) for style in STYLES}
    if output_format is TextOrJson.json:
        from factcheck.render.records import claim_detail_dict, dump_json

        sys.stdout.write(dump_json(claim_detail_dict(claim, context, citations)))
    else:
        from factcheck.render.table import render_claim

        render_claim(stdout_console(), claim, context, citations)
    return 0


def cite(
    claim_id: str = typer.Argument(..., help="The claim's id (see `factcheck claims`)."),
    style: str = typer.Option(
        "apa",
        "--style",
        "-s",
        help="apa, mla, chicago, bibtex, csl-json, or markdown (a footnote quoting the passage).",
    ),
    db: Path | None = DB_OPTION,
) -> int:
    """Cite a claim's source as a press release by its organization, in one style."""
    from factcheck.db.catalog import get_claim
    from factcheck.render.citations import check_style
    from factcheck.render.citations import cite as cite_claim

    style = check_style(style)
    claim = get_claim(load(db), claim_id)
    citation = cite_claim(claim, style)
    if style != "csl-json":  # text to read and paste; JSON escapes what it must
        from factcheck.render.controls import visible

        citation = visible(citation)
    sys.stdout.write(citation + "\n")
    return 0
