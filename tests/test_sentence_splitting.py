"""Sentence splitting: the pairs of consecutive sentences in one paragraph, computed once for the
split rules, and the initialism test."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter import sentences
from linter.segments import Document


def test_pairs_stay_inside_a_paragraph_and_are_computed_once() -> None:
    text = "First one. Second one.\n\nThird one. Fourth one. Fifth one.\n\nAlone here."
    doc = Document(text)
    pairs = [(text[a.start : a.end], text[b.start : b.end]) for a, b in doc.sentence_pairs]
    assert pairs == [("First one.", "Second one."), ("Third one.", "Fourth one."), ("Fourth one.", "Fifth one.")]
    assert doc.sentence_pairs is doc.sentence_pairs


@settings(max_examples=500, deadline=None)
@given(word=st.lists(st.sampled_from(["U", "u", "S", "é", "É", ".", "-", "1", "’", "Ǆ"]), max_size=8).map("".join))
def test_initialisms_are_told_as_by_the_pattern_alone(word: str) -> None:
    old = bool(sentences._INITIALISM.fullmatch(word)) and (len(word) == 2 or word[0].isupper())
    assert sentences._is_initialism(word) == old
