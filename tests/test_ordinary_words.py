"""NL202 leaves a name's lowercase form alone where it is used as the everyday word it also is
(the verb "may" beside the month, "mobile games" beside EA Mobile), and still asks where only
the name fits."""

from __future__ import annotations

import pytest

from linter import lint, load_ruleset
from linter.registry import RuleDefinitionError


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


def _flagged(text: str, ruleset) -> list[str]:
    return [text[d.span.start : d.span.end] for d in lint(text, ruleset) if d.code == "NL202"]


@pytest.mark.parametrize(
    "text",
    [
        "Talks resume in May. Officials said prices may rise and the market may well recover.",
        "EA Mobile plans to release 20 mobile games; its mobile unit grew.",
        "Turkey sent aid. The White House pardoned the turkey on Friday.",
        "China exports fine china; the talks with China went well.",
    ],
)
def test_the_everyday_word_is_not_flagged(text: str, ruleset) -> None:
    assert _flagged(text, ruleset) == []


def test_where_only_the_name_fits_it_is_still_flagged(ruleset) -> None:
    text = "Talks with China resumed. Officials flew to china on Monday, in may 2004, and china said so. Prices in May rose."
    assert _flagged(text, ruleset) == ["china", "may", "china"]


def test_ordinary_words_must_be_listed_names(tmp_path) -> None:
    from linter.checks.vocabulary import VocabularyCheck

    class Rule:
        code = "XY001"

    params = {"words": ["Mobile"], "only-if-capitalized-elsewhere": True, "user-words": False, "ordinary-modifiers": ["may"], "ordinary-nouns": []}
    with pytest.raises(RuleDefinitionError, match="ordinary-modifiers"):
        VocabularyCheck(Rule(), params)


def test_lowercase_names_are_found_without_a_timeout_per_word(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each listed word's place is matched by our own one-word pattern with no timeout: a timeout reads
    the CPU clock twice (system calls), which cost NL201 and NL202 several times the matches."""
    import linter.checks.vocabulary as vocabulary

    asked: list[dict[str, object]] = []
    pattern = vocabulary._LOWER_WORD

    class Recording:
        def match(self, *args: object, **kwargs: object) -> object:
            asked.append(kwargs)
            return pattern.match(*args, **kwargs)

    monkeypatch.setattr(vocabulary, "_LOWER_WORD", Recording())
    findings = lint("Talks in kyiv ended. The kyiv office and china were named.", load_ruleset())
    assert [d.code for d in findings if d.code == "NL201"] and asked and all("timeout" not in kwargs for kwargs in asked)
