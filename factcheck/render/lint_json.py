"""Lint results as one versioned JSON document (schema: schemas/lint-result.schema.json).

Field names are a contract, like ``verify``'s: add beside them, never rename.
Suppressed results (by comment or baseline) are listed apart, with the reason.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck import __version__
from factcheck.lint.linter import RULES, LintReport, LintResult, Rule
from factcheck.render.json import claim_dict, details_dict

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


def report_dict(report: LintReport) -> dict[str, Any]:
    """The whole run: rules, results, suppressed results, files and a summary."""
    options = report.options
    counts = report.counts()
    return {
        "version": LINT_SCHEMA_VERSION,
        "tool": {"name": "factcheck", "version": __version__},
        "rules": [rule_dict(rule, options.severity(rule) or "off") for rule in RULES],
        "results": [result_dict(r) for r in report.results],
        "suppressed": [result_dict(r) for r in report.suppressed],
        "files": [
            {
                "path": f.path,
                "sentences": f.sentences,
                "results": len(f.results),
                "suppressed": len(f.suppressed),
            }
            for f in report.files
        ],
        "summary": {
            "files": len(report.files),
            "sentences": sum(f.sentences for f in report.files),
            **counts,
            "suppressed": len(report.suppressed),
            "fail_on": options.fail_on,
            "failed": bool(report.exit_code()),
        },
    }


def render(report: LintReport) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema of :func:`render`'s output, as shipped inside the package."""
    from importlib.resources import files

    text = files("factcheck").joinpath("schemas", SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)
