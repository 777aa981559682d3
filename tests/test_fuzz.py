"""A seeded fuzzer over the inputs around a draft: drafts, databases, configs,
candidates for ``add``, tables for ``import``, lint baselines and cache entries.

Each case mutates a good input (cut, duplicate or swap lines, splice in
hostile values: huge numbers, NaN, NULs, lists where text goes, YAML tags,
deep nesting, long runs of one character) and runs a real command on it in
this process. Whatever the input, the contract holds: exit 0, 1 or 2 (never
70, an internal error), no traceback, an error on one line, no hang; and a
writer's target is the old file or a new one that loads, never half of one,
with no temporary file left. The default run is short (``CASES`` a surface);
``pytest -m fuzz`` runs the long profile, and ``FACTCHECK_FUZZ_SEED`` replays
another seed.
"""

from __future__ import annotations

import os
import random
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.cli import main

from conftest import CLAIMS, GOOD_DATABASE, RELEASE, ROOT, payload_of

CASES = 100  # a surface, in the default run
LONG_CASES = 3400  # a surface, with -m fuzz: 23,800 in all
SEED = int(os.environ.get("FACTCHECK_FUZZ_SEED", "17"))
CASE_SECONDS = 20
Check = Callable[[int], "str | None"]  # what is wrong with a writer's target after the run
Case = list[str] | tuple[list[str], Check]

HOSTILE = [
    "9" * 400, "-" + "9" * 5000, ".nan", ".inf", "-.inf", "1e999", "0x1F", "~", "null", "''",
    '"\\0"', '"a\\0b"', "[]", "{}", "[[[[[[[[]]]]]]]]", "[1, [2, [3]]]", '!!float ""',
    '!!int ""', "!!binary aGk=", "!!timestamp x", "!!str", "&a x", "*a", "? [1]", "true",
    "2017-13-45", '"' + "x" * 5000 + '"', "“curly”", "\t", "- x", ": x", "|", ">", "'''",
    '"\\ud800"', "{text: [1]}", "{value: [1]}", "-1", "0", "1000000000000",
]  # fmt: skip
DRAFT_TOKENS = [
    "<!--", "-->", "<!-- factcheck-ignore", "<!-- factcheck-disable FC999 -->", "```", "`",
    "# ", "> ", "- ", "|", "---", "\0", "\r", "\r\n", "\ufeff", "\u2028", "“", "”", '"',
    "52 percent", "412,240", "$2.1 billion", "U.S.", "Sessions said", "." * 50, " " * 50,
    "[" * 20, "*" * 20, "<script>", "&amp;", "\x1b[31m", "\udcff", "😀",
]  # fmt: skip
CONFIG_LINES = [
    'db = "claims.yaml"', 'db = "~nosuchuser/x"', 'db = ""', "db = 1", "threshold = 50",
    "threshold = nan", "threshold = inf", "threshold = -1", "threshold = 1e400",
    "threshold = " + "9" * 5000, 'include = ["*.md"]', 'include = ["' + "[" * 200 + '"]',
    "include = []", 'exclude = ["archive"]', 'fail-on = "warning"', 'fail-on = "sometimes"',
    'min-severity = "info"', "[severity]", 'FC004 = "off"', 'FC999 = "error"', "FC001 = 3",
    "x = " + "[" * 500 + "]" * 500, "[tool.factcheck]", "[[a]]", "= x", '"\\ud800" = 1',
    "a = { b = { c = { d = 1 } } }", "\0", "'''",
]  # fmt: skip
# The shared small database, with an alias and tags for the mutations to break.
DATABASE = (
    GOOD_DATABASE.replace(
        "    kind: organization\n", "    kind: organization\n    aliases: [Grassroots]\n"
    )
    + "    tags: [prosecutions]\n"
)
SENTENCE = "In 2016, 52 percent of federal prosecutions involved immigration offenses.\n"


def mutate_lines(rng: random.Random, text: str, values: list[str]) -> str:
    """A few line edits: delete, duplicate, swap, or splice a value into a line."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        index = rng.randrange(len(lines))
        action = rng.randrange(5)
        if action == 0 and len(lines) > 1:
            del lines[index]
        elif action == 1:
            lines.insert(index, lines[index])
        elif action == 2:
            other = rng.randrange(len(lines))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == 3:
            line = lines[index]
            cut = line.find(":") + 1 or rng.randint(0, len(line))
            lines[index] = line[:cut] + " " + rng.choice(values)
        else:
            lines.insert(index, rng.choice(values))
    return "\n".join(lines)


def mutate_text(rng: random.Random, text: str) -> str:
    """A few character edits: cut, splice a token, repeat a piece, or flip a character."""
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(text))
        action = rng.randrange(4)
        if action == 0:
            text = text[:at] + text[at + rng.randint(1, 200) :]
        elif action == 1:
            text = text[:at] + rng.choice(DRAFT_TOKENS) * rng.choice((1, 1, 3, 100)) + text[at:]
        elif action == 2:
            text = text[:at] + text[at : at + rng.randint(1, 40)] * rng.randint(2, 50) + text[at:]
        elif text:
            at = min(at, len(text) - 1)
            char = chr(rng.choice((0, 7, 0x85, 0xA0, 0x2029, rng.randint(1, 0x2FFFF))))
            text = text[:at] + char + text[at + 1 :]
    return text


def _database_case(rng: random.Random, folder: Path) -> list[str]:
    (folder / "sources").mkdir()
    (folder / "sources" / RELEASE.name).write_bytes(RELEASE.read_bytes())
    db = folder / "claims.yaml"
    db.write_text(mutate_lines(rng, DATABASE, HOSTILE), encoding="utf-8", errors="surrogatepass")
    command = rng.choice(["verify", "validate", "claims", "lint"])
    if command == "validate":
        return ["validate", "--db", str(db)]
    if command == "claims":
        return ["claims", "--db", str(db)]
    draft = folder / "draft.md"
    draft.write_text(SENTENCE, encoding="utf-8")
    return [command, "--db", str(db), str(draft)]


DRAFTS = sorted((ROOT / "examples").glob("*.md")) + sorted((ROOT / "tests" / "cases").glob("*.md"))


def _draft_case(rng: random.Random, folder: Path) -> list[str]:
    base = rng.choice(DRAFTS).read_text(encoding="utf-8") if DRAFTS else SENTENCE * 10
    text = mutate_text(rng, base[: rng.randint(0, 3000)])
    suffix = rng.choice([".md", ".txt", ".html"])
    draft = folder / f"draft{suffix}"
    draft.write_bytes(text.encode("utf-8", errors=rng.choice(["replace", "surrogatepass"])))
    command = rng.choice(["verify", "lint"])
    formats = ["text", "json", "jsonl"] if command == "verify" else ["text", "json", "sarif"]
    return [command, "--db", str(CLAIMS), "--format", rng.choice(formats), str(draft)]


def _config_case(rng: random.Random, folder: Path) -> list[str]:
    config = "\n".join(rng.choice(CONFIG_LINES) for _ in range(rng.randint(1, 6)))
    (folder / ".factcheck.toml").write_bytes(
        config.encode("utf-8", errors="surrogatepass") if rng.random() < 0.9 else b"\xff\xfe"
    )
    if rng.random() < 0.3:
        (folder / "claims.yaml").write_bytes(CLAIMS.read_bytes())
    draft = folder / "draft.md"
    draft.write_text(SENTENCE, encoding="utf-8")
    if rng.random() < 0.3:
        return ["config", str(draft)]
    return ["lint", str(draft)]


# A claim of the database again under a new id, its speaker reused.
CANDIDATES = "version: 1\n" + GOOD_DATABASE[GOOD_DATABASE.index("speakers:") :].replace(
    "id: share-2016", "id: share-2016-again"
)
ITEMS = ["[foo]", "[1, 2]", "- 1", "- [x]", "- {id: 5}", "  - foo", "claims: 3", "sources: [x]"]
OLD_OUTPUT = b"version: 1\n# the previous import, to be kept byte for byte on failure\n"


def _database_folder(folder: Path) -> Path:
    (folder / "sources").mkdir()
    (folder / "sources" / RELEASE.name).write_bytes(RELEASE.read_bytes())
    db = folder / "claims.yaml"
    db.write_text(DATABASE, encoding="utf-8")
    return db


def _old_or_new(target: Path, before: bytes, loadable: bool = True) -> Check:
    """A writer's contract: on failure the old bytes; on success a database that
    loads; never a temporary file left beside it."""

    def check(code: int) -> str | None:
        left = [p.name for p in target.parent.iterdir() if ".factcheck-" in p.name]
        if left:
            return f"left behind: {left}"
        after = target.read_bytes() if target.exists() else b""
        if code != 0:
            return None if after == before else "a failed write changed the target"
        if loadable:
            from factcheck.db.database import load_database
            from factcheck.errors import FactcheckError

            try:
                load_database(target)
            except FactcheckError as error:
                return f"wrote a database that does not load: {error}"
        return None

    return check


def _candidates_case(rng: random.Random, folder: Path) -> Case:
    db = _database_folder(folder)
    candidates = folder / "draft.yaml"
    text = mutate_lines(rng, CANDIDATES, HOSTILE + ITEMS)
    candidates.write_text(text, encoding="utf-8", errors="surrogatepass")
    return ["add", str(candidates), "--into", str(db)], _old_or_new(db, db.read_bytes())


def _cell(rng: random.Random) -> str:
    return rng.choice([
        "In 2016, 52 percent of prosecutions involved immigration.", "", " ", "x" * 140_000,
        '"', '""', "a,b", "a\tb", "line\nbreak", "\0", "\ufeff", "“curly”", "\u2028",
        "9" * 5000, "2017-13-45", "2017-04-11", "https://example.org/a", "J. Smith", "J Smith",
    ])  # fmt: skip


def _json_value(rng: random.Random) -> str:
    import json

    return rng.choice([
        json.dumps(_cell(rng)), '"\\ud800"', '"a\\udfffb"', "1" + "0" * 4400, "1e999",
        "[" * 5000 + "]" * 5000, '{"a": ' * 3000 + "1" + "}" * 3000, "null", "true", "[1, 2]",
        '{"x": "y"}', "-0", "NaN",
    ])  # fmt: skip


def _import_case(rng: random.Random, folder: Path) -> Case:
    fmt = rng.choice(["csv", "tsv", "jsonl"])
    rows = []
    for number in range(rng.randint(1, 6)):
        if fmt == "jsonl":
            fields = {"id": f'"c{number}"', "text": _json_value(rng), "who": _json_value(rng)}
            if rng.random() < 0.5:
                fields["id"] = _json_value(rng)
            line = "{" + ", ".join(f'"{k}": {v}' for k, v in fields.items()) + "}"
            rows.append(line if rng.random() < 0.9 else line[: rng.randint(0, len(line))])
        else:
            sep = "," if fmt == "csv" else "\t"
            rows.append(sep.join([f"c{number}", _cell(rng), _cell(rng)]))
    header = "" if fmt == "jsonl" else ("," if fmt == "csv" else "\t").join(["id", "text", "who"])
    table = folder / f"claims.{fmt}"
    table.write_text("\n".join([header, *rows]), encoding="utf-8", errors="surrogatepass")
    output = folder / "imported.yaml"
    output.write_bytes(OLD_OUTPUT)
    args = ["import", str(table), "-o", str(output), "--id-field", "id", "--text-field", "text"]
    if rng.random() < 0.5:
        args += ["--speaker-field", "who"]
    return args, _old_or_new(output, OLD_OUTPUT)


BASELINE_VALUES = [
    '"x"', "1", "[]", "{}", "null", "9" * 5000, "[" * 100_000, '"\\ud800"', "-1", "1e999",
    '{"path": 1}', '[{"path": "draft.md"}]', '[{"path": "draft.md", "fingerprint": "f"}]',
]  # fmt: skip


def _baseline_case(rng: random.Random, folder: Path) -> list[str]:
    good = '{"version": 1, "tool": "factcheck", "results": [{"path": "draft.md", ' + (
        '"rule": "FC004", "fingerprint": "abc", "line": 1, "sentence": "s"}]}'
    )
    text = good
    for _ in range(rng.randint(1, 3)):
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice(BASELINE_VALUES) + text[at + rng.randint(0, 20) :]
    baseline = folder / "baseline.json"
    baseline.write_text(text, encoding="utf-8", errors="surrogatepass")
    draft = folder / "draft.md"
    draft.write_text(SENTENCE, encoding="utf-8")
    return ["lint", "--db", str(CLAIMS), "--baseline", str(baseline), str(draft)]


CACHE_VALUES = [None, 0, -1, 5, 2**70, 1.5, "", "x", b"x", (), [], {}, ("x",), [("x",)], {"x": 1}]


def _mutate_plain(rng: random.Random, value: object, depth: int = 0) -> object:
    """The payload with one value somewhere in it replaced by a hostile one."""
    if depth > 6 or rng.random() < 0.15:
        return rng.choice(CACHE_VALUES)
    if isinstance(value, dict) and value:
        key = rng.choice(list(value))
        return {**value, key: _mutate_plain(rng, value[key], depth + 1)}
    if isinstance(value, list | tuple) and value:
        at = rng.randrange(len(value))
        items = list(value)
        items[at] = _mutate_plain(rng, items[at], depth + 1)
        return type(value)(items)
    return rng.choice(CACHE_VALUES)


def _cache_case(rng: random.Random, folder: Path) -> list[str]:
    """An entry damaged on disk (its MAC then fails) or, as if the user's secret
    had leaked or our writer had a bug, re-signed after a change to its payload."""

    from factcheck.db import cache

    db = _database_folder(folder)
    os.environ["FACTCHECK_CACHE_DIR"] = str(folder / "cache")
    cache.load_indexed(db)
    (entry,) = (folder / "cache").glob("*.cache")
    data = entry.read_bytes()
    header, payload = data[: cache._HEADER], data[cache._HEADER : -32]
    if rng.random() < 0.3:
        at = rng.randrange(len(data))
        data = data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :]
        entry.write_bytes(data[: rng.randint(0, len(data))] if rng.random() < 0.3 else data)
    else:
        broken = payload_of(_mutate_plain(rng, cache.unpacked(payload)))
        key = header[len(cache.MAGIC) : len(cache.MAGIC) + 32]
        secret = (folder / "cache" / cache.SECRET).read_bytes()
        entry.write_bytes(cache.MAGIC + key + broken + cache._mac(secret, key, broken))
    draft = folder / "draft.md"
    draft.write_text(SENTENCE + "Bob Libal said the memo was wrong.\n", encoding="utf-8")
    command = rng.choice(["verify", "lint", "claims", "search", "speakers"])
    if command in ("claims", "speakers"):
        return [command, "--db", str(db)]
    if command == "search":
        return ["search", "--db", str(db), "52 percent prosecutions"]
    return [command, "--db", str(db), "--format", rng.choice(["text", "json"]), str(draft)]


SURFACES: dict[str, Callable[[random.Random, Path], Case]] = {
    "drafts": _draft_case,
    "databases": _database_case,
    "configs": _config_case,
    "candidates": _candidates_case,
    "imports": _import_case,
    "baselines": _baseline_case,
    "cache": _cache_case,
}


def _timeout(_signum, _frame):
    raise TimeoutError("a fuzz case hung")


def run_case(surface: str, number: int, folder: Path, capsys) -> str | None:
    """What is wrong with one case's handling (None when the contract holds).

    The case runs through ``cli.main``, the console script's own exit path,
    in this process (a process a case would cost 0.3 s of start-up)."""
    rng = random.Random(f"{SEED}-{surface}-{number}")
    folder.mkdir()
    made = SURFACES[surface](rng, folder)
    args, check = made if isinstance(made, tuple) else (made, None)
    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(CASE_SECONDS)
    try:
        code = main(args)
    except BaseException as error:  # main lets nothing through but a hang's TimeoutError
        return f"{type(error).__name__}: {error} ({args})"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        stderr = capsys.readouterr().err
    if code not in (0, 1, 2):
        return f"exit {code}: {stderr[-300:]} ({args})"
    if "Traceback" in stderr:
        return "a traceback on stderr"
    if code == 2 and stderr.count("\n") != 1:
        return f"an error of {stderr.count(chr(10))} lines: {stderr[-300:]}"
    return check(code) if check is not None else None


def _fuzz(surface: str, cases: int, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    # The cache surface points it at each case's own folder; restored after.
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", os.environ.get("FACTCHECK_CACHE_DIR", ""))
    mishandled = {}
    for number in range(cases):
        problem = run_case(surface, number, tmp_path / str(number), capsys)
        if problem is not None:
            mishandled[number] = problem
    assert not mishandled, (
        f"{len(mishandled)} of {cases} {surface} cases mishandled (seed {SEED}): "
        + "; ".join(f"#{n}: {p}" for n, p in list(mishandled.items())[:5])
    )


@pytest.mark.parametrize("surface", list(SURFACES))
def test_fuzz_short(surface, tmp_path, monkeypatch, capsys):
    _fuzz(surface, CASES, tmp_path, monkeypatch, capsys)


@pytest.mark.fuzz
@pytest.mark.parametrize("surface", list(SURFACES))
def test_fuzz_long(surface, tmp_path, monkeypatch, capsys):
    _fuzz(surface, LONG_CASES, tmp_path, monkeypatch, capsys)
