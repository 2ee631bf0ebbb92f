"""What a fix run changes: ``--diff``'s unified diff, and ``--fix --quiet``'s list of changed files.

``--diff`` (as ``ruff check --diff``) writes the diff to the output stream so that it can be
piped to ``git apply`` or ``patch -p1``; its one-line summary goes to stderr. ``--fix --quiet``
(the pre-commit fix hook) names only the files it changed: the findings that remain are the
check hook's to print.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from ..model import Applicability
from ..wording import plural
from .base import Report

#: The colours ``git diff`` gives a patch's lines, by their first characters (most specific first).
_PATCH_STYLES = (("--- ", "bold"), ("+++ ", "bold"), ("@@", "cyan"), ("-", "red"), ("+", "green"))


def _patch_writer(report: Report, stream: TextIO) -> Callable[[str], None]:
    """Write a patch as it is, or, on a colour terminal (or ``--color always``), coloured as ``git diff`` does."""
    if not report.color:
        return stream.write
    from .styled import Line, console, line_writer

    write = line_writer(console(report, stream), stream)

    def coloured(patch: str) -> None:
        for text in patch.splitlines():
            write(Line(text, next((style for start, style in _PATCH_STYLES if text.startswith(start)), "")))

    return coloured


def write_patch(report: Report, stream: TextIO, notes: TextIO) -> None:
    fixes = files = unsafe = 0
    write = _patch_writer(report, stream)
    for outcome in report.outcomes:
        write(outcome.patch)
        # What is left fixable only unsafely, as ``ruff check --diff`` says: else "0 fixes" after a check showed [*].
        unsafe += sum(d.fixable_count(Applicability.UNSAFE) for unit in outcome.units for d in unit.diagnostics)
        if not outcome.changed:
            continue
        files += 1
        fixes += sum(unit.fixed_count for unit in outcome.units)
        if not outcome.patch:
            changed = sum(1 for unit in outcome.units if unit.proposed)
            notes.write(f"newslint: {outcome.path}: {plural(changed, 'record')} would change (a Parquet file has no text diff)\n")
    if not report.quiet:
        more = f" ({unsafe} more with `--unsafe-fixes`)" if unsafe and not report.unsafe_fixes else ""
        notes.write(f"newslint: {plural(fixes, 'fix')} would be applied in {plural(files, 'file')}{more}; nothing was written.\n")


def write_changes(report: Report, stream: TextIO) -> None:
    for outcome in report.outcomes:
        fixed = [unit.fixed_count for unit in outcome.units if unit.fixed_count]
        if not outcome.changed or not fixed:
            continue
        records = f" in {plural(len(fixed), 'record')}" if outcome.units[0].record is not None else ""
        stream.write(f"{outcome.path}: {plural(sum(fixed), 'fix')} applied{records}\n")
