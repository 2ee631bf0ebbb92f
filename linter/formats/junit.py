"""``junit``: JUnit XML, a test suite per file and a test case per finding (CI test reports)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from .base import Report, anchor, location


def write_junit(report: Report, stream: TextIO) -> None:
    """A test suite per file, a test case per finding, a passing case for a clean file.

    A finding is a failure when it fails the run (``--fail-on``); one below that is a
    passing case that carries the finding in its output, so the counts agree with the exit code.
    """
    suites = ET.Element("testsuites", name="newslint")
    by_path: dict[str, list[ET.Element]] = {}
    for outcome in report.outcomes:
        by_path.setdefault(outcome.path, [])
        for error in outcome.errors:
            case = ET.Element("testcase", name=f"input {error.path}", classname="newslint.input")
            ET.SubElement(case, "error", message=error.message, type="input-error").text = str(error)
            by_path[outcome.path].append(case)
    for unit, index, d in report.findings():
        line, column = index.position(d.span.start)
        where = f"{location(unit)}:{line}:{column}"
        at = anchor(unit, index, d)
        case = ET.Element("testcase", name=f"{d.code} {d.name} at {where}", classname=f"newslint.{d.kind}", file=unit.path)
        if at.line is not None:
            case.set("line", str(at.line))
        if report.fails(d, unit.path):
            failure = ET.SubElement(case, "failure", message=d.message, type=d.severity.label)
            failure.text = f"{where}: {d.code} {d.message}"
        else:
            ET.SubElement(case, "system-out").text = f"{where}: {d.code} {d.severity.label}: {d.message}"
        by_path.setdefault(unit.path, []).append(case)
    total_failures = 0
    for path, cases in by_path.items():
        failures = sum(1 for c in cases if c.find("failure") is not None)
        errors = sum(1 for c in cases if c.find("error") is not None)
        if not cases:
            cases = [ET.Element("testcase", name=f"newslint {path}", classname="newslint")]
        suite = ET.SubElement(suites, "testsuite", name=path, tests=str(len(cases)), failures=str(failures), errors=str(errors))
        suite.extend(cases)
        total_failures += failures
    suites.set("tests", str(sum(int(s.get("tests", "0")) for s in suites)))
    suites.set("failures", str(total_failures))
    ET.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n")
