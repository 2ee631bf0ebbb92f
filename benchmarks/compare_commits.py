"""Two newslint installations on the same files, in interleaved runs: CPU and wall time, memory, start-up.

Usage::

    python benchmarks/compare_commits.py A B CORPUS [--pairs 5] [--jobs 1 [2]] [--startup 10] [--label NAME NAME]

A and B are each a Python interpreter with newslint installed (``/tmp/old/bin/python``, from
``pip install .`` in a venv) or a source tree (a folder: run with this Python and
``PYTHONPATH=A``), so two commits can be compared as installed or as checked out (or one
with itself, ``--jobs 1 2``: serial against two workers). Every
pair runs ``newslint check CORPUS --format jsonl --isolated --jobs N`` once with each, the
order alternating (A B, B A, ...) so that a machine whose speed drifts (a shared one) weighs
on both alike; each run is a fresh process started from a neutral folder (``/tmp``), after one unmeasured
run of each that writes its caches.
CPU time is user + system of the run and the children it waits for (``os.wait4``), which
load on other cores hardly changes; wall time is printed beside it. The workers of ``--jobs 2``
are children of multiprocessing's fork server, not waited for: compare such runs by wall time. Printed: the median and range
of each, B/A (of the medians, and the median of the pairs' own ratios), the peak resident memory of its largest process (``ru_maxrss``), whether both
wrote the same findings (byte for byte), and with ``--startup N`` the median wall time of N
interleaved runs on one small article. This prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import ENTRY, SMALL_ARTICLE  # noqa: E402



@dataclass(eq=False)
class Side:
    """One installation: how to start it, and what its runs measured."""

    label: str
    argv: list[str]
    env: dict[str, str]
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    startup: list[float] = field(default_factory=list)
    digests: set[str] = field(default_factory=set)


def side(spec: str, label: str) -> Side:
    """A side from a source tree (a folder) or an interpreter with newslint installed."""
    path = Path(spec).resolve()
    # Bytecode is written (as ``pip install`` does), or each run would compile newslint's source again.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    if path.is_dir():
        return Side(label, [sys.executable, "-c", ENTRY], {**env, "PYTHONPATH": str(path)})
    return Side(label, [str(path), "-c", ENTRY], env)


def run(one: Side, args: list[str]) -> tuple[float, float, float, str]:
    """CPU seconds (user + sys, workers included), wall seconds, peak MB and the digest of stdout."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen([*one.argv, *args], stdout=out, stderr=subprocess.DEVNULL, cwd="/tmp", env=one.env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            raise SystemExit(f"{one.label}: exit {process.returncode} for {' '.join(args)}")
        out.seek(0)
        digest = hashlib.sha256(out.read()).hexdigest()
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024, digest


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):7.2f} s ({min(values):.2f}-{max(values):.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", help="interpreter with newslint installed, or a source tree")
    parser.add_argument("b", help="the same for the other version")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--pairs", type=int, default=5, help="interleaved pairs of runs (default: 5)")
    parser.add_argument("--jobs", nargs="+", default=["1"], help="--jobs of each run, or of A and of B (default: 1)")
    parser.add_argument("--startup", type=int, default=0, help="also time N pairs of runs on one small article")
    parser.add_argument("--label", nargs=2, default=["A", "B"], metavar=("A", "B"))
    args = parser.parse_args(argv)
    sides = [side(args.a, args.label[0]), side(args.b, args.label[1])]
    jobs = dict(zip(sides, [args.jobs[0], args.jobs[-1]]))
    check = {one: ["check", str(args.corpus.resolve()), "--format", "jsonl", "--isolated", "--jobs", jobs[one]] for one in sides}
    for one in sides:  # a first run of each writes its caches (bytecode, ruleset, word table)
        run(one, check[one])
    for pair in range(args.pairs):
        for one in sides if pair % 2 == 0 else sides[::-1]:
            cpu, wall, peak, digest = run(one, check[one])
            one.cpu.append(cpu)
            one.wall.append(wall)
            one.peak_mb = max(one.peak_mb, peak)
            one.digests.add(digest)
    if args.startup:
        with tempfile.TemporaryDirectory() as folder:
            article = Path(folder) / "article.txt"
            article.write_text(SMALL_ARTICLE, encoding="utf-8")
            small = ["check", str(article), "--format", "jsonl", "--isolated"]
            for pair in range(args.startup):
                for one in sides if pair % 2 == 0 else sides[::-1]:
                    one.startup.append(run(one, small)[1])
    # The articles (a folder's .txt files) or the data file; a README beside them is not counted.
    megabytes = sum(p.stat().st_size for p in args.corpus.rglob("*.txt")) / 1e6 if args.corpus.is_dir() else args.corpus.stat().st_size / 1e6
    print(f"{args.corpus} ({megabytes:.2f} MB), --jobs {' and '.join(args.jobs)}, {args.pairs} interleaved pairs; median (range)")
    for one in sides:
        rate = megabytes / statistics.median(one.wall)
        print(f"{one.label:>12}: CPU {_median(one.cpu)}  wall {_median(one.wall)}  {rate:.2f} MB/s  peak {one.peak_mb:.0f} MB")
    a, b = sides
    print(f"{b.label} / {a.label}: CPU {statistics.median(b.cpu) / statistics.median(a.cpu):.2f}x, wall {statistics.median(b.wall) / statistics.median(a.wall):.2f}x")
    # The two runs of a pair follow each other, so a pair's ratio does not see the machine's drift
    # between pairs (which moves both medians above by up to a third within minutes).
    ratios = [bw / aw for aw, bw in zip(a.wall, b.wall)]
    print(f"{b.label} / {a.label}, pair by pair: wall {statistics.median(ratios):.3f}x ({min(ratios):.3f}-{max(ratios):.3f}); A / B {1 / statistics.median(ratios):.2f}x")
    same = len(a.digests) == len(b.digests) == 1 and a.digests == b.digests
    print(f"findings: {'byte-identical' if same else 'DIFFERENT (or unstable between runs)'}")
    if args.startup:
        print(f"start-up, one small article, median of {args.startup}: " + ", ".join(f"{s.label} {statistics.median(s.startup):.3f} s" for s in sides))
    return 0


if __name__ == "__main__":
    sys.exit(main())
