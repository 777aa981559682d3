"""``factcheck search``: one query or a file of them, as a table, JSON or JSON Lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

from conftest import CLAIMS, ROOT

runner = CliRunner()
DB = ["--db", str(CLAIMS)]


def test_a_query_prints_a_table_best_first():
    result = runner.invoke(app, ["search", "52 percent of federal prosecutions in 2016", *DB])
    assert result.exit_code == 0
    assert "gl-2017-04-11-prosecutions-s" in result.stdout and "score" in result.stdout
    assert result.stdout.index("1 ") < result.stdout.index("5 ")


def test_json_gives_scores_and_full_claims():
    result = runner.invoke(
        app, ["search", "private prison corporations", "-k", "3", "-f", "json", *DB]
    )
    document = json.loads(result.stdout)
    assert document["query"] == "private prison corporations"
    assert [r["rank"] for r in document["results"]] == [1, 2, 3]
    scores = [r["score"] for r in document["results"]]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 100 for s in scores)
    assert document["results"][0]["claim"]["id"] == document["results"][0]["claim_id"]


def test_jsonl_is_one_result_a_line():
    result = runner.invoke(app, ["search", "Libal", "--top-k", "2", "--format", "jsonl", *DB])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["rank"] for line in lines] == [1, 2]


def test_queries_file_gives_one_json_line_per_query(tmp_path, golden):
    queries = tmp_path / "queries.tsv"
    queries.write_text(
        "id\ttext\n"
        "q1\tSessions wants more immigration prosecutions\n"
        "\n"
        "q2\tBob Libal says private prisons win\n"
        "Grassroots Leadership and the “new era” memo\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["search", "--queries", str(queries), "--top-k", "3", *DB])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query_id"] for line in lines] == ["q1", "q2", "5"]
    assert all(len(line["results"]) == 3 for line in lines)
    assert set(lines[0]["results"][0]) == {"claim_id", "score"}
    golden("search-queries.jsonl", result.stdout)


def test_queries_as_json_and_table(tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text("memo\nprivate prisons\n", encoding="utf-8")
    as_json = runner.invoke(app, ["search", "-q", str(queries), "-f", "json", "-k", "1", *DB])
    assert [q["query_id"] for q in json.loads(as_json.stdout)] == ["1", "2"]
    table = runner.invoke(app, ["search", "-q", str(queries), "-f", "table", *DB])
    assert "memo" in table.stdout and "private prisons" in table.stdout


def test_no_shared_word_is_an_empty_result():
    result = runner.invoke(app, ["search", "zzzz qqqq", "-f", "json", *DB])
    assert json.loads(result.stdout)["results"] == []
    table = runner.invoke(app, ["search", "zzzz qqqq", *DB])
    assert "no claim shares a word with the query" in table.stdout


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        ([], None, "give a QUERY or --queries FILE"),
        (["text", "--queries", "Q"], "a\n", "give QUERY or --queries, not both"),
        (["  "], None, "the query is empty"),
        (["--queries", "Q"], "\n\n", "Q: no queries in the file (one query a line)"),
        (["--queries", "Q"], "q1\t \n", "Q:1: query 'q1' has no text"),
        (["--queries", "missing.tsv"], None, "missing.tsv: no such file"),
        (["text", "--encoding", "latin-1"], None, "--encoding and --errors are only used with"),
        (["--queries", "Q", "--errors", "bogus"], "a\n", "unknown --errors policy 'bogus'"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(tmp_path, monkeypatch, args, content, message):
    monkeypatch.chdir(tmp_path)
    if content is not None:
        (tmp_path / "Q").write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["search", *args, *DB])
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_a_queries_file_takes_encoding_and_errors_as_its_error_says(tmp_path, monkeypatch):
    """The hint on a bad byte names --encoding and --errors, which search did not have."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "q.tsv").write_bytes(b"q1\tcaf\xe9 immigration prosecutions\n")
    refused = runner.invoke(app, ["search", "--queries", "q.tsv", *DB])
    assert refused.exit_code == 2
    assert refused.stderr == (
        "factcheck: error: q.tsv: invalid utf-8 at byte 6 (line 1) "
        "(pass --encoding, or --errors replace to check it anyway)\n"
    )
    latin = runner.invoke(app, ["search", "--queries", "q.tsv", "--encoding", "latin-1", *DB])
    replaced = runner.invoke(app, ["search", "--queries", "q.tsv", "--errors", "replace", *DB])
    assert latin.exit_code == replaced.exit_code == 0
    assert json.loads(latin.stdout)["query_id"] == json.loads(replaced.stdout)["query_id"] == "q1"


def test_search_through_the_console_script_streams_many_queries(tmp_path):
    queries = tmp_path / "q.tsv"
    queries.write_text("".join(f"{n}\tfederal prosecutions {n}\n" for n in range(300)))
    command = [sys.executable, "-m", "factcheck", "search", "--queries", str(queries), *DB]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 300


def test_a_read_only_cache_folder_warns_once_and_still_answers(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    command = [sys.executable, "-m", "factcheck", "search", "memo", "-f", "jsonl", *DB]
    env = {"FACTCHECK_CACHE_DIR": str(blocker / "cache"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0 and done.stdout
    assert done.stderr.startswith("factcheck: warning: cache not written")
    assert done.stderr.count("\n") == 1


def test_importing_the_cli_loads_no_heavy_module():
    code = (
        "import sys, factcheck.cli; "
        "print(sorted(m for m in ('rapidfuzz', 'yaml', 'markdown_it') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_a_piped_table_is_one_whole_row_a_line():
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "search", "immigration prosecutions 2016",
         "--top-k", "2", *DB],
        capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "60"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    query, header, *rows = result.stdout.splitlines()
    assert query == "query: immigration prosecutions 2016"
    assert header.split() == ["#", "score", "id", "claim", "speaker"]
    assert len(rows) == 2 and rows[0].startswith("1  ")
    assert "gl-2017-04-11-prosecutions-share-2016" in result.stdout  # never folded
