"""The paragraph leak model: how likely each line of a text is boilerplate that leaked into the article.

Gradient-boosted shallow trees over the shallow features of :mod:`.features`, trained by
``scripts/train_leaks.py`` on the scraped benchmark's labels (ground truth MIT; the model holds
split thresholds and leaf values only, no text). The trees ship as ``model.json`` inside the
package, are scored in pure Python and are loaded on first use only.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import NamedTuple

from .features import NAMES, line_features

__all__ = ["leak_probabilities", "nonblank_lines"]


class _Tree(NamedTuple):
    feature: list[int]
    threshold: list[float]
    left: list[int]
    right: list[int]
    value: list[float]


@cache
def _model() -> tuple[float, tuple[_Tree, ...]]:
    data = json.loads(resources.files(__package__).joinpath("model.json").read_text(encoding="utf-8"))
    if tuple(data["features"]) != NAMES:
        raise RuntimeError("linter/leaks/model.json was trained on other features: run scripts/train_leaks.py")
    trees = tuple(_Tree(t["feature"], t["threshold"], t["left"], t["right"], t["value"]) for t in data["trees"])
    return data["bias"], trees


def _score(row: list[float], bias: float, trees: tuple[_Tree, ...]) -> float:
    total = bias
    for tree in trees:
        node = 0
        left = tree.left
        while left[node] != -1:
            node = left[node] if row[tree.feature[node]] <= tree.threshold[node] else tree.right[node]
        total += tree.value[node]
    return 1.0 / (1.0 + math.exp(-total))


def nonblank_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` with a non-space character, without its line break."""
    spans = []
    start = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            spans.append((start, start + len(body)))
        start += len(line)
    return spans


def leak_probabilities(text: str) -> list[tuple[int, int, float]]:
    """``(start, end, probability)`` for each non-blank line of ``text``: the chance it is a leak."""
    spans = nonblank_lines(text)
    if not spans:
        return []
    bias, trees = _model()
    rows = line_features([text[s:e] for s, e in spans])
    return [(s, e, _score(row, bias, trees)) for (s, e), row in zip(spans, rows)]
