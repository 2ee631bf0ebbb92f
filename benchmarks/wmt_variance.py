"""Where the reproducible part of WMT21's crowd scores lies: in the source sentence and the article, not among translations.

Usage::

    python benchmarks/wmt_variance.py WMT21_DA_TSV

(needs the ``train`` extra: numpy.)

A target-only score can only follow what two ratings of the same thing agree on. This prints, for
the raw score and the rater z-score:

- how well the mean of the other rows of the same source sentence (the other systems'
  translations of it), and of the same article, predicts a row's score: how much of a score is
  the source's difficulty, or the article's (in raw scores a rater scores a whole article);
- the agreement of identical outputs rated in two single-rating rows (``noise_ceiling.py``'s
  reliability), and the same after taking away each source sentence's mean: whether the crowd
  agrees on which translation of one sentence is better, which is what a garble detector would
  have to follow.

A figure, not a test; the data are measure-only.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from fluency import read_tsv, spearman  # noqa: E402
from noise_ceiling import article  # noqa: E402
from packaged_models import DOCUMENT, SENTENCE  # noqa: E402

RATINGS = 4


def others_mean(rows: list[list[str]], scores: list[float], group: Callable[[list[str]], str]) -> float:
    """Spearman of each row's score with the mean score of the other rows of its group (groups of one left out)."""
    total: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for row, score in zip(rows, scores):
        total[group(row)] += score
        count[group(row)] += 1
    kept = [(score, (total[group(row)] - score) / (count[group(row)] - 1)) for row, score in zip(rows, scores) if count[group(row)] > 1]
    return spearman([a for a, _ in kept], [b for _, b in kept])


def twice_rated(rows: list[list[str]], scores: list[float], *, less_source_mean: bool) -> tuple[int, float]:
    """(pairs, Spearman) of identical outputs of one source sentence rated in two single-rating rows."""
    source_mean: dict[str, float] = {}
    if less_source_mean:
        grouped: dict[str, list[float]] = defaultdict(list)
        for row, score in zip(rows, scores):
            grouped[row[DOCUMENT]].append(score)
        source_mean = {source: sum(values) / len(values) for source, values in grouped.items()}
    by_output: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row, score in zip(rows, scores):
        if row[RATINGS] == "1":
            by_output[(row[DOCUMENT], row[SENTENCE])].append(score - source_mean.get(row[DOCUMENT], 0.0))
    pairs = [values[:2] for values in by_output.values() if len(values) >= 2]
    return len(pairs), spearman([a for a, _ in pairs], [b for _, b in pairs])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wmt", type=Path)
    args = parser.parse_args(argv)
    rows = read_tsv(args.wmt)
    print(f"{len(rows)} rows, {len({r[DOCUMENT] for r in rows})} source sentences, {len({article(r) for r in rows})} articles")
    for name, column in (("raw score", 1), ("rater z", 3)):
        scores = [float(row[column]) for row in rows]
        pairs, agreement = twice_rated(rows, scores, less_source_mean=False)
        _, within = twice_rated(rows, scores, less_source_mean=True)
        print(f"{name}:")
        print(f"  the other translations of the same source sentence predict a row at {others_mean(rows, scores, lambda r: r[DOCUMENT]):.3f}")
        print(f"  the other rows of the same article predict it at {others_mean(rows, scores, article):.3f}")
        print(f"  identical outputs rated twice ({pairs} pairs) agree at {agreement:.3f}; less their source sentence's mean, at {within:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
