"""Framing is blanked before matching; clauses let a long sentence match by its best part."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.check.clauses import MIN_SPLIT_TERMS, clauses
from factcheck.check.framing import cites_document, frame


@pytest.mark.parametrize(
    ("sentence", "blanked"),
    [
        ("WASHINGTON (Reuters) - Sessions instructed prosecutors.", "WASHINGTON (Reuters) -"),
        ("TUCSON – Grijalva reacted to the memo.", "TUCSON –"),
        ("AUSTIN, TX, April 11, 2017— Sessions spoke.", "AUSTIN, TX, April 11, 2017—"),
        ("The latest available data show that 52 percent were immigration cases.",
         "The latest available data show that"),
        ("Half were immigration cases, a report from Justice Strategies found.",
         "a report from Justice Strategies found"),
        ("According to the ACLU, half were immigration cases.", "According to the ACLU"),
        ("Sessions said that each district must act.", "Sessions said that"),
        ("Attorney General Jeff Sessions on Tuesday ordered prosecutors to act.", "on Tuesday"),
        ("Half were immigration cases, according to fiscal 2016 data from the Justice "
         "Department.", "according to fiscal 2016 data from the Justice Department."),
        ("“We will fight,” said Bob Libal, executive director at Grassroots Leadership.",
         "said Bob Libal, executive director at Grassroots Leadership."),
    ],
)  # fmt: skip
def test_framing_is_blanked(sentence, blanked):
    framed = frame(sentence)
    start = sentence.index(blanked)
    assert framed[start : start + len(blanked)].strip() == ""
    assert len(framed) == len(sentence)


def test_content_is_kept():
    sentence = "In 2016, 52 percent of all federal criminal prosecutions involved immigration."
    assert frame(sentence) == sentence


@given(st.text(max_size=300))
def test_frame_keeps_length_and_only_blanks(text):
    framed = frame(text)
    assert len(framed) == len(text)
    assert all(a == b or a == " " for a, b in zip(framed, text, strict=True))


def test_documents_quoted():
    assert cites_document('As reported in this press release from the DOJ, "Sessions spoke."')
    assert cites_document("According to the memo, “prosecutors must act.”")
    assert not cites_document("“We will not be intimidated,” Caceres said.")


def test_short_sentences_are_matched_whole():
    assert clauses("Sessions instructed federal prosecutors.") == [
        "Sessions instructed federal prosecutors."
    ]


def test_long_sentences_offer_their_parts():
    sentence = (
        "In what appears to be a reward to donors and private companies, the Justice Department "
        "suddenly — and without proper explanation — rescinded the policy to phase out private "
        "prisons, although critics in the Senate objected loudly to the decision."
    )
    parts = clauses(sentence)
    assert parts[0] == sentence
    assert any(p.startswith("the Justice Department suddenly rescinded") for p in
               (" ".join(p.split()) for p in parts))  # fmt: skip
    assert any(p.startswith("although critics") for p in parts)
    assert len(set(parts)) == len(parts)


def test_a_list_of_details_gives_the_head():
    sentence = (
        "Finally, Sessions directs every district to designate, by April 18, 2017, a Border "
        "Security Coordinator, responsible for overseeing the investigation, attending "
        "training programs, providing legal advice, maintaining statistics"
    )
    parts = clauses(sentence)
    assert any(p.endswith("a Border Security Coordinator") for p in parts)
    assert MIN_SPLIT_TERMS > 5
