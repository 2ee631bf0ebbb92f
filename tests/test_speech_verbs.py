"""The quotation rules skip text without a verb of speech (or a colon, or a mark, or a first-person word where
only first-person speech is flagged): the same findings as running every pattern everywhere, on texts written
for these tests."""

from __future__ import annotations

from unittest import mock

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.checks import quotation, speech_verbs
from linter.segments import Document

CODES = ("NL401", "NL402", "NL403", "NL404", "NL405", "NL406")
PIECES = st.sampled_from(
    [
        "said", "says", "told", "added", "adds", "asked", "replied", "argued", "noted", "wrote", "quoted as saying",
        "was quoted as saying", "unsaid", "saidx", "Said", "SAID", "told reporters", "said only", "he", "she", "they",
        "I", "we", "We", "you", "our", "me", "Mr Lee", "Tony Blair", "the minister", "that", "it's", "don't", "really",
        "This is", "plan", "will", "rise", "prices", "the", "a", "market", "very", "good", "Paris", "a 13\" laptop",
        ",", ", ", ".", ". ", "?", "? ", "!", "! ", ":", ": ", '"', "“", "”", "„", "«", "»", "'", "‘", "’",
        " ", "\n", "\n\n", "\r\n\r\n", "-",
    ]
)  # fmt: skip


WORDS = st.sampled_from(
    ["we", "I", "you", "our", "it's", "don't", "really", "prices", "will", "rise", "the", "plan", "is", "good", "market",
     "This", "is", "Paris", "that", "they're", "fell", "last", "year", "and", "very", "hard"]
)  # fmt: skip
SPEAKERS = st.sampled_from(["he", "she", "they", "Mr Lee", "the minister", "Tony Blair", "a spokesman", "Ms Chan of the bank"])
VERB = st.sampled_from(["said", "says", "told", "added", "adds", "stated", "noted", "argued", "asked", "replied", "warned", "quoted as saying", "was quoted as saying", "told reporters", "unsaid", "Said"])
ATTRIBUTION = st.one_of(
    st.tuples(SPEAKERS, VERB).map(lambda pair: f", {pair[0]} {pair[1]}"),
    st.tuples(VERB, SPEAKERS).map(lambda pair: f", {pair[0]} {pair[1]}"),
    st.tuples(SPEAKERS, VERB, WORDS).map(lambda triple: f". {triple[0].capitalize()} {triple[1]}: {triple[2].capitalize()}"),
    st.just(""),
)
MARK = st.sampled_from(["", "", "", '"', "“", "”", "„", "«", "»", "'", "‘"])
SENTENCE = st.tuples(MARK, st.lists(WORDS, min_size=1, max_size=9).map(" ".join), MARK, ATTRIBUTION, st.sampled_from([".", "?", "!", ""])).map("".join)
TEXT = st.lists(st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=4).map("\n\n".join)


def _findings(ruleset, text: str) -> list:
    doc = Document(text)
    return [repr(d) for code in CODES for d in ruleset.get(code).run(doc)]


@settings(max_examples=400, deadline=None)
@given(text=TEXT, random=st.lists(PIECES, max_size=60).map(" ".join), glued=st.lists(PIECES, max_size=60).map("".join))
def test_the_verb_gates_keep_every_finding(ruleset, text: str, random: str, glued: str) -> None:
    for sample in (text, random, glued, f"{random}\n\n{glued}"):
        gated = _findings(ruleset, sample)
        assert _ungated(ruleset, sample) == gated


def _ungated(ruleset, text: str) -> list:
    with mock.patch.object(quotation, "writes_verb", lambda verbs, start, end: True), mock.patch.object(quotation, "_may_speak_first_person", lambda doc, paragraph: True):
        return _findings(ruleset, text)


@pytest.mark.parametrize("person", ["I think", "you know", "our plan", "let us", "my plan", "for me", "We hope", "we hope"])
def test_first_person_speech_in_an_article_that_quotes(ruleset, person: str) -> None:
    """NL401 reads only paragraphs with a verb and a first-person word once the article marks a quote: all of them."""
    texts = [
        f'"Fine," he said.\n\nThe deal is done and {person} it will work out well for everyone, Mr Lee said.',
        f'"Fine," he said.\n\nThe minister said {person.split()[0]} will act soon on the plan.',
        f'"Fine," he said.\n\nThe deal is done and {person} it will work out well for everyone, he said, and left.',
    ]
    found = [_findings(ruleset, text) for text in texts]
    assert found == [_ungated(ruleset, text) for text in texts]
    assert ["NL401" in finding for finding in found[0]] == [True]


def test_the_gates_skip_text_without_a_verb_and_still_find_speech(ruleset) -> None:
    """A paragraph with no verb of speech reaches no attribution pattern; one with a verb still does."""
    text = '"Prices rose," he noted.\n\nWe will raise prices next year and we expect more, the minister said.'
    doc = Document(text)
    verbs = speech_verbs.verb_offsets(doc)
    assert speech_verbs.writes_verb(verbs, 0, len(text))
    assert not speech_verbs.writes_verb(verbs, text.index("We"), text.index("said"))
    (found,) = ruleset.get("NL405").run(doc)
    assert text[found.span.start : found.span.end] == "We will raise prices next year and we expect more"


@settings(max_examples=300, deadline=None)
@given(text=st.lists(PIECES, max_size=40).map("".join), start=st.integers(0, 80), size=st.integers(0, 80))
def test_offsets_are_every_start_of_a_literal(text: str, start: int, size: int) -> None:
    literals = ("said", '"', "“", "aa")
    expected = sorted(m.start() for m in regex.finditer("(?=said|\"|“|aa)", text))
    found = speech_verbs.offsets(text, literals)
    assert found == expected
    assert speech_verbs.between(found, start, start + size) == [at for at in expected if start <= at < start + size]
