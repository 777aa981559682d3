"""Cold start: ``factcheck verify`` of a one-paragraph draft against ``import typer, rich``.

Each command runs in a fresh interpreter, several times; the medians are
compared. The draft is plain text (``.txt``) and the bundled database is
used, as a reporter would run it. Run from the repository root:
``python bench/startup.py [--runs 15]``. The target is a ratio of 1.5 or less.
"""

from __future__ import annotations

import argparse
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


def median_seconds(command: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCHECK_DB", "FACTCHECK_NO_CACHE")}
    with tempfile.TemporaryDirectory(prefix="factcheck-startup-") as tmp:
        draft = Path(tmp) / "draft.txt"
        draft.write_text(DRAFT, encoding="utf-8")
        env["FACTCHECK_CACHE_DIR"] = str(Path(tmp) / "cache")
        baseline = median_seconds([sys.executable, "-c", "import typer, rich"], args.runs, env)
        # What printing with rich really costs: the console, as STYLE.md measures it.
        console = median_seconds(
            [sys.executable, "-c", "import typer, rich.console"], args.runs, env
        )
        verify = median_seconds(
            [sys.executable, "-m", "factcheck", "verify", str(draft)], args.runs, env
        )
        bare = median_seconds([sys.executable, "-c", "pass"], args.runs, env)
        floor = median_seconds([sys.executable, "-c", _TYPER_COMMAND], args.runs, env)
    print(f"python -c pass:               {bare * 1000:6.0f} ms")
    print(f"python -c 'import typer, rich': {baseline * 1000:6.0f} ms")
    print(f"python -c 'import typer, rich.console': {console * 1000:6.0f} ms")
    print(f"a typer command with options: {floor * 1000:6.0f} ms")
    print(f"factcheck verify draft.txt:   {verify * 1000:6.0f} ms")
    print(f"ratio to typer + rich import: {verify / baseline:.2f} (target <= 1.5)")
    print(f"ratio to typer + rich.console import: {verify / console:.2f}")
    print(f"ratio to a bare typer command: {verify / floor:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
