"""What a run produces, as every output format and engine reads it.

A :class:`Unit` per linted text, a :class:`FileOutcome` per input, the JSON record of
one finding (the fields of ``--format json``/``jsonl``, the Dask engine's rows and the
machine formats' base) and the fail-on verdict. Formats and engines depend on this module,
never on how the results were made (``linter.processing``) or on one another.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from .document_name import document_name
from .line_index import LineIndex
from .model import Diagnostic, Severity
from .sources import InputError

#: The values of ``fail-on`` (``--fail-on`` and the configuration key).
FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_FAIL_ON = "warning"


def fails(severity: Severity, fail_on: str) -> bool:
    """Whether a finding of ``severity`` fails a run with this ``fail-on``."""
    return fail_on != "never" and severity >= Severity.parse(fail_on)


class Mode(enum.Enum):
    """What a run does to each text; results are read in its light (fixed texts, proposed fixes)."""

    CHECK = "check"
    FIX = "fix"
    DIFF = "diff"


@dataclass
class Unit:
    """One linted text: a whole file, or one record of a data file.

    ``diagnostics`` refer to ``text``: after ``--fix`` that is the fixed text and
    they are what remains; otherwise the original. ``proposed`` are the fixes
    ``--diff`` shows, against ``text``.
    """

    path: str
    record: str | int | None
    text: str
    diagnostics: list[Diagnostic]
    proposed: tuple[Diagnostic, ...] = ()
    fixed_count: int = 0
    #: Where a JSONL record sits in its file (1-based); CI formats annotate that line.
    line: int | None = None
    #: Rules that timed out or failed on part of the text: the check of this text is incomplete.
    incomplete: tuple[Diagnostic, ...] = ()

    def incomplete_lines(self) -> list[str]:
        """One line per place a rule could not check, for stderr (asked of every unit: most have none)."""
        if not self.incomplete:
            return []
        index = LineIndex(self.text)
        where = document_name(self.path, self.record)
        return [f"{where}:{':'.join(map(str, index.position(d.span.start)))}: {d.message}: the check is incomplete" for d in self.incomplete]


@dataclass
class FileOutcome:
    path: str
    units: list[Unit] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    changed: bool = False
    #: With ``--diff``: the unified diff of what ``--fix`` would write ('' for none, or a Parquet file).
    patch: str = ""


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
