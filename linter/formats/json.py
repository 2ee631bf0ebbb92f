"""``json``: the findings as one array of their documented, versioned records; ``--statistics`` as JSON."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..model import Applicability
from ..results import finding_record
from .base import Report


def write_json(report: Report, stream: TextIO) -> None:
    records = [finding_record(*item) for item in report.findings()]
    json.dump(records, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


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
