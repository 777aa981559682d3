"""Inputs that once took super-linear time (issue 17): the time at n and at 4n.

Each case builds a hostile input of size n and runs the stage that was slow
on it. A linear stage takes about 4 times as long at 4n; a quadratic one 16
times. ``tests/test_linear_time.py`` runs these cases at small sizes and
asserts the ratio; this script prints them at the sizes of the issue:

    python bench/linear.py            # every case at its n and 4n
    python bench/linear.py --n 20000  # one n for all
"""

from __future__ import annotations

import argparse
import gc
import itertools
import time
from collections.abc import Callable


def _segment(text: str, fmt: str) -> None:
    from factcheck.text.document import Document, find_prose, segment

    segment(Document.from_text("x", text), find_prose(text, fmt))


def _directives(text: str) -> None:
    from factcheck.lint.suppressions import find_directives
    from factcheck.text.document import Document

    find_directives(Document.from_text("x.html", text), "html", frozenset({"FC001"}), {})


def _suppressions(text: str) -> None:
    """A draft's suppression comments applied as ``lint`` applies them (unused ones
    reported too), to a finding of FC004 on every line."""
    from factcheck.check.checker import DocumentResult
    from factcheck.lint.linter import FileLinter, LintOptions
    from factcheck.model import Finding, Sentence, Verdict
    from factcheck.text.document import Document

    lines = range(1, text.count("\n") + 2)
    findings = [
        Finding("x.md", Sentence("A sentence.", 0, 11, n, 1, n, 12), Verdict.UNSUPPORTED, 0, "")
        for n in lines
    ]
    linter = FileLinter("x.md", LintOptions(report_unused_disables=True), 62.0)
    linter.add(Document.from_text("x.md", text), DocumentResult("x.md", findings, len(lines)))
    linter.finish()


def _quotes(text: str) -> None:
    from factcheck.check.quotes import find_quotes

    find_quotes(text)


def _attributions(text: str) -> None:
    from factcheck.check.speakers import find_attributions

    find_attributions(f"{text}{next(_FRESH)}")  # a text not seen before: matches are cached


_FRESH = itertools.count()


def _figures(text: str) -> None:
    """A sentence's figures, each "for the latter" read back to what it refers to."""
    from factcheck.figures.parse import parse_figures

    parse_figures(f"{text}{next(_FRESH)}")  # a text not seen before: figures are kept


def _include(pattern: str) -> None:
    from factcheck.lint.discover import matches

    # A pattern not seen before: compiled patterns are cached.
    matches("op-eds/draft.md", [f"{pattern}{next(_FRESH)}"], folders=False)


def _extract(text: str) -> None:
    from factcheck.db.extract import extract
    from factcheck.model import Source

    extract(text, Source("gl", "t", "Grassroots Leadership", "press release"), "x.txt")


_DATABASE_HEAD = (
    "version: 1\nsources:\n  - {id: s, title: t, publisher: P, external: true}\n"
    "speakers:\n  - {id: p, name: P, kind: organization}\nclaims:\n"
)


def _claims_file(n: int) -> str:
    """A database file of n claims, blank lines between them as in claims.yaml."""
    item = "\n  - id: c{0}\n    source: s\n    speaker: p\n    type: imported\n"
    item += "    claim: Claim number {0}.\n    passage: Claim number {0}.\n"
    return _DATABASE_HEAD + "".join(item.format(k) for k in range(n))


def _add_one(target: str) -> None:
    from pathlib import Path

    from factcheck.db.write import merge

    candidates = "version: 1\nclaims:\n  - {id: new, source: s, speaker: p, type: x}\n"
    existing = {"sources": {}, "speakers": {}, "claims": {}}
    # As `factcheck add` runs (factcheck.__main__): without the garbage collector,
    # whose passes over the YAML nodes grow with their number.
    gc.disable()
    try:
        merge(target, Path("claims.yaml"), candidates, Path("new.yaml"), existing)
    finally:
        gc.enable()


def _near_miss(passage: str) -> None:
    from factcheck.db.database import near_miss

    # The source holds the passage with every 50th letter changed: close, not verbatim.
    source = "".join("z" if k % 50 == 25 else c for k, c in enumerate(passage))
    near_miss(passage, "Some other text first. " + source + " And after.")


_WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu".split()


def _prose(n: int) -> str:
    """n characters of varied words, no two neighbours alike."""
    words, size, k = [], 0, 0
    while size < n:
        word = _WORDS[k % len(_WORDS)] + str(k % 97)
        words.append(word)
        size += len(word) + 1
        k += 1
    return " ".join(words)[:n]


# name -> (input of size n, what runs on it, the n the issue measured)
CASES: dict[str, tuple[Callable[[int], str], Callable[[str], None], int]] = {
    "periods-then-x": (lambda n: "Word " + "." * n + "x", lambda t: _segment(t, "text"), 50_000),
    "a-period-space": (lambda n: "a. " * n, lambda t: _segment(t, "text"), 100_000),
    "heading-spaces": (
        lambda n: "a" + " " * n + "b *c*",
        lambda t: _segment(t, "markdown"),
        80_000,
    ),
    "backticks": (lambda n: "a" + "`" * n + "b", lambda t: _segment(t, "markdown"), 40_000),
    "ignore-spaces": (lambda n: "<!-- factcheck-ignore" + " " * n, _directives, 40_000),
    "unclosed-disables": (lambda n: "<!-- factcheck-disable " * n, _directives, 4_000),
    "disable-enable-pairs": (
        lambda n: "<!-- factcheck-disable FC001 -->\n<!-- factcheck-enable FC002 -->\n" * n,
        _suppressions,
        3_000,
    ),
    "ignored-sentences": (
        lambda n: "A sentence. <!-- factcheck-ignore FC001 -->\n" * n,
        _suppressions,
        3_000,
    ),
    "include-brackets": (lambda n: "[" * n, _include, 40_000),
    "extract-quotes": (
        lambda n: "“We will not be intimidated by anyone,” Libal said. " * n,
        _extract,
        16_000,
    ),
    "add-into-claims": (_claims_file, _add_one, 20_000),
    "near-miss": (_prose, _near_miss, 16_000),
    "html-open-tags": (lambda n: "<a " * n, lambda t: _segment(t, "html"), 20_000),
    "html-open-quotes": (lambda n: '<a b="' * n, lambda t: _segment(t, "html"), 20_000),
    "html-quoted-brackets": (lambda n: "<a b='>' " * n, lambda t: _segment(t, "html"), 20_000),
    "html-open-comments": (lambda n: "<!--" * n, lambda t: _segment(t, "html"), 40_000),
    "html-open-end-tags": (lambda n: "</" * n, lambda t: _segment(t, "html"), 80_000),
    "html-open-sections": (lambda n: "<![CDATA[" * n, lambda t: _segment(t, "html"), 40_000),
    "single-quote-openers": (lambda n: " 'A" * n, _quotes, 40_000),
    "parenthesized-speakers": (lambda n: "Ab (xx) said " * n, _attributions, 20_000),
    "former-latter-figures": (lambda n: "412 for the latter, " * n, _figures, 4_000),
}


def timed(case: str, n: int) -> float:
    """Seconds for one run of a case at size n (the best of three short runs).

    The cyclic garbage collector is off while a run is timed: its full collections
    walk every object of the process, so inside a large one (the test suite's) a run
    that makes many objects pays for the whole heap, not for its input, and a linear
    case measured 11 times slower at 4n (tests/test_linear_time.py, in a full run).
    """
    build, run, _ = CASES[case]
    text = build(n)
    best = float("inf")
    for _ in range(3):
        enabled = gc.isenabled()
        gc.disable()
        try:
            started = time.perf_counter()
            run(text)
            best = min(best, time.perf_counter() - started)
        finally:
            if enabled:
                gc.enable()
        if best > 1:
            break
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, help="the size for every case (default: the issue's)")
    parser.add_argument("cases", nargs="*", default=list(CASES))
    args = parser.parse_args()
    _segment("warm up. The imports.", "markdown")
    width = max(map(len, ["case", *args.cases]))
    print(f"{'case':{width}} {'n':>8} {'t(n)':>9} {'t(4n)':>9} {'ratio':>6}")
    for case in args.cases:
        n = args.n or CASES[case][2]
        small, large = timed(case, n), timed(case, 4 * n)
        print(f"{case:{width}} {n:>8} {small:>8.3f}s {large:>8.3f}s {large / small:>6.1f}")


if __name__ == "__main__":
    main()
