"""``gitlab``: GitLab Code Quality JSON, an issue per finding with a stable fingerprint."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import TextIO

from ..model import Severity
from .base import Report, anchor

_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


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
