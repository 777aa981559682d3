"""The verdict table: reporters' sentences with the verdict each must get.

tests/cases/verdicts.yaml is the spec: every claim of the bundled database
is covered by should-pass and should-flag sentences. Cases the checker does
not get right yet carry ``known_gap: <why>`` and are strict xfails, so a fix
shows up as an unexpected pass and the table stays honest.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factcheck.model import Verdict

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "verdicts.yaml").read_text("utf-8"))


def _param(case: dict):
    marks = []
    if case.get("known_gap"):
        marks.append(pytest.mark.xfail(reason=case["known_gap"], strict=True))
    return pytest.param(case, id=case["text"][:60], marks=marks)


def verdict_of(checker, text: str):
    """The verdict on a case: the most severe over its sentences (a case may have two)."""
    from factcheck.model import SEVERITY_ORDER
    from factcheck.text.document import Document

    result = checker.check_document(Document.from_text("case.txt", text))
    if not result.findings:
        return Verdict.UNCHECKED, None
    finding = min(result.findings, key=lambda f: SEVERITY_ORDER.index(f.verdict))
    return finding.verdict, finding


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_verdict(checker, case):
    verdict, finding = verdict_of(checker, case["text"])
    expected = Verdict(case["verdict"])
    assert verdict == expected, finding and finding.message
    if case.get("claim") and expected not in (Verdict.UNSUPPORTED, Verdict.UNCHECKED):
        wanted = case["claim"] if isinstance(case["claim"], list) else [case["claim"]]
        assert finding.claim is not None and finding.claim.id in wanted


def test_every_verdict_kind_has_should_flag_and_should_pass_cases():
    verdicts = {c["verdict"] for c in CASES}
    assert {v.value for v in Verdict} <= verdicts


def test_a_curators_paraphrase_line_bridges_their_wording(database):
    """A database's own `paraphrases` count like the shipped lexicon's."""
    from factcheck.check.checker import Checker
    from factcheck.text.document import Document

    text = "Immigration cases made up 52 percent of the federal criminal docket in 2016."
    plain = Checker(database).check_document(Document.from_text("d.txt", text)).findings
    assert plain[0].verdict == Verdict.UNSUPPORTED  # a docket is not prosecutions, unless said
    curated = database._replace(paraphrases=("docket, prosecutions",))
    found = Checker(curated).check_document(Document.from_text("d.txt", text)).findings
    assert found[0].verdict == Verdict.SUPPORTED
