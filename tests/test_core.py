"""The pure core: spans, line index, fixes, the lint-fix loop, segments and selection."""

from __future__ import annotations

import pytest

from linter import Applicability, Diagnostic, Edit, Fix, LineIndex, LintConfig, Severity, Span, apply_fixes, fix_text, lint
from linter.apply import FixLoopError
from linter.segments import Document
from linter.selection import Selection, SelectionError


def diag(start: int, end: int, replacement: str, level: Applicability = Applicability.SAFE, code: str = "NL999") -> Diagnostic:
    fix = Fix((Edit(Span(start, end), replacement),), level, "t")
    return Diagnostic(code, "x", "punctuation", Severity.ERROR, "m", Span(start, end), fix)


class TestLineIndex:
    def test_lf_crlf_and_cr_are_one_break_each(self) -> None:
        index = LineIndex("ab\r\ncd\ref\ngh")
        assert [index.position(o) for o in (0, 4, 7, 10, 12)] == [(1, 1), (2, 1), (3, 1), (4, 1), (4, 3)]

    def test_bom_is_not_a_column(self) -> None:
        assert LineIndex("\ufeffab").position(2) == (1, 2)

    def test_astral_characters_count_once(self) -> None:
        index = LineIndex("😀 kyiv")
        assert index.position(2) == (1, 3)

    def test_offset_outside_text_is_rejected(self) -> None:
        with pytest.raises(ValueError):
            LineIndex("abc").position(4)


class TestApply:
    def test_edits_apply_and_leave_the_rest(self) -> None:
        result = apply_fixes("a. . b", [diag(2, 4, "")])
        assert result.text == "a. b"
        assert len(result.applied) == 1

    def test_overlapping_fix_is_skipped_not_merged(self) -> None:
        result = apply_fixes("abcdef", [diag(1, 4, "X"), diag(3, 5, "Y")])
        assert result.text == "aXef"
        assert [d.span for d in result.remaining] == [Span(3, 5)]

    def test_below_threshold_stays(self) -> None:
        result = apply_fixes("abc", [diag(0, 1, "X", Applicability.UNSAFE)])
        assert result.text == "abc" and len(result.remaining) == 1
        assert apply_fixes("abc", [diag(0, 1, "X", Applicability.UNSAFE)], Applicability.UNSAFE).text == "Xbc"

    def test_display_only_is_never_applied(self) -> None:
        assert apply_fixes("abc", [diag(0, 1, "X", Applicability.DISPLAY_ONLY)], Applicability.DISPLAY_ONLY).text == "Xbc"
        assert apply_fixes("abc", [diag(0, 1, "X", Applicability.DISPLAY_ONLY)], Applicability.UNSAFE).text == "abc"

    def test_insertions_at_one_point_collide(self) -> None:
        assert Span(2, 2).overlaps(Span(2, 2))
        assert not Span(2, 2).overlaps(Span(2, 4))

    def test_fix_loop_settles(self, ruleset) -> None:
        result = fix_text("They met in kyiv. . Then,, they left.", ruleset)
        assert result.text == "They met in Kyiv. Then, they left."
        assert not [d for d in result.remaining if d.fixable(Applicability.SAFE)]

    def test_fix_loop_that_never_settles_names_the_codes(self, ruleset, monkeypatch) -> None:
        import linter.apply as apply_module

        def flip(text, _ruleset, _config, _language=None, _source=None):
            return [diag(0, 1, "b" if text[0] == "a" else "a", code="NL123")]

        monkeypatch.setattr(apply_module, "lint", flip)
        with pytest.raises(FixLoopError, match="NL123"):
            apply_module.fix_text("abc", ruleset)


class TestSegments:
    @pytest.mark.parametrize(
        "text",
        [
            "Officials in the U.S. said so on Friday.",
            "Mr. Smith met Dr. Jones.",
            "Send it to No. 10 Downing Street now.",
            "Use tools, e.g. hammers, for this.",
            "Growth was 3.5 per cent this year.",
            "See bbc.co.uk or https://example.com/a.b for more.",
        ],
    )
    def test_not_sentence_ends(self, text: str) -> None:
        assert len(Document(text).sentences) == 1

    def test_sentence_ends(self) -> None:
        doc = Document("He left. She stayed in the U.S. The next day it rained!")
        assert [doc.text[s.start : s.end] for s in doc.sentences] == [
            "He left.",
            "She stayed in the U.S.",
            "The next day it rained!",
        ]

    def test_paragraphs_one_per_line_or_blank_separated(self) -> None:
        doc = Document("First paragraph here.\nSecond one.\n\nThird.\n")
        assert [doc.text[p.start : p.end] for p in doc.paragraphs] == ["First paragraph here.", "Second one.", "Third."]

    def test_quotes(self) -> None:
        doc = Document('He said "we agree" and left. “Fine,” she said.')
        assert [doc.text[q.start : q.end] for q in doc.quotes] == ['"we agree"', "“Fine,”"]

    def test_paragraphs_with_a_gate_word_in_any_case(self) -> None:
        doc = Document("Accept our COOKIES.\n\nThe council met.\n\nCookie policy")
        assert [doc.text[p.start : p.end] for p in doc.paragraphs_with(("cookie",))] == ["Accept our COOKIES.", "Cookie policy"]
        assert doc.mentions(("cookie",)) and not doc.mentions(("javascript",))
        assert doc.paragraphs_with(("javascript",)) == []

    def test_gate_looks_everywhere_when_lower_case_changes_offsets(self) -> None:
        # "İ" lowers to two characters, so offsets into the lowered text would drift.
        doc = Document("İstanbul.\n\nThe council met.")
        assert doc.lowered is None
        assert doc.paragraphs_with(("javascript",)) == doc.paragraphs
        assert doc.mentions(("javascript",))


class TestSelection:
    def test_prefix_name_and_specificity(self, ruleset) -> None:
        config = LintConfig(selection=Selection(select=("NL1",), ignore=("double-period",)))
        codes = {d.code for d in lint("Hi. . there,,  now", ruleset, config)}
        assert codes == {"NL105", "NL106"}
        assert {r.code for r in Selection(select=("NL101",), ignore=("NL1",)).apply(ruleset)} == {"NL101"}
        assert {r.code for r in Selection(select=("NL1",), ignore=("NL101",)).apply(ruleset)} == {r.code for r in ruleset if r.code.startswith("NL1")} - {"NL101"}
        assert {r.code for r in Selection(select=("NL1",), ignore=("NL10",), extend_select=("NL101",)).apply(ruleset)} >= {"NL101"}

    def test_unknown_selector_is_an_error(self, ruleset) -> None:
        with pytest.raises(SelectionError):
            Selection(select=("NL000",)).validate(ruleset)

    def test_severity_override(self, ruleset) -> None:
        config = LintConfig(severity={"NL101": Severity.INFO})
        [finding] = [d for d in lint("West. .", ruleset, config) if d.code == "NL101"]
        assert finding.severity is Severity.INFO
