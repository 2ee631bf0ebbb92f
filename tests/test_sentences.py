"""The sentence splitter: the compiled twin finds the sentences the ``regex`` splitter finds, on any
text and on news-shaped paragraphs, and the document's sentences come from the one in use."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import sentences
from linter.kernels import kernels
from linter.model import Span
from linter.segments import Document

from .conftest import compiled_kernel

PIECES = st.sampled_from(
    ["The", "the", "said", " ", "  ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u2009", "\x1c", "\x85", ".", ". ", "!", "?",
     "?!", "...", "… ", "…", ". . .", "\"", "'", "“", "”", "‘", "’", "(", ")", "[", "]", "-", ",", ";", ":",
     "Mr.", "Dr.", "No.", "no.", "10", "p.", "U.S.", "u.s.", "Jordanian-U.S.", "e.g.", "i.e.", "a.m.", "Inc.", "etc.",
     "approx.", "Sept.", "J.", "cu.ft.", "ч.л.", "a.b.cd.", "Calif.", "calif.", "Ont.", "x.com.",
     "İ", "É", "é", "Straße", "ǅ", "Привет", "中文", "𝐀𝐛𝐜", "😀", "\U00020000", "5.5", "www.x.com"]
)
TEXTS = st.one_of(st.text(max_size=80), st.lists(PIECES, max_size=40).map("".join))

# News-shaped paragraphs, written for this test.
NEWS = [
    "The U.S. economy grew 2.1% in the third quarter. Analysts had expected less.",
    "Mr. Smith, who lives at No. 10 Elm St., said: \"We are ready.\" Then he left.",
    "Shares of Acme Inc. rose 3%. The company, based in the U.K., said profits were up (see p. 4).",
    "She waited... and waited. \u2026 Nothing happened! Was it over? \u201cNo,\u201d she said. \u2018Not yet.\u2019 It was 9 a.m. The doors opened.",
    "Prices rose, etc. And then they fell. West. . Then east. . . . . And so on.",
    "The talks (held in Geneva.) ended; a Jordanian-U.S. deal was signed. Gen. Lee arrived at 10 p.m. on Sept. 3.",
    "Visit www.example.com. Or e-mail news@example.com. It costs $5.50... or less!",
    "“Really?!” he asked.\u00a0“Yes.”\r\nShe nodded.",
    "The van holds 2.1 cu.ft. up front. Fresno, Calif. gets rain. So does Ont. today; then Calif. Later, x.com. then.",
]


@pytest.fixture(scope="module")
def compiled():
    compiled_kernel(sentences._compiled, "sentence splitter")
    return sentences.compiled_split_sentences


@settings(max_examples=1000, deadline=None)
@given(text=TEXTS, data=st.data())
def test_compiled_sentences_are_the_patterns(compiled, text: str, data) -> None:
    """Any span, not only a trimmed paragraph: the twins also agree where white space starts or ends it."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert compiled(text, Span(start, end)) == sentences.pure_split_sentences(text, Span(start, end))


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.one_of(st.sampled_from(NEWS), PIECES), max_size=12).map("".join))
def test_compiled_sentences_of_a_document_are_the_patterns(compiled, text: str) -> None:
    for paragraph in Document(text).paragraphs:
        assert compiled(text, paragraph) == sentences.pure_split_sentences(text, paragraph)


def test_news_paragraphs_split_as_the_patterns_do(compiled) -> None:
    text = "\n\n".join(NEWS)
    doc = Document(text)
    found = [text[s.start : s.end] for s in doc.sentences]
    assert doc.sentences == [s for p in doc.paragraphs for s in sentences.pure_split_sentences(text, p)]
    assert found[:2] == ["The U.S. economy grew 2.1% in the third quarter.", "Analysts had expected less."]
    assert "Mr. Smith, who lives at No. 10 Elm St., said: \"We are ready.\"" in found
    assert ". . . . And so on." not in found and "West." in found


def test_the_kernel_in_use_is_named() -> None:
    """CI installs twice, with and without a compiler, and says which splitter each must have."""
    assert sentences.KERNEL == os.environ.get("NEWSLINT_EXPECT_KERNEL", sentences.KERNEL)
    assert kernels()["sentence splitter"] == sentences.KERNEL
    expected = sentences.pure_split_sentences if sentences.KERNEL == "pure" else sentences.compiled_split_sentences
    assert sentences.split_sentences is expected


def test_compiled_spans_are_spans_made_without_their_constructor(compiled) -> None:
    """The kernel sets each ``Span``'s fields itself: the spans compare, hash, order and read as built ones."""
    text = "\n\n".join(NEWS)
    for paragraph in Document(text).paragraphs:
        found = compiled(text, paragraph)
        built = [Span(span.start, span.end) for span in found]
        assert all(type(span) is Span for span in found)
        assert found == built and list(map(hash, found)) == list(map(hash, built)) and sorted(found) == sorted(built)
        assert {span: None for span in built}.keys() == {span: None for span in found}.keys()
        assert [(span.start, span.end, len(span)) for span in found] == [(span.start, span.end, len(span)) for span in built]
