"""Rich views of the database for editors: claim and speaker tables, one claim in full.

Like ``render.terminal``, only this kind of module knows about rich; the
same output is plain text off a terminal, so it can be piped and diffed.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.db.catalog import PassageContext, SpeakerSummary
from factcheck.model import Claim
from factcheck.render.controls import visible
from factcheck.render.rows import rating_cell
from factcheck.render.terminal import attribution_line, figure_text, review_line

SHORT_CLAIM = 80
MIN_CLAIM_WIDTH = 20
READABLE_CLAIM_WIDTH = 36
MIN_ID_WIDTH = 20
# Off a terminal the highlight would be invisible, so the passage is bracketed.
PLAIN_OPEN, PLAIN_CLOSE = "[[", "]]"


def short(text: str, width: int = SHORT_CLAIM) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with an ellipsis,
    its control characters shown (``controls.visible``)."""
    text = visible(text)
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def claims_table(claims: list[Claim], width: int) -> Table:
    """id, speaker, type, figures, short claim and source date, one claim a row.

    Widths are set here rather than left to rich, which squeezes the claim
    column to nothing first: every column gets at most its content's width
    (capped), ids and the claim share what is left of ``width``. The date and
    type columns give way to whole ids, figures and speaker only to a claim
    narrower than ``MIN_CLAIM_WIDTH``. Ids fold when they must, never truncate.
    """
    rows = [
        {
            "id": visible(claim.id),
            "speaker": short(claim.speaker.name, 30),
            "type": visible(claim.type),
            "figures": visible("; ".join(f.text for f in claim.figures)),
            "claim": short(claim.claim),
            "date": claim.source.date.isoformat() if claim.source.date else "",
            "rating": short(rating_cell(claim), 24),
        }
        for claim in claims
    ]
    caps = {"speaker": 18, "type": 16, "figures": 20, "date": 10}
    rated = any(row["rating"] for row in rows)
    if rated:
        caps["rating"] = 24
    widths = {
        name: min(cap, max(len(name), *(len(row[name]) for row in rows)))
        for name, cap in caps.items()
    }
    columns = ["id", "speaker", "type", "figures", "claim", "date", *(["rating"] if rated else [])]
    longest_id = max(len(row["id"]) for row in rows)

    def room() -> int:
        """Width left for the id and the claim: padding each side and a divider a column."""
        return width - sum(widths[n] for n in columns if n in caps) - 3 * (len(columns) - 1)

    for name in ("date", "type"):  # one source and few types: least missed
        if room() >= longest_id + READABLE_CLAIM_WIDTH:
            break
        columns.remove(name)
    for name in ("figures", "speaker"):
        if room() - MIN_ID_WIDTH >= MIN_CLAIM_WIDTH:
            break
        columns.remove(name)
    # Ids come first (whole ids can be copied with a double click) as long as
    # the claim keeps a readable width; the claim takes the rest.
    widths["id"] = max(MIN_ID_WIDTH, min(longest_id, room() - READABLE_CLAIM_WIDTH))
    longest_claim = max(len(row["claim"]) for row in rows)
    widths["claim"] = max(MIN_CLAIM_WIDTH, min(longest_claim, room() - widths["id"]))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in columns:
        style = "bold" if name == "id" else None
        table.add_column(name, width=widths[name], overflow="fold", style=style)
    for row in rows:
        table.add_row(*(row[name] for name in columns))
    return table


def speakers_table(summaries: list[SpeakerSummary]) -> Table:
    """Each speaker with id, role, affiliation, claim count and types."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("speaker", style="bold")
    table.add_column("id", no_wrap=True)
    table.add_column("role")
    table.add_column("affiliation")
    table.add_column("claims", justify="right")
    table.add_column("types")
    for summary in summaries:
        speaker = summary.speaker
        cells = (
            speaker.name,
            speaker.id,
            speaker.role or "",
            speaker.affiliation or "",
            str(summary.claims),
            ", ".join(f"{kind} {count}" for kind, count in summary.types),
        )
        table.add_row(*map(visible, cells))
    return table


def passage_in_paragraph(console: Console, claim: Claim, context: PassageContext | None) -> Text:
    """The paragraph with the passage highlighted; the passage alone without source text."""
    if context is None:
        return Text(visible(f"“{claim.passage}”"))
    plain = console.no_color or console.color_system is None
    before = visible(context.paragraph[: context.start])
    passage = visible(context.paragraph[context.start : context.end])
    after = visible(context.paragraph[context.end :])
    text = Text(before, style="dim")
    if plain:
        text.append(PLAIN_OPEN + passage + PLAIN_CLOSE)
    else:
        text.append(passage, style="bold reverse")
    text.append(after, style="dim")
    return text


def render_claim(
    console: Console, claim: Claim, context: PassageContext | None, citations: dict[str, str]
) -> None:
    """One claim in full: passage in context, figures, attribution, and every citation."""
    head = Text(visible(claim.id), style="bold")
    head.append(visible(f"  ({claim.type})"), style="dim")
    console.print(head)
    rows: list[tuple[str, Text | str]] = [("Claim", claim.claim)]
    if context is None:
        rows.append(("Passage", passage_in_paragraph(console, claim, None)))
    else:
        rows.append(("Source", passage_in_paragraph(console, claim, context)))
    if claim.quote:
        rows.append(("Quote", f"“{claim.quote}”"))
    for figure in claim.figures:
        rows.append(("Figure", figure_text(figure)))
    rows.append(("Said by", attribution_line(claim)))
    if claim.review is not None:
        rows.append(("Rated", review_line(claim.review)))
    if claim.context:
        rows.append(("Context", claim.context))
    if claim.tags:
        rows.append(("Tags", ", ".join(claim.tags)))
    if claim.same_as:
        rows.append(("Same as", ", ".join(claim.same_as)))
    for label, value in rows:
        shown = value if isinstance(value, Text) else Text(visible(value))
        console.print(Text(f"  {label:<8}") + shown)
    console.print(Text("  Cite", style="bold"))
    for style, citation in citations.items():
        lines = visible(citation).splitlines() or [""]
        console.print(Text(f"    {style:<9}") + Text(lines[0], style="cyan"))
        for line in lines[1:]:
            console.print(Text(" " * 13) + Text(line, style="cyan"))
