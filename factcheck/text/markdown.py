"""Markdown and HTML to prose, by masking markup in place.

markdown-it-py (CommonMark, with source maps) tells which lines hold prose
(paragraphs, headings, list items, block quotes, table cells) and which do
not (code, front matter, HTML blocks). Inside prose lines, inline markup is
masked with patterns: code spans, link targets, HTML tags and comments,
emphasis marks. Imported lazily: only Markdown and HTML inputs pay for it.
"""

from __future__ import annotations

import functools
import itertools
import re
from html.parser import HTMLParser

from factcheck.text.document import Prose, mask

# Inline markup that is not prose. Every run is bounded (no unbounded scan
# from each of thousands of unclosed openers), so masking stays linear on
# hostile text such as "![x](" repeated: longer spans are left as text.
_INLINE_MASKS = re.compile(
    r"<!--.{0,4000}?-->"  # HTML comment (also suppressions, handled elsewhere)
    r"|(?<!`)(?P<ticks>`++)[^`].{0,2000}?(?P=ticks)"  # code span, from a run's start
    r"|!\[[^\]\n]{0,500}\]\([^)\n]{0,500}\)"  # image: alt text is not prose
    r"|\]\([^)\n]{0,500}\)"  # link target "](url)"
    r"|\]\[[^\]\n]{0,200}\]"  # reference link label "][ref]"
    r"|<[A-Za-z/][^>\n]{0,500}>"  # HTML tag or autolink
    r"|\[\^[^\]\s]{1,100}\]:?"  # footnote reference "[^1]" or definition label "[^1]:"
    r"|(?<![\w\\])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w])"  # emphasis marks
    r"|~~|\\(?=[!-/:-@\[-`{-~])"  # strikethrough, escapes
    # A link's opener, before its text and "](" or "][": "[T]he", "[The memo]" are words.
    r"|(?<!\])\[(?=[^\[\]\n]{0,500}\][(\[])",
    re.DOTALL,
)
_CONTAINER_PREFIX = re.compile(r"[ \t]*(?:(?:>[ \t]?)|(?:[-*+][ \t]+)|(?:\d{1,9}[.)][ \t]+))*")
# Possessive runs, tried only from the start of a run of spaces: a backtracking
# `[ \t]+#+` retried at every space of "a" + " " * n + "b" was quadratic.
_HEADING_MARKS = re.compile(r"^[ \t]*#{1,6}(?:[ \t]+|$)|(?<![ \t])[ \t]++#++[ \t]*+$")
_SETEXT_UNDERLINE = re.compile(r"^[ \t]*(?:=+|-+)[ \t]*$")
_TABLE_PIPES = re.compile(r"\|")
_TABLE_DELIMITER = re.compile(r"^[ \t|:-]+$")


@functools.cache
def markdown_parser():
    """One parser for the process: lint builds Documents by the hundred, and
    reads each one's suppression comments too."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


# TOML front matter (Hugo, Zola): the YAML plugin only knows "---".
_TOML_FRONT_MATTER = re.compile(
    r"\A\+\+\+[ \t]*\r?\n.*?^\+\+\+[ \t]*\r?$", re.DOTALL | re.MULTILINE
)


def _blank_toml_front_matter(text: str) -> str:
    """The text with TOML front matter emptied line by line, so line numbers hold."""
    match = _TOML_FRONT_MATTER.match(text)
    if not match:
        return text
    return "\n" * match.group(0).count("\n") + text[match.end() :]


def markdown_prose(text: str, lines: list[int] | None = None) -> Prose:
    """Masked text and one block per paragraph, heading, list item or table cell.

    ``lines`` is the text's index of line starts at LF, when the caller has it.
    """
    tokens = markdown_parser().parse(_blank_toml_front_matter(text))
    # markdown-it counts a lone CR as a line break too: its line numbers need ours to agree.
    if lines is not None and "\r" not in text:
        line_starts = [*lines, len(text) + 1]
    else:
        line_starts = [0]
        line_starts.extend(m.end() for m in re.finditer(r"\r\n?|\n", text))
        line_starts.append(len(text) + 1)
    prose_lines: set[int] = set()
    blocks: list[tuple[int, int]] = []
    table_lines: set[int] = set()
    deepest: list[tuple[int, int]] = []  # containers at the parser's nesting limit
    html: list[tuple[int, int]] = []  # HTML blocks' lines: read as HTML, below
    for token in tokens:
        if token.type == "table_open" and token.map:
            table_lines.update(range(*token.map))
        if token.type == "html_block" and token.map and not _PREFORMATTED.match(token.content):
            html.append((*token.map, token.level))
        if token.nesting == 1 and token.map and token.level >= _DEEPEST:
            deepest.append(tuple(token.map))
        if token.type != "inline" or not token.map or not token.content.strip():
            continue
        first, last = token.map
        lines = range(first, last)
        if any(line in prose_lines for line in lines):
            continue  # table cells share their row's line: one block per row
        prose_lines.update(lines)
        block = (line_starts[first], min(line_starts[last] - 1, len(text)))
        blocks.extend(_table_cells(text, *block) if first in table_lines else [block])
    for first, last in deepest:
        # markdown-it parses no deeper than its limit and drops what is inside: the
        # lines are prose all the same ("> > > … 99 percent" is checked, not skipped).
        lines = [n for n in range(first, last) if n not in prose_lines and text[
            line_starts[n] : line_starts[n + 1] - 1].strip(" \t\r>-*+")]  # fmt: skip
        prose_lines.update(lines)
        for run in _runs(lines):  # a paragraph a run of lines, as markdown-it would have it
            blocks.append((line_starts[run[0]], min(line_starts[run[-1] + 1] - 1, len(text))))
    blocks.sort()
    ranges = _mask_non_prose_lines(text, line_starts, prose_lines)
    for line in sorted(prose_lines):
        start, end = line_starts[line], min(line_starts[line + 1] - 1, len(text))
        ranges.extend(_line_markup(text, start, end, in_table=line in table_lines))
    for block_start, block_end in blocks:
        ranges.extend(
            (m.start() + block_start, m.end() + block_start)
            for m in _INLINE_MASKS.finditer(text[block_start:block_end])
        )
    masked = mask(text, ranges)
    for first, last, level in html:
        # "<p>“We will not be intimidated,” said …</p>" in a Markdown draft is a
        # paragraph, its tags no prose: the block is read as HTML is (inside a quote
        # or a list, without the markers its lines open with).
        start, end = line_starts[first], min(line_starts[last] - 1, len(text))
        block = text[start:end]
        if level:
            block = mask(block, _prefixes(block))
        inner = html_prose(block)
        masked = masked[:start] + inner.text + masked[end:]
        blocks.extend((start + a, start + b) for a, b in inner.blocks)
    return Prose(masked, sorted(blocks) if html else blocks)


def _prefixes(block: str) -> list[tuple[int, int]]:
    """The quote marks and list markers that open each line of a block."""
    found, at = [], 0
    for line in block.split("\n"):
        prefix = _CONTAINER_PREFIX.match(line)
        if prefix and prefix.end():
            found.append((at, at + prefix.end()))
        at += len(line) + 1
    return found


# An HTML block that holds code, not prose ("<pre>", "<script>", "<style>", "<textarea>").
_PREFORMATTED = re.compile(r"[ \t]*<(?:pre|script|style|textarea)\b", re.IGNORECASE)


def _runs(numbers: list[int]) -> list[list[int]]:
    """Ascending numbers in runs of consecutive ones."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


# The level of markdown-it's innermost containers ("commonmark" nests 20 deep).
_DEEPEST = 19


def _table_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A table row split at its pipes: each cell is its own block, not one sentence."""
    cuts = [start, *(m.start() for m in _TABLE_PIPES.finditer(text, start, end)), end]
    return [(a, b) for a, b in itertools.pairwise(cuts) if text[a:b].strip("| \t\r")]


def _mask_non_prose_lines(
    text: str, line_starts: list[int], prose_lines: set[int]
) -> list[tuple[int, int]]:
    """Ranges covering every line that holds no prose (code, front matter...)."""
    ranges = []
    for line in range(len(line_starts) - 1):
        if line not in prose_lines:
            ranges.append((line_starts[line], min(line_starts[line + 1] - 1, len(text))))
    return ranges


def _line_markup(text: str, start: int, end: int, *, in_table: bool) -> list[tuple[int, int]]:
    """Block markers at the start of a prose line: quote marks, bullets, #, pipes."""
    line = text[start:end]
    if _SETEXT_UNDERLINE.match(line) or (in_table and _TABLE_DELIMITER.match(line)):
        return [(start, end)]
    ranges = []
    prefix = _CONTAINER_PREFIX.match(line)
    if prefix and prefix.end():
        ranges.append((start, start + prefix.end()))
    rest = prefix.end() if prefix else 0
    for heading in _HEADING_MARKS.finditer(line, rest):
        ranges.append((start + heading.start(), start + heading.end()))
    if in_table:
        ranges.extend((start + m.start(), start + m.end()) for m in _TABLE_PIPES.finditer(line))
    return ranges


# How far html.parser (3.11: locatestarttagend_tolerant) reads a start tag: its
# name, then attributes, quoted values with any '>' inside them.
_START_TAG_REACH = re.compile(
    r"""
  <[a-zA-Z][^\t\n\r\f />\x00]*
  (?:[\s/]*
    (?:(?<=['"\s/])[^\s/>][^\s/=>]*
      (?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*)\s*)?(?:\s|/(?!>))*
     )*
   )?
  \s*
""",
    re.VERBOSE,
)
# How html.parser ends a comment, and a marked section ("<![CDATA[ … ]]>",
# Word's "<![if …]> … <![endif]>") by its keyword.
_COMMENT_END = re.compile(r"--\s*>")
_SECTION_END = re.compile(r"]\s*]\s*>")
_WORD_SECTION_END = re.compile(r"]\s*>")
_SECTION_NAME = re.compile(r"<!\[([a-zA-Z][-_.a-zA-Z0-9]*)")
_SECTION_ENDS = {
    **dict.fromkeys(("temp", "cdata", "ignore", "include", "rcdata"), _SECTION_END),
    **dict.fromkeys(("if", "else", "endif"), _WORD_SECTION_END),
}


def _last_start(pattern: re.Pattern[str], text: str) -> int:
    """Where the last match of ``pattern`` in ``text`` starts (-1: none)."""
    last = -1
    for match in pattern.finditer(text):
        last = match.start()
    return last


class _LinearParser(HTMLParser):
    """html.parser, in time that does not grow with what follows a tag, comment
    or declaration that never closes.

    html.parser looks for the end of each one it meets and, finding none,
    reads its ``<`` and what runs to the next ``>`` (else the next ``<``) as
    text, but its look runs to the end of the input, from each of them:
    "<a " * 20,000 took 41 s, and "<!--", "</", "<?" or "<![CDATA["
    repeated were quadratic too. Here the end is known before it is looked
    for. Whether a ``>`` (comment end, section end) follows at all is one
    comparison with where the last one is (the text is fed whole, so the
    parser holds a suffix of it). A start tag that begins inside the reach
    of one that never closed (the attributes and quoted values html.parser
    read for it) never closes either. What never closes is then text, up to
    where html.parser's ``close`` ends it, so pages read as they did; only a
    tag in an unclosed one's quoted value is text now (the "<i>" of
    ``<a b='x> <i>' c="``, which html.parser read as a tag).
    """

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self._last_gt = text.rfind(">")
        self._last_ends = {
            pattern: _last_start(pattern, text) if marker in text else -1
            for pattern, marker in (
                (_COMMENT_END, "<!--"),
                (_SECTION_END, "<!["),
                (_WORD_SECTION_END, "<!["),
            )
        }
        self._unclosed_tag_reach = 0  # offset in the text: start tags before it are unclosed

    def _at(self, i: int) -> int:
        """The offset in the text of ``i`` in what the parser still holds (a suffix)."""
        return len(self.text) - len(self.rawdata) + i

    def _as_text(self, i: int) -> int:
        """An unclosed construct at ``i`` as text, as html.parser's ``close`` takes it:
        up to the next ``>``, or else the next ``<``."""
        rawdata = self.rawdata
        if self._at(i) < self._last_gt:
            end = rawdata.find(">", i + 1) + 1
        else:
            end = rawdata.find("<", i + 1)
            end = i + 1 if end < 0 else end
        self.handle_data(rawdata[i:end])
        return end

    def _ends_after(self, pattern: re.Pattern[str], i: int, start: int) -> bool:
        """Whether html.parser, looking for ``pattern`` from ``start`` characters past
        ``i`` (past "<!--" or "<!["), finds it."""
        return self._last_ends[pattern] >= self._at(i) + start

    def parse_starttag(self, i: int) -> int:
        if self._at(i) < self._unclosed_tag_reach:
            return self._as_text(i)
        end = super().parse_starttag(i)
        if end >= 0:
            return end
        reach = _START_TAG_REACH.match(self.rawdata, i)
        assert reach is not None  # a start tag is "<" and a letter
        self._unclosed_tag_reach = self._at(reach.end())
        return self._as_text(i)

    def parse_endtag(self, i: int) -> int:
        return super().parse_endtag(i) if self._at(i) < self._last_gt else self._as_text(i)

    def parse_pi(self, i: int) -> int:
        return super().parse_pi(i) if self._at(i) < self._last_gt else self._as_text(i)

    def parse_comment(self, i: int, report: int = 1) -> int:
        if not self._ends_after(_COMMENT_END, i, 4):
            return self._as_text(i)
        return super().parse_comment(i, report)

    def parse_html_declaration(self, i: int) -> int:
        if self._at(i) >= self._last_gt:
            return self._as_text(i)
        section = _SECTION_NAME.match(self.rawdata, i)
        end = _SECTION_ENDS.get(section.group(1).lower()) if section else None
        if end is None and self.rawdata.startswith("<![", i):
            # html.parser raises AssertionError for a section keyword it does not
            # know ("<![foo[", "<![ "); HTML reads a comment to the next ">".
            return self.parse_bogus_comment(i)
        if end is not None and not self._ends_after(end, i, 3):
            return self._as_text(i)
        return super().parse_html_declaration(i)


class _VisibleText(_LinearParser):
    """Collect the offsets of visible text, skipping script, style, comments and
    elements with the ``hidden`` attribute.

    ``<br>`` is not a block: it breaks a line inside a paragraph, and the
    sentence runs on across it.
    """

    HIDDEN = frozenset({"script", "style", "head", "title", "template", "noscript"})
    BLOCKS = frozenset(
        """
        p div li h1 h2 h3 h4 h5 h6 td th tr blockquote section article hr ul ol table pre
        header footer figcaption caption dd dt
        """.split()
    )
    # Elements without an end tag: a `hidden` one hides nothing after it.
    VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

    def __init__(self, text: str, line_starts: list[int] | None = None) -> None:
        super().__init__(text)
        if line_starts is None:
            line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.line_starts = line_starts
        self.visible: list[tuple[int, int]] = []
        self.breaks: list[int] = []
        self.hidden_depth = 0
        self.hidden_by_attribute: list[str] = []  # open elements with `hidden`, innermost last

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth += 1
        elif tag not in self.VOID and any(name == "hidden" for name, _ in attrs):
            self.hidden_depth += 1
            self.hidden_by_attribute.append(tag)
        elif tag in self.hidden_by_attribute:
            self.hidden_by_attribute.append(tag)  # nested: its end tag must not unhide
            self.hidden_depth += 1
        if tag in self.BLOCKS:
            self.breaks.append(self._offset())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:  # <hr/>: no content, only a break
            self.breaks.append(self._offset())

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.hidden_depth:
            self.hidden_depth -= 1
        elif tag in self.hidden_by_attribute:
            # Close up to the innermost open element of that name.
            while self.hidden_by_attribute:
                self.hidden_depth -= 1
                if self.hidden_by_attribute.pop() == tag:
                    break
        if tag in self.BLOCKS:
            self.breaks.append(self._offset())

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            start = self._offset()
            self.visible.append((start, start + len(data)))

    def handle_entityref(self, name: str) -> None:
        """ "&ldquo;" is text: kept as written, read when its sentence is made."""
        self._reference(name)

    def handle_charref(self, name: str) -> None:
        self._reference(f"#{name}")

    def _reference(self, name: str) -> None:
        if not self.hidden_depth:
            start = self._offset()
            end = start + 1 + len(name)
            self.visible.append((start, end + (self.text[end : end + 1] == ";")))


def html_prose(text: str, line_starts: list[int] | None = None) -> Prose:
    """Visible text of an HTML page; each block element is its own block.

    ``line_starts`` is the text's index of line starts at LF, when the caller has it.
    """
    parser = _VisibleText(text, line_starts)
    parser.feed(text)
    parser.close()
    hidden = []
    position = 0
    for start, end in parser.visible:
        hidden.append((position, start))
        position = end
    hidden.append((position, len(text)))
    masked = mask(text, hidden)
    cuts = sorted({0, len(text), *parser.breaks})
    blocks = []
    for start, end in itertools.pairwise(cuts):
        if masked[start:end].strip():
            blocks.append((start, end))
    return Prose(masked, blocks)
