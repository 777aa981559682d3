"""Cold start: ``factcheck verify`` of a one-paragraph draft against ``import typer, rich``.

Each command runs in a fresh interpreter, several times; the medians are
compared. The commands take turns, round after round, so that a machine
that slows down for a while slows all of them alike. The package is
byte-compiled first, as ``pip install`` leaves it. The draft is plain text
(``.txt``) and the bundled database is used, as a reporter would run it.
Run from the repository root: ``python bench/startup.py [--runs 21]``. The
target is a ratio of 1.5 or less.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFT = (
    "Attorney General Jeff Sessions instructed federal prosecutors on April 11, 2017 to "
    "prioritize immigration cases. In 2016, 52 percent of all federal criminal prosecutions "
    "involved immigration-related offenses, according to Grassroots Leadership. Bob Libal said "
    "the only winners are the private prison corporations.\n"
)


# A typer app with options, run: the floor for any typer command (with typer
# 0.29, which imports pydantic to validate options, about 300 ms here; the
# project stays on typer < 0.29 for that reason).
_TYPER_COMMAND = """
import typer
app = typer.Typer()
@app.command()
def main(name: str = typer.Option("x"), count: int = typer.Option(1)) -> None:
    pass
app(["--name", "y"], standalone_mode=False)
"""


def median_seconds(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict:
    """Each command's median wall time, the commands taking turns in every round."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "factcheck", quiet=1)
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCHECK_DB", "FACTCHECK_NO_CACHE")}
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="factcheck-startup-") as tmp:
        draft = Path(tmp) / "draft.txt"
        draft.write_text(DRAFT, encoding="utf-8")
        env["FACTCHECK_CACHE_DIR"] = str(Path(tmp) / "cache")
        verify = [python, "-m", "factcheck", "verify", str(draft)]
        subprocess.run(verify, cwd=ROOT, env=env, capture_output=True, check=False)  # the cache
        median = median_seconds(
            {
                "bare": [python, "-c", "pass"],
                "baseline": [python, "-c", "import typer, rich"],
                # factcheck starts with the garbage collector off, typer's import included;
                # the same for the baseline shows what is left of factcheck's own cost.
                "baseline_nogc": [python, "-c", "import gc; gc.disable(); import typer, rich"],
                # What printing with rich really costs: the console, as STYLE.md measures it.
                "console": [python, "-c", "import typer, rich.console"],
                "floor": [python, "-c", _TYPER_COMMAND],
                "verify": verify,
                "json": [*verify[:4], "--format", "json", *verify[4:]],
            },
            args.runs,
            env,
        )
    baseline = median["baseline"]
    print(f"python -c pass:                          {median['bare'] * 1000:6.0f} ms")
    print(f"python -c 'import typer, rich':          {baseline * 1000:6.0f} ms")
    print(f"python -c 'import typer, rich.console':  {median['console'] * 1000:6.0f} ms")
    print(f"a typer command with options:            {median['floor'] * 1000:6.0f} ms")
    print(f"factcheck verify draft.txt:              {median['verify'] * 1000:6.0f} ms")
    print(f"factcheck verify --format json draft.txt: {median['json'] * 1000:5.0f} ms")
    print(f"ratio to typer + rich import: {median['verify'] / baseline:.2f} (target <= 1.5)")
    print(f"  with --format json:         {median['json'] / baseline:.2f}")
    nogc = median["baseline_nogc"]
    print(f"ratio to typer + rich import with the collector off: {median['verify'] / nogc:.2f}")
    print(f"ratio to typer + rich.console import: {median['verify'] / median['console']:.2f}")
    print(f"ratio to a bare typer command: {median['verify'] / median['floor']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
