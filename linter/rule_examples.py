"""Run the examples every rule carries: the built-in test suite and ``newslint rule --test`` share this."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .apply import apply_fixes
from .engine import lint
from .model import Applicability
from .rule import Example, Rule, Ruleset
from .selection import LintConfig, Selection


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    example: Example
    problem: str

    def __str__(self) -> str:
        return f"{self.rule.path}: {self.rule.code} {self.rule.name}: example {self.example.text[:50]!r}: {self.problem}"


def check_example(rule: Rule, example: Example, ruleset: Ruleset) -> str | None:
    """Lint ``example`` with ``rule`` alone; return what is wrong, or None.

    A grammar rule finds something only in a ruleset given a backend
    (:func:`.checks.languagetool.with_backend`). A rule's examples are in its language (too short, some, for the language model to tell).
    A check may ask for its rule's examples to be linted otherwise (:meth:`.registry.Check.for_examples`):
    the template rules' examples are one corpus.
    """
    config = LintConfig(selection=Selection(select=(rule.code,), preview=True))
    language = None if rule.language == "any" else rule.language
    ruleset, source = rule.check.for_examples(ruleset)
    found = [d for d in lint(example.text, ruleset, config, language, source) if d.code == rule.code]
    flagged = sorted(example.text[d.span.start : d.span.end] for d in found)
    if not example.flagged:
        return f"must not be flagged, but {flagged} was" if found else None
    if flagged != sorted(example.flagged):
        return f"expected {sorted(example.flagged)} to be flagged, got {flagged}"
    if example.fixed is not None:
        fixed = apply_fixes(example.text, found, Applicability.UNSAFE).text
        if fixed != example.fixed:
            return f"fix gave {fixed!r}, expected {example.fixed!r}"
    return None


def examples_of(ruleset: Ruleset) -> Iterator[tuple[Rule, Example]]:
    for rule in ruleset:
        for example in (*rule.bad, *rule.good):
            yield rule, example


def run_examples(ruleset: Ruleset, only: Ruleset | None = None) -> tuple[int, list[ExampleFailure]]:
    """Check every example of ``only`` (default: all) rules; return the count and the failures."""
    failures = []
    count = 0
    for rule, example in examples_of(only or ruleset):
        count += 1
        problem = check_example(rule, example, ruleset)
        if problem:
            failures.append(ExampleFailure(rule, example, problem))
    return count, failures
