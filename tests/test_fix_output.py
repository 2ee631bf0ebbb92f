"""``--fix --output DIR``: every input gets its own copy, mirrored from a common root."""

from __future__ import annotations

from pathlib import Path

from .conftest import run

STORY = "They met in kyiv on Monday. .\n"


def test_inputs_with_one_name_in_two_folders_get_two_copies(tmp_path: Path, monkeypatch, capsys) -> None:
    for folder in ("a", "b", "work"):
        (tmp_path / folder).mkdir()
    (tmp_path / "a" / "x.txt").write_text(STORY)
    (tmp_path / "b" / "x.txt").write_text(STORY.replace("Monday", "Tuesday"))
    monkeypatch.chdir(tmp_path / "work")
    code, _out, err = run(capsys, "check", "--isolated", "../a/x.txt", "../b/x.txt", "--fix", "--output", "out")
    assert code == 0, err
    assert (tmp_path / "work/out/a/x.txt").read_text() == "They met in Kyiv on Monday.\n"
    assert (tmp_path / "work/out/b/x.txt").read_text() == "They met in Kyiv on Tuesday.\n"
    assert (tmp_path / "a" / "x.txt").read_text() == STORY, "the inputs stay as they were"


def test_inputs_below_the_working_directory_keep_their_path(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.txt").write_text(STORY)
    monkeypatch.chdir(tmp_path)
    run(capsys, "check", "--isolated", "data/x.txt", "--fix", "--output", "out")
    assert (tmp_path / "out/data/x.txt").read_text() == "They met in Kyiv on Monday.\n"


def test_two_inputs_for_one_copy_are_refused_before_anything_is_written(tmp_path: Path, monkeypatch, capsys) -> None:
    # Two files whose paths spell one copy: ``sub/..`` is the working directory to the path, and
    # ``deep`` to the file system (``sub`` is a link to ``deep/inner``).
    (tmp_path / "x.txt").write_text(STORY)
    (tmp_path / "deep" / "inner").mkdir(parents=True)
    (tmp_path / "deep" / "x.txt").write_text(STORY)
    (tmp_path / "sub").symlink_to(tmp_path / "deep" / "inner", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--isolated", "x.txt", "sub/../x.txt", "--fix", "--output", "out")
    assert code == 2 and out == ""
    assert err.splitlines() == ["newslint: error: --output: x.txt and sub/../x.txt would both be written to out/x.txt; nothing was written"]
    assert not (tmp_path / "out").exists()


def test_one_input_named_twice_is_one_copy(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "x.txt").write_text(STORY)
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, "check", "--isolated", "x.txt", "./x.txt", "--fix", "--output", "out")
    assert code == 0, err
    assert (tmp_path / "out" / "x.txt").read_text() == "They met in Kyiv on Monday.\n"
