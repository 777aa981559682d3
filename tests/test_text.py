"""Reading inputs, finding prose and segmenting sentences with positions."""

from __future__ import annotations

import codecs
import re

import pytest

from factcheck.errors import InputError
from factcheck.text.document import Document, decode, find_prose, segment

from conftest import RELEASE


def sentences(text: str, fmt: str = "text") -> list[str]:
    document = Document.from_text("x", text)
    return [s.text for s in segment(document, find_prose(text, fmt))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The memo calls for each U.S. Attorney’s district — including those far from the "
            "border — to appoint a coordinator. It was released today.",
            2,
        ),
        ("Sessions said: “This is a new era. This is the Trump era.” He left.", 2),
        ("In 2016, 52 percent of prosecutions. Then 412,240 and 3.5 more.", 2),
        ("Attorney General Jeff B. Sessions spoke. Dr. Smith replied.", 2),
        ("“We will not be intimidated.” said Caceres. Then he left.", 2),
        ("He moved to the U.S. The next year he left.", 2),
        ("Why? Because. Really!", 3),
    ],
)
def test_segmentation_counts(text, expected):
    assert len(sentences(text)) == expected


def test_quotation_of_several_sentences_stays_with_attribution():
    got = sentences("Sessions said: “This is a new era. This is the Trump era.” Next one.")
    assert got[0] == "Sessions said: “This is a new era. This is the Trump era.”"


def test_release_paragraphs_segment_on_real_text():
    text = RELEASE.read_text(encoding="utf-8")
    got = sentences(text)
    assert "The memo calls for each U.S. Attorney’s district" in got[2]
    assert any(
        s.startswith("“It is here, on this sliver of land")
        and s.endswith("Sessions said in his prepared remarks.")
        for s in got
    )
    assert all(s.strip() == s and s for s in got)


def test_positions_point_into_the_original_text():
    text = "Intro line.\r\n\r\nIn 2016, 52\u00a0percent rose. Second — ünïcode sentence.\r\n"
    document = Document.from_text("x", text)
    found = segment(document, find_prose(text, "text"))
    second = found[2]
    assert second.text == "Second — ünïcode sentence."
    assert text[second.start : second.end] == second.text
    assert (second.line, second.column) == (3, 27)


def test_markdown_skips_front_matter_code_and_urls():
    text = (
        "---\ntitle: Draft\n---\n# Heading here\n\nSee [the memo](http://x.org/a.b) now. "
        "Use `code. here` too.\n\n```\nIn 2016, 99 percent.\n```\n\n    indented code.\n\n"
        "- item one. item two\n> quoted text.\n<!-- a comment. -->\n"
    )
    got = sentences(text, "markdown")
    joined = " | ".join(got)
    assert "99 percent" not in joined and "indented" not in joined and "http" not in joined
    assert "title" not in joined and "comment" not in joined
    assert got[0] == "Heading here"
    assert "See the memo now." in got
    assert "quoted text." in got


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("“[T]he only winners are the corporations,” Libal said.",
         "“[T]he only winners are the corporations,” Libal said."),  # an editor's brackets
        ("He said “[the memo] is cruel” today.", "He said “[the memo] is cruel” today."),
        ("See [the memo](http://x.org) now.", "See the memo now."),
        ("See [the memo][ref] now.\n\n[ref]: http://x.org", "See the memo now."),
    ],
)  # fmt: skip
def test_markdown_keeps_brackets_that_open_no_link(text, sentence):
    assert sentences(text, "markdown")[0] == sentence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'This is a new day. This is the Trump era,' Sessions declared. He left.",
         ["'This is a new day. This is the Trump era,' Sessions declared.", "He left."]),
        ("‘We will not be intimidated. Never.’ Caceres said.",
         ["‘We will not be intimidated. Never.’", "Caceres said."]),
        ("'Tis the season. Sessions spoke.", ["'Tis the season.", "Sessions spoke."]),
        ("Sessions' memo is out. It tells prosecutors to act.",
         ["Sessions' memo is out.", "It tells prosecutors to act."]),
    ],
)  # fmt: skip
def test_a_quotation_in_single_marks_opening_a_sentence_is_one_sentence(text, expected):
    assert sentences(text) == expected


def test_html_visible_text_only():
    text = (
        "<html><head><title>T</title><style>p{}</style></head><body><p>One. Two.</p>"
        "<script>var x = 'no.';</script><p>Three.</p></body></html>"
    )
    assert sentences(text, "html") == ["One.", "Two.", "Three."]


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ('<p>"We will not be intimidated," said Alejandro Caceres.</p>\n',
         ['"We will not be intimidated," said Alejandro Caceres.']),
        ("Intro.\n\n<div>\n<p>One. Two.</p>\n<script>var x = 'no.';</script>\n</div>\n\nEnd.\n",
         ["Intro.", "One.", "Two.", "End."]),
        ("> <p>\n> Quoted prose.\n> </p>\n", ["Quoted prose."]),
        ("<pre>\n49 percent in 2015.\n</pre>\n\nAfter.\n", ["After."]),
        ("<!-- factcheck-disable -->\nNext.\n", ["Next."]),
    ],
)  # fmt: skip
def test_an_html_block_in_markdown_is_read_as_html(draft, expected):
    """A Markdown draft's HTML block ("<p>…</p>", as CMS exports write) is prose, its
    tags not: a paragraph in tags was checked for nothing ("0 sentences")."""
    assert sentences(draft, "markdown") == expected


def test_an_html_block_keeps_its_sentence_positions():
    draft = "# Title\n\n<p>In 2016, 52 percent.</p>\n"
    document = Document.from_text("d.md", draft)
    title, sentence = segment(document, find_prose(draft, "markdown"))
    assert title.text == "Title"
    assert (sentence.line, sentence.column) == (3, 4)
    assert draft[sentence.start : sentence.end] == "In 2016, 52 percent."


@pytest.mark.parametrize(
    ("page", "visible"),
    [
        ("<p>One.</p><!-- never closed <b>Two.</b>", "   One.    <!-- never closed <b>Two.    "),
        ('<p>One.</p><a href="x>Two.</a> Three.', '   One.    <a href="x>Two.     Three.'),
        ("<p>One.</p>Two. </x", "   One.    Two. </x"),
        ("<p>One.</p><![CDATA[ Two. <b>Three.</b>", "   One.    <![CDATA[ Two. <b>Three.    "),
        ("<p>One.</p><? Two.", "   One.    <? Two."),
        ("<p>One.</p><!x Two.", "   One.    <!x Two."),
        ("<p>One.</p><a <a <a Two.", "   One.    <a <a <a Two."),
        # html.parser read "<i>" inside the quote of a tag that never closes (c=")
        # as a tag; it is inside that tag's reach, so now it is text.
        ("<a b='x> <i>Two.</i>' c=\"", "<a b='x> <i>Two.    ' c=\""),
    ],
)  # fmt: skip
def test_html_that_never_closes_is_read_as_text_as_html_parser_reads_it(page, visible):
    """What never closes is text up to the next '>' (else the next '<'), as html.parser's
    ``close`` has it, without looking for an end from every '<' of it (once quadratic)."""
    assert find_prose(page, "html").text == visible


@pytest.mark.parametrize("section", ["<![foo[ x ]]>", "<![ x ]]>", "<![CDATA[ x ]]>"])
def test_html_marked_section_of_any_keyword_is_not_read(section):
    """html.parser raised AssertionError (exit 70) on a keyword it does not know;
    HTML reads such a section as a comment."""
    assert sentences(f"<p>Hi {section} there.</p>", "html") == ["Hi there."]


@pytest.mark.parametrize("junk", ["<!--" * 300 + ">", '<a b="' * 300 + ">", "<x" * 300])
def test_positions_after_html_that_never_closes_point_into_the_original_text(junk):
    page = f"<p>Intro.</p>\n{junk}\n<p>In 2016, 52 percent rose.</p>\n"
    document = Document.from_text("x.html", page)
    [sentence] = [s for s in segment(document, find_prose(page, "html")) if "2016" in s.text]
    assert sentence.text == "In 2016, 52 percent rose."
    assert (sentence.line, sentence.column, sentence.end_line) == (3, 4, 3)
    assert page[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize("depth", [1, 19, 20, 21, 200])
@pytest.mark.parametrize("marker", ["> ", "- "])
def test_prose_nested_past_the_markdown_parsers_limit_is_still_read(depth, marker):
    text = f"Intro.\n\n{marker * depth}In 2016, 99 percent of it. Next one.\n\nAfter.\n"
    assert sentences(text, "markdown") == ["Intro.", "In 2016, 99 percent of it.", "Next one.",
                                           "After."]  # fmt: skip


def test_paragraphs_nested_past_the_limit_stay_apart():
    quote = "> " * 25
    text = f"{quote}A heading without a period\n{quote}\n{quote}In 2016, 99 percent of it.\n"
    assert sentences(text, "markdown") == [
        "A heading without a period",
        "In 2016, 99 percent of it.",
    ]


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_character_references_are_read_as_the_characters_they_stand_for(fmt):
    text = "&ldquo;We will not be intimidated,&rdquo; said Caceres &#8212; AT&T &amp; R&D; ok."
    if fmt == "html":
        text = f"<p>{text}</p>"
    (sentence,) = sentences(text, fmt)
    assert sentence == "“We will not be intimidated,” said Caceres — AT&T & R&D; ok."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"caf\xe9 latte", "invalid utf-8 at byte 3 (line 1)"),
        (b"\x00\x01\x02binary", "binary file"),
    ],
)
def test_decode_errors(data, message):
    with pytest.raises(InputError, match=re.escape(message)):
        decode(data, "f.txt")


def test_decode_boms_and_policies():
    assert decode(codecs.BOM_UTF16_LE + "héllo".encode("utf-16-le"), "f") == "héllo"
    assert decode(codecs.BOM_UTF8 + b"x", "f") == "x"
    assert decode(b"caf\xe9", "f", errors="replace") == "caf\ufffd"
    assert decode(b"caf\xe9", "f", encoding="latin-1") == "café"


def _chunked_sentences(text: str, chunk_chars: int, fmt: str = "markdown"):
    import io

    from factcheck.text.document import iter_documents

    out = []
    stream = io.BytesIO(text.encode("utf-8"))
    for document in iter_documents("x.md", stream, chunk_chars=chunk_chars):
        out.extend(segment(document, find_prose(document.text, fmt)))
    return out


def test_chunked_reading_keeps_positions_and_code_fences():
    paragraphs = []
    for number in range(60):
        if number % 7 == 3:
            paragraphs.append("```\nIn 2016, 99 percent.\n\nStill code.\n```")
        else:
            paragraphs.append(f"Paragraph {number} says “hi — ünïcode”.\r\nLine {number}.")
    text = "\n\n".join(paragraphs) + "\n"
    whole = segment(Document.from_text("x.md", text), find_prose(text, "markdown"))
    chunked = _chunked_sentences(text, chunk_chars=200)
    assert [(s.text, s.start, s.line, s.column) for s in chunked] == [
        (s.text, s.start, s.line, s.column) for s in whole
    ]
    assert not any("99 percent" in s.text or "Still code" in s.text for s in chunked)
    assert all(text[s.start : s.end].startswith(s.text[:8]) for s in chunked)


def test_a_long_line_without_a_safe_break_is_read_whole_never_cut():
    """No chunk ends inside a line: a sentence (and its column) stays whole."""
    import io

    from factcheck.text.document import iter_documents

    text = "A word. " * 5000
    documents = list(iter_documents("x.txt", io.BytesIO(text.encode()), chunk_chars=1000))
    assert len(documents) == 1 and documents[0].text == text


@pytest.mark.parametrize(
    "unit",
    [
        # an indented line after a blank one continues the list item: cut before it,
        # and it would read as a code block
        "- In 2016, 52 percent of all federal prosecutions were for immigration.\n\n"
        "    The share rose from 49 percent a year earlier.\n\n",
        # a commented-out passage with blank lines inside it
        "<!-- an old draft:\n\nIn 2016, 99 percent of cases were hidden.\n\n-->\n\n"
        "Sessions spoke in Nogales, Arizona.\n\n",
    ],
    ids=["list-continuation", "html-comment"],
)
def test_chunks_end_only_where_the_rest_reads_the_same(unit):
    text = unit * 40
    whole = segment(Document.from_text("x.md", text), find_prose(text, "markdown"))
    for chunk_chars in (90, 150, 400):
        chunked = _chunked_sentences(text, chunk_chars=chunk_chars)
        assert [(s.text, s.start, s.line, s.column) for s in chunked] == [
            (s.text, s.start, s.line, s.column) for s in whole
        ]
    assert not any("99 percent" in s.text for s in whole)


def test_html_and_word_inputs_are_read_whole(tmp_path):
    """A blank line may sit inside any HTML element (a script, a comment, a table)."""
    from factcheck.text.document import read_input

    page = tmp_path / "page.html"
    page.write_text("<p>In 2016, 52 percent.</p>\n\n" * 200, encoding="utf-8")
    assert len(list(read_input(str(page), chunk_chars=500))) == 1
    draft = tmp_path / "draft.txt"
    draft.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    assert len(list(read_input(str(draft), chunk_chars=500))) > 1
    assert len(list(read_input(str(draft), chunk_chars=500, requested_format="html"))) == 1


def test_stream_decoding_errors_name_the_byte_in_the_whole_stream():
    import io

    from factcheck.text.document import READ_BYTES, decoded_blocks

    data = b"a\n" * (READ_BYTES // 2) + b"ok \xff bad"
    where = rf"at byte {READ_BYTES + 3} \(line {READ_BYTES // 2 + 1}\)"
    with pytest.raises(InputError, match=where):
        list(decoded_blocks("big.txt", io.BytesIO(data)))
    utf16 = codecs.BOM_UTF16_LE + ("é" * 10).encode("utf-16-le")
    assert "".join(decoded_blocks("u.txt", io.BytesIO(utf16))) == "é" * 10


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("markdown", "# Title\n\nIn 2016, *52 percent*.\n\n```\ncode\n```\nLast line."),
        ("markdown", "# Title\r\rMixed\r\nline ends.\nDone."),
        ("html", "<p>In 2016,\n52 percent.</p>\n<script>x\n</script><p>Next.</p>"),
    ],
)
def test_prose_from_the_documents_line_index_equals_its_own(fmt, text):
    """One line index per document: the Markdown and HTML readers reuse the Document's."""
    document = Document.from_text("d", text)
    assert find_prose(text, fmt, document.line_starts) == find_prose(text, fmt)


@pytest.mark.parametrize(
    "text", ["“Yes,” she said — O’Brien’s ‘view’", 'plain "straight" text', "", "”“’‘"]
)
def test_straight_quotes_keep_every_offset(text):
    """Patterns run on the straightened text and report offsets into the original."""
    from factcheck.text.normalize import straight_quotes

    straight = straight_quotes(text)
    assert len(straight) == len(text)
    assert not set(straight) & set("‘’“”")
    assert all(a == b or a in "‘’“”" for a, b in zip(text, straight, strict=True))


def test_a_lazy_pattern_guard_skips_the_compile_for_sentences_that_cannot_match():
    from factcheck.text.patterns import LazyPattern

    pronoun = LazyPattern(r"\b(?i:he|she)[ ]said\b", re.compile(r"\b(?i:he|she)[ ]"))
    assert pronoun.search("The theme was set.") is None and pronoun._compiled is None
    assert pronoun.search("“He said so,” she added.").group() == "He said"
    assert pronoun.search("Later he said so.").group() == "he said"
    words = LazyPattern(r"\bby (?P<who>[A-Z]\w+)", ("by ",))
    assert words.search("written by Libal")["who"] == "Libal"
    assert words.sub("_", "nothing here") == "nothing here" and words._compiled is not None
