"""Lint (and fix) one file: the glue between the pure core and the file edges.

Everything the command line does to a single path happens here, so the serial
loop and worker processes share one implementation.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .apply import FixLoopError, apply_fixes, fix_text
from .config import LintConfig
from .engine import ExtraFinder, active_rules, lint
from .model import Applicability, Diagnostic
from .ruleset import Ruleset
from .sources import Decoded, InputError, decode, display_path, encode, read_text, write_atomic
from .sources.textfile import read_bytes
from .sources.records import Record, compress, decompress, is_records, parse_records
from .suppress import is_markdown, per_file_ignores


if TYPE_CHECKING:
    from .grammar import GrammarBackend


class Mode(enum.Enum):
    CHECK = "check"
    FIX = "fix"
    DIFF = "diff"


@dataclass(frozen=True)
class RunOptions:
    """What a run does to every file."""

    ruleset: Ruleset
    config: LintConfig
    mode: Mode = Mode.CHECK
    at_least: Applicability = Applicability.SAFE
    encoding: str | None = None
    per_file_ignores: Mapping[str, Sequence[str]] = field(default_factory=dict)
    text_field: str = "text"
    id_field: str | None = None
    grammar: GrammarBackend | None = None

    def extra(self) -> ExtraFinder | None:
        """The grammar backend as an extra finder, when it is on and a grammar rule is selected."""
        backend = self.grammar
        if backend is None or not any(r.check_type == "languagetool" for r in active_rules(self.ruleset, self.config)):
            return None
        ruleset = self.ruleset
        return lambda text: backend.check(text, ruleset)

    def for_path(self, path: str) -> RunOptions:
        """The options for one file: its per-file ignores, and Markdown structure for ``.md``."""
        config = self.config
        ignored = per_file_ignores(path, self.per_file_ignores)
        if ignored:
            config = replace(config, selection=replace(config.selection, ignore=(*config.selection.ignore, *ignored)))
        if is_markdown(path):
            config = replace(config, markdown=True)
        return self if config is self.config else replace(self, config=config)


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


@dataclass
class FileOutcome:
    path: str
    units: list[Unit] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    changed: bool = False


def lint_text(text: str, path: str, record: str | int | None, options: RunOptions) -> tuple[Unit, str]:
    """Lint one text in the run's mode; return the unit and the text to write back."""
    extra = options.extra()
    if options.mode is Mode.CHECK:
        return Unit(path, record, text, lint(text, options.ruleset, options.config, extra)), text
    if options.mode is Mode.DIFF:
        diagnostics = lint(text, options.ruleset, options.config, extra)
        first = apply_fixes(text, diagnostics, options.at_least)
        return Unit(path, record, text, diagnostics, proposed=first.applied), first.text
    try:
        result = fix_text(text, options.ruleset, options.config, options.at_least, extra)
    except FixLoopError as error:
        raise InputError(path if record is None else f"{path}:{record}", str(error)) from None
    unit = Unit(path, record, result.text, list(result.remaining), fixed_count=len(result.applied))
    return unit, result.text


def process_path(path: str, options: RunOptions) -> FileOutcome:
    """Read, lint, and in ``--fix`` mode write back one file; never raises for bad input."""
    options = options.for_path(path)
    if is_records(path):
        return process_records(path, options)
    label = display_path(path)
    outcome = FileOutcome(label)
    try:
        if path == "-":
            decoded = decode(sys.stdin.buffer.read(), "-", options.encoding)
        else:
            decoded = read_text(Path(path), label, options.encoding)
        unit, new_text = lint_text(decoded.text, label, None, options)
        outcome.units.append(unit)
        outcome.changed = new_text != decoded.text
        if options.mode is Mode.FIX:
            _write_back(path, label, decoded, new_text, outcome.changed)
    except InputError as error:
        outcome.errors.append(error)
    return outcome


def _write_back(path: str, label: str, decoded: Decoded, text: str, changed: bool) -> None:
    if path == "-":
        sys.stdout.buffer.write(encode(text, decoded))
        sys.stdout.buffer.flush()
        return
    if not changed:
        return
    try:
        write_atomic(Path(path), encode(text, decoded))
    except PermissionError:
        raise InputError(label, "cannot write the fixes: the file is read-only (file left unchanged)") from None
    except OSError as error:
        raise InputError(label, f"cannot write the fixes: {error.strerror or error} (file left unchanged)") from None


def process_records(path: str, options: RunOptions) -> FileOutcome:
    """Lint each record of a JSONL file; a bad line is an error of that record only.

    With ``--fix`` only the text field of changed records is rewritten, in place in
    the original line, and the file is written once, atomically.
    """
    label = display_path(path)
    outcome = FileOutcome(label)
    try:
        data = decompress(read_bytes(Path(path), label), label)
    except InputError as error:
        outcome.errors.append(error)
        return outcome
    lines: list[bytes] = []
    for _number, content, ending, record in parse_records(data, label, options.text_field, options.id_field):
        if isinstance(record, InputError):
            outcome.errors.append(record)
        if not isinstance(record, Record):
            lines.append(content + ending)
            continue
        try:
            unit, new_text = lint_text(record.text, label, record.record_id, options)
        except InputError as error:
            outcome.errors.append(error)
            lines.append(content + ending)
            continue
        outcome.units.append(unit)
        if new_text != record.text:
            outcome.changed = True
            lines.append(record.with_text(new_text).encode("utf-8") + ending)
        else:
            lines.append(content + ending)
    if options.mode is Mode.FIX and outcome.changed:
        try:
            write_atomic(Path(path), compress(b"".join(lines), path))
        except OSError as error:
            outcome.errors.append(InputError(label, f"cannot write the fixes: {error.strerror or error} (file left unchanged)"))
    return outcome

