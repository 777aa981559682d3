"""How much of the hand-curated database ``factcheck extract`` recovers from the release.

Runs the extractor on sources/grassroots-leadership-2017-04-11.txt and
compares its candidates with the curated claims of claims.yaml for that
source, by the characters of the source their passages cover:

* covered: one candidate's passage holds at least half of the curated passage;
* tight: the two passages overlap by at least half of their union (a
  candidate a curator keeps as it is, or trims a little);
* spurious: a candidate of which less than half is covered by any curated
  passage (something the curators chose not to record);
* same speaker / same type: among covered claims, how often the candidate's
  speaker resolves to the curated speaker, and the guessed type agrees.

Run from the repository root: ``python bench/extract_recall.py [--json]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.check.speakers import resolve  # noqa: E402
from factcheck.db.database import load_database  # noqa: E402
from factcheck.db.extract import extract  # noqa: E402

SOURCE_ID = "gl-2017-04-11"


def _span(text: str, passage: str) -> range:
    start = text.find(passage)
    return range(start, start + len(passage))


def _overlap(a: range, b: range) -> int:
    return max(0, min(a.stop, b.stop) - max(a.start, b.start))


def measure() -> dict[str, object]:
    """The figures, as a dict (printed by ``main``)."""
    database = load_database(ROOT / "claims.yaml")
    source = database.sources[SOURCE_ID]
    text = source.text or ""
    curated = [c for c in database.claims if c.source.id == SOURCE_ID]
    draft = extract(text, source, str(ROOT / (source.path or "")))
    candidates = [(c, _span(text, c.passage)) for c in draft.claims]
    covered = tight = same_speaker = same_type = 0
    missed, loose = [], []
    for claim in curated:
        span = _span(text, claim.passage)
        best = max(candidates, key=lambda cand: _overlap(span, cand[1]))
        shared = _overlap(span, best[1])
        if shared * 2 >= len(span):
            covered += 1
            same_speaker += resolve(best[0].speaker.name, database.speakers) == claim.speaker
            same_type += best[0].type == claim.type
        else:
            missed.append(claim.id)
        union = len(span) + len(best[1]) - shared
        if shared * 2 >= union:
            tight += 1
        elif claim.id not in missed:
            loose.append(claim.id)
    spurious = []
    for candidate, span in candidates:
        marked = set()
        for claim in curated:
            marked.update(set(span) & set(_span(text, claim.passage)))
        if len(marked) * 2 < len(span):
            spurious.append(candidate.id)
    return {
        "curated": len(curated),
        "candidates": len(candidates),
        "covered": covered,
        "tight": tight,
        "spurious": len(spurious),
        "same_speaker": same_speaker,
        "same_type": same_type,
        "missed": missed,
        "loose": loose,
        "spurious_ids": spurious,
    }


def main() -> None:
    figures = measure()
    if "--json" in sys.argv[1:]:
        print(json.dumps(figures, indent=2))
        return
    curated, covered = figures["curated"], figures["covered"]
    print(f"curated claims        {curated}")
    print(f"candidates            {figures['candidates']}")
    print(f"covered (>=50% of the curated passage in one candidate)  {covered}/{curated}")
    print(f"tight (overlap >= 50% of the union)                      {figures['tight']}/{curated}")
    print(f"spurious (<50% of the candidate curated)                 {figures['spurious']}")
    print(f"same speaker, among covered                              {figures['same_speaker']}")
    print(f"same type, among covered                                 {figures['same_type']}")
    for claim_id in figures["missed"]:  # type: ignore[attr-defined]
        print(f"  missed   {claim_id}")
    for claim_id in figures["loose"]:  # type: ignore[attr-defined]
        print(f"  loose    {claim_id}")
    for claim_id in figures["spurious_ids"]:  # type: ignore[attr-defined]
        print(f"  spurious {claim_id}")


if __name__ == "__main__":
    main()
