"""Human output with rich: findings with passage, figures, attribution, citation.

The only module that knows about rich. Without a terminal, or with
``NO_COLOR`` set, the same text comes out plain.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from rich.console import Console
from rich.text import Text

from factcheck.model import Claim, Finding, Verdict
from factcheck.normalize import terms

VERDICT_STYLES = {
    Verdict.SUPPORTED: ("✓", "supported", "bold green"),
    Verdict.FIGURE_MISMATCH: ("✗", "figure mismatch", "bold red"),
    Verdict.MISQUOTE: ("✗", "misquote", "bold red"),
    Verdict.MISATTRIBUTED: ("✗", "misattributed", "bold red"),
    Verdict.UNSUPPORTED: ("?", "unsupported", "bold yellow"),
    Verdict.UNCHECKED: ("·", "unchecked", "dim"),
}


def make_console(stream: IO[str], *, color: bool | None = None) -> Console:
    """A console that is plain off a terminal; rich itself honours NO_COLOR."""
    return Console(
        file=stream,
        highlight=False,
        soft_wrap=True,
        emoji=False,
        force_terminal=color,
        no_color=color is False,
    )


def highlight_passage(passage: str, sentence: str) -> Text:
    """The passage with the words it shares with the sentence in bold."""
    shared = set(terms(sentence))
    text = Text(passage)
    import re

    for word in re.finditer(r"[\w’'.,-]+", passage):
        if set(terms(word.group(0))) & shared:
            text.stylize("bold underline", word.start(), word.end())
    return text


def _quoted(passage: Text) -> Text:
    """The passage in quotation marks, unless it is itself a quotation."""
    if passage.plain.startswith(("“", '"')):
        return passage
    return Text("“") + passage + Text("”")


def attribution_line(claim: Claim) -> str:
    """Speaker, role, source and date in one line."""
    speaker = claim.speaker
    who = speaker.name + (f", {speaker.role}" if speaker.role else "")
    source = claim.source
    when = source.date.strftime("%B %-d, %Y") if source.date else "undated"
    where = f", {source.place}" if source.place else ""
    return f"{who} — {source.publisher} {source.kind}{where}, {when}"


def render_finding(console: Console, finding: Finding, citation: str | None) -> None:
    """One finding: location, verdict, sentence, source passage and what differs."""
    mark, label, style = VERDICT_STYLES[finding.verdict]
    sentence = finding.sentence
    head = Text()
    head.append(f"{finding.path}:{sentence.line}:{sentence.column}", style="bold")
    head.append("  ")
    head.append(f"{mark} {label}", style=style)
    head.append(f"  (score {finding.score:.0f})", style="dim")
    console.print(head)
    console.print(Text("  Draft   ") + Text(sentence.text, style="italic"))
    console.print(Text("  Why     ") + Text(finding.message))
    claim = finding.claim
    if claim is not None:
        console.print(Text(f"  Claim   {claim.id}: ") + Text(claim.claim))
        console.print(Text("  Source  ") + _quoted(highlight_passage(claim.passage, sentence.text)))
        if claim.figures:
            shown = "; ".join(figure_text(f) for f in claim.figures)
            console.print(Text("  Figures ") + Text(shown))
        for line in _detail_lines(finding.details):
            console.print(Text("          ") + Text(line, style="red"))
        console.print(Text("  Said by ") + Text(attribution_line(claim)))
        if claim.context:
            console.print(Text("  Context ") + Text(claim.context, style="dim"))
        for other in finding.others:
            console.print(Text("  Also in ") + Text(attribution_line(other)))
        if citation:
            console.print(Text("  Cite    ") + Text(citation, style="cyan"))
    console.print()


def figure_text(figure: Any) -> str:
    """A figure with what it counts and its year: "52 percent of prosecutions (2016)"."""
    year = f" ({figure.year})" if figure.year else ""
    counts = f" of {figure.counts}" if figure.counts else ""
    return f"{figure.text}{counts}{year}"


def _detail_lines(details: dict[str, Any]) -> list[str]:
    """Side-by-side figures, the quote diff and the speakers, as short lines."""
    lines = []
    for number, item in enumerate(details.get("figures", [])):
        if not isinstance(item, dict):
            continue  # an unsupported figure: its text alone, already in the message
        # The first reason is the finding's message; later ones are shown here.
        reason = f": {item['reason']}" if number else ""
        lines.append(f"found {item['found']['text']} — source {item['expected']['text']}{reason}")
    for op in details.get("diff", []):
        if op["op"] == "replace":
            lines.append(f"quote: “{op['found']}” should be “{op['expected']}”")
        elif op["op"] == "insert":
            lines.append(f"quote: “{op['found']}” is not in the source")
        else:
            lines.append(f"quote: “{op['expected']}” is missing")
    if "found_speaker" in details:
        lines.append(
            f"speaker: draft says {details['found_speaker']}, source says "
            f"{details['expected_speaker']}"
        )
    return lines


def render_summary(
    console: Console, findings: Iterable[Finding], files: int, sentences: int
) -> None:
    """One closing line: sentences read and counts per verdict."""
    counts: dict[Verdict, int] = {}
    for finding in findings:
        counts[finding.verdict] = counts.get(finding.verdict, 0) + 1
    parts = [f"{counts[v]} {VERDICT_STYLES[v][1]}" for v in Verdict if counts.get(v)]
    files_text = f"{files} file{'s' if files != 1 else ''}"
    sentences_text = f"{sentences} sentence{'s' if sentences != 1 else ''}"
    text = Text(f"{sentences_text} in {files_text}: ", style="bold")
    text.append(", ".join(parts) if parts else "nothing to check")
    console.print(text)
