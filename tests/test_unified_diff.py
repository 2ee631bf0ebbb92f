"""``check --diff`` prints a unified diff that ``git apply`` and ``patch -p1`` accept, and applying
it gives exactly what ``--fix`` writes (text files with and without a final line break, CRLF, JSONL)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import regex

from linter.unified import unified_diff

from .conftest import run

FILES = {
    "story.txt": "They met in kyiv. .\n\nThen,, they left.\n\nA\nB\nC\nD\nE\nF\nG\nIt ended. .",
    "crlf.txt": "An intact line.\r\nThey met in kyiv. .\r\n",
    "nested/clean.txt": "All is well.\n",
    # Fixed in two passes of the loop (the repeated comma goes, then the glued words part):
    # the diff must hold what --fix writes, not the first pass only.
    "glued.txt": "The council toured Paris,,London and Rome.\n",
    "data.jsonl": "".join(
        json.dumps(r) + "\n" for r in ({"id": "a", "text": "They met in kyiv. ."}, {"id": "b", "text": "Fine."}, {"id": "c", "text": "Then,, left."})
    ),
}


def _tree(root: Path) -> None:
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(text.encode("utf-8"))


def _contents(root: Path) -> dict[str, bytes]:
    return {name: (root / name).read_bytes() for name in FILES}


@pytest.fixture
def patch_and_fixed(tmp_path, monkeypatch, capsys) -> tuple[str, dict[str, bytes]]:
    """The ``--diff`` output for the tree, and the bytes ``--fix`` writes for it."""
    work = tmp_path / "work"
    work.mkdir()
    _tree(work)
    monkeypatch.chdir(work)
    code, patch, err = run(capsys, "check", "--isolated", "--diff", *FILES)
    assert code == 1 and "nothing was written" in err
    assert _contents(work) == {name: text.encode("utf-8") for name, text in FILES.items()}, "--diff must write nothing"
    run(capsys, "check", "--isolated", "--fix", *FILES)
    return patch, _contents(work)


def test_one_diff_per_changed_file(patch_and_fixed) -> None:
    patch, _fixed = patch_and_fixed
    headers = [line for line in patch.splitlines() if line.startswith(("--- ", "+++ "))]
    assert headers == [f"{side}/{name}" for name in ("story.txt", "crlf.txt", "glued.txt", "data.jsonl") for side in ("--- a", "+++ b")]
    assert '-{"id": "a", "text": "They met in kyiv. ."}' in patch.splitlines()
    assert '+{"id": "a", "text": "They met in Kyiv."}' in patch.splitlines()
    assert ' {"id": "b", "text": "Fine."}' in patch.splitlines()  # an unchanged record is context only
    assert "\\ No newline at end of file" in patch


def _apply(tmp_path: Path, name: str, patch: str, *commands: list[str]) -> dict[str, bytes]:
    """Lay out the original tree in a fresh folder, run ``commands`` there with the patch, read the result."""
    target = tmp_path / name
    target.mkdir()
    _tree(target)
    for command in commands:
        subprocess.run(command, cwd=target, input=patch.encode("utf-8"), check=True, capture_output=True)
    return _contents(target)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_apply_accepts_it_and_gives_what_fix_writes(tmp_path, patch_and_fixed) -> None:
    patch, fixed = patch_and_fixed
    assert _apply(tmp_path, "git", patch, ["git", "init", "-q"], ["git", "apply", "--check", "-"], ["git", "apply", "-"]) == fixed


@pytest.mark.skipif(shutil.which("patch") is None, reason="GNU patch is not installed (apt-get install patch)")
def test_patch_accepts_it_and_gives_what_fix_writes(tmp_path, patch_and_fixed) -> None:
    patch, fixed = patch_and_fixed
    assert _apply(tmp_path, "patch", patch, ["patch", "-p1", "--dry-run"], ["patch", "-p1", "--binary"]) == fixed


def test_diff_of_equal_texts_is_empty() -> None:
    assert unified_diff("a.txt", "same\n", "same\n") == ""


def test_the_annotated_view_is_still_the_full_format(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("They met in kyiv.\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", "--isolated", "--color", "never", "a.txt")
    assert "- They met in [-kyiv-]." in out and "+ They met in {+Kyiv+}." in out
    _, out, _ = run(capsys, "check", "--isolated", "--diff", "--format", "json", "a.txt")
    assert [f["code"] for f in json.loads(out)] == ["NL201"]  # machine formats list the fixes


def test_colour_marks_each_line_as_git_diff_does_and_leaves_the_text(tmp_path, monkeypatch, capsys) -> None:
    """``--diff --color always`` colours removed lines red and added ones green; without colour the patch is plain."""
    monkeypatch.chdir(tmp_path)
    _tree(tmp_path)
    _code, plain, _err = run(capsys, "check", "--isolated", "--diff", "story.txt")
    _code, coloured, _err = run(capsys, "check", "--isolated", "--diff", "--color", "always", "story.txt")
    assert "\x1b[" not in plain
    assert "\x1b[31m-They met in kyiv. .\x1b[0m" in coloured and "\x1b[32m+They met in Kyiv.\x1b[0m" in coloured
    assert "\x1b[1m--- a/story.txt\x1b[0m" in coloured
    assert regex.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
