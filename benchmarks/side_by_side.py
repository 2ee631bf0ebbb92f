"""Prose linters side by side on the same files, in interleaved runs: MB/s, CPU, start-up, peak memory.

Usage::

    python benchmarks/side_by_side.py CORPUS --tool NAME 'COMMAND ...' [--tool ...] [--rounds 3] [--startup 10]

Each ``--tool`` is a label and a command line (split as a shell would, but run without a
shell) in which ``{files}`` stands for every ``.txt`` file of CORPUS (sorted) and ``{folder}``
for CORPUS itself; the start-up runs put one small article in their place. Every round runs
each tool once, in a rotating order, from a neutral folder (``/tmp``), output to a pipe that is
read and dropped. Printed per tool: the median wall time and MB/s, the median CPU (user + sys
of the tool and its children), the peak resident memory of its largest process and the median
start-up on one small article. This prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import SMALL_ARTICLE  # noqa: E402


def _argv(template: str, files: list[str], folder: str) -> list[str]:
    argv: list[str] = []
    for word in shlex.split(template):
        argv.extend(files if word == "{files}" else [word.replace("{folder}", folder)])
    return argv


def timed(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + sys, children included) and peak MB of one run."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/tmp", env=env)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--tool", nargs=2, action="append", required=True, metavar=("NAME", "COMMAND"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--startup", type=int, default=10)
    args = parser.parse_args(argv)
    folder = str(args.corpus.resolve())
    files = sorted(str(p) for p in args.corpus.resolve().glob("*.txt"))
    megabytes = sum(Path(f).stat().st_size for f in files) / 1e6
    tools = [(name, _argv(command, files, folder)) for name, command in args.tool]
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _ in tools}
    for _, command in tools:  # a first run of each fills its caches
        timed(command)
    for round_ in range(args.rounds):
        for name, command in tools[round_ % len(tools) :] + tools[: round_ % len(tools)]:
            results[name].append(timed(command))
    startup: dict[str, list[float]] = {name: [] for name, _ in tools}
    with tempfile.TemporaryDirectory() as scratch:
        article = Path(scratch) / "article.txt"
        article.write_text(SMALL_ARTICLE, encoding="utf-8")
        small = [(name, _argv(command, [str(article)], scratch)) for name, command in args.tool]
        for round_ in range(args.startup):
            for name, command in small[round_ % len(small) :] + small[: round_ % len(small)]:
                startup[name].append(timed(command)[0])
    print(f"{len(files)} files, {megabytes:.2f} MB; medians of {args.rounds} interleaved rounds, start-up of {args.startup}")
    print("| tool | wall | MB/s | CPU (user+sys) | start-up, one small article | peak memory |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, _ in tools:
        wall = statistics.median(r[0] for r in results[name])
        cpu = statistics.median(r[1] for r in results[name])
        peak = max(r[2] for r in results[name])
        print(f"| {name} | {wall:.1f} s | {megabytes / wall:.2f} | {cpu:.1f} s | {statistics.median(startup[name]):.2f} s | {peak:.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
