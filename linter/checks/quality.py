"""Document-level quality signals of the web-corpus filters (Gopher, C4, FineWeb).

Single artifacts are findings of their own rules; this one looks at the shape of
the whole text, which tells a page of navigation, a list of links or a code dump
from an article even when no single line is wrong.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from ..model import Diagnostic, Span
from ..rule import Rule
from ..segments import Document
from ..registry import Param, coded_check
from ..words import count_words

#: Characters that end a line of prose (lines are compared stripped).
_TERMINAL = frozenset(".!?…:;\"'”’)]")


def _count(text: str, *marks: str) -> int:
    """Non-overlapping occurrences of any of ``marks`` (which share no characters): one fast scan each."""
    return sum(text.count(mark) for mark in marks)


def _running_lines(doc: Document) -> list[Span]:
    """The document's lines but those of its Markdown layout (headings, tables, list items)."""
    layout = doc.layout  # merged and sorted: only the last box starting at or before a line can hold it
    if not layout:
        return doc.lines
    starts = [box.start for box in layout]
    kept = []
    for line in doc.lines:
        index = bisect.bisect_right(starts, line.start) - 1
        if index < 0 or line.start > layout[index].end:
            kept.append(line)
    return kept


def measure(doc: Document) -> dict[str, float]:
    """The signals, each a share in [0, 1] or a ratio; over the lines of running text (not Markdown's layout)."""
    lines = [doc.text[s.start : s.end].strip() for s in _running_lines(doc)]
    lines = [line for line in lines if line]
    if not lines:
        return {"lines": 0}
    counts = Counter(lines)
    symbols = _count(doc.text, "#", "…", "...")
    return {
        "lines": len(lines),
        "no_terminal": sum(1 for line in lines if line[-1] not in _TERMINAL) / len(lines),
        "duplicate_lines": sum(n for n in counts.values() if n > 1) / len(lines),
        "short_lines": sum(1 for line in lines if len(line) < 30) / len(lines),
        # Words are counted only when there is something to divide: most texts have no '#' or '…'.
        "symbols_per_word": symbols / max(count_words(doc.text, 0, len(doc.text)), 1) if symbols else 0.0,
        "braces": float(_count(doc.text, "{", "}")),
    }


@coded_check(
    "quality-signals",
    {
        "min-lines": Param(int, "the fewest lines for a text to be judged", 5),
        "max-no-terminal": Param(float, "the largest share of lines without end punctuation", 0.6),
        "max-duplicate-lines": Param(float, "the largest share of repeated lines", 0.3),
        "max-short-lines": Param(float, "the largest share of lines under 30 characters", 0.67),
        "max-symbols-per-word": Param(float, "the most '#' or '…' per word", 0.1),
        "max-braces": Param(float, "the most curly braces", 0.0),
    },
)
def quality_signals(doc: Document, rule: Rule, options: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """One finding at the start of a document whose signals pass any threshold, naming them all."""
    values = measure(doc)
    if values["lines"] < options["min_lines"]:
        return
    tripped = [
        f"{label} {values[key]:.0%} (> {options['max_' + key]:.0%})"
        for key, label in (
            ("no_terminal", "lines without end punctuation"),
            ("duplicate_lines", "duplicate lines"),
            ("short_lines", "lines under 30 characters"),
        )
        if values[key] > options["max_" + key]
    ]
    if values["symbols_per_word"] > options["max_symbols_per_word"]:
        tripped.append(f"{values['symbols_per_word']:.2f} '#' or '…' per word (> {options['max_symbols_per_word']:.2f})")
    if values["braces"] > options["max_braces"]:
        tripped.append(f"{values['braces']:.0f} curly braces (code or templates)")
    if tripped:
        yield rule.diagnostic(Span(0, 0), signals="; ".join(tripped))
