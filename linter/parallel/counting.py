"""Pass 1 of a corpus run: read every document once and count its template candidates.

The parts of the work (groups of text files, batches of records, Dask blocks and partitions)
each return their documents' keys (:func:`~linter.templates.document_keys`, an ``array`` of
64-bit integers) and the run adds them to one :class:`~linter.templates.TemplateCounts`; since
the count-min sketch is linear, serial runs, ``--jobs N`` and Dask build the same table. The
counting itself is pure (:mod:`linter.templates`); reading the files is what this module adds.
Whether a run counts is the caller's choice (``check_command``: a folder or a data file named),
made only when a template rule is on (:func:`needs_counts`).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any

from ..checks.template import uses_counts
from ..engine import active_rules
from ..options import Job, Prepared, Recipe
from ..processing import in_batches, record_texts
from ..sources import InputError, display_path, is_data_file, read_text
from ..suppress import is_markdown
from ..templates import TemplateCounts, document_keys, source_of

#: Characters of records per pass-1 task. Counting a news article takes about 0.1 ms, less than
#: handing a task over (the parent's threads wait for the GIL while it warms up, :mod:`.pool`):
#: a few large tasks per worker keep the workers busy.
BATCH_CHARS = 1_000_000
#: Documents named as ``(path label, record id or None, text)``.
Named = tuple[str, "str | int | None", str]
#: Runs a pass-1 task over each item, in order: the worker pool's ``map``, or ``map``.
Mapper = Callable[[Callable[[Any], array], Iterable[Any]], Iterable[array]]
#: Text files (path and encoding) cut into pass-1 tasks: the worker pool's ``cut``, or one task.
Text = tuple[str, "str | None"]
Cutter = Callable[[Sequence[Text]], Iterable[Sequence[Text]]]


def one_task(texts: Sequence[Text]) -> Iterable[Sequence[Text]]:
    """Pass 1's text files as one task (a serial run): none for none."""
    return [texts] if texts else []


def needs_counts(prepared: Iterable[Prepared]) -> bool:
    """Whether a template rule is on for any configuration of the run."""
    return any(uses_counts(active_rules(p.ruleset, p.config)) for p in prepared)


def keys_of(documents: Iterable[Named], pattern: str | None) -> array:
    """The keys of each document in turn (its distinct lines once, and its source's count)."""
    keys = array("Q")
    for path, record, text in documents:
        keys.extend(document_keys(source_of(path, record, pattern), text))
    return keys


def _text_of(path: str, encoding: str | None) -> Named | None:
    label = display_path(path)
    try:
        text = read_text(path, label, encoding).text
    except InputError:
        return None  # pass 2 reports it
    if is_markdown(label):
        from ..markdown import mask_markdown  # here: a corpus of text files never loads the Markdown reader

        return label, None, mask_markdown(text).text
    return label, None, text


def keys_of_files(task: tuple[tuple[tuple[str, str | None], ...], str | None]) -> array:
    """Pass-1 task: the keys of some text files, each ``(path, encoding)``."""
    files, pattern = task
    return keys_of((named for path, encoding in files if (named := _text_of(path, encoding)) is not None), pattern)


def keys_of_records(task: tuple[tuple[Named, ...], str | None]) -> array:
    """Pass-1 task: the keys of a batch of records already read."""
    documents, pattern = task
    return keys_of(documents, pattern)


def records_of(path: str, recipe: Recipe) -> Iterator[Named]:
    """The records of a data file as named documents; unreadable files and records are left to pass 2."""
    label = display_path(path)
    try:
        for record_id, text in record_texts(path, recipe):
            yield label, record_id, text
    except InputError:
        return


def count_templates(
    jobs: Sequence[Job], prepared: Sequence[Prepared], pattern: str | None, mapper: Mapper = map, cut: Cutter = one_task
) -> TemplateCounts | None:
    """Pass 1 of a local run when a template rule is on (else None): ``cut`` makes the tasks, ``mapper`` runs them, the keys are added here."""
    if not needs_counts(prepared):
        return None
    counts = TemplateCounts(pattern)
    texts = [(path, prepared[index].recipe.encoding) for path, index in jobs if not is_data_file(path)]
    groups = [(tuple(group), pattern) for group in cut(texts)]
    for keys in mapper(keys_of_files, groups):
        counts.add(keys)
    for path, index in jobs:
        if is_data_file(path):
            batches = in_batches(records_of(path, prepared[index].recipe), itemgetter(2), BATCH_CHARS)
            for keys in mapper(keys_of_records, ((batch, pattern) for batch in batches)):
                counts.add(keys)
    return counts
