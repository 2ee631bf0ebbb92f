"""The compiled token finder of the name rules and its ``regex`` twin return the same tokens."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.checks import name_tokens
from linter.checks.name_tokens import TOKEN, pure_token_pass

TEXTS = [
    "",
    "Mr. Blair met Mr Bush; tony blair said so.",
    "Mr.X e-mail Tony-Blair x.y @handle #tag /path O'Brien it’s don't_ 3rd abc1",
    "Mr.. Dr.\nSt. Louis. U.S. end.",
    "ſome Some ﬁsh Fish ßtraße Éric éric ÉTÉ Σίσυφος σίσυφος ǅemal",
    "Blair.Blair. Blair.-x Blair-x Blair. x",
    "a\u1c89bc \u1c89abc. \U00010d50abc x\U0001d41a",
]
# Pieces the token pattern treats specially, and any Unicode at all.
PIECES = st.sampled_from(
    ["Mr", "Mr.", "blair", "Blair", "ſome", "ß", "É", "é", "\u1c89", "\U00010d50", "\U0001d41a", "ǅ", "1", "_", "@", "#",
     "/", ".", "'", "’", "-", " ", "\n", "\r", "\u00a0", "x", "X", ",", ".x", "-x"]
)
ANY_TEXT = st.one_of(st.text(max_size=60), st.lists(PIECES, max_size=40).map("".join))


def _compiled(text: str) -> tuple[list[str], list[int]]:
    written, starts = name_tokens._compiled.token_pass(text, name_tokens._TABLE)
    return written, list(starts)


def _pure(text: str) -> tuple[list[str], list[int]]:
    written, starts = pure_token_pass(text)
    return written, list(starts)


@pytest.fixture(scope="module")
def compiled() -> None:
    if name_tokens._compiled is None:
        if os.environ.get("NEWSLINT_EXPECT_KERNEL") == "compiled":
            pytest.fail("this install was meant to build the compiled token finder and did not")
        pytest.skip("the compiled token finder is not importable here (a checkout without a build, or no C compiler)")


def test_the_pure_twin_is_the_pattern() -> None:
    text = "Mr. Blair met tony blair at 10 Downing St."
    assert _pure(text) == ([m[0] for m in TOKEN.finditer(text)], [m.start() for m in TOKEN.finditer(text)])
    assert _pure(text)[0] == ["Mr.", "Blair", "met", "tony", "blair", "at", "Downing", "St."]


@pytest.mark.parametrize("text", TEXTS)
def test_same_tokens(compiled, text: str) -> None:
    assert _compiled(text) == _pure(text)


@settings(max_examples=500, deadline=None)
@given(text=ANY_TEXT)
def test_same_tokens_on_any_text(compiled, text: str) -> None:
    assert _compiled(text) == _pure(text)


def test_the_active_finder_is_the_one_built() -> None:
    """CI installs twice, with and without a compiler, and says which path each must have."""
    assert name_tokens.KERNEL == os.environ.get("NEWSLINT_EXPECT_KERNEL", name_tokens.KERNEL)
    text = TEXTS[1]
    assert list(name_tokens.counted_tokens(text)[1]) == _pure(text)[1]


@settings(max_examples=300, deadline=None)
@given(text=ANY_TEXT, asked=st.sets(st.sampled_from(["Mr", "Mr.", "blair", "Blair", "x", "X", "ſome", "absent"]), max_size=5))
def test_same_positions_on_any_text(compiled, text: str, asked: set[str]) -> None:
    """Where the asked words are written: the compiled loop, the ``list.index`` twin and a plain scan agree."""
    from collections import Counter

    written = pure_token_pass(text)[0]
    counts = Counter(written)
    expected = [index for index, word in enumerate(written) if word in asked]
    assert name_tokens.pure_positions(written, asked, counts) == expected
    assert name_tokens._compiled.positions(written, asked & counts.keys(), sum(counts[word] for word in asked)) == expected
    assert name_tokens.positions(written, asked, counts) == expected


def _counted(found: tuple) -> tuple:
    written, starts, counts, capitalised = found
    return written, list(starts), list(counts.items()), list(capitalised.items())


#: Many distinct spellings (the kernel's table of them grows several times), in the three string kinds.
MANY_WORDS = [
    " ".join(f"{prefix}{a}{b}{c}" for a in letters for b in letters for c in letters) + " the The the."
    for prefix, letters in (("w", "abcdefghijklm"), ("Ω", "αβγδεζηθικλμν"), ("x\U0001d41a ", "abcdefghijklm"))
]


@settings(max_examples=300, deadline=None)
@given(text=ANY_TEXT)
def test_same_counts_on_any_text(compiled, text: str) -> None:
    """How often each token is written, and each capitalised one: the same counts in the same order."""
    assert _counted(name_tokens.counted_tokens(text)) == _counted(name_tokens.pure_counted_tokens(text))


@pytest.mark.parametrize("text", [*TEXTS, *MANY_WORDS, " ".join(TEXTS * 50)])
def test_same_counts(compiled, text: str) -> None:
    found = name_tokens.counted_tokens(text)
    assert _counted(found) == _counted(name_tokens.pure_counted_tokens(text))
    assert all(map(str.__eq__, found[0], _pure(text)[0]))


def test_capitals_are_pythons_in_the_counts(compiled) -> None:
    """A capital is what ``str.isupper`` says, as the pure twin reads it (``ǅ``, title case, is none)."""
    text = "Ǆemal and ǅemal, Éric and éric, ſome and Mr. Blair"
    capitalised = name_tokens.counted_tokens(text)[3]
    assert list(capitalised) == list(name_tokens.pure_counted_tokens(text)[3])
    assert {"Éric", "Mr.", "Blair"} <= set(capitalised)
