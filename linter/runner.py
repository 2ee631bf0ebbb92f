"""Lint (and fix) one file: the glue between the pure core and the file edges.

Everything the command line does to a single path happens here, so the serial
loop and worker processes share one implementation.
"""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from .apply import FixLoopError, apply_fixes, fix_text
from .config import LintConfig
from .engine import ExtraFinder, active_rules, lint
from .model import Applicability, Diagnostic
from .ruleset import Ruleset
from .sources import Decoded, InputError, decode, display_path, encode, read_text, write_atomic
from .sources.textfile import read_bytes
from .sources.parquet import is_parquet, read_rows, write_with_texts
from .sources.records import Record, compress, decompress, is_records, parse_records
from .suppress import is_markdown, per_file_ignores


if TYPE_CHECKING:
    from .grammar import GrammarBackend


class Mode(enum.Enum):
    CHECK = "check"
    FIX = "fix"
    DIFF = "diff"


@dataclass(frozen=True, kw_only=True)
class RunPlan:
    """What a run does to every file, in plain values (a worker process receives these)."""

    mode: Mode = Mode.CHECK
    at_least: Applicability = Applicability.SAFE
    encoding: str | None = None
    per_file_ignores: Mapping[str, Sequence[str]] = field(default_factory=dict)
    text_field: str = "text"
    id_field: str | None = None
    #: Data files: the field holding each record's language (``--language-field``).
    language_field: str | None = None
    #: With ``--fix``: write repaired copies under this folder instead of rewriting the inputs.
    output_dir: Path | None = None

    def plan(self) -> dict[str, object]:
        """These fields as keyword arguments, to build a subclass from another."""
        return {f.name: getattr(self, f.name) for f in fields(RunPlan)}

    def target(self, path: str) -> Path:
        """Where ``--fix`` writes ``path``: the file itself, or its copy under ``output_dir``.

        The copy keeps the path relative to the working directory (just the name for a
        path outside it), so a data set's layout is kept.
        """
        if self.output_dir is None:
            return Path(path)
        relative = os.path.relpath(os.path.abspath(path))
        if relative.startswith(os.pardir):
            relative = os.path.basename(path)
        target = self.output_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target


@dataclass(frozen=True, kw_only=True)
class RunOptions(RunPlan):
    """A run's plan with what it needs built: the rules, the configuration, the grammar backend."""

    ruleset: Ruleset
    config: LintConfig
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


def lint_text(text: str, path: str, record: str | int | None, options: RunOptions, language: str | None = None) -> tuple[Unit, str]:
    """Lint one text in the run's mode; return the unit and the text to write back.

    ``language`` is the text's language when a record names it (else it is detected).
    """
    extra = options.extra()
    if options.mode is Mode.CHECK:
        return Unit(path, record, text, lint(text, options.ruleset, options.config, extra, language)), text
    if options.mode is Mode.DIFF:
        diagnostics = lint(text, options.ruleset, options.config, extra, language)
        first = apply_fixes(text, diagnostics, options.at_least)
        return Unit(path, record, text, diagnostics, proposed=first.applied), first.text
    try:
        result = fix_text(text, options.ruleset, options.config, options.at_least, extra, language)
    except FixLoopError as error:
        raise InputError(path if record is None else f"{path}:{record}", str(error)) from None
    unit = Unit(path, record, result.text, list(result.remaining), fixed_count=len(result.applied))
    return unit, result.text


#: Records of a data file, as ``(record id, text, language or None)``, linted together by one worker.
Batch = tuple[tuple[str | int, str, str | None], ...]
#: Per record: the unit and the text to write back, or why it could not be linted.
BatchResult = list[tuple[Unit, str] | InputError]
#: Lints the batches of one data file, in order: serially here, or in a worker pool.
BatchMapper = Callable[[str, Sequence[Batch]], Iterable[BatchResult]]
#: Characters of text per batch: large enough to amortise sending it to a worker.
BATCH_CHARS = 250_000


def lint_batch(path: str, batch: Batch, options: RunOptions) -> BatchResult:
    """Lint each record of a batch; ``options`` are already those of ``path``."""
    label = display_path(path)
    results: BatchResult = []
    for record_id, text, language in batch:
        try:
            results.append(lint_text(text, label, record_id, options, language))
        except InputError as error:
            results.append(error)
    return results


def batches_of(records: Iterable[tuple[str | int, str, str | None]]) -> list[Batch]:
    """Consecutive records grouped into batches of about ``BATCH_CHARS`` characters."""
    batches: list[Batch] = []
    current: list[tuple[str | int, str, str | None]] = []
    size = 0
    for record in records:
        current.append(record)
        size += len(record[1])
        if size >= BATCH_CHARS:
            batches.append(tuple(current))
            current, size = [], 0
    if current:
        batches.append(tuple(current))
    return batches


def process_path(path: str, options: RunOptions, batches: BatchMapper | None = None) -> FileOutcome:
    """Read, lint, and in ``--fix`` mode write back one file; never raises for bad input.

    The records of a data file go through ``batches`` (serially when it is None).
    """
    options = options.for_path(path)
    if is_records(path) or is_parquet(path):
        mapper = batches or (lambda p, bs: (lint_batch(p, b, options) for b in bs))
        return (process_records if is_records(path) else process_parquet)(path, options, mapper)
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
            _write_back(path, label, decoded, new_text, outcome.changed, options)
    except InputError as error:
        outcome.errors.append(error)
    return outcome


def _write_back(path: str, label: str, decoded: Decoded, text: str, changed: bool, options: RunOptions) -> None:
    if path == "-":
        sys.stdout.buffer.write(encode(text, decoded))
        sys.stdout.buffer.flush()
        return
    if changed or options.output_dir is not None:
        _write(label, lambda target: write_atomic(target, encode(text, decoded)), options.target(path))


def _write(label: str, write: Callable[[Path], None], target: Path) -> None:
    """Write with ``write``; a failure is an input error naming the file, which stays unchanged."""
    try:
        write(target)
    except PermissionError:
        raise InputError(label, "cannot write the fixes: the file is read-only (file left unchanged)") from None
    except OSError as error:
        raise InputError(label, f"cannot write the fixes: {error.strerror or error} (file left unchanged)") from None


def _results(path: str, mapper: BatchMapper, records: Iterable[tuple[str | int, str]]) -> Iterable[tuple[Unit, str] | InputError]:
    return chain.from_iterable(mapper(path, batches_of(records)))


def process_records(path: str, options: RunOptions, mapper: BatchMapper) -> FileOutcome:
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
    parsed = list(parse_records(data, label, options.text_field, options.id_field, language_field=options.language_field))
    results = iter(_results(path, mapper, ((r.record_id, r.text, r.language) for *_, r in parsed if isinstance(r, Record))))
    lines: list[bytes] = []
    for _number, content, ending, record in parsed:
        if isinstance(record, InputError):
            outcome.errors.append(record)
        result = next(results) if isinstance(record, Record) else None
        if isinstance(result, InputError):
            outcome.errors.append(result)
        if not isinstance(record, Record) or not isinstance(result, tuple):
            lines.append(content + ending)
            continue
        unit, new_text = result
        outcome.units.append(unit)
        if new_text != record.text:
            outcome.changed = True
            lines.append(record.with_text(new_text).encode("utf-8") + ending)
        else:
            lines.append(content + ending)
    if options.mode is Mode.FIX and (outcome.changed or options.output_dir is not None):
        try:
            _write(label, lambda target: write_atomic(target, compress(b"".join(lines), path)), options.target(path))
        except InputError as error:
            outcome.errors.append(error)
    return outcome


def process_parquet(path: str, options: RunOptions, mapper: BatchMapper) -> FileOutcome:
    """Lint each row of a Parquet file; with ``--fix`` write it again with only the text column changed."""
    label = display_path(path)
    outcome = FileOutcome(label)
    try:
        rows = list(read_rows(Path(path), label, options.text_field, options.id_field, options.language_field))
    except InputError as error:
        outcome.errors.append(error)
        return outcome
    results = iter(_results(path, mapper, ((record_id, text, language) for _row, record_id, text, language in rows if isinstance(text, str))))
    new_texts: list[str | None] = []
    for _row, _record_id, text, _language in rows:
        result = text if isinstance(text, InputError) else next(results)
        if isinstance(result, InputError):
            outcome.errors.append(result)
            new_texts.append(None)
            continue
        unit, new_text = result
        outcome.units.append(unit)
        outcome.changed |= new_text != text
        new_texts.append(new_text if new_text != text else None)
    if options.mode is Mode.FIX and (outcome.changed or options.output_dir is not None):
        try:
            _write(label, lambda target: write_with_texts(Path(path), target, label, options.text_field, new_texts), options.target(path))
        except InputError as error:
            outcome.errors.append(error)
    return outcome
