"""``json`` (one array) and ``jsonl`` (one object a line): the documented, versioned fields."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..line_index import LineIndex
from ..model import Applicability, Diagnostic
from ..runner import Unit
from . import Report, writer


def finding_record(unit: Unit, index: LineIndex, diagnostic: Diagnostic) -> dict[str, Any]:
    """The JSON object of one finding; every machine format builds on this.

    The summary finding of a capped rule also has ``hidden``: how many findings it stands for.
    """
    line, column = index.position(diagnostic.span.start)
    end_line, end_column = index.position(diagnostic.span.end)
    fix = diagnostic.fix
    record = {
        "path": unit.path,
        "record": unit.record,
        "code": diagnostic.code,
        "name": diagnostic.name,
        "kind": diagnostic.kind,
        "severity": diagnostic.severity.label,
        "message": diagnostic.message,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "start": diagnostic.span.start,
        "end": diagnostic.span.end,
        "score": diagnostic.score,
        "source": diagnostic.source,
        "fix": None
        if fix is None
        else {
            "title": fix.title,
            "applicability": fix.applicability.label,
            "edits": [{"start": e.span.start, "end": e.span.end, "replacement": e.replacement} for e in fix.edits],
        },
    }
    if diagnostic.hidden:
        record["hidden"] = diagnostic.hidden
        record["hidden_fixable"] = {"safe": diagnostic.hidden_safe, "unsafe": diagnostic.hidden_unsafe}
    return record


@writer("json")
def write_json(report: Report, stream: TextIO) -> None:
    records = [finding_record(*item) for item in report.findings()]
    json.dump(records, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


@writer("jsonl")
def write_jsonl(report: Report, stream: TextIO) -> None:
    for item in report.findings():
        stream.write(json.dumps(finding_record(*item), ensure_ascii=False) + "\n")


def write_statistics_json(report: Report, stream: TextIO) -> None:
    """``--statistics --format json``: counts by rule, most frequent first (as ``ruff --statistics``)."""
    counts: dict[str, dict[str, Any]] = {}
    for _unit, _index, d in report.findings():
        entry = counts.setdefault(d.code, {"code": d.code, "name": d.name, "severity": d.severity.label, "count": 0, "fixable": 0})
        entry["count"] += 1
        entry["fixable"] += d.fixable(Applicability.UNSAFE)  # as the table counts them
    rows = sorted(counts.values(), key=lambda e: (-e["count"], e["code"]))
    json.dump(rows, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
