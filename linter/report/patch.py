"""``check --diff``: the unified diff of every file ``--fix`` would change (as ``ruff check --diff``).

The diff goes to the output stream so that it can be piped to ``git apply`` or ``patch -p1``;
the one-line summary goes to stderr.
"""

from __future__ import annotations

from typing import TextIO

from . import Report


def write_patch(report: Report, stream: TextIO, notes: TextIO) -> None:
    fixes = files = 0
    for outcome in report.outcomes:
        stream.write(outcome.patch)
        if not outcome.changed:
            continue
        files += 1
        fixes += sum(len(unit.proposed) for unit in outcome.units)
        if not outcome.patch:
            changed = sum(1 for unit in outcome.units if unit.proposed)
            notes.write(f"newslint: {outcome.path}: {changed} record(s) would change (a Parquet file has no text diff)\n")
    if not report.quiet:
        notes.write(f"newslint: {fixes} fix(es) would be applied in {files} file(s); nothing was written.\n")
