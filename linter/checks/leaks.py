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
        "threshold": Param(float, "the probability from which a line inside the article's span is flagged (info)", 0.93),
        "edge-threshold": Param(float, "the probability from which a line outside the article's span is flagged (info)", 0.1),
        "span-bias": Param(float, "how much each line counts towards the article's span (wider with more)", 1.0),
        "span-clip": Param(float, "the most log-odds one leak-like line costs the article's span", 4.0),
        "min-span-share": Param(float, "the smallest share of the text's words the article's span must hold to be trusted", 0.5),
        "warning-threshold": Param(float, "the probability from which a finding is a warning", 0.998),
        "min-stop-share": Param(float, "the smallest share of English function words for a text to be scored", 0.2),
        "min-words": Param(int, "the fewest words for a text to be scored", 40),
    },
)
def leaked_lines(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """Score each non-blank line; ``info`` from ``edge_threshold`` outside the article's span and from
    ``threshold`` inside it (:mod:`linter.leaks.span`), ``warning`` from ``warning_threshold``.

    The model learnt English pages only, so a text with fewer English function words than
    ``min_stop_share`` (another language) or fewer than ``min_words`` words is not scored.
    The warning threshold is set so that no line of the clean news corpus reaches it: a
    headline above its own article looks like a teaser, and only reaches ``info``.
    """
    from ..leaks import leak_probabilities
    from ..leaks.features import WORD
    from ..leaks.span import flagged_lines

    text = doc.text
    scored = leak_probabilities(text, options["min_words"], options["min_stop_share"])
    flags = flagged_lines(
        [p for *_, p in scored],
        options["threshold"],
        options["edge_threshold"],
        options["span_bias"],
        options["span_clip"],
        [len(text[start:end].split()) for start, end, _ in scored],
        options["min_span_share"],
    )
    for (start, end, probability), flagged in zip(scored, flags):
        if not flagged or not WORD.search(text, start, end):
            continue
        span = Span(start, end)
        finding = rule.diagnostic(span, edits=[Edit(doc.removal(span), "")], score=round(probability, 3), percent=f"{probability:.0%}")
        if probability >= options["warning_threshold"] and finding.severity < Severity.WARNING:
            finding = dataclasses.replace(finding, severity=Severity.WARNING)
        yield finding
