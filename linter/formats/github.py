"""``github``: GitHub Actions workflow commands, one annotation a finding, then the counts."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from ..model import Severity
from ..wording import plural
from ..results import FileOutcome
from .base import Report, anchor, error_line

#: GitHub shows at most this many annotations of each level per step.
GITHUB_LIMIT = 10
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(report: Report, stream: TextIO) -> None:
    """One workflow command per finding, then a summary with the full counts.

    GitHub displays only the first ten annotations of each level in a step; when
    there are more, a notice says so, and the log keeps every one.
    """
    counts: Counter[Severity] = Counter()
    for outcome in report.outcomes:
        for error in outcome.errors:
            line = error_line(outcome, error)
            props = f"file={_escape_property(outcome.path)}" + (f",line={line}" if line is not None else "")
            stream.write(f"::error {props},title=newslint input error::{_escape_data(str(error))}\n")
        _write_findings(report, outcome, stream, counts)
    total = sum(counts.values())
    summary = ", ".join(plural(counts[s], s.label) for s in sorted(counts, reverse=True)) or "no findings"
    stream.write(f"newslint: {plural(total, 'finding')}: {summary}\n")
    if any(n > GITHUB_LIMIT for n in counts.values()):
        stream.write(
            f"::notice title=newslint::{total} findings ({summary}); GitHub shows only the first "
            f"{GITHUB_LIMIT} of each level in a step, the full list is in this log\n"
        )


def _write_findings(report: Report, outcome: FileOutcome, stream: TextIO, counts: Counter[Severity]) -> None:
    """One workflow command per finding of one file, counted by severity into ``counts``."""
    for unit, index, d in report.findings_in(outcome):
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
