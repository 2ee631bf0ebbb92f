"""The compiled fluency scorer and its pure-Python twin return the same float for the same sentence."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import fluency
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
TEXTS = st.one_of(st.text(max_size=80), st.lists(WORDS, max_size=30).map(" ".join))


@pytest.fixture(scope="module")
def scorers():
    if fluency._compiled is None:
        if os.environ.get("NEWSLINT_EXPECT_KERNEL") == "compiled":
            pytest.fail("this install was meant to build the compiled scorer and did not")
        pytest.skip("the compiled scorer is not importable here (a checkout without a build, or an install without a C compiler)")
    model = load_model()
    return PureScorer(model), fluency._compiled.Scorer(model, fluency._START, fluency._END)


def _both(scorers, sentence: str) -> tuple[float, float]:
    tokens, spaced = fluency._tokens(sentence), fluency._spaced(sentence)
    pure, compiled = scorers
    return pure(tokens, spaced), compiled(tokens, spaced)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_same_score(scorers, sentence: str) -> None:
    pure, compiled = _both(scorers, sentence)
    assert pure == compiled  # bit-identical, not approximately equal


@settings(max_examples=300, deadline=None)
@given(sentence=TEXTS)
def test_same_score_on_any_text(scorers, sentence: str) -> None:
    pure, compiled = _both(scorers, sentence)
    assert pure == compiled


def test_the_model_uses_the_compiled_scorer_when_built() -> None:
    """CI installs twice, with and without a compiler, and says which scorer each must have."""
    assert KERNEL == os.environ.get("NEWSLINT_EXPECT_KERNEL", KERNEL)
    expected = PureScorer if KERNEL == "pure" else fluency._compiled.Scorer
    assert isinstance(load_model().scorer, expected)


def test_version_names_the_active_paths(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    out = capsys.readouterr().out
    assert f"fluency scorer: {'compiled' if KERNEL == 'compiled' else 'pure Python'}" in out
    assert "pattern prefilter: " in out
