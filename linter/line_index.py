"""Derive 1-based line and column numbers from character offsets.

One index per text, built once; lookups are a binary search. ``\\r\\n`` counts as
one line break (so is a lone ``\\r``), and a leading byte-order mark does not
count as a column.
"""

from __future__ import annotations

import bisect
from array import array

from .pattern_cache import compiled

_BREAK = compiled(r"\r\n|\r|\n")


class LineIndex:
    """Map character offsets to ``(line, column)`` pairs, both 1-based."""

    __slots__ = ("_starts", "_length", "_bom")

    def __init__(self, text: str) -> None:
        # An array of machine integers: 8 bytes a line, where a list of ints took 36 (a file of
        # ten million blank lines is ten million line starts).
        self._starts = array("q", [0])
        self._starts.extend(match.end() for match in _BREAK.finditer(text))
        self._length = len(text)
        self._bom = text.startswith("\ufeff")

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[line - 1]

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of ``offset`` (which may equal the length)."""
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} outside text of length {self._length}")
        line = bisect.bisect_right(self._starts, offset)
        column = offset - self._starts[line - 1] + 1
        if line == 1 and self._bom and offset > 0:
            column -= 1
        return line, column
