"""How far a target-only sentence score can follow noisy crowd scores (WMT21 DA), and what simple features reach.

Usage::

    python benchmarks/noise_ceiling.py WMT21_DA_TSV [--seed 19]

(needs the ``train`` extra: numpy, scikit-learn.)

A crowd score is the true quality plus rating noise. The same English output, produced by two
systems for one segment, is rated in two rows independently: the correlation of those two rows
is the reliability ``r`` of one row, and a perfect scorer of the true quality correlates with a
row's score at about ``sqrt(r)``, not ``r`` (correction for attenuation). Rows that average two
ratings are more reliable, ``2r / (1 + r)`` (Spearman-Brown). The true quality includes adequacy,
which a scorer that never sees the source cannot know, so the ceiling of a target-only scorer is
lower still. Then the script prints what length, the rarest word's frequency, the fluency score
and a small ridge regression over such features (trained on half of the articles, tested on the
other half) reach. This is a script that prints figures, not a test; the data are measure-only.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from pathlib import Path

import numpy as np
import regex
from sklearn.linear_model import RidgeCV
from wordfreq import zipf_frequency

from linter.fluency import garble_score

sys.path.insert(0, str(Path(__file__).parent))
from fluency import rank, read_tsv, reliability, spearman  # noqa: E402

_LETTERS = regex.compile(r"\p{L}+")
FEATURES = ("words", "rarest Zipf", "mean Zipf", "rare words (Zipf < 2)", "capitalised share", "fluency score")


def features(sentence: str) -> list[float]:
    """The cheap, target-only features of one sentence, in the order of ``FEATURES``."""
    words = _LETTERS.findall(sentence) or [""]
    zipf = [zipf_frequency(w.lower(), "en") for w in words]
    capitalised = sum(w[:1].isupper() for w in words[1:]) / max(len(words) - 1, 1)
    return [float(len(words)), min(zipf), statistics.fmean(zipf), float(sum(z < 2 for z in zipf)), capitalised, garble_score(sentence)]


def article(row: list[str]) -> str:
    """The WMT21 article a row comes from: its ``doc`` column is ``article#segment``, one value per source sentence."""
    return row[7].partition("#")[0]


def article_split(rows: list[list[str]], seed: int) -> np.ndarray:
    """True for rows of the half of WMT21's articles that models are trained on.

    Grouped by article, not by the ``doc`` column: the segments of one article share its topic and,
    in raw scores, its rater, so a split by segment lets a model learn the article from its words.
    """
    articles = sorted({article(row) for row in rows})
    random.Random(seed).shuffle(articles)
    train = set(articles[: len(articles) // 2])
    return np.array([article(row) in train for row in rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wmt", type=Path)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args(argv)
    rows = read_tsv(args.wmt)
    single = sum(row[4] == "1" for row in rows) / len(rows)
    for name, column in (("raw score", 1), ("rater z", 3)):
        pairs, r1 = reliability(rows, [float(row[column]) for row in rows], single=True)
        r2 = 2 * r1 / (1 + r1)
        ceiling = single * r1**0.5 + (1 - single) * r2**0.5
        print(f"{name}: {pairs} sentences rated in two single-rating rows agree at {r1:.3f} (one rating's reliability)")
        print(f"  ceiling of a perfect scorer: sqrt({r1:.3f}) = {r1**0.5:.3f} on one rating, sqrt({r2:.3f}) = {r2**0.5:.3f} on two; {ceiling:.3f} over this file ({single:.0%} single)")

    train = article_split(rows, args.seed)
    test = ~train
    x = np.array([features(row[0]) for row in rows])
    y = np.array([float(row[1]) for row in rows])
    print(f"held-out half: {test.sum()} rows of {len({article(row) for row, held in zip(rows, test) if held})} articles (the model is trained on the other {train.sum()})")
    for index, name in enumerate(FEATURES):
        print(f"  {name:<24} |Spearman| {abs(spearman(list(x[test, index]), list(y[test]))):.3f}")
    mean, spread = x[train].mean(axis=0), x[train].std(axis=0) + 1e-9
    # Fitted to the ranks of the scores: Spearman is what is measured, and a few zeros would pull a fit to the raw values.
    model = RidgeCV(alphas=(0.1, 1.0, 10.0, 100.0)).fit((x[train] - mean) / spread, rank(list(y[train])))
    predicted = model.predict((x[test] - mean) / spread)
    print(f"  {'ridge over all six':<24} |Spearman| {abs(spearman(list(predicted), list(y[test]))):.3f} (weights {np.round(model.coef_, 2).tolist()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
