"""One home for a run's options and one for its results (issue #15, item 2).

A run's options are one picklable :class:`Recipe` per configuration file, made by one
function from the file's settings and the command-line flags; what a process builds from
it is a :class:`Prepared`. Results (units, outcomes, the finding record, the fail-on
verdict) live below :mod:`linter.processing`, so formats and the Dask engine need nothing else.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from linter.cli import build_parser
from linter.model import Applicability, Severity
from linter.options import Recipe, plan, recipe_for, with_flags
from linter.results import Mode
from linter.settings import Discovery, load_settings

ROOT = Path(__file__).resolve().parent.parent


def flags(*argv: str):
    return build_parser().parse_args(["check", *argv])


def test_fix_flags_and_the_file_settings_make_one_recipe(tmp_path) -> None:
    (tmp_path / "newslint.toml").write_text('select = ["NL1"]\nfail-on = "error"\nseverity = { NL101 = "info" }\ntext-field = "body"\n')
    args = flags("--fix", "--unsafe-fixes", "--ignore", "NL102", "--max-findings-per-rule", "3")
    recipe = recipe_for(with_flags(load_settings(tmp_path / "newslint.toml"), args), args)
    assert (recipe.mode, recipe.at_least, recipe.fail_on, recipe.text_field, recipe.max_findings) == (Mode.FIX, Applicability.UNSAFE, "error", "body", 3)
    assert recipe.config.selection.select == ("NL1",) and recipe.config.selection.ignore == ("NL102",)
    assert recipe.config.severity == {"NL101": Severity.INFO}
    assert recipe_for(load_settings(None)).mode is Mode.CHECK  # no flags: the language server, ``newslint rule``


def test_a_recipe_is_plain_values_a_worker_can_receive(tmp_path) -> None:
    (tmp_path / "newslint.toml").write_text('severity = { NL101 = "info" }\n[per-file-ignores]\n"wire/*" = ["NL1"]\n')
    args = flags("--diff")
    recipe = recipe_for(with_flags(load_settings(tmp_path / "newslint.toml"), args), args).for_path(str(tmp_path / "a.md"))
    assert pickle.loads(pickle.dumps(recipe)) == recipe
    prepared = pickle.loads(pickle.dumps(recipe)).build()
    assert prepared.recipe == recipe and prepared.config.markdown


def test_per_file_recipes_ignores_and_markdown(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name, config in (("a", 'fail-on = "never"\n[per-file-ignores]\n"wire/*" = ["NL1"]\n'), ("b", 'select = ["NL2"]\n')):
        (tmp_path / name / "wire").mkdir(parents=True)
        (tmp_path / name / "newslint.toml").write_text(config)
    files = ["a/x.txt", "a/wire/y.md", "b/z.txt"]
    args = flags(*files)
    recipes, jobs = plan(Discovery(lambda s: with_flags(s, args)), files, args)
    assert jobs == [("a/x.txt", 0), ("a/wire/y.md", 0), ("b/z.txt", 1)]
    assert [r.fail_on for r in recipes] == ["never", "warning"] and recipes[1].config.selection.select == ("NL2",)
    wire = recipes[0].for_path("a/wire/y.md").config
    assert wire.selection.ignore == ("NL1",) and wire.markdown
    assert recipes[0].for_path("a/x.txt") is recipes[0]


def test_the_recipe_is_what_lint_frame_takes() -> None:
    from linter import parallel

    assert parallel.Recipe is Recipe and callable(parallel.lint_frame)
