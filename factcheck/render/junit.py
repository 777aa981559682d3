"""Lint results as JUnit XML: a test suite per file, a test case per sentence.

CI dashboards that read JUnit (GitLab, Jenkins, Azure) then list every
checked sentence; results at or above ``--fail-on`` are failures, suppressed
ones are skipped, and lower results pass with their message in system-out.

A test case is named by its sentence, never its line and column: dashboards
key test history on the name, and an edit above a sentence moves it. Equal
sentences of a file are told apart by their occurrence ("… (2)"), as the
fingerprints are; the position is in the failure message and the ``line``
attribute.
"""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from hashlib import blake2b
from typing import IO

from factcheck.errors import FactcheckError
from factcheck.lint.linter import FileSummary, LintResult, LintTally, Place

NAME_WIDTH = 80
XML_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _case_name(text: str, taken: set[bytes]) -> str:
    """The sentence, shortened, and its occurrence when an earlier case has the name.

    ``taken`` holds digests of the names given, not the names: a file's every
    sentence is a case, and a digest is small."""
    name = text if len(text) <= NAME_WIDTH else text[: NAME_WIDTH - 1] + "…"
    number, unique = 1, name
    while (key := blake2b(unique.encode(), digest_size=16).digest()) in taken:
        number += 1
        unique = f"{name} ({number})"
    taken.add(key)
    return unique


def _describe(result: LintResult) -> str:
    return (
        f"{result.path}:{result.line}:{result.column}: {result.severity.value} "
        f"{result.rule.id} {result.message}\n{result.sentence}"
    )


def _start_tag(element: ET.Element) -> str:
    """An element's start tag alone, attributes escaped as ElementTree escapes them."""
    return ET.tostring(element, "unicode").removesuffix(" />") + ">"


class JunitWriter:
    """JUnit XML as ``ET.indent`` lays out the whole, a test case at a time.

    The counts of a suite (and of the whole) come before its cases, so the
    cases of the file being linted wait in a temporary file, and the
    finished suites in another, until the counts are known: memory holds
    only counts and the digests of a file's case names. A finished file's
    suite is written when the next file begins or the run ends, so an error
    that stops the run in that file is one more case of it, in ``<error>``.
    """

    def __init__(self, out: IO[str], tally: LintTally) -> None:
        self.out = out
        self.tally = tally
        # Closed by finish; a temporary file has no name to leave behind if a run fails.
        self._suites = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        self._cases = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        self._names: set[bytes] = set()
        self._counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        self._totals = dict(self._counts)
        self._any_suite = False
        self._finished: str | None = None  # the file whose suite is yet to be written

    def place(self, place: Place) -> None:
        self._write_suite()
        case = ET.Element(
            "testcase",
            classname=place.path,
            name=_case_name(place.text, self._names),
            file=place.path,
            line=str(place.line),
        )
        active = [r for r in place.results if r.suppressed is None]
        failing = [r for r in active if self.tally.fails(r)]
        passing = [r for r in active if not self.tally.fails(r)]
        silenced = [r for r in place.results if r.suppressed is not None]
        self._counts["tests"] += 1
        if failing:
            self._counts["failures"] += 1
            first = failing[0]
            element = ET.SubElement(
                case,
                "failure",
                type=first.rule.id,
                message=f"{place.line}:{place.column}: {first.rule.id} {first.message}",
            )
            element.text = "\n".join(_describe(r) for r in failing)
        elif silenced and not passing:
            self._counts["skipped"] += 1
            reason = silenced[0].suppressed
            assert reason is not None
            ET.SubElement(case, "skipped", message=f"{reason.kind}: {reason.reason or 'no reason'}")
        if passing:
            ET.SubElement(case, "system-out").text = "\n".join(_describe(r) for r in passing)
        self._write_case(case)

    def _write_case(self, case: ET.Element) -> None:
        ET.indent(case, level=2)
        self._cases.write("\n    " + ET.tostring(case, "unicode"))

    def file(self, file: FileSummary) -> None:
        self._write_suite()
        self._finished = file.path

    def _write_suite(self) -> None:
        """The suite of the file last finished, with its counts and cases."""
        if self._finished is None:
            return
        suite = ET.Element("testsuite", name=self._finished)
        self._finished = None
        for key in ("tests", "failures", "errors", "skipped"):
            suite.set(key, str(self._counts[key]))
        self._suites.write("\n  ")
        if self._counts["tests"]:
            self._suites.write(_start_tag(suite))
            _copy(self._cases, self._suites)
            self._suites.write("\n  </testsuite>")
        else:
            self._suites.write(ET.tostring(suite, "unicode"))
        self._cases.seek(0)
        self._cases.truncate()
        for key, count in self._counts.items():
            self._totals[key] += count
            self._counts[key] = 0
        self._names.clear()
        self._any_suite = True

    def finish(self, error: FactcheckError | None = None) -> None:
        if error is not None:
            if self._finished is None or self._finished != error.file:
                self._write_suite()  # not the file it stopped in: the error has a suite of its own
                self._finished = error.file or "factcheck"
            self._counts["tests"] += 1
            self._counts["errors"] += 1
            case = ET.Element("testcase", classname=self._finished, name="(linting stopped)")
            ET.SubElement(case, "error", type=type(error).__name__, message=str(error))
            self._write_case(case)
        self._write_suite()
        root = ET.Element("testsuites", name="factcheck")
        for key in ("tests", "failures", "skipped", "errors"):
            root.set(key, str(self._totals[key]))
        self.out.write(XML_HEADER)
        if self._any_suite:
            self.out.write(_start_tag(root))
            _copy(self._suites, self.out)
            self.out.write("\n</testsuites>\n")
        else:
            self.out.write(ET.tostring(root, "unicode") + "\n")
        self._suites.close()
        self._cases.close()


def _copy(spool: IO[str], out: IO[str]) -> None:
    """A temporary file's text, from its start, onto ``out``."""
    spool.seek(0)
    while block := spool.read(1 << 16):
        out.write(block)


writer = JunitWriter
