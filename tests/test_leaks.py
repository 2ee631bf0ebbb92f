"""The paragraph leak model (linter.leaks) and its rule NL330: scores, severities, fixes, language gate."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from linter import Severity, lint, load_ruleset
from linter.checks.leaks import leaked_lines
from linter.leaks import leak_probabilities, nonblank_lines
from linter.leaks.features import _DATE, _PHONE, _PRICE, _URL, NAMES, WORD, line_features, line_tokens
from linter.leaks.span import article_span, flagged_lines
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
    # Well under the 0.93 from which a line inside the article's span is flagged (the third shares
    # only "council" with the others' words, so the model is less sure of it).
    assert all(scores[line] < 0.4 for line in ARTICLE.split("\n\n"))
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
    options = {"threshold": 0.7, "edge_threshold": 0.7, "span_bias": 1.0, "span_clip": 4.0, "min_span_share": 0.5, "warning_threshold": 0.7, "min_stop_share": 0.2, "min_words": 40}
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


def test_relation_features_see_repeats_the_article_s_words_and_address() -> None:
    """A line said twice, a teaser sharing no word with the article's prose, and a line that
    addresses the reader are told apart from the article's own lines."""
    body = ARTICLE.split("\n\n")
    lines = ["Sign up for our newsletter and get your daily briefing", *body, "Local Bakery Wins National Award", "Sign up for our newsletter and get your daily briefing"]
    rows = line_features(lines)
    at = {name: [row[NAMES.index(name)] for row in rows] for name in ("repeated", "core_overlap", "person_share")}
    assert at["repeated"] == [1.0, 0.0, 0.0, 0.0, 0.0, 1.0]
    assert at["core_overlap"][4] == 0.0 and min(at["core_overlap"][1:4]) > 0  # "council" is in every line of the article
    assert at["person_share"][0] > 0.1 and at["person_share"][1:5] == [0.0] * 4


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


def test_the_article_span_keeps_a_list_inside_and_leaves_the_edges_out() -> None:
    """A headline above and teasers below fall outside the span; a list in the middle stays inside it."""
    probabilities = [0.95, 0.05, 0.02, 0.9, 0.92, 0.9, 0.03, 0.04, 0.96, 0.97]
    assert article_span(probabilities, bias=1.0, clip=4.0) == (1, 7)
    flags = flagged_lines(probabilities, threshold=0.93, edge_threshold=0.1, bias=1.0, clip=4.0)
    assert flags == [True, False, False, False, False, False, False, False, True, True]
    # The clip caps what one leak-like line costs: without it two very leak-like lines split the article.
    assert article_span([0.01, 0.01, 0.9999, 0.9999, 0.01, 0.01], bias=1.0, clip=4.0) == (0, 5)
    assert article_span([0.01, 0.01, 0.9999, 0.9999, 0.01, 0.01], bias=1.0, clip=50.0) == (0, 1)
    # A plain threshold (the same one inside and out) flags the list.
    assert flagged_lines(probabilities, 0.9, 0.9, 1.0, 4.0) == [p >= 0.9 for p in probabilities] != flags
    assert article_span([], 1.0, 4.0) == (0, -1) and flagged_lines([], 0.9, 0.1, 1.0, 4.0) == []


def test_a_span_with_too_few_of_the_words_is_not_trusted() -> None:
    """An article that is mostly its own long list (a meal plan) leaves a short span: its lines
    outside it are then flagged from the high threshold only, not the low edge threshold."""
    probabilities = [0.05, 0.02, 0.8, 0.85, 0.9, 0.95, 0.8, 0.85]
    words = [30, 25, 5, 6, 5, 4, 6, 5]
    assert article_span(probabilities, bias=1.0, clip=4.0) == (0, 1)
    trusting = flagged_lines(probabilities, 0.93, 0.1, 1.0, 4.0, words, 0.0)
    assert trusting == [False, False, True, True, True, True, True, True]
    assert flagged_lines(probabilities, 0.93, 0.1, 1.0, 4.0, words, 0.5) == trusting  # the span holds 55 of 86 words
    assert flagged_lines(probabilities, 0.93, 0.1, 1.0, 4.0, words, 0.7) == [p >= 0.93 for p in probabilities]
    assert flagged_lines(probabilities, 0.93, 0.1, 1.0, 4.0) == trusting


def test_nl330_flags_the_edges_but_not_a_list_inside_the_article() -> None:
    items = "\n\nNorth Bridge: closed\n\nSouth Bridge: open until June\n\nRing Road: delays at peak times\n\n"
    first, rest = ARTICLE.split("\n\n", 1)
    text = "Bridge Closure Announced\n\n" + first + items + rest + TEASERS
    preview = LintConfig(selection=Selection(preview=True))
    flagged = {text[d.span.start : d.span.end] for d in lint(text, load_ruleset(), preview) if d.code == "NL330"}
    assert {"Bridge Closure Announced", "Top 10 Budget Phones Of The Year | Tech", "Local Bakery Wins National Award | Food"} <= flagged
    assert not flagged & {"North Bridge: closed", "South Bridge: open until June", "Ring Road: delays at peak times"}


def test_benchmark_truth_counts_wrapped_lines_and_spacing_glitches_as_article() -> None:
    """The leak labels of benchmarks/quality.py: matcher artefacts are article text, menu words are leaks."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from quality import Truth, normalise

    truth = Truth(
        "Photos released online show the actress looking stunning in new make-up photos.\n"
        "Nothing was left but bitterness after the family fell out over the will.\n"
        "Ticketing\nwww.example-theatre.com\n"
        + " ".join(f"word{i}" for i in range(30))
    )
    lines = [
        "Photos released online show the actress looking stunning in new",  # wrapped by the extractor
        "make-up photos.",
        "Nothing was left butbitterness after the family fell out over the will.",  # a word glued
        "Ticketing www.example-theatre.com",  # two short truth lines on one
        " ".join(f"word{i}" for i in range(30) if i != 12),  # the truth lost nothing but one word here
        "Share",
        "Photos",  # a menu entry beside a short line: not a wrapped paragraph
        "Related stories",
    ]
    assert truth.line_labels([normalise(line) for line in lines]) == [False, False, False, False, False, True, True, True]
    assert not truth.holds(normalise("make-up photos.")) and truth.holds(normalise("Ticketing"))


def test_benchmark_names_the_furniture_lines_the_truth_keeps() -> None:
    """``--leak-cv`` also reports its figures without the credit and copyright lines some truths keep."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from quality import TRUTH_KEPT_FURNITURE

    kept = ["© Example Wire", "(Reporting by A. Writer; Editing by B. Editor)", "Copyright 2020 Example News. All rights reserved.",
            "Additional reporting by C. Writer", "Follow Example News on Facebook and Twitter.",
            "The views and opinions expressed in the article do not necessarily reflect those of Example."]
    prose = ["The court heard that the copyright of the song had passed to his daughter.", "Reporters followed the minister on foot."]
    assert all(TRUTH_KEPT_FURNITURE.search(line) for line in kept)
    assert not any(TRUTH_KEPT_FURNITURE.search(line) for line in prose)


def test_benchmark_shows_each_folds_recall_of_the_nested_choice() -> None:
    """``--leak-cv`` prints the nested recall of each fold: with 81 pages one page can decide a fold."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from collections import Counter

    from quality import fold_spread

    folds = [
        {"bs4p": Counter(hits=4, leaks=5), "trafilatura": Counter()},
        {"bs4p": Counter(hits=1, leaks=2), "trafilatura": Counter(hits=1, leaks=3)},
    ]
    assert fold_spread(folds, ["bs4p", "trafilatura"]) == ["80 50", "- 33"]
