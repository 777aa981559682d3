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

import json
from typing import Any
from urllib.parse import quote

from factcheck import __version__
from factcheck.lint.linter import RULES, LintReport, LintResult, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "factcheck/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


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


def report_dict(report: LintReport) -> dict[str, Any]:
    index = {rule.id: number for number, rule in enumerate(RULES)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [rule_dict(rule) for rule in RULES],
                    }
                },
                "invocations": [{"executionSuccessful": True}],
                "columnKind": "unicodeCodePoints",
                "results": [result_dict(r, index[r.rule.id]) for r in report.results],
            }
        ],
    }


def render(report: LintReport) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"
