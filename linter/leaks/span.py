"""The article as one block: which lines of a text the leak model's probabilities should flag.

An article is mostly one contiguous run of lines, and leaks sit around it (headlines, bylines,
teasers, comments) far more often than inside it, where lists of the article's own (tour dates,
a meal plan, recipe steps) have the shape of teasers. So the lines are decoded together: the run
whose lines best read as article (the most summed log-odds of article text) is the article's
span; a line outside it is flagged from a low threshold, a line inside only from a high one.
A span that holds less than a set share of the text's words is not trusted: there the model has
mistaken the article's own long list (a meal plan, a schedule) for page furniture, and every line
needs the high threshold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["article_span", "flagged_lines"]

#: Probabilities are clamped this far from 0 and 1 before taking log-odds.
_EPSILON = 1e-6


def article_span(probabilities: Sequence[float], bias: float, clip: float) -> tuple[int, int]:
    """``(first, last)`` line of the run with the largest sum of ``bias + max(log-odds of article, -clip)``.

    ``clip`` caps what one leak-like line costs the run, so a list inside the article does not
    split it in two; ``bias`` widens the span (every line counts that much towards the article).
    A text without lines gives ``(0, -1)``.
    """
    best, total, start, span = -math.inf, 0.0, 0, (0, -1)
    for index, probability in enumerate(probabilities):
        p = min(max(probability, _EPSILON), 1 - _EPSILON)
        score = bias + max(math.log((1 - p) / p), -clip)
        total, start = (total + score, start) if total > 0 else (score, index)
        if total > best:
            best, span = total, (start, index)
    return span


def flagged_lines(
    probabilities: Sequence[float],
    threshold: float,
    edge_threshold: float,
    bias: float,
    clip: float,
    words: Sequence[int] = (),
    min_share: float = 0.0,
) -> list[bool]:
    """Whether each line is a leak: from ``edge_threshold`` outside the article's span, from ``threshold`` inside it.

    When the span's lines hold less than ``min_share`` of the ``words`` (each line's word count),
    the span is not trusted and every line is flagged from ``threshold`` only.
    """
    first, last = article_span(probabilities, bias, clip)
    if min_share and sum(words[first : last + 1]) < min_share * sum(words):
        first, last = 0, len(probabilities) - 1
    return [p >= (threshold if first <= i <= last else edge_threshold) for i, p in enumerate(probabilities)]
