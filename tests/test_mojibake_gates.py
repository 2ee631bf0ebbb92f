"""The mojibake gates are lists of code points that ``re`` scans for, and ``re`` reads them as
``regex`` (the module of every other pattern) does, on every code point."""

from __future__ import annotations

import regex

from linter import mojibake

EVERY_CODE_POINT = "".join(map(chr, range(0x110000)))


def test_the_gates_match_the_code_points_regex_would() -> None:
    for gate in (mojibake._SUSPECT, mojibake._MOJIBAKE_GATE):
        assert gate.findall(EVERY_CODE_POINT) == regex.findall(gate.pattern, EVERY_CODE_POINT)


def test_the_gates_are_scanned_by_re() -> None:
    """``regex`` scans for such a class about ten times slower."""
    assert not isinstance(mojibake._SUSPECT, regex.Pattern) and not isinstance(mojibake._MOJIBAKE_GATE, regex.Pattern)
