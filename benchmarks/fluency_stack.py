"""A heavier sentence fluency stack, measured honestly on MLQE-PE (the issue's 0.55 target on dev).

Usage::

    python benchmarks/fluency_stack.py TRAIN_TSV DEV_TSV [--wmt WMT_TSV] [--cache DIR] [--tokens] [--dev]

(needs the ``train`` extra: numpy, scipy, scikit-learn.)

Everything is fitted on the train split only (MLQE-PE, CC0), and every choice is made by
cross-validation on it: the rows are dealt into 5 folds in blocks of 200 consecutive rows
(consecutive rows of a pair come from the same Wikipedia articles, so a block keeps an article's
sentences together), and each stage-1 model gives its train rows out-of-fold values. Stage 1:

- ``heads``: ridge regressions over NL510's own features (:func:`linter.fluency.features`), one
  per training annotation: the DA score, its z-normalised mean, HTER, the share of MT tokens
  tagged BAD, and the log length ratio of post-edit to MT (all target-only at prediction time);
- ``lm``: an interpolated Kneser-Ney word trigram model of the training folds' human post-edits
  (unigrams mixed with wordfreq's English frequencies): mean, minimum, mean of the three lowest
  and median token log-probability, unseen bigram/trigram/word shares, the sum;
- ``shape``: repeated trigrams and bigrams, repeated-word share, unknown capitalised and
  lowercase word shares, length in characters (no feature that tells a source language apart:
  a language-pair guess lifts the pooled figure by telling the pairs' mean scores apart, which
  on news would flag articles by their topic);
- ``tokens`` (with ``--tokens``, slow): a logistic regression over hashed token n-grams and the
  LM's token log-probabilities, trained on the word-level BAD tags; mean, maximum, sum and share
  above 0.5 of its token probabilities.

Stage 2 is a gradient-boosted regressor over all of them. The script prints its grouped
cross-validated Spearman on train for each feature group added; with ``--dev`` it fits on the
whole train split and scores dev (pooled and within each language pair) and the WMT21 file once.
Stage-1 values are cached in ``--cache`` (default ``.fluency_stack``) by stage and fold.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from zlib import crc32

import numpy as np
from scipy import sparse
from scipy.stats import spearmanr
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import LogisticRegression, Ridge

from linter.fluency import TOKEN, features, zipf

sys.path.insert(0, str(Path(__file__).parent))
from fluency import read_tsv, within_pairs  # noqa: E402

FOLDS = 5
BLOCK = 200
BUCKETS = 2**16
TOKEN_BUCKETS = 2**18
STACKER = dict(max_iter=400, learning_rate=0.04, max_leaf_nodes=15, min_samples_leaf=80, l2_regularization=1.0)


def grouped_folds(rows: int, seed: int = 1) -> np.ndarray:
    """Each row's fold: blocks of ``BLOCK`` consecutive rows dealt at random into ``FOLDS`` folds."""
    blocks = np.arange(rows) // BLOCK
    return (np.random.RandomState(seed).permutation(blocks.max() + 1) % FOLDS)[blocks]


def words(sentence: str) -> list[str]:
    return [token.lower() for token in TOKEN.findall(sentence)]


class KneserNey:
    """Interpolated Kneser-Ney word trigrams (discount 0.75); unigrams mixed with wordfreq's English."""

    def __init__(self, sentences: list[str], discount: float = 0.75) -> None:
        self.d = discount
        self.c3: Counter = Counter()
        for sentence in sentences:
            w = ["<s>", "<s>", *words(sentence), "</s>"]
            self.c3.update(zip(w, w[1:], w[2:]))
        self.h2: Counter = Counter()  # c(u v .)
        self.f2: Counter = Counter()  # distinct w after (u, v)
        self.cont2: Counter = Counter()  # N1+(. v w)
        for (u, v, w), count in self.c3.items():
            self.h2[u, v] += count
            self.f2[u, v] += 1
            self.cont2[v, w] += 1
        self.h1: Counter = Counter()  # N1+(. v .)
        self.f1: Counter = Counter()  # distinct w after v
        self.cont1: Counter = Counter()  # N1+(. w)
        for (v, w), count in self.cont2.items():
            self.h1[v] += count
            self.f1[v] += 1
            self.cont1[w] += 1
        self.types = sum(self.cont1.values())

    def p1(self, w: str) -> float:
        z = zipf(w) if w[:1].isalpha() else 0.0
        prior = 10 ** (z - 9) if z > 0 else 1e-9
        return 0.5 * (self.cont1[w] + 1000 * prior) / (self.types + 1000) + 0.5 * prior

    def p2(self, v: str, w: str) -> float:
        h = self.h1[v]
        if not h:
            return self.p1(w)
        return max(self.cont2[v, w] - self.d, 0) / h + self.d * self.f1[v] / h * self.p1(w)

    def p3(self, u: str, v: str, w: str) -> float:
        h = self.h2[u, v]
        if not h:
            return self.p2(v, w)
        return max(self.c3[u, v, w] - self.d, 0) / h + self.d * self.f2[u, v] / h * self.p2(v, w)

    def log_probs(self, sentence: str) -> tuple[list[float], list[str]]:
        w = ["<s>", "<s>", *words(sentence), "</s>"]
        return [math.log10(self.p3(a, b, c)) for a, b, c in zip(w, w[1:], w[2:])], w

    def features(self, sentence: str) -> list[float]:
        lp, w = self.log_probs(sentence)
        n = len(lp)
        unseen2 = sum(self.cont2[b, c] == 0 for b, c in zip(w[1:], w[2:])) / n
        unseen3 = sum(self.c3[a, b, c] == 0 for a, b, c in zip(w, w[1:], w[2:])) / n
        unseen1 = sum(self.cont1[c] == 0 for c in w[2:]) / n
        low = sorted(lp)
        return [sum(lp) / n, low[0], sum(low[:3]) / len(low[:3]), statistics.median(lp), unseen2, unseen3, unseen1, sum(lp)]


def shape_features(sentence: str) -> list[float]:
    """Repetition and unknown-word shares, and length: MT's loops and untranslated words."""
    tokens = TOKEN.findall(sentence)
    w = [t.lower() for t in tokens if t[0].isalpha()]
    n, m = max(len(w), 1), max(len(tokens), 1)
    tri, bi = list(zip(w, w[1:], w[2:])), list(zip(w, w[1:]))
    return [
        len(tri) - len(set(tri)),
        len(bi) - len(set(bi)),
        (len(w) - len(set(w))) / n,
        sum(1 for t in tokens if t[0].isupper() and zipf(t.lower()) == 0) / m,
        sum(1 for t in tokens if t[0].islower() and zipf(t) == 0) / m,
        len(sentence),
    ]


def hashed(sentences: list[str], buckets: int = BUCKETS) -> tuple[np.ndarray, sparse.csr_matrix]:
    """NL510's dense features (one row a sentence) and its hashed counts (a sparse matrix)."""
    dense, rows, cols, vals = [], [], [], []
    for i, sentence in enumerate(sentences):
        values, counts = features(sentence, buckets)
        dense.append(values)
        for key, value in counts.items():
            rows.append(i)
            cols.append(key)
            vals.append(value)
    return np.array(dense), sparse.csr_matrix((vals, (rows, cols)), shape=(len(sentences), buckets))


def bad_share(row: list[str]) -> float:
    tagged = sum(1 for item in row[7].split(" ") if item.split(":")[0].isdigit())
    return tagged / max(len(row[10].split(" ")), 1)


def token_labels(row: list[str]) -> list[bool]:
    """The BAD tag of each ``TOKEN`` of the sentence (an MT token's tag spread over its pieces)."""
    bad = {int(item.split(":")[0]) for item in row[7].split(" ") if item.split(":")[0].isdigit()}
    labels: list[bool] = []
    for index, piece in enumerate(row[10].split(" ")):
        labels += [index in bad] * len(TOKEN.findall(piece))
    return labels


def token_rows(lm: KneserNey, sentence: str) -> tuple[list[list[int]], list[list[float]]]:
    tokens = TOKEN.findall(sentence)
    lp, w = lm.log_probs(sentence)
    hashed, dense = [], []
    for i, token in enumerate(tokens):
        x = w[i + 2]
        z = zipf(x) if x[0].isalpha() else -1.0
        kind = "A" if token[0].isupper() else "a" if token[0].isalpha() else "0" if token[0].isdigit() else token[0]
        keys = (f"u:{x}", f"l:{w[i + 1]}|{x}", f"r:{x}|{w[i + 3]}", f"s:{kind}|{round(z)}")
        hashed.append([crc32(k.encode("utf-8", "surrogatepass")) % TOKEN_BUCKETS for k in keys])
        dense.append([lp[i], lp[i + 1], lp[i] + lp[i + 1], min(z, 7) / 7, float(lm.cont1[x] > 0), float(lm.cont2[w[i + 1], x] > 0), float(lm.cont2[x, w[i + 3]] > 0), float(lm.c3[w[i], w[i + 1], x] > 0), i / len(tokens)])
    return hashed, dense


def token_table(rows: list[list[str]], labelled: bool, per_token: Callable[[str], list]) -> tuple[list, list[bool], list[int]]:
    """The items ``per_token`` gives for each token of each row, in one list, with each item's row;
    with ``labelled``, the tokens' BAD tags too, leaving out sentences whose tags do not line up."""
    items: list = []
    labels: list[bool] = []
    owner: list[int] = []
    for index, row in enumerate(rows):
        found = per_token(row[0])
        if labelled:
            tags = token_labels(row)
            if len(tags) != len(found):
                continue
            labels += tags
        items += found
        owner += [index] * len(found)
    return items, labels, owner


def token_matrix(lm: KneserNey, rows: list[list[str]], labelled: bool) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    items, labels, owner = token_table(rows, labelled, lambda sentence: list(zip(*token_rows(lm, sentence))))
    hashed, dense = [h for h, _ in items], [d for _, d in items]
    n = len(hashed)
    onehot = sparse.csr_matrix((np.ones(4 * n), (np.repeat(np.arange(n), 4), np.array(hashed).ravel())), shape=(n, TOKEN_BUCKETS))
    return sparse.hstack([onehot, sparse.csr_matrix(np.array(dense))]).tocsr(), np.array(labels), np.array(owner)


def pooled(p: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    total = np.bincount(owner, p, n)
    count = np.bincount(owner, None, n)
    count[count == 0] = 1
    top = np.zeros(n)
    np.maximum.at(top, owner, p)
    return np.column_stack([total / count, top, total, np.bincount(owner, (p > 0.5).astype(float), n) / count])


class Stage1:
    """Stage-1 values for train (out-of-fold), dev and WMT, cached as ``.npy`` files by name."""

    def __init__(self, cache: Path, train: list[list[str]], dev: list[list[str]], wmt: list[list[str]]) -> None:
        self.cache, self.train, self.dev, self.wmt = cache, train, dev, wmt
        self.folds = grouped_folds(len(train))
        cache.mkdir(exist_ok=True)

    def cached(self, name: str, make) -> dict[str, np.ndarray]:
        paths = {part: self.cache / f"{name}.{part}.npy" for part in ("train", "dev", "wmt")}
        if not all(p.exists() for p in paths.values()):
            started = time.perf_counter()
            for part, values in make().items():
                np.save(paths[part], values)
            print(f"  stage {name}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
        return {part: np.load(p) for part, p in paths.items()}

    def per_fold(self, fit, apply) -> dict[str, np.ndarray]:
        """``apply(fit(train rows of the other folds), rows)`` for each fold, then fitted on all for dev/WMT."""
        out = None
        for k in range(FOLDS):
            model = fit([r for r, f in zip(self.train, self.folds) if f != k])
            held = np.where(self.folds == k)[0]
            values = apply(model, [self.train[i] for i in held])
            out = np.zeros((len(self.train), values.shape[1])) if out is None else out
            out[held] = values
        model = fit(self.train)
        return {"train": out, "dev": apply(model, self.dev), "wmt": apply(model, self.wmt)}

    def heads(self) -> dict[str, np.ndarray]:
        parts = {part: hashed([r[0] for r in rows]) for part, rows in (("train", self.train), ("dev", self.dev), ("wmt", self.wmt))}
        mean, scale = parts["train"][0].mean(0), parts["train"][0].std(0) + 1e-9
        x = {k: sparse.hstack([h, sparse.csr_matrix((d - mean) / scale)]).tocsr() for k, (d, h) in parts.items()}
        y = np.column_stack([
            [float(r[1]) for r in self.train],
            [float(r[3]) for r in self.train],
            [float(r[5]) for r in self.train],
            [bad_share(r) for r in self.train],
            [math.log((len(r[6]) + 1) / (len(r[0]) + 1)) for r in self.train],
        ])
        y = (y - y.mean(0)) / y.std(0)
        out = np.zeros_like(y)
        for k in range(FOLDS):
            out[self.folds == k] = Ridge(alpha=3).fit(x["train"][self.folds != k], y[self.folds != k]).predict(x["train"][self.folds == k])
        model = Ridge(alpha=3).fit(x["train"], y)
        return {"train": out, "dev": model.predict(x["dev"]), "wmt": model.predict(x["wmt"])}

    def lm(self) -> dict[str, np.ndarray]:
        return self.per_fold(lambda rows: KneserNey([r[6] for r in rows]), lambda lm, rows: np.array([lm.features(r[0]) for r in rows]))

    def shape(self) -> dict[str, np.ndarray]:
        return {part: np.array([shape_features(r[0]) for r in rows]) for part, rows in (("train", self.train), ("dev", self.dev), ("wmt", self.wmt))}

    def tokens(self) -> dict[str, np.ndarray]:
        def fit(rows: list[list[str]]):
            lm = KneserNey([r[6] for r in rows])
            m, y, _ = token_matrix(lm, rows, True)
            return lm, LogisticRegression(C=0.5, max_iter=300, solver="liblinear").fit(m, y)

        def apply(model, rows: list[list[str]]) -> np.ndarray:
            lm, classifier = model
            m, _, owner = token_matrix(lm, rows, False)
            return pooled(classifier.predict_proba(m)[:, 1], owner, len(rows))

        return self.per_fold(fit, apply)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("dev", type=Path)
    parser.add_argument("--wmt", type=Path)
    parser.add_argument("--cache", type=Path, default=Path(".fluency_stack"))
    parser.add_argument("--tokens", action="store_true", help="add the token BAD model (slow: about a quarter of an hour)")
    parser.add_argument("--dev", dest="score_dev", action="store_true", help="fit on all of train and score dev and WMT once")
    parser.add_argument("--only", choices=("heads", "lm", "shape", "tokens"), help="fill the cache of one stage and stop (to run stages side by side)")
    args = parser.parse_args(argv)

    train, dev = read_tsv(args.train), read_tsv(args.dev)
    wmt = read_tsv(args.wmt) if args.wmt else dev[:0]
    stage = Stage1(args.cache, train, dev, wmt)
    if args.only:
        stage.cached(args.only, getattr(stage, args.only))
        return 0
    groups = {"heads": stage.cached("heads", stage.heads), "lm": stage.cached("lm", stage.lm), "shape": stage.cached("shape", stage.shape)}
    if args.tokens:
        groups["tokens"] = stage.cached("tokens", stage.tokens)
    y = np.array([float(r[1]) for r in train])
    print(f"grouped {FOLDS}-fold CV on {args.train.name} ({len(train)} rows, blocks of {BLOCK}), |Spearman| of the stack:")
    names = [name for name in ("heads", "lm", "shape", "tokens") if name in groups]
    # each group added in turn; with --dev only the whole stack, the candidate scored on dev
    for step in [names] if args.score_dev else [names[: i + 1] for i in range(len(names))]:
        x = np.hstack([groups[g]["train"] for g in step])
        predicted = np.zeros(len(train))
        for k in range(FOLDS):
            held = stage.folds == k
            predicted[held] = HistGradientBoostingRegressor(random_state=0, **STACKER).fit(x[~held], y[~held]).predict(x[held])
        print(f"  {' + '.join(step)}: {abs(spearmanr(predicted, y)[0]):.3f}", flush=True)
    first = abs(spearmanr(groups["heads"]["train"][:, 0], y)[0])
    print(f"  (the score head alone, NL510's ridge refitted: {first:.3f})")
    if args.score_dev:
        stacker = HistGradientBoostingRegressor(random_state=0, **STACKER).fit(np.hstack([groups[g]["train"] for g in names]), y)
        for label, rows, part in ((args.dev.name, dev, "dev"), (args.wmt.name if args.wmt else "", wmt, "wmt")):
            if not rows:
                continue
            scores = stacker.predict(np.hstack([groups[g][part] for g in names]))
            human = [float(r[1]) for r in rows]
            print(f"{label}: |Spearman| {abs(spearmanr(scores, human)[0]):.3f} ({len(rows)} rows)")
            within = within_pairs(rows, list(scores), human)
            if within:
                print("  within each pair: " + json.dumps({p: round(abs(v), 3) for p, v in within.items()}) + f", mean {statistics.fmean(abs(v) for v in within.values()):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
