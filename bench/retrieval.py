"""Claim-retrieval quality on CLEF 2020 CheckThat! Task 2 (English), side by side.

Systems, each ranking the 10,375 fact-checked claims for every tweet:

* factcheck: the claims imported with ``factcheck import`` (title counts),
  then ``factcheck search --queries`` in a subprocess, as a user runs it;
  once into YAML, once into a SQLite store (the same MAP expected);
* rapidfuzz ``token_set_ratio`` and ``WRatio``: a full scan (``cdist``) of
  every claim ("claim title", lower-cased), what matching without an index
  does;
* BM25: plain ``bm25s`` over title and claim (its English stopwords), when
  bm25s is installed.

WRatio scores near zero here, and that is WRatio, not the harness: for a
text 1.5 or more times longer than the other it takes
``partial_token_set_ratio``, which is 100 whenever the two share any word,
so a typical tweet scores 85.5 against thousands of claims and the order
among those ties says nothing. The script prints how many claims tie at
each query's top score.

Prints MAP@1, MAP@5, Recall@5 and queries per second on train and dev.
Nothing here is tuned on dev. Run from the repository root:
``python bench/retrieval.py [--skip-scan]``; skips politely when the shared
data (``../shared/bench/clef2020-t2``) is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "bench" / "clef2020-t2"
SPLITS = ("train", "dev")


def read_tsv(name: str) -> list[list[str]]:
    """A benchmark file's rows without its header (fields are never quoted)."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[1:]


def gold(split: str) -> dict[str, set[str]]:
    pairs: dict[str, set[str]] = {}
    for query_id, claim_id in read_tsv(f"qrels-{split}.tsv"):
        pairs.setdefault(query_id, set()).add(claim_id)
    return pairs


def scores(ranked: dict[str, list[str]], relevant: dict[str, set[str]]) -> dict[str, float]:
    """MAP@1, MAP@5 and Recall@5 (the lab's measure is MAP@5)."""
    total = {"MAP@1": 0.0, "MAP@5": 0.0, "R@5": 0.0}
    for query_id, wanted in relevant.items():
        ids = ranked.get(query_id, [])
        for k, name in ((1, "MAP@1"), (5, "MAP@5")):
            hits, precision = 0, 0.0
            for rank, claim_id in enumerate(ids[:k], 1):
                if claim_id in wanted:
                    hits += 1
                    precision += hits / rank
            total[name] += precision / min(len(wanted), k)
        total["R@5"] += len(set(ids[:5]) & wanted) / len(wanted)
    return {name: value / len(relevant) for name, value in total.items()}


def factcheck_runs(
    folder: Path, store: str = "yaml"
) -> dict[str, tuple[dict[str, list[str]], float]]:
    """Import once (into ``clef.yaml`` or ``clef.sqlite``), then search each
    split's queries through the CLI."""
    env = dict(os.environ, FACTCHECK_CACHE_DIR=str(folder / "cache"))
    database = folder / f"clef.{store}"
    command = [sys.executable, "-m", "factcheck"]
    fields = ["--id-field", "id", "--text-field", "vclaim", "--title-field", "title"]
    subprocess.run(
        [*command, "import", str(DATA / "vclaims.tsv"), *fields, "-o", str(database)],
        env=env, cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    runs = {}
    for split in SPLITS:
        start = time.perf_counter()
        queries = str(DATA / f"queries-{split}.tsv")
        done = subprocess.run(
            [*command, "search", "--db", str(database), "--queries", queries, "--top-k", "10"],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True,
        )  # fmt: skip
        seconds = time.perf_counter() - start
        ranked = {}
        for line in done.stdout.splitlines():
            record = json.loads(line)
            ranked[record["query_id"]] = [r["claim_id"] for r in record["results"]]
        runs[split] = (ranked, seconds)
    return runs


def scan_runs(scorer_name: str) -> tuple[dict[str, tuple[dict[str, list[str]], float]], float]:
    """Score every claim for every query with one rapidfuzz scorer; also the
    mean number of claims that tie at a query's top score."""
    import numpy as np
    from rapidfuzz import fuzz, process, utils

    scorer = getattr(fuzz, scorer_name)
    claims = read_tsv("vclaims.tsv")
    choices = [f"{claim} {title}" for _, claim, title in claims]
    runs = {}
    tied = []
    for split in SPLITS:
        queries = read_tsv(f"queries-{split}.tsv")
        start = time.perf_counter()
        matrix = process.cdist(
            [text for _, text in queries],
            choices,
            scorer=scorer,
            processor=utils.default_process,
            workers=-1,
        )
        top = np.argsort(-matrix, axis=1, kind="stable")[:, :10]
        seconds = time.perf_counter() - start
        tied.extend((matrix == matrix.max(axis=1, keepdims=True)).sum(axis=1).tolist())
        pairs = zip(queries, top, strict=True)
        ranked = {qid: [claims[n][0] for n in row] for (qid, _), row in pairs}
        runs[split] = (ranked, seconds)
    return runs, sum(tied) / len(tied)


def bm25_runs() -> dict[str, tuple[dict[str, list[str]], float]] | None:
    """Plain BM25 (bm25s defaults, English stopwords) over title and claim."""
    try:
        import bm25s
    except ImportError:
        return None
    claims = read_tsv("vclaims.tsv")
    retriever = bm25s.BM25()
    corpus = bm25s.tokenize([f"{title} {claim}" for _, claim, title in claims], stopwords="en",
                            show_progress=False)  # fmt: skip
    retriever.index(corpus, show_progress=False)
    runs = {}
    for split in SPLITS:
        queries = read_tsv(f"queries-{split}.tsv")
        start = time.perf_counter()
        tokens = bm25s.tokenize([text for _, text in queries], stopwords="en", show_progress=False)
        results, _ = retriever.retrieve(tokens, k=10, show_progress=False)
        seconds = time.perf_counter() - start
        pairs = zip(queries, results, strict=True)
        ranked = {qid: [claims[n][0] for n in row] for (qid, _), row in pairs}
        runs[split] = (ranked, seconds)
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-scan", action="store_true", help="skip the slow full scans")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: the CLEF data is not at {DATA}")
        return 0
    relevant = {split: gold(split) for split in SPLITS}
    counts = {split: len(read_tsv(f"queries-{split}.tsv")) for split in SPLITS}
    systems: dict[str, dict[str, tuple[dict[str, list[str]], float]]] = {}
    with tempfile.TemporaryDirectory(prefix="factcheck-clef-") as tmp:
        systems["factcheck (import + search --queries)"] = factcheck_runs(Path(tmp))
        systems["factcheck, SQLite store (the same)"] = factcheck_runs(Path(tmp), "sqlite")
    ties = {}
    if not args.skip_scan:
        for scorer in ("token_set_ratio", "WRatio"):
            name = f"rapidfuzz {scorer}, full scan"
            systems[name], ties[scorer] = scan_runs(scorer)
    bm25 = bm25_runs()
    if bm25 is not None:
        systems["BM25 (bm25s, title + claim)"] = bm25
    table = []
    for name, runs in systems.items():
        for split in SPLITS:
            ranked, seconds = runs[split]
            row = {"system": name, "split": split, **scores(ranked, relevant[split])}
            row["queries/s"] = counts[split] / seconds
            table.append(row)
    if args.json:
        print(json.dumps(table, indent=2))
        return 0
    print(f"{'system':40} {'split':5} {'MAP@1':>6} {'MAP@5':>6} {'R@5':>6} {'q/s':>8}")
    for row in table:
        print(
            f"{row['system']:40} {row['split']:5} {row['MAP@1']:6.3f} {row['MAP@5']:6.3f} "
            f"{row['R@5']:6.3f} {row['queries/s']:8.1f}"
        )
    print("q/s: factcheck includes process start-up and the cached index load.")
    for scorer, mean in ties.items():
        print(f"{scorer}: on average {mean:,.1f} claims tie at a query's top score.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
