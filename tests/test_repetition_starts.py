"""NL501 tries its pattern only where the case-folded text doubles a word (when folding moved no
character): the same matches as searching every chunk of the text, so the same findings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.bounded import finditer_spans
from linter.checks.repetition import _RUN, _matches_at
from linter.segments import CHUNK, Document
from linter.words import doubled_word_starts

PIECES = ["the", "The", "THE", "had", "a", "A", "ß", "SS", "ss", "İ", "i", "ǅ", "ǆ", "Σ", "σ", "ς", "ﬁ", "fi",
          "word", "Word", "5", "5m", " ", "  ", "\t", "\n", "-", "'", "’", ".", ",", "é", "É", "x_y", "@"]
TEXTS = st.one_of(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.text(max_size=60))


def _spans(matches) -> list[tuple[int, int]]:
    return [match.span() for match in matches]


@settings(max_examples=1000, deadline=None)
@given(text=TEXTS)
def test_runs_are_found_only_where_words_are_doubled(text: str) -> None:
    doc = Document(text)
    folded = text.casefold()
    every = _spans(finditer_spans(_RUN, text, doc.chunks))
    if len(folded) == len(text):
        assert _spans(_matches_at(doc, doubled_word_starts(folded))) == every, text
    if not doubled_word_starts(folded):
        assert every == [], text  # the gate: no doubled word, no run


def test_runs_across_chunks_are_found_as_by_every_chunk() -> None:
    text = ("A sentence that fills the the chunk here.\n\n" * (CHUNK // 40)) + "word Word word. " + ("Then then more. " * (CHUNK // 16))
    doc = Document(text)
    assert len(doc.chunks) > 1
    every = _spans(finditer_spans(_RUN, text, doc.chunks))
    assert every and _spans(_matches_at(doc, doubled_word_starts(text.casefold()))) == every
