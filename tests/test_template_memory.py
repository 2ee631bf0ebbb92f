"""Pass 2 of a corpus run takes the line keys pass 1 computed for the same document (issue 16:
the template rule fingerprinted every short line a second time), and findings never depend on it."""

from __future__ import annotations

import pytest

from linter.templates import remembered
from linter.templates.fingerprint import candidate_lines, key, line_triples, source_key

TEXT = "Home | World | Sport\nThe council met on Tuesday.\n\n© 2024 Site. All rights reserved.\n"


def _expected(source: str, text: str) -> list[int]:
    return [value for start, end, line in candidate_lines(text) for value in (start, end, key(source, line))]


@pytest.fixture(autouse=True)
def _nothing_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remembered, "_KEPT", {})
    monkeypatch.setattr(remembered, "_kept_lines", 0)


def _counting_folds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    folded: list[str] = []

    def counted(source: str, text: str):  # type: ignore[no-untyped-def]
        folded.append(text)
        return line_triples(source, text)

    monkeypatch.setattr(remembered, "line_triples", counted)
    return folded


def test_pass_two_takes_the_keys_pass_one_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    folded = _counting_folds(monkeypatch)
    keys = remembered.document_keys("site", TEXT)
    assert keys == {key("site", line) for _s, _e, line in candidate_lines(TEXT)} | {source_key("site")}
    assert list(remembered.line_keys("site", TEXT)) == _expected("site", TEXT)
    assert folded == [TEXT]  # folded once, by pass 1
    assert remembered._KEPT == {} and remembered._kept_lines == 0  # taken once, then dropped


def test_another_text_or_source_is_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    folded = _counting_folds(monkeypatch)
    remembered.document_keys("site", TEXT)
    changed = TEXT.replace("Sport", "Sports")
    assert list(remembered.line_keys("site", changed)) == _expected("site", changed)
    assert list(remembered.line_keys("other", TEXT)) == _expected("other", TEXT)
    assert folded == [TEXT, changed, TEXT]


def test_past_the_limit_nothing_more_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remembered, "LINES", 3)
    first, second = TEXT, TEXT.replace("council", "mayor")
    remembered.document_keys("site", first)  # three lines: kept
    remembered.document_keys("site", second)  # three more: over the limit
    assert remembered._kept_lines == 3 and len(remembered._KEPT) == 1
    folded = _counting_folds(monkeypatch)
    assert list(remembered.line_keys("site", second)) == _expected("site", second)
    assert list(remembered.line_keys("site", first)) == _expected("site", first)
    assert folded == [second]

