"""Throughput (MB/s, words/s), start-up latency and peak memory of ``newslint check``.

Usage::

    python benchmarks/throughput.py [CORPUS] [--jobs 1 2 ...] [--megabytes 5] [--runs 10] [--repeat 1]

CORPUS is a folder of ``.txt`` files or a JSONL file (``text`` field); without it a
synthetic corpus of ``--megabytes`` MB of our own news-like articles is generated in a
temporary folder. Each figure comes from running the real command line in a fresh
process, as users run it: the whole run's wall time (start-up included) for each
``--jobs`` value (default: 1 and all cores), the median wall time of ``--runs`` runs on
one small article, and the peak resident memory (VmHWM, sampled from /proc, so Linux
only) of the main process and of the largest worker. Findings go to /dev/null as JSONL, so that
terminal output does not count. On a shared machine, whose speed drifts, ``--repeat N`` runs
every ``--jobs`` value N times in interleaved rounds and reports the fastest run (and the
slowest beside it); peak memory is the largest seen. This prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import articles  # noqa: E402

_WORD = regex.compile(r"\w+")
SMALL_ARTICLE = (
    "The city council approved the new budget on Monday after a long debate. . "
    "Officials said the plan would fund two schools in kyiv and repair the old bridge.\n"
)


#: What the ``newslint`` script runs, as ``python -c`` code: ``cli.run`` where it exists (it leaves
#: without the interpreter's teardown), ``cli.main`` in commits before it.
ENTRY = "import sys, linter.cli as cli; cli.run() if hasattr(cli, 'run') else sys.exit(cli.main())"


def command(*args: str) -> list[str]:
    """The installed ``newslint`` command (the one users run), else the same entry point via Python."""
    script = Path(sys.executable).with_name("newslint")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-c", ENTRY, *args]


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (Linux /proc)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                queue.extend(int(child) for child in (task / "children").read_text().split())
            except OSError:
                continue
    return found


def _peak_kb(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, and the peak RSS in MB of the main process and of its largest child (a worker)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    while process.poll() is None:
        for pid in _tree(process.pid):
            peaks[pid] = max(peaks.get(pid, 0), _peak_kb(pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    main_peak = peaks.pop(process.pid, 0)
    return seconds, main_peak / 1024, max(peaks.values(), default=0) / 1024


def corpus_texts(path: Path) -> list[str]:
    """The texts that newslint will read: a folder's ``.txt`` files, or a JSONL file's ``text`` fields."""
    if path.is_file():
        return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [p.read_text(encoding="utf-8") for p in sorted(path.rglob("*.txt"))]


def corpus_size(path: Path) -> tuple[int, int, int]:
    """(bytes, words, documents) of the texts that newslint will read."""
    texts = corpus_texts(path)
    return sum(len(t.encode("utf-8")) for t in texts), sum(len(_WORD.findall(t)) for t in texts), len(texts)


def bytecode_missing() -> bool:
    """Whether newslint's modules have no compiled bytecode on disk, so that every start compiles
    the sources (about 0.1 s): an editable install under ``PYTHONDONTWRITEBYTECODE``. A normal
    ``pip install`` compiles them once, so its users never pay this."""
    spec = importlib.util.find_spec("linter.cli")
    return spec is not None and spec.cached is not None and not Path(spec.cached).exists()


def generate(folder: Path, megabytes: float) -> None:
    size = 0
    for number, text in enumerate(articles(seed=1)):
        (folder / f"article-{number:05}.txt").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
        if size >= megabytes * 1e6:
            return


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{model}, {cores} cores, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--jobs", type=int, nargs="+")
    parser.add_argument("--megabytes", type=float, default=5.0, help="size of the generated corpus (default: 5)")
    parser.add_argument("--runs", type=int, default=10, help="runs for the start-up median (default: 10)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each --jobs value; the fastest counts (default: 1)")
    args = parser.parse_args(argv)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    jobs = args.jobs or sorted({1, cores})
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        corpus = args.corpus
        if corpus is None:
            corpus = work / "corpus"
            corpus.mkdir()
            generate(corpus, args.megabytes)
        size, words, documents = corpus_size(corpus)
        print(f"machine: {machine()}")
        print(f"corpus: {corpus if args.corpus else f'generated ({args.megabytes:g} MB)'}: {documents} documents, {size / 1e6:.2f} MB, {words:,} words")
        measure(command("check", str(corpus), "--isolated", "--format", "jsonl", "--jobs", "1"))  # warm caches
        if bytecode_missing():
            print("warning: newslint's bytecode is not cached (PYTHONDONTWRITEBYTECODE with an editable install): every run compiles its sources, which a normal install does not")
        # Rounds over all --jobs values, so that a machine that slows down mid-way slows every value alike.
        runs: dict[int, list[tuple[float, float, float]]] = {n: [] for n in jobs}
        for _ in range(args.repeat):
            for n in jobs:
                runs[n].append(measure(command("check", str(corpus), "--isolated", "--format", "jsonl", "--jobs", str(n))))
        serial = None
        for n in jobs:
            seconds = min(run[0] for run in runs[n])
            main_peak, worker_peak = max(run[1] for run in runs[n]), max(run[2] for run in runs[n])
            serial = serial or seconds
            workers = f", largest worker {worker_peak:5.1f} MB" if worker_peak else ""
            slowest = f" (slowest of {args.repeat}: {max(run[0] for run in runs[n]):.2f} s)" if args.repeat > 1 else ""
            print(
                f"--jobs {n}: {seconds:6.2f} s  {size / 1e6 / seconds:5.2f} MB/s  {words / seconds:9,.0f} words/s  "
                f"speed-up {serial / seconds:4.2f}x  peak memory: main process {main_peak:5.1f} MB{workers}{slowest}"
            )
        small = work / "small.txt"
        small.write_text(SMALL_ARTICLE, encoding="utf-8")
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run(command("check", str(small), "--isolated"), stdout=subprocess.DEVNULL, check=False)
            times.append(time.perf_counter() - started)
        print(f"start-up: newslint check on one small article: median {statistics.median(times):.3f} s of {args.runs} runs (min {min(times):.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
