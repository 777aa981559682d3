"""Quick fixes for a linted draft, as minimal text edits on character offsets.

Each fix changes only what it must: a wrong figure's differing words become
the source's, a misquotation's differing words the source's (typography the
matcher folds, such as straight or curly apostrophes, is left as written),
a citation footnote is the insertion ``verify --annotate`` would make for
that one sentence, and a suppression is one comment line inserted above
the sentence. The server turns offsets into the client's positions.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import NamedTuple

from factcheck.check.quotes import find_quotes
from factcheck.lint.linter import LintResult
from factcheck.lsp.live import Linted
from factcheck.model import Finding, Verdict
from factcheck.text.normalize import normalize

# Words and numbers, with the punctuation inside them ("re-entry", "412,240", "Trump’s").
_TOKEN = re.compile(r"[\w$%]+(?:[’'.,:-][\w%]+)*")
SUPPRESSION_REASON = "TODO: say why this is right"


class Edit(NamedTuple):
    """Replace ``text[start:end]`` by ``new``."""

    start: int
    end: int
    new: str


class Fix(NamedTuple):
    """A quick fix: its title, the edits, and the rule it answers (None: no diagnostic)."""

    title: str
    edits: tuple[Edit, ...]
    rule: str | None = None
    preferred: bool = False


def minimal(text: str, start: int, end: int, new: str) -> Edit | None:
    """The edit replacing ``text[start:end]`` by ``new``, trimmed to the words that differ."""
    old = text[start:end]
    if old == new:
        return None
    old_words = _words(old)
    new_words = _words(new)
    head = 0
    while head < min(len(old_words), len(new_words)) and old_words[head] == new_words[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(old_words), len(new_words)) - head
        and old_words[-1 - tail] == new_words[-1 - tail]
    ):
        tail += 1
    old_cut = (
        sum(len(w) for w in old_words[:head]),
        len(old) - sum(len(w) for w in old_words[len(old_words) - tail :]),
    )
    new_cut = (
        sum(len(w) for w in new_words[:head]),
        len(new) - sum(len(w) for w in new_words[len(new_words) - tail :]),
    )
    return Edit(start + old_cut[0], start + old_cut[1], new[new_cut[0] : new_cut[1]])


def _words(text: str) -> list[str]:
    """The text cut into words and the runs between them (they join back to the text)."""
    return [piece for piece in re.split(r"(\w+)", text) if piece]


def fixes_for(linted: Linted, result: LintResult) -> list[Fix]:
    """The quick fixes of one lint result."""
    fixes: list[Fix] = []
    finding = result.finding
    if finding is not None and finding.claim is not None:
        # Every wrong figure and the misquotation, also when another verdict is reported.
        fixes.extend(_figure_fixes(linted, finding))
        fixes.extend(_quote_fixes(linted, finding))
    if result.rule.id != "FC006":
        fixes.append(_suppression(linted, result))
    return fixes


def citation_fix(linted: Linted, finding: Finding) -> Fix | None:
    """A footnote citing a supported sentence's claim, as ``verify --annotate`` writes it."""
    from factcheck.render.annotate import annotate
    from factcheck.render.citations import cite

    if finding.verdict is not Verdict.SUPPORTED or finding.claim is None:
        return None
    text = linted.document.text
    if linted.format != "markdown" or text.startswith("[^", finding.sentence.end):
        return None
    annotated = annotate(text, [finding], lambda claim: cite(claim, "markdown"))
    edits = tuple(Edit(i.offset, i.offset, i.text) for i in annotated.insertions)
    return Fix(f"Cite the source in a footnote ({finding.claim.id})", edits)


def _figure_fixes(linted: Linted, finding: Finding) -> list[Fix]:
    sentence = finding.sentence
    fixes = []
    for mismatch in finding.details.figures:
        found, expected = mismatch.found.text, mismatch.expected.text
        where = _find(linted.prose, found, sentence.start, sentence.end)
        if where is None:
            continue
        edit = minimal(linted.document.text, *where, expected)
        if edit is not None:
            title = f"Replace {found} with the source's {expected}"
            fixes.append(Fix(title, (edit,), "FC001", preferred=True))
    return fixes


def _find(prose: str, words: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``words`` (whitespace folded) are in ``prose[start:end]``."""
    pattern = r"\s+".join(re.escape(w) for w in words.split())
    match = re.compile(pattern).search(prose, start, end)
    return (match.start(), match.end()) if match else None


def _quote_fixes(linted: Linted, finding: Finding) -> list[Fix]:
    """Restore the misquoted words: align the draft's quotation with the source's.

    Words are compared normalized, so only the words the checker counts as
    different change. Draft words before the first or after the last word in
    common are left alone: the draft may quote less (or more) than the source.
    """
    misquote = finding.details.misquote
    if misquote is None or not misquote.expected or not misquote.quote:
        return []
    expected, quote = misquote.expected, misquote.quote
    sentence = finding.sentence
    span = _quote_span(linted.prose, sentence.start, sentence.end, quote)
    if span is None:
        return []
    text = linted.document.text
    draft = [(m.start(), m.end()) for m in _TOKEN.finditer(linted.prose, *span)]
    source = [(m.start(), m.end()) for m in _TOKEN.finditer(expected)]
    matcher = SequenceMatcher(
        None,
        [normalize(text[s:e]) for s, e in draft],
        [normalize(expected[s:e]) for s, e in source],
        autojunk=False,
    )
    codes = matcher.get_opcodes()
    while codes and codes[0][0] in ("insert", "delete"):
        codes.pop(0)
    while codes and codes[-1][0] in ("insert", "delete"):
        codes.pop()
    edits = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal":
            continue
        words = expected[source[j1][0] : source[j2 - 1][1]] if j2 > j1 else ""
        if tag == "replace":
            edits.append(Edit(draft[i1][0], draft[i2 - 1][1], words))
        elif tag == "insert":
            edits.append(Edit(draft[i1][0], draft[i1][0], words + " "))
        else:  # delete the words and the spaces on one side of them
            start, end = draft[i1][0], draft[i2 - 1][1]
            after = len(text[end:]) - len(text[end:].lstrip(" "))
            if after:
                end += after
            else:
                start -= len(text[:start]) - len(text[:start].rstrip(" "))
            edits.append(Edit(start, end, ""))
    if not edits:
        return []
    return [Fix("Restore the quotation to the source's words", tuple(edits), "FC002", True)]


def _quote_span(prose: str, start: int, end: int, quote: str) -> tuple[int, int] | None:
    """The offsets of the sentence's quotation that the checker compared."""
    wanted = normalize(quote).strip(" ,.;:")
    spans = find_quotes(prose[start:end])
    for span in spans:
        if normalize(span.text).strip(" ,.;:") == wanted:
            return start + span.start, start + span.end
    if spans:
        first = spans[0]
        return start + first.start, start + first.end
    return None


def _suppression(linted: Linted, result: LintResult) -> Fix:
    """``<!-- factcheck-disable-next-line RULE -- reason -->`` above the sentence's first line.

    The HTML form works in Markdown, HTML and plain text alike; the comment
    keeps the line's indentation and block-quote marks so it stays in the
    same block.
    """
    text = linted.document.text
    line_start = linted.document.line_starts[result.line - 1]
    lead = re.match(r"[ \t]*(?:>[ \t]*)*", text[line_start:]).group(0)
    newline = "\r\n" if "\r\n" in text else "\n"
    comment = f"{lead}<!-- factcheck-disable-next-line {result.rule.id} -- {SUPPRESSION_REASON} -->"
    return Fix(
        f"Disable {result.rule.id} ({result.rule.name}) for this line",
        (Edit(line_start, line_start, comment + newline),),
        result.rule.id,
    )
