"""Verdict accuracy on the table of reporters' sentences (tests/cases/verdicts.yaml).

Prints overall accuracy, claim accuracy, false passes (a problem called
supported: the worst outcome), false alarms (a correct sentence flagged) and
a confusion table. Run from the repository root: ``python bench/verdicts.py``.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.check.checker import Checker  # noqa: E402
from factcheck.db.database import load_database, read_database  # noqa: E402
from factcheck.db.importer import ImportOptions, import_claims  # noqa: E402
from factcheck.model import PROBLEM_VERDICTS, SEVERITY_ORDER, Verdict  # noqa: E402
from factcheck.text.document import Document  # noqa: E402

PROBLEMS = {v.value for v in PROBLEM_VERDICTS}


def main() -> None:
    cases = yaml.safe_load((ROOT / "tests" / "cases" / "verdicts.yaml").read_text("utf-8"))
    checkers = {None: Checker(load_database(ROOT / "claims.yaml"))}
    confusion: Counter[tuple[str, str]] = Counter()
    right_claim = claimed = 0
    wrong = []
    for case in cases:
        if case.get("db") not in checkers:  # a ClaimReview feed, imported as `import` does
            feed = ROOT / case["db"]
            out = feed.with_suffix(".imported.yaml")
            database = read_database(out, {out: import_claims(feed, ImportOptions())})[0]
            checkers[case["db"]] = Checker(database)
        checker = checkers[case.get("db")]
        findings = checker.check_document(Document.from_text("case", case["text"])).findings
        if findings:
            finding = min(findings, key=lambda f: SEVERITY_ORDER.index(f.verdict))
            got, claim = finding.verdict.value, finding.claim
        else:
            got, claim = Verdict.UNCHECKED.value, None
        confusion[case["verdict"], got] += 1
        if case.get("claim") and case["verdict"] not in ("unsupported", "unchecked"):
            claimed += 1
            wanted = case["claim"] if isinstance(case["claim"], list) else [case["claim"]]
            right_claim += bool(claim and claim.id in wanted)
        if got != case["verdict"]:
            wrong.append((case["verdict"], got, case["text"]))
    total = len(cases)
    correct = sum(n for (e, g), n in confusion.items() if e == g)
    false_pass = sum(n for (e, g), n in confusion.items() if e in PROBLEMS and g == "supported")
    false_alarm = sum(
        n for (e, g), n in confusion.items() if e == "supported" and g in PROBLEMS | {"unsupported"}
    )
    print(f"cases {total}  verdict accuracy {correct / total:.3f} ({correct}/{total})")
    print(f"claim accuracy {right_claim / max(claimed, 1):.3f} ({right_claim}/{claimed})")
    print(f"false passes (problem called supported) {false_pass}")
    print(f"false alarms (supported sentence flagged) {false_alarm}")
    print("\nexpected -> got")
    for (expected, got), count in sorted(confusion.items()):
        print(f"  {expected:16} {got:16} {count}")
    if "-v" in sys.argv:
        print()
        for expected, got, text in wrong:
            print(f"[{expected} -> {got}] {text}")


if __name__ == "__main__":
    main()
