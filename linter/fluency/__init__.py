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
import mmap
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from collections.abc import Callable, Iterable, Sequence
from functools import cache, cached_property, reduce
from itertools import chain
from operator import add, eq
from pathlib import Path
from typing import NamedTuple, Protocol
from zlib import crc32

from .frequencies import ZipfTable
from ..pattern_cache import compiled
from ..twins import compiled_twin

__all__ = ["garble_score", "features", "KERNEL"]

#: The character classes the sentence is read by; the compiled scanner asks ``regex`` for each
#: character's classes with these very expressions (``_scorer.pyx`` names their bits in this order).
TOKEN_CLASSES = (r"\p{L}", r"\d", r"\s", "['’]", "[,.;:!?]")
_LETTER, _DIGIT, _SPACE, _APOSTROPHE, _SPACED_PUNCT = TOKEN_CLASSES
TOKEN = compiled(rf"{_LETTER}+(?:{_APOSTROPHE}{_LETTER}+)*|{_DIGIT}+|[^{_SPACE}{_LETTER}{_DIGIT}]")
_SPACE_BEFORE_PUNCT = compiled(_SPACE + _SPACED_PUNCT)
#: Which scorer runs: ``compiled`` (the Cython extension) or ``pure`` (Python).
COMPILED, KERNEL = compiled_twin("linter.fluency._scorer")
#: Number of dense features; the hashed n-gram buckets follow them.
DENSE = 12


_TABLE = ZipfTable()

#: Zipf frequency (log10 of uses per billion words) of a lowercase word in English; 0 if unknown.
#: A plain look-up in wordfreq's English table (:mod:`.frequencies`): ``wordfreq.zipf_frequency``
#: would tokenize and normalise every word again, which costs more than the rest of a lint. The
#: table's bound method itself, not a function around it: the word rules call it for every
#: distinct word of every text, and this saves a Python frame per call.
zipf: Callable[[str], float] = _TABLE.get
#: The words of a collection that English does not have (Zipf value 0), looked up in bulk.
unknown_words: Callable[[Iterable[str]], set[str]] = _TABLE.unknown


def _token_id(token: str) -> int:
    """A stable 32-bit id of a token (crc32: the same in every process, unlike ``hash``).

    ``surrogatepass``: a JSON record can hold a lone surrogate (``"\\ud800"``), which strict
    UTF-8 cannot encode; it gets an id like any other unknown token.
    """
    return crc32(token.encode("utf-8", "surrogatepass"))


_MIX = 0x9E3779B97F4A7C15  # 64-bit golden-ratio multiplier (Fibonacci hashing)
_MASK = (1 << 64) - 1


class _Token(NamedTuple):
    """What the features need of a token, computed once per distinct token.

    A pair's hash is ``((first << 32 | second) * _MIX mod 2**64) >> 32``; since the
    product distributes over the two halves, each token carries its share as the
    first (``left``) and as the second (``right``) of a pair, and a pair costs one addition.
    """

    id: int
    word: str | None  # lowercased, for words only
    zipf: float
    upper: bool
    lower: bool
    digit: bool
    left: int
    right: int


def _make(token_id: int, word: str | None, zipf_value: float, upper: bool, lower: bool, digit: bool) -> _Token:
    return _Token(token_id, word, zipf_value, upper, lower, digit, ((token_id << 32) * _MIX) & _MASK, (token_id * _MIX) & _MASK)


_START = _make(_token_id("<s>"), None, 0.0, False, False, False)
_END = _make(_token_id("</s>"), None, 0.0, False, False, False)


#: Distinct tokens kept before the cache starts again (``_scorer.pyx`` keeps as many records).
_CACHED = 200_000
_known: dict[str, _Token] = {}


def _token(token: str) -> _Token:
    digit = token.isdigit()
    lowered = token.lower()
    if not token[0].isalpha():
        return _make(_token_id("<num>" if digit else lowered), None, 0.0, False, False, digit)
    return _make(_token_id(lowered), lowered, zipf(lowered), token[0].isupper(), token[0].islower(), digit)


def _learn(token: str) -> _Token:
    if len(_known) >= _CACHED:
        _known.clear()
    made = _known[token] = _token(token)
    return made


def _tokens(sentence: str) -> list[_Token]:
    """The sentence's tokens; known ones in one ``map`` (no Python call per token)."""
    found = TOKEN.findall(sentence)
    tokens = list(map(_known.get, found))
    if None in tokens:
        return [token or _learn(text) for token, text in zip(tokens, found)]
    return tokens


def _total(values: list[float]) -> float:
    """Left-to-right addition, as the compiled scorer adds (``sum`` compensates from Python 3.12)."""
    return reduce(add, values, 0.0)


def _dense(spaced: int, tokens: list[_Token]) -> list[float]:
    """The dense features: frequency, rarity and shape of the sentence's tokens (``spaced``: the
    number of white-space characters before punctuation).

    Counts below a threshold come from one sorted copy (``bisect``) instead of a pass each.
    """
    words = [t for t in tokens if t.word is not None]
    zs = [t.zipf for t in words] or [0.0]
    lowercase_z = [t.zipf for t in words if t.lower] or [7.0]
    ranked, lowercase_ranked = sorted(zs), sorted(lowercase_z)
    n = len(tokens)
    lowered = [t.word for t in words]
    return [
        math.log1p(n),
        _total(zs) / len(zs),
        ranked[0],
        bisect_left(ranked, 1) / len(zs),
        bisect_left(ranked, 2.5) / len(zs),
        lowercase_ranked[0],
        bisect_left(lowercase_ranked, 2) / len(lowercase_z),
        sum([t.upper for t in words]) / max(1, len(words)),
        float(sum(map(eq, lowered, lowered[1:]))),
        float(spaced),
        (n - len(words)) / max(n, 1),
        sum([t.digit for t in tokens]) / max(n, 1),
    ]


def _spaced(sentence: str) -> int:
    return len(_SPACE_BEFORE_PUNCT.findall(sentence))


def _ids(tokens: list[_Token]) -> tuple[list[int], list[int]]:
    """Token ids with sentence start and end, and the ids of adjacent pairs (Fibonacci hashing)."""
    framed = [_START, *tokens, _END]
    return [t.id for t in framed], [((a.left + b.right) & _MASK) >> 32 for a, b in zip(framed, framed[1:])]


def features(sentence: str, buckets: int) -> tuple[list[float], dict[int, float]]:
    """Dense features and hashed unigram and bigram counts: the model's definition (training uses it)."""
    tokens = _tokens(sentence)
    ids, pairs = _ids(tokens)
    scale = 1 / math.sqrt(len(ids))
    counts = Counter(key % buckets for key in chain(ids, pairs))
    return _dense(_spaced(sentence), tokens), {key: count * scale for key, count in counts.items()}


class SentenceScorer(Protocol):
    """``PureScorer`` or its compiled twin."""

    def quality(self, sentence: str) -> float: ...


@dataclass(frozen=True)
class Model:
    """The trained linear model; ``scorer`` turns a sentence's tokens into its quality."""

    buckets: int
    mean: list[float]
    scale: list[float]
    dense_weights: list[float]
    weights: Sequence[float]  # float32: an ``array`` or a ``memoryview`` of the mapped file
    bias: float
    midpoint: float
    width: float

    def quality(self, sentence: str) -> float:
        """The predicted human quality score (0-100 scale, higher is better)."""
        return self.scorer.quality(sentence)

    @cached_property
    def scorer(self) -> SentenceScorer:
        """The compiled scorer where it was built at install, else its pure-Python twin."""
        if COMPILED is not None:
            return COMPILED.Scorer(self, _START, _END, TOKEN_CLASSES, _token, PureScorer(self))
        return PureScorer(self)


class PureScorer:
    """The weights of ``features`` summed without building the sparse vector: the same number
    (up to rounding), at the cost of one weight look-up per token and pair. ``_scorer.pyx``
    is its compiled twin, which must return the same float for the same tokens."""

    def __init__(self, model: Model) -> None:
        self.model = model

    def __call__(self, tokens: list[_Token], spaced: int) -> float:
        model = self.model
        total = model.bias
        for value, mean, scale, weight in zip(_dense(spaced, tokens), model.mean, model.scale, model.dense_weights):
            total += (value - mean) / scale * weight
        ids, pairs = _ids(tokens)
        weights, buckets = model.weights, model.buckets
        hashed = _total([weights[key % buckets] for key in ids]) + _total([weights[key % buckets] for key in pairs])
        return total + hashed / math.sqrt(len(ids))

    def quality(self, sentence: str) -> float:
        """``Model.quality``."""
        return self(_tokens(sentence), _spaced(sentence))


def _float32(path: Path) -> Sequence[float]:
    """The float32 values of a file on disk, mapped.

    The 2 MB of weights are then read page by page as the scorer meets them (a run over a
    few articles touches a fraction of them), where reading the whole file cost a run about
    as much as the rest of loading the model. The model is read from the package's folder on
    disk (``load_model``), as an install inside a zip file cannot be, so there is no other kind
    of resource to read.
    """
    with open(path, "rb") as stream:
        try:
            mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file cannot be mapped: it holds no values
            return array("f")
    return memoryview(mapped).cast("f")


@cache
def load_model() -> Model:
    folder = Path(__file__).parent  # what importlib.resources finds for a package on disk, without its imports
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    weights = _float32(folder / "weights.bin")
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


def garble_score(sentence: str) -> float:
    """How garbled ``sentence`` reads, from 0 (fluent) to 1 (garbled)."""
    model = load_model()
    quality = model.quality(sentence)
    return 1.0 / (1.0 + math.exp((quality - model.midpoint) / model.width))
