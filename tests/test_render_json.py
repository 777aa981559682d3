"""The JSON shape of a finding's evidence: only render/json.py decides it."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.model import (
    DiffOp,
    Evidence,
    Figure,
    FigureMismatch,
    Match,
    Misquote,
    Speaker,
    SpeakerMismatch,
    Verdict,
)
from factcheck.render import json as json_module
from factcheck.render.json import details_dict

LIBAL = Speaker("bob-libal", "Bob Libal")
CACERES = Speaker("alejandro-caceres", "Alejandro Caceres")


def test_the_reported_verdicts_fields_come_first_then_also_then_the_others():
    evidence = Evidence(
        figures=(FigureMismatch(Figure("52 percent", 52.0, "percent", year=2016),
                                Figure("58 percent", 58.0, "percent"), "value 58 percent"),),
        misquote=Misquote("turns it", "puts it", (DiffOp("replace", "turns", "puts"),)),
        speaker=SpeakerMismatch(CACERES, "Bob Libal", LIBAL),
        also=(Verdict.MISQUOTE, Verdict.FIGURE_MISMATCH),
    )  # fmt: skip
    data = details_dict(Verdict.MISATTRIBUTED, evidence)
    assert list(data) == [
        "expected_speaker", "found_speaker", "expected_speaker_id", "found_speaker_id",
        "also", "quote", "expected", "diff", "figures",
    ]  # fmt: skip
    assert data["also"] == ["misquote", "figure-mismatch"]
    assert data["diff"] == [{"op": "replace", "found": "turns", "expected": "puts"}]
    assert data["figures"] == [
        {
            "expected": {"text": "52 percent", "value": 52.0, "unit": "percent", "year": 2016},
            "found": {"text": "58 percent", "value": 58.0, "unit": "percent", "year": None},
            "reason": "value 58 percent",
        }
    ]
    assert data["found_speaker_id"] == "bob-libal"


def test_an_unsupported_finding_names_what_no_claim_backs_and_the_closest_claim(database):
    closest = Match(database.claims[0], 40.0)
    figures = Evidence(unbacked=("5,000",))
    assert details_dict(Verdict.UNSUPPORTED, figures) == {"figures": ["5,000"]}
    quotes = Evidence(unknown_quotes=("We will win",), closest=closest)
    assert details_dict(Verdict.UNSUPPORTED, quotes) == {
        "quotes": ["We will win"],
        "closest_claim": database.claims[0].id,
    }
    assert details_dict(Verdict.SUPPORTED, Evidence()) == {}


def test_what_an_unsupported_sentence_says_otherwise_than_its_claim(database):
    from factcheck.model import Borrowed, Wording

    lender = database.claims[0]
    assert details_dict(Verdict.UNSUPPORTED, Evidence(contradicts=Wording("not", ""))) == {
        "contradicts": {"found": "not", "expected": ""}
    }
    assert details_dict(Verdict.UNSUPPORTED, Evidence(borrowed=Borrowed("filth", lender))) == {
        "borrowed": {"word": "filth", "claim": lender.id}
    }
    renamed = Evidence(renamed=Wording("tucson", "nogales"))
    assert details_dict(Verdict.UNSUPPORTED, renamed) == {
        "renamed": {"found": "tucson", "expected": "nogales"}
    }
    called = Evidence(characterized="dangerous escalation")
    assert details_dict(Verdict.UNSUPPORTED, called) == {
        "characterized": {"found": "dangerous escalation"}
    }
    beyond = Evidence(beyond_source=("This is a new era",))
    assert details_dict(Verdict.SUPPORTED, beyond) == {"beyond_source": ["This is a new era"]}


def test_json_is_written_a_finding_at_a_time_and_the_summary_last():
    """Memory stays flat on a long draft: each finding is out before the next is made."""
    out = io.StringIO()

    def dicts():
        for n in range(3):
            yield {"n": n}
            assert f'"n": {n}' in out.getvalue()

    def counted():
        assert out.getvalue().rstrip().endswith("]")
        return {"findings": 3}

    _WRITE_JSON(out, dicts(), counted)
    document = json.loads(out.getvalue())
    assert [d["n"] for d in document["findings"]] == [0, 1, 2]
    assert document["summary"] == {"findings": 3}


# Taken at collection, before conftest wraps it in a validating buffer.
_WRITE_JSON = json_module.write_json


@pytest.mark.parametrize(
    ("head", "items", "tail"),
    [
        ({"@context": "https://schema.org"}, [], None),
        ({"a": 1, "b": {"c": [1, 'é\n"x']}}, [{"x": 1}, {"y": []}, {}], {"s": {"n": 2}}),
    ],
)
def test_a_streamed_document_is_what_json_dumps_gives(head, items, tail):
    """verify's JSON and ClaimReview outputs are written an item at a time, to the letter
    of the whole document dumped at once."""
    out = io.StringIO()
    json_module.write_streamed(out, head, "list", iter(items), (lambda: tail) if tail else None)
    whole = {**head, "list": items, **(tail or {})}
    assert out.getvalue() == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"


_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(), _VALUES, max_size=5) | st.lists(_VALUES, max_size=5))
def test_a_json_stream_lays_out_what_json_dumps_gives(value):
    """JsonStream (lint's writers, and write_streamed under verify's) writes any value
    a container at a time, however deep, to the letter of json.dumps(indent=2)."""
    out = io.StringIO()
    stream = json_module.JsonStream(out)

    def write(item, key=None) -> None:
        if not isinstance(item, dict | list) or not item:  # a whole value
            stream.add(item, key)
            return
        stream.open("{" if isinstance(item, dict) else "[", key)
        for name, inner in item.items() if isinstance(item, dict) else ((None, i) for i in item):
            write(inner, name)
        stream.close()

    stream.open("{" if isinstance(value, dict) else "[")
    for name, inner in value.items() if isinstance(value, dict) else ((None, i) for i in value):
        write(inner, name)
    stream.close()
    assert out.getvalue() == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def test_a_findings_json_with_its_claim_kept_is_what_json_dumps_gives(database):
    """verify's JSON and JSON Lines encode each claim once a run (FindingJson): every
    finding of the verdict table, with a citation and without, reads as its dict dumped."""
    import yaml

    from factcheck.check.checker import Checker, CheckOptions
    from factcheck.text.document import Document

    from conftest import ROOT

    cases = yaml.safe_load((ROOT / "tests" / "cases" / "verdicts.yaml").read_text("utf-8"))
    checker = Checker(database, CheckOptions(include_unchecked=True))
    text = "\n\n".join(case["text"] for case in cases if not case.get("db"))
    findings = checker.check_document(Document.from_text("t.md", text)).findings
    assert any(f.claim is None for f in findings) and any(f.claim for f in findings)
    for indent in (2, None):
        encode = json_module.FindingJson(line=indent is None)
        for finding in findings * 2:  # the second time, from what was kept
            for citation in (None, "Libal, B. (2017). “Release.”"):
                data = json_module.finding_dict(finding, citation)
                expected = json.dumps(data, ensure_ascii=False, indent=indent)
                assert encode(finding, citation) == expected


class _InterruptedOnce(io.StringIO):
    """A stream whose ``at``-th write is a Ctrl-C, landing before it writes anything."""

    def __init__(self, at: int = 0) -> None:
        super().__init__()
        self.at = at
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        if self.writes == self.at:
            raise KeyboardInterrupt
        return super().write(text)


_FINDINGS = [{"n": n, "text": "a\nb"} for n in range(4)]


@pytest.mark.parametrize("item", range(len(_FINDINGS)))
def test_ctrl_c_at_any_finding_leaves_a_whole_document(item):
    """Wherever a Ctrl-C lands among the findings' writes, the document closed after it
    parses (a value is written with its comma: none is left dangling) and holds the
    findings before it."""
    # Writes before the findings: "{", the version, the list's "[".
    out = _InterruptedOnce(3 + 1 + item)
    with pytest.raises(KeyboardInterrupt):
        json_module.write_streamed(
            out, {"version": 1}, "findings", iter(_FINDINGS), lambda: {"summary": {"files": 1}}
        )
    document = json.loads(out.getvalue())
    assert document["error"]["message"].startswith("interrupted")
    assert document["findings"] == _FINDINGS[:item]
    assert document["summary"] == {"files": 1}
