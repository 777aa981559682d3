"""Fact-linting: verdicts become rule results with severities, for CI.

Rules are data: one table (:data:`RULES`) that the lint renderers (text,
JSON, SARIF, GitHub, JUnit) and the README all read. A run checks each
document a chunk at a time, maps findings to rules, applies suppression
comments and a baseline, and yields each file's places as they are made
(:func:`lint_batches`), for writers to write at once (:class:`LintWriter`):
memory does not grow with the draft. The exit code is decided once
(:meth:`LintTally.exit_code`).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from factcheck.errors import ExitStatus, FactcheckError, InputError, stop_reason
from factcheck.lint.suppressions import Directive, Scope, find_directives, first_covering, scopes
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


class Place(NamedTuple):
    """A checked sentence (or a suppression comment) of a file and the results at it.

    ``results`` are the active ones by rule id, then the suppressed ones by
    rule id: a run's places, in file order, list its results in the order
    every format writes them.
    """

    path: str
    line: int
    column: int
    text: str
    results: tuple[LintResult, ...] = ()


class FileSummary(NamedTuple):
    """What a run keeps of a file once its places are written: its counts."""

    path: str
    sentences: int
    results: int
    suppressed: int


class FileReport(NamedTuple):
    """A file's sentences (every verdict) and its rule results, held whole (the LSP's)."""

    path: str
    sentences: int
    findings: tuple[Finding, ...]
    results: tuple[LintResult, ...]
    suppressed: tuple[LintResult, ...]


class LintTally:
    """What a run's summaries and exit code need, counted as places stream past.

    ``fail_on`` per file is the one of the configuration nearest to it; only
    files whose ``fail_on`` differs from the run's ``options`` are noted.
    """

    def __init__(self, options: LintOptions) -> None:
        self.options = options
        self.files: list[FileSummary] = []
        self.suppressed = 0
        self._counted: Counter[str] = Counter()
        self._fail_on: dict[str, str] = {}
        self._failing = False

    def start(self, path: str, options: LintOptions) -> None:
        """A file is about to be linted with ``options``."""
        if options.fail_on != self.options.fail_on:
            self._fail_on[path] = options.fail_on

    def count(self, event: Place | FileSummary) -> Place | FileSummary:
        """Count one place or finished file in, and hand it on."""
        if isinstance(event, FileSummary):
            self.files.append(event)
            return event
        for result in event.results:
            if result.suppressed is not None:
                self.suppressed += 1
                continue
            self._counted[result.severity.value] += 1
            self._failing = self._failing or self.fails(result)
        return event

    def fails(self, result: LintResult) -> bool:
        """Whether a result is at or above its file's ``fail_on``."""
        fail_on = self._fail_on.get(result.path, self.options.fail_on)
        return fail_on != "never" and result.severity.rank >= Severity(fail_on).rank

    def counts(self) -> dict[str, int]:
        """Active results by severity, every severity named."""
        return {s.value: self._counted.get(s.value, 0) for s in Severity}

    @property
    def sentences(self) -> int:
        return sum(f.sentences for f in self.files)

    def exit_code(self) -> ExitStatus:
        return ExitStatus.FINDINGS if self._failing else ExitStatus.OK


class LintReport(NamedTuple):
    """Every file of a run held whole, and its tally (``lint_documents``)."""

    files: tuple[FileReport, ...]
    tally: LintTally

    @property
    def results(self) -> list[LintResult]:
        return [r for f in self.files for r in f.results]

    @property
    def suppressed(self) -> list[LintResult]:
        return [r for f in self.files for r in f.suppressed]

    def exit_code(self) -> ExitStatus:
        return self.tally.exit_code()


class LintWriter(Protocol):
    """One output of a run (a format, the baseline file), told each place, each
    finished file, then the end (flake8's formatter: start, format, stop):
    every format writes as results are made, its summary last.

    A run that an error stops once output has begun (a bad byte late in a
    draft) still ends: ``finish`` is told the error, and a format that is a
    document (JSON, SARIF, JUnit) records it and closes the document whole.
    """

    def place(self, place: Place) -> None: ...

    def file(self, file: FileSummary) -> None: ...

    def finish(self, error: FactcheckError | None = None) -> None: ...


def write_run(events: Iterable[Place | FileSummary], writers: list[LintWriter]) -> None:
    """Hand each event of ``lint_batches`` to every writer, then end them; an
    error that stops the events ends them too, and is raised again (exit 2)."""
    try:
        for event in events:
            for writer in writers:
                if isinstance(event, Place):
                    writer.place(event)
                else:
                    writer.file(event)
    except (FactcheckError, KeyboardInterrupt) as error:
        # Ctrl-C too: every document is closed whole (JSON that parses), saying why.
        for writer in writers:
            writer.finish(stop_reason(error))
        raise
    for writer in writers:
        writer.finish()


# --- one file, a checked chunk at a time --------------------------------------------------


class FileLinter:
    """Lints one file a checked chunk at a time, so a long draft's results are
    written as they are made.

    Map findings to rules, fingerprint them, apply suppression comments and
    the baseline. What is kept from chunk to chunk is small: the file's
    directives (few), and for each rule and sentence a digest and how often
    it came (fingerprints count equal pairs). A directive silences nothing
    before it, so a chunk's results are final when it is read; only
    ``--report-unused-disables`` may wait, for a directive that has silenced
    nothing yet and still could (a ``disable`` region not closed): the
    places after it are held until that is known, as its FC006 sorts before
    them.
    """

    def __init__(
        self,
        path: str,
        options: LintOptions,
        threshold: float,
        baseline: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        self.path = path
        self.options = options
        self.threshold = threshold
        self.baseline = baseline
        self.sentences = 0
        self.results = 0
        self.suppressed = 0
        self._seen: Counter[bytes] = Counter()
        self._directives: list[Directive] = []
        self._used: set[Directive] = set()
        self._undecided: list[Directive] = []
        self._held: list[Place] = []

    def add(self, document: Document, checked: DocumentResult) -> list[Place]:
        """The places of one more chunk (in file order) that can be written now."""
        self.sentences += checked.sentences
        new = find_directives(
            document,
            input_format(document.path, self.options.input_format),
            frozenset(RULES_BY_ID),
            RULE_NAMES,
        )
        self._directives.extend(new)
        found = scopes(self._directives, sys.maxsize)  # an open region runs to the end
        results = list(_rule_results(self.threshold, checked.findings, self.options))
        active, suppressed = self._apply_comments(self._fingerprinted(results), found)
        unknown = [d for d in new if d.unknown]
        if self._reports_unused():
            self._undecided += [d for d in new if not d.unknown and d.kind != "enable"]
        last_line = document.first_line + document.text.count("\n")
        # Directives that could still silence a result after this chunk.
        live = {s.directive for s in found if s.last_line >= last_line}
        unused = [d for d in self._undecided if d not in self._used and d not in live]
        self._undecided = [d for d in self._undecided if d not in self._used and d in live]
        active += self._fingerprinted(list(self._directive_results(unknown + unused)))
        places = self._places(checked.findings, active, suppressed)
        return self._release(places, bool(unused))

    def finish(self) -> list[Place]:
        """The places still held, with the FC006 of directives that silenced nothing."""
        unused = [d for d in self._undecided if d not in self._used]
        self._undecided = []
        places = self._places([], self._fingerprinted(list(self._directive_results(unused))), [])
        return self._release(places, True)

    def cut_short(self) -> list[Place]:
        """The places still held when the file cannot be read on: no directive gets
        an unused FC006, as it may have silenced something in the unread rest."""
        self._undecided = []
        return self._release([], False)

    def summary(self) -> FileSummary:
        return FileSummary(self.path, self.sentences, self.results, self.suppressed)

    def _reports_unused(self) -> bool:
        """Whether directives that silence nothing get an FC006 (then they are waited for)."""
        fc006 = self.options.severity(RULES_BY_ID["FC006"])
        return self.options.report_unused_disables and fc006 is not None

    def _fingerprinted(self, results: list[LintResult]) -> list[LintResult]:
        """Give each result a fingerprint that survives edits elsewhere in the file.

        It hashes the rule, the normalized sentence and its occurrence among
        equal pairs, never line numbers: adding a paragraph above does not
        make old findings new.
        """
        if not results:
            return []
        from hashlib import blake2b, sha256  # loads OpenSSL: only for a run with results

        out = []
        for result in sorted(results, key=lambda r: (r.line, r.column)):
            key = f"{result.rule.id}\0{normalize(result.sentence)}"
            seen = blake2b(key.encode(), digest_size=16).digest()
            digest = sha256(f"{key}\0{self._seen[seen]}".encode()).hexdigest()
            self._seen[seen] += 1
            out.append(result._replace(fingerprint=digest[:20]))
        return out

    def _apply_comments(
        self, results: list[LintResult], found: list[Scope]
    ) -> tuple[list[LintResult], list[LintResult]]:
        """Split results into active and silenced ones; note which directives were used."""
        active, suppressed = [], []
        wanted = [(r.rule.id, r.line, r.end_line) for r in results]
        for result, scope in zip(results, first_covering(found, wanted), strict=True):
            if scope is None:
                active.append(result)
                continue
            self._used.add(scope.directive)
            reason = Suppressed("comment", scope.directive.reason, scope.directive.line)
            suppressed.append(result._replace(suppressed=reason))
        return active, suppressed

    def _directive_results(self, directives: list[Directive]) -> Iterator[LintResult]:
        """FC006 for directives naming unknown rules, and for unused ones."""
        rule = RULES_BY_ID["FC006"]
        severity = self.options.severity(rule)
        if severity is None:
            return
        for d in directives:
            if d.unknown:
                message = f"unknown rule {', '.join(d.unknown)} in {d.text}"
            else:
                message = f"unused suppression: {d.text} silences no finding"
            yield LintResult(
                rule, severity, self.path, d.line, d.column, d.end_line, d.end_column, message,
                d.text,
            )  # fmt: skip

    def _places(
        self, findings: Iterable[Finding], active: list[LintResult], suppressed: list[LintResult]
    ) -> list[Place]:
        """Places in file order: every sentence, and each result where it is; the
        baseline and ``min_severity`` decide which active results stay."""
        kept = []
        for result in active:
            if (result.path, result.fingerprint) in self.baseline:
                baselined = Suppressed("baseline", "in the baseline")
                suppressed.append(result._replace(suppressed=baselined))
            elif result.severity.rank >= self.options.min_severity.rank:
                kept.append(result)
        texts = {(f.sentence.line, f.sentence.column): f.sentence.text for f in findings}
        at: dict[tuple[int, int], tuple[list[LintResult], list[LintResult]]] = {}
        for results, number in ((kept, 0), (suppressed, 1)):
            for result in results:
                place = (result.line, result.column)
                texts.setdefault(place, result.sentence)
                at.setdefault(place, ([], []))[number].append(result)
        self.results += len(kept)
        self.suppressed += len(suppressed)
        by_rule = lambda r: r.rule.id  # noqa: E731
        places = []
        for (line, column), text in sorted(texts.items()):
            shown, silenced = at.get((line, column), ((), ()))
            results = (*sorted(shown, key=by_rule), *sorted(silenced, key=by_rule))
            places.append(Place(self.path, line, column, text, results))
        return places

    def _release(self, places: list[Place], resort: bool) -> list[Place]:
        """The places before the first undecided directive; the rest are held."""
        held = self._held + places
        if resort:
            held.sort(key=lambda p: (p.line, p.column))
        if not self._undecided:
            self._held = []
            return held
        first = min((d.line, d.column) for d in self._undecided)
        cut = next((n for n, p in enumerate(held) if (p.line, p.column) >= first), len(held))
        self._held = held[cut:]
        return held[:cut]


def _rule_results(
    threshold: float, findings: Iterable[Finding], options: LintOptions
) -> Iterator[LintResult]:
    """A result for each finding that breaks a rule (at most one per sentence)."""
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


def lint_document(
    checker: Checker,
    document: Document,
    checked: DocumentResult,
    options: LintOptions,
    baseline: frozenset[tuple[str, str]] = frozenset(),
) -> FileReport:
    """A whole checked document's results, held (the LSP lints one open draft)."""
    linter = FileLinter(document.path, options, checker.options.threshold, baseline)
    return _file_report(checked, linter.add(document, checked) + linter.finish())


def _file_report(checked: DocumentResult, places: list[Place]) -> FileReport:
    results = [r for place in places for r in place.results]
    return FileReport(
        checked.path,
        checked.sentences,
        tuple(checked.findings),
        tuple(r for r in results if r.suppressed is None),
        tuple(r for r in results if r.suppressed is not None),
    )


# --- a run ---------------------------------------------------------------------------------


class Batch(NamedTuple):
    """Inputs linted alike: one checker and options (the configuration nearest to them).

    ``documents`` as a list is checked with ``check_many`` (on every core
    when that pays); as an iterator, a chunk at a time as it is read.
    """

    checker: Checker
    options: LintOptions
    documents: Iterable[Document]


def lint_batches(
    batches: Iterable[Batch],
    tally: LintTally,
    baseline: frozenset[tuple[str, str]] = frozenset(),
    progress: Progress | None = None,
) -> Iterator[Place | FileSummary]:
    """Each file's places in order, then its summary, counted into ``tally`` as
    they are made; files in the order given (a file's first chunk starts at
    offset 0). Checkers' options must include unchecked sentences.

    An error (a chunk that cannot be read) ends the file it stops in with
    the places and counts it has so far, then is raised.
    """
    linter: FileLinter | None = None
    try:
        for batch in batches:
            for document, checked in _checked(batch, progress):
                if document.offset == 0:
                    if linter is not None:
                        yield from map(tally.count, [*linter.finish(), linter.summary()])
                    threshold = batch.checker.options.threshold
                    linter = FileLinter(document.path, batch.options, threshold, baseline)
                    tally.start(document.path, batch.options)
                assert linter is not None
                yield from map(tally.count, linter.add(document, checked))
    except FactcheckError:
        if linter is not None:
            yield from map(tally.count, [*linter.cut_short(), linter.summary()])
        raise
    if linter is not None:
        yield from map(tally.count, [*linter.finish(), linter.summary()])


def _checked(batch: Batch, progress: Progress | None) -> Iterator[tuple[Document, DocumentResult]]:
    from factcheck.check.batch import check_many, check_one

    if isinstance(batch.documents, list):
        checked = check_many(batch.checker, batch.documents, progress=progress)
        yield from zip(batch.documents, checked, strict=True)
        return
    for document in batch.documents:
        yield document, check_one(batch.checker, document)


def lint_documents(
    checker: Checker,
    documents: list[Document],
    options: LintOptions,
    baseline: frozenset[tuple[str, str]] = frozenset(),
    progress: Progress | None = None,
) -> LintReport:
    """Lint whole documents with one checker and hold the report (a library
    caller's; the CLI writes ``lint_batches``' places as they come)."""
    tally = LintTally(options)
    files = []
    for document, checked in _checked(Batch(checker, options, documents), progress):
        linter = FileLinter(document.path, options, checker.options.threshold, baseline)
        tally.start(document.path, options)
        places = [tally.count(p) for p in linter.add(document, checked) + linter.finish()]
        tally.count(linter.summary())
        files.append(_file_report(checked, places))
    return LintReport(tuple(files), tally)


# --- baseline -----------------------------------------------------------------------------


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
