"""The library API the README shows: ``load_database`` and ``check_text``."""

from __future__ import annotations

import subprocess
import sys

import pytest

import factcheck
from factcheck.model import Verdict

from conftest import ROOT


def test_check_text_with_the_bundled_database(monkeypatch):
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    database = factcheck.load_database()
    findings = factcheck.check_text(
        "In 2016, 25 percent of all federal criminal prosecutions involved "
        "immigration-related offenses.",
        database,
    )
    assert [f.verdict for f in findings] == [Verdict.FIGURE_MISMATCH]
    assert findings[0].claim.id == "gl-2017-04-11-prosecutions-share-2016"
    assert findings[0].sentence.line == 1


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        factcheck.no_such_thing  # noqa: B018


def test_readme_library_example_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = readme.split("## Use as a library", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "the example printed nothing"


def test_a_findings_evidence_is_typed_records(monkeypatch):
    """Library callers read the evidence by attribute, as the renderers do."""
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    (finding,) = factcheck.check_text(
        "In 2016, 25 percent of all federal criminal prosecutions involved "
        "immigration-related offenses.",
        factcheck.load_database(),
    )
    (mismatch,) = finding.details.figures
    assert (mismatch.found.text, mismatch.expected.text) == ("25 percent", "52 percent")
    assert mismatch.found.value == 25.0 and finding.details.also == ()
