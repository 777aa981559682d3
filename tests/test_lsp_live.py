"""The language server's core without a client: positions, live linting, quick fixes, hover."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.lint.linter import lint_documents
from factcheck.lsp.fixes import Edit, citation_fix, fixes_for, minimal
from factcheck.lsp.hover import finding_at, hover_markdown
from factcheck.lsp.live import LiveLinter, draft_format
from factcheck.lsp.positions import UTF8, UTF16, UTF32, LineIndex

from conftest import CLAIMS, ROOT

DRAFT = (ROOT / "tests" / "lsp" / "draft.md").read_text(encoding="utf-8")
WRONG = (
    "In 2016, 58 percent of all federal criminal prosecutions involved "
    "immigration-related offenses."
)


def apply_edits(text: str, edits: tuple[Edit, ...] | list[Edit]) -> str:
    """The text with the edits made (on offsets of the original), as a client does."""
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.new + text[edit.end :]
    return text


# --- positions ------------------------------------------------------------------------------

POSITIONS = [
    # text, offset, utf-16, utf-8, utf-32
    ("abc", 2, (0, 2), (0, 2), (0, 2)),
    ("a😀b", 2, (0, 3), (0, 5), (0, 2)),  # after the emoji: two UTF-16 units, four bytes
    ("é\nx😀y", 4, (1, 3), (1, 5), (1, 2)),
    ("a\r\nb", 3, (1, 0), (1, 0), (1, 0)),  # CRLF: the CR belongs to the first line
    ("🎉🎉. “Hi”", 4, (0, 6), (0, 10), (0, 4)),
]


@pytest.mark.parametrize(("text", "offset", "utf16", "utf8", "utf32"), POSITIONS)
def test_offsets_become_positions_in_each_encoding(text, offset, utf16, utf8, utf32):
    for encoding, expected in ((UTF16, utf16), (UTF8, utf8), (UTF32, utf32)):
        index = LineIndex(text, encoding)
        assert index.position(offset) == expected
        assert index.offset(*expected) == offset


@given(st.text(alphabet=st.sampled_from("ab \n\r😀é€𝄞"), max_size=40), st.data())
def test_positions_round_trip(text, data):
    offset = data.draw(st.integers(0, len(text)))
    for encoding in (UTF8, UTF16, UTF32):
        index = LineIndex(text, encoding)
        line, character = index.position(offset)
        back = index.offset(line, character)
        # A CR before LF is the end of its line: an offset between them comes back before it.
        assert back == offset or (text[back : offset + 1] == "\r\n" and back + 1 == offset)


def test_positions_past_the_end_clamp():
    index = LineIndex("ab\ncd", UTF16)
    assert index.offset(0, 99) == 2
    assert index.offset(9, 0) == 5
    assert index.line_column_offset(2, 2) == 4


# --- live linting ---------------------------------------------------------------------------


@pytest.fixture
def linter(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return LiveLinter(tmp_path)


def test_results_are_lints(linter, checker, tmp_path):
    """The server's results are exactly what `factcheck lint` reports for the text."""
    from factcheck.check.checker import Checker, CheckOptions
    from factcheck.lint.config import configs_by_file
    from factcheck.text.document import Document

    path = tmp_path / "draft.md"
    linted = linter.lint(str(path), DRAFT, "markdown", path)
    config = configs_by_file(None, [str(path)], {})[0][0]
    lint_checker = Checker(checker.database, CheckOptions(include_unchecked=True))
    report = lint_documents(
        lint_checker, [Document.from_text(str(path), DRAFT)], config.lint_options()
    )
    assert [r[:8] for r in linted.report.results] == [r[:8] for r in report.results]
    assert {r.rule.id for r in linted.report.results} == {"FC001", "FC002", "FC003"}


def test_an_edit_rechecks_only_its_paragraph(linter, tmp_path):
    path = tmp_path / "draft.md"
    first = linter.lint(str(path), DRAFT, "markdown", path)
    assert first.rechecked == first.report.sentences
    again = linter.lint(str(path), DRAFT, "markdown", path)
    assert again.rechecked == 0
    edited = DRAFT.replace("58 percent", "52 percent")
    after = linter.lint(str(path), edited, "markdown", path)
    # The sentence and its neighbours (the heading before, the next sentence), no other.
    assert after.rechecked == 3
    assert "FC001" not in {r.rule.id for r in after.report.results}
    moved = linter.lint(str(path), "\n\n" + edited, "markdown", path)
    assert moved.rechecked == 0
    assert [r.line for r in moved.report.results] == [r.line + 2 for r in after.report.results]


def test_a_lone_surrogate_is_checked_in_place(linter, tmp_path):
    """Half an emoji (``\\ud800``, which an editor's UTF-16 buffer can hold) failed lint's
    fingerprints, and the draft got no diagnostics: it is read as U+FFFD, which takes
    the same place in every position encoding."""
    path = tmp_path / "draft.md"
    half = linter.lint(str(path), "\ud800 " + WRONG, "markdown", path)
    whole = linter.lint(str(path), "\ufffd " + WRONG, "markdown", path)
    assert [r.rule.id for r in half.report.results] == ["FC001"]
    assert [r[:8] for r in half.report.results] == [r[:8] for r in whole.report.results]
    for encoding in (UTF8, UTF16, UTF32):
        index = LineIndex(half.document.text, encoding)
        assert index.position(len(half.document.text)) == LineIndex(
            "\ud800 " + WRONG, encoding
        ).position(len(half.document.text))


def test_config_is_the_nearest_and_is_read_again(linter, tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    path = desk / "draft.md"
    linted = linter.lint(str(path), DRAFT, "markdown", path)
    assert {r.rule.id: r.severity.value for r in linted.report.results}["FC003"] == "error"
    (desk / ".factcheck.toml").write_text('[severity]\nFC003 = "off"\n', encoding="utf-8")
    linted = linter.lint(str(path), DRAFT, "markdown", path)
    assert "FC003" not in {r.rule.id for r in linted.report.results}
    (desk / ".factcheck.toml").write_text('exclude = ["desk"]\n', encoding="utf-8")
    assert linter.lint(str(path), DRAFT, "markdown", path).report.results == ()


def test_database_is_read_again_when_it_changes(linter, tmp_path, write_db):
    database = write_db(CLAIMS.read_text(encoding="utf-8"))
    (tmp_path / ".factcheck.toml").write_text(f'db = "{database.name}"\n', encoding="utf-8")
    path = tmp_path / "draft.md"
    linter.lint(str(path), WRONG, "markdown", path)
    first = linter.checker(linter.config(path), "markdown")
    assert linter.checker(linter.config(path), "markdown") is first
    database.write_text(CLAIMS.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert linter.checker(linter.config(path), "markdown") is not first


def test_a_broken_database_raises_for_the_server_to_show(linter, tmp_path):
    from factcheck.errors import FactcheckError

    (tmp_path / ".factcheck.toml").write_text('db = "nowhere.yaml"\n', encoding="utf-8")
    with pytest.raises(FactcheckError):
        linter.lint(str(tmp_path / "d.md"), WRONG, "markdown", tmp_path / "d.md")


@pytest.mark.parametrize(
    ("path", "language", "fmt"),
    [("a.md", None, "markdown"), ("a.txt", "markdown", "text"), ("a.html", None, "html"),
     ("untitled:Untitled-1", "plaintext", "text"), ("untitled:Untitled-2", None, "markdown")],
)  # fmt: skip
def test_draft_format_by_suffix_then_language(path, language, fmt):
    assert draft_format(path, language) == fmt


# --- quick fixes ----------------------------------------------------------------------------

MINIMAL = [
    ("58 percent", "52 percent", ("58", "52")),
    ("turns", "puts", ("turns", "puts")),
    ("nearly 750,000", "nearly 412,240", ("750,000", "412,240")),
    ("the same", "the same", None),
]


@pytest.mark.parametrize(("old", "new", "changed"), MINIMAL)
def test_minimal_edits_change_whole_words_only(old, new, changed):
    text = f"x {old} y"
    edit = minimal(text, 2, 2 + len(old), new)
    if changed is None:
        assert edit is None
        return
    assert (text[edit.start : edit.end], edit.new) == changed
    assert apply_edits(text, [edit]) == f"x {new} y"


FIXES = [
    # draft sentence, fix title (start), the sentence after the fix
    (
        WRONG,
        "Replace 58 percent",
        WRONG.replace("58", "52"),
    ),
    (
        '"This action takes Trump’s fear-mongering and turns it into concrete policy that '
        'criminalizes an entire group of people," said Bob Libal, executive director at '
        "Grassroots Leadership.",
        "Restore the quotation",
        '"This action takes Trump’s fear-mongering and puts it into concrete policy that '
        'criminalizes an entire group of people," said Bob Libal, executive director at '
        "Grassroots Leadership.",
    ),
    (  # a word dropped from the quotation comes back; the words around it stay
        "“The only winners are the private prison corporations that stand to gain from an "
        "even faster growth in incarceration of immigrants,” said Bob Libal.",
        "Restore the quotation",
        "“The only winners are the private prison corporations that stand to gain from an "
        "even faster growth in mass incarceration of immigrants,” said Bob Libal.",
    ),
    (  # a word added to the quotation goes, with one space
        "“The only winners are the private prison corporations that stand to gain from an "
        "even faster growth in the mass incarceration of immigrants,” said Bob Libal.",
        "Restore the quotation",
        "“The only winners are the private prison corporations that stand to gain from an "
        "even faster growth in mass incarceration of immigrants,” said Bob Libal.",
    ),
]


@pytest.mark.parametrize(("sentence", "title", "fixed"), FIXES)
def test_fixes_restore_the_source(linter, tmp_path, sentence, title, fixed):
    path = tmp_path / "draft.md"
    linted = linter.lint(str(path), sentence + "\n", "markdown", path)
    (result,) = linted.report.results
    (fix,) = [f for f in fixes_for(linted, result) if f.title.startswith(title)]
    text = apply_edits(linted.document.text, fix.edits)
    assert text == fixed + "\n"
    assert linter.lint(str(path), text, "markdown", path).report.results == ()


def test_disable_comment_keeps_the_block(linter, tmp_path):
    path = tmp_path / "draft.md"
    text = f"Intro.\n\n> {WRONG}\n"
    linted = linter.lint(str(path), text, "markdown", path)
    (result,) = linted.report.results
    fix = fixes_for(linted, result)[-1]
    fixed = apply_edits(text, fix.edits)
    assert fixed.splitlines()[2].startswith("> <!-- factcheck-disable-next-line FC001 -- ")
    after = linter.lint(str(path), fixed, "markdown", path)
    assert after.report.results == ()
    assert [s.suppressed.kind for s in after.report.suppressed] == ["comment"]


def test_citation_only_for_supported_markdown_sentences(linter, tmp_path):
    right = WRONG.replace("58", "52")
    for name, fmt, offered in (("a.md", "markdown", True), ("a.txt", "text", False)):
        path = tmp_path / name
        linted = linter.lint(str(path), right + "\n", fmt, path)
        fixes = [citation_fix(linted, f) for f in linted.report.findings]
        assert any(fixes) is offered
    cited = apply_edits(right + "\n", [e for f in fixes if f for e in f.edits] or [])
    assert cited == right + "\n"  # the .txt draft: nothing to apply


def test_hover_of_a_misattribution(linter, tmp_path):
    path = tmp_path / "draft.md"
    linted = linter.lint(str(path), DRAFT, "markdown", path)
    offset = DRAFT.index("The administration")
    finding = finding_at(linted.report.findings, offset)
    results = [r for r in linted.report.results if r.finding is finding]
    text = hover_markdown(finding, results)
    assert text.startswith("**✗ misattributed**")
    assert "`FC003` misattributed (error)" in text
    assert "speaker: draft says Bob Libal, source says Alejandro Caceres" in text
    assert "**Said by** Alejandro Caceres" in text


def test_memo_gives_what_a_fresh_check_gives(linter, checker, tmp_path):
    """Paragraphs dropped one at a time, memo warm: every verdict is check_document's."""
    from factcheck.check.checker import Checker, CheckOptions
    from factcheck.text.document import Document

    fresh = Checker(checker.database, CheckOptions(include_unchecked=True))
    text = (ROOT / "examples" / "draft.md").read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    path = tmp_path / "draft.md"
    linter.lint(str(path), text, "markdown", path)
    for number in range(len(paragraphs)):
        edited = "\n\n".join(paragraphs[:number] + paragraphs[number + 1 :])
        linted = linter.lint(str(path), edited, "markdown", path)
        expected = fresh.check_document(Document.from_text(str(path), edited)).findings
        assert [(f.sentence, f.verdict, f.message) for f in linted.report.findings] == [
            (f.sentence, f.verdict, f.message) for f in expected
        ]
        assert linted.rechecked < linted.report.sentences
