"""The navigation-block check tells a line that ends like a sentence by its last characters, as the
search it replaced (``[.!:;,"”’)]\\s*$`` over the whole line) did."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.checks import navigation

SEARCHED = regex.compile(r"[.!:;,\"”’)]\s*$")
SPACES = [chr(c) for c in range(0x3001) if regex.fullmatch(r"\s", chr(c))] + ["\x1c", "\x1f", "\u200b", "\ufeff", "\u180e"]
LINES = st.lists(st.one_of(st.sampled_from([*".!:;,\"”’)?", "word", "x", "…"]), st.sampled_from(SPACES), st.characters()), max_size=12).map("".join)


def test_no_white_space_above_what_the_check_strips() -> None:
    """``\\s`` matches nothing above U+3000, so the stripped characters are all of its members."""
    above = "".join(map(chr, range(0x3001, 0x110000)))
    assert regex.search(r"\s", above) is None
    assert set(navigation._SPACE) == {c for c in SPACES if regex.fullmatch(r"\s", c)}


@settings(max_examples=1000, deadline=None)
@given(text=LINES)
def test_a_sentence_end_is_what_the_search_found(text: str) -> None:
    assert navigation._ends_sentence(text) == bool(SEARCHED.search(text)), repr(text)


def test_examples() -> None:
    assert navigation._ends_sentence("He left.\u3000\n") and navigation._ends_sentence("(see above)")
    assert not navigation._ends_sentence("Home\u200b") and not navigation._ends_sentence("") and not navigation._ends_sentence(".\x1c")  # \x1c: no \s
