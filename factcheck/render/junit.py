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

import xml.etree.ElementTree as ET

from factcheck.lint.linter import FileReport, LintReport, LintResult

NAME_WIDTH = 80


def _case_name(text: str, taken: set[str]) -> str:
    """The sentence, shortened, and its occurrence when an earlier case has the name."""
    name = text if len(text) <= NAME_WIDTH else text[: NAME_WIDTH - 1] + "…"
    number, unique = 1, name
    while unique in taken:
        number += 1
        unique = f"{name} ({number})"
    taken.add(unique)
    return unique


def _describe(result: LintResult) -> str:
    return (
        f"{result.path}:{result.line}:{result.column}: {result.severity.value} "
        f"{result.rule.id} {result.message}\n{result.sentence}"
    )


def _suite(report: LintReport, file: FileReport) -> ET.Element:
    suite = ET.Element("testsuite", name=file.path)
    by_place: dict[tuple[int, int], list[LintResult]] = {}
    for result in (*file.results, *file.suppressed):
        by_place.setdefault((result.line, result.column), []).append(result)
    places = {(f.sentence.line, f.sentence.column): f.sentence.text for f in file.findings}
    for result in file.results + file.suppressed:
        places.setdefault((result.line, result.column), result.sentence)
    failures = skipped = 0
    names: set[str] = set()
    for (line, column), text in sorted(places.items()):
        case = ET.SubElement(
            suite,
            "testcase",
            classname=file.path,
            name=_case_name(text, names),
            file=file.path,
            line=str(line),
        )
        results = by_place.get((line, column), [])
        failing = [r for r in results if r.suppressed is None and report.fails(r)]
        passing = [r for r in results if r.suppressed is None and not report.fails(r)]
        silenced = [r for r in results if r.suppressed is not None]
        if failing:
            failures += 1
            first = failing[0]
            element = ET.SubElement(
                case,
                "failure",
                type=first.rule.id,
                message=f"{line}:{column}: {first.rule.id} {first.message}",
            )
            element.text = "\n".join(_describe(r) for r in failing)
        elif silenced and not passing:
            skipped += 1
            reason = silenced[0].suppressed
            assert reason is not None
            ET.SubElement(case, "skipped", message=f"{reason.kind}: {reason.reason or 'no reason'}")
        if passing:
            ET.SubElement(case, "system-out").text = "\n".join(_describe(r) for r in passing)
    suite.set("tests", str(len(places)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    return suite


def render(report: LintReport) -> str:
    root = ET.Element("testsuites", name="factcheck")
    suites = [_suite(report, file) for file in report.files]
    root.extend(suites)
    for key in ("tests", "failures", "skipped"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in suites)))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
