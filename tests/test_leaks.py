"""The paragraph leak model (linter.leaks) and its rule NL330: scores, severities, fixes, language gate."""

from __future__ import annotations

import json
from importlib import resources

from linter import Severity, lint, load_ruleset
from linter.checks.leaks import leaked_lines
from linter.leaks import leak_probabilities, nonblank_lines
from linter.leaks.features import NAMES, line_features
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
