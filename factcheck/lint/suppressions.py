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

import heapq
import re
from bisect import bisect_right
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

    Open regions are kept by number (the order their ``disable`` came in,
    which a narrowed region keeps), and indexed by the rules they name, so an
    ``enable`` touches only the regions it closes: each region is closed once,
    and narrowed at most once per rule it names. Walking every open region at
    each ``enable`` made n ``disable FC001`` / ``enable FC002`` pairs O(n²).
    """
    found: list[Scope] = []
    open_regions: dict[int, Scope] = {}  # by number; a dict keeps a narrowed one in place
    naming: dict[str, set[int]] = {}  # rule id -> the open regions that name it
    for number, directive in enumerate(directives):
        if directive.kind == "disable-next-line":
            line = directive.end_line + 1
            found.append(Scope(directive, line, line, directive.rules))
        elif directive.kind == "ignore":
            found.append(Scope(directive, directive.line, directive.end_line, directive.rules))
        elif directive.kind == "disable":
            open_regions[number] = Scope(directive, directive.end_line, last_line, directive.rules)
            for rule in directive.rules or ():
                naming.setdefault(rule, set()).add(number)
        elif directive.rules is None:
            found.extend(
                region._replace(last_line=directive.line) for region in open_regions.values()
            )
            open_regions.clear()
            naming.clear()
        else:
            touched = sorted(set().union(*(naming.pop(rule, ()) for rule in directive.rules)))
            for region_number in touched:
                region = open_regions[region_number]
                found.append(region._replace(last_line=directive.line))
                remaining = region.rules - directive.rules
                if remaining:
                    open_regions[region_number] = Scope(
                        region.directive, directive.line, last_line, remaining
                    )
                else:
                    del open_regions[region_number]
    return found + list(open_regions.values())


def first_covering(found: list[Scope], wanted: list[tuple[str, int, int]]) -> list[Scope | None]:
    """For each finding, as (rule id, line, end line), the first scope of ``found``
    that silences it (names its rule or every rule, and shares a line with it), or None.

    Trying every scope for every finding was O(n²) for n sentences each with
    its ``factcheck-ignore``. Per rule, scopes are taken in order of their
    first line, findings in order of theirs: a heap holds the scopes begun
    by a finding's line, by their place in ``found``, and drops those ended
    before it (no later finding starts earlier); the scopes that begin on a
    finding's later lines are few, as one sentence spans a line break.
    """
    answers: list[Scope | None] = [None] * len(wanted)
    by_rule: dict[str, list[int]] = {}
    for number, (rule_id, _, _) in enumerate(wanted):
        by_rule.setdefault(rule_id, []).append(number)
    for rule_id, numbers in by_rule.items():
        starts = sorted(
            (scope.first_line, place)
            for place, scope in enumerate(found)
            if scope.rules is None or rule_id in scope.rules
        )
        firsts = [first for first, _ in starts]
        begun: list[tuple[int, int]] = []  # (place in found, last line), the first place on top
        taken = 0
        for number in sorted(numbers, key=lambda n: wanted[n][1]):
            _, line, end_line = wanted[number]
            while taken < len(starts) and starts[taken][0] <= line:
                place = starts[taken][1]
                heapq.heappush(begun, (place, found[place].last_line))
                taken += 1
            while begun and begun[0][1] < line:
                heapq.heappop(begun)
            later = starts[taken : bisect_right(firsts, end_line, taken)]
            places = [place for _, place in later] + [place for place, _ in begun[:1]]
            answers[number] = found[min(places)] if places else None
    return answers
