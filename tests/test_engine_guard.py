"""The engine runs every rule from one generator: a rule that fails or times out still costs only
its own findings on that text, in rule order, and a language's rule still skips foreign paragraphs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from linter import Ruleset, lint
from linter.bounded import RegexTimeout
from linter.model import Span
from linter.registry import BackendUnavailable
from linter.rule import INCOMPLETE

TEXT = "One sentence here.. Two sentences here.. Three."


class _Then:
    """A check that yields one finding per span of ``spans``, then raises ``error`` (if any)."""

    skips_protected = False

    def __init__(self, rule, spans: list[Span], error: Exception | None) -> None:
        self.rule, self.spans, self.error = rule, spans, error

    def run(self, doc) -> Iterator:
        for span in self.spans:
            yield self.rule.diagnostic(span)
        if self.error is not None:
            raise self.error


def _ruleset(ruleset: Ruleset, spans: list[Span], error: Exception | None, language: str = "any") -> Ruleset:
    """NL101 as it is, and NL102 replaced by a ``_Then`` check of ``language``."""
    stub = ruleset.get("NL102").attached(lambda rule: _Then(rule, spans, error))
    object.__setattr__(stub, "language", language)
    return Ruleset((ruleset.get("NL101"), stub))


def test_a_failing_rule_keeps_what_it_found_and_adds_one_warning(ruleset) -> None:
    findings = lint(TEXT, _ruleset(ruleset, [Span(4, 12)], ValueError("broken")))
    mine = [f for f in findings if f.code == "NL102"]
    assert [(f.span, f.source) for f in mine] == [(Span(0, 0), INCOMPLETE), (Span(4, 12), None)]
    assert "failed on this text (ValueError: broken)" in mine[0].message
    assert [f.code for f in findings].count("NL101") == 2  # the other rule's findings are all there


def test_a_rule_that_times_out_warns_where(ruleset) -> None:
    findings = lint(TEXT, _ruleset(ruleset, [], RegexTimeout(Span(3, 9))))
    (warning,) = [f for f in findings if f.code == "NL102"]
    assert warning.span == Span(3, 9) and "took too long" in warning.message and warning.source == INCOMPLETE


def test_an_unavailable_backend_stops_the_run(ruleset) -> None:
    with pytest.raises(BackendUnavailable):
        lint(TEXT, _ruleset(ruleset, [], BackendUnavailable("no server")))


def test_a_language_rule_skips_foreign_paragraphs_and_its_warning_there(ruleset) -> None:
    german = "Die Regierung hat am Montag beschlossen, dass die neuen Regeln für alle Bürger gelten sollen und nicht nur für einige."
    english_paragraph = "The government said on Monday that the new rules would apply to all of the citizens and not to only a few of them."
    text = f"{german}\n\n{english_paragraph}\n\n{english_paragraph}"
    english = text.index("The government")
    inside, outside = Span(4, 13), Span(english + 4, english + 14)
    findings = lint(text, _ruleset(ruleset, [inside, outside], RegexTimeout(Span(0, 3)), language="en"))
    assert [f.span for f in findings if f.code == "NL102"] == [outside]
    healthy = lint(text, _ruleset(ruleset, [inside, outside], RegexTimeout(Span(english, english + 3)), language="en"))
    assert [f.span for f in healthy if f.code == "NL102"] == [Span(english, english + 3), outside]
