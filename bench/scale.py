"""How matching scales: synthetic databases of 1,000, 10,000 and 100,000 claims.

For each size, a deterministic database (seeded vocabulary with a Zipf-like
word distribution, 1,000 external sources and 500 speakers) and one
100-sentence draft (half restate a claim with words dropped and swapped,
half are unrelated) are written to a temporary folder. Then:

* build: parse the YAML and build the index (no cache);
* verify: check the draft with the index (``Checker`` over the matcher);
* scan: the same draft with a full scan of every claim by rapidfuzz
  ``token_set_ratio`` (``cdist``), what matching without an index costs;
* cached: a fresh process that loads the database and index from the
  on-disk cache and verifies the draft (what ``factcheck verify`` pays);
* peak: the largest resident set of that process and of the build.

Then ``factcheck import`` of 100,000 rows (``--imports N``; 0 skips it), each
in a fresh process: a CSV table (id, claim, url, date) beside a ClaimReview
DataFeed of as many reviews (the same claims, each with its rating, reviewer,
claimant, URL and date), time and peak resident set of each.

Run from the repository root: ``python bench/scale.py [--sizes 1000,10000]``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.db.importer import yaml_string  # noqa: E402

SEED = 20170411
DRAFT_SENTENCES = 100


def vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    """Pronounceable pseudo-words, distinct, in a fixed order."""
    onsets = "b c d f g h j k l m n p r s t v w z br cr dr fr gr pl pr st tr".split()
    vowels = "a e i o u ai ea io ou".split()
    words: dict[str, None] = {}
    while len(words) < size:
        syllables = rng.choice((2, 2, 3, 3, 4))
        words["".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(syllables))] = None
    return list(words)


def claim_sentences(count: int, seed: int = SEED) -> list[str]:
    """``count`` claim statements; frequent words are frequent, as in prose."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    cumulative = list(itertools.accumulate(1 / (rank + 10) for rank in range(len(words))))
    sentences = []
    for _ in range(count):
        picked = rng.choices(words, cum_weights=cumulative, k=rng.randint(10, 24))
        if rng.random() < 0.4:
            picked.insert(rng.randrange(len(picked)), f"{rng.randint(2, 999)} percent")
        sentences.append(" ".join(picked).capitalize() + ".")
    return sentences


def write_database(folder: Path, count: int) -> Path:
    """A database file of ``count`` claims with external sources."""
    sentences = claim_sentences(count)
    lines = ["version: 1", "sources:"]
    for number in range(1000):
        lines += [
            f"  - id: src-{number}",
            f"    title: Synthetic release {number}",
            "    publisher: Bench",
            "    external: true",
        ]
    lines.append("speakers:")
    for number in range(500):
        lines += [f"  - id: speaker-{number}", f"    name: Speaker Number{number}"]
    lines.append("claims:")
    for number, sentence in enumerate(sentences):
        text = yaml_string(sentence)
        lines += [
            f"  - id: claim-{number}",
            f"    source: src-{number % 1000}",
            f"    speaker: speaker-{number % 500}",
            "    type: statement",
            f"    claim: {text}",
            f"    passage: {text}",
        ]
    path = folder / f"claims-{count}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def draft(count: int) -> str:
    """100 sentences: restatements of claims (words dropped, a pair swapped) and noise."""
    rng = random.Random(SEED + 1)
    sentences = claim_sentences(count)
    noise = claim_sentences(DRAFT_SENTENCES, seed=SEED + 2)
    out = []
    for number in range(DRAFT_SENTENCES):
        if number % 2:
            out.append(noise[number])
            continue
        words = sentences[rng.randrange(count)].rstrip(".").split()
        if len(words) > 6:
            del words[rng.randrange(len(words))]
            i = rng.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        out.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(out) + "\n"


def peak_mib() -> float:
    """The process's peak resident set so far, in MiB.

    /proc's VmHWM is this program's own; ``ru_maxrss`` would also count the
    parent a subprocess was forked from.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_CACHED_RUN = """
import json, sys, time
start = time.perf_counter()
from factcheck.db.cache import load_indexed
from factcheck.check.checker import Checker
from factcheck.check.matcher import Matcher
from factcheck.text.document import Document
from scale import peak_mib
loaded = load_indexed(sys.argv[1])
middle = time.perf_counter()
checker = Checker(loaded.database, matcher=Matcher(loaded.database, index=loaded.index))
result = checker.check_document(Document.from_text("draft.txt", open(sys.argv[2]).read()))
end = time.perf_counter()
print(json.dumps({"load": middle - start, "verify": end - middle, "cached": loaded.from_cache,
    "peak": peak_mib(),
    "supported": sum(f.verdict == "supported" for f in result.findings)}))
"""


def cached_run(db: Path, draft_path: Path, cache: Path) -> dict:
    """Load and verify in a fresh process with the on-disk cache (twice: fill, then use)."""
    env = dict(os.environ, FACTCHECK_CACHE_DIR=str(cache))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "bench")])
    env.pop("FACTCHECK_NO_CACHE", None)
    command = [sys.executable, "-c", _CACHED_RUN, str(db), str(draft_path)]
    runs = []
    for _ in range(2):
        done = subprocess.run(
            command, env=env, cwd=ROOT, capture_output=True, text=True, check=True
        )
        runs.append(json.loads(done.stdout))
    return runs[1]


def measure(size: int, folder: Path) -> dict:
    from rapidfuzz import fuzz, process

    from factcheck.check.checker import Checker
    from factcheck.check.matcher import Matcher
    from factcheck.db.database import load_database
    from factcheck.text.document import Document, find_prose, segment
    from factcheck.text.normalize import normalize

    db_path = write_database(folder, size)
    text = draft(size)
    draft_path = folder / f"draft-{size}.txt"
    draft_path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    database = load_database(db_path)
    parsed = time.perf_counter()
    matcher = Matcher(database)
    built = time.perf_counter()
    document = Document.from_text("draft.txt", text)
    checker = Checker(database, matcher=matcher)
    result = checker.check_document(document)
    verified = time.perf_counter()
    sentences = [normalize(s.text) for s in segment(document, find_prose(text, "text"))]
    choices = [normalize(c.claim) for c in database.claims]
    process.cdist(sentences, choices, scorer=fuzz.token_set_ratio, workers=1)
    scanned = time.perf_counter()
    supported = sum(f.verdict == "supported" for f in result.findings)
    cached = cached_run(db_path, draft_path, folder / "cache")
    return {
        "claims": size,
        "parse_s": parsed - start,
        "index_build_s": built - parsed,
        "verify_s": verified - built,
        "full_scan_s": scanned - verified,
        "speedup": (scanned - verified) / (verified - built),
        "supported": supported,
        "cache_load_s": cached["load"],
        "cached_verify_s": cached["verify"],
        "cache_load_plus_verify_s": cached["load"] + cached["verify"],
        "cached_peak_mib": cached["peak"],
        "build_peak_mib": peak_mib(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--imports", type=int, default=100_000, help="rows to import; 0 skips")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="factcheck-scale-") as tmp:
        for size in (int(s) for s in args.sizes.split(",") if s):
            rows.append(measure(size, Path(tmp)))
            if not args.json:
                _print_row(rows[-1])
        if args.imports:
            rows.append(measure_imports(args.imports, Path(tmp)))
            if not args.json:
                _print_imports(rows[-1])
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


def _print_row(row: dict) -> None:
    print(
        f"{row['claims']:>7} claims: parse {row['parse_s']:.2f}s, index build "
        f"{row['index_build_s']:.2f}s; verify {DRAFT_SENTENCES} sentences {row['verify_s']:.3f}s "
        f"vs full scan {row['full_scan_s']:.2f}s = {row['speedup']:.0f}x faster "
        f"({row['supported']} supported); cache load {row['cache_load_s']:.3f}s + verify "
        f"{row['cached_verify_s']:.3f}s = {row['cache_load_plus_verify_s']:.3f}s, peak "
        f"{row['cached_peak_mib']:.0f} MiB (build process peak {row['build_peak_mib']:.0f} MiB)",
        flush=True,
    )


# --- import: a ClaimReview feed beside a table of as many rows ---------------------------------

_IMPORT_RUN = """
import gc, json, sys, time
gc.disable()  # as the console script runs
start = time.perf_counter()
from factcheck.cli import main
code = main(sys.argv[1:])
end = time.perf_counter()
from scale import peak_mib
print(json.dumps({"code": code, "seconds": end - start, "peak": peak_mib()}))
"""

RATINGS = ("False", "Pants on Fire", "Mostly false", "Half true", "Mostly true", "True")


def write_import_inputs(folder: Path, count: int) -> tuple[Path, Path]:
    """A CSV of ``count`` claims and a ClaimReview DataFeed of ``count`` reviews of them."""
    import csv

    sentences = claim_sentences(count)
    table = folder / f"table-{count}.csv"
    with table.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "claim", "url", "date"])
        for number, sentence in enumerate(sentences):
            url = f"https://checks.example.org/{number}"
            writer.writerow(
                [f"c{number}", sentence, url, f"20{10 + number % 14}-0{1 + number % 9}-15"]
            )
    items = [
        {
            "@type": "ClaimReview",
            "url": f"https://checks.example.org/{number}",
            "claimReviewed": sentence,
            "datePublished": f"20{10 + number % 14}-0{1 + number % 9}-15",
            "author": {"@type": "Organization", "name": f"Desk {number % 50}"},
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Person",
                                                          "name": f"Speaker Number{number % 500}"}},
            "reviewRating": {"@type": "Rating", "alternateName": RATINGS[number % len(RATINGS)]},
        }
        for number, sentence in enumerate(sentences)
    ]  # fmt: skip
    feed = folder / f"feed-{count}.json"
    elements = [{"@type": "DataFeedItem", "item": [item]} for item in items]
    document = {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": elements}
    feed.write_text(json.dumps(document), encoding="utf-8")
    return table, feed


def import_run(source: Path, out: Path, *options: str) -> dict:
    """``factcheck import`` in a fresh process without a cache to reuse: seconds and peak MiB."""
    env = dict(os.environ, FACTCHECK_CACHE_DIR=str(out.parent / f"cache-{out.stem}"))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "bench")])
    command = [sys.executable, "-c", _IMPORT_RUN, "import", str(source), "-o", str(out), *options]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def measure_imports(count: int, folder: Path) -> dict:
    table, feed = write_import_inputs(folder, count)
    rows = import_run(table, folder / "table.yaml", "--id-field", "id", "--text-field", "claim",
                      "--url-field", "url", "--date-field", "date")  # fmt: skip
    reviews = import_run(feed, folder / "feed.yaml")
    return {
        "import_rows": count,
        "table_import_s": rows["seconds"],
        "table_import_peak_mib": rows["peak"],
        "claimreview_import_s": reviews["seconds"],
        "claimreview_import_peak_mib": reviews["peak"],
    }


def _print_imports(row: dict) -> None:
    print(
        f"import {row['import_rows']:,} table rows {row['table_import_s']:.2f}s, peak "
        f"{row['table_import_peak_mib']:.0f} MiB; {row['import_rows']:,} ClaimReview reviews "
        f"{row['claimreview_import_s']:.2f}s, peak {row['claimreview_import_peak_mib']:.0f} MiB "
        f"({row['claimreview_import_s'] / row['table_import_s']:.2f}x the time, "
        f"{row['claimreview_import_peak_mib'] / row['table_import_peak_mib']:.2f}x the memory)",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
