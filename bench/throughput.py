"""Checking speed and memory on big drafts: sentences/s and peak memory of ``verify`` and ``lint``.

Each run is a fresh ``factcheck verify DRAFT --format F`` (or ``factcheck lint``)
process against the bundled database, its output written to a file: held to one
core (the issue's target is a rate on one core), then free to use every core (a
long single input is shared among a pool's workers: ``check.batch.check_one``).
The draft is made of the verdict table's sentences
(``tests/cases/verdicts.yaml``: claims, traps and prose around them), in
paragraphs of three, each sentence given one word of ordinary English in
place of one of its own, so that no two sentences are alike and no cache of
a sentence's work helps. Peak memory is the largest resident set of the
process and its workers.

That draft is the worst case: every sentence is near a claim, so every check
runs on it. ``--draft clef`` checks real prose instead, most of it about other
news: the CLEF 2020 claims and tweets of ``../shared/bench`` (fact-checked
claims with their headlines, and posts with their signatures), repeated to the
size asked. A real draft about the release lies between the two.

Run from the repository root: ``python bench/throughput.py [--sizes 1,10]
[--commands verify,lint] [--cores 1,all] [--draft verdicts|clef]`` (megabytes;
10 MB takes a few minutes a format).
Targets (issue 18): 4,000 sentences/s, and under 200 MiB peak in every format
of both commands.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.check.termweights import background  # noqa: E402

# Every format of each command (``lint --format``'s choices).
FORMATS = {
    "verify": ("text", "json", "jsonl"),
    "lint": ("text", "json", "sarif", "github", "junit"),
}


def make_draft(size: int, seed: int = 11) -> str:
    """About ``size`` characters of paragraphs, every sentence different."""
    cases = yaml.safe_load((ROOT / "tests" / "cases" / "verdicts.yaml").read_text("utf-8"))
    sentences = [case["text"] for case in cases if "\n" not in case["text"]]
    vocabulary = sorted(background())
    rng = random.Random(seed)
    paragraphs, length = [], 0
    while length < size:
        paragraph = []
        for sentence in rng.sample(sentences, 3):
            words = sentence.split(" ")
            at = rng.randrange(len(words))
            if words[at].isalpha():
                words[at] = rng.choice(vocabulary)
            paragraph.append(" ".join(words))
        text = " ".join(paragraph)
        paragraphs.append(text)
        length += len(text) + 2
    return "\n\n".join(paragraphs) + "\n"


CLEF = ROOT.parent / "shared" / "bench" / "clef2020-t2"


def real_draft(size: int) -> str:
    """About ``size`` characters of the CLEF 2020 claims, their headlines and the tweets,
    a paragraph each, repeated from the start as needed."""
    paragraphs = []
    for name, columns in (("vclaims.tsv", (1, 2)), ("queries-train.tsv", (1,))):
        with (CLEF / name).open(encoding="utf-8") as rows:
            next(rows)  # the header
            for row in rows:
                cells = row.rstrip("\n").split("\t")
                paragraphs += [cells[c] for c in columns if c < len(cells) and cells[c]]
    text, length = [], 0
    while length < size:
        paragraph = paragraphs[len(text) % len(paragraphs)]
        text.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(text) + "\n"


def summary_of(output: Path) -> dict:
    """The summary at the end of a ``--format json`` report, read without loading it."""
    with output.open("rb") as stream:
        stream.seek(max(0, output.stat().st_size - 4096))
        tail = stream.read().decode("utf-8", errors="ignore")
    return json.loads(tail[tail.rindex('"summary": ') + len('"summary": ') :].rstrip()[:-1])


# Starts the command from a small process and reports its peak: Linux keeps a forked
# child's high-water mark across ``exec``, so a child of this (larger) process would
# report this process's memory, not its own.
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    if sys.argv[1] == "1":
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
sys.stderr.write(f"{usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}\\n")
"""


def run(
    draft: Path, output_format: str, out: Path, name: str = "verify", cores: str = "1"
) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one ``verify`` (or ``lint``) process, on
    one core or (``cores="all"``) every core this process may use; the peak is the
    largest of the process and its workers."""
    command = [sys.executable, "-m", "factcheck", name, str(draft), "--format", output_format]
    env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_DB"}
    start = time.perf_counter()
    with out.open("wb") as stream:
        launched = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, cores, *command],
            cwd=ROOT, env=env, stdout=stream, stderr=subprocess.PIPE, check=False,
        )  # fmt: skip
    seconds = time.perf_counter() - start
    peak, code = launched.stderr.decode().split()[-2:]
    if int(code) not in (0, 1):
        raise SystemExit(f"{name} failed with exit code {code}")
    return seconds, int(peak) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10", help="draft sizes in MB, comma-separated")
    parser.add_argument("--commands", default="verify,lint", help="verify, lint or both")
    parser.add_argument("--formats", default="", help="formats to run (default: every one)")
    parser.add_argument("--cores", default="1,all", help="1 (one core), all, or both")
    parser.add_argument(
        "--draft", default="verdicts", choices=("verdicts", "clef"),
        help="the verdict table's sentences (the worst case) or real prose (CLEF 2020)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.draft == "clef" and not CLEF.is_dir():
        print(f"skipped: {CLEF} is absent")
        return 0
    made = make_draft if args.draft == "verdicts" else real_draft
    with tempfile.TemporaryDirectory(prefix="factcheck-throughput-") as tmp:
        for megabytes in (float(s) for s in args.sizes.split(",")):
            draft = Path(tmp) / f"draft-{megabytes:g}mb.txt"
            draft.write_text(made(int(megabytes * 1_000_000)), encoding="utf-8")
            out = Path(tmp) / "out"
            run(draft, "json", out)  # warms the database cache; counts the sentences
            sentences = summary_of(out)["sentences"]
            print(f"{megabytes:g} MB {args.draft} draft, {sentences:,} sentences:")
            for name in args.commands.split(","):
                chosen = args.formats.split(",") if args.formats else FORMATS[name]
                for output_format in (f for f in chosen if f in FORMATS[name]):
                    for cores in args.cores.split(","):
                        seconds, peak = run(draft, output_format, out, name, cores)
                        print(
                            f"  {name:6} --format {output_format:6} {cores:>3} core(s) "
                            f"{seconds:6.1f} s  {sentences / seconds:6,.0f} sentences/s  "
                            f"peak {peak:5.0f} MiB",
                            flush=True,
                        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
