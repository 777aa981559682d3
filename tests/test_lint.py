"""The lint core: rules as data, verdict → rule mapping, positions, suppressions,
fingerprints, baselines and file discovery."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.check.checker import Checker, CheckOptions
from factcheck.errors import InputError
from factcheck.lint.discover import discover, matches
from factcheck.lint.linter import (
    RULES,
    RULES_BY_ID,
    LintOptions,
    Severity,
    find_rule,
    lint_documents,
    read_baseline,
)
from factcheck.lint.suppressions import Directive, Scope, find_directives, first_covering, scopes
from factcheck.model import Verdict
from factcheck.render.lint_json import BaselineWriter
from factcheck.text.document import Document

EXACT = (
    "In 2016, 52 percent of all federal criminal prosecutions involved immigration-related "
    "offenses."
)
WRONG = (
    "In 2016, 25 percent of all federal criminal prosecutions involved immigration-related "
    "offenses."
)
MADE_UP = "In 2019, 87 percent of county jails held more than 4,300 asylum seekers."
MADE_UP_2 = "In 2018, 91 percent of county jails held more than 9,300 asylum seekers."


@pytest.fixture(scope="module")
def lint_checker(database):
    return Checker(database, CheckOptions(include_unchecked=True))


def lint(checker, text: str, path: str = "draft.md", **options):
    report = lint_documents(checker, [Document.from_text(path, text)], LintOptions(**options))
    return report, report.files[0]


def rules_of(file) -> list[tuple[str, int, int]]:
    return [(r.rule.id, r.line, r.column) for r in file.results]


# --- the rule table -----------------------------------------------------------------------


def test_rule_ids_and_names_are_unique_and_stable():
    assert [r.id for r in RULES] == ["FC001", "FC002", "FC003", "FC004", "FC005", "FC006", "FC007"]
    assert len({r.name for r in RULES}) == len(RULES)
    assert RULES_BY_ID["FC001"].severity is Severity.ERROR
    assert RULES_BY_ID["FC004"].severity is Severity.WARNING
    assert RULES_BY_ID["FC005"].severity is Severity.INFO
    assert all(r.title and r.help.endswith(".") for r in RULES)


def test_every_problem_verdict_has_a_rule():
    mapped = {r.verdict for r in RULES if r.verdict}
    assert mapped == {
        Verdict.DEBUNKED,
        Verdict.FIGURE_MISMATCH,
        Verdict.MISQUOTE,
        Verdict.MISATTRIBUTED,
        Verdict.UNSUPPORTED,
    }


@pytest.mark.parametrize(
    ("key", "expected"), [("FC001", "FC001"), ("fc004", "FC004"), ("weak-match", "FC005")]
)
def test_find_rule_by_id_or_name(key, expected):
    rule = find_rule(key)
    assert rule is not None and rule.id == expected


def test_find_rule_unknown():
    assert find_rule("FC999") is None


# --- findings to results ------------------------------------------------------------------


def test_findings_become_results_with_severities(lint_checker):
    text = f"# Numbers\n\n{EXACT}\n\n{WRONG}\n\n{MADE_UP}\n"
    report, file = lint(lint_checker, text)
    assert rules_of(file) == [("FC001", 5, 1), ("FC004", 7, 1)]
    assert [r.severity for r in file.results] == [Severity.ERROR, Severity.WARNING]
    assert "25 percent" in file.results[0].message
    assert file.sentences == 4
    assert report.exit_code() == 1


def test_fail_on_and_min_severity(lint_checker):
    report, _ = lint(lint_checker, MADE_UP, fail_on="error")
    assert report.exit_code() == 0
    report, _ = lint(lint_checker, MADE_UP, fail_on="warning")
    assert report.exit_code() == 1
    report, file = lint(lint_checker, f"{WRONG}\n\n{MADE_UP}", min_severity=Severity.ERROR)
    assert rules_of(file) == [("FC001", 1, 1)]
    report, _ = lint(lint_checker, WRONG, fail_on="never")
    assert report.exit_code() == 0


def test_severity_override_and_off(lint_checker):
    _, file = lint(lint_checker, MADE_UP, severities={"FC004": Severity.ERROR})
    assert file.results[0].severity is Severity.ERROR
    _, file = lint(lint_checker, MADE_UP, severities={"FC004": None})
    assert file.results == ()


def test_weak_match_just_below_threshold_is_info(database):
    sentence = "The weather was pleasant in Austin that spring."
    probe = Checker(database, CheckOptions(include_unchecked=True))
    finding = probe.check_document(Document.from_text("x.md", sentence)).findings[0]
    assert finding.verdict is Verdict.UNCHECKED and finding.score > 0
    near = Checker(database, CheckOptions(threshold=finding.score + 1, include_unchecked=True))
    _, file = lint(near, sentence)
    assert rules_of(file) == [("FC005", 1, 1)]
    assert "closest claim gl-" in file.results[0].message
    far = Checker(database, CheckOptions(threshold=finding.score + 20, include_unchecked=True))
    _, file = lint(far, sentence)
    assert file.results == ()


def test_weak_match_skips_short_sentences(database):
    heading = "Prosecutions rose"
    probe = Checker(database, CheckOptions(include_unchecked=True))
    finding = probe.check_document(Document.from_text("x.md", heading)).findings[0]
    near = Checker(database, CheckOptions(threshold=finding.score + 1, include_unchecked=True))
    _, file = lint(near, heading)
    assert file.results == ()


def test_empty_file_is_clean(lint_checker):
    report, file = lint(lint_checker, "")
    assert file.sentences == 0 and file.results == () and report.exit_code() == 0


# --- positions in the original file -------------------------------------------------------


def _at(text: str, result) -> str:
    """The original text from a result's line:column to its end (exclusive)."""
    lines = text.split("\n")
    if result.line == result.end_line:
        return lines[result.line - 1][result.column - 1 : result.end_column - 1]
    return lines[result.line - 1][result.column - 1 :]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        (f"---\ntitle: A draft\nnote: {WRONG}\n---\n\n{WRONG}\n", 6, 1),
        (f"+++\ntitle = 'A draft'\nnote = '{WRONG}'\n+++\n\n{WRONG}\n", 6, 1),
        (f"```\n{WRONG}\n```\n\n    {WRONG}\n\nIntro. {WRONG}\n", 7, 8),
        (f"- First item.\n  - Nested item.\n    1. {WRONG}\n", 3, 8),
        (f"> Quoted.\n>\n> > {WRONG}\n", 3, 5),
        (f"Intro line.\r\n\r\n- Item.\r\n\t- Café — naïve. {WRONG}\r\n", 4, 18),
        (f"| Fact | Note |\n|---|---|\n| {WRONG} | ok |\n", 3, 3),
        (f"Before `{WRONG}` after.\n\nSee [the release](http://x.test/{WRONG}). {WRONG}\n", 3, 131),
        (f"Footnoted[^1] text.\n\n[^1]: {WRONG}\n", 3, 7),
        (f"<!-- {WRONG} -->\n😀 Emoji first. {WRONG}\n", 2, 16),
    ],
    ids=[
        "yaml-front-matter",
        "toml-front-matter",
        "code-blocks-and-inline",
        "nested-lists",
        "block-quotes",
        "crlf-tabs-non-ascii",
        "table-cell",
        "code-span-and-link-url",
        "footnote",
        "comment-and-astral",
    ],
)
def test_positions_on_markdown(lint_checker, text, line, column):
    _, file = lint(lint_checker, text)
    assert rules_of(file) == [("FC001", line, column)]
    assert _at(text, file.results[0]).rstrip("\r") == WRONG


def test_positions_on_html(lint_checker):
    text = f"<html><head><title>{WRONG}</title></head>\n<body><p>Intro.</p>\n<p>{WRONG}</p>"
    _, file = lint(lint_checker, text, path="draft.html")
    assert rules_of(file) == [("FC001", 3, 4)]


# --- suppressions -------------------------------------------------------------------------


def test_disable_next_line_with_reason(lint_checker):
    text = f"<!-- factcheck-disable-next-line FC001 -- the desk confirmed it -->\n{WRONG}\n"
    report, file = lint(lint_checker, text)
    assert file.results == ()
    [silenced] = file.suppressed
    assert silenced.suppressed.kind == "comment"
    assert silenced.suppressed.reason == "the desk confirmed it"
    assert silenced.suppressed.line == 1
    assert report.exit_code() == 0


def test_disable_next_line_for_another_rule_does_not_apply(lint_checker):
    _, file = lint(lint_checker, f"<!-- factcheck-disable-next-line FC004 -->\n{WRONG}\n")
    assert rules_of(file) == [("FC001", 2, 1)]


def test_disable_enable_region_without_blank_lines(lint_checker):
    text = (
        f"{MADE_UP}\n<!-- factcheck-disable FC004 -->\n{MADE_UP_2}\n\n{WRONG}\n"
        f"<!-- factcheck-enable -->\n{MADE_UP}\n"
    )
    _, file = lint(lint_checker, text)
    assert rules_of(file) == [("FC004", 1, 1), ("FC001", 5, 1), ("FC004", 7, 1)]
    assert [r.line for r in file.suppressed] == [3]


def test_enable_naming_a_rule_narrows_the_region(lint_checker):
    text = (
        f"<!-- factcheck-disable FC001, FC004 -->\n{WRONG}\n\n"
        f"<!-- factcheck-enable FC001 -->\n{WRONG}\n\n{MADE_UP}\n"
    )
    _, file = lint(lint_checker, text)
    assert rules_of(file) == [("FC001", 5, 1)]
    assert sorted(r.rule.id for r in file.suppressed) == ["FC001", "FC004"]


def test_ignore_at_end_of_line_and_by_rule_name(lint_checker):
    text = f"{WRONG} <!-- factcheck-ignore -->\n\n{MADE_UP} <!-- factcheck-ignore unsupported -->\n"
    _, file = lint(lint_checker, text)
    assert file.results == () and len(file.suppressed) == 2


def test_html_comment_directive_in_an_html_draft(lint_checker):
    text = (
        f"<p>Intro.</p>\n<!-- factcheck-disable-next-line figure-mismatch -- ok -->\n"
        f"<p>{WRONG}</p>\n<p>{WRONG}</p>\n"
    )
    _, file = lint(lint_checker, text, path="draft.html")
    assert rules_of(file) == [("FC001", 4, 4)]
    assert [s.line for s in file.suppressed] == [3]


def test_comment_shown_in_a_code_block_is_not_a_directive(lint_checker):
    text = f"```html\n<!-- factcheck-disable -->\n```\n\n{WRONG}\n"
    _, file = lint(lint_checker, text)
    assert rules_of(file) == [("FC001", 5, 1)]


def test_plain_text_comment_forms(lint_checker):
    text = (
        f"# factcheck-disable-next-line FC001 -- from the wire copy\n{WRONG}\n\n"
        f"{MADE_UP} // factcheck-ignore\n\n{WRONG}\n"
    )
    _, file = lint(lint_checker, text, path="draft.txt")
    assert rules_of(file) == [("FC001", 6, 1)]
    assert [s.suppressed.reason for s in file.suppressed] == ["from the wire copy", None]


def test_hash_line_is_a_heading_not_a_directive_in_markdown(lint_checker):
    _, file = lint(lint_checker, f"# factcheck-disable-next-line FC001\n{WRONG}\n")
    assert [r.rule.id for r in file.results] == ["FC001"]


def test_unknown_rule_in_directive_is_reported_and_suppresses_nothing(lint_checker):
    _, file = lint(lint_checker, f"<!-- factcheck-disable-next-line FC010 -->\n{WRONG}\n")
    assert rules_of(file) == [("FC006", 1, 6), ("FC001", 2, 1)]
    assert "unknown rule FC010" in file.results[0].message


def test_unused_disables_reported_only_when_asked(lint_checker):
    text = f"<!-- factcheck-disable-next-line FC002 -->\n{WRONG} <!-- factcheck-ignore -->\n"
    _, file = lint(lint_checker, text)
    assert file.results == ()
    _, file = lint(lint_checker, text, report_unused_disables=True)
    assert rules_of(file) == [("FC006", 1, 6)]
    assert "silences no finding" in file.results[0].message


KNOWN = frozenset({"FC001", "FC002", "FC004"})


def test_unclosed_directives_on_a_line_leave_the_closed_one_after_them():
    """An unclosed opener ends where the next directive begins (so a line of them
    is read in linear time); the one closed after them is read as written."""
    text = "<!-- factcheck-disable " * 3 + "<!-- factcheck-ignore FC001 -- wire copy -->\n"
    [directive] = find_directives(Document.from_text("d.md", text), "markdown", KNOWN, {})
    assert (directive.kind, directive.rules, directive.reason) == (
        "ignore",
        frozenset({"FC001"}),
        "wire copy",
    )
    assert directive.column == 3 * len("<!-- factcheck-disable ") + 6


def _scopes_walking_every_region(directives, last_line):
    """The spec of ``scopes``: its first, quadratic version."""
    found, open_regions = [], []
    for d in directives:
        if d.kind == "disable-next-line":
            found.append(Scope(d, d.end_line + 1, d.end_line + 1, d.rules))
        elif d.kind == "ignore":
            found.append(Scope(d, d.line, d.end_line, d.rules))
        elif d.kind == "disable":
            open_regions.append(Scope(d, d.end_line, last_line, d.rules))
        else:
            still_open = []
            for region in open_regions:
                closed = region._replace(last_line=d.line)
                if d.rules is None:
                    found.append(closed)
                elif region.rules is not None and region.rules & d.rules:
                    found.append(closed)
                    if region.rules - d.rules:
                        still_open.append(Scope(region.directive, d.line, last_line,
                                                region.rules - d.rules))  # fmt: skip
                else:
                    still_open.append(region)
            open_regions = still_open
    return found + open_regions


def _covers(scope, rule_id, line, end_line):
    in_rules = scope.rules is None or rule_id in scope.rules
    return in_rules and line <= scope.last_line and end_line >= scope.first_line


_RULE_SETS = st.one_of(st.none(), st.frozensets(st.sampled_from(sorted(KNOWN)), max_size=3))
_DIRECTIVES = st.lists(
    st.tuples(
        st.sampled_from(["disable", "enable", "ignore", "disable-next-line"]),
        _RULE_SETS,
        st.integers(0, 3),  # lines from the one before
        st.integers(0, 2),  # lines it spans
    ),
    max_size=30,
)
_FINDINGS = st.lists(
    st.tuples(st.sampled_from(sorted(KNOWN)), st.integers(1, 80), st.integers(0, 3)), max_size=30
)


@given(_DIRECTIVES, _FINDINGS)
def test_scopes_and_what_they_cover_are_those_of_the_quadratic_spec(spec, findings):
    """Scopes in the same order, and each finding silenced by the same (first) scope,
    as by walking every open region at each enable and every scope for each finding."""
    directives, line = [], 1
    for kind, rules, gap, span in spec:
        line += gap
        directives.append(Directive(kind, rules, None, line, 1, line + span, 5, kind))
        line += span
    found = scopes(directives, 100)
    assert found == _scopes_walking_every_region(directives, 100)
    wanted = [(rule_id, line, line + span) for rule_id, line, span in findings]
    expected = [next((s for s in found if _covers(s, *w)), None) for w in wanted]
    assert first_covering(found, wanted) == expected


# --- fingerprints and baselines -----------------------------------------------------------


def test_fingerprints_survive_edits_elsewhere(lint_checker):
    _, before = lint(lint_checker, f"{WRONG}\n\n{MADE_UP}\n")
    _, after = lint(lint_checker, f"# A new heading\n\nA new intro.\n\n{WRONG}\n\n{MADE_UP}\n")
    assert [r.fingerprint for r in before.results] == [r.fingerprint for r in after.results]
    assert [r.line for r in after.results] == [5, 7]


def test_repeated_sentences_get_distinct_fingerprints(lint_checker):
    _, file = lint(lint_checker, f"{WRONG}\n\n{WRONG}\n")
    assert len({r.fingerprint for r in file.results}) == 2


def test_baseline_round_trip_fails_only_on_new_results(lint_checker, tmp_path):
    report, _ = lint(lint_checker, f"{WRONG}\n")
    baseline = tmp_path / "baseline.json"
    with baseline.open("w", encoding="utf-8") as out:
        writer = BaselineWriter(out)
        for result in report.results:
            writer.add(result)
        writer.finish()
    assert writer.written == 1
    known = read_baseline(baseline)
    document = Document.from_text("draft.md", f"Intro.\n\n{WRONG}\n\n{MADE_UP}\n")
    later = lint_documents(lint_checker, [document], LintOptions(fail_on="warning"), known)
    assert [r.rule.id for r in later.results] == ["FC004"]
    assert [r.suppressed.kind for r in later.suppressed] == ["baseline"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such baseline file"),
        ("{not json", "cannot read baseline"),
        ('{"version": 9, "results": []}', "not a version 1 baseline"),
        ('{"version": 1, "results": [{"path": 1}]}', "must be objects with path"),
    ],
)
def test_bad_baselines(tmp_path, content, message):
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_baseline(path)


# --- which files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "patterns", "expected"),
    [
        ("docs/a.md", ["*.md"], True),
        ("docs/drafts/a.md", ["drafts"], True),
        ("docs/a.md", ["docs/*.md"], True),
        ("x/docs/a.md", ["docs/*.md"], True),
        ("docs/a.txt", ["*.md"], False),
    ],
)
def test_glob_matching(path, patterns, expected):
    assert matches(path, patterns) is expected


def test_discover_walks_filters_and_skips_hidden(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ["a.md", "b.txt", "c.py", "sub/d.html", "sub/drafts/e.md", ".hidden/f.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert discover(["."]) == ["a.md", "b.txt", "sub/d.html", "sub/drafts/e.md"]
    assert discover(["."], exclude=["drafts"]) == ["a.md", "b.txt", "sub/d.html"]
    assert discover(["."], include=["*.md"]) == ["a.md", "sub/drafts/e.md"]
    assert discover(["c.py", "a.md", "a.md"]) == ["c.py", "a.md"]
    with pytest.raises(InputError, match="no such file or folder"):
        discover(["missing.md"])


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_discover_skips_gitignored_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    (tmp_path / ".gitignore").write_text("build/\n*.draft.md\n!keep.draft.md\n", encoding="utf-8")
    for name in ["a.md", "x.draft.md", "keep.draft.md", "build/b.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert discover(["."]) == ["a.md", "keep.draft.md"]
    assert discover(["."], gitignore=False) == ["a.md", "keep.draft.md", "x.draft.md", "build/b.md"]


def test_readme_rules_table_matches_the_rule_table():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"| {rule.id} | {rule.name} | {rule.severity.value} | {rule.title} |" in readme


# --- a file a chunk at a time -------------------------------------------------------------

CHUNKED = (
    "\n\n".join(
        [
            "<!-- factcheck-disable FC004 -->",  # a region open across chunks, used late
            "<!-- factcheck-disable FC007 -->",  # never closed or used: its FC006 waits to the end
            EXACT,
            "<!-- factcheck-ignore nosuchrule -->",  # FC006 at once
            "<!-- factcheck-disable-next-line FC003 -->",  # silences nothing: its FC006 waits
            *[WRONG, MADE_UP] * 3,  # equal sentences: fingerprints count them across chunks
            "<!-- factcheck-enable FC004 -->",
            MADE_UP_2,
            "<!-- factcheck-disable FC001 -->",  # never closed, used
            MADE_UP,
            WRONG.replace("2016", "2017"),
        ]
    )
    + "\n"
)


def _places_of(events):
    from factcheck.lint.linter import Place

    return [
        (e.line, e.column, e.text, [(r.rule.id, r.fingerprint, r.suppressed) for r in e.results])
        for e in events
        if isinstance(e, Place)
    ]


@pytest.mark.parametrize("chunk_chars", [150, 400, 10_000])
def test_a_file_linted_a_chunk_at_a_time_gets_the_results_of_the_whole(lint_checker, chunk_chars):
    """Directives, fingerprints and the baseline carry from chunk to chunk, and a
    directive's FC006 waits until it is known to silence nothing, still in file order."""
    import io

    from factcheck.lint.linter import Batch, FileSummary, LintTally, lint_batches
    from factcheck.text.document import iter_documents

    options = LintOptions(report_unused_disables=True, fail_on="warning")
    whole = Document.from_text("draft.md", CHUNKED)
    (file,) = lint_documents(lint_checker, [whole], options).files
    second_wrong = [r for r in file.results if r.rule.id == "FC001"][1]
    known = frozenset({("draft.md", second_wrong.fingerprint)})

    def run(documents):
        tally = LintTally(options)
        events = list(lint_batches([Batch(lint_checker, options, documents)], tally, known))
        return events, tally

    chunks = list(iter_documents("draft.md", io.BytesIO(CHUNKED.encode()), chunk_chars=chunk_chars))
    assert (len(chunks) > 1) is (chunk_chars < 1000)
    streamed, tally = run(iter(chunks))
    held, whole_tally = run([whole])
    assert _places_of(streamed) == _places_of(held)
    assert streamed[-1] == held[-1] == FileSummary("draft.md", 10, 7, 5)
    assert tally.counts() == whole_tally.counts() and tally.suppressed == 5
    directives = [p for p in _places_of(streamed) if p[2].startswith("<!-- factcheck-")]
    assert [(line, [r[0] for r in results]) for line, _, _, results in directives] == [
        (3, ["FC006"]),  # the FC007 region, unused
        (7, ["FC006"]),  # the unknown rule
        (9, ["FC006"]),  # the next line has no FC003
    ]
    baselined = [r for p in _places_of(streamed) for r in p[3] if r[2] and r[2].kind == "baseline"]
    assert [r[1] for r in baselined] == [second_wrong.fingerprint]


def test_a_chunks_places_are_released_with_it_unless_a_directive_is_undecided(lint_checker):
    """Memory holds a chunk's places only: all of them go out with the chunk, but
    with --report-unused-disables those after an open region that has silenced
    nothing yet wait for it."""
    import io

    from factcheck.lint.linter import FileLinter
    from factcheck.text.document import iter_documents

    chunks = list(iter_documents("d.md", io.BytesIO(CHUNKED.encode()), chunk_chars=150))
    for unused, released in ((False, [True] * len(chunks)), (True, [False] * len(chunks))):
        linter = FileLinter(
            "d.md", LintOptions(report_unused_disables=unused), lint_checker.options.threshold
        )
        out = [bool(linter.add(c, lint_checker.check_document(c))) for c in chunks]
        assert out == released
        assert bool(linter.finish()) is unused
