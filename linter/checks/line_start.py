"""Patterns that can only match at the start of a line, tried only there.

The ``regex`` module tries a pattern at every character of a text; a pattern that opens
with the look-behind ``(?<=^[\\x20\\t]*)`` (NL320's metadata glued to the start of a line)
still pays for a look-behind at each of them, and its many alternatives cost about half
a second per MB. Such a pattern can only match where that look-behind holds: at a line
start or within the blanks that follow it. :func:`line_matches` lists those places
(a superset of them: every break Python's ``str.splitlines`` knows is taken as a line
break) and calls ``match`` at each, left to right, skipping places inside the previous
match, which is what ``finditer`` returns; the pattern's own look-behind still decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from ..model import Span
from ..bounded import finditer, match_at
from ..pattern_cache import compiled

#: What a line-anchored pattern opens with, after its inline flags.
_ANCHORS = (r"(?<=^[\x20\t]*)", "^")
_LEADING_FLAGS = compiled(r"(?:\(\?[a-zA-Z]*\))*")
_BLANKS = " \t"


def line_anchored(pattern: str) -> bool:
    """Whether every match of ``pattern`` (compiled with ``MULTILINE``) starts where a line
    does or within the blanks after a line start: it opens with one of ``_ANCHORS``
    and has no alternative outside a group that could match elsewhere."""
    flags = _LEADING_FLAGS.match(pattern).group()
    rest = pattern[len(flags) :]
    anchor = next((a for a in _ANCHORS if rest.startswith(a)), None)
    return anchor is not None and not _has_top_level_bar(rest[len(anchor) :], verbose="x" in flags)


def _has_top_level_bar(pattern: str, verbose: bool) -> bool:
    """Whether ``pattern`` has a ``|`` outside every group and class (so a branch is not anchored).

    Unclosed groups or anything else this scanner cannot follow count as a bar (not anchored)."""
    depth = 0
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _class_end(pattern, index)
            if index < 0:
                return True
            continue
        if verbose and char == "#":
            end = pattern.find("\n", index)
            index = len(pattern) if end == -1 else end + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return True
        elif char == "|" and depth == 0:
            return True
        index += 1
    return depth != 0


def _class_end(pattern: str, start: int) -> int:
    """The index after the class opening at ``start`` (``]`` first in it is a member), or -1."""
    index = start + 1
    if pattern[index : index + 1] == "^":
        index += 1
    if pattern[index : index + 1] == "]":
        index += 1
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":  # a nested set or a POSIX class: not followed here
            return -1
        if char == "]":
            return index + 1
        index += 1
    return -1


def line_starts(text: str, span: Span) -> Iterator[int]:
    """The start of ``span``, each place after a line break in it, and the blanks after each."""
    offset = span.start
    for line in text[span.start : span.end].splitlines(keepends=True):
        position = offset
        yield position
        while position < span.end and text[position] in _BLANKS:
            position += 1
            yield position
        offset += len(line)
    if offset == span.end and offset > span.start and text[offset - 1] in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
        yield offset


def line_matches(pattern: regex.Pattern[str], text: str, spans: Iterable[Span]) -> Iterator[regex.Match[str]]:
    """What ``finditer_spans`` finds for a :func:`line_anchored` pattern, trying only line starts.

    A span where the pattern matches the empty string is searched by ``finditer`` instead,
    whose rules for the place after an empty match this does not copy."""
    for span in spans:
        found: list[regex.Match[str]] = []
        end = span.start
        for position in line_starts(text, span):
            if position < end:
                continue
            match = match_at(pattern, text, position, span.end)
            if match is None:
                continue
            if match.end() == match.start():
                found = list(finditer(pattern, text, span.start, span.end))
                break
            found.append(match)
            end = match.end()
        yield from found
