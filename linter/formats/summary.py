"""The closing summary of the formats written for people (``full``, ``concise``, ``--statistics``).

As in ruff, each of them ends with the same lines on the same stream as its findings: how
many findings of which severity in how many files, how many were fixed, and how many
``--fix`` would fix. Plain text, so ``concise`` prints it without importing rich; the
machine formats (json, jsonl, sarif, ...) print none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..line_index import LineIndex
from ..model import Applicability, Diagnostic, Severity
from ..results import FileOutcome, Mode, Unit
from ..wording import plural
from .base import Report


class Tally:
    """Counts of the findings written so far, by code and severity, and of the files they came
    from; a capped rule's summary finding counts as the findings it stands for, so the totals are
    exact. Counted as the findings pass, so a streaming format keeps no outcome."""

    def __init__(self) -> None:
        self.by_code: Counter[str] = Counter()
        self.by_severity: Counter[Severity] = Counter()
        self.fixable: Counter[str] = Counter()
        self.first: dict[str, Diagnostic] = {}
        #: Fixes ``--fix`` would apply (safe, unsafe), and fixes in files it will not rewrite while
        #: one of their records fails (``held_``), which no rerun of ``--fix`` applies as they are.
        self.safe = self.unsafe = self.held_safe = self.held_unsafe = 0
        #: Files read, files that could not be read, fixes applied, files changed.
        self.files = self.unread = self.fixed = self.changed = 0

    def add_outcome(self, outcome: FileOutcome) -> None:
        # A data file without records was read (and is clean): "in 0 files" would say it was not seen.
        self.files += bool(outcome.units or not outcome.errors)
        # A file that could not be read was not checked: "0 findings in 1 file" would claim it was clean.
        self.unread += bool(outcome.errors and not outcome.units)
        self.fixed += sum(unit.fixed_count for unit in outcome.units)
        self.changed += outcome.changed

    def add(self, diagnostic: Diagnostic, held: bool = False) -> None:
        self.by_code[diagnostic.code] += diagnostic.count
        self.by_severity[diagnostic.severity] += diagnostic.count
        self.first.setdefault(diagnostic.code, diagnostic)
        safe = diagnostic.fixable_count(Applicability.SAFE)
        unsafe = diagnostic.fixable_count(Applicability.UNSAFE)
        self.fixable[diagnostic.code] += safe + unsafe
        if held:
            self.held_safe += safe
            self.held_unsafe += unsafe
        else:
            self.safe += safe
            self.unsafe += unsafe


def tallied(report: Report, tally: Tally) -> Iterator[tuple[Unit, LineIndex, Diagnostic]]:
    """``report.findings()``, each finding and its file counted in ``tally`` as it passes."""
    for outcome in report.outcomes:
        tally.add_outcome(outcome)
        for unit, index, diagnostic in report.findings_in(outcome):
            tally.add(diagnostic, held=bool(outcome.errors))
            yield unit, index, diagnostic


def counted(report: Report) -> Tally:
    """The tally of every finding of ``report``, none written."""
    tally = Tally()
    for _finding in tallied(report, tally):
        pass
    return tally


def summary_lines(report: Report, tally: Tally) -> list[str]:
    """The lines after the findings (and after the table of counts, where a format has one)."""
    total = sum(tally.by_code.values())
    if report.mode is Mode.DIFF:
        return [f"{plural(total, 'fix')} would be applied in {plural(tally.changed, 'file')}; nothing was written."]
    counts = tally.by_severity
    parts = ", ".join(plural(counts[s], s.label) for s in sorted(counts, reverse=True))
    found = f"Found {plural(total, 'finding')}" + (f" ({parts})" if parts else "") + f" in {plural(tally.files, 'file')}"
    found += f"; {plural(tally.unread, 'file')} could not be read." if tally.unread else "."
    if tally.fixed:
        found += f" Fixed {tally.fixed}."
    lines = [found]
    if tally.safe and tally.unsafe:
        lines.append(f"{tally.safe} fixable with `newslint check --fix`; {tally.unsafe} more with `--fix --unsafe-fixes` (see them first with `--diff`).")
    elif tally.safe:
        lines.append(f"{tally.safe} fixable with `newslint check --fix` (see them first with `--diff`).")
    elif tally.unsafe:
        # No "more": nothing came before; and a plain --diff would show none of them.
        lines.append(f"{tally.unsafe} fixable with `newslint check --fix --unsafe-fixes` (see them first with `--diff --unsafe-fixes`).")
    if tally.held_safe or tally.held_unsafe:
        held = " and ".join(plural(n, f"{kind} fix") for n, kind in ((tally.held_safe, "safe"), (tally.held_unsafe, "unsafe")) if n)
        lines.append(f"{held} not applied: `--fix` rewrites a file only when all of it reads and it can be written (mend the errors above).")
    return lines
