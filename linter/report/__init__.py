"""Output formats: a small registry of writers over the results of one run."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..line_index import LineIndex
from ..model import Applicability, Diagnostic, Severity
from ..ruleset import Ruleset
from ..runner import FileOutcome, Mode, Unit


@dataclass(frozen=True)
class Report:
    """Everything a writer may need; writers never look at flags or the environment themselves."""

    outcomes: list[FileOutcome]
    ruleset: Ruleset
    mode: Mode = Mode.CHECK
    at_least: Applicability = Applicability.SAFE
    color: bool = False
    width: int = 100
    quiet: bool = False
    #: ``--format report``: also write the HTML page here; name sources by this pattern's first group.
    html: Path | None = None
    source_pattern: str | None = None

    def shown(self, unit: Unit) -> tuple[Diagnostic, ...] | list[Diagnostic]:
        """What a unit shows: its findings, or with ``--diff`` the fixes that would be applied."""
        return unit.proposed if self.mode is Mode.DIFF else unit.diagnostics

    def findings(self) -> Iterator[tuple[Unit, LineIndex, Diagnostic]]:
        """Every finding in output order (path, record, offset)."""
        for outcome in self.outcomes:
            for unit in outcome.units:
                shown = self.shown(unit)
                if not shown:
                    continue
                index = LineIndex(unit.text)
                for diagnostic in shown:
                    yield unit, index, diagnostic

    def counts(self) -> dict[Severity, int]:
        totals = {severity: 0 for severity in Severity}
        for _unit, _index, diagnostic in self.findings():
            totals[diagnostic.severity] += diagnostic.count
        return totals


Writer = Callable[[Report, TextIO], None]
FORMATS: dict[str, Writer] = {}


def writer(name: str) -> Callable[[Writer], Writer]:
    def register(function: Writer) -> Writer:
        FORMATS[name] = function
        return function

    return register


def location(unit: Unit) -> str:
    """``path`` for a file, ``path[record]`` for a record of a data file."""
    return unit.path if unit.record is None else f"{unit.path}[{unit.record}]"


def fix_label(diagnostic: Diagnostic) -> str:
    """``safe``, ``unsafe``, ``display-only`` or ``none``."""
    return diagnostic.fix.applicability.label if diagnostic.fix else "none"


def load_writers() -> None:
    """Import the modules that register writers (kept lazy so start-up stays fast)."""
    from . import ci, concise, full, jsonout, sarif  # noqa: F401

    FORMATS["report"] = _write_corpus_report


def _write_corpus_report(report: Report, stream: TextIO) -> None:
    """``report``: the corpus summary of this run (rich tables; ``--html`` also writes the page)."""
    from .corpus import print_summary, report_documents, summarise, write_page

    rows, documents = report_documents(report)
    summary = summarise(rows, documents, source_pattern=report.source_pattern)
    print_summary(summary, stream, report.color, report.width)
    if report.html is not None:
        write_page(summary, report.html, "newslint corpus report")
