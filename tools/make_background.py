"""Write factcheck/check/lexicon/background-en.txt: English term frequencies for term weights.

The matcher blends a database's own term statistics with these (see
``factcheck.check.termweights``). Run once by a maintainer when the table should
change; it needs ``pip install wordfreq`` (not a dependency of factcheck).
The frequencies are wordfreq's (Robyn Speer, data CC BY-SA 4.0), summed per
index term (``factcheck.text.normalize.terms``), written as Zipf values to one
decimal, down to ``ZIPF_FLOOR``.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from wordfreq import top_n_list, word_frequency

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from factcheck.check.termweights import ZIPF_FLOOR
from factcheck.text.normalize import terms

WORDS = 60_000
OUT = (
    Path(__file__).resolve().parent.parent / "factcheck" / "check" / "lexicon" / "background-en.txt"
)
HEADER = """\
# English term frequencies for factcheck's term weights (factcheck/check/termweights).
# Derived from wordfreq {version} (https://github.com/rspeer/wordfreq; data CC BY-SA 4.0)
# by tools/make_background.py: the {words} most frequent English words, summed per index
# term, as Zipf values (log10 of occurrences per billion words) down to {floor}: one line a
# term and its value, in code-point order (the order the reader bisects).
"""


def main() -> None:
    from importlib.metadata import version as installed

    totals: dict[str, float] = {}
    for word in top_n_list("en", WORDS):
        found = terms(word)
        if len(found) != 1:
            continue
        totals[found[0]] = totals.get(found[0], 0.0) + word_frequency(word, "en")
    lines = sorted(
        f"{term} {zipf:.1f}"
        for term, freq in totals.items()
        if (zipf := math.log10(freq * 1e9)) >= ZIPF_FLOOR
    )
    version = installed("wordfreq")
    OUT.write_text(
        HEADER.format(version=version, words=f"{WORDS:,}", floor=ZIPF_FLOOR)
        + "\n".join(lines)
        + "\n"
    )
    print(f"{len(lines)} terms -> {OUT}")


if __name__ == "__main__":
    main()
