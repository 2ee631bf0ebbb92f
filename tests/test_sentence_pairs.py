"""The pairs of consecutive sentences in one paragraph, computed once for the split rules."""

from __future__ import annotations

from linter.segments import Document


def test_pairs_stay_inside_a_paragraph_and_are_computed_once() -> None:
    text = "First one. Second one.\n\nThird one. Fourth one. Fifth one.\n\nAlone here."
    doc = Document(text)
    pairs = [(text[a.start : a.end], text[b.start : b.end]) for a, b in doc.sentence_pairs]
    assert pairs == [("First one.", "Second one."), ("Third one.", "Fourth one."), ("Fourth one.", "Fifth one.")]
    assert doc.sentence_pairs is doc.sentence_pairs
