"""What every output format shares: the ``Report`` of one run, where a finding sits, its JSON record."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..line_index import LineIndex
from ..model import Diagnostic
from ..ruleset import Ruleset
from ..runner import FileOutcome, Mode, Unit
from ..settings import DEFAULT_FAIL_ON, fails


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

    def fails(self, diagnostic: Diagnostic, path: str) -> bool:
        """Whether this finding, in the file at ``path``, makes the run fail under its ``fail-on``."""
        return fails(diagnostic.severity, self.fail_on.get(path, DEFAULT_FAIL_ON))

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


#: A format's writer: the report in, text on the stream.
Writer = Callable[[Report, TextIO], None]


def location(unit: Unit) -> str:
    """``path`` for a file, ``path[record]`` for a record of a data file."""
    return unit.path if unit.record is None else f"{unit.path}[{unit.record}]"


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


def finding_record(unit: Unit, index: LineIndex, diagnostic: Diagnostic) -> dict[str, Any]:
    """The JSON object of one finding; every machine format builds on this.

    A finding that names a language also has ``language``; the summary finding of a capped rule
    also has ``hidden``: how many findings it stands for.
    """
    line, column = index.position(diagnostic.span.start)
    end_line, end_column = index.position(diagnostic.span.end)
    fix = diagnostic.fix
    record = {
        "path": unit.path,
        "record": unit.record,
        "code": diagnostic.code,
        "name": diagnostic.name,
        "kind": diagnostic.kind,
        "severity": diagnostic.severity.label,
        "message": diagnostic.message,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "start": diagnostic.span.start,
        "end": diagnostic.span.end,
        "score": diagnostic.score,
        "source": diagnostic.source,
        "fix": None
        if fix is None
        else {
            "title": fix.title,
            "applicability": fix.applicability.label,
            "edits": [{"start": e.span.start, "end": e.span.end, "replacement": e.replacement} for e in fix.edits],
        },
    }
    if diagnostic.language is not None:
        record["language"] = diagnostic.language
    if diagnostic.hidden:
        record["hidden"] = diagnostic.hidden
        record["hidden_fixable"] = {"safe": diagnostic.hidden_safe, "unsafe": diagnostic.hidden_unsafe}
    return record
