"""The one registry of check types: typed kebab-case parameters, validated at load and documented,
rule data that knows no registry, and the grammar backend given to the languagetool rules."""

from __future__ import annotations

import ast
import doctest
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from linter import lint, load_ruleset
from linter.checks.languagetool import GrammarMatch, with_backend
from linter.checks.vocabulary import with_vocabulary
from linter.selection import LintConfig
from linter.checks import check_types
from linter.registry import REQUIRED, BackendUnavailable
from linter.rule_packs import RulesetError, parse_pack
from linter.selection import Selection

ROOT = Path(__file__).resolve().parent.parent

RULE = """
[[rule]]
code = "XY{code}"
name = "{name}"
kind = "duplication"
check = "{check}"
severity = "warning"
fix = "none"
message = "m"
why = "w"
good = ["Fine."]
{extra}
[[rule.bad]]
text = "{bad}"
flagged = "{flagged}"
"""


def pack(check: str, extra: str = "", *, code: str = "001", name: str = "probe", bad: str = "a a", flagged: str = "a") -> str:
    return RULE.format(code=code, name=name, check=check, extra=extra, bad=bad, flagged=flagged)


def _format(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple):
        return "[]"
    return repr(value)


def test_the_pack_readme_documents_every_check_type_and_parameter() -> None:
    rows = {line.split("|")[1].strip(): line for line in (ROOT / "rules" / "README.md").read_text("utf-8").splitlines() if line.startswith("| `")}
    documented = {name.strip("`") for name in rows if name.startswith("`")}
    assert documented >= set(check_types()), sorted(set(check_types()) - documented)
    for name, check_class in check_types().items():
        row = rows[f"`{name}`"]
        for key, param in check_class.PARAMS.items():
            default = "required" if param.default is REQUIRED else "none" if param.default is None else _format(param.default)
            assert f"`{key}` ({param.type_name}, {default}): {param.description}" in row, (name, key)
        if not check_class.PARAMS:
            assert "| none |" in row, name


def test_parameters_are_kebab_case_and_described() -> None:
    for name, check_class in check_types().items():
        for key, param in check_class.PARAMS.items():
            assert key == key.lower() and "_" not in key and param.description, (name, key)


def test_an_unknown_key_names_pack_rule_and_key_and_the_key_it_may_mean() -> None:
    with pytest.raises(RulesetError, match=r"^mine\.toml: XY001: unknown key 'min_words' for check type 'duplicate-paragraph'; did you mean 'min-words'\?$"):
        parse_pack("mine.toml", pack("duplicate-paragraph", "min_words = 3"))
    with pytest.raises(RulesetError, match=r"unknown key 'colour' for check type 'duplicate-paragraph'$"):
        parse_pack("mine.toml", pack("duplicate-paragraph", "colour = 3"))


def test_a_value_of_the_wrong_type_names_pack_rule_and_key() -> None:
    with pytest.raises(RulesetError, match=r"^mine\.toml: XY001: key 'min-words' has the wrong type \(expected int\)$"):
        parse_pack("mine.toml", pack("duplicate-paragraph", 'min-words = "ten"'))
    with pytest.raises(RulesetError, match="key 'certain' has the wrong type"):
        parse_pack("mine.toml", pack("name-from-document", "certain = 1"))


def test_the_old_document_schema_is_gone_and_the_error_says_how_to_write_it_now() -> None:
    now = r"detectors are check types now: write check = 'duplicate-paragraph' and min-words = 3 \(options are top-level kebab-case keys\)"
    with pytest.raises(RulesetError, match=r"^mine\.toml: XY001: " + now):
        parse_pack("mine.toml", pack("document", 'detector = "duplicate-paragraph"\noptions = { min_words = 3 }'))
    with pytest.raises(RulesetError, match="write check = 'duplicate-paragraph' \\(options"):
        parse_pack("mine.toml", pack("document", 'detector = "duplicate-paragraph"'))


def test_a_parameter_reaches_its_check() -> None:
    text = "Short words here now.\n\nShort words here now."
    (rule,) = parse_pack("mine.toml", pack("duplicate-paragraph", "min-words = 3", bad=text.replace("\n", "\\n"), flagged="Short words here now."))
    assert rule.params["min-words"] == 3 and [d.span.start for d in rule.run(_doc(text))] == [23]
    (default,) = parse_pack("mine.toml", pack("duplicate-paragraph", bad=text.replace("\n", "\\n"), flagged="Short words here now."))
    assert default.params["min-words"] == 10 and list(default.run(_doc(text))) == []


def _doc(text: str):
    from linter.segments import Document

    return Document(text)


def test_skipping_urls_is_a_property_of_the_type_not_of_a_rule() -> None:
    for rule in load_ruleset():
        assert "skips_protected" not in vars(rule.check), rule.code
        assert rule.check.skips_protected is type(rule.check).skips_protected


def test_rule_data_imports_no_registry_and_no_check() -> None:
    """``linter.rule`` and everything it imports at module level stay below the registry."""
    seen: set[str] = set()
    todo = ["rule"]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        tree = ast.parse((ROOT / "linter" / f"{module.replace('.', '/')}.py").read_text("utf-8"))
        for node in tree.body:  # module level only: TYPE_CHECKING blocks are ``if`` statements
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                todo.append(node.module)
    assert seen.isdisjoint({"registry", "rule_packs", "engine", "checks"}), sorted(seen)
    assert not any(module.startswith("checks") for module in seen)


def test_a_pack_names_the_rule_that_takes_the_users_vocabulary(tmp_path: Path) -> None:
    (tmp_path / "names.toml").write_text(
        pack("vocabulary", 'words = ["Kyiv"]\nuser-words = true', name="names", bad="in kyiv", flagged="kyiv").replace('kind = "duplication"', 'kind = "capitalization"'),
        encoding="utf-8",
    )
    ruleset = with_vocabulary(load_ruleset([tmp_path], builtin=False), ["Gdansk"])
    assert [d.code for d in lint("From kyiv to gdansk.", ruleset)] == ["XY001", "XY001"]


def test_at_most_one_rule_takes_the_vocabulary(tmp_path: Path) -> None:
    first = pack("vocabulary", 'words = ["Kyiv"]\nuser-words = true', bad="in kyiv", flagged="kyiv")
    second = pack("vocabulary", 'words = ["Lviv"]\nuser-words = true', code="002", name="other", bad="in lviv", flagged="lviv")
    (tmp_path / "two.toml").write_text((first + second).replace('kind = "duplication"', 'kind = "capitalization"'), encoding="utf-8")
    with pytest.raises(RulesetError, match=r"two\.toml: XY002: 'user-words' is already set by XY001"):
        load_ruleset([tmp_path], builtin=False)


def test_at_most_one_grammar_rule_is_the_fallback(tmp_path: Path) -> None:
    (tmp_path / "grammar.toml").write_text(pack("languagetool", 'categories = ["TYPOS"]\nfallback = true', code="801", name="spell"), encoding="utf-8")
    with pytest.raises(RulesetError, match="'fallback' is already set by NL801"):
        load_ruleset([tmp_path])


class FakeBackend:
    """Matches a few words, each of a category; records what it was asked."""

    WORDS = {"go": "GRAMMAR", "teh": "TYPOS", "irregardless": "SOMETHING_NEW"}

    def __init__(self) -> None:
        self.asked: list[str] = []

    def matches(self, sentence: str) -> list[GrammarMatch]:
        self.asked.append(sentence)
        found = []
        for word, category in self.WORDS.items():
            at = sentence.find(word)
            if at >= 0:
                found.append(GrammarMatch(at, at + len(word), "R1", category, "other", f"about {word}", ("x",)))
        return found


def test_languagetool_rules_turn_the_backends_matches_into_their_findings_by_category() -> None:
    backend = FakeBackend()
    text = "He go home. Then teh end. It was irregardless."
    found = lint(text, with_backend(load_ruleset(), backend))
    grammar = [(d.code, text[d.span.start : d.span.end]) for d in found if d.code.startswith("NL8")]
    # GRAMMAR is NL801's, TYPOS NL802's, and an unlisted category goes to the fallback rule (NL801).
    assert grammar == [("NL801", "go"), ("NL802", "teh"), ("NL801", "irregardless")]
    assert len(backend.asked) == 3, "each sentence is asked once, whatever the number of grammar rules"


def test_without_a_backend_languagetool_rules_find_nothing() -> None:
    assert [d for d in lint("He go home. Then teh end.", load_ruleset()) if d.code.startswith("NL8")] == []


def test_unselected_grammar_rules_do_not_ask_the_backend() -> None:
    backend = FakeBackend()
    lint("He go home.", with_backend(load_ruleset(), backend), LintConfig(selection=Selection(ignore=("NL8",))))
    assert backend.asked == []


def test_a_backend_that_fails_stops_the_run() -> None:
    class Down:
        def matches(self, sentence: str) -> list[GrammarMatch]:
            raise BackendUnavailable("LanguageTool is down")

    with pytest.raises(BackendUnavailable, match="down"):
        lint("He go home.", with_backend(load_ruleset(), Down()))


def test_a_pickled_ruleset_checks_the_same() -> None:
    ruleset = load_ruleset()
    text = "A paragraph of more than ten words that is written twice here.\n\nA paragraph of more than ten words that is written twice here."
    assert lint(text, pickle.loads(pickle.dumps(ruleset))) == lint(text, ruleset) != []


def test_import_linter_does_not_load_the_fluency_model() -> None:
    code = "import sys, linter; assert 'linter.fluency' not in sys.modules; print(0 <= linter.garble_score('It rained.') <= 1)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "True"


def test_the_readme_examples_run() -> None:
    # A code fence ends an example's expected output as a blank line would.
    text = "\n".join("" if line.startswith("```") else line for line in (ROOT / "README.md").read_text("utf-8").splitlines())
    test = doctest.DocTestParser().get_doctest(text, {}, "README.md", str(ROOT / "README.md"), 0)
    assert any("garble_score" in example.source for example in test.examples)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_the_package_docstring_example_runs() -> None:
    import linter

    result = doctest.testmod(linter, optionflags=doctest.ELLIPSIS)
    assert result.attempted and not result.failed
