"""Lint (and fix) one file: the glue between the pure core and the file edges.

Everything the command line does to a single path happens here, so the serial
loop and worker processes share one implementation.
"""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .apply import FixLoopError, apply_fixes, fix_text
from .config import LintConfig
from .engine import lint
from .model import Applicability, Diagnostic
from .ruleset import Ruleset
from .sources import Decoded, InputError, decode, encode, read_text, write_atomic


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
    if options.mode is Mode.CHECK:
        return Unit(path, record, text, lint(text, options.ruleset, options.config)), text
    if options.mode is Mode.DIFF:
        diagnostics = lint(text, options.ruleset, options.config)
        first = apply_fixes(text, diagnostics, options.at_least)
        return Unit(path, record, text, diagnostics, proposed=first.applied), first.text
    try:
        result = fix_text(text, options.ruleset, options.config, options.at_least)
    except FixLoopError as error:
        raise InputError(path if record is None else f"{path}:{record}", str(error)) from None
    unit = Unit(path, record, result.text, list(result.remaining), fixed_count=len(result.applied))
    return unit, result.text


def process_path(path: str, options: RunOptions) -> FileOutcome:
    """Read, lint, and in ``--fix`` mode write back one file; never raises for bad input."""
    outcome = FileOutcome(path)
    try:
        if path == "-":
            decoded = decode(sys.stdin.buffer.read(), "-", options.encoding)
        else:
            decoded = read_text(Path(path), path, options.encoding)
        unit, new_text = lint_text(decoded.text, path, None, options)
        outcome.units.append(unit)
        outcome.changed = new_text != decoded.text
        if options.mode is Mode.FIX:
            _write_back(path, decoded, new_text, outcome.changed)
    except InputError as error:
        outcome.errors.append(error)
    return outcome


def _write_back(path: str, decoded: Decoded, text: str, changed: bool) -> None:
    if path == "-":
        sys.stdout.buffer.write(encode(text, decoded))
        sys.stdout.buffer.flush()
        return
    if not changed:
        return
    try:
        write_atomic(Path(path), encode(text, decoded))
    except PermissionError:
        raise InputError(path, "cannot write the fixes: permission denied (file left unchanged)") from None
    except OSError as error:
        raise InputError(path, f"cannot write the fixes: {error.strerror or error} (file left unchanged)") from None
