"""A draft annotated with its verdicts, for ``factcheck verify --annotate``.

The copy is the original text with *insertions only*: a Markdown footnote
reference right after each supported sentence, an HTML comment marker after
each sentence that is wrong or unbacked, and the footnote definitions at the
end. Nothing of the original is moved, re-wrapped or re-encoded, so removing
the insertions gives the original back byte for byte, and a diff of the two
shows exactly what factcheck added. Markers are HTML comments because
Markdown renderers hide them while every editor shows them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from factcheck.model import PROBLEM_VERDICTS, Claim, Finding, Verdict

FOOTNOTE_PREFIX = "factcheck"
# Unsupported sentences are marked too: a figure no claim backs is as unverified
# as a wrong one, it just does not fail the run without --strict.
MARKED_VERDICTS = PROBLEM_VERDICTS | {Verdict.UNSUPPORTED}


@dataclass(frozen=True)
class Insertion:
    """Text added at an offset of the original."""

    offset: int
    text: str


@dataclass(frozen=True)
class Annotated:
    """The annotated copy, what was inserted where, and how many of each kind."""

    text: str
    insertions: tuple[Insertion, ...]
    footnotes: int
    markers: int


def annotate(text: str, findings: Iterable[Finding], citation: Callable[[Claim], str]) -> Annotated:
    """Annotate ``text`` (the decoded draft the findings were made on).

    ``citation`` gives a footnote's body for a claim; one footnote per claim,
    referenced again when several sentences rest on the same claim. Offsets
    come from ``Finding.sentence.end``, so they are the original's own.
    """
    label_stem = _free_label_stem(text)
    labels: dict[str, str] = {}
    bodies: list[tuple[str, str]] = []
    insertions: list[Insertion] = []
    markers = 0
    for finding in sorted(findings, key=lambda f: f.sentence.end):
        if finding.verdict is Verdict.SUPPORTED and finding.claim is not None:
            claim = finding.claim
            if claim.id not in labels:
                labels[claim.id] = f"{label_stem}-{len(labels) + 1}"
                bodies.append((labels[claim.id], _one_line(citation(claim))))
            insertions.append(Insertion(finding.sentence.end, f"[^{labels[claim.id]}]"))
        elif finding.verdict in MARKED_VERDICTS:
            insertions.append(Insertion(finding.sentence.end, " " + marker(finding)))
            markers += 1
    if bodies:
        insertions.append(Insertion(len(text), _definitions(text, bodies)))
    return Annotated(_apply(text, insertions), tuple(insertions), len(bodies), markers)


def marker(finding: Finding) -> str:
    """``<!-- factcheck: unverified (verdict) message -->`` on one line.

    ``--`` may not appear inside an HTML comment, nor may it end in ``-``.
    """
    message = _one_line(finding.message)
    while "--" in message:
        message = message.replace("--", "- -")
    claim = f" [claim {finding.claim.id}]" if finding.claim is not None else ""
    body = f"factcheck: unverified ({finding.verdict.value}) {message}{claim}".rstrip("- ")
    return f"<!-- {body} -->"


def _free_label_stem(text: str) -> str:
    """``factcheck``, or ``factcheck-2``… when the draft already uses that label."""
    stem, number = FOOTNOTE_PREFIX, 1
    while f"[^{stem}-" in text:
        number += 1
        stem = f"{FOOTNOTE_PREFIX}-{number}"
    return stem


def _one_line(text: str) -> str:
    """Line breaks to spaces: a footnote or a marker must stay on its line.

    Other whitespace (a no-break space in a passage) is kept as written.
    """
    return re.sub(r"\s*[\r\n]+\s*", " ", text.strip())


def _definitions(text: str, bodies: list[tuple[str, str]]) -> str:
    """The footnote block, in the draft's own line endings, after a blank line."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lead = "" if not text or text.endswith("\n") else newline
    lines = [f"[^{label}]: {body}" for label, body in bodies]
    return lead + newline + newline.join(lines) + newline


def _apply(text: str, insertions: list[Insertion]) -> str:
    """The text with every insertion made; equal offsets keep their order."""
    pieces, cursor = [], 0
    for insertion in sorted(insertions, key=lambda i: i.offset):
        pieces.append(text[cursor : insertion.offset])
        pieces.append(insertion.text)
        cursor = insertion.offset
    pieces.append(text[cursor:])
    return "".join(pieces)
