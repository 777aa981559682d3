"""``factcheck import``: CSV, TSV and JSON Lines into a database any command can use."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.db.database import load_database

from conftest import ROOT

runner = CliRunner()

ROWS = [
    {
        "id": "c1",
        "claim": "Drinking “hot water” cures the flu — doctors agree.",
        "title": "Does Hot Water Cure the Flu?",
        "who": "Dr. Ann Example",
        "date": "2020-01-06",
        "url": "https://example.org/hot-water",
    },
    {
        "id": "c2",
        "claim": "The moon landing\u00a0was staged in a studio.",
        "title": "Was the Moon Landing Faked?",
        "who": "Bob Sample",
        "date": "2019-07-20",
        "url": "https://example.org/moon",
    },
]


def write(tmp_path, fmt: str):
    path = tmp_path / f"claims.{fmt}"
    if fmt == "jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
        return path
    sep = "\t" if fmt == "tsv" else ","
    lines = [sep.join(ROWS[0])]
    for row in ROWS:
        values = row.values()
        lines.append(sep.join(f'"{v}"' if fmt == "csv" else v for v in values))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_args(source, out, *extra: str) -> list[str]:
    return [
        "import",
        str(source),
        "--id-field",
        "id",
        "--text-field",
        "claim",
        "-o",
        str(out),
        *extra,
    ]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl"])
def test_every_format_imports_into_a_loadable_database(tmp_path, fmt):
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, import_args(write(tmp_path, fmt), out, "--title-field", "title"))
    assert result.exit_code == 0, result.output
    assert "imported 2 claims (1 source, 1 speaker)" in result.stderr
    database = load_database(out)
    first = database.claims[0]
    assert first.id == "c1" and first.claim == ROWS[0]["claim"] and first.passage == first.claim
    assert first.title == "Does Hot Water Cure the Flu?"
    assert first.source.external and first.source.text is None
    assert database.claims[1].claim == "The moon landing was staged in a studio."  # NBSP folded


def test_speaker_url_and_date_fields_make_speakers_and_sources(tmp_path):
    out = tmp_path / "out.yaml"
    extra = ["--speaker-field", "who", "--url-field", "url", "--date-field", "date"]
    extra += ["--publisher", "Example Checks", "--id-prefix", "ex-"]
    result = runner.invoke(app, import_args(write(tmp_path, "jsonl"), out, *extra))
    assert result.exit_code == 0, result.output
    database = load_database(out)
    first, second = database.claims
    assert (first.id, second.id) == ("ex-c1", "ex-c2")
    assert first.speaker.name == "Dr. Ann Example" and second.speaker.name == "Bob Sample"
    assert first.source.url == "https://example.org/hot-water" and first.source.date.year == 2020
    assert first.source.publisher == "Example Checks" and first.source is not second.source


def test_speakers_whose_names_slug_alike_get_ids_of_their_own(tmp_path):
    """Two names of no ASCII letters once shared an id: the written database did not load.
    'J. Smith' and 'J Smith' are one name (``speakers.name_key``): one speaker."""
    source = tmp_path / "Révisions.csv"
    rows = [("1", "J. Smith"), ("2", "J Smith"), ("3", "東京"), ("4", "大阪"), ("5", "José Peña")]
    lines = ["id,claim,who", *(f"{n},Claim number {n} is true,{who}" for n, who in rows)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, import_args(source, out, "--speaker-field", "who"))
    assert result.exit_code == 0, result.output
    ids = [claim.speaker.id for claim in load_database(out).claims]
    expected = ["j-smith", "j-smith", "x", "x-2", "jose-pena"]
    assert ids == [f"revisions-{i}" for i in expected]


def test_imported_claims_are_searched_and_verified_by_their_title(tmp_path):
    out = tmp_path / "out.yaml"
    runner.invoke(app, import_args(write(tmp_path, "tsv"), out, "--title-field", "title"))
    found = runner.invoke(app, ["search", "--db", str(out), "moon landing faked", "-f", "jsonl"])
    assert found.exit_code == 0
    assert json.loads(found.stdout.splitlines()[0])["claim_id"] == "c2"
    draft = tmp_path / "draft.txt"
    draft.write_text("Hot water cures the flu, doctors agree.\n", encoding="utf-8")
    verified = runner.invoke(app, ["verify", "--db", str(out), str(draft), "-f", "json"])
    finding = json.loads(verified.stdout)["findings"][0]
    assert finding["verdict"] == "supported" and finding["claim"]["id"] == "c1"


def test_import_through_the_console_script(tmp_path):
    out = tmp_path / "out.yaml"
    command = [sys.executable, "-m", "factcheck", *import_args(write(tmp_path, "csv"), out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(load_database(out).claims) == 2


@pytest.mark.parametrize(
    ("content", "name", "extra", "message"),
    [
        ('{"id": "1", "claim": "x"}\n{"id": "1", "claim": "y"}\n', "a.jsonl", [],
         "a.jsonl:2: duplicate id '1' (first seen on line 1)"),
        ('{"id": "1", "claim": "  "}\n', "a.jsonl", [], "a.jsonl:1: empty claim text"),
        ('{"id": "1", "claim": "x"}\n{oops\n', "a.jsonl", [], "a.jsonl:2: invalid JSON"),
        ('["a list"]\n', "a.jsonl", [], "a.jsonl:1: each line must be a JSON object"),
        ("id,text\n1,x\n", "a.csv", [], "a.csv:2: no field 'claim' (--text-field) "
         "(fields here: id, text)"),
        ("id,claim\n1,x,extra\n", "a.csv", [], "a.csv:2: row has more fields than the header"),
        ("id,claim\n", "a.csv", [], "a.csv: no claims to import"),
        ("id,claim,d\n1,x,June 5\n", "a.csv", ["--date-field", "d"],
         "a.csv:2: date 'June 5' is not YYYY-MM-DD"),
        ("id,claim\n1,x\n", "a.txt", [], "cannot tell the format of a.txt"),
        ("id,claim\n1,x\n", "a.csv", ["--input-format", "xml"], "unknown input format 'xml'"),
        (b"id,claim\n1,\xff\n", "a.csv", [], "a.csv: invalid UTF-8 at byte 11 (save it as UTF-8)"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(tmp_path, content, name, extra, message):
    source = tmp_path / name
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content, encoding="utf-8")
    result = runner.invoke(app, import_args(source, tmp_path / "out.yaml", *extra))
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "out.yaml").exists()


def test_output_dash_prints_the_database(tmp_path, monkeypatch):
    """``-o -`` wrote a file named "-"; it is stdout, as for ``lint --output -``."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, import_args(write(tmp_path, "csv"), "-"))
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "-").exists()
    assert result.stderr == "factcheck: imported 2 claims (1 source, 1 speaker) to stdout\n"
    (tmp_path / "printed.yaml").write_text(result.stdout, encoding="utf-8")
    assert len(load_database(tmp_path / "printed.yaml").claims) == 2


def test_the_output_may_not_be_the_input(tmp_path):
    source = write(tmp_path, "csv")
    result = runner.invoke(app, import_args(source, source))
    assert result.exit_code == 2 and "the output would overwrite the input" in result.stderr


def test_a_missing_input_file_is_an_error(tmp_path):
    result = runner.invoke(app, import_args(tmp_path / "none.csv", tmp_path / "out.yaml"))
    assert result.exit_code == 2 and "cannot read" in result.stderr


def test_yaml_strings_survive_any_text():
    import yaml

    from factcheck.db.importer import yaml_string

    for text in [
        "a\u2028b",
        "tab\there",
        'quote " and \\',
        "\x85nel",
        "émoji 😀",
        "\x7fdel",
        "#x: y",
    ]:
        assert yaml.safe_load(f"v: {yaml_string(text)}")["v"] == text


def test_claims_json_and_yaml_keep_an_imported_claims_title(tmp_path):
    """Regression: ``claims --format json`` dropped the title ``search`` showed
    (each writer listed a claim's fields by hand)."""
    out = tmp_path / "out.yaml"
    runner.invoke(app, import_args(write(tmp_path, "tsv"), out, "--title-field", "title"))
    titled = {c.id: c.title for c in load_database(out).claims if c.title}
    assert titled
    listed = runner.invoke(app, ["claims", "--db", str(out), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    shown = {c["id"]: c.get("title") for c in json.loads(listed.stdout)}
    assert {k: shown[k] for k in titled} == titled
    as_yaml = runner.invoke(app, ["claims", "--db", str(out), "--format", "yaml"])
    assert all(f"title: {title}" in as_yaml.stdout for title in titled.values())


def test_the_imported_file_is_cached_as_written_without_a_second_parse(tmp_path, monkeypatch):
    """import validates what it writes, then indexes and caches that database rather
    than parse the file again; the entry answers the next run and equals a fresh load."""
    from factcheck.db import cache, database

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    out = tmp_path / "out.yaml"
    parses = []
    real = database.read_database
    monkeypatch.setattr(
        database, "read_database", lambda *a, **k: parses.append(1) or real(*a, **k)
    )
    result = runner.invoke(app, import_args(write(tmp_path, "tsv"), out, "--title-field", "title"))
    assert result.exit_code == 0, result.output
    assert len(parses) == 1  # the check before writing; the cache reused its database
    loaded = cache.load_indexed(out)
    fresh = load_database(out)
    assert loaded.from_cache
    assert list(loaded.database.claims) == list(fresh.claims)
    assert loaded.database._replace(claims=()) == fresh._replace(claims=())


@pytest.mark.parametrize(
    ("option", "value", "shown"),
    [("--publisher", "Acme\x01", "U+0001"), ("--id-prefix", "x\udcff-", "U+DCFF")],
)
def test_an_option_that_is_no_text_is_refused_before_the_import(tmp_path, option, value, shown):
    """A control character or a lone surrogate made a file that did not load."""
    (tmp_path / "in.tsv").write_text("id\ttext\na\tIn 2016, 52 percent.\n", encoding="utf-8")
    args = ["import", str(tmp_path / "in.tsv"), "-o", str(tmp_path / "out.yaml")]
    extra = {"--publisher": "Acme", option: value}
    result = runner.invoke(app, [*args, *(x for kv in extra.items() for x in kv)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: {option} holds a character that is not text ({shown}) "
        f"(give {option} in plain text)\n"
    )
    assert not (tmp_path / "out.yaml").exists()
