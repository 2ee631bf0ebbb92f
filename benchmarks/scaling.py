"""Linting time per MB as one text grows: 1, 10 and 50 MB by default.

Usage::

    python benchmarks/scaling.py [--sizes 1 10 50] [--layout paragraphs|line] [--seed 0]

The text is synthetic news (``benchmarks/synthetic.py``) joined into one document; with
``--layout line`` every line break becomes a space, so the whole text is one huge line
and paragraph. For each size the script prints the seconds, seconds per MB, findings,
and the ratio of seconds per MB to the smallest size's; time grows linearly when the
ratios stay near 1 (the target is within 1.5x). This prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import text_of_size  # noqa: E402

from linter import lint, load_ruleset  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 50], metavar="MB")
    parser.add_argument("--layout", choices=["paragraphs", "line"], default="paragraphs")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    ruleset = load_ruleset()
    lint("Warm-up text. It loads the fluency model and compiles the patterns.\n", ruleset)
    print(f"layout: {args.layout}")
    print(f"{'MB':>6} {'seconds':>9} {'s/MB':>7} {'findings':>9} {'ratio':>6}")
    first: float | None = None
    ratios = []
    for size in args.sizes:
        text = text_of_size(size, args.seed)
        if args.layout == "line":
            text = text.replace("\n", " ")
        megabytes = len(text.encode("utf-8")) / 1e6
        started = time.perf_counter()
        findings = lint(text, ruleset)
        seconds = time.perf_counter() - started
        per_mb = seconds / megabytes
        first = first or per_mb
        ratios.append(per_mb / first)
        print(f"{megabytes:6.1f} {seconds:9.2f} {per_mb:7.2f} {len(findings):9d} {per_mb / first:6.2f}", flush=True)
    spread = max(ratios) / min(ratios)
    print(f"largest/smallest seconds per MB: {spread:.2f} ({'within' if spread <= 1.5 else 'beyond'} 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
