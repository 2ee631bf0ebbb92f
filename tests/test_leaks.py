"""The paragraph leak model (linter.leaks) and its rule NL330: scores, severities, fixes, language gate."""

from __future__ import annotations

import json
from importlib import resources

from hypothesis import given, settings
from hypothesis import strategies as st

from linter import Severity, lint, load_ruleset
from linter.checks.leaks import leaked_lines
from linter.leaks import leak_probabilities, nonblank_lines
from linter.leaks.features import _DATE, _PHONE, _PRICE, _URL, NAMES, WORD, line_features, line_tokens
from linter.model import Applicability
from linter.segments import Document
from linter.selection import LintConfig, Selection

ARTICLE = (
    "The city council voted on Monday to close the old bridge over the river for repairs that will take most of next year.\n\n"
    "Engineers found cracks in two of its pillars during an inspection in the spring, and the council said it could not wait any longer.\n\n"
    "Drivers will have to use the ring road, which the council expects to add about ten minutes to the journey at peak times."
)
TEASERS = "\n\nMost Popular Stories\n\nTop 10 Budget Phones Of The Year | Tech\n\nLocal Bakery Wins National Award | Food"


def _rule():
    return next(rule for rule in load_ruleset() if rule.code == "NL330")


def test_teasers_after_the_article_score_high_and_its_prose_low() -> None:
    text = ARTICLE + TEASERS
    scores = {text[s:e]: p for s, e, p in leak_probabilities(text)}
    assert all(scores[line] < 0.3 for line in ARTICLE.split("\n\n"))
    assert scores["Top 10 Budget Phones Of The Year | Tech"] > 0.7
    assert scores["Local Bakery Wins National Award | Food"] > 0.7


def test_findings_are_boilerplate_with_a_score_and_an_unsafe_removal() -> None:
    text = ARTICLE + TEASERS
    assert not [d for d in lint(text, load_ruleset()) if d.code == "NL330"], "NL330 is in preview: off by default"
    preview = LintConfig(selection=Selection(preview=True))
    found = [d for d in lint(text, load_ruleset(), preview) if d.code == "NL330"]
    assert found
    for d in found:
        assert d.kind == "boilerplate" and d.severity == Severity.INFO
        assert d.score is not None and 0.7 <= d.score < 1
        assert d.fix is not None and d.fix.applicability == Applicability.UNSAFE
    assert "Local Bakery Wins National Award | Food" in {text[d.span.start : d.span.end] for d in found}


def test_a_line_above_the_warning_threshold_is_a_warning() -> None:
    text = ARTICLE + TEASERS
    options = {"threshold": 0.7, "warning_threshold": 0.7, "min_stop_share": 0.2, "min_words": 40}
    found = list(leaked_lines(Document(text), _rule(), options))
    assert found and all(d.severity == Severity.WARNING for d in found)


def test_text_in_another_language_is_not_scored() -> None:
    text = (
        "O conselho da cidade votou na segunda-feira para fechar a velha ponte sobre o rio para obras que vão durar quase todo o próximo ano.\n\n"
        "Os engenheiros encontraram fissuras em dois dos seus pilares durante uma inspeção na primavera, e o conselho disse que não podia esperar mais."
        + TEASERS
    )
    assert not [d for d in lint(text, load_ruleset()) if d.code == "NL330"]


def test_the_shipped_model_matches_the_features_and_holds_no_text() -> None:
    data = json.loads(resources.files("linter.leaks").joinpath("model.json").read_text(encoding="utf-8"))
    assert tuple(data["features"]) == NAMES
    assert set(data) == {"trained_on", "trees_depth", "features", "bias", "trees"}
    assert all(set(tree) == {"feature", "threshold", "left", "right", "value"} for tree in data["trees"])


def test_features_have_one_row_per_nonblank_line() -> None:
    text = "  \nFirst line here.\n\n\nSecond line\r\n"
    spans = nonblank_lines(text)
    assert [text[s:e] for s, e in spans] == ["First line here.", "Second line"]
    rows = line_features([text[s:e] for s, e in spans])
    assert len(rows) == 2 and all(len(row) == len(NAMES) for row in rows)


def test_scoring_gates_short_and_foreign_texts_on_the_lines_own_tokens() -> None:
    text = ARTICLE + TEASERS
    assert leak_probabilities(text, min_words=40, min_stop_share=0.2) == leak_probabilities(text)
    assert leak_probabilities(text, min_words=len(text.split()) + 10) == []
    assert leak_probabilities(text, min_stop_share=0.9) == []
    assert leak_probabilities("\n \n", min_words=0) == []


def test_features_from_given_tokens_equal_features_from_the_lines() -> None:
    lines = [line for line in (ARTICLE + TEASERS).split("\n") if line]
    assert line_features(lines, line_tokens(lines)) == line_features(lines)


_FRAGMENTS = st.sampled_from(
    ["Call", " (555) 123-4567", " 555.123.4567", " $5", " 5 USD", " 10 dollars", "€ 9", " www.", "Example", ".COM", " a@b.org",
     " HTTPS://x", " Sept 5", " may 12", " 10:30", " 1999", " 2021", " ſep 3", " K", " the", " and", " 42", ".", ":", " |", "\u212a"]
)


@given(st.lists(_FRAGMENTS, min_size=1, max_size=8).map("".join))
@settings(max_examples=300, deadline=None)
def test_cheap_gates_never_hide_a_pattern_match(line: str) -> None:
    """Each pattern feature equals the bare pattern's verdict: the gates in front of them only save time."""
    (row,) = line_features([line])
    digits = any(not w[0].isalpha() for w in WORD.findall(line))
    at = {name: row[NAMES.index(name)] for name in ("price", "phone", "url", "date")}
    assert at["price"] == float(digits and bool(_PRICE.search(line)))
    assert at["phone"] == float(digits and bool(_PHONE.search(line)))
    assert at["url"] == float(("." in line or "@" in line) and bool(_URL.search(line)))
    assert at["date"] == float(digits and bool(_DATE.search(line)))
