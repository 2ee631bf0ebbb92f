"""Code point offsets to LSP positions and back in UTF-8, UTF-16 and UTF-32 (``linter/lsp/positions.py``)."""

from __future__ import annotations

import pytest

from linter.lsp.positions import PositionMap

EMOJI = "\U0001f600"  # outside the Basic Multilingual Plane: two UTF-16 units, four UTF-8 bytes


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-16", (1, 8)), ("utf-8", (1, 11)), ("utf-32", (1, 7))],
)
def test_positions_count_the_negotiated_units(encoding, expected):
    text = f"first\r\nab {EMOJI} é kyiv. .\n"
    offset = text.index("kyiv")
    positions = PositionMap(text, encoding)
    assert positions.position(offset) == expected
    assert positions.offset(*expected) == offset


def test_positions_round_trip_every_offset_and_clamp_past_the_line():
    text = f"{EMOJI}a\u00e9\rb{EMOJI}{EMOJI}\n\nend"
    for encoding in ("utf-8", "utf-16", "utf-32"):
        positions = PositionMap(text, encoding)
        for offset in range(len(text) + 1):
            assert positions.offset(*positions.position(offset)) == offset
    utf16 = PositionMap(text, "utf-16")
    assert utf16.offset(0, 99) == text.index("\r")  # past the end of a line: its end
    assert utf16.offset(0, 1) == 0  # inside the emoji's surrogate pair: the emoji
    assert utf16.offset(9, 0) == len(text)  # past the last line: the end of the text
    with pytest.raises(ValueError, match="position encoding"):
        PositionMap(text, "utf-7")
