"""How ``--jobs`` cuts a run into tasks (#16): few hand-overs, and workers that finish together."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.parallel import pool

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
