"""A checked sentence's evidence as Markdown, for the editor's hover.

The same facts as ``verify``'s text report (verdict, the source passage, the
claim's figures and what differs, who said it, the citation), written as
Markdown with the draft's and the database's own words escaped.
"""

from __future__ import annotations

import re

from factcheck.lint.linter import LintResult
from factcheck.model import Finding, Verdict
from factcheck.render.citations import cite
from factcheck.render.terminal import VERDICT_STYLES, attribution_line, figure_text, review_line
from factcheck.render.terminal import _detail_lines as detail_lines  # verify's own lines

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """Backslash what Markdown would read as markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def finding_at(findings: tuple[Finding, ...], offset: int) -> Finding | None:
    """The finding on the sentence at a character offset, unchecked ones aside."""
    for finding in findings:
        sentence = finding.sentence
        if sentence.start <= offset <= sentence.end and finding.verdict is not Verdict.UNCHECKED:
            return finding
    return None


def hover_markdown(finding: Finding, results: list[LintResult], citation_style: str = "apa") -> str:
    """The hover of a sentence: its verdict (with the rule it breaks), then the evidence."""
    mark, label, _ = VERDICT_STYLES[finding.verdict]
    lines = [f"**{mark} {label}** (score {finding.score:.0f})"]
    for result in results:
        lines.append(f"`{result.rule.id}` {result.rule.name} ({result.severity.value}): ")
        lines[-1] += escape(result.message)
    if not results:
        lines.append(escape(finding.message))
    claim = finding.claim
    if claim is None:
        closest = finding.details.closest
        if closest is not None:
            lines.append(f"Closest claim: `{closest.claim.id}` (score {closest.score:.0f})")
        return "\n\n".join(lines)
    lines.append(f"> {escape(claim.passage)}")
    lines.append(f"**Claim** `{claim.id}`: {escape(claim.claim)}")
    if claim.figures:
        lines.append("**Figures** " + escape("; ".join(figure_text(f) for f in claim.figures)))
    lines.extend(escape(line) for line in detail_lines(finding.details))
    lines.append(f"**Said by** {escape(attribution_line(claim))}")
    if claim.review is not None:
        lines.append(f"**Rated** {escape(review_line(claim.review))}")
    lines.append(f"**Cite** {escape(cite(claim, citation_style))}")
    return "\n\n".join(lines)
