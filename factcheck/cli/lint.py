"""``factcheck lint`` (fact-lint files for CI) and ``factcheck config``."""

# No `from __future__ import annotations`: typer reads these signatures at run
# time and would have to eval every annotation written as a string.

import contextlib
import sys
import tempfile
from enum import StrEnum
from pathlib import Path

import typer

from factcheck.cli.options import (
    DB_OPTION,
    ENCODING_OPTION,
    ERRORS_OPTION,
    INPUT_FORMAT_OPTION,
    THRESHOLD_OPTION,
    TextOrJson,
    no_empty_paths,
)


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"


# Each format's module in factcheck.render; each has writer(out, tally) -> a LintWriter.
_RENDERERS = {
    LintFormat.text: "lint_text",
    LintFormat.json: "lint_json",
    LintFormat.sarif: "sarif",
    LintFormat.github: "github",
    LintFormat.junit: "junit",
}


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class MinSeverity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


PATHS_ARGUMENT = typer.Argument(
    None,
    help="Files and folders to lint (folders recursively); '-' reads stdin (default: .).",
    show_default=False,
    callback=no_empty_paths,
)
CONFIG_OPTION = typer.Option(
    None,
    "--config",
    help="Config file (default: $FACTCHECK_CONFIG, else .factcheck.toml, or pyproject.toml "
    "with a tool.factcheck table, found walking up from the paths).",
    show_default=False,
)
QUIET_OPTION = typer.Option(
    False, "--quiet", "-q", help="Only the problems: no summary line (text output)."
)
INCLUDE_OPTION = typer.Option(
    None, "--include", help="Glob of files to lint in folders (repeatable; replaces the config's)."
)
EXCLUDE_OPTION = typer.Option(
    None, "--exclude", help="Glob of files or folders to skip (repeatable; replaces the config's)."
)
SEVERITY_OPTION = typer.Option(
    None, "--severity", help="RULE=LEVEL (error, warning, info or off), e.g. FC004=error."
)
FAIL_ON_OPTION = typer.Option(
    None, "--fail-on", help="Lowest severity that fails the run with exit 1 (default: error)."
)
MIN_SEVERITY_OPTION = typer.Option(
    None, "--min-severity", help="Lowest severity reported (default: info)."
)


def lint(
    paths: list[str] = PATHS_ARGUMENT,
    output_format: LintFormat = typer.Option(LintFormat.text, "--format", "-f", help="Format."),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Write the format to FILE; the terminal gets text ('-': the format to stdout).",
    ),
    config_file: Path | None = CONFIG_OPTION,
    db: Path | None = DB_OPTION,
    threshold: float | None = THRESHOLD_OPTION,
    include: list[str] | None = INCLUDE_OPTION,
    exclude: list[str] | None = EXCLUDE_OPTION,
    severity: list[str] | None = SEVERITY_OPTION,
    fail_on: FailOn | None = FAIL_ON_OPTION,
    min_severity: MinSeverity | None = MIN_SEVERITY_OPTION,
    stdin_filename: str | None = typer.Option(
        None,
        "--stdin-filename",
        help="Read stdin, reporting it as NAME (its suffix sets the format).",
    ),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Fail only on results not in this baseline file."
    ),
    write_baseline: Path | None = typer.Option(
        None, "--write-baseline", help="Record today's results in FILE and exit 0."
    ),
    report_unused_disables: bool = typer.Option(
        False, "--report-unused-disables", help="Report suppression comments that silence nothing."
    ),
    input_format: str = INPUT_FORMAT_OPTION,
    encoding: str = ENCODING_OPTION,
    errors: str = ERRORS_OPTION,
    quiet: bool = QUIET_OPTION,
    list_rules: bool = typer.Option(
        False,
        "--list-rules",
        help="Print the rules (id, name, severity as configured, description) and exit; "
        "--format json for JSON.",
    ),
) -> int:
    """Lint drafts like a prose linter: path:line:col results with rule ids.

    Rules: FC001 figure-mismatch, FC002 misquote, FC003 misattributed,
    FC007 debunked (errors), FC004 unsupported (warning), FC005 weak-match
    (info), FC006 suppression (warning). Exits 1 when a result is at or above --fail-on,
    2 on a usage, config or input error.
    """
    from factcheck.cli.options import check_input_options, is_stdout
    from factcheck.lint import linter as core
    from factcheck.lint.config import configs_by_file, effective_config
    from factcheck.lint.discover import discover
    from factcheck.render.progress import gathered, progress_bar

    check_input_options(input_format, errors)
    if is_stdout(output):  # the format alone
        output = None
    names = list(paths or (["-"] if stdin_filename else ["."]))
    flags = _flags(db, threshold, include, exclude, severity, fail_on, min_severity)
    config = effective_config(config_file, names, flags)
    if list_rules:
        return _list_rules(config.severities(), output_format)
    files = [n for n in names if n != "-"]
    inputs = _inputs(names, discover(files, config["include"], config["exclude"]), stdin_filename)
    known = core.read_baseline(baseline) if baseline and not write_baseline else frozenset()
    groups = configs_by_file(config_file, [path for _, path in inputs], flags)
    _refuse_overwriting_inputs(
        {"--output": output, "--write-baseline": write_baseline},
        [path for _, path in inputs]
        + [baseline if write_baseline is None else None, config.file]
        + [g.file for g, _ in groups],
        [g["db"] for g, _ in groups],
    )
    tally = core.LintTally(_lint_options(config, report_unused_disables, input_format))
    batches = _batches(inputs, groups, report_unused_disables, input_format, encoding, errors)
    with contextlib.ExitStack() as spools:
        writers, outputs = _writers(tally, output_format, output, write_baseline, quiet, spools)
        with progress_bar(len(inputs), "linting") as progress:
            # One bar for one group; several would each restart it.
            shown = progress if len(groups) == 1 else None
            events = core.lint_batches(batches, tally, known, shown)
            if progress is not None:  # a bar on the terminal: the report follows it
                events = gathered(events)
        core.write_run(events, writers)
        for flag, (path, spool) in outputs.items():
            _replace(path, spool, flag)
    if write_baseline is not None:
        count = writers[-1].written
        sys.stderr.write(f"factcheck: wrote {count} results to the baseline {write_baseline}\n")
        return 0
    return int(tally.exit_code())


def _inputs(names: list[str], files: list[str], stdin_filename: str | None) -> list:
    """(name, path) of each input in the order read: stdin (for '-') first, as
    its path names it, then the discovered files."""
    from factcheck.text.document import STDIN_NAME

    stdin = [("-", stdin_filename or STDIN_NAME)] if "-" in names else []
    return stdin + [(name, name) for name in files]


def _batches(inputs, groups, report_unused_disables, input_format, encoding, errors) -> list:
    """Runs of consecutive inputs linted with one configuration, as ``core.Batch``es.

    One input is read a chunk at a time as it is checked; several are read
    first and checked on every core when that pays. Databases are opened
    (one database and index per db path, however many configurations name
    it) and each input's first chunk read before anything is written, so a
    bad database or an unreadable input stops the run before any output.
    """
    from itertools import chain

    from factcheck.check.checker import Checker, CheckOptions
    from factcheck.cli.options import open_indexed
    from factcheck.cli.streams import stdin_bytes
    from factcheck.lint.linter import Batch
    from factcheck.text.document import read_input

    def read(name: str, path: str):
        stdin = stdin_bytes() if name == "-" else None
        return read_input(
            name,
            stdin,
            encoding=encoding,
            errors=errors,
            stdin_name=path,
            requested_format=input_format,
        )

    group_of = {path: group for group, paths in groups for path in paths}
    runs: list[tuple] = []
    for name, path in inputs:
        group = group_of[path]
        if runs and runs[-1][0] is group:
            runs[-1][1].append((name, path))
        else:
            runs.append((group, [(name, path)]))
    matchers: dict = {}
    batches = []
    for group, run in runs:
        if len(inputs) == 1:
            reader = read(*run[0])
            documents = chain([next(reader)], reader)
        else:
            documents = [d for one in run for d in read(*one)]
        if group["db"] not in matchers:
            matchers[group["db"]] = open_indexed(group["db"])
        database, matcher = matchers[group["db"]]
        check = CheckOptions(group["threshold"], include_unchecked=True, input_format=input_format)
        options = _lint_options(group, report_unused_disables, input_format)
        batches.append(Batch(Checker(database, check, matcher), options, documents))
    return batches


def config(
    paths: list[str] = PATHS_ARGUMENT,
    config_file: Path | None = CONFIG_OPTION,
    db: Path | None = DB_OPTION,
    threshold: float | None = THRESHOLD_OPTION,
    include: list[str] | None = INCLUDE_OPTION,
    exclude: list[str] | None = EXCLUDE_OPTION,
    severity: list[str] | None = SEVERITY_OPTION,
    fail_on: FailOn | None = FAIL_ON_OPTION,
    min_severity: MinSeverity | None = MIN_SEVERITY_OPTION,
    output_format: TextOrJson = typer.Option(
        TextOrJson.text, "--format", "-f", help="text (TOML-like, with origins) or json."
    ),
) -> int:
    """Print the effective lint configuration and where each value came from.

    Each file is linted with the configuration nearest to it: for paths
    under different configurations, one block each (a JSON list of them).
    """
    from factcheck.lint.config import configs_by_file, effective_config

    flags = _flags(db, threshold, include, exclude, severity, fail_on, min_severity)
    names = paths or ["."]
    folders = [n for n in names if n != "-" and Path(n).is_dir()]
    groups = configs_by_file(config_file, [n for n in names if n not in folders], flags)
    if folders or not groups:  # a folder's own configuration, as lint walks it
        groups.insert(0, (effective_config(config_file, folders or names, flags), folders))
    if output_format is TextOrJson.json:
        from factcheck.render.records import dump_json

        documents = [_config_document(effective, group) for effective, group in groups]
        sys.stdout.write(dump_json(documents[0] if len(documents) == 1 else documents))
        return 0
    for number, (effective, group) in enumerate(groups):
        if len(groups) > 1:
            sys.stdout.write(("\n" if number else "") + f"# for: {', '.join(group)}\n")
        _print_config(effective)
    return 0


def _config_document(effective, paths: list[str]) -> dict:
    document = {
        "file": str(effective.file) if effective.file else None,
        "found_by": effective.found_by,
        "settings": {
            key: {"value": _json_value(setting.value), "origin": setting.origin}
            for key, setting in effective.settings.items()
        },
    }
    return {"paths": paths, **document} if paths else document


def _print_config(effective) -> None:
    from factcheck.lint.config import describe
    from factcheck.render.controls import visible

    rows = describe(effective)
    shown = effective.file if effective.file else "(none)"
    sys.stdout.write(visible(f"# config file: {shown} ({effective.found_by})\n"))
    width = max(len(key) for key, _, _ in rows)
    for key, value, origin in rows:  # a config file's paths and globs, shown
        sys.stdout.write(visible(f"{key:<{width}} = {value}  # {origin}") + "\n")


def _json_value(value: object) -> object:
    """A setting as JSON: numbers stay numbers, lists lists, paths strings, unset null."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Path):
        return str(value)
    return value


def _flags(db, threshold, include, exclude, severity, fail_on, min_severity) -> dict:
    """Settings given as flags, which override the config file."""
    from factcheck.lint.config import ConfigError, Setting, severity_settings

    flags: dict[str, Setting] = {}
    for key, value, flag in (
        ("db", db, "--db"),
        ("threshold", threshold, "--threshold"),
        ("include", tuple(include) if include else None, "--include"),
        ("exclude", tuple(exclude) if exclude else None, "--exclude"),
        ("fail-on", fail_on.value if fail_on else None, "--fail-on"),
        ("min-severity", min_severity.value if min_severity else None, "--min-severity"),
    ):
        if value is not None:
            flags[key] = Setting(value, flag)
    for item in severity or []:
        rule, sep, level = item.partition("=")
        try:
            if not sep:
                raise ValueError("expected RULE=LEVEL, e.g. FC004=error")
            flags.update(severity_settings({rule.strip(): level.strip()}, "--severity"))
        except ValueError as error:
            raise ConfigError(f"--severity {item!r}: {error}") from None
    return flags


def _refuse_overwriting_inputs(outputs: dict, inputs: list, databases: list) -> None:
    """Refuse an output that is one of the run's own files: a draft, the
    baseline read, a config, a database file (by path, link or inode), or
    the other output. ``lint d.md --format sarif -o d.md`` would otherwise
    turn the draft into SARIF, and ``-o claims.yaml`` destroy the database.
    """
    from factcheck.atomic import same_file
    from factcheck.db.database import database_files, default_database_path
    from factcheck.errors import UsageError

    names = [str(n) for n in inputs if n is not None and str(n) != "-"]
    for db in databases:
        root = Path(db) if db is not None else default_database_path()
        names.append(str(root))
        if root.is_dir():
            names += [str(f) for f in database_files(root)]
    chosen = [(flag, path) for flag, path in outputs.items() if path is not None]
    for number, (flag, path) in enumerate(chosen):
        others = names + [str(p) for _, p in chosen[number + 1 :]]
        clash = next((n for n in others if same_file(path, n)), None)
        if clash is not None:
            raise UsageError(
                f"{flag} would overwrite {clash}, one of this run's own files",
                file=str(path),
                fix=f"pass another {flag} path",
            )


def _lint_options(config, report_unused_disables: bool, input_format: str):
    return config.lint_options(
        report_unused_disables=report_unused_disables, input_format=input_format
    )


def _list_rules(severities: dict, output_format: "LintFormat") -> int:
    """The rules table, with each rule's severity after the config and flags."""
    from factcheck.lint.linter import RULES

    def severity(rule) -> str:
        chosen = severities.get(rule.id, rule.severity)
        return chosen.value if chosen else "off"

    if output_format is LintFormat.json:
        from factcheck.render.lint_json import rule_dict
        from factcheck.render.records import dump_json

        sys.stdout.write(dump_json([rule_dict(rule, severity(rule)) for rule in RULES]))
        return 0
    if output_format is not LintFormat.text:
        from factcheck.errors import UsageError

        raise UsageError("--list-rules prints text or json", fix="use --format text or json")
    for rule in RULES:
        sys.stdout.write(f"{rule.id}  {rule.name:<16} {severity(rule):<8} {rule.title}\n")
    return 0


def _writers(tally, output_format: LintFormat, output, baseline, quiet: bool, spools) -> tuple:
    """The run's writers, and the files they fill: the chosen format on stdout,
    or into ``--output`` with text on the terminal; ``--write-baseline``'s
    last. A file is written to a temporary one as results come, and
    replaces the target at the end (``_replace``), so a failed run leaves
    it as it was.

    Only the chosen renderer is imported: all five (xml.etree and json among
    them) cost about 15 ms of every run.
    """
    from importlib import import_module

    from factcheck.cli.options import stdout_printer
    from factcheck.render.lint_text import TextWriter

    def spool():
        return spools.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8", newline=""))

    make = import_module(f"factcheck.render.{_RENDERERS[output_format]}").writer
    writers: list = []
    outputs: dict = {}
    if output is None and output_format is not LintFormat.text:
        writers.append(make(sys.stdout, tally))
    else:
        if output is not None:
            outputs["--output"] = (output, spool())
            writers.append(make(outputs["--output"][1], tally))
        writers.append(TextWriter(stdout_printer(), tally, summary=not quiet))
    if baseline is not None:
        from factcheck.render.lint_json import BaselineWriter

        outputs["--write-baseline"] = (baseline, spool())
        writers.append(BaselineWriter(outputs["--write-baseline"][1]))
    return writers, outputs


def _replace(path: Path, spool, flag: str) -> None:
    """Replace ``path`` with what a writer wrote into ``spool``, all at once."""
    from factcheck.atomic import replace_file
    from factcheck.errors import InputError

    spool.seek(0)
    blocks = (block.encode("utf-8") for block in iter(lambda: spool.read(1 << 16), ""))
    what = "baseline" if flag == "--write-baseline" else "output"
    try:
        replace_file(path, blocks)
    except OSError as error:
        raise InputError(f"cannot write {what}: {error.strerror}", file=str(path)) from None
