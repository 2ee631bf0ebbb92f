"""A second stage over NL510's score built only of parts cheap to ship, measured on MLQE-PE (not shipped).

Usage::

    python benchmarks/fluency_cheap_stack.py TRAIN_TSV [--dev DEV_TSV] [--wmt WMT_TSV] [--timing]

(needs the ``train`` extra: numpy, scipy, scikit-learn.)

Every part is learnt from the MLQE-PE train split (CC0) and every choice was made by the grouped
cross-validation on it that this script prints (``fluency_stack.grouped_folds``: 5 folds of blocks
of 200 consecutive rows). The second stage is a ridge regression over out-of-fold values of:

- the first stage (NL510's ridge over :func:`linter.fluency.features`) and a second head over the
  same features trained on the raters' z-scores;
- a token model of the word-level tags (which MT tokens the post-editors changed): a logistic
  regression over each token's word, its left and right word pairs (NL510's pair hashes) and its
  case and rounded Zipf frequency; mean, maximum, share above one half and sum of its chances;
- the shares of the sentence's words, word pairs and word triples that the train post-edits never
  hold, and the count of such triples, from Bloom filters of their hashes (two bits a key; 2**18,
  2**22 and 2**22 bits) that could ship without any text;
- repeated triples and pairs, the repeated-word share, unknown capitalised and lowercase word
  shares, and the length in characters (``fluency_stack.shape_features``'s list);

each clipped to its training range, standardised, and also in 8 quantile bins. Files it would
ship: 2 MB of first-stage weights (2**19 buckets), 1 MB for the z head (int16), 0.8 MB of token
weights and 1.06 MB of filters. ``--dev`` fits everything on train and scores the dev split (and
``--wmt``) once; ``--timing`` prints what the second stage's features cost per sentence in pure
Python, the reason it is not shipped: the first stage alone is a few microseconds in the compiled
scorer.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.stats import spearmanr
from sklearn.linear_model import LogisticRegression, Ridge

from linter.fluency import _END, _MASK, _START, _Token, _ids, _tokens, features

sys.path.insert(0, str(Path(__file__).parent))
from fluency import read_tsv, within_pairs  # noqa: E402
from fluency_stack import FOLDS, grouped_folds, hashed, token_table  # noqa: E402

_MIX = 0x9E3779B97F4A7C15
BUCKETS = 2**19
TOKEN_BUCKETS = 2**16
BLOOM_BITS = (18, 22, 22)
BINS = 8


class Bloom:
    """A set of 64-bit hashes, two bits each, in ``2**bits`` bits: "no" is certain, "yes" almost."""

    def __init__(self, bits: int) -> None:
        self.data, self.shift = bytearray(1 << (bits - 3)), 64 - bits

    def _positions(self, key: int) -> tuple[int, int]:
        return key >> self.shift, ((key * _MIX) & _MASK) >> self.shift

    def add(self, key: int) -> None:
        for position in self._positions(key):
            self.data[position >> 3] |= 1 << (position & 7)

    def __contains__(self, key: int) -> bool:
        first, second = self._positions(key)
        return bool(self.data[first >> 3] >> (first & 7) & 1 and self.data[second >> 3] >> (second & 7) & 1)


def gram_keys(tokens: Sequence[_Token]) -> tuple[list[int], list[int], list[int]]:
    """The 64-bit hashes of the sentence's words, word pairs and word triples (two starts, one end)."""
    framed = [_START, _START, *tokens, _END]
    words = [t.right for t in framed[2:]]
    pairs = [(b.left + c.right) & _MASK for b, c in zip(framed[1:], framed[2:])]
    return words, pairs, [((pair ^ a.id) * _MIX) & _MASK for pair, a in zip(pairs, framed)]


def token_keys(tokens: Sequence[_Token]) -> list[tuple[int, int, int, int]]:
    """Each token's four columns in the token model: word, left pair, right pair, case and frequency."""
    pairs = _ids(list(tokens))[1]
    keys = []
    for i, t in enumerate(tokens):
        kind = 1 if t.upper else 2 if t.lower else 3 if t.digit else 0
        frequency = min(int(t.zipf + 0.5), 8) if t.word is not None else 9
        b = TOKEN_BUCKETS
        keys.append((t.id % b, b + pairs[i] % b, 2 * b + pairs[i + 1] % b, 3 * b + kind * 10 + frequency))
    return keys


def shape(sentence: str, tokens: Sequence[_Token]) -> list[float]:
    """Repeated word triples and pairs, the share of repeated words, unknown words by case, length."""
    words = [t.word for t in tokens if t.word is not None]
    n, m = max(len(words), 1), max(len(tokens), 1)
    triples, pairs = list(zip(words, words[1:], words[2:])), list(zip(words, words[1:]))
    return [
        float(len(triples) - len(set(triples))),
        float(len(pairs) - len(set(pairs))),
        (len(words) - len(set(words))) / n,
        sum([t.upper and t.zipf == 0 for t in tokens]) / m,
        sum([t.lower and t.zipf == 0 for t in tokens]) / m,
        float(len(sentence)),
    ]


def unseen(tokens: Sequence[_Token], filters: Sequence[Bloom]) -> list[float]:
    """The shares of words, pairs and triples the post-edits never hold, and the count of triples."""
    keys = gram_keys(tokens)
    counts = [sum([key not in bloom for key in found]) for found, bloom in zip(keys, filters)]
    n = len(keys[0])
    return [counts[0] / n, counts[1] / n, counts[2] / n, float(counts[2])]


def blooms(post_edits: list[str]) -> list[Bloom]:
    filters = [Bloom(bits) for bits in BLOOM_BITS]
    for sentence in post_edits:
        for keys, bloom in zip(gram_keys(_tokens(sentence)), filters):
            for key in keys:
                bloom.add(key)
    return filters


def token_matrix(rows: list[list[str]], labelled: bool) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """One row per token, its four keys one-hot; with ``labelled``, sentences whose tags do not line up are left out."""
    keys, labels, owner = token_table(rows, labelled, lambda sentence: token_keys(_tokens(sentence)))
    n = len(keys)
    columns = np.array(keys, dtype=np.int64).reshape(-1)
    matrix = sparse.csr_matrix((np.ones(4 * n), (np.repeat(np.arange(n), 4), columns)), shape=(n, 3 * TOKEN_BUCKETS + 100))
    return matrix, np.array(labels, dtype=float), np.array(owner, dtype=np.int64)


def changed(chances: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    """Per sentence: mean, maximum, share above one half and sum of its tokens' chances of being changed."""
    count = np.maximum(np.bincount(owner, None, n), 1)
    total = np.bincount(owner, chances, n)
    top = np.zeros(n)
    np.maximum.at(top, owner, chances)
    return np.column_stack([total / count, top, np.bincount(owner, (chances > 0.5).astype(float), n) / count, total])


class Parts:
    """The learnt parts fitted on some train rows; ``values`` gives the second stage's features of any rows."""

    def __init__(self, rows: list[list[str]], alpha: float = 3.0) -> None:
        dense, counts = hashed([r[0] for r in rows], BUCKETS)
        self.mean, self.scale = dense.mean(0), dense.std(0) + 1e-9
        matrix = self._matrix(dense, counts)
        self.heads = [Ridge(alpha=alpha, solver="sparse_cg").fit(matrix, [float(r[column]) for r in rows]) for column in (1, 3)]
        tokens, labels, _ = token_matrix(rows, True)
        self.tokens = LogisticRegression(C=0.5, solver="liblinear", max_iter=300).fit(tokens, labels)
        self.filters = blooms([r[6] for r in rows])

    def _matrix(self, dense: np.ndarray, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        return sparse.hstack([counts, sparse.csr_matrix((dense - self.mean) / self.scale)]).tocsr()

    def values(self, rows: list[list[str]]) -> np.ndarray:
        matrix = self._matrix(*hashed([r[0] for r in rows], BUCKETS))
        tokens, _, owner = token_matrix(rows, False)
        rest = [shape(r[0], _tokens(r[0])) + unseen(_tokens(r[0]), self.filters) for r in rows]
        heads = np.column_stack([head.predict(matrix) for head in self.heads])
        return np.column_stack([heads, np.array(rest), changed(self.tokens.predict_proba(tokens)[:, 1], owner, len(rows))])


def stage2_matrix(x: np.ndarray, fitted: dict) -> np.ndarray:
    x = np.clip(x, fitted["low"], fitted["high"])
    parts = [(x - fitted["mean"]) / fitted["scale"]]
    for j, edges in enumerate(fitted["edges"]):
        onehot = np.zeros((len(x), len(edges) + 1))
        onehot[np.arange(len(x)), np.searchsorted(edges, x[:, j], side="right")] = 1
        parts.append(onehot)
    return np.hstack(parts)


def fit_stage2(x: np.ndarray, y: np.ndarray, alpha: float = 3.0) -> dict:
    fitted = {"low": x.min(0), "high": x.max(0), "mean": x.mean(0), "scale": x.std(0) + 1e-9}
    fitted["edges"] = [np.unique(np.quantile(x[:, j], np.linspace(0, 1, BINS + 1)[1:-1])) for j in range(x.shape[1])]
    fitted["model"] = Ridge(alpha=alpha).fit(stage2_matrix(x, fitted), y)
    return fitted


def predict_stage2(fitted: dict, x: np.ndarray) -> np.ndarray:
    return fitted["model"].predict(stage2_matrix(x, fitted))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--dev", type=Path, help="fit on all of train and score this file once")
    parser.add_argument("--wmt", type=Path, help="with --dev, score this file too")
    parser.add_argument("--timing", action="store_true", help="time the second stage's features per sentence in pure Python")
    args = parser.parse_args(argv)

    rows = read_tsv(args.train)
    y = np.array([float(r[1]) for r in rows])
    folds = grouped_folds(len(rows))
    x = np.zeros((len(rows), 16))
    for k in range(FOLDS):
        held = np.where(folds == k)[0]
        x[held] = Parts([r for r, f in zip(rows, folds) if f != k]).values([rows[i] for i in held])
        print(f"  fold {k + 1} of {FOLDS} done", file=sys.stderr, flush=True)
    predicted = np.zeros(len(rows))
    for k in range(FOLDS):
        held = folds == k
        predicted[held] = predict_stage2(fit_stage2(x[~held], y[~held]), x[held])
    print(f"grouped {FOLDS}-fold CV on {args.train.name} ({len(rows)} rows), |Spearman|:")
    print(f"  first stage (2**{BUCKETS.bit_length() - 1} buckets) alone: {abs(spearmanr(x[:, 0], y)[0]):.4f}")
    print(f"  second stage: {abs(spearmanr(predicted, y)[0]):.4f}", flush=True)
    if args.dev or args.timing:
        parts = Parts(rows)
        stacker = fit_stage2(x, y)
    for path in [p for p in (args.dev, args.wmt if args.dev else None) if p]:
        scored = read_tsv(path)
        scores = predict_stage2(stacker, parts.values(scored))
        human = [float(r[1]) for r in scored]
        print(f"{path.name}: |Spearman| {abs(spearmanr(scores, human)[0]):.3f} ({len(scored)} rows)")
        within = within_pairs(scored, list(scores), human)
        if within:
            print("  within each pair: " + json.dumps({p: round(abs(v), 3) for p, v in within.items()}) + f", mean {statistics.fmean(abs(v) for v in within.values()):.3f}")
    if args.timing:
        sentences = [r[0] for r in rows[:3000]]
        weights = parts.tokens.coef_[0].tolist()
        started = time.process_time()
        for sentence in sentences:
            tokens = _tokens(sentence)
            shape(sentence, tokens)
            unseen(tokens, parts.filters)
            [sum(weights[k] for k in keys) for keys in token_keys(tokens)]
            features(sentence, BUCKETS)
        print(f"second-stage features in pure Python: {(time.process_time() - started) / len(sentences) * 1e6:.0f} µs a sentence")
    return 0


if __name__ == "__main__":
    sys.exit(main())
