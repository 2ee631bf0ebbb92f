"""Bounded regular expressions: every match call of the engine and the check types has a timeout.

Rule-pack patterns are user data, so no pattern may hang a run: :func:`finditer`,
:func:`match_at` and :func:`fullmatch` give each call ``TIMEOUT`` seconds and turn an
overrun into :class:`RegexTimeout` naming the span, which the engine reports as one
"incomplete" warning for that rule while the other rules' findings stand.
:func:`compile_pattern` gives every pack pattern the same flags.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from .model import Span

#: Seconds one regex call may take before the rule gives up on that segment: a safety net that
#: no linear pattern may reach, or findings would depend on machine load. The slowest call over
#: the corpora and the pathological texts (``benchmarks/regex_budget.py``) took 0.27 s, measured
#: on a shared machine already running slow (NL110 on 64K blank lines); times 4 for a machine at
#: a quarter of that speed and 2 for margin is 2.2 s, so the budget is 5 s.
TIMEOUT = 5.0


def compile_pattern(pattern: str, *, ignore_case: bool = False, **named_lists: object) -> regex.Pattern[str]:
    """Compile with the flags every rule pack pattern gets.

    ``MULTILINE`` makes ``^``/``$`` line anchors; ``WORD`` makes ``\r\n`` and a lone
    ``\r`` line breaks for them too, so CRLF files need no special patterns.
    """
    flags = regex.MULTILINE | regex.WORD
    if ignore_case:
        flags |= regex.IGNORECASE
    return regex.compile(pattern, flags, **named_lists)


class RegexTimeout(TimeoutError):
    """A pattern took longer than ``TIMEOUT`` on one piece of text; ``span`` says which."""

    def __init__(self, span: Span) -> None:
        self.span = span
        super().__init__(f"regex timed out on characters {span.start}-{span.end}")


def finditer(pattern: regex.Pattern[str], text: str, start: int = 0, end: int | None = None) -> Iterator[regex.Match[str]]:
    """``pattern.finditer`` over ``text[start:end]`` with the module's timeout."""
    end = len(text) if end is None else end
    try:
        yield from pattern.finditer(text, start, end, timeout=TIMEOUT)
    except TimeoutError:
        raise RegexTimeout(Span(start, end)) from None


def finditer_spans(pattern: regex.Pattern[str], text: str, spans: Iterable[Span]) -> Iterator[regex.Match[str]]:
    """Matches in each span in turn (chunks or paragraphs), each span with its own timeout."""
    for span in spans:
        yield from finditer(pattern, text, span.start, span.end)


def match_at(pattern: regex.Pattern[str], text: str, start: int, end: int) -> regex.Match[str] | None:
    """``pattern.match`` at ``start``, within ``text[:end]``, with the module's timeout."""
    try:
        return pattern.match(text, start, end, timeout=TIMEOUT)
    except TimeoutError:
        raise RegexTimeout(Span(start, end)) from None


def extend(pattern: regex.Pattern[str], text: str, end: int, step: int) -> int:
    """Where a run ending at ``end`` really ends: ``pattern`` (more copies) matched again and
    again from its end, ``step`` characters at a time, so each call has a bounded piece and
    its own timeout however long the run (one run may cross every chunk of the text)."""
    while (found := match_at(pattern, text, end, min(len(text), end + step))) is not None and found.end() > end:
        end = found.end()
    return end


def search(pattern: str | regex.Pattern[str], text: str) -> regex.Match[str] | None:
    """``regex.search`` of a user pattern (``--source-pattern``) in all of ``text``, with the module's timeout."""
    try:
        return regex.search(pattern, text, timeout=TIMEOUT)
    except TimeoutError:
        raise RegexTimeout(Span(0, len(text))) from None


def fullmatch(pattern: regex.Pattern[str], text: str, start: int, end: int) -> regex.Match[str] | None:
    """``pattern.fullmatch`` over ``text[start:end]`` with the module's timeout."""
    try:
        return pattern.fullmatch(text, start, end, timeout=TIMEOUT)
    except TimeoutError:
        raise RegexTimeout(Span(start, end)) from None

