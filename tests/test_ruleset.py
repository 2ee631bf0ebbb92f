"""Loading rule packs: every mistake is one line naming the file and the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from linter import lint
from linter.engine import _Cover
from linter.model import Span
from linter.rule_examples import check_example
from linter.rule_packs import RulesetError, builtin_rules_dir, load_ruleset

from .conftest import HOUSE_PACK as GOOD



def write_pack(tmp_path: Path, text: str) -> Path:
    (tmp_path / "house.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_user_pack_loads_beside_builtin(tmp_path: Path) -> None:
    ruleset = load_ruleset([write_pack(tmp_path, GOOD)])
    assert ruleset.get("HS101") is not None and ruleset.get("NL101") is not None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('severity = "warning"', 'severity = "loud"'), "HS101: unknown severity"),
        (('swap = {', 'colour = 1\nswap = {'), "HS101: unknown key 'colour'"),
        (('check = "substitution"', 'check = "magic"'), "HS101: unknown check type 'magic'"),
        (('good = ["We use it."]', ""), "HS101: missing key 'good'"),
        (('flagged = "utilise"', 'flagged = "nothing"'), "HS101: bad example"),
        (('fixed = "We use it."', ""), "needs 'fixed'"),
        (('kind = "consistency"', 'kind = "vibes"'), "HS101: unknown kind"),
        (('name = "no-utilise"', 'name = "No Utilise"'), "must be kebab-case"),
        (('code = "HS101"', 'code = "x1"'), "code must be"),
    ],
)
def test_broken_pack_is_one_line_naming_file_and_code(tmp_path: Path, change, expected) -> None:
    pack = write_pack(tmp_path, GOOD.replace(*change))
    with pytest.raises(RulesetError) as info:
        load_ruleset([pack])
    message = str(info.value)
    assert "\n" not in message
    assert "house.toml" in message and expected in message


def test_bad_regex_is_reported(tmp_path: Path) -> None:
    text = GOOD.replace('check = "substitution"\nswap = { utilise = "use" }', "check = \"pattern\"\npattern = '(unclosed'\nreplacement = 'use'")
    with pytest.raises(RulesetError, match=r"house.toml: HS101: invalid regular expression"):
        load_ruleset([write_pack(tmp_path, text)])


def test_duplicate_code_is_reported(tmp_path: Path) -> None:
    with pytest.raises(RulesetError, match="NL101"):
        load_ruleset([write_pack(tmp_path, GOOD.replace("HS101", "NL101"))])


def test_invalid_toml(tmp_path: Path) -> None:
    with pytest.raises(RulesetError, match="house.toml: invalid TOML"):
        load_ruleset([write_pack(tmp_path, "[[rule]\n")])


def test_builtin_packs_are_found() -> None:
    assert any(entry.name.endswith(".toml") for entry in builtin_rules_dir().iterdir())


GATED = '''
[[rule]]
code = "HS201"
name = "sponsored-line"
kind = "boilerplate"
check = "pattern"
scope = "whole-paragraph"
pattern = '(?i)sponsored\\s+by\\s+\\w+'
gate = GATE
severity = "warning"
fix = "none"
message = "Sponsor line."
why = "Ads."
good = ["The talks were sponsored by the UN and lasted a week."]
[[rule.bad]]
text = "Text.\\n\\nSponsored by Acme"
flagged = "Sponsored by Acme"
'''


@pytest.mark.parametrize(
    ("gate", "expected"),
    [
        ('"sponsored"', "key 'gate' has the wrong type"),
        ('["Sponsored"]', "gate must be a non-empty list of lowercase words"),
        ("[]", "gate must be a non-empty list of lowercase words"),
    ],
)
def test_bad_gates_are_reported(tmp_path: Path, gate: str, expected: str) -> None:
    with pytest.raises(RulesetError, match=expected):
        load_ruleset([write_pack(tmp_path, GATED.replace("GATE", gate))])


def test_a_gate_that_misses_a_bad_example_fails_it(tmp_path: Path) -> None:
    for gate, error in (('["sponsored"]', None), ('["advert"]', "expected ['Sponsored by Acme'] to be flagged, got []")):
        ruleset = load_ruleset([write_pack(tmp_path, GATED.replace("GATE", gate))], builtin=False)
        rule = ruleset.get("HS201")
        assert check_example(rule, rule.bad[0], ruleset) == error


class TestCompiledRulesetCache:
    """A ruleset comes from the cache only when built from the same packs by the same code."""

    def test_second_load_is_the_cached_one(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
        first = load_ruleset()
        entries = list((tmp_path / "cache" / "rulesets").glob("*.pickle"))
        assert len(entries) == 1
        second = load_ruleset()
        assert [r.code for r in second] == [r.code for r in first] and second is not first
        text = "He said the the talks in kyiv went well. . Officials agreed."
        assert lint(text, second) == lint(text, first) != []

    def test_a_changed_pack_is_built_again(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
        (tmp_path / "packs").mkdir()
        pack = write_pack(tmp_path / "packs", GOOD)
        assert load_ruleset([pack]).get("HS101").message.startswith("Write")
        (pack / "house.toml").write_text(GOOD.replace('message = "Write', 'message = "Please write'), encoding="utf-8")
        assert load_ruleset([pack]).get("HS101").message.startswith("Please write")
        assert len(list((tmp_path / "cache" / "rulesets").glob("*.pickle"))) == 2

    def test_a_broken_entry_is_a_miss(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
        expected = load_ruleset()
        (entry,) = (tmp_path / "cache" / "rulesets").glob("*.pickle")
        entry.write_bytes(entry.read_bytes()[:100])
        assert [r.code for r in load_ruleset()] == [r.code for r in expected]

    def test_no_writable_cache_folder(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        blocked = tmp_path / "file"
        blocked.write_text("not a folder")
        monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(blocked))
        assert load_ruleset().get("NL101") is not None

    def test_a_broken_pack_is_never_cached(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
        pack = write_pack(tmp_path, GOOD.replace('severity = "warning"', 'severity = "loud"'))
        for _ in range(2):
            with pytest.raises(RulesetError, match="unknown severity"):
                load_ruleset([pack])


def test_a_superseding_rule_s_finding_drops_the_other_rule_s_at_the_same_start(ruleset) -> None:
    text = "\"We will win the league this season, he said.\n\nThen he went home.\n\n“We will win the cup this season, she said.\n\nThen she left.\n"
    codes = [(d.code, d.span.start) for d in lint(text, ruleset) if d.code in {"NL402", "NL404", "NL406"}]
    assert codes == [("NL406", 0), ("NL406", text.index("“"))]


def test_a_superseding_rule_s_finding_drops_the_other_rule_s_inside_it(ruleset) -> None:
    # A paragraph that is one caption sentence and its credit: the caption (NL301) takes the
    # credit (NL303) with it; a credit glued after article sentences stays NL303's.
    caption = "The crowd gathered in the square on Friday. (Alexander Petrov/AP)"
    glued = "The crowd gathered on Friday. Police watched. (Alexander Petrov/AP)"
    text = f"Text of the article.\n\n{caption}\n\n{glued}\n"
    codes = [(d.code, d.span.start) for d in lint(text, ruleset) if d.code in {"NL301", "NL303"}]
    assert codes == [("NL301", text.index(caption)), ("NL303", text.index(glued) + glued.index(" ("))]


_spans = st.builds(lambda start, length: Span(start, start + length), st.integers(0, 40), st.integers(0, 15))


@given(st.lists(_spans, min_size=1, max_size=12), _spans)
def test_superseding_spans_take_a_span_exactly_as_the_plain_definition_says(taken, span) -> None:
    # The bisect answer (needed so that thousands of superseding findings stay linear-ish) must be
    # the definition: a superseding finding starts where it starts, or contains it.
    plain = any(other.start == span.start or other.start <= span.start and span.end <= other.end for other in taken)
    assert _Cover(taken).takes(span) == plain


def test_supersedes_must_name_rules_that_exist(tmp_path) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(
        '[[rule]]\ncode = "XY101"\nname = "my-rule"\nkind = "punctuation"\ncheck = "pattern"\npattern = "!!"\n'
        'severity = "info"\nfix = "none"\nmessage = "m"\nwhy = "w"\nsupersedes = ["XY999"]\ngood = ["a"]\n'
        '[[rule.bad]]\ntext = "a!!"\nflagged = "!!"\n'
    )
    with pytest.raises(RulesetError, match="supersedes XY999, which no pack defines"):
        load_ruleset([tmp_path])
