"""The paragraph leak model: how likely each line of a text is boilerplate that leaked into the article.

Gradient-boosted shallow trees over the shallow features of :mod:`.features`, trained by
``scripts/train_leaks.py`` on the scraped benchmark's labels (ground truth MIT; the model holds
split thresholds and leaf values only, no text). The trees ship as ``model.json`` inside the
package, are compiled into one pure-Python function on first use, and are not loaded before.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from itertools import chain
from collections.abc import Callable
from typing import Any

from .features import NAMES, line_features, line_tokens, stop_word_share

__all__ = ["leak_probabilities", "nonblank_lines"]


def _expression(tree: dict[str, list[Any]], index: int) -> str:
    """The tree as one nested conditional expression over the feature row ``r``."""
    left, right = tree["left"][index], tree["right"][index]
    if left == -1:
        return repr(float(tree["value"][index]))
    test = f"r[{int(tree['feature'][index])}] <= {float(tree['threshold'][index])!r}"
    return f"({_expression(tree, left)} if {test} else {_expression(tree, right)})"


@cache
def _model() -> Callable[[list[float]], float]:
    """The trees compiled into one Python function of a feature row, returning the log-odds.

    Walking 200 trees node by node costs most of a lint; as nested conditional expressions
    (built from the numbers in model.json only) they cost a twentieth of that.
    """
    data = json.loads(resources.files(__package__).joinpath("model.json").read_text(encoding="utf-8"))
    if tuple(data["features"]) != NAMES:
        raise RuntimeError("linter/leaks/model.json was trained on other features: run scripts/train_leaks.py")
    body = " + ".join([repr(float(data["bias"])), *(_expression(t, 0) for t in data["trees"])])
    namespace: dict[str, Any] = {}
    exec(compile(f"def log_odds(r):\n    return {body}\n", "<linter.leaks model>", "exec"), namespace)  # noqa: S102
    return namespace["log_odds"]


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


def leak_probabilities(text: str, min_words: int = 0, min_stop_share: float = 0.0) -> list[tuple[int, int, float]]:
    """``(start, end, probability)`` for each non-blank line of ``text``: the chance it is a leak.

    A text with fewer than ``min_words`` words, or a smaller share of English function words than
    ``min_stop_share`` (another language), gets none: the gate reuses the lines' tokens.
    """
    spans = nonblank_lines(text)
    lines = [text[s:e] for s, e in spans]
    tokens = line_tokens(lines)
    words = list(chain.from_iterable(tokens))
    if not spans or len(words) < min_words or (min_stop_share and stop_word_share(words) < min_stop_share):
        return []
    log_odds = _model()
    rows = line_features(lines, tokens)
    return [(s, e, 1.0 / (1.0 + math.exp(-log_odds(row)))) for (s, e), row in zip(spans, rows)]
