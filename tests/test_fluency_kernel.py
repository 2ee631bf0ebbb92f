"""The compiled fluency scorer and narrative test and their pure-Python twins return the same
values for the same sentence (the scorer: the same float, bit for bit)."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import fluency
from linter.checks import garbled
from linter.cli import main
from linter.fluency import KERNEL, PureScorer, load_model

SENTENCES = [
    "",
    "...",
    "The council approved the budget on Tuesday after a long debate.",
    "The the council approved approved the the budget.",
    "Mr. Smith said 2024 was a record year , with 3 new plants .",
    "qzxv blorft wibble snark fnord",
    "ÉTÉ À PARIS: LES PRIX MONTENT",
    "It’s the city’s first 24-hour strike since 1998!",
    "政府は火曜日に予算を承認した。",
]
WORDS = st.sampled_from(["the", "The", "council", "said", "qzxv", "2024", ",", ".", " ,", "É", "it’s", "the the", "\u00a0"])
#: Characters where the classes of ``regex`` and of ``str`` methods part, or where a pattern turns:
#: apostrophes, a combining accent, superscript two (``isalnum``, not ``\w``), a letter newer than
#: Python's Unicode (U+A7CB), Roman numeral four (``isupper``, not ``\p{Lu}``), Arabic-Indic three,
#: ``\x1c`` (``isspace``, not ``\s``), NBSP, the underscore, quotes, and two beyond the plane.
ODD = st.sampled_from(["'", "’", "\u0301", "²", "\ua7cb", "Ⅳ", "٣", "\x1c", "\u00a0", "_", "“", "«", "𝐀", "😀"])
PIECES = st.one_of(WORDS, ODD, st.sampled_from(["A", "B", "3", "3.5", "7/8", "a", "b", "-", ":", "'s", " ", "  "]))
TEXTS = st.one_of(st.text(max_size=80), st.lists(WORDS, max_size=30).map(" ".join), st.lists(PIECES, max_size=40).map("".join))


@pytest.fixture(scope="module")
def scorers():
    if fluency.COMPILED is None:
        if os.environ.get("NEWSLINT_EXPECT_KERNEL") == "compiled":
            pytest.fail("this install was meant to build the compiled scorer and did not")
        pytest.skip("the compiled scorer is not importable here (a checkout without a build, or an install without a C compiler)")
    model = load_model()
    return PureScorer(model), fluency.COMPILED.Scorer(model, fluency._START, fluency._END, fluency.TOKEN_CLASSES, fluency._token, PureScorer(model))


def _both(scorers, sentence: str) -> tuple[float, float]:
    pure, compiled = scorers
    return pure.quality(sentence), compiled.quality(sentence)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_same_score(scorers, sentence: str) -> None:
    pure, compiled = _both(scorers, sentence)
    assert pure == compiled  # bit-identical, not approximately equal


@settings(max_examples=300, deadline=None)
@given(sentence=TEXTS)
def test_same_score_on_any_text(scorers, sentence: str) -> None:
    pure, compiled = _both(scorers, sentence)
    assert pure == compiled


def test_the_token_cache_starts_again_when_full(monkeypatch) -> None:
    monkeypatch.setattr(fluency, "_CACHED", 3)
    fluency._known.clear()
    sentence = "The council approved the budget, and the mayor said so."
    assert fluency._tokens(sentence) == [fluency._token(text) for text in fluency.TOKEN.findall(sentence)]
    assert 0 < len(fluency._known) <= 3


@pytest.fixture(scope="module")
def compiled_narrative():
    if fluency.COMPILED is None:
        pytest.skip("the compiled kernel is not importable here")
    return fluency.COMPILED.Narrative(garbled.NARRATIVE_CLASSES, garbled.narrative)


NARRATIVE = [
    *SENTENCES,
    "He said “the council approved it” on Tuesday after a debate.",
    "Smith 2, Jones 1, Brown 0, White 3, Green 2.",
    "Arsenal: Raya; White, Saliba, Gabriel, Timber; Rice, Ødegaard, Havertz.",
    "The 3.5-point rise on 7/8 was the largest since the 1990s, analysts said.",
    "The council’s plan, which was approved, will cost more.",
]


@pytest.mark.parametrize("sentence", NARRATIVE)
@pytest.mark.parametrize("min_words", [0, 6, 12])
def test_same_narrative_verdict(compiled_narrative, sentence: str, min_words: int) -> None:
    assert compiled_narrative(sentence, min_words) == garbled.narrative(sentence, min_words)


@settings(max_examples=300, deadline=None)
@given(sentence=TEXTS, min_words=st.integers(0, 8))
def test_same_narrative_verdict_on_any_text(compiled_narrative, sentence: str, min_words: int) -> None:
    assert compiled_narrative(sentence, min_words) == garbled.narrative(sentence, min_words)


def test_the_check_uses_the_compiled_narrative_test_when_built() -> None:
    if KERNEL == "pure":
        assert garbled._narrative() is garbled.narrative
    else:
        assert isinstance(garbled._narrative(), fluency.COMPILED.Narrative)


def test_the_model_uses_the_compiled_scorer_when_built() -> None:
    """CI installs twice, with and without a compiler, and says which scorer each must have."""
    assert KERNEL == os.environ.get("NEWSLINT_EXPECT_KERNEL", KERNEL)
    expected = PureScorer if KERNEL == "pure" else fluency.COMPILED.Scorer
    assert isinstance(load_model().scorer, expected)


def test_doctor_names_the_active_paths(capsys) -> None:
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert f"fluency scorer: {'compiled' if KERNEL == 'compiled' else 'pure Python'}" in out
    assert "pattern prefilter: " in out


def test_the_weights_are_mapped_from_a_file_on_disk_only(tmp_path) -> None:
    from array import array

    values = array("f", [0.5, -1.25, 3.0])
    path = tmp_path / "weights.bin"
    path.write_bytes(values.tobytes())
    mapped = fluency._float32(path)
    assert isinstance(mapped, memoryview) and list(mapped) == list(values)

    class InZip:  # a package resource that is no file on disk: load_model never passes one
        def read_bytes(self) -> bytes:
            return values.tobytes()

    with pytest.raises(TypeError):
        fluency._float32(InZip())  # type: ignore[arg-type]
    empty = tmp_path / "empty.bin"
    empty.write_bytes(b"")
    assert len(fluency._float32(empty)) == 0
