"""Code point offsets to LSP positions and back, in the client's negotiated encoding.

newslint counts code points; LSP counts UTF-16 code units unless client and server agree
on UTF-8 bytes or UTF-32 (code points). Every conversion of the server goes through
:class:`PositionMap`, so an emoji or any character outside the Basic Multilingual Plane is
handled in this one place. Lines break at ``\\n``, ``\\r\\n`` and ``\\r``, as in LSP.
"""

from __future__ import annotations

from collections.abc import Callable

from ..line_index import LineIndex


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _utf8_units(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


#: Code units of a string in each position encoding LSP names.
UNITS: dict[str, Callable[[str], int]] = {"utf-8": _utf8_units, "utf-16": _utf16_units, "utf-32": len}


class PositionMap:
    """Offsets into one text to ``(line, character)`` pairs (0-based) and back."""

    __slots__ = ("_text", "_lines", "_units")

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        if encoding not in UNITS:
            raise ValueError(f"unknown position encoding {encoding!r} ({', '.join(UNITS)})")
        self._text = text
        self._lines = LineIndex(text)
        self._units = UNITS[encoding]

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based line and the character (in code units) of a code point offset."""
        line, _column = self._lines.position(offset)
        start = self._lines.line_start(line)
        return line - 1, self._units(self._text[start:offset])

    def offset(self, line: int, character: int) -> int:
        """The code point offset of a position; past the end of a line means its end (as LSP says).

        A position inside a character of several code units (half a surrogate pair) maps to
        the start of that character.
        """
        if line >= self._lines.line_count:
            return len(self._text)
        start = self._lines.line_start(line + 1)
        end = self._lines.line_start(line + 2) if line + 1 < self._lines.line_count else len(self._text)
        content = self._text[start:end].rstrip("\r\n")
        if self._units is len:
            return start + min(character, len(content))
        count = 0
        for index, char in enumerate(content):
            count += self._units(char)
            if count > character:
                return start + index
        return start + len(content)
