"""Line-anchored patterns are tried only at line starts, and find exactly what ``finditer`` finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import load_ruleset
from linter.bounded import compile_pattern, finditer_spans
from linter.checks.line_start import line_anchored, line_matches
from linter.model import Span
from linter.segments import Document

RULESET = load_ruleset()
ANCHORED = [rule for rule in RULESET if getattr(rule.check, "line_anchored", False)]
PIECES = sorted({e.text[i : i + n] for r in ANCHORED for e in (*r.bad, *r.good) for i in range(0, len(e.text), 4) for n in (2, 7, 15)})
BREAKS = list("\n\r\t \x0b\x0c\x1c\x85\u2028\u2029") + ["\r\n", "  ", "\n\n"]
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(BREAKS), st.characters(blacklist_categories=("Cs",))), max_size=50).map("".join)


@pytest.mark.parametrize(
    ("pattern", "anchored"),
    [
        (r"(?x)(?<=^[\x20\t]*)(?P<m>a|b)[|\s]+", True),
        (r"^Updated:\s", True),
        (r"(?i)^(?:a|b)c", True),
        (r"^a|b", False),  # the second branch is not anchored
        ("(?x)(?<=^[\\x20\\t]*)a # comment | b\n", True),
        (r"a^", False),
        (r"(?<=^\s*)a", False),  # another look-behind: not recognised
        (r"^[|]a", True),
        (r"^[]|]a|", False),
        (r"^(a", False),
    ],
)
def test_which_patterns_are_line_anchored(pattern: str, anchored: bool) -> None:
    assert line_anchored(pattern) is anchored


def test_nl320_is_tried_only_at_line_starts() -> None:
    assert "NL320" in {rule.code for rule in ANCHORED}


@settings(max_examples=300, deadline=None)
@given(rule=st.sampled_from(ANCHORED), text=TEXTS, cut=st.integers(0, 60))
def test_same_matches_as_finditer(rule, text: str, cut: int) -> None:
    """Over the document's chunks and over spans starting anywhere (inside a line, in its blanks)."""
    pattern = rule.check.pattern
    doc = Document(text)
    spans_list = [doc.chunks, [Span(min(cut, len(text)), len(text))], [Span(p.start, p.end) for p in doc.paragraphs]]
    for spans in spans_list:
        expected = [(m.span(), m.groupdict()) for m in finditer_spans(pattern, text, spans)]
        assert [(m.span(), m.groupdict()) for m in line_matches(pattern, text, spans)] == expected


def test_an_empty_match_falls_back_to_finditer() -> None:
    pattern = compile_pattern(r"^[\x20\t]*")
    text = "a\n  b\n\nc  \n"
    spans = [Span(0, len(text))]
    assert [m.span() for m in line_matches(pattern, text, spans)] == [m.span() for m in finditer_spans(pattern, text, spans)]
