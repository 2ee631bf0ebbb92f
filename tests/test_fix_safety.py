"""The fix-safety policy (README, "Fixes and their safety"), tested over every rule and on real news.

``safe`` means certain: an ``info`` finding never carries a safe fix, a heuristic rule's safe fix
never removes more than a few prose words (:mod:`linter.fix_safety`), fixes of more severe findings
go first and are never swallowed by a broader one, and pattern rules do not read mojibake as the
symbols they look for.
"""

from __future__ import annotations

import bisect
import difflib
import os
import random
from pathlib import Path

import pytest
import regex

from linter import load_ruleset
from linter.apply import apply_fixes, fix_text
from linter.catalogue import fix_description
from linter.engine import lint
from linter.fix_safety import FEW_WORDS, prose_removed, prose_words
from linter.model import Applicability, Diagnostic, Edit, Fix, Severity, Span
from linter.rule import Ruleset
from linter.rule_packs import RulesetError, parse_pack
from linter.segments import Document
from linter.selection import LintConfig, Selection

from .conftest import run

#: Rules whose matches are certain (``exact-match = true``): each was reviewed; adding one is a policy decision.
EXACT_MATCH = {"NL301", "NL320", "NL611"}


def only(code: str) -> LintConfig:
    return LintConfig(selection=Selection(select=(code,), preview=True))


class TestEveryRule:
    def test_info_rules_have_no_safe_fix(self, ruleset) -> None:
        for rule in ruleset:
            if rule.severity is Severity.INFO:
                assert rule.fix_level is None or rule.fix_level < Applicability.SAFE, rule.code

    def test_safe_fixes_of_heuristic_rules_remove_a_few_prose_words_at_most(self, ruleset) -> None:
        for rule in ruleset:
            if rule.fix_level is not Applicability.SAFE:
                continue
            stays_safe = False
            for example in rule.bad:
                for finding in lint(example.text, ruleset, only(rule.code)):
                    if finding.fix is None or finding.fix.applicability is not Applicability.SAFE:
                        continue
                    stays_safe = True
                    if not rule.exact_match:
                        assert prose_removed(example.text, finding.fix) <= FEW_WORDS, (rule.code, example.text)
            assert stays_safe, f"{rule.code}: no bad example keeps a safe fix; rate the rule's fix unsafe"

    def test_exact_match_rules_are_the_reviewed_ones(self, ruleset) -> None:
        assert {rule.code for rule in ruleset if rule.exact_match} == EXACT_MATCH


HEURISTIC_PACK = """
[[rule]]
code = "HS301"
name = "promo-paragraph"
kind = "boilerplate"
check = "pattern"
scope = "whole-paragraph"
pattern = '''(?i)(?=.*\\bnewsletter\\b).*'''
replacement = ""
severity = "{severity}"
fix = "safe"
message = "A promotion."
why = "A paragraph that mentions the newsletter is taken to be a promotion; that is a guess."
good = ["Text."]
[[rule.bad]]
text = "Text.\\n\\nOur newsletter"
flagged = "Our newsletter"
fixed = "Text."
"""


class TestPolicyOnUserPacks:
    def test_an_info_rule_with_a_safe_fix_does_not_load(self) -> None:
        with pytest.raises(RulesetError, match="HS301: an info rule's fix is unsafe at most"):
            parse_pack("house.toml", HEURISTIC_PACK.format(severity="info"))

    def test_a_heuristic_deletion_of_a_sentence_is_unsafe_there(self) -> None:
        rules = Ruleset(tuple(parse_pack("house.toml", HEURISTIC_PACK.format(severity="warning"))))
        short, long = "Text.\n\nOur newsletter", "Text.\n\nThe mayor said the town newsletter would close after forty years."
        assert [d.fix.applicability for d in lint(short, rules)] == [Applicability.SAFE]
        assert [d.fix.applicability for d in lint(long, rules)] == [Applicability.UNSAFE]

    def test_a_severity_override_to_info_takes_the_safe_fix_away(self, ruleset) -> None:
        config = LintConfig(selection=Selection(select=("NL101",)), severity={"NL101": Severity.INFO})
        (finding,) = lint("It ended. .", ruleset, config)
        assert finding.severity is Severity.INFO and finding.fix.applicability is Applicability.UNSAFE


MAYOR = "The mayor opened a new cafÃ© on the high street on Tuesday, officials said.\n\nIt will employ twenty people from the town.\n"


class TestMojibakeIsNotASymbol:
    def test_the_issue_example_keeps_both_paragraphs(self, tmp_path: Path, capsys) -> None:
        path = tmp_path / "m.txt"
        path.write_text(MAYOR, encoding="utf-8")
        run(capsys, "check", "--isolated", "--fix", str(path))
        assert path.read_text(encoding="utf-8") == MAYOR.replace("cafÃ©", "café")

    def test_copyright_rule_ignores_the_copyright_sign_inside_mojibake(self, ruleset) -> None:
        assert [d.code for d in lint(MAYOR, ruleset)] == ["NL601"]
        assert [d.code for d in lint("Text.\n\n© 2019 Example Media. All rights reserved.\n", ruleset, only("NL311"))] == ["NL311"]

    def test_a_symbol_that_survives_the_repair_still_counts(self, ruleset) -> None:
        # The damaged word is repaired to "café"; the real © of the notice is still there.
        text = "Text.\n\n© 2019 CafÃ© Media. All rights reserved.\n"
        assert [d.code for d in lint(text, ruleset, only("NL311"))] == ["NL311"]


def finding(code: str, severity: Severity, start: int, end: int, replacement: str, level: Applicability) -> Diagnostic:
    fix = Fix((Edit(Span(start, end), replacement),), level, "fix")
    return Diagnostic(code, code.lower(), "boilerplate", severity, "m", Span(start, end), fix)


class TestOverlappingFixes:
    TEXT = "Intro.\n\nA cafÃ© line.\n"

    def test_the_more_severe_narrow_fix_goes_first(self) -> None:
        broad = finding("NL900", Severity.INFO, 6, 22, "", Applicability.SAFE)
        narrow = finding("NL901", Severity.ERROR, 10, 15, "café", Applicability.SAFE)
        result = apply_fixes(self.TEXT, [broad, narrow])
        assert result.text == "Intro.\n\nA café line.\n" and result.applied == (narrow,)

    def test_a_broad_fix_waits_while_a_more_severe_fix_inside_it_is_held_back(self) -> None:
        broad = finding("NL900", Severity.WARNING, 6, 22, "", Applicability.SAFE)
        narrow = finding("NL901", Severity.ERROR, 10, 15, "café", Applicability.UNSAFE)
        assert apply_fixes(self.TEXT, [broad, narrow]).text == self.TEXT
        assert apply_fixes(self.TEXT, [broad, narrow], Applicability.UNSAFE).applied == (narrow,)

    def test_a_narrow_fix_inside_a_more_severe_held_one_swallows_nothing(self) -> None:
        broad = finding("NL900", Severity.ERROR, 6, 22, "", Applicability.UNSAFE)
        narrow = finding("NL901", Severity.WARNING, 10, 15, "café", Applicability.SAFE)
        assert apply_fixes(self.TEXT, [broad, narrow]).applied == (narrow,)

    def test_a_less_severe_fix_inside_does_not_hold_a_broad_one(self) -> None:
        broad = finding("NL900", Severity.ERROR, 6, 22, "", Applicability.SAFE)
        narrow = finding("NL901", Severity.INFO, 10, 15, "café", Applicability.UNSAFE)
        assert apply_fixes(self.TEXT, [broad, narrow]).text == "Intro."


# --- real news: --fix (safe only) changes almost nothing --------------------------------------

SHARED = Path(os.environ.get("NEWSLINT_SHARED", Path(__file__).resolve().parents[2] / "shared"))
WORD = regex.compile(r"\w+")
#: Files of each corpus checked per run (the whole clean corpus takes minutes); fixed seed.
SAMPLE = 60


def removed_sentences(original: str, fixed: str) -> list[Span]:
    """Sentences of ``original`` none of whose words is left in ``fixed`` (compared word by word, any case).

    A sentence is prose: more than ``FEW_WORDS`` prose words (a dateline or a credit is not one).
    """
    before = [(m.group().casefold(), m.start()) for m in WORD.finditer(original)]
    after = [m.group().casefold() for m in WORD.finditer(fixed)]
    matcher = difflib.SequenceMatcher(None, [w for w, _ in before], after, autojunk=False)
    kept = {i for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}
    starts = [start for _, start in before]
    gone = []
    for sentence in Document(original).sentences:
        inside = range(bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end))
        prose = sum(prose_words(original[sentence.start : sentence.end]).values()) > FEW_WORDS
        if prose and not any(i in kept for i in inside):
            gone.append(sentence)
    return gone


def changed_characters(original: str, fixed: str) -> int:
    """Characters replaced, deleted or inserted: lines aligned first, then the characters of changed lines."""
    old, new = original.splitlines(keepends=True), fixed.splitlines(keepends=True)
    changed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            chars = difflib.SequenceMatcher(None, "".join(old[i1:i2]), "".join(new[j1:j2]), autojunk=False)
            changed += sum(max(b - a, d - c) for op, a, b, c, d in chars.get_opcodes() if op != "equal")
    return changed


def corpus_files(kind: str, pattern: str) -> list[Path]:
    folder = SHARED / "corpus" / kind
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent (the shared corpora sit beside the repository; set NEWSLINT_SHARED)")
    files = sorted(folder.glob(pattern))
    return sorted(random.Random(14).sample(files, min(SAMPLE, len(files))))


@pytest.mark.parametrize(("kind", "pattern"), [("clean", "*.txt"), ("scraped", "*.truth.txt")])
def test_safe_fixes_on_clean_news_change_almost_nothing(kind: str, pattern: str) -> None:
    ruleset = load_ruleset()
    total = changed = 0
    for path in corpus_files(kind, pattern):
        original = path.read_text(encoding="utf-8")
        fixed = fix_text(original, ruleset).text
        total += len(original)
        changed += changed_characters(original, fixed)
        errors = [d.span for d in lint(original, ruleset) if d.severity is Severity.ERROR]
        for sentence in removed_sentences(original, fixed):
            assert any(e.start < sentence.end and sentence.start < e.end for e in errors), (path.name, original[sentence.start : sentence.end])
    assert changed / total < 0.001, f"{changed} of {total} characters changed"


def test_block_tags_closing_or_opening_are_unsafe_to_delete(ruleset) -> None:
    # "</p><p>" between sentences needs a line break, not nothing: neither tag may go by --fix alone,
    # and `newslint rule NL611` must say that part of its fix is unsafe.
    text = "He left.</p><p>She stayed. The <em>mayor</em> spoke."
    fixes = {text[d.span.start : d.span.end]: d.fix.applicability for d in lint(text, ruleset, only("NL611"))}
    assert fixes == {"</p>": Applicability.UNSAFE, "<p>": Applicability.UNSAFE, "<em>": Applicability.SAFE, "</em>": Applicability.SAFE}
    assert "unsafe" in fix_description(ruleset.get("NL611"))


def test_a_credit_glued_without_a_space_goes_whole_with_fix(ruleset) -> None:
    # NL103 first spaces "night.Photo", then NL303 deletes " Photo: …/Reuters" with its space: no
    # trailing space is left behind, and the credit is not locked into the article.
    text = "Crews worked through the night.Photo: Anna Reed/Reuters\n\nMore text came later.\n"
    assert fix_text(text, ruleset).text == "Crews worked through the night.\n\nMore text came later.\n"
