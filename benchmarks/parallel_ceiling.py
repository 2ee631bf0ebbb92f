"""How close ``--jobs 2`` comes to what two cores can give: serial, two independent halves at once, and ``--jobs 2``.

Usage::

    python benchmarks/parallel_ceiling.py CORPUS [--rounds 7] [--tree DIR]

Each round runs, one after the other from a neutral folder (``/tmp``): ``newslint check CORPUS
--jobs 1``; two ``--jobs 1`` processes at the same time, each on half of the corpus's ``.txt``
files (every other file, linked into two temporary folders); and ``newslint check CORPUS --jobs 2``.
The halves are the most any way of sharing the work could reach on this machine: no work is
shared or handed over, and each half pays its own start-up. Their speed-up over serial shows what
the cores and the host allow (two busy cores each run slower than one alone); ``--jobs 2``'s shows
how much of that the pool keeps. Printed: each round's wall times and ratios, then the medians.
``--tree`` runs a source tree (``PYTHONPATH``) instead of the installed ``newslint``. This prints
figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import ENTRY  # noqa: E402


def _command(folder: Path, jobs: int) -> list[str]:
    return [sys.executable, "-c", ENTRY, "check", str(folder), "--format", "jsonl", "--isolated", "--jobs", str(jobs)]


def _timed(*commands: list[str], env: dict[str, str]) -> float:
    """Wall seconds until every command, all started at once, has ended."""
    start = time.perf_counter()
    running = [subprocess.Popen(command, cwd=tempfile.gettempdir(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for command in commands]
    for process in running:
        process.wait()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--tree", type=Path, help="a source tree to run instead of the installed newslint")
    args = parser.parse_args(argv)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["OMP_NUM_THREADS"] = "1"
    if args.tree is not None:
        env["PYTHONPATH"] = str(args.tree.resolve())
    corpus = args.corpus.resolve()
    with tempfile.TemporaryDirectory() as scratch:
        halves = [Path(scratch, "a"), Path(scratch, "b")]
        for half in halves:
            half.mkdir()
        for number, path in enumerate(sorted(corpus.rglob("*.txt"))):
            (halves[number % 2] / f"{number:06}-{path.name}").symlink_to(path)
        _timed(_command(corpus, 1), env=env)  # caches written, files read once
        serial: list[float] = []
        shared: list[float] = []
        pooled: list[float] = []
        print("round   serial   halves at once   --jobs 2   serial / halves   serial / --jobs 2")
        for number in range(1, args.rounds + 1):
            serial.append(_timed(_command(corpus, 1), env=env))
            shared.append(_timed(*(_command(half, 1) for half in halves), env=env))
            pooled.append(_timed(_command(corpus, 2), env=env))
            print(f"{number:5}   {serial[-1]:6.2f}   {shared[-1]:14.2f}   {pooled[-1]:8.2f}   {serial[-1] / shared[-1]:15.2f}   {serial[-1] / pooled[-1]:17.2f}")
    print(
        f"medians: serial {statistics.median(serial):.2f} s, halves at once {statistics.median(shared):.2f} s, --jobs 2 {statistics.median(pooled):.2f} s; "
        f"speed-up per round, median: halves {statistics.median(s / h for s, h in zip(serial, shared)):.2f}x, "
        f"--jobs 2 {statistics.median(s / p for s, p in zip(serial, pooled)):.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
