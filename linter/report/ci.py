"""CI formats: GitHub workflow commands, JUnit XML and GitLab Code Quality JSON."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections import Counter
from typing import TextIO

from ..model import Severity
from . import Report, anchor, location, writer

#: GitHub shows at most this many annotations of each level per step.
GITHUB_LIMIT = 10
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@writer("github")
def write_github(report: Report, stream: TextIO) -> None:
    """One workflow command per finding, then a summary with the full counts.

    GitHub displays only the first ten annotations of each level in a step; when
    there are more, a notice says so, and the log keeps every one.
    """
    counts: Counter[Severity] = Counter()
    for unit, index, d in report.findings():
        at = anchor(unit, index, d)
        props = [f"file={_escape_property(unit.path)}"]
        if at.line is not None:
            props.append(f"line={at.line}")
        if at.column is not None and at.end_column is not None:
            props.append(f"col={at.column}")
            if at.end_line == at.line:
                props.append(f"endColumn={max(at.end_column, at.column + 1)}")
            else:
                props.append(f"endLine={at.end_line}")
        record = f" (record {unit.record})" if unit.record is not None else ""
        props.append(f"title={_escape_property(f'{d.code} {d.name}{record}')}")
        stream.write(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_escape_data(at.message(d.message))}\n")
        counts[d.severity] += d.count
    total = sum(counts.values())
    summary = ", ".join(f"{counts[s]} {s.label}" for s in sorted(counts, reverse=True)) or "no findings"
    stream.write(f"newslint: {total} finding(s): {summary}\n")
    if any(n > GITHUB_LIMIT for n in counts.values()):
        stream.write(
            f"::notice title=newslint::{total} findings ({summary}); GitHub shows only the first "
            f"{GITHUB_LIMIT} of each level in a step, the full list is in this log\n"
        )


@writer("junit")
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


@writer("gitlab")
def write_gitlab(report: Report, stream: TextIO) -> None:
    """GitLab Code Quality: an array of issues with a stable fingerprint each."""
    issues = []
    seen: Counter[str] = Counter()
    for unit, index, d in report.findings():
        at = anchor(unit, index, d)
        basis = f"{unit.path}\0{unit.record}\0{d.code}\0{unit.text[d.span.start : d.span.end]}"
        seen[basis] += 1
        fingerprint = hashlib.sha256(f"{basis}\0{seen[basis]}".encode()).hexdigest()
        issues.append(
            {
                "type": "issue",
                "check_name": d.code,
                "description": f"{d.code} {d.name}: {at.message(d.message)}",
                "categories": ["Style"],
                "severity": _GITLAB_SEVERITY[d.severity],
                "fingerprint": fingerprint,
                "location": {"path": unit.path, "lines": {"begin": at.line or 1, "end": at.end_line or 1}},
            }
        )
    json.dump(issues, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
