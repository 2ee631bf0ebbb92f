"""Lint many files, and the records of large data files, in a pool of worker processes.

On Linux the workers are forked from this process once it has prepared the run's recipes
(:class:`~linter.options.Prepared`: the rules loaded and compiled) and loaded what linting loads
lazily (:mod:`.warm`), so they start at once with all of it in memory, shared; elsewhere (or
when this process already runs threads, which ``fork`` does not copy safely)
multiprocessing's fork server starts them and each builds its own
:class:`~linter.options.Prepared` from the recipes (plain values) while this process builds its
own. Workers lint whole text files or batches of records (a :data:`~linter.options.Job` names
its recipe). Results come back in submission order, so the
output is exactly that of a serial run. Small runs, standard input and a local
LanguageTool server stay serial: a pool would only add start-up time. In a corpus run the
template counts of pass 1 (:mod:`.counting`, whose tasks :meth:`WorkerPool.map` runs) reach
forked workers by the fork itself: pass 1 runs on workers forked for it alone (one core fewer than
the run's), while this process warms up on the last core and then counts beside them, and the
linting workers are forked once the counts are in. Workers of the fork server
read them from a temporary file named in each task, once per worker.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from ..options import Job, Prepared, Recipe
from ..processing import Batch, BatchResult, lint_batch, process_path
from ..results import FileOutcome
from ..sources import is_data_file
from ..templates import TemplateCounts
from ..templates.remembered import handed_over, keep
from .counting import Text, one_task

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

#: Inputs smaller than this in all are linted serially (starting workers costs more).
SERIAL_BYTES = 1_000_000
#: Bytes of text files a task holds at least (a few dozen news articles, some 20 ms of linting).
MIN_TASK_BYTES = 40_000
#: Each task holds 1/(TAPER x workers) of the bytes still to hand out (guided self-scheduling):
#: large tasks first, so that a worker seldom waits for this process to hand it the next one (a
#: wait of a scheduler's time slice when both cores are busy), smaller ones towards the end, so
#: that the workers finish together.
TAPER = 4

#: A task's member: a file's path first (a :data:`~linter.options.Job`, or pass 1's path and encoding).
Member = TypeVar("Member", bound=tuple[Any, ...])

#: A worker's prepared recipes: built by :func:`_start_worker`, or inherited when forked.
_WORKER_PREPARED: list[Prepared] = []


def _start_worker(recipes: Sequence[Recipe]) -> None:
    _WORKER_PREPARED[:] = [recipe.build() for recipe in recipes]


def _fork_context() -> Any:
    """multiprocessing's ``fork`` context where forking this process is safe (Linux, one thread), else None.

    A forked worker starts with this process's modules and prepared rules, where one of the
    fork server imports newslint and loads the rules first (a quarter of a second on the
    critical path of a run). ``fork`` copies only the calling thread, so a process that runs
    others (a host application, a test's Dask cluster) uses the fork server; macOS frameworks
    are not fork-safe, so there it is never used. (The word frequencies' SQLite handle, which a
    child must not use, is dropped in each child by :mod:`linter.fluency.frequencies`.)
    """
    import multiprocessing
    import threading

    if sys.platform != "linux" or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


#: The recipes prepared with a run's template counts, by the file holding them (one run's at a time).
_WORKER_COUNTED: dict[str, list[Prepared]] = {}


def _worker_prepared(index: int, counts_file: str | None) -> Prepared:
    assert _WORKER_PREPARED, "worker used before its initializer ran"
    if counts_file is None:
        return _WORKER_PREPARED[index]
    if counts_file not in _WORKER_COUNTED:
        with open(counts_file, "rb") as stream:
            counts = pickle.load(stream)
        _WORKER_COUNTED.clear()
        _WORKER_COUNTED[counts_file] = [prepared.with_counts(counts) for prepared in _WORKER_PREPARED]
    return _WORKER_COUNTED[counts_file][index]


def _worker_files(task: tuple[Sequence[Job], str | None]) -> list[FileOutcome]:
    jobs, counts_file = task
    return [process_path(path, _worker_prepared(index, counts_file)) for path, index in jobs]


def _handing_over(function: Callable[[Any], Any], item: Any) -> tuple[Any, dict[Any, Any]]:
    """A pass-1 task on a forked worker: its result, and the line keys it kept for pass 2 (handed to the command)."""
    return function(item), handed_over()


def _worker_batch(task: tuple[str, int, Batch, str | None]) -> BatchResult:
    path, index, batch, counts_file = task
    return lint_batch(path, batch, _worker_prepared(index, counts_file).for_path(path))


@contextmanager
def _stored(counts: TemplateCounts) -> Iterator[str]:
    """The counts in a temporary file for the workers, removed afterwards."""
    handle, name = tempfile.mkstemp(prefix="newslint-templates-", suffix=".pickle")
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(counts, stream, protocol=pickle.HIGHEST_PROTOCOL)
        yield name
    finally:
        os.unlink(name)


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _size(path: str) -> int:
    """A file's size in bytes, 0 when it cannot be read (a worker reports that when it reads it)."""
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def wants_pool(paths: Sequence[str], jobs: int, recipes: Sequence[Recipe], size: Callable[[str], int] = _size) -> bool:
    """Whether a pool can pay off: several cores, no stdin, no local Java server, enough input."""
    if jobs <= 1 or "-" in paths or any(r.grammar and r.grammar_server is None for r in recipes):
        return False
    total = 0
    for path in paths:
        total += size(path)
        if total >= SERIAL_BYTES:
            return True
    return False


def tapered(jobs: Sequence[Member], workers: int, size: Callable[[str], int] = _size) -> Iterator[Sequence[Member]]:
    """Consecutive groups of ``jobs`` (text files, each named by its first item), each holding a share of the bytes still to hand out."""
    sizes = [size(job[0]) for job in jobs]
    remaining = sum(sizes)
    start = size = 0
    for end, each in enumerate(sizes, 1):
        size += each
        if size >= max(MIN_TASK_BYTES, remaining / (TAPER * workers)):
            yield jobs[start:end]
            remaining -= size
            start, size = end, 0
    if start < len(jobs):
        yield jobs[start:]


class WorkerPool:
    """Process jobs in order, serially or on a pool; use as a context manager.

    :meth:`use` hands over the caller's prepared recipes. Workers started by the fork server
    start here, loading the rules while the caller prepares its own, and :meth:`use` waits until
    they are up. Forked workers (see :func:`_fork_context`) are forked when there is work: pass 1's
    by :meth:`map`, which warms this process while they count, and the linting ones by
    :meth:`run`, from this process warmed and holding the counts.
    """

    def __init__(self, recipes: Sequence[Recipe], jobs: int, paths: Sequence[str]) -> None:
        self.prepared: Sequence[Prepared] = ()
        self._stack = ExitStack()
        self._pool: ProcessPoolExecutor | None = None
        self._jobs = jobs
        self._probe: Any = None
        #: The file the workers read a corpus run's template counts from.
        self._counts_file: str | None = None
        #: The ``fork`` context when the workers are to be forked (by :meth:`map` and :meth:`run`).
        self._fork: Any = None
        self._warmed = False
        #: Whether the running workers were forked for pass 1 (unwarmed, without the counts).
        self._counting = False
        #: Each file's size, asked once: pass 1's tasks and the linting ones are cut by the same sizes
        #: (a stat per file, 10 ms for the clean corpus, while the forked workers wait for their tasks).
        self._sizes: dict[str, int] = {}
        if wants_pool(paths, jobs, recipes, self._size_of):
            self._fork = _fork_context()
            if self._fork is None:
                self._start(recipes, jobs)

    def _start(self, recipes: Sequence[Recipe], jobs: int) -> None:
        import multiprocessing  # imported here: a serial run (one file, pre-commit) does not pay for them
        from concurrent.futures import ProcessPoolExecutor

        try:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["linter.parallel.pool"])
            pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(tuple(recipes),))
            self._probe = pool.submit(int)
        except (OSError, ValueError, ImportError) as error:
            self._fall_back(error)
            return
        self._pool = pool
        self._stack.callback(pool.shutdown, cancel_futures=True)

    def _fork_workers(self, prepared: Sequence[Prepared], workers: int) -> None:
        """Fork ``workers`` workers now, each inheriting ``prepared``."""
        import gc
        from concurrent.futures import ProcessPoolExecutor

        # A worker flushes its copy of the standard streams when it exits: nothing may be pending.
        sys.stdout.flush()
        sys.stderr.flush()
        _WORKER_PREPARED[:] = prepared
        # Frozen, the inherited objects are never visited by a worker's garbage collector, so
        # their memory pages stay shared instead of being copied into each worker.
        gc.freeze()
        try:
            pool = ProcessPoolExecutor(workers, mp_context=self._fork)
            self._probe = pool.submit(int)  # with fork, every worker is started here, before the pool's thread
        except (OSError, ValueError) as error:
            self._fall_back(error)
            return
        finally:
            gc.unfreeze()
            _WORKER_PREPARED.clear()  # only the workers lint with it
        self._pool = pool
        self._stack.callback(pool.shutdown, cancel_futures=True)

    def _size_of(self, path: str) -> int:
        size = self._sizes.get(path)
        if size is None:
            size = self._sizes[path] = _size(path)
        return size

    def _fall_back(self, error: BaseException) -> None:
        print(f"newslint: cannot start {self._jobs} worker processes ({error}); running serially", file=sys.stderr)
        self._pool = None
        self._fork = None

    def _fork_linters(self) -> None:
        """Fork the linting workers from this process warmed, if they are to be forked and are not running."""
        if self._fork is not None and self._pool is None:
            self._warm()
            self._fork_workers(self.prepared, self._jobs)

    def _warm(self) -> None:
        if not self._warmed:
            from .warm import warm

            warm(self.prepared)
            self._warmed = True

    def use(self, prepared: Sequence[Prepared]) -> None:
        """Each recipe prepared; waits for fork-server workers, so a pool that cannot start fails here, not halfway."""
        self.prepared = prepared
        if self._probe is not None:
            from concurrent.futures.process import BrokenProcessPool

            try:
                self._probe.result()
            except (OSError, BrokenProcessPool) as error:
                self._fall_back(error)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    @property
    def parallel(self) -> bool:
        return self._pool is not None or self._fork is not None

    def cut(self, texts: Sequence[Text]) -> Iterable[Sequence[Text]]:
        """Pass 1's text files as tasks for :meth:`map`: one when serial, else large ones first (:func:`tapered`).

        A large first task keeps a worker busy while this process warms up: it hands tasks over
        from a thread, which waits for the warm-up's long steps to let go of the interpreter.
        """
        if not self.parallel:
            return one_task(texts)
        return tapered(texts, self._counters(), self._size_of)

    def _counters(self) -> int:
        """The workers forked for pass 1: one fewer than the run's, since this process counts too once warm."""
        return max(1, self._jobs - 1) if self._fork is not None else self._jobs

    def map(self, function: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        """``function`` over ``items`` in order, on the workers when there are some (pass 1's tasks).

        Workers forked here only count, so they need no warming: this process warms while they
        do, then shares their work (:meth:`_shared`).
        """
        if self._fork is not None and self._pool is None:
            self._fork_workers(self.prepared, self._counters())
            self._counting = self._pool is not None
        if self._pool is None:
            return map(function, items)
        if self._counting:
            return self._shared(function, list(items))
        return self._pool.map(function, items)

    def _shared(self, function: Callable[[Any], Any], items: list[Any]) -> Iterator[Any]:
        """Results in order of ``items`` handed to pass 1's workers; this process warms up, then runs those not yet started.

        It takes them from the end of the list while the workers go on from its start, so that
        both finish together. What it counts itself it remembers for pass 2
        (:mod:`linter.templates.remembered`), and so it does what the workers counted (they hand
        it over with each result), and the linting workers forked from it inherit all of that.
        """
        assert self._pool is not None
        futures = [self._pool.submit(_handing_over, function, item) for item in items]
        self._warm()
        taken: dict[int, Any] = {}
        for index in reversed(range(len(futures))):
            if not futures[index].cancel():
                break  # a worker has it, so every earlier one is started or done
            taken[index] = function(items[index])
        for index, future in enumerate(futures):
            if index in taken:
                yield taken.pop(index)
            else:
                result, kept = future.result()
                keep(kept)
                yield result

    def _end_counting(self) -> None:
        """Shut pass 1's workers down: the linting ones are forked afresh, from this process warmed and with the counts."""
        if self._counting and self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        self._counting = False

    def use_counts(self, counts: TemplateCounts) -> None:
        """Lint every job as a document of its source in a corpus with these template counts (after :meth:`use`)."""
        self.prepared = [prepared.with_counts(counts) for prepared in self.prepared]
        self._end_counting()
        if self._pool is not None:  # started by the fork server
            self._counts_file = self._stack.enter_context(_stored(counts))

    def run(self, jobs: Sequence[Job], advance: Callable[[int], None] = lambda n: None) -> Iterator[FileOutcome]:
        """Outcomes in the order of ``jobs``; ``advance`` is told how many files are done."""
        assert self.prepared, "WorkerPool.use(prepared) comes before run()"
        self._end_counting()
        self._fork_linters()
        pool = self._pool
        if pool is None:
            for path, recipe in jobs:
                yield process_path(path, self.prepared[recipe])
                advance(1)
            return
        index = 0
        while index < len(jobs):
            path, recipe = jobs[index]
            if is_data_file(path):
                yield process_path(path, self.prepared[recipe], partial(self._map_batches, recipe))
                advance(1)
                index += 1
                continue
            end = index
            while end < len(jobs) and not is_data_file(jobs[end][0]):
                end += 1
            groups = [(group, self._counts_file) for group in tapered(jobs[index:end], self._jobs, self._size_of)]
            for outcomes in pool.map(_worker_files, groups):
                yield from outcomes
                advance(len(outcomes))
            index = end

    def _map_batches(self, recipe: int, path: str, batches: Sequence[Batch]) -> Iterator[BatchResult]:
        assert self._pool is not None
        return self._pool.map(_worker_batch, [(path, recipe, batch, self._counts_file) for batch in batches])


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
