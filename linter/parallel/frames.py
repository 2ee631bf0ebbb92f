"""Corpora as data frames: the pure lint function mapped over partitions by Dask, or by you.

``lint_frame`` is the unit of work: a pandas frame of articles in, a frame of
findings out (the columns of ``--format jsonl``). Dask maps it over the partitions
of Parquet data sets, and the same batch function over newline-aligned blocks of
JSONL files; Ray or Spark users can map ``lint_frame`` themselves. Findings come back
in (path, record, offset) order, exactly as a serial run prints them. Template counts (pass 1,
:mod:`.counting`) are made by tasks over the same parts, added on the client and scattered to
the workers, which lint with them. Dask, pandas
and pyarrow are optional (``pip install 'newslint[dask]'``) and imported only here.
"""

from __future__ import annotations

import json
import pickle
import sys
from array import array
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..language import record_language
from ..wording import plural
from ..line_index import LineIndex
from ..model import Severity
from ..options import Prepared, Recipe
from ..processing import BatchResult, lint_batch, process_path
from ..results import Mode, fails, finding_record
from ..sources import InputError, display_path
from ..sources.fields import FieldCensus, id_fields, row_names
from ..sources.parquet import is_parquet
from ..sources.records import Record, is_records, parse_records
from ..templates import TemplateCounts
from .counting import keys_of, keys_of_files, needs_counts
from .pool import default_jobs

if TYPE_CHECKING:
    import pandas

#: Bytes of a JSONL file per Dask task.
BLOCK_BYTES = 1_000_000
COLUMNS = (
    "path", "record", "code", "name", "kind", "severity", "message", "line", "column",
    "end_line", "end_column", "start", "end", "score", "source", "fix",
)

_PREPARED: dict[bytes, Prepared] = {}


def _prepared(recipe: Recipe, counts: TemplateCounts | None = None) -> Prepared:
    """The recipe built once per worker process, with a corpus's template counts when given."""
    key = pickle.dumps(recipe)
    if key not in _PREPARED:
        _PREPARED[key] = recipe.build()
    return _PREPARED[key] if counts is None else _PREPARED[key].with_counts(counts)


def _rows(results: BatchResult) -> tuple[list[dict[str, Any]], list[str]]:
    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    for result in results:
        if isinstance(result, InputError):
            errors.append(str(result))
            continue
        unit, _text = result
        index = LineIndex(unit.text)
        rows.extend(finding_record(unit, index, d) for d in unit.diagnostics)
        errors.extend(unit.incomplete_lines())
    return rows, errors


def _frame(rows: list[dict[str, Any]]) -> pandas.DataFrame:
    import pandas

    return pandas.DataFrame(rows, columns=list(COLUMNS))


def frame_records(frame: pandas.DataFrame, recipe: Recipe, path: str, first_row: int) -> tuple[list[tuple[str | int, str, str | None]], list[str]]:
    """The frame's articles as ``(record id, text, language)`` and its rows without a string text as error lines."""
    texts = frame[recipe.text_field].tolist()
    named_by = [name for name in id_fields(recipe.id_field, recipe.text_field) if name in frame.columns]
    names = row_names([frame[name].tolist() for name in named_by], first_row, len(texts))
    has_languages = recipe.language_field is not None and recipe.language_field in frame.columns
    languages = frame[recipe.language_field].tolist() if has_languages else [None] * len(texts)
    records, errors = [], []
    for row, (text, name, language) in enumerate(zip(texts, names, languages), start=first_row):
        if isinstance(text, str):
            records.append((name, text, record_language(language)))
        else:
            missing = text is None or text != text  # pandas gives NaN for a missing string
            errors.append(f"{display_path(path)}:{row}: row has a {'null' if missing else 'non-string'} '{recipe.text_field}' value")
    return records, errors


def lint_frame(
    frame: pandas.DataFrame, recipe: Recipe | None = None, path: str = "<frame>", first_row: int = 1, counts: TemplateCounts | None = None
) -> pandas.DataFrame:
    """Findings for the articles in ``frame`` (column ``recipe.text_field``), one row per finding.

    Records are named by ``recipe.id_field`` when the frame has it (without one, by the first
    conventional id column, ``sources.fields.ID_FIELDS``, holding a value), else by row number
    counting from ``first_row``. Rows whose text is not a string are listed, as one-line
    errors, in ``result.attrs["errors"]``. ``counts`` are the template counts of a corpus
    (:mod:`.counting`), without which the template rules find nothing.
    """
    recipe = recipe or Recipe()
    prepared = _prepared(recipe, counts).for_path(path)
    records, errors = frame_records(frame, recipe, path, first_row)
    rows, lint_errors = _rows(lint_batch(path, tuple(records), prepared))
    result = _frame(rows)
    result.attrs["errors"] = errors + lint_errors
    return result


def _lint_block(data: bytes, first_line: int, path: str, recipe: Recipe, counts: TemplateCounts | None) -> tuple[list[dict[str, Any]], list[str]]:
    """Findings and errors for a newline-aligned block of a JSONL file."""
    prepared = _prepared(recipe, counts).for_path(path)
    label = display_path(path)
    records, errors = [], []
    for _number, _content, _ending, record in parse_records(data, label, recipe.text_field, recipe.id_field, first_line, recipe.language_field):
        if isinstance(record, InputError):
            errors.append(str(record))
        elif isinstance(record, Record):
            records.append((record.record_id, record.text, record.language))
    rows, lint_errors = _rows(lint_batch(path, tuple(records), prepared))
    return rows, errors + lint_errors


def _lint_partition(
    frame: pandas.DataFrame, first_row: int, path: str, recipe: Recipe, counts: TemplateCounts | None
) -> tuple[list[dict[str, Any]], list[str]]:
    result = lint_frame(frame, recipe, path, first_row, counts)
    return result.to_dict("records"), result.attrs["errors"]


def _lint_file(path: str, recipe: Recipe, counts: TemplateCounts | None) -> tuple[list[dict[str, Any]], list[str]]:
    outcome = process_path(path, _prepared(recipe, counts))
    rows = [finding_record(u, LineIndex(u.text), d) for u in outcome.units for d in u.diagnostics]
    return rows, [str(e) for e in outcome.errors] + [line for u in outcome.units for line in u.incomplete_lines()]


# Pass 1 of the template counts: the keys of the same parts (a JSONL block, a Parquet partition, a text file).


def _keys_of_block(data: bytes, first_line: int, path: str, recipe: Recipe, pattern: str | None) -> array:
    label = display_path(path)
    records = parse_records(data, label, recipe.text_field, recipe.id_field, first_line)
    return keys_of(((label, r.record_id, r.text) for *_line, r in records if isinstance(r, Record)), pattern)


def _keys_of_partition(frame: pandas.DataFrame, first_row: int, path: str, recipe: Recipe, pattern: str | None) -> array:
    label = display_path(path)
    records, _errors = frame_records(frame, recipe, path, first_row)
    return keys_of(((label, record_id, text) for record_id, text, _language in records), pattern)


def _keys_of_file(path: str, recipe: Recipe, pattern: str | None) -> array:
    return keys_of_files((((path, recipe.encoding),), pattern))


#: What a Dask task does to a JSONL block, a Parquet partition and a text file: lint them, or count their keys.
Work = tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]
LINT: Work = (_lint_block, _lint_partition, _lint_file)
COUNT: Work = (_keys_of_block, _keys_of_partition, _keys_of_file)


def _survey(data: bytes, text_field: str, id_field: str | None) -> tuple[int, FieldCensus]:
    """A block's line count (to number the lines of the next blocks) and the fields of its records."""
    census = FieldCensus()
    for _record in parse_records(data, "", text_field, id_field, census=census):
        pass
    return len(data.splitlines()), census


def _check_fields(label: str, census: FieldCensus, recipe: Recipe) -> None:
    problem = census.problem(label, recipe.text_field, recipe.id_field)
    if problem is not None:
        raise problem


@dataclass(frozen=True)
class Plan:
    """One input split into the parts Dask tasks read (JSONL blocks, Parquet partitions, or the file itself), in record order.

    Planning reads the data (a JSONL file's blocks are surveyed for line counts and fields), so a
    corpus run plans each input once and makes both passes' tasks from the plan.
    """

    path: str
    recipe: Recipe
    #: Which function of a :data:`Work` reads the parts: 0 JSONL blocks, 1 Parquet partitions, 2 a text file.
    kind: int
    #: Delayed blocks or partitions, and the number of each one's first record (none for a text file).
    parts: tuple[Any, ...] = ()
    starts: tuple[int, ...] = ()

    def tasks(self, work: Work, extra: Any = None) -> list[Any]:
        """Delayed results of ``work`` (``(rows, errors)``, or keys) for each part; ``extra`` is its last argument."""
        from dask import delayed

        if self.kind == 2:
            return [delayed(work[2])(self.path, self.recipe, extra)]
        return [delayed(work[self.kind])(part, start, self.path, self.recipe, extra) for part, start in zip(self.parts, self.starts)]


def plan(path: str, recipe: Recipe) -> Plan:
    """The plan of one input; raises :class:`InputError` (a field no record has), ``OSError`` or ``ValueError``."""
    import dask
    from dask import delayed

    if is_records(path):
        from dask.bytes import read_bytes

        gzipped = path.lower().endswith(".gz")
        _sample, files = read_bytes(
            path, delimiter=b"\n", blocksize=None if gzipped else BLOCK_BYTES, sample=False, compression="gzip" if gzipped else None
        )
        blocks = files[0]
        surveys = dask.compute(*[delayed(_survey)(block, recipe.text_field, recipe.id_field) for block in blocks])
        census = FieldCensus()
        for _count, block_census in surveys:
            census.add(block_census.names)
        _check_fields(display_path(path), census, recipe)
        return Plan(path, recipe, 0, tuple(blocks), _starts([count for count, _census in surveys]))
    if is_parquet(path):
        import dask.dataframe as dd

        names = list(dd.read_parquet(path).columns)
        _check_fields(display_path(path), FieldCensus(names), recipe)
        fields = [*id_fields(recipe.id_field, recipe.text_field), recipe.language_field]
        columns = [recipe.text_field] + [field for field in dict.fromkeys(fields) if field and field != recipe.text_field and field in names]
        parts = dd.read_parquet(path, columns=columns).to_delayed()
        return Plan(path, recipe, 1, tuple(parts), _starts(dask.compute(*[delayed(len)(part) for part in parts])))
    return Plan(path, recipe, 2)


def _starts(counts: Sequence[int]) -> tuple[int, ...]:
    """The number of each part's first record (from 1), given how many each part holds."""
    return tuple(1 + sum(counts[:i]) for i in range(len(counts)))


def _uses_counts(recipe: Recipe) -> bool:
    """On a worker: whether ``recipe``'s rules read template counts (built there once, as its lint tasks need them)."""
    return needs_counts([_prepared(recipe)])


def _template_counts(plans: Sequence[Plan], client: Any, source_pattern: str | None) -> Any:
    """Pass 1: every part's keys added on the client, then the counts sent to each worker; None without a template rule.

    Whether a template rule is on is asked of a worker, which builds the rules for its lint
    tasks anyway: the client builds none.
    """
    from distributed import as_completed

    recipes = {pickle.dumps(p.recipe): p.recipe for p in plans}
    if not any(client.gather([client.submit(_uses_counts, recipe, pure=False) for recipe in recipes.values()])):
        return None
    counts = TemplateCounts(source_pattern)
    for each in plans:
        for future in as_completed(client.compute(each.tasks(COUNT, source_pattern))):
            counts.add(future.result())
    return client.scatter(counts, broadcast=True)


def lint_dataset(
    jobs: Sequence[tuple[str, Recipe]], client: Any, source_pattern: str | None = None, templates: bool = True
) -> tuple[list[dict[str, Any]], list[str]]:
    """Findings (as ``--format jsonl`` records) and errors for each path with its recipe, computed on ``client``'s cluster.

    With ``templates`` (the jobs are a corpus) and a template rule on, pass 1 counts the
    template lines first; ``source_pattern`` names the sources (``--source-pattern``). Each
    input is planned once, for both passes.
    """
    rows: list[dict[str, Any]] = []
    errors: list[str] = []
    plans: list[Plan | str] = []
    for path, recipe in jobs:
        try:
            plans.append(plan(path, recipe))
        except InputError as error:
            plans.append(str(error))
        except (OSError, ValueError) as error:  # unreadable or not a data set: one line, go on
            plans.append(f"{display_path(path)}: cannot read ({error})")
    planned = [each for each in plans if isinstance(each, Plan)]
    counts = _template_counts(planned, client, source_pattern) if templates and planned else None
    for each in plans:
        if isinstance(each, str):
            errors.append(each)
            continue
        for part_rows, part_errors in client.gather(client.compute(each.tasks(LINT, counts))):
            rows.extend(part_rows)
            errors.extend(part_errors)
    return rows, errors


def write_findings(rows: list[dict[str, Any]], target: Path | None, stream: TextIO) -> None:
    """JSONL on ``stream`` (or in a ``.jsonl`` file), or a Parquet file for a ``.parquet`` target."""
    if target is not None and is_parquet(str(target)):
        frame = _frame(rows)
        frame["record"] = frame["record"].map(lambda r: None if r is None else str(r))
        frame["fix"] = frame["fix"].map(lambda f: None if f is None else json.dumps(f, ensure_ascii=False))
        frame.to_parquet(target, index=False)
        return
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if target is None:
        stream.write(lines)
    else:
        target.write_text(lines, encoding="utf-8")


def run_dask(
    jobs: Sequence[tuple[str, Recipe]], scheduler: str | None, findings: Path | None, stream: TextIO,
    source_pattern: str | None = None, templates: bool = True,
) -> int:
    """``newslint check --engine dask``: exit 2 on input errors, 1 on findings at each file's recipe's ``fail_on``, else 0.

    ``templates``: the jobs are a corpus, whose template lines are counted (see :func:`lint_dataset`).
    """
    if any(recipe.mode is not Mode.CHECK for _path, recipe in jobs):
        print("newslint: error: --engine dask only checks; fix with the local engine (--fix --output DIR)", file=sys.stderr)
        return 2
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("newslint: error: --engine dask needs Dask: pip install 'newslint[dask]'", file=sys.stderr)
        return 2
    with ExitStack() as stack:
        try:
            if scheduler:
                client = stack.enter_context(Client(scheduler, timeout="20s"))
            else:
                cluster = stack.enter_context(
                    LocalCluster(n_workers=default_jobs(), threads_per_worker=1, processes=True, dashboard_address=None)
                )
                client = stack.enter_context(Client(cluster))
        except (OSError, TimeoutError) as error:
            print(f"newslint: error: cannot reach the Dask scheduler {scheduler or '(local)'}: {error}", file=sys.stderr)
            return 2
        rows, errors = lint_dataset(jobs, client, source_pattern, templates)
    for error in errors:
        print(f"newslint: error: {error}", file=sys.stderr)
    write_findings(rows, findings, stream)
    if findings is not None:
        stream.write(f"newslint: {plural(len(rows), 'finding')} written to {findings}\n")
    if errors:
        return 2
    thresholds = {display_path(path): recipe.fail_on for path, recipe in jobs}
    return 1 if any(fails(Severity.parse(row["severity"]), thresholds[row["path"]]) for row in rows) else 0
