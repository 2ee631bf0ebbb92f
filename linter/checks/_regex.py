"""Shared regex helpers for check types: compilation with a readable error and bounded matching."""

from __future__ import annotations

from collections.abc import Iterator

import regex

#: Seconds one regex call may take before the rule gives up on that segment.
TIMEOUT = 2.0


def compile_pattern(pattern: str, *, ignore_case: bool = False, **named_lists: object) -> regex.Pattern[str]:
    """Compile with the flags every rule pack pattern gets.

    ``MULTILINE`` makes ``^``/``$`` line anchors; ``WORD`` makes ``\r\n`` and a lone
    ``\r`` line breaks for them too, so CRLF files need no special patterns.
    """
    flags = regex.MULTILINE | regex.WORD
    if ignore_case:
        flags |= regex.IGNORECASE
    return regex.compile(pattern, flags, **named_lists)


def finditer(pattern: regex.Pattern[str], text: str, start: int = 0, end: int | None = None) -> Iterator[regex.Match[str]]:
    """``pattern.finditer`` over ``text[start:end]`` with the module's timeout."""
    return pattern.finditer(text, start, len(text) if end is None else end, timeout=TIMEOUT)


def fullmatch(pattern: regex.Pattern[str], text: str, start: int, end: int) -> regex.Match[str] | None:
    """``pattern.fullmatch`` over ``text[start:end]`` with the module's timeout."""
    return pattern.fullmatch(text, start, end, timeout=TIMEOUT)

