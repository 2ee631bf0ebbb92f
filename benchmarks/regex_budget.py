"""The slowest single regex call of every rule, to size the timeout (``linter/bounded.py``).

Usage::

    python benchmarks/regex_budget.py [FOLDER ...] [--megabytes 10]

Lints every ``.txt`` file of the folders, then the pathological texts of ``scaling.py``
(one word, ``. . .`` and blank lines repeated, ``--megabytes`` each), timing each regex call
a rule makes on one piece of text (a chunk of at most 64K characters, a paragraph, or the
continuation of a run). It prints the slowest calls and the budget they imply: the slowest
call, times 4 for a machine at a quarter of its speed, times 2 for margin. The timeout must
stay above that, so that no linear pattern can reach it and findings never depend on load.
This prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scaling import PATHOLOGICAL  # noqa: E402

import linter.bounded as bounded  # noqa: E402
from linter import lint, load_ruleset  # noqa: E402
from linter.checks import pattern, repetition  # noqa: E402

#: Slowest call per pattern: (seconds, characters searched, where).
SLOWEST: dict[str, tuple[float, int, str]] = {}
CURRENT = ["?"]


def _note(regex: object, seconds: float, size: int) -> None:
    key = getattr(regex, "pattern", str(regex))[:70]
    if seconds > SLOWEST.get(key, (0.0, 0, ""))[0]:
        SLOWEST[key] = (seconds, size, CURRENT[0])


def _timed_finditer(compiled, text, start=0, end=None) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """Matches as ``finditer`` yields them, timing only the regex's own work on this piece."""
    end = len(text) if end is None else end
    spent = 0.0
    matches = compiled.finditer(text, start, end, timeout=bounded.TIMEOUT)
    while True:
        started = time.perf_counter()
        found = next(matches, None)
        spent += time.perf_counter() - started
        if found is None:
            break
        yield found
    _note(compiled, spent, end - start)


def _timed(function):  # type: ignore[no-untyped-def]
    def call(compiled, text, start, end):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return function(compiled, text, start, end)
        finally:
            _note(compiled, time.perf_counter() - started, end - start)

    return call


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args(argv)
    bounded.finditer = _timed_finditer
    pattern.fullmatch = _timed(bounded.fullmatch)
    repetition.match_at = _timed(bounded.match_at)
    ruleset = load_ruleset()
    texts: list[tuple[str, str]] = [(str(p), p.read_text(errors="replace")) for f in args.folders for p in sorted(f.rglob("*.txt"))]
    texts += [(name, unit * int(args.megabytes * 1e6 / len(unit))) for name, unit in PATHOLOGICAL.items()]
    for name, text in texts:
        CURRENT[0] = name
        lint(text, ruleset)
    ranked = sorted(SLOWEST.items(), key=lambda item: -item[1][0])
    print(f"{len(texts)} texts; slowest single regex calls:")
    for key, (seconds, size, where) in ranked[: args.top]:
        print(f"{seconds * 1000:9.1f} ms {size:8d} chars  {Path(where).name[:30]:30}  {key}")
    worst = ranked[0][1][0] if ranked else 0.0
    print(f"budget: {worst * 1000:.1f} ms x 4 (a quarter of the speed) x 2 (margin) = {worst * 8:.2f} s; TIMEOUT = {bounded.TIMEOUT} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
