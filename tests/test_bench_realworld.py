"""bench/realworld.py scores by the shared scorer's rules: a right verdict needs the right
passage, and "supported" for a trap is a false pass."""

from __future__ import annotations

import importlib.util

from factcheck.check.checker import Checker

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("bench_realworld", ROOT / "bench" / "realworld.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

PASSAGE = "In 2016, 52 percent of all federal criminal prosecutions involved immigration-related"


def test_scores_verdicts_passages_and_false_passes(database, capsys):
    cases = [
        {"sentence": "In 2016, 52 percent of federal prosecutions involved immigration offenses.",
         "expected": "SUPPORTED", "release_passage": PASSAGE},
        {"sentence": "In 2016, 62 percent of federal prosecutions involved immigration offenses.",
         "expected": "SUPPORTED", "release_passage": PASSAGE},
        {"sentence": "The weather in Austin was pleasant that spring.",
         "expected": "UNRELATED-OR-NOT-IN-RELEASE"},
        # labelled a trap: "supported" for it counts as a false pass
        {"sentence": "In 2016, 52 percent of federal prosecutions involved immigration offenses.",
         "expected": "UNRELATED-OR-NOT-IN-RELEASE"},
    ]  # fmt: skip
    totals = bench.score(Checker(database), cases, show=False)
    assert totals == {
        "cases": 4, "right": 2, "passages": 2, "found": 2, "false_pass": 1, "alarm": 1,
    }  # fmt: skip
    shown = capsys.readouterr().out
    assert "MISS expected=supported       got=figure-mismatch" in shown
    assert "PASS expected=unsupported     got=supported" in shown
