"""How ``--jobs`` cuts a run into tasks (#16): few hand-overs, and workers that finish together."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from linter.parallel import pool

from .conftest import run

pytestmark = pytest.mark.usefixtures("in_tmp")


def _files(folder: Path, sizes: list[int]) -> list[tuple[str, int]]:
    folder.mkdir()
    jobs = []
    for number, size in enumerate(sizes):
        path = folder / f"{number:04}.txt"
        path.write_text("x" * size)
        jobs.append((str(path), number % 2))
    return jobs


def test_tasks_shrink_towards_the_end_and_keep_the_order(tmp_path) -> None:
    jobs = _files(tmp_path / "docs", [2_000 + (number * 37) % 3_000 for number in range(600)])
    tasks = list(pool.tapered(jobs, 2))
    assert [job for task in tasks for job in task] == jobs
    sizes = [sum(Path(path).stat().st_size for path, _ in task) for task in tasks]
    # A handful of hand-overs per worker instead of one per few files; a large first task, a small last one.
    assert len(tasks) <= len(jobs) // 20
    assert sizes[0] >= sum(sizes) / (pool.TAPER * 2)
    assert all(size >= pool.MIN_TASK_BYTES for size in sizes[:-1])
    assert sizes[-1] <= 2 * pool.MIN_TASK_BYTES and sizes[-1] < sizes[0] / 4


def test_a_missing_file_is_a_task_member_like_any_other(tmp_path) -> None:
    """Its error is reported when a worker reads it; cutting the run into tasks does not stop at it."""
    jobs = _files(tmp_path / "docs", [50_000, 50_000])
    jobs.insert(1, (str(tmp_path / "docs" / "gone.txt"), 0))
    assert [job for task in pool.tapered(jobs, 2) for job in task] == jobs
    assert list(pool.tapered([], 2)) == []


def test_a_run_cut_into_many_tasks_writes_what_a_serial_run_writes(tmp_path, capsys, monkeypatch) -> None:
    """Files of different sizes, several per task and tasks of shrinking size: the findings (NL336's template
    counts among them) come out in the serial run's order, byte for byte."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for number in range(40):
        body = " ".join(["The the council met on Monday ."] * (1 + number % 7))
        (docs / f"{number:02}.txt").write_text(f"{body}\n\nFollow Example News for more stories.\n")
    _code, serial, _err = run(capsys, "check", "docs", "--isolated", "--format", "jsonl", "--jobs", "1")
    assert '"NL336"' in serial and serial.count("\n") > 40
    cut: list[int] = []
    tapered = pool.tapered
    monkeypatch.setattr(pool, "tapered", lambda jobs, workers, *size: [cut.append(len(t)) or t for t in tapered(jobs, workers, *size)])
    monkeypatch.setattr(pool, "SERIAL_BYTES", 1)
    monkeypatch.setattr(pool, "MIN_TASK_BYTES", 200)
    _code, pooled, err = run(capsys, "check", "docs", "--isolated", "--format", "jsonl", "--jobs", "2")
    assert pooled == serial and "running serially" not in err
    assert len(cut) >= 5 and cut[0] > cut[-1], cut


def _counted(number: int) -> tuple[int, int]:
    """A pass-1 stand-in: the task's number and the process that ran it."""
    time.sleep(0.02)
    return number, os.getpid()


@pytest.mark.skipif(pool._fork_context() is None, reason="forked workers only (Linux, one thread)")
def test_pass_one_runs_on_one_core_fewer_and_the_warm_process_takes_the_tasks_from_the_end(tmp_path, monkeypatch) -> None:
    """With two cores, one worker counts while this process warms up; then this process runs the tasks
    no worker has started, from the last one back, and the results still come in order."""
    jobs = _files(tmp_path / "docs", [1_500_000])
    warmed: list[bool] = []
    monkeypatch.setattr(pool.WorkerPool, "_warm", lambda self: warmed.append(True))
    with pool.WorkerPool([], 2, [path for path, _ in jobs]) as workers:
        results = list(workers.map(_counted, range(12)))
        assert workers._pool is not None and len(workers._pool._processes) == 1
    assert warmed == [True]
    assert [number for number, _pid in results] == list(range(12))
    by_us = [number for number, pid in results if pid == os.getpid()]
    assert by_us and by_us == list(range(12 - len(by_us), 12))  # a tail of the list
    assert len(by_us) < 12  # and the worker ran the first ones


def _keyed(number: int) -> int:
    """A pass-1 stand-in that keeps a document's line keys for pass 2, as counting does."""
    from linter.templates import document_keys

    document_keys("example.com", f"Story {number}.\n\nShare this article\n")
    return os.getpid()


@pytest.mark.skipif(pool._fork_context() is None, reason="forked workers only (Linux, one thread)")
def test_what_a_pass_one_worker_kept_for_pass_two_is_handed_to_the_command(tmp_path, monkeypatch) -> None:
    """The linting workers are forked from the command: what a pass-1 worker kept would die with it,
    and every linting worker would fingerprint those documents' lines again."""
    from linter.templates import remembered

    jobs = _files(tmp_path / "docs", [1_500_000])
    monkeypatch.setattr(pool.WorkerPool, "_warm", lambda self: time.sleep(0.2))
    monkeypatch.setattr(remembered, "_KEPT", {})
    monkeypatch.setattr(remembered, "_kept_lines", 0)
    with pool.WorkerPool([], 2, [path for path, _ in jobs]) as workers:
        pids = list(workers.map(_keyed, range(12)))
    assert set(pids) - {os.getpid()}  # a worker counted some
    for number in range(12):
        text = f"Story {number}.\n\nShare this article\n"
        assert remembered._digest("example.com", text) in remembered._KEPT
        assert remembered.line_keys("example.com", text) == remembered.line_triples("example.com", text)
    assert remembered._KEPT == {} and remembered._kept_lines == 0


def test_pass_one_is_one_task_serially_and_tapered_in_parallel(tmp_path) -> None:
    jobs = _files(tmp_path / "docs", [30_000] * 40)
    paths = [path for path, _ in jobs]
    with pool.WorkerPool([], 1, paths) as serial:
        assert list(serial.cut(jobs)) == [jobs] and list(serial.cut([])) == []
    with pool.WorkerPool([], 2, paths) as pooled:
        tasks = list(pooled.cut(jobs))
    assert [job for task in tasks for job in task] == jobs and len(tasks) > 1


def test_each_file_size_is_asked_once_for_both_passes(tmp_path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pass 1's tasks and the linting ones are cut by the same sizes: a second stat per file (10 ms on
    the clean corpus) would come after the linting workers are forked, while they wait for work."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for number in range(30):
        (docs / f"{number:02}.txt").write_text(f"Story {number} said the council met on Monday.\n\nFollow Example News for more stories.\n")
    asked: list[str] = []
    getsize = os.path.getsize
    monkeypatch.setattr(os.path, "getsize", lambda path: asked.append(path) or getsize(path))
    monkeypatch.setattr(pool, "SERIAL_BYTES", 1)
    monkeypatch.setattr(pool, "MIN_TASK_BYTES", 200)
    _code, out, err = run(capsys, "check", str(docs), "--isolated", "--format", "jsonl", "--jobs", "2")
    assert "running serially" not in err and '"NL336"' in out
    assert len(asked) == len(set(asked)) == 30
