"""Every example of every rule: bad ones flag exactly their text (and fix to theirs), good ones nothing."""

from __future__ import annotations

import pytest

from linter import Applicability, load_ruleset
from linter.rule_examples import check_example, examples_of

RULESET = load_ruleset()
CASES = list(examples_of(RULESET))


@pytest.mark.parametrize(
    ("rule", "example"),
    CASES,
    ids=[f"{r.code}-{'bad' if e.flagged else 'good'}-{i}" for i, (r, e) in enumerate(CASES)],
)
def test_example(rule, example) -> None:
    if rule.check_type == "languagetool":
        pytest.skip("grammar examples need a LanguageTool server: tests/test_grammar.py runs them when NEWSLINT_LANGUAGETOOL_URL is set")
    assert check_example(rule, example, RULESET) is None


def test_every_rule_has_both_kinds_of_example() -> None:
    for rule in RULESET:
        assert rule.bad and rule.good, rule.code
        if rule.fix_level is not None and rule.fix_level >= Applicability.UNSAFE:
            assert all(e.fixed is not None for e in rule.bad), rule.code


def test_gate_words_are_in_every_flagged_example() -> None:
    """A gate promises that every match holds one of its words; the bad examples must keep that promise."""
    for rule in RULESET:
        gate = getattr(rule.check, "gate", None)
        if gate is None:
            continue
        for example in rule.bad:
            for flagged in example.flagged:
                assert any(word in flagged.lower() for word in gate), (rule.code, flagged)
