"""Fact-linting: verdicts become rule results with severities, for CI.

Rules are data: one table (:data:`RULES`) that the lint renderers (text,
JSON, SARIF, GitHub, JUnit) and the README all read. A run checks each
document, maps findings to rules, applies suppression comments and a
baseline, and decides the exit code once (:meth:`LintReport.exit_code`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from factcheck.errors import ExitStatus, InputError
from factcheck.lint.suppressions import Directive, find_directives, scopes
from factcheck.model import Finding, Verdict
from factcheck.text.document import Document, input_format
from factcheck.text.normalize import normalize

if TYPE_CHECKING:
    from factcheck.check.batch import Progress
    from factcheck.check.checker import Checker, DocumentResult

BASELINE_VERSION = 1
# FC005: an unmatched sentence whose best claim scores within this many points
# below the threshold is close enough that a person should look.
WEAK_MATCH_MARGIN = 10.0
# Shorter sentences (headings, captions) score high on one shared word: not worth a look.
WEAK_MATCH_MIN_WORDS = 5


class Severity(StrEnum):
    """How much a rule's result matters; the values are a contract."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


FAIL_ON = ("error", "warning", "info", "never")


class Rule(NamedTuple):
    """A lint rule: stable id, kebab-case name, default severity and its docs."""

    id: str
    name: str
    severity: Severity
    title: str
    help: str
    verdict: Verdict | None = None


RULES: tuple[Rule, ...] = (
    Rule(
        "FC001",
        "figure-mismatch",
        Severity.ERROR,
        "Figure disagrees with the source",
        "A number, percentage, year or span in the sentence differs from the matching claim's "
        "figure. Correct the figure or cite the source that backs it.",
        Verdict.FIGURE_MISMATCH,
    ),
    Rule(
        "FC002",
        "misquote",
        Severity.ERROR,
        "Quotation differs from the source's words",
        "Quoted words do not match the claim's quotation word for word. Restore the exact "
        "wording, or paraphrase without quotation marks.",
        Verdict.MISQUOTE,
    ),
    Rule(
        "FC003",
        "misattributed",
        Severity.ERROR,
        "Claim credited to the wrong speaker",
        "The sentence credits someone other than the person or organization the source "
        "attributes the claim to. Name the right speaker.",
        Verdict.MISATTRIBUTED,
    ),
    Rule(
        "FC004",
        "unsupported",
        Severity.WARNING,
        "Figure, quotation or attribution that no claim backs",
        "The sentence states a figure, a quotation or who said what, and no claim in the "
        "database matches it. Add the claim to the database or check the fact by hand.",
        Verdict.UNSUPPORTED,
    ),
    Rule(
        "FC005",
        "weak-match",
        Severity.INFO,
        "Weak match worth a human look",
        f"The sentence's closest claim scores just below the match threshold (within "
        f"{WEAK_MATCH_MARGIN:.0f} points; sentences of {WEAK_MATCH_MIN_WORDS} words or more): "
        "it may restate that claim loosely. Compare them.",
    ),
    Rule(
        "FC006",
        "suppression",
        Severity.WARNING,
        "Suppression comment that names an unknown rule or silences nothing",
        "A factcheck-disable/-ignore comment names a rule id that does not exist, or (with "
        "--report-unused-disables) silences no finding. Fix the id or remove the comment.",
    ),
    Rule(
        "FC007",
        "debunked",
        Severity.ERROR,
        "Repeats a claim fact-checkers rated false or misleading",
        "The sentence states a claim that a published fact-check (ClaimReview) rated false, "
        "mostly false or misleading; the finding names the rating, the reviewer, the date and "
        "the link. Correct the sentence, or say the claim is false.",
        Verdict.DEBUNKED,
    ),
)
RULES_BY_ID = {rule.id: rule for rule in RULES}
RULE_NAMES = {rule.name: rule.id for rule in RULES}
RULES_BY_VERDICT = {rule.verdict: rule for rule in RULES if rule.verdict}


def find_rule(key: str) -> Rule | None:
    """A rule by id (``FC001``, any case) or by name (``figure-mismatch``)."""
    return RULES_BY_ID.get(key.upper()) or RULES_BY_ID.get(RULE_NAMES.get(key.lower(), ""))


class LintOptions(NamedTuple):
    """Knobs of a lint run; ``severities`` maps rule ids to a severity or None (off)."""

    threshold: float | None = None
    severities: Mapping[str, Severity | None] = {}
    min_severity: Severity = Severity.INFO
    fail_on: str = "error"
    report_unused_disables: bool = False
    input_format: str = "auto"

    def severity(self, rule: Rule) -> Severity | None:
        return self.severities.get(rule.id, rule.severity)


class Suppressed(NamedTuple):
    """Why a result does not count: an in-source comment or the baseline."""

    kind: str  # "comment" or "baseline"
    reason: str | None = None
    line: int | None = None


class LintResult(NamedTuple):
    """One rule violation at a place in a file."""

    rule: Rule
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    sentence: str
    finding: Finding | None = None
    fingerprint: str = ""
    suppressed: Suppressed | None = None


class FileReport(NamedTuple):
    """A file's sentences (every verdict) and its rule results."""

    path: str
    sentences: int
    findings: tuple[Finding, ...]
    results: tuple[LintResult, ...]
    suppressed: tuple[LintResult, ...]


class LintReport(NamedTuple):
    """Every file of a run and the options that judged them.

    ``fail_on_by_path`` holds the ``fail_on`` of files whose configuration
    (the one nearest to them) differs from ``options``'.
    """

    files: tuple[FileReport, ...]
    options: LintOptions
    fail_on_by_path: Mapping[str, str] = {}

    @property
    def results(self) -> list[LintResult]:
        return [r for f in self.files for r in f.results]

    @property
    def suppressed(self) -> list[LintResult]:
        return [r for f in self.files for r in f.suppressed]

    def fails(self, result: LintResult) -> bool:
        """Whether a result is at or above ``fail_on``."""
        fail_on = self.fail_on_by_path.get(result.path, self.options.fail_on)
        return fail_on != "never" and result.severity.rank >= Severity(fail_on).rank

    def counts(self) -> dict[str, int]:
        counted = Counter(r.severity.value for r in self.results)
        return {s.value: counted.get(s.value, 0) for s in Severity}

    def exit_code(self) -> ExitStatus:
        failing = any(self.fails(r) for r in self.results)
        return ExitStatus.FINDINGS if failing else ExitStatus.OK


# --- one document -------------------------------------------------------------------------


def lint_document(
    checker: Checker,
    document: Document,
    checked: DocumentResult,
    options: LintOptions,
    baseline: frozenset[tuple[str, str]] = frozenset(),
) -> FileReport:
    """Map a checked document's findings to rules, then suppress and baseline them."""
    results = fingerprinted(list(_rule_results(checker, checked.findings, options)))
    directives = find_directives(
        document,
        input_format(document.path, options.input_format),
        frozenset(RULES_BY_ID),
        RULE_NAMES,
    )
    active, suppressed, used = _apply_comments(results, directives, document)
    active.extend(fingerprinted(list(_directive_results(document.path, directives, used, options))))
    kept = []
    for result in active:
        if (result.path, result.fingerprint) in baseline:
            suppressed.append(result._replace(suppressed=Suppressed("baseline", "in the baseline")))
        elif result.severity.rank >= options.min_severity.rank:
            kept.append(result)
    order = lambda r: (r.line, r.column, r.rule.id)  # noqa: E731
    return FileReport(
        document.path,
        checked.sentences,
        tuple(checked.findings),
        tuple(sorted(kept, key=order)),
        tuple(sorted(suppressed, key=order)),
    )


def _rule_results(
    checker: Checker, findings: Iterable[Finding], options: LintOptions
) -> Iterator[LintResult]:
    """A result for each finding that breaks a rule (at most one per sentence)."""
    threshold = checker.options.threshold
    for finding in findings:
        rule = RULES_BY_VERDICT.get(finding.verdict)
        message = finding.message
        if rule is None and finding.verdict is Verdict.UNCHECKED:
            near = threshold - WEAK_MATCH_MARGIN <= finding.score < threshold
            if not near or len(finding.sentence.text.split()) < WEAK_MATCH_MIN_WORDS:
                continue
            rule = RULES_BY_ID["FC005"]
            message = _weak_match_message(finding, threshold)
        if rule is None:
            continue
        severity = options.severity(rule)
        if severity is None:
            continue
        also = finding.details.also
        if also:
            message += f" (also: {', '.join(also)})"
        yield _result(rule, severity, finding, message)


def _result(rule: Rule, severity: Severity, finding: Finding, message: str) -> LintResult:
    s = finding.sentence
    return LintResult(
        rule, severity, finding.path, s.line, s.column, s.end_line, s.end_column, message,
        s.text, finding,
    )  # fmt: skip


def _weak_match_message(finding: Finding, threshold: float) -> str:
    closest = finding.details.closest
    named = f"closest claim {closest.claim.id}" if closest else "closest claim"
    return (
        f"weak match: {named} scores {finding.score:.0f}, just below the threshold "
        f"{threshold:.0f}; compare them by hand"
    )


def _apply_comments(
    results: list[LintResult], directives: list[Directive], document: Document
) -> tuple[list[LintResult], list[LintResult], set[Directive]]:
    """Split results into active and silenced ones; note which directives were used."""
    last_line = document.position(len(document.text))[0]
    found = scopes(directives, last_line)
    active, suppressed, used = [], [], set()
    for result in results:
        scope = next(
            (s for s in found if s.covers(result.rule.id, result.line, result.end_line)), None
        )
        if scope is None:
            active.append(result)
            continue
        used.add(scope.directive)
        reason = Suppressed("comment", scope.directive.reason, scope.directive.line)
        suppressed.append(result._replace(suppressed=reason))
    return active, suppressed, used


def _directive_results(
    path: str, directives: list[Directive], used: set[Directive], options: LintOptions
) -> Iterator[LintResult]:
    """FC006 for directives naming unknown rules, and for unused ones when asked."""
    rule = RULES_BY_ID["FC006"]
    severity = options.severity(rule)
    if severity is None:
        return
    for d in directives:
        if d.unknown:
            message = f"unknown rule {', '.join(d.unknown)} in {d.text}"
        elif options.report_unused_disables and d.kind != "enable" and d not in used:
            message = f"unused suppression: {d.text} silences no finding"
        else:
            continue
        yield LintResult(
            rule, severity, path, d.line, d.column, d.end_line, d.end_column, message, d.text
        )


def fingerprinted(results: list[LintResult]) -> list[LintResult]:
    """Give each result a fingerprint that survives edits elsewhere in the file.

    It hashes the rule, the normalized sentence and its occurrence among equal
    pairs, never line numbers: adding a paragraph above does not make old
    findings new.
    """
    if not results:
        return []
    from hashlib import sha256  # loads OpenSSL: only for a run with results

    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for result in sorted(results, key=lambda r: (r.line, r.column)):
        key = (result.rule.id, normalize(result.sentence))
        digest = sha256(f"{key[0]}\0{key[1]}\0{seen[key]}".encode()).hexdigest()
        seen[key] += 1
        out.append(result._replace(fingerprint=digest[:20]))
    return out


# --- many documents -----------------------------------------------------------------------


def lint_documents(
    checker: Checker,
    documents: list[Document],
    options: LintOptions,
    baseline: frozenset[tuple[str, str]] = frozenset(),
    progress: Progress | None = None,
) -> LintReport:
    """Lint documents with one checker (its options must include unchecked sentences).

    Large batches are checked on every core (``check.batch.check_many``).
    """
    from factcheck.check.batch import check_many

    checked = check_many(checker, documents, progress=progress)
    files = tuple(
        lint_document(checker, document, result, options, baseline)
        for document, result in zip(documents, checked, strict=True)
    )
    return LintReport(files, options)


# --- baseline -----------------------------------------------------------------------------


def baseline_dict(report: LintReport) -> dict:
    """Today's active results, by path and fingerprint, as the baseline file holds them."""
    from factcheck import __version__

    entries = [
        {
            "path": r.path,
            "rule": r.rule.id,
            "fingerprint": r.fingerprint,
            "line": r.line,
            "sentence": r.sentence,
        }
        for r in report.results
    ]
    return {"version": BASELINE_VERSION, "tool": f"factcheck {__version__}", "results": entries}


def write_baseline(path: Path, report: LintReport) -> int:
    """Write the baseline file; returns how many results it holds."""
    import json

    from factcheck.atomic import replace_file

    data = baseline_dict(report)
    try:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        replace_file(path, [text.encode("utf-8")])
    except OSError as error:
        raise InputError(f"cannot write baseline: {error.strerror}", file=str(path)) from None
    return len(data["results"])


def read_baseline(path: Path) -> frozenset[tuple[str, str]]:
    """(path, fingerprint) pairs of a baseline file written by ``--write-baseline``."""
    import json

    fix = "write one with `factcheck lint --write-baseline FILE`"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("no such baseline file", file=str(path), fix=fix) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"cannot read baseline: {error}", file=str(path), fix=fix) from None
    except RecursionError:
        raise InputError(
            "cannot read baseline: nested too deeply", file=str(path), fix=fix
        ) from None
    except ValueError:  # Python reads no integer of more than 4,300 digits
        raise InputError(
            "cannot read baseline: a number of more than 4,300 digits", file=str(path), fix=fix
        ) from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise InputError(f"not a version {BASELINE_VERSION} baseline", file=str(path), fix=fix)
    entries = data.get("results")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict)
        and isinstance(e.get("path"), str)
        and isinstance(e.get("fingerprint"), str)
        for e in entries
    ):
        raise InputError(
            "baseline results must be objects with path and fingerprint", file=str(path), fix=fix
        )
    return frozenset((e["path"], e["fingerprint"]) for e in entries)
