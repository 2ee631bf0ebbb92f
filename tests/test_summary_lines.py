"""``--format concise`` and ``--statistics`` end with the summary lines of the default format, on
the same stream (stdout), as ruff does; ``--quiet`` drops them and machine formats never get them."""

from __future__ import annotations

import json

import pytest

from .conftest import run

DIRTY = "They met in kyiv. .\n\nThen,, they left.\n"
SUMMARY = [
    "Found 3 findings (1 error, 2 warnings) in 1 file.",
    "3 fixable with `newslint check --fix` (see them first with `--diff`).",
]


@pytest.fixture
def story(tmp_path, monkeypatch) -> str:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    return "a.txt"


@pytest.mark.parametrize("flags", [[], ["--format", "concise"], ["--statistics"], ["--statistics", "--format", "concise"]])
def test_the_human_formats_end_with_the_same_summary(story, capsys, flags) -> None:
    _code, out, err = run(capsys, "check", "--isolated", "--color", "never", *flags, story)
    assert out.splitlines()[-2:] == SUMMARY and "Found" not in err


def test_concise_counts_fixes_and_quiet_drops_the_summary(story, capsys) -> None:
    _code, out, _err = run(capsys, "check", "--isolated", "--format", "concise", "--quiet", story)
    assert "Found" not in out and len(out.splitlines()) == 3
    _code, out, _err = run(capsys, "check", "--isolated", "--format", "concise", "--fix", story)
    assert out.splitlines() == ["Found 0 findings in 1 file. Fixed 3."]


@pytest.mark.parametrize("flags", [["--format", "json"], ["--format", "jsonl"], ["--statistics", "--format", "json"], ["--format", "sarif"]])
def test_machine_formats_stay_pure(story, capsys, flags) -> None:
    _code, out, _err = run(capsys, "check", "--isolated", *flags, story)
    if "jsonl" in flags:
        assert [json.loads(line) for line in out.splitlines()]
    else:
        json.loads(out)
