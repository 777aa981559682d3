"""Lint results as SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Only active results go in: GitHub code scanning does not honour SARIF
``suppressions``, so suppressed and baselined results are left out rather than
raised as alerts. Paths are relative to ``%SRCROOT%`` (the repository root
when run from it); ``partialFingerprints`` carry the same edit-proof
fingerprint as the baseline, so re-uploads update alerts instead of adding them.

The driver has no ``informationUri`` (it is optional): the tool has no
published page yet, and ``https://pypi.org/project/factcheck/`` is another
project's.
"""

from __future__ import annotations

from typing import IO, Any
from urllib.parse import quote

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.lint.linter import RULES, FileSummary, LintResult, LintTally, Place, Severity
from factcheck.render.json import JsonStream

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "factcheck/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
RULE_INDEX = {rule.id: number for number, rule in enumerate(RULES)}


def artifact_location(path: str) -> dict[str, str]:
    """A relative URI under %SRCROOT%, or a file URI for an absolute path."""
    if path.startswith("/"):
        return {"uri": "file://" + quote(path)}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


def rule_dict(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.help},
        "help": {"text": rule.help, "markdown": f"**{rule.title}.** {rule.help}"},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["fact-check", rule.name]},
    }


def result_dict(result: LintResult, rule_index: int) -> dict[str, Any]:
    finding = result.finding
    data: dict[str, Any] = {
        "ruleId": result.rule.id,
        "ruleIndex": rule_index,
        "level": LEVELS[result.severity],
        "message": {"text": result.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(result.path),
                    "region": {
                        "startLine": result.line,
                        "startColumn": result.column,
                        "endLine": result.end_line,
                        "endColumn": result.end_column,
                        "snippet": {"text": result.sentence},
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: result.fingerprint},
    }
    if finding is not None:
        data["properties"] = {
            "verdict": finding.verdict.value,
            "score": round(finding.score, 1),
            "claim": finding.claim.id if finding.claim else None,
        }
    return data


class SarifWriter:
    """One SARIF log, a result at a time as each is made (the text ``json.dumps``
    with ``indent=2`` gives for the whole log)."""

    def __init__(self, out: IO[str], tally: LintTally) -> None:
        self.stream = JsonStream(out)
        self.stream.open("{")
        self.stream.add(SARIF_SCHEMA, "$schema")
        self.stream.add("2.1.0", "version")
        self.stream.open("[", "runs")
        self.stream.open("{")
        driver = {
            "name": "factcheck",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [rule_dict(rule) for rule in RULES],
        }
        self.stream.add({"driver": driver}, "tool")
        self.stream.add("unicodeCodePoints", "columnKind")
        self.stream.open("[", "results")

    def place(self, place: Place) -> None:
        for result in place.results:
            if result.suppressed is None:
                self.stream.add(result_dict(result, RULE_INDEX[result.rule.id]))

    def file(self, file: FileSummary) -> None:
        pass

    def finish(self, error: FactcheckError | None = None) -> None:
        """Close the results; the invocation (after them: whether it succeeded is
        known only now, and an error that stopped it is its notification); the log."""
        self.stream.close()
        self.stream.add([invocation_dict(error)], "invocations")
        for _ in range(3):  # the run, runs, the log
            self.stream.close()


def invocation_dict(error: FactcheckError | None) -> dict[str, Any]:
    """The run's invocation: successful, or stopped by ``error`` (exit 2)."""
    if error is None:
        return {"executionSuccessful": True}
    notification: dict[str, Any] = {"level": "error", "message": {"text": str(error)}}
    if error.file:
        location: dict[str, Any] = {"artifactLocation": artifact_location(error.file)}
        if error.line:
            location["region"] = {"startLine": error.line}
        notification["locations"] = [{"physicalLocation": location}]
    return {"executionSuccessful": False, "toolExecutionNotifications": [notification]}


writer = SarifWriter
