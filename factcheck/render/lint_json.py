"""Lint results as one versioned JSON document (schema: schemas/lint-result.schema.json),
and the baseline file.

Field names are a contract, like ``verify``'s: add beside them, never rename.
Suppressed results (by comment or baseline) are listed apart, with the reason.
"""

from __future__ import annotations

import json
import tempfile
from typing import IO, Any

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.lint.linter import (
    BASELINE_VERSION,
    RULES,
    FileSummary,
    LintResult,
    LintTally,
    Place,
    Rule,
)
from factcheck.render.json import JsonStream, claim_dict, details_dict, error_dict

LINT_SCHEMA_VERSION = 1
SCHEMA_FILE = "lint-result.schema.json"


def result_dict(result: LintResult) -> dict[str, Any]:
    """One rule result: where, which rule, how severe, and the verdict behind it."""
    finding = result.finding
    data: dict[str, Any] = {
        "rule": result.rule.id,
        "rule_name": result.rule.name,
        "severity": result.severity.value,
        "path": result.path,
        "line": result.line,
        "column": result.column,
        "end_line": result.end_line,
        "end_column": result.end_column,
        "message": result.message,
        "sentence": result.sentence,
        "fingerprint": result.fingerprint,
        "verdict": finding.verdict.value if finding else None,
        "score": round(finding.score, 1) if finding else None,
        "claim": claim_dict(finding.claim) if finding and finding.claim else None,
        "details": details_dict(finding.verdict, finding.details) if finding else {},
    }
    if result.suppressed is not None:
        data["suppression"] = {
            "kind": result.suppressed.kind,
            "reason": result.suppressed.reason,
            "line": result.suppressed.line,
        }
    return data


def rule_dict(rule: Rule, severity: str) -> dict[str, Any]:
    """A rule as the report and ``lint --list-rules --format json`` show it."""
    return {
        "id": rule.id,
        "name": rule.name,
        "title": rule.title,
        "help": rule.help,
        "default_severity": rule.severity.value,
        "severity": severity,
    }


class LintJsonWriter:
    """The whole run as one JSON document, written as results are made: rules,
    results, suppressed results, files and a summary, laid out as
    ``json.dumps`` with ``indent=2`` lays out the whole. Suppressed results
    come after every active one, so they wait in a temporary file meanwhile,
    not in memory."""

    def __init__(self, out: IO[str], tally: LintTally) -> None:
        self.tally = tally
        self.stream = JsonStream(out)
        self.stream.open("{")
        self.stream.add(LINT_SCHEMA_VERSION, "version")
        self.stream.add({"name": "factcheck", "version": __version__}, "tool")
        options = tally.options
        rules = [rule_dict(rule, options.severity(rule) or "off") for rule in RULES]
        self.stream.add(rules, "rules")
        self.stream.open("[", "results")
        self._suppressed: IO[str] | None = None  # one compact JSON line per result

    def place(self, place: Place) -> None:
        for result in place.results:
            if result.suppressed is None:
                self.stream.add(result_dict(result))
                continue
            if self._suppressed is None:
                # Closed by finish; it has no name to leave behind if a run fails.
                self._suppressed = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
            self._suppressed.write(json.dumps(result_dict(result), ensure_ascii=False) + "\n")

    def file(self, file: FileSummary) -> None:
        pass

    def finish(self, error: FactcheckError | None = None) -> None:
        tally = self.tally
        self.stream.close()
        self.stream.open("[", "suppressed")
        if self._suppressed is not None:
            self._suppressed.seek(0)
            for line in self._suppressed:
                self.stream.add(json.loads(line))
            self._suppressed.close()
        self.stream.close()
        self.stream.add([f._asdict() for f in tally.files], "files")
        if error is not None:
            self.stream.add(error_dict(error), "error")
        summary = {
            "files": len(tally.files),
            "sentences": tally.sentences,
            **tally.counts(),
            "suppressed": tally.suppressed,
            "fail_on": tally.options.fail_on,
            "failed": bool(tally.exit_code()),
        }
        self.stream.add(summary, "summary")
        self.stream.close()


writer = LintJsonWriter


class BaselineWriter:
    """``--write-baseline``: the run's active results by path and fingerprint, as
    the baseline file holds them (``lint.linter.read_baseline`` reads it),
    written as they are made; ``written`` counts them."""

    def __init__(self, out: IO[str]) -> None:
        self.written = 0
        self.stream = JsonStream(out)
        self.stream.open("{")
        self.stream.add(BASELINE_VERSION, "version")
        self.stream.add(f"factcheck {__version__}", "tool")
        self.stream.open("[", "results")

    def add(self, result: LintResult) -> None:
        entry = {
            "path": result.path,
            "rule": result.rule.id,
            "fingerprint": result.fingerprint,
            "line": result.line,
            "sentence": result.sentence,
        }
        self.stream.add(entry)
        self.written += 1

    def place(self, place: Place) -> None:
        for result in place.results:
            if result.suppressed is None:
                self.add(result)

    def file(self, file: FileSummary) -> None:
        pass

    def finish(self, error: FactcheckError | None = None) -> None:
        """Close the document; after an error the CLI keeps the old baseline file."""
        self.stream.close()
        self.stream.close()


def schema() -> dict[str, Any]:
    """The JSON Schema of :class:`LintJsonWriter`'s output, as shipped inside the package."""
    from importlib.resources import files

    text = files("factcheck").joinpath("schemas", SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)
