"""Human output: findings with passage, figures, attribution, citation.

Lines are built as styled spans and written by a ``Printer``: through rich
on a terminal, as plain text everywhere else. Off a terminal rich would
print the same characters, but importing ``rich.console`` costs about 35 ms,
a quarter of a cold ``factcheck verify`` in a pipe or a CI log.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from typing import IO, Any, Protocol

from factcheck.check.index import normalized_terms
from factcheck.model import Claim, Evidence, Figure, Finding, Review, Verdict, long_date
from factcheck.render.controls import visible
from factcheck.text.normalize import normalize, terms

VERDICT_STYLES = {
    Verdict.SUPPORTED: ("✓", "supported", "bold green"),
    Verdict.DEBUNKED: ("✗", "debunked", "bold red"),
    Verdict.FIGURE_MISMATCH: ("✗", "figure mismatch", "bold red"),
    Verdict.MISQUOTE: ("✗", "misquote", "bold red"),
    Verdict.MISATTRIBUTED: ("✗", "misattributed", "bold red"),
    Verdict.UNSUPPORTED: ("?", "unsupported", "bold yellow"),
    Verdict.UNCHECKED: ("·", "unchecked", "dim"),
}

# A piece of a line: plain text, or text with a rich style.
Span = str | tuple[str, str]

_WORD = re.compile(r"[\w’'.,-]+")


class Printer(Protocol):
    """Writes one line of styled spans, control characters shown (``controls.visible``)."""

    def line(self, *spans: Span) -> None: ...


class PlainPrinter:
    """The text of the spans, without styles or rich."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def line(self, *spans: Span) -> None:
        text = visible("".join(span if isinstance(span, str) else span[0] for span in spans))
        self.stream.write(_expand_tabs(text) + "\n")


def _expand_tabs(text: str) -> str:
    """Tabs to spaces at 8-cell stops, as rich does: a wide character ("日") is two cells."""
    if "\t" not in text:
        return text
    from rich.cells import cell_len

    lines = []
    for line in text.split("\n"):
        *parts, last = line.split("\t")
        column, out = 0, []
        for part in parts:
            column += cell_len(part)
            pad = 8 - column % 8
            out.append(part + " " * pad)
            column += pad
        lines.append("".join(out) + last)
    return "\n".join(lines)


class RichPrinter:
    """The spans with their styles, through a rich console."""

    def __init__(self, stream: IO[str], color: bool | None) -> None:
        from rich.text import Text

        self._text = Text
        self.console = make_console(stream, color=color)

    def line(self, *spans: Span) -> None:
        shown = [visible(s) if isinstance(s, str) else (visible(s[0]), s[1]) for s in spans]
        self.console.print(self._text.assemble(*shown))


def is_terminal(stream: IO[str]) -> bool:
    """Whether rich would style output to ``stream``: its own rules, TTY_COMPATIBLE
    and FORCE_COLOR first, then whether the stream is a terminal.

    These are ``rich.console.Console.is_terminal``'s rules as of rich 13-15;
    tests/test_render_terminal.py checks each case against rich itself.
    """
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def make_printer(stream: IO[str], *, color: bool | None = None) -> Printer:
    """Rich on a terminal (or when ``color`` is True), plain text otherwise.

    ``color`` is ``--color``: True (always), False (never) or None (auto: a
    terminal that is not ``TERM=dumb``, where rich would write no styles).
    """
    if color or (color is None and is_terminal(stream) and not _dumb_terminal()):
        return RichPrinter(stream, color)
    return PlainPrinter(stream)


def _dumb_terminal() -> bool:
    return os.environ.get("TERM", "").lower() in ("dumb", "unknown")


def make_console(stream: IO[str], *, color: bool | None = None) -> Any:
    """A rich console that is plain off a terminal.

    With ``color`` None, rich decides from the stream and the environment
    (``NO_COLOR``, ``FORCE_COLOR``, ``TERM=dumb``); True and False (``--color
    always|never``) override both.
    """
    from rich.console import Console

    options: dict[str, Any] = {
        "file": stream,
        # Strings are text, not console markup: a claim or name holding "[/x]" was a
        # MarkupError (exit 70), and "[red]" would have styled what follows.
        "markup": False,
        "highlight": False,
        "soft_wrap": True,
        "emoji": False,
        "force_terminal": color,
        "no_color": None if color is None else not color,
    }
    if color is False:
        options["color_system"] = None
    console = Console(**options)
    if color and console.color_system is None:  # TERM=dumb, yet colour was asked for
        console = Console(**options, color_system="standard")
    console.on_broken_pipe = _closed_pipe  # rich's own exits 1, the code of findings
    return console


def _closed_pipe() -> None:
    """Let a closed stdout (``| head``) reach ``cli.main``, which exits as SIGPIPE would."""
    raise BrokenPipeError(32, "Broken pipe")


def highlight_passage(passage: str, sentence: str) -> list[Span]:
    """The passage with the words it shares with the sentence in bold."""
    # ``terms`` of the sentence, through the index's table of each word's term: a
    # sentence's words are stemmed once a run, not once a finding.
    shared = set(normalized_terms(normalize(sentence)))
    spans: list[Span] = []
    end = 0
    for word in _WORD.finditer(passage):
        if not shared.isdisjoint(_word_terms(word.group(0))):
            spans += [passage[end : word.start()], (word.group(0), "bold underline")]
            end = word.end()
    spans.append(passage[end:])
    return spans


@functools.lru_cache(maxsize=8192)
def _word_terms(word: str) -> tuple[str, ...]:
    """A passage word's terms, kept: the same claims' passages are shown again and again."""
    return tuple(terms(word))


def _quoted(passage: str, spans: list[Span]) -> list[Span]:
    """The passage's spans in quotation marks, unless it is itself a quotation."""
    return spans if passage.startswith(("“", '"')) else ["“", *spans, "”"]


def attribution_line(claim: Claim) -> str:
    """Speaker, role, source and date in one line."""
    speaker = claim.speaker
    who = speaker.name + (f", {speaker.role}" if speaker.role else "")
    source = claim.source
    when = long_date(source.date) if source.date else "undated"
    where = f", {source.place}" if source.place else ""
    return f"{who} — {source.publisher} {source.kind}{where}, {when}"


def review_line(review: Review) -> str:
    """A fact-check's rating in one line: “Pants on Fire” (false), by whom, when, where."""
    shown = f"“{review.rating}” ({review.rating_class})"
    if review.value is not None and review.best is not None:
        shown += f", {review.value:g} of {review.best:g}"
    if review.reviewer:
        shown += f" by {review.reviewer}"
    if review.date:
        shown += f", {long_date(review.date)}"
    return f"{shown} — {review.url}" if review.url else shown


def render_finding(out: Printer, finding: Finding, citation: str | None) -> None:
    """One finding: location, verdict, sentence, source passage and what differs."""
    mark, label, style = VERDICT_STYLES[finding.verdict]
    sentence = finding.sentence
    out.line(
        (f"{finding.path}:{sentence.line}:{sentence.column}", "bold"),
        "  ",
        (f"{mark} {label}", style),
        (f"  (score {finding.score:.0f})", "dim"),
    )
    out.line("  Draft   ", (sentence.text, "italic"))
    out.line("  Why     ", finding.message)
    claim = finding.claim
    if claim is not None:
        out.line(f"  Claim   {claim.id}: ", claim.claim)
        highlighted = highlight_passage(claim.passage, sentence.text)
        out.line("  Source  ", *_quoted(claim.passage, highlighted))
        if claim.figures:
            out.line("  Figures ", "; ".join(figure_text(f) for f in claim.figures))
        for line in _detail_lines(finding.details):
            out.line("          ", (line, "red"))
        out.line("  Said by ", attribution_line(claim))
        if claim.review is not None:
            out.line("  Rated   ", review_line(claim.review))
        if claim.context:
            out.line("  Context ", (claim.context, "dim"))
        for other in finding.also_in:
            out.line("  Also in ", attribution_line(other))
        if citation:
            out.line("  Cite    ", (citation, "cyan"))
    elif finding.details.closest is not None:  # what the score is the score of, as in JSON
        out.line("  Closest ", finding.details.closest.claim.id)
    out.line()


def figure_text(figure: Figure) -> str:
    """A figure with what it counts and its year: "52 percent of prosecutions (2016)"."""
    year = f" ({figure.year})" if figure.year else ""
    counts = f" of {figure.counts}" if figure.counts else ""
    return f"{figure.text}{counts}{year}"


def _detail_lines(evidence: Evidence) -> list[str]:
    """Side-by-side figures, the quote diff and the speakers, as short lines."""
    lines = []
    for number, mismatch in enumerate(evidence.figures):
        # The first reason is the finding's message; later ones are shown here.
        reason = f": {mismatch.reason}" if number else ""
        lines.append(f"found {mismatch.found.text} — source {mismatch.expected.text}{reason}")
    for op in evidence.misquote.diff if evidence.misquote else ():
        if op.op == "replace":
            lines.append(f"quote: “{op.found}” should be “{op.expected}”")
        elif op.op == "insert":
            lines.append(f"quote: “{op.found}” is not in the source")
        else:
            lines.append(f"quote: “{op.expected}” is missing")
    if evidence.speaker is not None:
        lines.append(
            f"speaker: draft says {evidence.speaker.found_name}, source says "
            f"{evidence.speaker.expected.name}"
        )
    return lines


def render_summary(
    out: Printer, verdicts: Mapping[Verdict, int], files: int, sentences: int
) -> None:
    """One closing line: sentences read and counts per verdict."""
    parts = [f"{verdicts[v]} {VERDICT_STYLES[v][1]}" for v in Verdict if verdicts.get(v)]
    verdicts = ", ".join(parts) if parts else "nothing to check"
    out.line((f"{counted(sentences, 'sentence')} in {counted(files, 'file')}: {verdicts}", "bold"))


def counted(number: int, noun: str) -> str:
    """ "1 file", "1,250 claims": a count with its noun, plural when it is not one."""
    return f"{number:,} {noun}{'s' if number != 1 else ''}"
