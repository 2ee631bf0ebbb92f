"""NL503 skips a sentence pair whose echo word is not in the sentence before (folded): the same
findings as comparing the last words of every pair."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.checks import structure
from linter.model import Edit, Span
from linter.segments import Document

OPTIONS = {"max_fragment_words": 8}
PIECES = st.sampled_from(
    ["United", "UNITED", "united", "States", "York", "New", "Stock", "Exchange", "at", "a", "the", "Paris", "ΟΔΟΣ", "οδος",
     "Οδος", "Σ", "İstanbul", "ISTANBUL", "Straße", "STRASSE", "ǅemal", "Ǆemal", ".", ". ", ", ", ",", " ", "  ", "\n\n", "'s"]
)


def _main_broken_split(doc: Document, rule) -> list:
    """NL503 as main (21954df) ran it: the last words of every pair whose second sentence opens with an echo."""
    text, found = doc.text, []
    for before, after in doc.sentence_pairs:
        match = structure._ECHO.match(text, after.start, after.end)
        if match is None:
            continue
        words = structure._last_words(text, before, 3)
        if not words:
            continue
        word, last = match.group("word"), words[-1]
        ends_name = last.group() == word and len(words) >= 2 and structure._joined_name(text, words[-2], last)
        continues = ends_name and structure._continues_name(text, match)
        if not continues:
            tail = [w.group().lower() for w in words[-3:]]
            if not (match.group("comma") and word.lower() in tail and len(structure._WORD.findall(text, after.start, after.end)) <= OPTIONS["max_fragment_words"]):
                continue
        if continues and match.group("comma") and match.group("next")[0].isupper():
            edit = Edit(Span(last.end(), match.start("next")), " ")
        else:
            edit = Edit(Span(last.end(), match.end("word")), "")
        found.append(rule.diagnostic(after, edits=[edit], word=word))
    return found


@settings(max_examples=500, deadline=None)
@given(text=st.lists(PIECES, max_size=40).map(" ".join))
def test_the_fold_gate_keeps_every_finding(ruleset, text: str) -> None:
    rule, doc = ruleset.get("NL503"), Document(text)
    assert list(structure.broken_split(doc, rule, OPTIONS)) == _main_broken_split(doc, rule)


def test_folding_the_lowercase_folds_as_folding_alone() -> None:
    """What the gate rests on, for every code point (and both lowercase sigmas)."""
    assert all(chr(code).lower().casefold() == chr(code).casefold() for code in range(0x110000))
    assert "ΟΔΟΣ".lower().casefold() == "ΟΔΟΣ.Α".lower()[:4].casefold() == "ΟΔΟΣ".casefold()


def test_an_echo_is_still_found() -> None:
    text = "Shares rose on the New York. York, Stock Exchange traders said."
    from linter import load_ruleset

    found = list(structure.broken_split(Document(text), load_ruleset().get("NL503"), OPTIONS))
    assert [d.span for d in found] == [Span(text.index("York,"), len(text))]
