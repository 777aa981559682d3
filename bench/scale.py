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

Then the stores, for every size (YAML up to 100,000 claims, SQLite at all;
``STORE_SIZES``), each from the same TSV of claims, in fresh processes:

* import: ``factcheck import`` of the TSV (time, peak memory);
* first run: ``factcheck verify`` of the 100-sentence draft with an empty
  cache (YAML parses and indexes; SQLite opens the file);
* warm: the same again (YAML through its cache);
* add: 1,000 more claims (``add`` of a YAML file into the YAML database,
  ``import`` into the SQLite store);
* first: of 50 queries made from claims, how often the claim is ranked
  first: restated (a word dropped, a pair swapped) and half (a run of half
  its words, the harder: with postings read to a fixed depth per term, 44/50
  at 1,000,000 claims);
* bm25s: index the same TSV and retrieve the same draft and queries (when
  bm25s is installed), with the ratios of first run and memory to it.

Last, ``factcheck import`` of 100,000 rows (``--imports N``; 0 skips it), each
in a fresh process: a CSV table (id, claim, url, date) beside a ClaimReview
DataFeed of as many reviews (the same claims, each with its rating, reviewer,
claimant, URL and date), time, CPU time and peak resident set of each.

Run from the repository root: ``python bench/scale.py [--sizes 1000,10000]
[--stores-only] [--imports N]``; 1,000,000 is in ``--sizes`` only when asked for,
and ``--sizes ""`` runs the imports alone.
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

from peak import peak_mib  # noqa: E402

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


_CACHED_RUN = """
import json, sys, time
start = time.perf_counter()
from factcheck.db.cache import load_indexed
from factcheck.check.checker import Checker
from factcheck.check.matcher import Matcher
from factcheck.text.document import Document
from peak import peak_mib
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
    parser.add_argument(
        "--stores-only", action="store_true", help="only the YAML/SQLite/bm25s comparison"
    )
    parser.add_argument("--imports", type=int, default=100_000, help="rows to import; 0 skips")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="factcheck-scale-") as tmp:
        for size in (int(s) for s in args.sizes.split(",") if s):
            if not args.stores_only and size <= YAML_LIMIT:
                rows.append(measure(size, Path(tmp)))
                if not args.json:
                    _print_row(rows[-1])
            rows.append(measure_stores(size, Path(tmp) / f"stores-{size}"))
            if not args.json:
                _print_stores(rows[-1])
        if args.imports and not args.stores_only:
            rows.append(measure_imports(args.imports, Path(tmp)))
            if not args.json:
                _print_imports(rows[-1])
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


# --- stores: YAML, SQLite and bm25s from one TSV ----------------------------------------------

YAML_LIMIT = 100_000  # YAML is for curated databases: not measured beyond this
ADDED = 1_000
QUERIES = 50
_IMPORT = ["import", "--id-field", "id", "--text-field", "claim"]
# The last child's CPU seconds: on a shared machine wall time counts others' work too.
CPU = [0.0]


def write_tsv(path: Path, sentences: list[str], first: int = 0) -> Path:
    """Claims as another fact-checker's list: an id and a claim per line."""
    rows = (f"claim-{first + n}\t{text}" for n, text in enumerate(sentences))
    path.write_text("id\tclaim\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def query_sets(sentences: list[str]) -> dict[str, list[tuple[str, str]]]:
    """(claim id, query) pairs made from claims: ``restated`` (a word dropped, a
    pair swapped, as in ``draft``) and ``half`` (a run of half the claim's words)."""
    rng = random.Random(SEED + 3)
    restated, half = [], []
    for number in rng.sample(range(len(sentences)), QUERIES):
        words = sentences[number].rstrip(".").split()
        length = max(4, len(words) // 2)
        start = rng.randrange(len(words) - length + 1)
        half.append((f"claim-{number}", " ".join(words[start : start + length])))
        del words[rng.randrange(len(words))]
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
        restated.append((f"claim-{number}", " ".join(words)))
    return {"restated": restated, "half": half}


# A child process: run one factcheck command as the ``factcheck`` script does (its entry
# point, which keeps the collector off while a command starts), then report its peak memory.
_COMMAND_RUN = """
import atexit, json, sys
from peak import peak_mib
atexit.register(lambda: sys.stderr.write("\\n" + json.dumps({"peak": peak_mib()}) + "\\n"))
sys.argv = ["factcheck", *sys.argv[1:]]
from factcheck.__main__ import run
run()
"""

# A child process: how often each query's claim is ranked first.
_FIRST_RUN = """
import json, sys
from factcheck.db.store import open_database
from factcheck.check.matcher import Matcher
loaded = open_database(sys.argv[1])
matcher = Matcher(loaded.database, index=loaded.index)
sets = json.load(open(sys.argv[2]))
print(json.dumps({name: sum(bool(m) and m[0].claim.id == wanted
                            for wanted, text in queries for m in [matcher.match(text, top_k=1)])
                  for name, queries in sets.items()}))
"""

# A child process: bm25s indexing the TSV and retrieving the draft and the queries.
_BM25S_RUN = """
import json, sys
import bm25s
from peak import peak_mib
ids, texts = [], []
with open(sys.argv[1], encoding="utf-8") as tsv:
    next(tsv)
    for line in tsv:
        claim_id, text = line.rstrip("\\n").split("\\t")
        ids.append(claim_id)
        texts.append(text)
retriever = bm25s.BM25()
retriever.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)
draft = [s for s in open(sys.argv[2], encoding="utf-8").read().split("\\n\\n") if s.strip()]
tokens = bm25s.tokenize(draft, stopwords="en", show_progress=False)
retriever.retrieve(tokens, k=20, show_progress=False)
first = {}
for name, queries in json.load(open(sys.argv[3])).items():
    tokens = bm25s.tokenize([text for _, text in queries], stopwords="en", show_progress=False)
    found, _ = retriever.retrieve(tokens, k=1, show_progress=False)
    first[name] = sum(ids[found[n][0]] == wanted for n, (wanted, _) in enumerate(queries))
print(json.dumps({"peak": peak_mib(), "first": first}))
"""


def _child(code: str, args: list[str], cache: Path) -> tuple[float, float, str]:
    """Run a child process; (seconds, peak MiB, stdout). Its CPU seconds go to ``CPU``."""
    env = dict(os.environ, FACTCHECK_CACHE_DIR=str(cache))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "bench")])
    env.pop("FACTCHECK_NO_CACHE", None)
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[0] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{args[:2]} failed ({done.returncode}): {done.stderr[-2000:]}")
    tail = done.stderr.strip().splitlines()
    peak = json.loads(tail[-1])["peak"] if tail and tail[-1].startswith('{"peak"') else 0.0
    return seconds, peak, done.stdout


def _factcheck(args: list[str], cache: Path) -> tuple[float, float]:
    seconds, peak, _out = _child(_COMMAND_RUN, [str(a) for a in args], cache)
    return seconds, peak


def measure_stores(size: int, folder: Path) -> dict:
    """Import, first and warm verify, add, ranking and bm25s, per store, from one TSV."""
    folder.mkdir(parents=True)
    sentences = claim_sentences(size + ADDED)
    tsv = write_tsv(folder / "claims.tsv", sentences[:size])
    more = write_tsv(folder / "more.tsv", sentences[size:], first=size)
    draft_path = folder / "draft.txt"
    draft_path.write_text(draft(size), encoding="utf-8")
    queries_path = folder / "queries.json"
    queries_path.write_text(json.dumps(query_sets(sentences[:size])), encoding="utf-8")
    row: dict = {"claims": size, "stores": {}}
    verify = ["verify", "--format", "json", "--db"]
    for kind in ("yaml", "sqlite") if size <= YAML_LIMIT else ("sqlite",):
        db = folder / f"claims.{kind}"
        cache = folder / f"cache-{kind}"
        store: dict = {}
        store["import_s"], store["import_peak_mib"] = _factcheck(
            [*_IMPORT, tsv, "-o", db], folder / "cache-import"
        )
        store["import_cpu_s"] = CPU[0]
        store["first_s"], store["first_peak_mib"] = _factcheck([*verify, db, draft_path], cache)
        store["warm_s"], store["warm_peak_mib"] = _factcheck([*verify, db, draft_path], cache)
        store["first_of_50"] = json.loads(
            _child(_FIRST_RUN, [str(db), str(queries_path)], cache)[2]
        )
        if kind == "yaml":
            added = folder / "more.yaml"
            _factcheck([*_IMPORT, more, "-o", added], folder / "cache-import")
            store["add_s"], store["add_peak_mib"] = _factcheck(["add", added, "--into", db], cache)
        else:
            store["add_s"], store["add_peak_mib"] = _factcheck([*_IMPORT, more, "-o", db], cache)
        row["stores"][kind] = store
    try:
        import bm25s  # noqa: F401
    except ImportError:
        row["bm25s"] = None
    else:
        seconds, _p, out = _child(
            _BM25S_RUN, [str(tsv), str(draft_path), str(queries_path)], folder
        )
        row["bm25s"] = dict(json.loads(out), seconds=seconds, cpu_s=CPU[0])  # whole process
    return row


def _print_stores(row: dict) -> None:
    bm25 = row["bm25s"]
    for kind, store in row["stores"].items():
        ratios = ""
        if bm25:
            ratios = (
                f" = {store['first_s'] / bm25['seconds']:.2f}x bm25s's time, "
                f"{store['first_peak_mib'] / bm25['peak']:.2f}x its memory"
            )
        print(
            f"{row['claims']:>9} claims {kind:>6}: import {store['import_s']:.2f}s "
            f"({store['import_cpu_s']:.1f}s CPU) "
            f"{store['import_peak_mib']:.0f} MiB; first verify {store['first_s']:.2f}s "
            f"{store['first_peak_mib']:.0f} MiB{ratios}; warm verify {store['warm_s']:.2f}s "
            f"{store['warm_peak_mib']:.0f} MiB; add {ADDED:,} {store['add_s']:.2f}s "
            f"{store['add_peak_mib']:.0f} MiB; first {_firsts(store['first_of_50'])}",
            flush=True,
        )
    if bm25:
        print(
            f"{row['claims']:>9} claims  bm25s: index + retrieve {bm25['seconds']:.2f}s "
            f"({bm25['cpu_s']:.1f}s CPU) "
            f"{bm25['peak']:.0f} MiB; first {_firsts(bm25['first'])}",
            flush=True,
        )


def _firsts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n}/{QUERIES} {name}" for name, n in counts.items())


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
from peak import peak_mib
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
    """``factcheck import`` in a fresh process without a cache to reuse: seconds, CPU
    seconds (the child's user and system time: others' work on a shared machine
    is not counted) and peak MiB."""
    env = dict(os.environ, FACTCHECK_CACHE_DIR=str(out.parent / f"cache-{out.stem}"))
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "bench")])
    command = [sys.executable, "-c", _IMPORT_RUN, "import", str(source), "-o", str(out), *options]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    row = json.loads(done.stdout.splitlines()[-1])
    row["cpu"] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return row


def measure_imports(count: int, folder: Path) -> dict:
    table, feed = write_import_inputs(folder, count)
    rows = import_run(table, folder / "table.yaml", "--id-field", "id", "--text-field", "claim",
                      "--url-field", "url", "--date-field", "date")  # fmt: skip
    reviews = import_run(feed, folder / "feed.yaml")
    return {
        "import_rows": count,
        "table_import_s": rows["seconds"],
        "table_import_cpu_s": rows["cpu"],
        "table_import_peak_mib": rows["peak"],
        "claimreview_import_s": reviews["seconds"],
        "claimreview_import_cpu_s": reviews["cpu"],
        "claimreview_import_peak_mib": reviews["peak"],
    }


def _print_imports(row: dict) -> None:
    print(
        f"import {row['import_rows']:,} table rows {row['table_import_s']:.2f}s "
        f"(CPU {row['table_import_cpu_s']:.2f}s), peak {row['table_import_peak_mib']:.0f} MiB; "
        f"{row['import_rows']:,} ClaimReview reviews {row['claimreview_import_s']:.2f}s "
        f"(CPU {row['claimreview_import_cpu_s']:.2f}s), peak "
        f"{row['claimreview_import_peak_mib']:.0f} MiB "
        f"({row['claimreview_import_s'] / row['table_import_s']:.2f}x the time, "
        f"{row['claimreview_import_cpu_s'] / row['table_import_cpu_s']:.2f}x the CPU, "
        f"{row['claimreview_import_peak_mib'] / row['table_import_peak_mib']:.2f}x the memory)",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
