"""``concise``: one line a finding, ``path:line:col: CODE [*] message`` (as flake8 and ruff).

On a terminal (or with ``--color always``) the path is bold, the code takes its severity's
colour and the safe-fix mark is green, as in the full format. Piped (pre-commit, CI logs) the
lines are plain text, written without importing rich, which keeps start-up short. The summary
lines of the full format follow (not its table), as ruff's concise format ends with its summary.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from ..model import Applicability, Diagnostic
from .base import Report, location
from .summary import Tally, summary_lines, tallied


def _lines(report: Report, tally: Tally) -> Iterator[tuple[str, Diagnostic, str]]:
    """Per finding: ``path:line:col:``, the finding, and `` [*]`` when it has a safe fix."""
    for unit, index, diagnostic in tallied(report, tally):
        line, column = index.position(diagnostic.span.start)
        yield f"{location(unit)}:{line}:{column}:", diagnostic, " [*]" if diagnostic.fixable(Applicability.SAFE) else ""


def write_concise(report: Report, stream: TextIO) -> None:
    tally = Tally()
    if report.color:
        _write_coloured(report, stream, tally)
    else:
        for where, diagnostic, mark in _lines(report, tally):
            stream.write(f"{where} {diagnostic.code}{mark} {diagnostic.message}\n")
    if not report.quiet:
        stream.writelines(f"{line}\n" for line in summary_lines(report, tally))


def _write_coloured(report: Report, stream: TextIO, tally: Tally) -> None:
    from .styled import SEVERITY_STYLE, Line, console, line_writer

    write = line_writer(console(report, stream), stream)
    for where, diagnostic, mark in _lines(report, tally):
        out = Line()
        out.append(where, style="bold")
        out.append(" ")
        out.append(diagnostic.code, style=SEVERITY_STYLE[diagnostic.severity])
        out.append(mark, style="green")
        out.append(f" {diagnostic.message}")
        write(out)
