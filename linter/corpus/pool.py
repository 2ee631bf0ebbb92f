"""Lint many files, and the records of large data files, in a pool of worker processes.

A :class:`Recipe` describes the settings of one configuration file in picklable terms;
a run over several projects has one per configuration, and each file is a :data:`Job`
naming its recipe. Each worker builds its own :class:`RunOptions` from every recipe
once (loading and compiling the rules), then lints whole text files or batches of
records with the options of their recipe. Results come back in submission order, so the
output is exactly that of a serial run. Small runs, standard input and a local
LanguageTool server stay serial: a pool would only add start-up time.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import LintConfig
from ..errors import ConfigError
from ..registry import RuleDefinitionError
from ..ruleset import load_ruleset
from ..runner import Batch, BatchResult, FileOutcome, RunOptions, RunPlan, lint_batch, process_path
from ..selection import Selection
from ..settings import Settings
from ..sources.parquet import is_parquet
from ..sources.records import is_records

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

#: Inputs smaller than this in all are linted serially (starting workers costs more).
SERIAL_BYTES = 1_000_000
#: Text files handed to a worker at a time.
FILES_PER_TASK = 8


@dataclass(frozen=True, kw_only=True)
class Recipe(RunPlan):
    """A run's settings for the files of one configuration, in picklable form: each worker builds its own :class:`RunOptions` from it."""

    config: LintConfig = LintConfig()
    rules_dir: tuple[Path, ...] = ()
    vocabulary: tuple[str, ...] = ()
    settings_path: str | None = None
    grammar: bool = False
    grammar_server: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings, **plan: Any) -> Recipe:
        """The run a configuration describes; ``plan`` adds what is not in it (mode, fix level, ...)."""
        selection = Selection(settings.select, settings.extend_select, settings.ignore, settings.preview)
        return cls(
            config=LintConfig(selection=selection, severity=settings.severity, languages=settings.languages),
            rules_dir=settings.rules_dir,
            vocabulary=settings.vocabulary,
            settings_path=str(settings.path),
            per_file_ignores=settings.per_file_ignores,
            root=settings.root,
            text_field=settings.text_field,
            id_field=settings.id_field,
            language_field=settings.language_field,
            grammar=settings.grammar,
            grammar_server=settings.grammar_server,
            **plan,
        )

    def build(self) -> RunOptions:
        """Load the rules (built-in packs, ``rules_dir``, the vocabulary) and connect the grammar backend."""
        ruleset = load_ruleset(self.rules_dir)
        try:
            ruleset = ruleset.with_vocabulary(self.vocabulary)
        except RuleDefinitionError as error:
            raise ConfigError(f"{self.settings_path}: 'vocabulary': {error}") from None
        grammar = None
        if self.grammar:
            from ..grammar import GrammarBackend

            grammar = GrammarBackend.connect(self.grammar_server)
        return RunOptions(**self.plan(), ruleset=ruleset, config=self.config, grammar=grammar)


#: A file to lint and the index of its recipe among the run's recipes.
Job = tuple[str, int]

_WORKER_OPTIONS: list[RunOptions] = []


def _start_worker(recipes: Sequence[Recipe]) -> None:
    _WORKER_OPTIONS[:] = [recipe.build() for recipe in recipes]


def _worker_options(index: int) -> RunOptions:
    assert _WORKER_OPTIONS, "worker used before its initializer ran"
    return _WORKER_OPTIONS[index]


def _worker_files(jobs: Sequence[Job]) -> list[FileOutcome]:
    return [process_path(path, _worker_options(index)) for path, index in jobs]


def _worker_batch(task: tuple[str, int, Batch]) -> BatchResult:
    path, index, batch = task
    return lint_batch(path, batch, _worker_options(index).for_path(path))


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def wants_pool(paths: Sequence[str], jobs: int, recipes: Sequence[Recipe]) -> bool:
    """Whether a pool can pay off: several cores, no stdin, no local Java server, enough input."""
    if jobs <= 1 or "-" in paths or any(r.grammar and r.grammar_server is None for r in recipes):
        return False
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path)
        except OSError:
            continue  # reported when the file is read
        if total >= SERIAL_BYTES:
            return True
    return False


def _is_data(path: str) -> bool:
    return is_records(path) or is_parquet(path)


class Runner:
    """Process jobs in order, serially or on a pool; use as a context manager.

    The workers start (and load the rules) while the caller builds its own options;
    :meth:`use` hands those over and waits until the workers are up.
    """

    def __init__(self, recipes: Sequence[Recipe], jobs: int, paths: Sequence[str]) -> None:
        self.options: Sequence[RunOptions] = ()
        self._stack = ExitStack()
        self._pool: ProcessPoolExecutor | None = None
        self._jobs = jobs
        self._probe: Any = None
        if wants_pool(paths, jobs, recipes):
            self._start(recipes, jobs)

    def _start(self, recipes: Sequence[Recipe], jobs: int) -> None:
        import multiprocessing  # imported here: a serial run (one file, pre-commit) does not pay for them
        from concurrent.futures import ProcessPoolExecutor

        try:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["linter.corpus.pool"])
            pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(tuple(recipes),))
            self._probe = pool.submit(int)
        except (OSError, ValueError, ImportError) as error:
            self._fall_back(error)
            return
        self._pool = pool
        self._stack.callback(pool.shutdown, cancel_futures=True)

    def _fall_back(self, error: BaseException) -> None:
        print(f"newslint: cannot start {self._jobs} worker processes ({error}); running serially", file=sys.stderr)
        self._pool = None

    def use(self, options: Sequence[RunOptions]) -> None:
        """The options of each recipe, for serial work; waits for the workers, so a pool that cannot start fails here, not halfway."""
        self.options = options
        if self._probe is not None:
            from concurrent.futures.process import BrokenProcessPool

            try:
                self._probe.result()
            except (OSError, BrokenProcessPool) as error:
                self._fall_back(error)

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    @property
    def parallel(self) -> bool:
        return self._pool is not None

    def run(self, jobs: Sequence[Job], advance: Callable[[int], None] = lambda n: None) -> Iterator[FileOutcome]:
        """Outcomes in the order of ``jobs``; ``advance`` is told how many files are done."""
        assert self.options, "Runner.use(options) comes before run()"
        pool = self._pool
        if pool is None:
            for path, recipe in jobs:
                yield process_path(path, self.options[recipe])
                advance(1)
            return
        index = 0
        while index < len(jobs):
            path, recipe = jobs[index]
            if _is_data(path):
                yield process_path(path, self.options[recipe], partial(self._map_batches, recipe))
                advance(1)
                index += 1
                continue
            end = index
            while end < len(jobs) and not _is_data(jobs[end][0]):
                end += 1
            groups = [jobs[i : i + FILES_PER_TASK] for i in range(index, end, FILES_PER_TASK)]
            for outcomes in pool.map(_worker_files, groups):
                yield from outcomes
                advance(len(outcomes))
            index = end

    def _map_batches(self, recipe: int, path: str, batches: Sequence[Batch]) -> Iterator[BatchResult]:
        assert self._pool is not None
        return self._pool.map(_worker_batch, [(path, recipe, batch) for batch in batches])


def progress(enabled: bool, total: int) -> tuple[Any, Callable[[int], None]]:
    """A rich progress bar on stderr (a context manager) and its ``advance``; a no-op when disabled."""
    if not enabled:
        return ExitStack(), lambda n: None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("newslint"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    task = bar.add_task("files", total=total)
    return bar, lambda n: bar.advance(task, n)
