"""The run's own work around the rules (#16): discovery, the worker pool, template counts, output.

Each shortcut here must leave the output as it was: the tests compare it with the plain way of
doing the same thing, and check that the shortcut is taken.
"""

from __future__ import annotations

import os

import pytest

from linter.results import Unit
from linter.settings import Discovery
from linter.sources import discover, iter_paths
from linter.sources.pathmatch import PathPatterns

from .conftest import run

pytestmark = pytest.mark.usefixtures("in_tmp")

PATTERNS = ("*.txt", "!keep.txt", "drafts/", "wire/*.md", "/top.md", "deep/**/x.txt")


class TestDiscovery:
    @pytest.mark.parametrize("root", [None, "proj", "elsewhere"])
    def test_a_folders_matcher_answers_as_matches_does(self, tmp_path, root) -> None:
        patterns = PathPatterns(PATTERNS, None if root is None else str(tmp_path / root))
        folders = [".", "proj", "proj/wire", "proj/deep/a/b", "proj/drafts", "..", "../other", str(tmp_path / "proj" / "wire")]
        names = ["a.txt", "keep.txt", "top.md", "x.txt", "n.md", "drafts", "wire", "b"]
        for folder in folders:
            matcher = patterns.in_folder(folder)
            for name in names:
                for is_dir in (False, True):
                    path = os.path.join(folder, name)
                    assert matcher(name, is_dir) == patterns.matches(path, is_dir), (root, path, is_dir)

    def test_one_real_path_per_folder_not_per_file(self, tmp_path, monkeypatch) -> None:
        (tmp_path / "a" / "b").mkdir(parents=True)
        for number in range(20):
            (tmp_path / "a" / f"{number}.txt").write_text("One.\n")
        (tmp_path / "a" / "b" / "c.txt").write_text("Two.\n")
        (tmp_path / "a" / "b" / "link.txt").symlink_to(tmp_path / "a" / "3.txt")
        plain = list(iter_paths(["a", "a/b/c.txt", "./a/b/link.txt"], Discovery(isolated=True).for_folder))
        resolved: list[str] = []
        real = os.path.realpath
        monkeypatch.setattr(discover.os.path, "realpath", lambda path: resolved.append(path) or real(path))
        again = list(iter_paths(["a", "a/b/c.txt", "./a/b/link.txt"], Discovery(isolated=True).for_folder))
        # The link leads to a file already found and c.txt is named twice: each is listed once.
        assert again == plain and len(plain) == 21 and "a/b/link.txt" not in plain
        assert len(resolved) <= 6, resolved  # two folders, one link, two typed paths


def test_a_unit_without_incomplete_checks_builds_no_line_index(monkeypatch) -> None:
    """Asked of every unit of a run: it must not index the text of the many that have nothing to say."""
    import linter.results as results

    monkeypatch.setattr(results, "LineIndex", None)
    assert Unit("a.txt", None, "One.\nTwo.\n", []).incomplete_lines() == []


def test_the_run_still_reports_an_incomplete_check(tmp_path, capsys, monkeypatch) -> None:
    from linter.checks.template import TemplateCheck

    def fail(self, doc):
        raise RuntimeError("boom")

    monkeypatch.setattr(TemplateCheck, "run", fail)
    (tmp_path / "a.txt").write_text("One line.\nTwo lines.\n")
    code, _out, err = run(capsys, "check", "--isolated", "--select", "NL336", "a.txt")
    assert code == 2 and "a.txt:1:1: NL336" in err and "the check is incomplete" in err
