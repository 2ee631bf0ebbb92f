"""The serial part of a ``--jobs 2`` run: wall time from the interpreter's start to the first fork.

Usage::

    python benchmarks/startup.py CORPUS TREE [TREE ...] [--runs 11] [--jobs 2]

Everything before the first worker is forked (start-up imports, options and configuration,
the rules, file discovery) runs on one core while the others wait, so it caps the speed-up of
``--jobs 2`` over ``--jobs 1``. Each TREE is a source tree run with this Python and
``PYTHONPATH=TREE`` from a neutral folder (``/tmp``); the runs alternate between the trees
(A B, B A, ...) so that a shared machine's drift weighs on all alike. A run stops at its first
fork: ``os.fork`` is replaced by one that notes the time (``time.monotonic``, one clock for all
processes) and exits. Bytecode caches are used and written (``PYTHONDONTWRITEBYTECODE`` is
dropped), as an installed newslint has them. Printed: the median and range per tree, and its
ratio to the first tree's median. This prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

#: Run in each measured process: the command line, stopped at its first fork.
_DRIVER = """
import os, sys, time
def _fork():
    with open(os.environ["STARTUP_OUT"], "w") as out:
        out.write(repr(time.monotonic()))
    os._exit(0)
os.fork = _fork
from linter.cli import main
sys.exit(main())
"""


def time_to_fork(tree: str, corpus: str, jobs: int) -> float:
    """Seconds from starting ``newslint check CORPUS --jobs N`` with ``tree`` to its first fork."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as out:
        env.update(PYTHONPATH=os.path.abspath(tree), STARTUP_OUT=out.name)
        argv = [sys.executable, "-c", _DRIVER, "check", corpus, "--format", "jsonl", "--isolated", "--jobs", str(jobs)]
        start = time.monotonic()
        subprocess.run(argv, cwd=tempfile.gettempdir(), env=env, stdout=subprocess.DEVNULL, check=False)
        forked = out.read()
    if not forked:
        raise SystemExit(f"{tree}: the run ended without forking a worker (too small a corpus, or --jobs 1?)")
    return float(forked) - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("trees", nargs="+")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    corpus = os.path.abspath(args.corpus)
    for tree in args.trees:  # unmeasured: writes the bytecode, pattern and ruleset caches
        time_to_fork(tree, corpus, args.jobs)
    times: dict[str, list[float]] = {tree: [] for tree in args.trees}
    for run in range(args.runs):
        order = args.trees if run % 2 == 0 else args.trees[::-1]
        for tree in order:
            times[tree].append(time_to_fork(tree, corpus, args.jobs))
    first = statistics.median(times[args.trees[0]])
    for tree, seconds in times.items():
        median = statistics.median(seconds)
        print(f"{tree}: median {median:.3f} s to the first fork (range {min(seconds):.3f}-{max(seconds):.3f}, {len(seconds)} runs), {median / first:.2f}x the first")


if __name__ == "__main__":
    main()
