"""The duplicate checks' keys, computed from the document's text translated once, are ``normalise`` of each span."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter import lint, load_ruleset
from linter.checks.duplication import _NOISE_TO_SPACE, _normalised, noise_to_space, normalise
from linter.segments import Document

PIECES = ["Word", "word", " ", "  ", ".", ". ", "!", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028", "\x1c", "\x1f", "«", "é", "1,5", "’s", "--", "—"]
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.characters(blacklist_categories=("Cs",))), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_keys_are_normalise_of_each_span(text: str) -> None:
    doc = Document(text)
    normalised = _normalised(doc)
    for spans, keys in ((doc.paragraphs, normalised.paragraphs), (doc.sentences, normalised.keys(doc.sentences))):
        assert keys == [normalise(text[span.start : span.end]) for span in spans], text


def test_information_separators_keep_the_slow_path() -> None:
    """``str.split()`` cuts at U+001C..U+001F, which ``normalise`` keeps inside a word: such a text takes the exact path."""
    text = "A long enough sentence with a separator\x1cinside it here.\n\nA long enough sentence with a separator inside it here.\n"
    doc = Document(text)
    assert _normalised(doc).text is None
    assert len(set(_normalised(doc).paragraphs)) == 2
    assert not [d for d in lint(text, load_ruleset()) if d.code == "NL701"]


def test_copies_are_found_with_one_translation() -> None:
    paragraph = "The council voted on Tuesday to close the old bridge for repairs this summer."
    text = f"{paragraph}\n\nSomething else entirely, said the mayor of the town today.\n\n{paragraph.replace(' ', '  ')}\n"
    doc = Document(text)
    assert _normalised(doc).text is not None
    assert [d.code for d in lint(text, load_ruleset()) if d.code in ("NL701", "NL702")] == ["NL701"]


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(TEXTS, st.text(max_size=80), st.lists(st.sampled_from([*PIECES, "\ud800", "\udfff", "😀", "\x7f", "\x80"]), max_size=40).map("".join)))
def test_noise_to_space_is_the_table_over_every_character(text: str) -> None:
    """The byte table for ASCII and the table for the runs of other characters (lone surrogates too)."""
    assert noise_to_space(text) == text.translate(_NOISE_TO_SPACE)
