"""Signs of a person's own words in unmarked, attributed text (NL405), on texts written for these tests."""

from __future__ import annotations

import pytest

from linter import Applicability, LintConfig, lint
from linter.selection import Selection
from linter.speech import quote_like

QUOTED = "“Sales grew,” she said.\n\n"


def _nl405(text: str, ruleset) -> list:
    return list(lint(text, ruleset, LintConfig(selection=Selection(select=("NL405",)))))


@pytest.mark.parametrize(
    ("words", "sign"),
    [
        ("It's quite common to keep two phones", "a contraction"),
        ("The old plan won't survive another winter", "a contraction"),
        ("This is typical of the council", "a verdict in the present tense"),
        ("The new stadium is simply the best in the region", "the speaker's emphasis"),
        ("Goal after goal and still no win!", "an exclamation"),
        ("He told the staff ‘the plant will not close this year’ and they cheered", "a quotation nested inside"),
        ("She said: 'Whatever the board wants' and left", "a quotation nested inside"),
        ("‘The plant will not close,’ he told them, and left", "a quotation nested inside"),
    ],
)
def test_signs_of_speech(words: str, sign: str) -> None:
    assert quote_like(words, 0, len(words)) == sign


@pytest.mark.parametrize(
    "words",
    [
        "The original size of the bank's funds was $400m",  # a possessive, not "it's"
        "The station hasn't seen rain since May, the first time that's happened",  # American narration
        "It is the first time the firm has cut its dividend",
        "This is also changing the way the firm hires staff",
        "Who can voters trust?",
        "The introduction of 'chip and pin' cards has cut fraud",  # a term in single marks
        "The minister called the plan 'a disaster for the town'",  # no verb of speech before it
        "He said 'no' to the plan",  # one word quoted
        "The players' union said the deal was fair",  # an apostrophe, not a mark
    ],
)
def test_a_reporters_prose_shows_no_sign(words: str) -> None:
    assert quote_like(words, 0, len(words)) is None


@pytest.mark.parametrize(
    ("speech", "attribution"),
    [
        ("This is a fair deal for the workers and the firm", ", the union leader said."),
        # a quotation nested in single marks, whose outer double marks were lost
        ("He told the staff ‘the plant will not close this year’ and they cheered", ", said Anna Lee."),
    ],
)
def test_a_third_person_quote_that_lost_its_marks_gets_marks_shown_never_applied(speech: str, attribution: str, ruleset) -> None:
    text = QUOTED + speech + attribution
    [found] = _nl405(text, ruleset)
    assert text[found.span.start : found.span.end] == speech
    assert found.fix is not None and found.fix.applicability is Applicability.DISPLAY_ONLY
    assert [edit.replacement for edit in found.fix.edits] == ["“", "”"]


def test_a_question_then_its_speaker(ruleset) -> None:
    text = QUOTED + "How can a town this size pay for two bridges? Mr Okafor's adviser Anna Lee asked."
    [found] = _nl405(text, ruleset)
    assert text[found.span.start : found.span.end] == "How can a town this size pay for two bridges?"


def test_a_colon_after_a_verb_of_speech(ruleset) -> None:
    text = QUOTED + "But the mayor argued: There are better ways to spend the money. The vote is on Friday."
    [found] = _nl405(text, ruleset)
    assert text[found.span.start : found.span.end] == "There are better ways to spend the money."


def test_speech_that_goes_on_two_sentences_after_the_attribution(ruleset) -> None:
    text = QUOTED + "The season was long and hard for the whole squad, said Sam Lee. Nobody expected it. It's been a hard year."
    assert len(_nl405(text, ruleset)) == 1


def test_a_heading_with_a_colon_is_no_speech(ruleset) -> None:
    assert _nl405(QUOTED + "Analysis: Is this the end of cheap flights?", ruleset) == []


def test_a_term_in_single_marks_is_no_nested_quotation(ruleset) -> None:
    assert _nl405(QUOTED + "The introduction of ‘chip and pin’ cards has cut fraud by a third, the bank said.", ruleset) == []
