"""Markdown mode: only the prose is linted, offsets stay those of the file, control comments, --stdin-filename."""

from __future__ import annotations

import io
import json
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter import Applicability, lint
from linter.apply import fix_text
from linter.selection import LintConfig

from .conftest import run

MARKDOWN = LintConfig(markdown=True)


def codes(text: str, ruleset) -> list[tuple[str, str]]:
    """(code, flagged text) of each finding in Markdown mode."""
    return [(d.code, text[d.span.start : d.span.end]) for d in lint(text, ruleset, MARKDOWN)]


class TestOnlyProse:
    def test_inline_code_is_neither_flagged_nor_fixed(self, ruleset) -> None:
        text = "Run `pip install .` in the checkout, and see `kyiv` in the code.\n"
        assert codes(text, ruleset) == []
        assert fix_text(text, ruleset, MARKDOWN).text == text

    def test_prose_around_code_keeps_its_findings_at_the_offsets_of_the_file(self, ruleset) -> None:
        text = "Set `mode = kyiv` first.\n\nThey met in kyiv. .\n"
        found = lint(text, ruleset, MARKDOWN)
        assert [(d.code, d.span.start) for d in found] == [("NL201", text.rindex("kyiv")), ("NL101", text.rindex(" ."))]
        assert fix_text(text, ruleset, MARKDOWN).text == "Set `mode = kyiv` first.\n\nThey met in Kyiv.\n"

    def test_code_blocks_fenced_and_indented_are_skipped(self, ruleset) -> None:
        text = "Intro.\n\n```\nkyiv  .. x\n\n\n\nmore\n```\n\n    kyiv ,, indented\n\nEnd in kyiv.\n"
        assert codes(text, ruleset) == [("NL201", "kyiv")]
        assert fix_text(text, ruleset, MARKDOWN).text == text.replace("End in kyiv", "End in Kyiv")

    def test_tables_lint_their_cells_but_not_their_pipes_and_padding(self, ruleset) -> None:
        text = "| City   | Country |\n|--------|:-------:|\n| kyiv   | Ukraine |\n| Paris  | France  |\n"
        assert codes(text, ruleset) == [("NL201", "kyiv")]
        assert fix_text(text, ruleset, MARKDOWN).text == text.replace("kyiv", "Kyiv")

    def test_images_html_and_link_targets_are_not_prose_but_link_text_is(self, ruleset) -> None:
        text = (
            "![Waves in kyiv](waves.jpg)\n\n"
            '<div class="note">\nan  html  block\n</div>\n\n'
            "See [the report on kyiv](https://example.com/a..b) and <span>this</span>.\n\n"
            "[ref]: https://example.com/x..y\n"
        )
        assert codes(text, ruleset) == [("NL201", "kyiv")]
        assert fix_text(text, ruleset, MARKDOWN).text == text.replace("report on kyiv", "report on Kyiv")

    def test_markers_of_headings_lists_and_quotes_are_not_prose(self, ruleset) -> None:
        text = "## Talks in kyiv ##\n\n> Quoted in moscow.\n\n- first item in kyiv\n  continued.\n"
        assert codes(text, ruleset) == [("NL201", "kyiv"), ("NL201", "moscow"), ("NL201", "kyiv")]
        assert fix_text(text, ruleset, MARKDOWN).text == text.replace("kyiv", "Kyiv").replace("moscow", "Moscow")

    def test_hard_break_spaces_are_syntax_but_other_trailing_space_is_not(self, ruleset) -> None:
        text = "A line with a hard break.  \nThe next one ends in a space. \n"
        assert codes(text, ruleset) == [("NL107", " ")]
        assert lint(text, ruleset, MARKDOWN)[0].span.start == text.rindex(" \n")

    def test_the_masked_text_keeps_length_and_line_breaks(self) -> None:
        from linter.markdown import mask_markdown

        text = "---\ntitle: x\n---\r\n# Head\r\n\r\nUse `a\r\nb` and [it](u).\r\n\r\n| a | b |\r\n|---|---|\r\n"
        masked = mask_markdown(text)
        assert len(masked.text) == len(text)
        assert [i for i, c in enumerate(masked.text) if c in "\r\n"] == [i for i, c in enumerate(text) if c in "\r\n"]
        assert masked.text.startswith("   \n        \n   \r\n  Head\r\n\r\nUse xx\r\nxx and  it    .\r\n")

    def test_plain_text_is_unchanged(self, ruleset) -> None:
        text = "Run `pip install .` in kyiv.\n"
        assert [d.code for d in lint(text, ruleset)] == ["NL102", "NL201"]


class TestControlComments:
    def test_disable_next_line_and_disable_line(self, ruleset) -> None:
        text = (
            "<!-- newslint-disable-next-line NL201 -->\nMet in kyiv. .\n\n"
            "Also in kyiv. . <!-- newslint-disable-line -->\n\n"
            "<!-- newslint-disable-next-line lowercase-proper-noun, NL101 -->\nThen in kyiv. .\n\n"
            "Finally in kyiv.\n"
        )
        found = [(d.code, text.count("\n", 0, d.span.start) + 1) for d in lint(text, ruleset, MARKDOWN)]
        assert found == [("NL101", 2), ("NL201", 9)]

    def test_regions_still_work(self, ruleset) -> None:
        text = "<!-- newslint-disable NL201 -->\nMet in kyiv.\n<!-- newslint-enable -->\n\nThen in kyiv.\n"
        assert [text.count("\n", 0, d.span.start) + 1 for d in lint(text, ruleset, MARKDOWN)] == [5]


@pytest.mark.usefixtures("in_tmp")
class TestStdinFilename:
    TEXT = "Run `pip install .` in kyiv.\n"

    def check(self, monkeypatch, capsys, *argv: str) -> list[dict]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(self.TEXT.encode())))
        code, out, err = run(capsys, "check", "--format", "json", *argv)
        assert code in (0, 1), err
        return json.loads(out)

    def test_the_name_picks_markdown_mode_and_is_the_path_shown(self, monkeypatch, capsys) -> None:
        found = self.check(monkeypatch, capsys, "-", "--stdin-filename", "docs/story.md")
        assert [(f["path"], f["code"]) for f in found] == [("docs/story.md", "NL201")]

    def test_without_a_path_stdin_is_read(self, monkeypatch, capsys) -> None:
        assert [f["code"] for f in self.check(monkeypatch, capsys, "--stdin-filename", "story.txt")] == ["NL102", "NL201"]

    def test_the_name_picks_per_file_ignores(self, tmp_path, monkeypatch, capsys) -> None:
        (tmp_path / "newslint.toml").write_text('[per-file-ignores]\n"wire/*.md" = ["NL201"]\n')
        assert self.check(monkeypatch, capsys, "-", "--stdin-filename", "wire/story.md") == []


#: Markup holding damage that the prose rules would fix, and prose that is damaged itself.
MARKUP = ["`pip install .`", "`kyiv`", "`a  b ,c`", "![Waves in kyiv](waves..jpg)", "<span title=\"kyiv ,\">", "<https://example.com/a..b>"]
PROSE = ["They met in kyiv. .", "Then,, they left.", "the the end", "Mr Putin and Mr. Putin", "a  gap", "Caption"]


@st.composite
def markdown_articles(draw) -> str:
    """Paragraphs, list items, quotes and table rows mixing damaged prose with damaged-looking markup."""
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        words = " ".join(draw(st.lists(st.sampled_from(MARKUP + PROSE), min_size=1, max_size=5)))
        kind = draw(st.sampled_from(["", "- ", "> ", "## ", "table", "link"]))
        if kind == "table":
            blocks.append(f"| {words} | x |\n|---|---|\n| {draw(st.sampled_from(MARKUP))} | y |")
        elif kind == "link":
            blocks.append(f"See [{words}](https://example.com/x..y \"t ,\") now.")
        else:
            blocks.append(kind + words)
    return "\n\n".join(blocks) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(markdown_articles())
def test_fixes_never_touch_markup(ruleset, text: str) -> None:
    fixed = fix_text(text, ruleset, MARKDOWN, Applicability.UNSAFE).text
    for piece in [*MARKUP, '(https://example.com/x..y "t ,")', "|---|---|"]:
        assert fixed.count(piece) == text.count(piece), piece
