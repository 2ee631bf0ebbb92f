"""Process one file: read, lint, fix and write back; the glue between the pure core and the file edges.

Everything a run does to a single path happens here, so the serial loop, worker
processes, the Dask engine and the language server share one implementation.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import TypeVar

from .apply import FixLoopError, apply_fixes, fix_text
from .cap import cap_findings
from .engine import lint
from .model import Diagnostic
from .options import Prepared, Recipe
from .results import FileOutcome, Mode, Unit
from .rule import INCOMPLETE
from .sources import Decoded, InputError, decode, display_path, encode, is_data_file, read_text, write_atomic
from .sources.fields import FieldCensus
from .sources.textfile import read_bytes
from .sources.parquet import is_parquet, read_rows, write_with_texts
from .sources.records import Record, compress, decompress, is_records, parse_records
from .unified import unified_diff
from .wording import plural


def lint_text(text: str, path: str, record: str | int | None, prepared: Prepared, language: str | None = None) -> tuple[Unit, str]:
    """Lint one text in the run's mode; return the unit and the text to write back.

    ``language`` is the text's language when a record names it (else it is detected). In a
    corpus run (template counts) the text is linted as a document of its source.
    """
    source = prepared.source_of(path, record)
    if prepared.recipe.mode is Mode.CHECK:
        return _unit(path, record, text, lint(text, prepared.ruleset, prepared.config, language, source), prepared), text
    try:
        result = fix_text(text, prepared.ruleset, prepared.config, prepared.recipe.at_least, language, source)
    except FixLoopError as error:
        raise InputError(path if record is None else f"{path}:{record}", str(error)) from None
    if prepared.recipe.mode is Mode.DIFF:
        # The text is what --fix would write (every pass of the loop); the fixes shown beside the
        # original are its first pass, the only one whose offsets are the original's.
        diagnostics = lint(text, prepared.ruleset, prepared.config, language, source)
        first = apply_fixes(text, diagnostics, prepared.recipe.at_least)
        unit = _unit(path, record, text, diagnostics, prepared, proposed=first.applied, fixed_count=len(result.applied))
        return unit, result.text
    return _unit(path, record, result.text, result.remaining, prepared, fixed_count=len(result.applied)), result.text


def _unit(
    path: str,
    record: str | int | None,
    text: str,
    diagnostics: Sequence[Diagnostic],
    prepared: Prepared,
    proposed: Sequence[Diagnostic] = (),
    fixed_count: int = 0,
) -> Unit:
    """The unit of a linted text: rules' reports that they could not check set apart, findings capped per rule."""
    incomplete = tuple(d for d in diagnostics if d.source == INCOMPLETE)
    if incomplete:
        diagnostics = [d for d in diagnostics if d.source != INCOMPLETE]
    limit = prepared.recipe.max_findings
    return Unit(
        path,
        record,
        text,
        cap_findings(diagnostics, limit),
        proposed=tuple(cap_findings(proposed, limit)),
        fixed_count=fixed_count,
        incomplete=incomplete,
    )


#: Records of a data file, as ``(record id, text, language or None)``, linted together by one worker.
Batch = tuple[tuple[str | int, str, str | None], ...]
#: Per record: the unit and the text to write back, or why it could not be linted.
BatchResult = list[tuple[Unit, str] | InputError]
#: Lints the batches of one data file, in order: serially here, or in a worker pool.
BatchMapper = Callable[[str, Sequence[Batch]], Iterable[BatchResult]]
#: Characters of text per batch: large enough to amortise sending it to a worker.
BATCH_CHARS = 250_000
T = TypeVar("T")
#: A JSONL line: its number, bytes and ending, with its record, the error of that line, or None (blank).
ParsedLine = tuple[int, bytes, bytes, "Record | InputError | None"]
#: A Parquet row: its number, record id, text (or why it has none) and language.
ParquetRow = tuple[int, "str | int", "str | InputError", "str | None"]


def lint_batch(path: str, batch: Batch, prepared: Prepared) -> BatchResult:
    """Lint each record of a batch; ``prepared`` is already that of ``path``."""
    label = display_path(path)
    results: BatchResult = []
    for record_id, text, language in batch:
        try:
            results.append(lint_text(text, label, record_id, prepared, language))
        except InputError as error:
            results.append(error)
    return results


def in_batches(items: Iterable[T], text: Callable[[T], str], limit: int = BATCH_CHARS) -> Iterator[tuple[T, ...]]:
    """Consecutive items grouped into batches of about ``limit`` characters of their ``text``."""
    current: list[T] = []
    size = 0
    for item in items:
        current.append(item)
        size += len(text(item))
        if size >= limit:
            yield tuple(current)
            current, size = [], 0
    if current:
        yield tuple(current)


def process_path(path: str, prepared: Prepared, batches: BatchMapper | None = None) -> FileOutcome:
    """Read, lint, and in ``--fix`` mode write back one file; never raises for bad input.

    The records of a data file go through ``batches`` (serially when it is None).
    """
    name = prepared.recipe.stdin_filename if path == "-" and prepared.recipe.stdin_filename else path
    prepared = prepared.for_path(name)
    if is_data_file(path):
        mapper = batches or (lambda p, bs: (lint_batch(p, b, prepared) for b in bs))
        return (process_records if is_records(path) else process_parquet)(path, prepared, mapper)
    label = display_path(name)
    outcome = FileOutcome(label)
    try:
        if path == "-":
            raw = sys.stdin.buffer.read()
            try:
                decoded = decode(raw, label, prepared.recipe.encoding)
            except InputError:
                if prepared.recipe.mode is Mode.FIX:  # a filter passes what it cannot read through unchanged
                    sys.stdout.buffer.write(raw)
                    sys.stdout.buffer.flush()
                raise
        else:
            decoded = read_text(Path(path), label, prepared.recipe.encoding)
        unit, new_text = lint_text(decoded.text, label, None, prepared)
        outcome.units.append(unit)
        outcome.changed = new_text != decoded.text
        if prepared.recipe.mode is Mode.DIFF:
            bom = "\ufeff" if decoded.bom else ""  # the diff's first line must match the file's bytes
            outcome.patch = unified_diff(label, bom + decoded.text, bom + new_text)
        if prepared.recipe.mode is Mode.FIX:
            try:
                _write_back(path, label, decoded, new_text, outcome.changed, prepared)
            except InputError:
                _as_on_disk(outcome, prepared, [(decoded.text, None)])
                raise
    except InputError as error:
        outcome.errors.append(error)
    return outcome


def _write_back(path: str, label: str, decoded: Decoded, text: str, changed: bool, prepared: Prepared) -> None:
    if path == "-":
        sys.stdout.buffer.write(encode(text, decoded))
        sys.stdout.buffer.flush()
        return
    if changed or prepared.recipe.output_dir is not None:
        _write(label, lambda target: write_atomic(target, encode(text, decoded)), prepared.recipe, path)


def _write(label: str, write: Callable[[Path], None], recipe: Recipe, path: str) -> None:
    """Write ``path``'s target with ``write``; a failure is an input error naming the file, which stays unchanged.

    The target is found inside the ``try``: ``--output`` makes its folders, which can fail too
    (a file where a folder should be).
    """
    try:
        write(recipe.target(path))
    except PermissionError:
        raise InputError(label, "cannot write the fixes: the file is read-only (file left unchanged)") from None
    except OSError as error:
        raise InputError(label, f"cannot write the fixes: {error.strerror or error} (file left unchanged)") from None


def _results(path: str, mapper: BatchMapper, records: Iterable[tuple[str | int, str]]) -> Iterable[tuple[Unit, str] | InputError]:
    return chain.from_iterable(mapper(path, list(in_batches(records, itemgetter(1)))))


def _read_jsonl(path: str, label: str, recipe: Recipe, census: FieldCensus | None = None) -> tuple[bytes, list[ParsedLine]]:
    """The bytes of a JSONL file (decompressed) and its lines parsed into records or errors."""
    data = decompress(read_bytes(Path(path), label), label)
    return data, list(parse_records(data, label, recipe.text_field, recipe.id_field, census=census, language_field=recipe.language_field))


def _read_parquet(path: str, label: str, recipe: Recipe) -> list[ParquetRow]:
    """The rows of a Parquet file as ``(row, id, text or error, language)``."""
    return list(read_rows(Path(path), label, recipe.text_field, recipe.id_field, recipe.language_field))


def record_texts(path: str, recipe: Recipe) -> Iterator[tuple[str | int, str]]:
    """Each readable record of a data file as ``(id, text)``, read as pass 2 reads it.

    Template counting (pass 1) reads with this, so both passes see the same records; a
    record that cannot be read is skipped here and reported by pass 2. A file that cannot
    be read raises :class:`InputError`.
    """
    label = display_path(path)
    if is_parquet(path):
        yield from ((record_id, text) for _row, record_id, text, _language in _read_parquet(path, label, recipe) if isinstance(text, str))
        return
    _data, parsed = _read_jsonl(path, label, recipe)
    yield from ((record.record_id, record.text) for *_line, record in parsed if isinstance(record, Record))


def process_records(path: str, prepared: Prepared, mapper: BatchMapper) -> FileOutcome:
    """Lint each record of a JSONL file; a bad line is an error of that record only.

    With ``--fix`` only the text field of changed records is rewritten, in place in
    the original line, and the file is written once, atomically.
    """
    label = display_path(path)
    outcome = FileOutcome(label)
    census = FieldCensus()
    try:
        data, parsed = _read_jsonl(path, label, prepared.recipe, census)
    except InputError as error:
        outcome.errors.append(error)
        return outcome
    problem = census.problem(label, prepared.recipe.text_field, prepared.recipe.id_field)
    if problem is not None:
        outcome.errors.append(problem)
        return outcome
    results = iter(_results(path, mapper, ((r.record_id, r.text, r.language) for *_, r in parsed if isinstance(r, Record))))
    lines: list[bytes] = []
    originals: list[tuple[str, str | None]] = []
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
        unit.line = record.number
        outcome.units.append(unit)
        originals.append((record.text, record.language))
        if new_text != record.text:
            outcome.changed = True
            lines.append(record.with_text(new_text).encode("utf-8") + ending)
        else:
            lines.append(content + ending)
    if prepared.recipe.mode is Mode.DIFF and outcome.changed:
        outcome.patch = unified_diff(label, data.decode("utf-8", "replace"), b"".join(lines).decode("utf-8", "replace"))
    if _fix_writes(outcome, prepared, originals):
        _write_data(outcome, prepared, originals, path, lambda target: write_atomic(target, compress(b"".join(lines), path)))
    return outcome


def _fix_writes(outcome: FileOutcome, prepared: Prepared, originals: list[tuple[str, str | None]]) -> bool:
    """Whether ``--fix`` writes a data file: only when every record was read and fixed.

    A data file with a failed record is left byte for byte as it was (and no copy goes to
    ``--output``): a partial rewrite would mix fixed records with ones nobody looked at.
    The outcome then says so in one more error and claims no fixes: with ``--fix`` it reports
    each record's findings in the text that stays on disk (``originals``: each unit's text and
    language), and ``--diff`` shows no change, since ``--fix`` would make none.
    """
    mode = prepared.recipe.mode
    if mode is Mode.CHECK or not (outcome.changed or (mode is Mode.FIX and prepared.recipe.output_dir is not None)):
        return False
    if outcome.errors:
        failed = len(outcome.errors)
        if mode is Mode.FIX:
            _as_on_disk(outcome, prepared, originals)
            outcome.errors.append(InputError(outcome.path, f"not rewritten: {plural(failed, 'record')} failed (file left unchanged)"))
        else:
            for unit in outcome.units:
                unit.proposed, unit.fixed_count = (), 0
            outcome.patch, outcome.changed = "", False
            outcome.errors.append(InputError(outcome.path, f"--fix would not rewrite it: {plural(failed, 'record')} failed"))
        return False
    return mode is Mode.FIX


def _write_data(outcome: FileOutcome, prepared: Prepared, originals: list[tuple[str, str | None]], path: str, write: Callable[[Path], None]) -> None:
    """Write a fixed data file with ``write``; if that fails, the outcome says so and claims no fixes."""
    try:
        _write(outcome.path, write, prepared.recipe, path)
    except InputError as error:
        _as_on_disk(outcome, prepared, originals)
        outcome.errors.append(error)


def _as_on_disk(outcome: FileOutcome, prepared: Prepared, originals: list[tuple[str, str | None]]) -> None:
    """After ``--fix`` wrote nothing (a failed record, a failed write): each unit's findings in
    the text that stays on disk (``originals``: each unit's text and language), nothing fixed."""
    checking = replace(prepared, recipe=replace(prepared.recipe, mode=Mode.CHECK))
    outcome.units = [_checked(unit, text, language, checking) for unit, (text, language) in zip(outcome.units, originals)]


def _checked(unit: Unit, text: str, language: str | None, checking: Prepared) -> Unit:
    """The unit of a record as it stays on disk: its findings in the original text, nothing fixed."""
    checked, _text = lint_text(text, unit.path, unit.record, checking, language)
    checked.line = unit.line
    return checked


def process_parquet(path: str, prepared: Prepared, mapper: BatchMapper) -> FileOutcome:
    """Lint each row of a Parquet file; with ``--fix`` write it again with only the text column changed."""
    label = display_path(path)
    outcome = FileOutcome(label)
    try:
        rows = _read_parquet(path, label, prepared.recipe)
    except InputError as error:
        outcome.errors.append(error)
        return outcome
    results = iter(_results(path, mapper, ((record_id, text, language) for _row, record_id, text, language in rows if isinstance(text, str))))
    new_texts: list[str | None] = []
    originals: list[tuple[str, str | None]] = []
    for _row, _record_id, text, language in rows:
        result = text if isinstance(text, InputError) else next(results)
        if isinstance(result, InputError):
            outcome.errors.append(result)
            new_texts.append(None)
            continue
        unit, new_text = result
        outcome.units.append(unit)
        originals.append((text, language))
        outcome.changed |= new_text != text
        new_texts.append(new_text if new_text != text else None)
    if _fix_writes(outcome, prepared, originals):
        _write_data(outcome, prepared, originals, path, lambda target: write_with_texts(Path(path), target, label, prepared.recipe.text_field, new_texts))
    return outcome
