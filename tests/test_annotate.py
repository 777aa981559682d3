"""The annotated copy: footnotes and markers only, the original given back byte for byte."""

from __future__ import annotations

import re

import pytest

from factcheck.model import Verdict
from factcheck.render.annotate import annotate, marker
from factcheck.render.citations import cite
from factcheck.text.document import Document

EXACT = (
    "In 2016, 52 percent of all federal criminal prosecutions involved "
    "immigration-related offenses."
)
WRONG = (
    "In 2016, 25 percent of all federal criminal prosecutions involved "
    "immigration-related offenses."
)
DRAFT = f"""---
title: Immigration prosecutions
---
# Notes from the desk

The weather was mild that week. {EXACT} Some
context follows here.

> **{WRONG}**

- A list item that says {EXACT[0].lower()}{EXACT[1:]}
- The release used a no-break\u00a0space and an em dash — both kept.

```
{WRONG}
```
"""

FOOTNOTE_REF = re.compile(r"\[\^factcheck(?:-\d+)?-\d+\]")
MARKER = re.compile(r" <!-- factcheck: unverified \([a-z-]+\) [^\n]*? -->")


def strip_annotations(text: str, newline: str = "\n") -> str:
    """Undo an annotation without looking at how it was made: refs, markers, footnote block."""
    block = text.find(f"{newline}[^factcheck-1]: ")
    if block >= 0:
        text = text[:block]
    return MARKER.sub("", FOOTNOTE_REF.sub("", text))


def check(checker, text: str, path: str = "draft.md"):
    result = checker.check_document(Document.from_text(path, text))
    return result.findings, annotate(text, result.findings, lambda c: cite(c, "markdown"))


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_copy_differs_only_by_footnotes_and_markers(checker, newline):
    original = DRAFT.replace("\n", newline)
    before = original.encode("utf-8")
    _findings, annotated = check(checker, original)
    assert original.encode("utf-8") == before  # the input is never modified
    assert annotated.footnotes == 1 and annotated.markers == 1
    assert annotated.text.count("[^factcheck-1]") == 3  # two references, one definition
    assert strip_annotations(annotated.text, newline).encode("utf-8") == before
    # The footnote block uses the draft's own line endings, after a blank line.
    tail = annotated.text[len(original) :].split("[^factcheck-1]: ")[0]
    assert annotated.text.endswith(newline) and newline + newline in annotated.text[-2000:]
    assert "\n" not in tail.replace(newline, "")


def test_references_follow_supported_sentences_and_markers_problem_ones(checker):
    findings, annotated = check(checker, DRAFT)
    verdicts = {f.verdict for f in findings}
    assert {Verdict.SUPPORTED, Verdict.FIGURE_MISMATCH} <= verdicts
    assert f"{EXACT}[^factcheck-1] Some" in annotated.text
    assert re.search(
        re.escape(WRONG)
        + r" <!-- factcheck: unverified \(figure-mismatch\) .*25 percent.* -->\*\*",
        annotated.text,
    )
    # The code block is not prose: its copy of the wrong sentence gets nothing.
    assert f"```\n{WRONG}\n```" in annotated.text


def test_footnote_definition_is_the_citation(checker):
    findings, annotated = check(checker, EXACT + "\n")
    claim = next(f.claim for f in findings if f.verdict is Verdict.SUPPORTED)
    assert annotated.text == f"{EXACT}[^factcheck-1]\n\n[^factcheck-1]: {cite(claim, 'markdown')}\n"


def test_draft_without_final_newline_gets_one_before_the_footnotes(checker):
    _findings, annotated = check(checker, EXACT)
    assert annotated.text.startswith(f"{EXACT}[^factcheck-1]\n\n[^factcheck-1]: ")
    # The one byte added besides the footnotes: the final newline the draft lacked.
    assert strip_annotations(annotated.text) == EXACT + "\n"


def test_existing_factcheck_footnote_labels_are_not_reused(checker):
    text = f"{EXACT}\n\nSee [^factcheck-1].\n\n[^factcheck-1]: An earlier note.\n"
    _findings, annotated = check(checker, text)
    assert "[^factcheck-2-1]: " in annotated.text
    assert annotated.text.startswith(f"{EXACT}[^factcheck-2-1]\n")


def test_nothing_to_annotate_leaves_the_text_alone(checker):
    text = "A sentence about the weather.\n"
    _findings, annotated = check(checker, text)
    assert annotated.text == text and annotated.insertions == ()


def test_marker_is_a_valid_one_line_html_comment(checker):
    findings, _annotated = check(checker, WRONG)
    finding = findings[0]._replace(message="a -- b\nc -")
    text = marker(finding)
    assert text.startswith("<!-- factcheck: unverified (figure-mismatch) a - - b c")
    body = text[len("<!--") : -len("-->")]
    assert "--" not in body and not body.rstrip().endswith("-") and "\n" not in text
