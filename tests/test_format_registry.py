"""The faces of a run: one registry of formats, the catalogue, the shared errors, the language field."""

from __future__ import annotations

import argparse
import io
import json

import pytest

from linter import formats
from linter.cli import build_parser, main
from linter.corpus_summary import summarise
from linter.errors import UsageError
from linter.lsp.translate import hover_text
from linter.rule_display import show_rules

ENGLISH = "The city council met on Tuesday to discuss the new budget for the coming year and the cost of the roads.\n\n"
GERMAN = "Der Stadtrat hat am Dienstag lange über den neuen Haushalt gesprochen. Die Mitglieder stritten über die Kosten der Straßen.\n\n"


def _format_choices() -> tuple[str, ...]:
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    check = commands.choices["check"]
    return tuple(next(a for a in check._actions if a.dest == "format").choices)


def test_the_cli_offers_exactly_the_registered_formats() -> None:
    assert _format_choices() == formats.NAMES == tuple(formats.FORMATS)
    for name in formats.NAMES:
        assert callable(formats.writer(name)), name
    for name in formats.STATISTICS:
        assert callable(formats.statistics_writer(name)), name
    assert formats.STREAMING == {"jsonl", "concise", "github"}


def test_statistics_refusal_lists_the_formats_that_have_them(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("A text.. here.\n", encoding="utf-8")
    assert main(["check", "--isolated", "--statistics", "--format", "sarif", "a.txt"]) == 2
    assert "--statistics prints counts as a table or JSON (--format full, concise or json), not --format sarif" in capsys.readouterr().err


def test_a_finding_that_names_a_language_carries_it(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text(ENGLISH + GERMAN + ENGLISH, encoding="utf-8")
    main(["check", "--isolated", "--select", "NL325", "--format", "jsonl", "story.txt"])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["code"], r["language"]) for r in rows] == [("NL325", "de")]


def test_the_corpus_summary_counts_languages_by_the_field_not_the_message() -> None:
    row = {"path": "a.jsonl", "kind": "language", "severity": "info", "message": "(any wording)"}
    rows = [
        {**row, "record": 1, "code": "NL730", "name": "document-language", "language": "fr"},
        {**row, "record": 2, "code": "NL325", "name": "foreign-paragraph", "kind": "boilerplate", "language": "de"},
    ]
    summary = summarise(rows, total=3)
    assert summary.languages == [("en (or too short to tell)", 2, 0), ("fr", 1, 0), ("de", 0, 1)]


def test_hover_names_the_fix_level_of_a_rule_without_a_fix(ruleset) -> None:
    rule = next(r for r in ruleset if r.fix_level is None)
    assert "Fix: none: this rule has no fix" in hover_text([rule.code], ruleset, markdown=False)


def test_an_unknown_rule_is_a_usage_error_from_the_shared_module(ruleset) -> None:
    with pytest.raises(UsageError, match="no rule 'NL999'"):
        show_rules(ruleset, "NL999", "text", io.StringIO())
