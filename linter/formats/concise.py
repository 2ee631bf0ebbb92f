"""``concise``: one line a finding, ``path:line:col: CODE [*] message`` (as flake8 and ruff)."""

from __future__ import annotations

from typing import TextIO

from ..model import Applicability
from .base import Report, location


def write_concise(report: Report, stream: TextIO) -> None:
    for unit, index, diagnostic in report.findings():
        line, column = index.position(diagnostic.span.start)
        mark = " [*]" if diagnostic.fixable(Applicability.SAFE) else ""
        stream.write(f"{location(unit)}:{line}:{column}: {diagnostic.code}{mark} {diagnostic.message}\n")
