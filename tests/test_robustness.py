"""Robustness: generated and hostile text through every stage, asserting invariants.

Hypothesis feeds text rich in the characters that break naive code (curly
quotes, dashes, no-break spaces, digits, Markdown marks, CR/LF, controls)
through segmentation, figure parsing, quote finding, matching, the checker
and the renderers. Invariants: no exception, positions inside the input,
JSON that parses, verdicts from the allowed set, the same output twice.
The default profile is short; ``FACTCHECK_HYPOTHESIS=long pytest`` runs more.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.check.quotes import find_quotes
from factcheck.figures.parse import parse_figures
from factcheck.model import Verdict
from factcheck.render.json import finding_dict
from factcheck.text.document import Document, find_prose, segment

from conftest import CLAIMS, ROOT

settings.register_profile("default", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
settings.register_profile("long", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("FACTCHECK_HYPOTHESIS", "default"))

TRICKY = "“”‘’\"'—–-\u00a0\u2009…%$,.:;!?#*_`[]()<>|~\\/\t\r\n0123456789 "
WORDS = [
    "In", "2016", "52", "percent", "of", "federal", "prosecutions", "Sessions", "said",
    "“This", "is", "a", "new", "era.”", "Libal", "U.S.", "Attorney’s", "nearly", "three",
    "quarters", "million", "412,240", "—", "```", "# ", "> ", "- ", "<!--", "-->", "\n\n",
    "fifty-two", "$750,000", "52-47", "according", "to", "Grassroots", "Leadership", "\"",
]  # fmt: skip
text_strategy = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(TRICKY), max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join),
)


@given(text_strategy, st.sampled_from(["text", "markdown", "html"]))
def test_segmentation_positions_stay_inside_the_input(text, fmt):
    document = Document.from_text("x", text)
    prose = find_prose(text, fmt)
    assert len(prose.text) == len(text)
    for sentence in segment(document, prose):
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert sentence.line >= 1 and sentence.column >= 1
        assert (sentence.line, sentence.column) <= (sentence.end_line, sentence.end_column)
        assert sentence.text and sentence.text == " ".join(sentence.text.split())


@given(text_strategy)
def test_figures_and_quotes_never_crash_and_point_inside(text):
    for quantity in parse_figures(text):
        assert text[quantity.start : quantity.end] == quantity.text
    for quote in find_quotes(text):
        assert 0 <= quote.start <= quote.end <= len(text)


@given(text_strategy)
@settings(max_examples=25, deadline=None)
def test_checker_and_json_renderer_invariants(checker, text):
    document = Document.from_text("draft.md", text)
    first = checker.check_document(document)
    second = checker.check_document(document)
    assert [finding_dict(f) for f in first.findings] == [finding_dict(f) for f in second.findings]
    for finding in first.findings:
        assert finding.verdict in set(Verdict)
        assert 0 <= finding.score <= 100
        data = json.loads(json.dumps(finding_dict(finding), ensure_ascii=False))
        assert 1 <= data["line"] <= text.count("\n") + 1


def _run(args, data: bytes, timeout: float = 60):
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        input=data, capture_output=True, timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("unbalanced quotes", ("“" * 5000 + "In 2016, 52 percent. " + '"' * 5001).encode()),
        ("200,000 digits", ("In 2016, " + "9" * 200000 + " percent. Next.").encode()),
        ("a 300 kB single line", ("In 2016 the rate was 52 percent and " * 8000).encode()),
        ("deeply nested Markdown", ("> " * 500 + "- " * 500 + "In 2016, 52 percent.").encode()),
        (
            "unclosed Markdown openers",
            ("In 2016, 52 percent " + "![x](<a <!-- ](" * 10000).encode(),
        ),
        ("control characters", b"In 2016,\x07 52\x1b[31m percent\x0c.\x7f"),
        ("mixed line endings", b"In 2016, 52 percent.\r\nNext.\rThird.\nFourth.\r\n"),
        ("UTF-16 with BOM", "\ufeffIn 2016, 52 percent.".encode("utf-16")),
    ],
)
def test_hostile_inputs_end_cleanly_and_fast(name, data):
    start = time.monotonic()
    result = _run(["verify", "--db", str(CLAIMS), "--format", "json"], data, timeout=120)
    report = json.loads(result.stdout)
    failing = {"figure-mismatch", "misquote", "misattributed"}
    fails = any(f["verdict"] in failing for f in report["findings"])
    assert result.returncode == (1 if fails else 0), result.stderr.decode()[-500:]
    assert result.stderr == b""
    assert time.monotonic() - start < 110, name


def test_sigint_ends_quietly_with_130(tmp_path):
    big = tmp_path / "big.md"
    big.write_text("In 2016, 52 percent of all federal prosecutions were immigration cases.\n\n"
                   * 200000, encoding="utf-8")  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "verify", "--db", str(CLAIMS), str(big)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    time.sleep(2.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert b"Traceback" not in stderr
