"""Sentence fluency: how garbled a sentence reads, as a score in [0, 1] (1 = garbled).

A linear model over word-frequency features (wordfreq) and hashed word n-grams,
trained on the MLQE-PE train split (CC0): machine translations into English with
human quality scores (``scripts/train_fluency.py``). It ships inside the package
(a few hundred KB), needs no network and no GPU, and is loaded on first use only,
so runs that do not score sentences do not pay for it.
"""

from __future__ import annotations

import json
import math
from array import array
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from zlib import crc32

import regex

__all__ = ["garble_score", "features", "predicted_quality"]

TOKEN = regex.compile(r"\p{L}+(?:['’]\p{L}+)*|\d+|[^\s\p{L}\d]")
_SPACE_BEFORE_PUNCT = regex.compile(r"\s[,.;:!?]")
#: Number of dense features; the hashed n-gram buckets follow them.
DENSE = 12


@cache
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


def zipf(word: str) -> float:
    """Zipf frequency (log10 of uses per billion words) of a lowercase word in English; 0 if unknown.

    A plain look-up in wordfreq's English table: ``wordfreq.zipf_frequency`` would
    tokenize and normalise every word again, which costs more than the rest of a lint.
    """
    frequency = _frequencies().get(word)
    return math.log10(frequency) + 9 if frequency else 0.0


@lru_cache(maxsize=200_000)
def _token_id(token: str) -> int:
    """A stable 32-bit id of a token (crc32: the same in every process, unlike ``hash``)."""
    return crc32(token.encode("utf-8"))


_MIX = 0x9E3779B97F4A7C15  # 64-bit golden-ratio multiplier (Fibonacci hashing)
_MASK = (1 << 64) - 1


def _pair_id(first: int, second: int) -> int:
    """A well-spread id of a token pair: multiply, keep the high bits (Fibonacci hashing)."""
    return ((((first << 32) | second) * _MIX) & _MASK) >> 32


def features(sentence: str, buckets: int) -> tuple[list[float], dict[int, float]]:
    """Dense features (frequency, rarity, shape) and hashed unigram and bigram counts."""
    tokens = TOKEN.findall(sentence)
    words = [t for t in tokens if t[0].isalpha()]
    lowered = [w.lower() for w in words]
    zs = [zipf(w) for w in lowered] or [0.0]
    lowercase_z = [zipf(w.lower()) for w in words if w[0].islower()] or [7.0]
    n = len(tokens)
    dense = [
        math.log1p(n),
        sum(zs) / len(zs),
        min(zs),
        sum(z < 1 for z in zs) / len(zs),
        sum(z < 2.5 for z in zs) / len(zs),
        min(lowercase_z),
        sum(z < 2 for z in lowercase_z) / len(lowercase_z),
        sum(w[0].isupper() for w in words) / max(1, len(words)),
        float(sum(1 for a, b in zip(lowered, lowered[1:]) if a == b)),
        float(len(_SPACE_BEFORE_PUNCT.findall(sentence))),
        (n - len(words)) / max(n, 1),
        sum(1 for t in tokens if t.isdigit()) / max(n, 1),
    ]
    ids = [_token_id("<s>"), *(_token_id("<num>" if t.isdigit() else t.lower()) for t in tokens), _token_id("</s>")]
    sparse: dict[int, float] = {}
    scale = 1 / math.sqrt(len(ids))
    for key in ids:
        key %= buckets
        sparse[key] = sparse.get(key, 0.0) + scale
    for first, second in zip(ids, ids[1:]):
        key = _pair_id(first, second) % buckets
        sparse[key] = sparse.get(key, 0.0) + scale
    return dense, sparse


@dataclass(frozen=True)
class Model:
    buckets: int
    mean: list[float]
    scale: list[float]
    dense_weights: list[float]
    weights: array
    bias: float
    midpoint: float
    width: float

    def quality(self, sentence: str) -> float:
        """The predicted human quality score (0-100 scale, higher is better)."""
        dense, sparse = features(sentence, self.buckets)
        total = self.bias
        for value, mean, scale, weight in zip(dense, self.mean, self.scale, self.dense_weights):
            total += (value - mean) / scale * weight
        weights = self.weights
        for key, value in sparse.items():
            total += weights[key] * value
        return total


@cache
def load_model() -> Model:
    folder = resources.files(__name__)
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    weights = array("f")
    weights.frombytes((folder / "weights.bin").read_bytes())
    if len(weights) != meta["buckets"]:
        raise RuntimeError("fluency model files do not match")
    return Model(
        buckets=meta["buckets"],
        mean=meta["mean"],
        scale=meta["scale"],
        dense_weights=meta["dense_weights"],
        weights=weights,
        bias=meta["bias"],
        midpoint=meta["midpoint"],
        width=meta["width"],
    )


def predicted_quality(sentence: str) -> float:
    return load_model().quality(sentence)


def garble_score(sentence: str) -> float:
    """How garbled ``sentence`` reads, from 0 (fluent) to 1 (garbled)."""
    model = load_model()
    quality = model.quality(sentence)
    return 1.0 / (1.0 + math.exp((quality - model.midpoint) / model.width))
