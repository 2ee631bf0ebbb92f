"""The word passes (lowercase words, doubled words, word counts): the compiled twin answers as the
``regex`` patterns do on any text, and the shared segmentations use them (and trim as ``str.strip``)."""

from __future__ import annotations

import os

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import words
from linter.segments import Document

from .conftest import compiled_kernel

PIECES = st.sampled_from(
    ["the", "The", "THE", "the the", "naïve", "Straße", "STRASSE", "iPhone", "eBay", "ǅemal", "ß", "ﬁ", "İ", "ı", "é",
     "e\u0301", "ª", "Ⅻ", "²", "_", "5m", "5", "-", "’", "'", " ", "\t", "\n", "\r\n", "\u00a0", ".", "Привет", "мир",
     "中文", "𝐀𝐛𝐜", "𝔞𝔟", "😀", "\U00020000", "\U0001e900\U0001e922", "\ud800", "ԱԲ", "ᏸ", "ꭰ"]
)
TEXTS = st.one_of(st.text(max_size=60), st.lists(PIECES, max_size=25).map("".join))


@pytest.fixture(scope="module")
def compiled():
    return compiled_kernel(words._compiled, "word passes")


@settings(max_examples=400, deadline=None)
@given(text=TEXTS)
def test_compiled_lowercase_runs_are_the_patterns(compiled, text: str) -> None:
    assert compiled.lowercase_runs(text) == words.pure_lowercase_runs(text)


@settings(max_examples=400, deadline=None)
@given(text=TEXTS)
def test_compiled_doubled_words_are_the_patterns(compiled, text: str) -> None:
    folded = text.casefold()
    assert compiled.doubled_word_starts(folded) == words.pure_doubled_word_starts(folded)
    doubled = text + " " + text.split()[-1] if text.split() else text
    assert compiled.doubled_word_starts(doubled) == words.pure_doubled_word_starts(doubled)


@settings(max_examples=400, deadline=None)
@given(text=TEXTS, data=st.data())
def test_compiled_word_count_is_the_patterns(compiled, text: str, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert compiled.count_words(text, start, end) == words.pure_count_words(text, start, end)


def _class_tables() -> list:
    """Each built kernel's copy of the shared class table (``_class_table.pxi``), with its classes."""
    from linter import fluency
    from linter.checks import garbled, name_tokens

    kernels = [
        (words._compiled, words.CLASSES),
        (name_tokens._compiled, name_tokens.CLASSES),
        (fluency.COMPILED, fluency.TOKEN_CLASSES),
        (fluency.COMPILED, garbled.NARRATIVE_CLASSES),
    ]
    return [pytest.param(module, classes, id=f"{module.__name__}:{len(classes)}") for module, classes in kernels if module]


@pytest.mark.parametrize(("kernel", "classes"), _class_tables())
def test_the_class_table_classes_every_code_point_as_regex_does(kernel, classes: tuple[str, ...]) -> None:
    """Whole blocks where Python's and ``regex``'s Unicode versions disagree, surrogates, and the astral planes."""
    table = kernel.ClassTable(classes)
    patterns = [regex.compile(pattern) for pattern in classes]
    for block in (0x00, 0x05, 0x1E, 0x20, 0xAB, 0xD8, 0x1D4, 0x1E9, 0x200, 0x10FF):
        for code in range(block * 256, (block + 1) * 256):
            character = chr(code)
            expected = sum(1 << bit for bit, pattern in enumerate(patterns) if pattern.match(character))
            assert table.classes_of(character) == expected, (hex(code), classes)


def test_a_class_table_holds_seven_classes_at_most(compiled) -> None:
    with pytest.raises(ValueError, match="at most seven"):
        compiled.ClassTable([r"\d"] * 8)


def test_the_compiled_passes_read_whole_blocks_as_the_patterns_do(compiled) -> None:
    for block in (0x00, 0x05, 0x1E, 0x20, 0xAB, 0x1D4, 0x1E9, 0x200):
        text = "".join(map(chr, range(block * 256, (block + 1) * 256)))
        assert compiled.count_words(text, 0, len(text)) == words.pure_count_words(text, 0, len(text))
        assert compiled.lowercase_runs(text) == words.pure_lowercase_runs(text)


def test_the_segmentations_use_the_word_passes() -> None:
    doc = Document("The iPhone's naïve users, said Mr Müller.\n\nA second paragraph here.")
    assert doc.lowercase_runs == {"i", "s", "naïve", "users", "said", "second", "paragraph", "here"}
    assert [doc.word_count(p) for p in doc.paragraphs] == [8, 4]
    assert words.doubled_word_starts("it was the the end, the  the end") == [7, 20]
    assert words.doubled_word_starts("5m to 6m, then the end") == []


def test_the_kernel_in_use_is_named() -> None:
    """CI installs twice, with and without a compiler, and says which passes each must have."""
    assert words.KERNEL == os.environ.get("NEWSLINT_EXPECT_KERNEL", words.KERNEL)
    assert words.lowercase_runs is (words.pure_lowercase_runs if words.KERNEL == "pure" else words._compiled.lowercase_runs)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, data=st.data())
def test_trimming_a_segment_drops_the_white_space_str_strip_drops(text: str, data) -> None:
    from linter.sentences import trim as _trim

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    piece = text[start:end]
    trimmed = _trim(text, start, end)
    assert text[trimmed.start : trimmed.end] == piece.strip()
    assert start + len(piece) - len(piece.lstrip()) == trimmed.start if piece.strip() else trimmed.start == trimmed.end == end
