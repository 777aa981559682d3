"""`factcheck verify` end to end: inputs, formats, exit codes and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

from conftest import CLAIMS, ROOT

EXACT = (
    "In 2016, 52 percent of all federal criminal prosecutions involved "
    "immigration-related offenses."
)
WRONG = EXACT.replace("52 percent", "25 percent")
runner = CliRunner()


def invoke(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, ["verify", "--db", str(CLAIMS), *args], input=input)


def run(*args: str, input: bytes | None = None, cwd=None, env=None):
    """The real console entry point in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        input=input,
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=60,
    )


def test_stdin_supported_prints_passage_figure_and_attribution():
    result = invoke(input=EXACT + "\n")
    assert result.exit_code == 0, result.output
    assert "✓ supported" in result.output
    assert "52 percent" in result.output
    assert "Grassroots Leadership" in result.output
    assert "<stdin>:1:1" in result.output
    assert "1 supported" in result.output


@pytest.mark.parametrize(
    "draft",
    [
        "The group's 2016 book, *Indefensible*, co-published with Justice Strategies, argues "
        "that prosecuting migrants for just two crimes has had profound impacts on the federal "
        "courts and prisons.",  # the italics leave a space before the comma, masked
        "<p>The group's 2016 book, Indefensible, argues that prosecuting migrants for just two "
        "crimes has had profound impacts on the federal courts and prisons.</p>",
    ],
)
def test_markup_around_a_speakers_name_is_read_as_the_words(draft):
    """Markdown on stdin: an emphasized name in an appositive and a paragraph in HTML tags
    read as the plain sentence (they were 'unsupported' and '0 sentences')."""
    result = invoke("--format", "json", input=draft + "\n")
    assert result.exit_code == 0, result.output
    [finding] = json.loads(result.output)["findings"]
    assert finding["verdict"] == "supported"
    assert finding["claim"]["id"] == "gl-2017-04-11-two-crimes-profound-impacts"


def test_figure_mismatch_exits_1():
    result = invoke(input=WRONG)
    assert result.exit_code == 1
    assert "figure mismatch" in result.output


def test_json_contract_fields(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(f"# Title\n\nIntro here. {EXACT}\n", encoding="utf-8")
    result = invoke(str(draft), "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    finding = document["findings"][0]
    for key in ("path", "line", "column", "end_line", "end_column", "sentence", "verdict",
                "score", "message", "claim"):  # fmt: skip
        assert key in finding
    assert (finding["line"], finding["column"]) == (3, 13)
    assert finding["verdict"] == "supported"
    assert 0 <= finding["score"] <= 100
    for key in ("id", "speaker", "passage", "figures", "source"):
        assert key in finding["claim"]
    assert document["summary"]["verdicts"]["supported"] == 1


def test_jsonl_one_finding_per_line():
    result = invoke("--format", "jsonl", input=f"{EXACT}\n\n{WRONG}\n")
    lines = result.output.splitlines()
    assert [json.loads(line)["verdict"] for line in lines] == ["supported", "figure-mismatch"]


def test_all_lists_unchecked_sentences():
    result = invoke("--all", "--format", "jsonl", input="The weather was fine today.")
    assert json.loads(result.output)["verdict"] == "unchecked"
    assert invoke("--format", "jsonl", input="The weather was fine today.").output == ""


def test_a_posts_signature_is_checked_for_nothing_and_its_post_without_it():
    """A pasted tweet: its signature's date agrees or clashes with no claim's; the post is
    checked without it, and reported whole (its columns reach the signature's end)."""
    draft = (
        "— Donald J. Trump (@realDonaldTrump) February 25, 2017\n\n"
        "Sessions was confirmed as attorney general in February 2017 — Ana Ruiz (@anaruiz) "
        "February 4, 2016\n"
    )
    result = invoke("--all", "--format", "jsonl", input=draft)
    signature, post = map(json.loads, result.output.splitlines())
    assert (signature["verdict"], signature["message"]) == (
        "unchecked", "a post's signature states nothing to check",
    )  # fmt: skip
    assert post["verdict"] == "supported", post["message"]
    assert post["sentence"].endswith("February 4, 2016") and post["end_line"] == 3


def test_a_speakers_described_year_is_a_figure_mismatch_with_its_figures():
    result = invoke("--format", "json", input=(
        "According to Indefensible, a 2015 book by Grassroots Leadership and Justice "
        "Strategies, prosecuting migrants for just two crimes has had profound impacts on the "
        "federal courts and prisons."
    ))  # fmt: skip
    assert result.exit_code == 1
    [finding] = json.loads(result.output)["findings"]
    assert finding["message"] == (
        "figure mismatch: year 2015, the source gives 2016 (book released in 2016)"
    )
    [figure] = finding["details"]["figures"]
    assert (figure["found"]["text"], figure["expected"]["text"]) == ("2015", "2016")


def test_unsupported_fails_only_with_strict():
    text = "The agency spent $4.2 billion on border drones in 2019."
    assert invoke(input=text).exit_code == 0
    result = invoke("--strict", input=text)
    assert result.exit_code == 1
    assert "unsupported" in result.output


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p.write_bytes(b"\x00\x01\x02\x03binary"), "binary file"),
        (lambda p: p.write_bytes(b"caf\xe9 in 2016"), "invalid utf-8 at byte 3"),
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a directory"),
    ],
)
def test_bad_input_one_line_error_exit_2(tmp_path, setup, message):
    path = tmp_path / "input.md"
    setup(path)
    result = run("verify", "--db", str(CLAIMS), str(path))
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert message in stderr
    assert stderr.startswith("factcheck: error: ")
    assert stderr.count("\n") == 1 and "Traceback" not in stderr


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
@pytest.mark.parametrize("command", ["verify", "lint"])
def test_an_empty_input_is_clean_for_verify_and_lint_alike(tmp_path, content, command):
    """One rule: an empty draft has nothing wrong in it (pre-commit stages empty files)."""
    path = tmp_path / "empty.md"
    path.write_bytes(content)
    result = run(command, "--db", str(CLAIMS), str(path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    if command == "verify":
        assert result.stdout.decode() == "0 sentences in 1 file: nothing to check\n"


def test_bad_database_is_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("claims: [\n", encoding="utf-8")
    result = run("verify", "--db", str(bad), input=EXACT.encode())
    assert result.returncode == 2
    assert f"{bad}:2: malformed YAML" in result.stderr.decode()


def test_usage_error_is_exit_2():
    result = run("verify", "--format", "xml", input=b"x")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr.decode()


def test_closed_pipe_ends_quietly(tmp_path):
    big = tmp_path / "big.md"
    big.write_text((EXACT + "\n\n") * 400, encoding="utf-8")
    command = f'"{sys.executable}" -m factcheck verify --db "{CLAIMS}" "{big}" | head -1'
    result = subprocess.run(command, shell=True, capture_output=True, timeout=120)
    assert result.stdout.decode().count("\n") == 1
    assert result.stderr.decode() == ""


def test_bundled_database_from_any_directory(tmp_path):
    env = {"FACTCHECK_DB": ""}
    result = run("verify", input=EXACT.encode(), cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "supported" in result.stdout.decode()


def test_factcheck_db_variable_chooses_database(tmp_path):
    result = run("verify", input=EXACT.encode(), env={"FACTCHECK_DB": str(tmp_path / "x.yaml")})
    assert result.returncode == 2
    assert "database not found" in result.stderr.decode()


def test_plain_output_without_a_terminal():
    result = run("verify", "--db", str(CLAIMS), input=EXACT.encode())
    assert "\x1b[" not in result.stdout.decode()


def test_examples_draft_report_is_the_golden_one(golden):
    """The whole text report of the example draft, which gets a figure, a quotation
    and a speaker wrong: it fails the run (exit 1). FACTCHECK_REGEN_GOLDEN=1 rewrites it."""
    result = run("verify", "--db", "claims.yaml", "examples/draft.md", cwd=ROOT)
    assert result.returncode == 1, result.stderr.decode()
    assert result.stderr == b""
    golden("verify-draft.txt", result.stdout.decode())


def test_supported_fact_shows_every_source_linked_by_same_as(tmp_path):
    folder = tmp_path / "db"
    (folder / "sources").mkdir(parents=True)
    release = ROOT / "sources" / "grassroots-leadership-2017-04-11.txt"
    (folder / "sources" / release.name).write_bytes(release.read_bytes())
    (folder / "claims.yaml").write_bytes(CLAIMS.read_bytes())
    (folder / "sources" / "wire.txt").write_text(
        "Immigration cases were 52 percent of federal prosecutions in 2016, the group said.\n",
        encoding="utf-8",
    )
    (folder / "wire.yaml").write_text(
        "sources:\n  - {id: wire, title: Wire story, publisher: Wire, kind: news story,"
        " date: 2017-04-12, path: sources/wire.txt}\n"
        "speakers:\n  - {id: wire-desk, name: Wire desk, kind: organization}\n"
        "claims:\n  - id: wire-share\n    source: wire\n    speaker: wire-desk\n"
        "    type: statistic\n    claim: Immigration cases were 52 percent in 2016.\n"
        "    passage: Immigration cases were 52 percent of federal prosecutions in 2016\n"
        "    same_as: [gl-2017-04-11-prosecutions-share-2016]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["verify", "--db", str(folder), "--format", "json"], input=EXACT)
    finding = json.loads(result.output)["findings"][0]
    linked = {finding["claim"]["id"], *(c["id"] for c in finding["also_in"])}
    assert linked == {"gl-2017-04-11-prosecutions-share-2016", "wire-share"}
    text = runner.invoke(app, ["verify", "--db", str(folder)], input=EXACT).output
    assert "Also in" in text


def test_unbacked_figure_on_a_matched_claim_renders_in_every_format():
    text = "Sessions said the Justice Department would hire 5,000 new immigration prosecutors."
    plain = invoke(input=text)
    assert plain.exit_code == 0 and "no claim backs 5,000" in plain.output
    finding = json.loads(invoke("--format", "json", input=text).output)["findings"][0]
    assert finding["verdict"] == "unsupported" and finding["details"]["figures"] == ["5,000"]


def test_the_clean_example_draft_is_clean():
    result = run(
        "verify", "--db", str(CLAIMS), "--format", "json", str(ROOT / "examples" / "clean.md")
    )
    assert result.returncode == 0, result.stdout.decode()[-800:]
    verdicts = {f["verdict"] for f in json.loads(result.stdout)["findings"]}
    assert verdicts == {"supported"}


def test_the_collector_is_off_only_while_the_command_starts(tmp_path):
    """`factcheck.__main__` switches garbage collection off for start-up; it comes
    back on, with the start-up objects frozen, once the database is open. A
    caller whose collector is on keeps it on."""
    code = (
        "import gc\n"
        "from factcheck.cli import main, options\n"
        "gc.disable()\n"
        "options.open_indexed(None)\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 0)\n"
        "main(['claims', '--speaker', 'libal', '-f', 'json'])\n"
        "print(gc.isenabled())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "FACTCHECK_CACHE_DIR": str(tmp_path)},
        timeout=60,
    )
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "True True" and lines[-1] == "True", result.stderr.decode()


@pytest.mark.parametrize(
    ("args", "unwanted"),
    [
        (["verify", "DRAFT"], ("yaml", "rich.console", "markdown_it", "factcheck.atomic")),
        (["verify", "-f", "json", "DRAFT"], ("yaml", "rich.console", "markdown_it")),
        (["claims", "--speaker", "libal", "-f", "json"], ("yaml", "rich.console")),
        (["lint", "DRAFT"], ("yaml", "rich.console", "markdown_it")),
    ],
)
def test_a_start_with_a_warm_cache_skips_heavy_modules(tmp_path, args, unwanted):
    """With the database cached, a piped command parses no YAML, needs no rich
    console and (for a .txt draft) no Markdown parser."""
    draft = tmp_path / "draft.txt"
    draft.write_text(EXACT + "\n", encoding="utf-8")
    args = [str(draft) if a == "DRAFT" else a for a in args]
    code = (
        "import sys\n"
        "from factcheck.cli import main\n"
        "main(sys.argv[1:])\n"
        f"print(sorted(m for m in {unwanted!r} if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FACTCHECK_CACHE_DIR": str(tmp_path / "c")}
    for _ in range(2):  # the first run fills the cache
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, env=env, timeout=60
        )
    assert done.stderr.decode().splitlines()[-1] == "[]", done.stderr.decode()


@pytest.mark.parametrize(
    "text",
    [
        "“We are going to build the wall,” Sessions said.",  # a quotation no claim has
        "The county jail held 1,200 detainees last month, officials said.",  # a figure
    ],
)
def test_a_finding_without_a_claim_names_the_closest_one(text):
    result = invoke("-f", "json", "--all", input=text)
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["verdict"] == "unsupported" and finding["claim"] is None
    assert finding["details"]["closest_claim"].startswith("gl-2017-04-11-")
    assert 0 < finding["score"] < 62


def test_a_figure_in_words_is_shown_rounded_in_the_message():
    """A figure in words: 'two-thirds' is 66.67 percent in the message, not 66.66666666666666."""
    result = run(
        "verify", "--db", str(CLAIMS),
        input=b"Two-thirds of federal prosecutions in 2016 involved immigration offenses.\n",
    )  # fmt: skip
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "figure mismatch: value 66.67 percent, source says 52 percent" in out
    assert "66.666" not in out


def test_the_text_report_names_the_closest_claim_as_json_does():
    sentence = b"In 2016, 87 percent of county jail inmates were held for more than 4,300 days.\n"
    text = run("verify", "--db", str(CLAIMS), input=sentence).stdout.decode()
    document = json.loads(run("verify", "--db", str(CLAIMS), "-f", "json", input=sentence).stdout)
    (finding,) = document["findings"]
    assert finding["verdict"] == "unsupported" and finding["claim"] is None
    closest = finding["details"]["closest_claim"]
    assert f"  Closest {closest}\n" in text


@pytest.mark.parametrize(
    "args",
    [
        ["examples/draft.md", "--all"],
        ["examples/draft.md", "--cite", "mla"],
        ["examples/op-ed.txt", "examples/clean.md"],
    ],
)
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_output_of_the_console_script_matches_the_shipped_schema(args, fmt):
    """Like every in-process run (tests/conftest.py), the real process's output."""
    from conftest import verify_validators

    document, finding = verify_validators()
    result = run("verify", "--db", str(CLAIMS), "-f", fmt, *args, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    out = result.stdout.decode()
    if fmt == "json":
        document.validate(json.loads(out))
    else:
        lines = out.splitlines()
        assert lines
        for line in lines:
            finding.validate(json.loads(line))


def test_the_schema_ships_in_the_package():
    from importlib.resources import files

    shipped = files("factcheck").joinpath("schemas", "verify-result.schema.json")
    assert json.loads(shipped.read_text(encoding="utf-8"))["properties"]["version"] == {"const": 1}


def test_html_br_keeps_a_sentence_whole_and_hidden_text_is_not_read(tmp_path):
    """<br> is a line break inside a paragraph; `hidden` elements and <template> are not
    shown, so they are not checked (the README says only visible text is read)."""
    wrong = EXACT.replace("52", "25")
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body>\n"
        f"<template><p>{wrong}</p></template>\n"
        f'<div hidden class="x"><div><p>{wrong}</p></div><p>{wrong}</p></div>\n'
        f"<p hidden>{wrong}</p><input hidden><hr/>\n"
        "<p>In 2016, 52 percent of all federal<br>criminal prosecutions involved "
        "immigration-related offenses.</p>\n"
        "</body></html>\n",
        encoding="utf-8",
    )
    result = run("verify", "--db", str(CLAIMS), "-f", "jsonl", str(page))
    assert result.returncode == 0, result.stdout.decode()
    findings = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [(f["verdict"], f["line"], f["column"]) for f in findings] == [("supported", 5, 4)]
    assert findings[0]["sentence"].startswith("In 2016, 52 percent of all federal")
    assert findings[0]["sentence"].endswith("immigration-related offenses.")


def test_reviewer_is_refused_without_claimreview_output():
    result = invoke("--reviewer", "Desk", input="In 2016, 52 percent of prosecutions.")
    assert result.exit_code == 2
    assert "--reviewer is only used with --format claimreview" in result.output


@pytest.mark.parametrize("late", [True, False])
def test_an_input_that_cannot_be_read_still_closes_the_json_document(tmp_path, late):
    """The findings before it, an ``error`` naming it, the summary: a whole document that
    the schema takes, on exit 2 (a bad byte late in one draft, or a bad file of several)."""
    from conftest import verify_validators

    good = (b"In 2016, 52 percent of all federal criminal prosecutions involved "
            b"immigration-related offenses.\n\n")  # fmt: skip
    (tmp_path / "good.txt").write_bytes(good)
    (tmp_path / "bad.txt").write_bytes((good * 20_000 if late else b"") + b"caf\xe9\n")
    names = ["bad.txt"] if late else ["good.txt", "bad.txt"]
    result = run("verify", "--db", str(CLAIMS), "-f", "json", *names, cwd=tmp_path)
    assert result.returncode == 2
    document = json.loads(result.stdout)
    verify_validators()[0].validate(document)
    assert document["error"]["file"] == "bad.txt"
    assert "invalid utf-8" in document["error"]["message"]
    assert (len(document["findings"]) > 0) is late
    assert list(document)[-2:] == ["error", "summary"]


@pytest.mark.parametrize("output_format", ["text", "jsonl"])
def test_a_bad_byte_late_in_a_long_draft_stops_the_stream_with_one_line(tmp_path, output_format):
    """Findings stream as they are made, so those before the bad chunk are out; the run
    then ends with one line naming the byte and exit 2, never a traceback."""
    good = (b"In 2016, 52 percent of all federal criminal prosecutions involved "
            b"immigration-related offenses.\n\n")  # fmt: skip
    draft = tmp_path / "long.txt"
    draft.write_bytes(good * 20_000 + b"\xff broken\n")  # past the first 1 MiB chunk
    result = run("verify", "--db", str(CLAIMS), "--format", output_format, str(draft))
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert "Traceback" not in stderr and "invalid utf-8 at byte 1940000" in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert b"supported" in result.stdout
