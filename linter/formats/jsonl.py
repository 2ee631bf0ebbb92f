"""``jsonl``: one finding record a line, written as each file's outcome arrives."""

from __future__ import annotations

import json
from typing import TextIO

from ..results import finding_record
from .base import Report


def write_jsonl(report: Report, stream: TextIO) -> None:
    for item in report.findings():
        stream.write(json.dumps(finding_record(*item), ensure_ascii=False) + "\n")
