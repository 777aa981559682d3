"""Quotations: finding quoted spans, and word diffs that forgive only typography."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.check.quotes import _diff, _verbatim, describe, diff_quote, find_quotes, quote_words

LIBAL = (
    "This action takes Trump’s fear-mongering and puts it into concrete policy that "
    "criminalizes an entire group of people"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will not be intimidated” today.", ["we will not be intimidated"]),
        ('He said "we will not be intimidated" today.', ["we will not be intimidated"]),
        ("“This is a new era. This is the Trump era,” Sessions said.",
         ["This is a new era. This is the Trump era,"]),
        ("She said “the memo ‘lends the appearance’ of favour” to donors.",
         ["the memo ‘lends the appearance’ of favour"]),
        ("“An opening quote continued into the next paragraph", [
            "An opening quote continued into the next paragraph"]),
        ("A “Border Security Coordinator” and “scare quotes”.", ["Border Security Coordinator"]),
        ("No quotes at all here.", []),
        ("Sessions: ‘We first take our stand against this filth’", [
            "We first take our stand against this filth"]),
        ("Sessions: 'This is the Trump era'", ["This is the Trump era"]),
        ("‘We won’t be intimidated,’ Caceres said.", ["We won’t be intimidated,"]),
        ("Sessions’ reversal on private prisons, the group’s view.", []),
        ("It's the group's view that Libal's words matter.", []),
        ("The group’s ‘fear-mongering’ charge.", []),
        ("In the ‘90s, prosecutions for illegal entry rose, prosecutors’ data show.", []),
    ],
)  # fmt: skip
def test_find_quotes(text, expected):
    assert [q.text for q in find_quotes(text)] == expected
    for quote in find_quotes(text):
        assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    "found",
    [
        LIBAL,
        LIBAL.replace("’", "'"),  # straight apostrophe
        "This action takes Trump's fear-mongering and puts it into concrete policy",  # partial
        "This action takes Trump’s fear-mongering … that criminalizes an entire group of people",
        "This action takes [the president’s] fear-mongering and puts it into concrete policy",
        "This  action takes Trump’s fear—mongering and puts it into concrete policy",
    ],
)
def test_faithful_quotes_have_no_diff(found):
    assert diff_quote(found, LIBAL) == []


@pytest.mark.parametrize(
    ("found", "ops"),
    [
        ("This action takes Trump’s fear-mongering and turns it into concrete policy",
         [("replace", "turns", "puts")]),
        ("This action takes Trump’s fear-mongering and puts it into policy",
         [("delete", "", "concrete")]),
        ("This action takes Trump’s vile fear-mongering and puts it into concrete policy",
         [("insert", "vile", "")]),
    ],
)  # fmt: skip
def test_altered_quotes_show_word_operations(found, ops):
    assert [(o.op, o.found, o.expected) for o in diff_quote(found, LIBAL)] == ops


def test_describe_names_the_changes():
    ops = diff_quote("This action takes Trump’s hatred and turns it into policy", LIBAL)
    text = describe(ops)
    assert "“hatred” for “fear mongering”" in text and "dropped “concrete”" in text


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["we", "will", "not", "be", "the", "only", "winners"]), max_size=9),
    st.lists(st.sampled_from(["we", "will", "not", "be", "the", "only", "winners"]), max_size=9),
)
def test_a_quote_the_substring_test_passes_aligns_with_no_difference(words, source):
    """diff_quote skips difflib for a run of the source's words: the alignment agrees."""
    if words and _verbatim(words, source):
        assert _diff(words, source) == []


def test_every_run_of_a_claims_quotation_is_verbatim(database):
    for claim in (c for c in database.claims if c.quote):
        source = quote_words(claim.quote)
        for start in range(len(source)):
            for end in range(start + 1, len(source) + 1):
                words = source[start:end]
                assert _verbatim(words, source) and _diff(words, source) == []


def test_letters_an_editor_brackets_inside_a_word_are_the_words_own():
    """ "[T]he", "immigrant[s]": recased or inflected by the editor, not replaced."""
    source = "The only winners are the private prison corporations"
    assert diff_quote("[T]he only winner[s] are the private prison corporations", source) == []
    assert diff_quote("[T]he only losers are the private prison corporations", source)
