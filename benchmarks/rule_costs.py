"""Where serial time goes: seconds per MB for each shared segmentation and each default rule.

Usage::

    python benchmarks/rule_costs.py [CORPUS] [--megabytes 2] [--repeat 2] [--top 30] [--preview]

CORPUS is read as by ``throughput.py`` (a folder of ``.txt`` files or a JSONL file); without
it a synthetic corpus is generated. Each round builds fresh documents, computes every lazy
segmentation of :class:`~linter.segments.Document` in turn (each line excludes the ones above
it), then runs each enabled rule (with ``--preview``, the preview rules too) over every document; the fastest of ``--repeat`` rounds counts.
For pattern rules without a gate it also prints what the ``regex`` module alone costs for the
same searches (``regex alone``), the part of the rule no Python change can remove. This prints
figures; it is not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import text_of_size  # noqa: E402
from throughput import corpus_texts  # noqa: E402

from linter.checks.pattern import PatternCheck  # noqa: E402
from linter.selection import LintConfig, Selection  # noqa: E402
from linter.engine import active_rules  # noqa: E402
from linter import Rule, load_ruleset  # noqa: E402
from linter.segments import Document  # noqa: E402

SEGMENTATIONS = [name for name, value in vars(Document).items() if isinstance(value, cached_property)]


def _timed(costs: Counter[str], name: str, work: Callable[[], object]) -> None:
    started = time.perf_counter()
    work()
    costs[name] += time.perf_counter() - started


def _regex_alone(rule: Rule, doc: Document) -> None:
    """The bare searches an ungated pattern rule makes: chunk by chunk, or one full match per paragraph."""
    check = rule.check
    assert isinstance(check, PatternCheck)
    if check.scope == "whole-paragraph":
        for paragraph in doc.paragraphs:
            check.pattern.fullmatch(doc.text, paragraph.start, paragraph.end)
        return
    for chunk in doc.chunks:
        for _ in check.pattern.finditer(doc.text, chunk.start, chunk.end):
            pass


def one_round(texts: list[str], rules: tuple[Rule, ...]) -> tuple[Counter[str], Counter[str]]:
    """Seconds per segmentation and per rule, and per ungated pattern rule its bare regex time."""
    costs: Counter[str] = Counter()
    bare: Counter[str] = Counter()
    bare_rules = [r for r in rules if isinstance(r.check, PatternCheck) and r.check.gate is None]
    for text in texts:
        doc = Document(text)
        for name in SEGMENTATIONS:
            _timed(costs, f"segments: {name}", lambda: getattr(doc, name))
        for rule in rules:
            _timed(costs, f"{rule.code} {rule.name}", lambda: list(rule.run(doc)))
        for rule in bare_rules:
            _timed(bare, f"{rule.code} {rule.name}", lambda: _regex_alone(rule, doc))
    return costs, bare


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--megabytes", type=float, default=2.0, help="size of the generated corpus (default: 2)")
    parser.add_argument("--repeat", type=int, default=2, help="rounds; the fastest of each line counts (default: 2)")
    parser.add_argument("--top", type=int, default=30, help="lines to print (default: 30)")
    parser.add_argument("--preview", action="store_true", help="also time the preview rules")
    args = parser.parse_args(argv)
    texts = corpus_texts(args.corpus) if args.corpus else [text_of_size(args.megabytes, seed=1)]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rules = active_rules(load_ruleset(), LintConfig(Selection(preview=args.preview)))
    best: dict[str, float] = {}
    best_bare: dict[str, float] = {}
    for _ in range(args.repeat):
        costs, bare = one_round(texts, rules)
        for name, seconds in costs.items():
            best[name] = min(best.get(name, seconds), seconds)
        for name, seconds in bare.items():
            best_bare[name] = min(best_bare.get(name, seconds), seconds)
    total = sum(best.values())
    print(f"{len(texts)} documents, {megabytes:.2f} MB, {len(rules)} rules: {total / megabytes:.2f} s/MB ({megabytes / total:.2f} MB/s) in rules and segmentations")
    print(f"regex alone, for the {len(best_bare)} pattern rules without a gate: {sum(best_bare.values()) / megabytes:.3f} s/MB")
    print(f"{'':34} {'s/MB':>7} {'share':>6} {'regex alone':>12}")
    for name, seconds in sorted(best.items(), key=lambda item: -item[1])[: args.top]:
        alone = f"{best_bare[name] / megabytes:12.3f}" if name in best_bare else ""
        print(f"{name[:34]:34} {seconds / megabytes:7.3f} {seconds / total:6.1%} {alone}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
