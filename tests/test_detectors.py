"""Coded detectors and the artifact rules, on short texts written for these tests."""

from __future__ import annotations

from dataclasses import replace

import pytest

from linter import Applicability, LintConfig, apply_fixes, fix_text, lint
from linter.mojibake import repair
from linter.checks.quality import measure
from linter.segments import Document
from linter.selection import Selection


def codes(text: str, ruleset, select: str) -> list[tuple[str, str]]:
    config = LintConfig(selection=Selection(select=(select,)))
    return [(d.code, text[d.span.start : d.span.end]) for d in lint(text, ruleset, config)]


BODY = "The talks resumed on Monday in the capital after a week of delays, officials said."


class TestNavigation:
    def test_menu_between_paragraphs_is_one_finding(self, ruleset) -> None:
        text = f"{BODY}\n\nNational\n\nWorld\n\nSport\n\n{BODY}"
        assert codes(text, ruleset, "NL312") == [("NL312", "National\n\nWorld\n\nSport")]

    def test_a_subheading_alone_is_not_a_menu(self, ruleset) -> None:
        assert codes(f"{BODY}\n\nWhat comes next\n\n{BODY}", ruleset, "NL312") == []

    def test_a_list_inside_one_block_is_article_text(self, ruleset) -> None:
        text = f"{BODY}\nBlue Origin, Kent\nSpaceX, Hawthorne\nCeres Robotics, Palo Alto"
        assert codes(text, ruleset, "NL312") == []

    def test_teasers_without_final_punctuation(self, ruleset) -> None:
        teaser = "Lawmakers in two cities want to cut ties with firms that import beef from abroad"
        other = "Scientists climb into the canopy to study how the giant trees adapt to long droughts"
        assert codes(f"{BODY}\n\n{teaser}\n\n{other}", ruleset, "NL312")[0][0] == "NL312"

    def test_fix_removes_the_block_and_keeps_the_layout(self, ruleset) -> None:
        text = f"{BODY}\r\n\r\nHome > News > World\r\n\r\n{BODY}\r\n"
        result = fix_text(text, ruleset, LintConfig(selection=Selection(select=("NL312",))), Applicability.UNSAFE)
        assert result.text == f"{BODY}\r\n\r\n{BODY}\r\n"


class TestDuplication:
    def test_exact_and_near_copies_have_unsafe_fixes(self, ruleset) -> None:
        para = "The minister said on Friday that the budget would be balanced by next spring."
        text = f"{para}\n\n{BODY}\n\n{para}\n\n{para.replace(',', '').replace('.', ' .')}"
        found = [d for d in lint(text, ruleset, LintConfig(selection=Selection(select=("NL701",))))]
        assert [d.fix.applicability for d in found] == [Applicability.UNSAFE, Applicability.UNSAFE]
        assert ["exactly" in d.message for d in found] == [True, False]

    def test_repeated_list_lines_are_not_prose(self, ruleset) -> None:
        line = "Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp. of olive oil."
        assert codes(f"{line}\n\nEat.\n\n{line}", ruleset, "NL701") == []


class TestEncoding:
    @pytest.mark.parametrize(
        ("damaged", "repaired"),
        [("cafÃ©", "café"), ("ministerâ€™s", "minister’s"), ("Ã©tÃ© Ã  Paris", "été à Paris")],
    )
    def test_mojibake_is_repaired(self, damaged: str, repaired: str) -> None:
        assert repair(damaged) == repaired

    @pytest.mark.parametrize("clean", ["It’s “fine” – really…", "ﬁne ＡＢＣ", "e\u0301", "Ünlü in İstanbul"])
    def test_clean_typography_is_kept(self, clean: str) -> None:
        assert repair(clean) == clean

    @pytest.mark.xfail(strict=True, reason="ftfy cannot restore a sequence whose last byte was lost")
    def test_truncated_sequence(self) -> None:
        assert repair("cafÃ") == "café"

    @pytest.mark.xfail(strict=True, reason="ftfy repairs Cyrillic mojibake only partly when bytes were dropped")
    def test_cyrillic_with_lost_bytes(self) -> None:
        assert repair("ĞœĞ¾ÑĞºĞ²Ğ°") == "Москва"

    def test_mojibake_findings_are_words(self, ruleset) -> None:
        text = "The ministerâ€™s visit to the cafÃ© ended."
        assert codes(text, ruleset, "NL601") == [("NL601", "ministerâ€™s"), ("NL601", "cafÃ©")]

    def test_entity_inside_escaped_tag_is_left_to_that_rule(self, ruleset) -> None:
        text = "A &lt;span class=x&gt; tag and AT&amp;T."
        assert codes(text, ruleset, "NL61") == [("NL612", "&lt;span class=x&gt;"), ("NL610", "&amp;")]

    def test_double_escaped_entity_settles_in_the_fix_loop(self, ruleset) -> None:
        assert fix_text("Procter &amp;amp; Gamble", ruleset).text == "Procter & Gamble"


class TestQuality:
    def test_measures(self) -> None:
        values = measure(Document("Home\nNews\nHome\nA full sentence that ends here.\n"))
        assert values["lines"] == 4
        assert values["duplicate_lines"] == pytest.approx(0.5)
        assert values["no_terminal"] == pytest.approx(0.75)

    def test_article_is_not_flagged_menu_is(self, ruleset) -> None:
        article = "\n\n".join(["Storm closes ports"] + [f"Paragraph {n} of the story, with its own detail, ends here." for n in range(6)])
        assert codes(article, ruleset, "NL720") == []
        finding = lint("Home\nNews\nSport\nHome\nNews\nWeather\n", ruleset, LintConfig(selection=Selection(select=("NL720",))))
        assert "duplicate lines" in finding[0].message and finding[0].span.start == 0

    def test_markdown_headings_tables_and_lists_are_layout_not_lines_of_a_menu(self, ruleset) -> None:
        """A Markdown story with a heading, a results table and a list reads as an article; the same
        short lines as plain paragraphs of a page still read as a menu."""
        story = (
            "# Council election results\n\nThe council published the final count on Monday evening.\n\n"
            "| Ward | Winner |\n| --- | --- |\n| North | A. Smith |\n| South | B. Jones |\n| East | C. Brown |\n\n"
            "- North: 1,204 votes\n- South: 987 votes\n  - of them 12 by post\n\n"
            "Turnout was 41 percent, the lowest since 2009.\n\nThe new council meets next week.\n"
        )
        selected = LintConfig(selection=Selection(select=("NL720",)))
        assert lint(story, ruleset, replace(selected, markdown=False))  # as plain text its short lines trip NL720
        assert lint(story, ruleset, replace(selected, markdown=True)) == []
        menu = "Home\n\nNews\n\nSport\n\nWeather\n\nContact us\n\nA story about the council.\n"
        assert lint(menu, ruleset, replace(selected, markdown=True))


class TestSeedLikeArticle:
    """The artifacts of a scraped article, in a text written for this test."""

    TEXT = (
        " date 2025-03-02 At the summit, the leaders signed a pact.\n\n"
        "Leaders inspect the honour guard (Ivan Petrov, Sputnik, Kremlin Pool Photo via AP)\n\n"
        f"{BODY}\n\n"
        "Advertisement\n\n"
        "Subscribe to our newsletters\n\n"
        f"{BODY.replace('Monday', 'Friday')}\n"
    )

    def test_each_artifact_is_flagged(self, ruleset) -> None:
        found = {d.code for d in lint(self.TEXT, ruleset)}
        assert {"NL320", "NL301", "NL304", "NL305"} <= found

    def test_safe_fixes_leave_the_article(self, ruleset) -> None:
        fixed = fix_text(self.TEXT, ruleset).text
        # A single leading space is not a finding (NL109 flags blank lines or two spaces and more).
        assert fixed == f" At the summit, the leaders signed a pact.\n\n{BODY}\n\n{BODY.replace('Monday', 'Friday')}\n"

    def test_clean_article_has_no_findings(self, ruleset) -> None:
        clean = f"At the summit, the leaders signed a pact.\n\n{BODY}\n"
        assert lint(clean, ruleset) == []
        assert apply_fixes(clean, lint(clean, ruleset)).text == clean
