"""Lines that read as leaked boilerplate (teasers, bios, opt-ins, table debris), by the model of :mod:`linter.leaks`."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from ..model import Diagnostic, Edit, Severity, Span
from ..rule import Rule
from ..segments import Document
from ..registry import Param, coded_check


@coded_check(
    "leak-model",
    {
        "threshold": Param(float, "the probability from which a line is flagged (info)", 0.7),
        "warning-threshold": Param(float, "the probability from which a finding is a warning", 0.998),
        "min-stop-share": Param(float, "the smallest share of English function words for a text to be scored", 0.2),
        "min-words": Param(int, "the fewest words for a text to be scored", 40),
    },
)
def leaked_lines(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """Score each non-blank line; ``info`` from ``threshold``, ``warning`` from ``warning_threshold``.

    The model learnt English pages only, so a text with fewer English function words than
    ``min_stop_share`` (another language) or fewer than ``min_words`` words is not scored.
    The warning threshold is set so that no line of the clean news corpus reaches it: a
    headline above its own article looks like a teaser, and only reaches ``info``.
    """
    from ..leaks import leak_probabilities
    from ..leaks.features import WORD

    text = doc.text
    for start, end, probability in leak_probabilities(text, options["min_words"], options["min_stop_share"]):
        if probability < options["threshold"] or not WORD.search(text, start, end):
            continue
        span = Span(start, end)
        finding = rule.diagnostic(span, edits=[Edit(doc.removal(span), "")], score=round(probability, 3), percent=f"{probability:.0%}")
        if probability >= options["warning_threshold"] and finding.severity < Severity.WARNING:
            finding = dataclasses.replace(finding, severity=Severity.WARNING)
        yield finding
