"""Suppression comments: which findings a draft's author has silenced, and why.

Directives live in comments, read from the *original* text (the prose is
masked, comments included). Markdown, HTML and plain text all take the HTML
form; plain text also takes a ``#`` or ``//`` form, since ``.txt`` drafts have
no comment syntax of their own:

    <!-- factcheck-disable FC004 -->            … <!-- factcheck-enable -->
    <!-- factcheck-disable-next-line FC001 -- the desk confirmed it -->
    A sentence. <!-- factcheck-ignore -->
    # factcheck-disable-next-line FC004 -- reason     (plain text only)

No rule ids means every rule. A scope covers the sentences that touch its
lines, so a sentence wrapped over several lines is covered by any of them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from factcheck.text.document import Document

# The rest of a directive is words on its line, each a run of spaces (possessive)
# and a non-space: a lazy `[^\n]*?` retried the closing `\s*-->` over every
# trailing space ("<!-- factcheck-ignore" + " " * n was quadratic). Nor does it
# run into the next directive: each unclosed "<!-- factcheck-disable " of a line
# scanned on to the line's end for a "-->", and n of them on a line were O(n²).
_BODY = (
    r"factcheck-(?P<kind>disable-next-line|disable|enable|ignore)\b"
    r"(?P<rest>(?:[^\S\n]*+(?!<!--\s*factcheck-)\S)*?)"
)
_HTML_DIRECTIVE = re.compile(r"<!--\s*" + _BODY + r"\s*-->", re.DOTALL)
# A whole comment line (or a trailing comment) in a plain-text draft.
_TEXT_DIRECTIVE = re.compile(r"(?:^|[ \t])(?:#|//)[ \t]*" + _BODY + r"[^\S\n]*$", re.MULTILINE)
_RULE_ID = re.compile(r"[A-Za-z]+\d+")


class Directive(NamedTuple):
    """One suppression comment as written, with its position in the file."""

    kind: str
    rules: frozenset[str] | None  # None: every rule
    reason: str | None
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    unknown: tuple[str, ...] = ()  # ids named that no rule has


class Scope(NamedTuple):
    """The lines a directive silences, for which rules."""

    directive: Directive
    first_line: int
    last_line: int
    rules: frozenset[str] | None

    def covers(self, rule_id: str, line: int, end_line: int) -> bool:
        """Whether a finding of ``rule_id`` on lines ``line..end_line`` is silenced."""
        in_rules = self.rules is None or rule_id in self.rules
        return in_rules and line <= self.last_line and end_line >= self.first_line


def find_directives(
    document: Document, fmt: str, known: frozenset[str], aliases: dict[str, str]
) -> list[Directive]:
    """Every directive in a document (or one chunk of a file), in order.

    ``known`` are the rule ids; ``aliases`` maps rule names to ids, so
    ``factcheck-ignore unsupported`` works too.
    """
    text = document.text
    if "factcheck-" not in text:
        return []
    matches = list(_HTML_DIRECTIVE.finditer(text))
    if fmt == "markdown":
        allowed = _markdown_comment_lines(text)
        first = document.first_line
        matches = [m for m in matches if _position(document, m.start())[0] - first + 1 in allowed]
    elif fmt == "text":
        matches.extend(_TEXT_DIRECTIVE.finditer(text))
        matches.sort(key=lambda m: m.start())
    return [_directive(document, m, known, aliases) for m in matches]


def _markdown_comment_lines(text: str) -> set[int]:
    """1-based lines where Markdown holds real HTML (not code that shows a comment)."""
    from factcheck.text.markdown import markdown_parser

    lines: set[int] = set()
    for token in markdown_parser().parse(text):
        if not token.map:
            continue
        first, last = token.map
        is_html = token.type == "html_block" or any(
            child.type == "html_inline" for child in token.children or ()
        )
        if is_html:
            lines.update(range(first + 1, last + 1))
    return lines


def _directive(
    document: Document, match: re.Match[str], known: frozenset[str], aliases: dict[str, str]
) -> Directive:
    rest = match.group("rest")
    words, _, reason = rest.partition("--")
    rules: set[str] = set()
    unknown: list[str] = []
    for word in re.split(r"[\s,]+", words.strip()):
        if not word:
            continue
        rule_id = word.upper() if _RULE_ID.fullmatch(word) else aliases.get(word.lower(), word)
        if rule_id in known:
            rules.add(rule_id)
        else:
            unknown.append(word)
    start = match.start("kind") - len("factcheck-")
    line, column = _position(document, start)
    end_line, end_column = _position(document, match.end())
    return Directive(
        kind=match.group("kind"),
        rules=frozenset(rules) if rules or unknown else None,
        reason=" ".join(reason.split()) or None,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=match.group(0).strip(),
        unknown=tuple(unknown),
    )


def _position(document: Document, start: int) -> tuple[int, int]:
    """Line and column in the file of an offset into a document's text (a chunk's,
    for a long draft: its lines and offsets count from where it starts)."""
    return document.position(document.offset + start)


def scopes(directives: list[Directive], last_line: int) -> list[Scope]:
    """The line ranges directives silence.

    ``disable`` opens a region that a bare ``enable`` closes, or an ``enable``
    naming some of its rules narrows; an unclosed region runs to the end.
    """
    found: list[Scope] = []
    open_regions: list[Scope] = []
    for directive in directives:
        if directive.kind == "disable-next-line":
            line = directive.end_line + 1
            found.append(Scope(directive, line, line, directive.rules))
        elif directive.kind == "ignore":
            found.append(Scope(directive, directive.line, directive.end_line, directive.rules))
        elif directive.kind == "disable":
            open_regions.append(Scope(directive, directive.end_line, last_line, directive.rules))
        else:
            still_open = []
            for region in open_regions:
                closed = Scope(region.directive, region.first_line, directive.line, region.rules)
                if directive.rules is None:
                    found.append(closed)
                elif region.rules is not None and region.rules & directive.rules:
                    found.append(closed)
                    remaining = region.rules - directive.rules
                    if remaining:
                        still_open.append(
                            Scope(region.directive, directive.line, last_line, remaining)
                        )
                else:
                    still_open.append(region)
            open_regions = still_open
    return found + open_regions
