"""The annotated-diff view rendered at a fixed width, compared with snapshots.

Set NEWSLINT_UPDATE_SNAPSHOTS=1 to rewrite the snapshots after an intended change.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from linter import Applicability
from linter.formats import writer
from linter.formats.base import Report
from linter.options import Prepared, Recipe
from linter.processing import lint_text
from linter.results import FileOutcome, Mode

SNAPSHOTS = Path(__file__).parent / "snapshots"
ARTICLE = (
    " date 2025-03-02 At the summit in Vienna, Mr Rossi and Mr. Okafor agreed a new trade pact "
    "after three days of talks that ran late into the night on both sides. .\n\n"
    "The talks began on monday,, officials said.The text was signed at dawn by both delegations "
    "in the presence of the press and of the hosts.\n\n"
    "Mr. Okafor praised the deal. Mr. Rossi thanked the hosts.\n"
)


def render(ruleset, mode: Mode, color: bool, width: int = 100) -> str:
    options = Prepared(Recipe(mode=mode, at_least=Applicability.SAFE), ruleset)
    unit, new_text = lint_text(ARTICLE, "article.txt", None, options)
    outcome = FileOutcome("article.txt", [unit], changed=new_text != ARTICLE)
    stream = io.StringIO()
    writer("full")(Report([outcome], ruleset, mode, color=color, width=width), stream)
    return stream.getvalue()


@pytest.mark.parametrize(("name", "mode"), [("full_check", Mode.CHECK), ("full_diff", Mode.DIFF)])
def test_snapshot_without_colour(ruleset, name: str, mode: Mode) -> None:
    rendered = render(ruleset, mode, color=False)
    snapshot = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("NEWSLINT_UPDATE_SNAPSHOTS"):
        snapshot.write_text(rendered, encoding="utf-8")
    assert rendered == snapshot.read_text(encoding="utf-8")


def test_windows_fit_the_width(ruleset) -> None:
    for width in (60, 100):
        for line in render(ruleset, Mode.DIFF, color=False, width=width).splitlines():
            if line.startswith("  - ") or line.startswith("  + "):
                assert len(line) <= width, line


def test_colour_marks_instead_of_brackets(ruleset) -> None:
    rendered = render(ruleset, Mode.DIFF, color=True)
    assert "\x1b[" in rendered
    assert "{+" not in rendered and "[-" not in rendered


def test_a_whole_text_finding_puts_its_caret_under_the_first_character(ruleset) -> None:
    text = "Der Bundestag hat am Freitag ein neues Gesetz beschlossen.\n\nDie Opposition kritisierte den Entwurf scharf.\n"
    options = Prepared(Recipe(mode=Mode.CHECK, at_least=Applicability.SAFE), ruleset)
    unit, _ = lint_text(text, "de.txt", None, options)
    stream = io.StringIO()
    writer("full")(Report([FileOutcome("de.txt", [unit], changed=False)], ruleset, Mode.CHECK, color=False, width=100), stream)
    lines = stream.getvalue().splitlines()
    quoted = next(number for number, line in enumerate(lines) if line.strip().startswith("Der Bundestag"))
    assert lines[quoted + 1].index("^") == lines[quoted].index("D")
    assert lines[quoted + 1].strip() == "^"
