"""Verdicts on real sentences written by others (``../shared/realworld/cases.yaml``).

Scores the checker in-process by the rules of ``../shared/realworld/score.py``
(which scores the installed CLI): each sentence is checked alone, its most
severe verdict is compared with the label (and ``also_accept``), and a
verdict that names a claim must name one whose passage overlaps the
labelled release passage. Prints per-class accuracy, how often the right
passage was found, false passes (``supported`` for what the source does not
back, or silence on a wrong figure, quote or speaker) and false alarms.

Run from the repository root: ``python bench/realworld.py [--cases FILE ...]
[--show]``; skips politely when the shared data is absent.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.check.checker import Checker  # noqa: E402
from factcheck.db.database import load_database  # noqa: E402
from factcheck.model import SEVERITY_ORDER  # noqa: E402
from factcheck.text.document import Document  # noqa: E402

SHARED = ROOT.parent / "shared" / "realworld" / "cases.yaml"
LABELS = {
    "SUPPORTED": "supported",
    "FIGURE-MISMATCH": "figure-mismatch",
    "MISQUOTE": "misquote",
    "MISATTRIBUTED": "misattributed",
    "UNRELATED-OR-NOT-IN-RELEASE": "unsupported",
}
PROBLEMS = {"figure-mismatch", "misquote", "misattributed", "unsupported"}


def _norm(text: str) -> str:
    """The scorer's comparison form: NFKC, plain quotes and dashes, folded case."""
    text = unicodedata.normalize("NFKC", text or "")
    for curly, plain in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("—", "-")):
        text = text.replace(curly, plain)
    return " ".join(text.lower().split())


def score(checker: Checker, cases: list[dict], show: bool) -> dict[str, int]:
    """Count right verdicts, passages found, false passes and false alarms."""
    totals = {"cases": 0, "right": 0, "passages": 0, "found": 0, "false_pass": 0, "alarm": 0}
    per: dict[str, list[int]] = {}
    for case in cases:
        expected = LABELS[case["expected"]]
        accept = [expected, *(LABELS[a] for a in case.get("also_accept", []))]
        if expected == "unsupported":
            accept.append("none")
        findings = checker.check_document(Document.from_text("-", case["sentence"])).findings
        worst = min(findings, key=lambda f: SEVERITY_ORDER.index(f.verdict), default=None)
        got = "none" if worst is None or worst.verdict.value == "unchecked" else worst.verdict.value
        passages = [_norm(f.claim.passage) for f in findings if f.claim is not None]
        wanted = case.get("release_passage") or []
        wanted = [_norm(w) for w in ([wanted] if isinstance(wanted, str) else wanted)]
        found = not wanted or any(p and (p in w or w in p) for p in passages for w in wanted)
        right = got in accept and (got in ("none", "unsupported") or found)
        false_pass = got not in accept and (
            got == "supported" or (got == "none" and bool(set(accept) & PROBLEMS))
        )
        totals["cases"] += 1
        totals["right"] += right
        totals["passages"] += bool(wanted)
        totals["found"] += bool(wanted) and found
        totals["false_pass"] += false_pass
        totals["alarm"] += accept == ["supported"] and got in PROBLEMS
        per.setdefault(case["expected"], [0, 0])
        per[case["expected"]][0] += right
        per[case["expected"]][1] += 1
        if show or not right:
            mark = "ok  " if right else ("PASS" if false_pass else "MISS")
            print(f"{mark} expected={expected:15} got={got:15} {case['sentence'][:80]}")
    print("per class: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in per.items()))
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="*", type=Path, default=[SHARED])
    parser.add_argument("--show", action="store_true", help="print every case, not only misses")
    args = parser.parse_args()
    paths = [p for p in args.cases if p.exists()]
    if not paths:
        print(f"skipped: {SHARED} is absent")
        return
    checker = Checker(load_database(ROOT / "claims.yaml"))
    for path in paths:
        print(f"== {path}")
        t = score(checker, yaml.safe_load(path.read_text(encoding="utf-8")), args.show)
        n = t["cases"]
        print(f"passage found {t['found']}/{t['passages']}")
        print(
            f"verdict accuracy {t['right']}/{n} ({100 * t['right'] / n:.0f}%), "
            f"false passes {t['false_pass']}, false alarms {t['alarm']}"
        )


if __name__ == "__main__":
    main()
