"""What every output format shares: the ``Report`` of one run, where a finding sits, its JSON record."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..document_name import document_name
from ..errors import InputError
from ..line_index import LineIndex
from ..model import Diagnostic
from ..rule import Ruleset
from ..results import DEFAULT_FAIL_ON, FileOutcome, Mode, Unit, fails


@dataclass(frozen=True)
class Report:
    """Everything a writer may need; writers never look at flags or the environment themselves."""

    #: A list, or with a streaming format (``Format.streaming``) outcomes as they
    #: arrive, which the writer passes over once.
    outcomes: Iterable[FileOutcome]
    ruleset: Ruleset
    mode: Mode = Mode.CHECK
    color: bool = False
    width: int = 100
    quiet: bool = False
    #: ``--format report``: also write the HTML page here; name sources by this pattern's first group.
    html: Path | None = None
    source_pattern: str | None = None
    #: Each path's ``fail-on`` (its configuration's, or ``--fail-on``): findings below it do not
    #: fail the run (JUnit counts only those that do); a path not listed has the default.
    fail_on: Mapping[str, str] = field(default_factory=dict)
    #: ``--unsafe-fixes`` was given: unsafe fixes are among those applied (or diffed), not hinted at.
    unsafe_fixes: bool = False

    def fails(self, diagnostic: Diagnostic, path: str) -> bool:
        """Whether this finding, in the file at ``path``, makes the run fail under its ``fail-on``."""
        return fails(diagnostic.severity, self.fail_on.get(path, DEFAULT_FAIL_ON))

    def shown(self, unit: Unit) -> tuple[Diagnostic, ...] | list[Diagnostic]:
        """What a unit shows: its findings, or with ``--diff`` the fixes that would be applied."""
        return unit.proposed if self.mode is Mode.DIFF else unit.diagnostics

    def findings(self) -> Iterator[tuple[Unit, LineIndex, Diagnostic]]:
        """Every finding in output order (path, record, offset)."""
        for outcome in self.outcomes:
            yield from self.findings_in(outcome)

    def findings_in(self, outcome: FileOutcome) -> Iterator[tuple[Unit, LineIndex, Diagnostic]]:
        """The findings of one file in output order (record, offset)."""
        for unit in outcome.units:
            shown = self.shown(unit)
            if not shown:
                continue
            index = LineIndex(unit.text)
            for diagnostic in shown:
                yield unit, index, diagnostic


def error_line(outcome: FileOutcome, error: InputError) -> int | None:
    """The file line an input error of ``outcome`` names (a records file's bad line), if any.

    CI formats annotate the file with it, since an error on stderr alone is easy to miss there.
    """
    number = error.path.removeprefix(f"{outcome.path}:")
    return int(number) if number != error.path and number.isdigit() else None


#: A format's writer: the report in, text on the stream.
Writer = Callable[[Report, TextIO], None]


def location(unit: Unit) -> str:
    """``path`` for a file, ``path[record]`` for a record of a data file."""
    return document_name(unit.path, unit.record)


@dataclass(frozen=True)
class Anchor:
    """Where a finding sits in its file, for formats that point at file lines (CI annotations).

    A text file: the finding's own line and columns. A JSONL record: the record's line in
    the file, with no columns (the text is escaped inside the line), and ``note`` names the
    record and the place in its text. A Parquet row has no line.
    """

    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None
    note: str = ""

    def message(self, text: str) -> str:
        return f"{self.note}: {text}" if self.note else text


def anchor(unit: Unit, index: LineIndex, diagnostic: Diagnostic) -> Anchor:
    line, column = index.position(diagnostic.span.start)
    if unit.record is None:
        return Anchor(line, column, *index.position(diagnostic.span.end))
    note = f"record {unit.record}, line {line}:{column} of its text"
    return Anchor(unit.line, None, unit.line, None, note)


