"""Tables off a terminal: a header and one row a line, nothing wrapped or cut.

A rich table wraps cells to the width it guesses for a pipe (80 columns),
so an id breaks mid-word ("gl-2017-04-11-libal-" / "fear-mongering") and
``grep`` or ``cut`` find half a row. Off a terminal ``claims``, ``search``
and ``speakers`` print their rows through ``format_rows`` instead: columns
aligned by padding, every cell whole, and columns that are empty in every
row left out. No rich here: a pipe does not pay for importing it.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.model import Claim, Match
from factcheck.render.controls import visible

CLAIM_COLUMNS = ("id", "speaker", "type", "figures", "claim", "date", "rating")
SPEAKER_COLUMNS = ("speaker", "id", "role", "affiliation", "claims", "types")
SEARCH_COLUMNS = ("#", "score", "id", "claim", "speaker", "rating")
NOTHING_FOUND = "no claim shares a word with the query\n"


def format_rows(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The header and the rows, aligned; a column empty in every row is dropped.

    Cells are the database's text: their control characters are shown, not sent.
    """
    rows = [[visible(cell) for cell in row] for row in rows]
    keep = [i for i in range(len(columns)) if any(row[i] for row in rows)]
    widths = {i: max(len(columns[i]), *(len(row[i]) for row in rows)) for i in keep}
    lines = [
        "  ".join(cells[i].ljust(widths[i]) for i in keep).rstrip() for cells in [columns, *rows]
    ]
    return "".join(line + "\n" for line in lines)


def claim_cells(claim: Claim) -> dict[str, str]:
    """A claim's cells under ``CLAIM_COLUMNS``, whole."""
    return {
        "id": claim.id,
        "speaker": claim.speaker.name,
        "type": claim.type,
        "figures": "; ".join(f.text for f in claim.figures),
        "claim": claim.claim,
        "date": claim.source.date.isoformat() if claim.source.date else "",
        "rating": rating_cell(claim),
    }


def rating_cell(claim: Claim) -> str:
    """A reviewed claim's class and rating as published ("false: Pants on Fire"); "" if none."""
    review = claim.review
    return "" if review is None else f"{review.rating_class}: {review.rating}"


def claim_rows(claims: Sequence[Claim]) -> str:
    return format_rows(CLAIM_COLUMNS, [list(claim_cells(c).values()) for c in claims])


def speaker_rows(summaries: Sequence) -> str:
    rows = [
        [
            s.speaker.name,
            s.speaker.id,
            s.speaker.role or "",
            s.speaker.affiliation or "",
            str(s.claims),
            ", ".join(f"{kind} {count}" for kind, count in s.types),
        ]
        for s in summaries
    ]
    return format_rows(SPEAKER_COLUMNS, rows)


def search_rows(results: Sequence[tuple[str, Sequence[Match]]]) -> str:
    """Per query: a line with the query, then its ranked claims; a blank line between."""
    blocks = []
    for query, matches in results:
        rows = [
            [
                str(rank),
                f"{m.score:.1f}",
                m.claim.id,
                m.claim.claim,
                m.claim.speaker.name,
                rating_cell(m.claim),
            ]
            for rank, m in enumerate(matches, 1)
        ]
        found = format_rows(SEARCH_COLUMNS, rows) if rows else NOTHING_FOUND
        blocks.append(f"query: {visible(query)}\n{found}")
    return "\n".join(blocks)
