"""Sentence splitting: the pairs of consecutive sentences in one paragraph, computed once for the
split rules, and the initialism test."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import sentences
from linter.model import Span
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


@pytest.mark.parametrize(
    ("word", "next_word", "ends"),
    [
        ("cu.ft.", "front", False),  # a unit, lowercase parts with periods in it
        ("a.k.a.", "the", False),
        ("ч.л.", "соли", False),
        ("(sq.ft.)", "of", False),
        ("cu.ft.", "Front", True),  # before a capital it may end one: left as before
        ("news.com.", "then", True),  # a domain's parts are longer: a lost capital, as after any word
        ("u.s.a.b.", "then", False),
        ("Calif.", "to", False),  # a place's abbreviation, no English word
        ("Ont.", "in", False),
        ("Calif.", "Police", True),
        ("Mass.", "then", True),  # a word too ("Mass"): left out
        ("affairs.", "politics", True),
        ("ID.", "models", True),  # a name ("ID. models") or the word ("your ID. then"): left as before
    ],
)
def test_abbreviations_before_a_lowercase_word_end_no_sentence(word: str, next_word: str, ends: bool) -> None:
    assert sentences.period_ends_sentence(word, next_word) is ends


@pytest.mark.parametrize("split", [sentences.pure_split_sentences, sentences.split_sentences])
def test_units_and_places_keep_their_sentence(split) -> None:
    text = "It holds 2.1 cu.ft. in front. The rest is in Fresno, Calif. and in Ont. now. foreign affairs. politics here."
    found = [text[s.start : s.end] for s in split(text, Span(0, len(text)))]
    assert found == ["It holds 2.1 cu.ft. in front.", "The rest is in Fresno, Calif. and in Ont. now.", "foreign affairs.", "politics here."]
