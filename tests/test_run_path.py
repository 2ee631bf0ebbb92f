"""The run's own work around the rules (#16): discovery, the worker pool, template counts, output.

Each shortcut here must leave the output as it was: the tests compare it with the plain way of
doing the same thing, and check that the shortcut is taken.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.cli import build_parser
from linter.options import plan
from linter.results import Unit
from linter.settings import Discovery
from linter.sources import discover, iter_paths
from linter.sources.pathmatch import PathPatterns
from linter.templates.fingerprint import MAX_CHARS, candidate_lines, fold, fold_ascii
from linter.templates.sketch import CountMinSketch

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

    def test_no_file_status_is_asked_per_regular_file(self, tmp_path, monkeypatch) -> None:
        """Whether an entry is a plain file comes with the folder's listing, as with ``os.walk``'s folders."""
        for folder in ("a", "a/b"):
            (tmp_path / folder).mkdir()
            for number in range(20):
                (tmp_path / folder / f"{number}.txt").write_text("One.\n")
        asked: list[str] = []
        for name in ("stat", "lstat"):
            call = getattr(os, name)
            monkeypatch.setattr(os, name, lambda path, *args, _call=call, **kwargs: asked.append(path) or _call(path, *args, **kwargs))
        found = list(iter_paths(["a"], Discovery(isolated=True).for_folder))
        assert len(found) == 40 and found[0] == "a/0.txt" and found[-1] == "a/b/9.txt"
        assert len(asked) <= 12, asked  # per folder: is it one, is it a link, its real path

    def test_what_is_not_a_regular_file_is_found_as_before(self, tmp_path) -> None:
        """Links, a link loop, a dangling link, a FIFO and a linked folder, each with the real path it is deduplicated by."""
        (tmp_path / "d" / "sub").mkdir(parents=True)
        (tmp_path / "elsewhere").mkdir()
        (tmp_path / "elsewhere" / "far.txt").write_text("Far.\n")
        (tmp_path / "d" / "a.txt").write_text("One.\n")
        (tmp_path / "d" / "sub" / "x.txt").write_text("Two.\n")
        (tmp_path / "d" / "b.txt").symlink_to("a.txt")
        (tmp_path / "d" / "far.txt").symlink_to(tmp_path / "elsewhere" / "far.txt")
        (tmp_path / "d" / "gone.txt").symlink_to("missing.txt")
        (tmp_path / "d" / "loop1.txt").symlink_to("loop2.txt")
        (tmp_path / "d" / "loop2.txt").symlink_to("loop1.txt")
        (tmp_path / "d" / "linked").symlink_to("sub", target_is_directory=True)
        (tmp_path / "d" / "linked.txt").symlink_to("sub", target_is_directory=True)
        if hasattr(os, "mkfifo"):
            os.mkfifo(tmp_path / "d" / "pipe.txt")
        real = str(tmp_path.resolve() / "d")
        mentions = list(discover._iter_mentions(["d"], Discovery(isolated=True).for_folder))
        assert mentions == [
            ("d/a.txt", f"{real}/a.txt"),
            ("d/b.txt", f"{real}/a.txt"),
            ("d/far.txt", str(tmp_path.resolve() / "elsewhere" / "far.txt")),
            ("d/gone.txt", f"{real}/missing.txt"),
            ("d/loop1.txt", os.path.realpath("d/loop1.txt")),
            ("d/loop2.txt", os.path.realpath("d/loop2.txt")),
            ("d/sub/x.txt", f"{real}/sub/x.txt"),
        ]
        assert list(iter_paths(["d"], Discovery(isolated=True).for_folder)) == ["d/a.txt", "d/far.txt", "d/gone.txt", "d/loop1.txt", "d/loop2.txt", "d/sub/x.txt"]

    def test_a_folder_that_cannot_be_listed_is_passed_over(self, tmp_path, monkeypatch) -> None:
        """Unreadable, or failing midway through its listing: its files are left out, the others still found."""
        for folder in ("d/closed", "d/broken", "d/open"):
            (tmp_path / folder).mkdir(parents=True)
            (tmp_path / folder / "a.txt").write_text("One.\n")
        listing = os.scandir

        class Failing:
            def __init__(self, path: str) -> None:
                self.inner = listing(path)

            def __enter__(self):
                return self

            def __exit__(self, *exc) -> None:
                self.inner.close()

            def __iter__(self):
                return self

            def __next__(self):
                next(self.inner)
                raise OSError("input/output error")

        def scandir(path="."):
            if os.path.basename(path) == "closed":
                raise PermissionError(13, "Permission denied", path)
            return Failing(path) if os.path.basename(path) == "broken" else listing(path)

        monkeypatch.setattr(os, "scandir", scandir)
        assert list(iter_paths(["d"], Discovery(isolated=True).for_folder)) == ["d/open/a.txt"]

    def test_planning_asks_no_file_status_per_discovered_file(self, tmp_path, monkeypatch) -> None:
        """A discovered path is never a folder (folders are walked), so its settings are its folder's, looked up once."""
        for folder in ("a", "b"):
            (tmp_path / folder).mkdir()
            for number in range(20):
                (tmp_path / folder / f"{number}.txt").write_text("One.\n")
        (tmp_path / "b" / "newslint.toml").write_text('select = ["NL1"]\n')
        args = build_parser().parse_args(["check", "a", "b"])
        for isolated in (False, True):
            discovery = Discovery(isolated=isolated)  # one for the run, as the command line has
            files = list(iter_paths(["a", "b"], discovery.for_folder))
            asked: list[str] = []
            call = os.stat
            monkeypatch.setattr(os, "stat", lambda path, *rest, **kwargs: asked.append(path) or call(path, *rest, **kwargs))
            recipes, jobs = plan(discovery, files, args)
            monkeypatch.setattr(os, "stat", call)
            assert len(jobs) == 40 and asked == []  # discovery has already looked for the configuration files
            assert [r.config.selection.select for r in recipes] == ([None] if isolated else [None, ("NL1",)])


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


class TestTemplateShortcuts:
    """Pass 1 and NL336 fold each line by one byte table when it is ASCII, and settle most lines by one counter."""

    @settings(max_examples=500, deadline=None)
    @given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
    def test_an_ascii_line_folds_as_the_unicode_way_folds_it(self, line) -> None:
        assert fold_ascii(line) == fold(line)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(["Home | World", "© 2024 Site.", "ß", "Ⅻ 12", "  ", "\r\n", "\n", "\r", "\x85", "\u2028", "x" * 399, "é"]), max_size=8))
    def test_candidate_lines_are_the_runs_between_line_breaks_with_a_letter(self, pieces) -> None:
        text = "".join(pieces)
        expected = []
        for match in regex.finditer(r"[^\n\r]*\S[^\n\r]*", text):  # the pattern the lines were found by
            line = match.group().strip()
            folded = None if len(line) > MAX_CHARS else fold(line)
            if folded:
                expected.append((match.start(), match.end(), folded))
        assert list(candidate_lines(text)) == expected

    def test_an_estimate_with_a_floor_stops_early_but_answers_the_same_question(self) -> None:
        sketch = CountMinSketch(depth=8, width=64)
        keys = list(range(1, 400, 3))
        sketch.add(keys)
        sketch.add(keys[:50])
        for key in [*keys, 10**12]:
            exact = sketch.estimate(key)
            for floor in (1, 2, 3, 5):
                assert (sketch.estimate(key, floor) >= floor) == (exact >= floor)
                assert sketch.estimate(key, floor) >= exact



#: Run in a fresh process (as the command line is): it notes which processes build the rules and
#: which lint, and whether a linting process had the whole word-frequency table before its first text.
_DRIVER = """
import os, sys
from linter.cli import main
from linter import fluency
from linter.options import Recipe
from linter.parallel import pool
pool.SERIAL_BYTES = 1
build, process_path = Recipe.build, pool.process_path
def note(path, what=""):
    with open(path, "a") as stream:
        stream.write(f"{os.getpid()}{what}\\n")
def linted(*args):
    note("linted", f" {fluency._TABLE.complete}")
    return process_path(*args)
Recipe.build = lambda self: (note("built"), build(self))[1]
pool.process_path = linted
print(os.getpid(), pool._fork_context() is not None, file=sys.stderr)
sys.exit(main(["check", "docs", "--isolated", "--format", "jsonl", "--jobs", "2"]))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the fork server is used off Linux")
def test_on_linux_the_workers_are_forked_with_the_rules_built_and_warm(tmp_path, capsys) -> None:
    """No fork server importing newslint, no worker loading the rules or what linting loads lazily
    (here the word frequencies, whole): each was a quarter of a second or more of --jobs. The
    workers lint with the template counts of pass 1 (NL336), which they inherit."""
    (tmp_path / "docs").mkdir()
    for number in range(24):
        text = f"They met the the minister {number} on Monday.\n\nFollow Example News for more stories.\n"
        (tmp_path / "docs" / f"{number:02}.txt").write_text(text)
    _code, serial, _err = run(capsys, "check", "docs", "--isolated", "--format", "jsonl", "--jobs", "1")
    assert '"NL336"' in serial
    root = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run([sys.executable, "-c", _DRIVER], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": root}, cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == serial, done.stderr
    parent, forks = done.stderr.split()[:2]
    notes = [line.split() for line in (tmp_path / "linted").read_text().splitlines()]
    workers = {pid for pid, _complete in notes}
    assert forks == "True" and workers and parent not in workers  # the workers ran this process's code: they were forked
    assert set((tmp_path / "built").read_text().split()) == {parent}  # and none of them built the rules again
    assert {complete for _pid, complete in notes} == {"True"}  # nor loaded the table: it was loaded before they were forked


def test_a_process_with_the_word_frequencies_open_still_forks(tmp_path, monkeypatch) -> None:
    """The table's SQLite handle, open once a process has linted, no longer keeps --jobs from forking (each child drops it)."""
    from linter.fluency.frequencies import PureZipfTable
    from linter.parallel import pool

    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    table = PureZipfTable()
    table.get("minister")
    assert table._database is not None
    assert pool._fork_context() is not None


def test_workers_of_the_fork_server_lint_with_the_counts_of_pass_1(tmp_path, capsys, monkeypatch) -> None:
    """Where forking is not safe, the fork server's workers get the template counts (NL336) from a file, as before."""
    from linter.parallel import pool

    (tmp_path / "docs").mkdir()
    for number in range(12):
        text = f"The minister {number} met the council.\n\nFollow Example News for more stories.\n"
        (tmp_path / "docs" / f"{number:02}.txt").write_text(text)
    monkeypatch.chdir(tmp_path)
    _code, serial, _err = run(capsys, "check", "docs", "--isolated", "--format", "jsonl", "--jobs", "1")
    assert '"NL336"' in serial
    monkeypatch.setattr(pool, "SERIAL_BYTES", 1)
    monkeypatch.setattr(pool, "_fork_context", lambda: None)
    _code, pooled, err = run(capsys, "check", "docs", "--isolated", "--format", "jsonl", "--jobs", "2")
    assert pooled == serial and "running serially" not in err
