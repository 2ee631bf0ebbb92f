"""Work done once per document for several rules gives what each rule computed on its own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import regex

from linter.checks.quotation import _marks, _sentences_in
from linter.checks.speech_verbs import between, mark_offsets
from linter.segments import Document, split_sentences

PIECES = ["He said", ' "Yes', "” she", "“No.", "„Ja“", "«Oui»", ". ", "Mr. Smith", "U.S. ", "\n\n", "\n", "13\" laptop", "... ", "e.g. so", "word"]
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.characters(blacklist_categories=("Cs",))), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_paragraph_sentences_and_marks_are_those_found_paragraph_by_paragraph(text: str) -> None:
    doc = Document(text)
    for paragraph in doc.paragraphs:
        assert _sentences_in(doc, paragraph) == split_sentences(text, paragraph)
        assert between(_marks(doc), paragraph.start, paragraph.end) == [m.start() for m in regex.finditer(r'[“”"]', text[: paragraph.end], pos=paragraph.start)]
        assert between(mark_offsets(doc), paragraph.start, paragraph.end) == [m.start() for m in regex.finditer(r'["“”„«»]', text[: paragraph.end], pos=paragraph.start)]


WORDY = st.lists(st.one_of(st.sampled_from(["-", "'", "’", " ", "ab", "É", "x-y", "--", "1", "\n", "Ωmega", "a'b"]), st.characters(blacklist_categories=("Cs",))), max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=WORDY, cut=st.integers(0, 10))
def test_last_words_found_backwards_are_the_last_words(text: str, cut: int) -> None:
    from linter.checks.structure import _WORD, _last_words
    from linter.model import Span

    span = Span(min(cut, len(text)), len(text))
    expected = [m.span() for m in _WORD.finditer(text, span.start, span.end)][-3:]
    assert [m.span() for m in _last_words(text, span, 3)] == expected


def test_the_mojibake_gate_holds_no_ascii_character() -> None:
    """``damage`` skips an ASCII text without searching it: exact only while the gate (every
    character a mis-decoded lead byte can be) holds no ASCII character."""
    from linter.mojibake import _MOJIBAKE_GATE, damage
    from linter.model import Span

    assert not any(_MOJIBAKE_GATE.match(chr(code)) for code in range(128))
    assert damage("Plain ASCII news.\n", []) == []
    text = "The cafÃ© opened."
    assert [text[span.start : span.end] for span, _ in damage(text, [Span(0, len(text))])] == ["cafÃ©"]
