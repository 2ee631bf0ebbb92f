"""Linting time per MB as one text grows: 1, 10 and 50 MB by default.

Usage::

    python benchmarks/scaling.py [--sizes 1 10 50] [--layout paragraphs|line|word|dots|blank] [--seed 0]

The text is synthetic news (``benchmarks/synthetic.py``) joined into one document; with
``--layout line`` every line break becomes a space, so the whole text is one huge line
and paragraph. The pathological layouts are what broken scrapers write: ``word`` one word
repeated (``word word word …``), ``dots`` a run of ``. . . .``, ``blank`` nothing but blank
lines; for them the script also lints news of the same size and prints the ratio of their
seconds per MB to news' (``vs news``, the target is at most 1.5). Seconds are CPU seconds of
this process (``time.process_time``): on a shared machine the wall clock also counts the
other processes. For each size the script prints the seconds, seconds per MB, findings,
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


#: What a broken scraper writes, one unit repeated to the size asked for.
PATHOLOGICAL = {"word": "word ", "dots": ". ", "blank": "\n"}


def _text(layout: str, megabytes: float, seed: int) -> str:
    if layout in PATHOLOGICAL:
        unit = PATHOLOGICAL[layout]
        return unit * int(megabytes * 1e6 / len(unit))
    text = text_of_size(megabytes, seed)
    return text.replace("\n", " ") if layout == "line" else text


def _seconds(text: str, ruleset: object) -> tuple[float, int]:
    started = time.process_time()
    findings = lint(text, ruleset)  # type: ignore[arg-type]
    return time.process_time() - started, len(findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 50], metavar="MB")
    parser.add_argument("--layout", choices=["paragraphs", "line", *PATHOLOGICAL], default="paragraphs")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    ruleset = load_ruleset()
    lint("Warm-up text. It loads the fluency model and compiles the patterns.\n", ruleset)
    print(f"layout: {args.layout}")
    pathological = args.layout in PATHOLOGICAL
    print(f"{'MB':>6} {'seconds':>9} {'s/MB':>7} {'findings':>9} {'ratio':>6}" + (f" {'vs news':>8}" if pathological else ""))
    first: float | None = None
    ratios = []
    for size in args.sizes:
        text = _text(args.layout, size, args.seed)
        megabytes = len(text.encode("utf-8")) / 1e6
        seconds, findings = _seconds(text, ruleset)
        per_mb = seconds / megabytes
        first = first or per_mb
        ratios.append(per_mb / first)
        line = f"{megabytes:6.1f} {seconds:9.2f} {per_mb:7.2f} {findings:9d} {per_mb / first:6.2f}"
        if pathological:
            news = _text("paragraphs", size, args.seed)
            line += f" {per_mb / (_seconds(news, ruleset)[0] / (len(news.encode('utf-8')) / 1e6)):8.2f}"
        print(line, flush=True)
    spread = max(ratios) / min(ratios)
    print(f"largest/smallest seconds per MB: {spread:.2f} ({'within' if spread <= 1.5 else 'beyond'} 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
