"""Rich tables of search results: rank, score, claim id, speaker and claim."""

from __future__ import annotations

from rich import box
from rich.table import Table

from factcheck.model import Match
from factcheck.render.controls import visible
from factcheck.render.rows import rating_cell
from factcheck.render.table import short


def search_tables(results: list[tuple[str, list[Match]]]) -> list[Table]:
    """One table per query, titled with the query; an empty result says so."""
    tables = []
    for query, matches in results:
        table = Table(title=short(query, 100), box=box.SIMPLE, title_justify="left")
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("score", justify="right", no_wrap=True)
        table.add_column("id", overflow="fold", max_width=28)
        table.add_column("claim — speaker", min_width=30, ratio=1)
        rated = any(m.claim.review is not None for m in matches)
        if rated:
            table.add_column("rating", max_width=24)
        for rank, match in enumerate(matches, 1):
            claim = match.claim
            shown = short(claim.claim) + (f" ({short(claim.title, 60)})" if claim.title else "")
            shown += f" — {visible(claim.speaker.name)}"
            cells = [str(rank), f"{match.score:.1f}", visible(claim.id), shown]
            table.add_row(*cells, *([visible(rating_cell(claim))] if rated else []))
        if not matches:
            table.add_row("", "", "", "no claim shares a word with the query")
        tables.append(table)
    return tables
