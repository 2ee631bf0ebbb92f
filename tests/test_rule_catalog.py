"""The catalogue as a whole: unique codes, families, every check type used, README in sync."""

from __future__ import annotations

import io
import re
from pathlib import Path

from linter.model import KINDS
from linter.checks import check_types
from linter.catalogue import markdown_table
from linter.rule_display import show_rules

ROOT = Path(__file__).resolve().parent.parent
FAMILIES = {
    "NL1": {"punctuation", "whitespace"},
    "NL2": {"capitalization", "consistency"},
    "NL3": {"boilerplate", "metadata"},
    "NL4": {"quotation"},
    "NL5": {"garbled"},
    "NL6": {"encoding", "markup"},
    "NL7": {"duplication", "boilerplate", "language"},
    "NL8": {"grammar"},
    "NL9": {"consistency"},
}


def test_codes_and_names_are_unique(ruleset) -> None:
    codes = [r.code for r in ruleset]
    names = [r.name for r in ruleset]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))


def test_codes_follow_their_family(ruleset) -> None:
    for rule in ruleset:
        assert re.fullmatch(r"NL[1-9]\d\d", rule.code), rule.code
        assert rule.kind in KINDS
        assert rule.kind in FAMILIES[rule.code[:3]], (rule.code, rule.kind)


def test_every_check_type_is_used(ruleset) -> None:
    assert {r.check_type for r in ruleset} == set(check_types())


def test_every_rule_explains_itself(ruleset) -> None:
    for rule in ruleset:
        assert len(rule.why) > 40, rule.code
        assert rule.message, rule.code


def test_readme_rule_table_is_in_sync(ruleset) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", readme, re.S)
    assert match, "README.md lacks the rule table markers"
    assert match.group(1) == markdown_table(ruleset), "run: newslint rule --format markdown"


def test_rule_explains_one_rule(ruleset) -> None:
    out = io.StringIO()
    assert show_rules(ruleset, "NL101", "text", out) == 0
    text = out.getvalue()
    assert "double-period" in text and "Why" in text and "safe" in text and "West. ." in text
