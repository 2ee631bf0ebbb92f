"""Paths, configuration discovery and the command line's guard rails (issue #14, items 4-8).

Patterns are gitignore-style and relative to the folder of the configuration file that
holds them; each file gets the configuration nearest to it; typed paths are linted even
when excluded unless ``--force-exclude``; mistyped commands and options get a hint.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from linter.parallel import pool as parallel

from .conftest import HOUSE_PACK, run

DIRTY = "They met in kyiv. .\n"

pytestmark = pytest.mark.usefixtures("in_tmp")


def findings(capsys, *argv: str) -> set[tuple[str, str]]:
    """``(path, code)`` of each finding of ``newslint check --format json ARGV``."""
    code, out, err = run(capsys, "check", "--format", "json", *argv)
    assert code in (0, 1), err
    return {(f["path"], f["code"]) for f in json.loads(out)}


def files_of(found: set[tuple[str, str]]) -> set[str]:
    return {path for path, _code in found}


def project(root: Path, config: str) -> Path:
    """A project folder with ``config`` as its newslint.toml and a dirty article in
    ``drafts/``, ``wire/`` and at its top."""
    for folder in ("drafts", "wire"):
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / f"{folder[0]}.txt").write_text(DIRTY)
    (root / "top.txt").write_text(DIRTY)
    (root / "newslint.toml").write_text(config)
    return root


class TestExclude:
    CONFIG = 'exclude = ["drafts/*"]\n[per-file-ignores]\n"wire/*.txt" = ["NL201"]\n'

    @pytest.mark.parametrize("argv", [[], ["."]])
    def test_config_exclude_is_applied_when_recursing(self, tmp_path, capsys, argv) -> None:
        project(tmp_path, self.CONFIG)
        assert files_of(findings(capsys, *argv)) == {"top.txt", os.path.join("wire", "w.txt")}

    def test_patterns_are_relative_to_the_config_folder_not_the_working_directory(self, tmp_path, capsys) -> None:
        project(tmp_path / "proj", self.CONFIG)
        found = files_of(findings(capsys, "proj"))
        assert found == {os.path.join("proj", "top.txt"), os.path.join("proj", "wire", "w.txt")}

    def test_command_line_exclude_is_relative_to_the_working_directory(self, tmp_path, capsys) -> None:
        project(tmp_path, "")
        assert files_of(findings(capsys, "--exclude", "drafts/*", ".")) == {"top.txt", os.path.join("wire", "w.txt")}
        assert files_of(findings(capsys, "--exclude", "*.txt", "--include", "*.txt", ".")) == set()

    def test_typed_paths_are_linted_unless_force_exclude(self, tmp_path, capsys) -> None:
        project(tmp_path, self.CONFIG)
        for typed in ("drafts/d.txt", "./drafts/d.txt", str(tmp_path / "drafts" / "d.txt")):
            assert files_of(findings(capsys, typed)) == {typed}
            code, out, err = run(capsys, "check", "--force-exclude", "--format", "json", typed)
            assert (code, json.loads(out)) == (0, []) and "no file to check" in err

    def test_force_exclude_from_the_configuration(self, tmp_path, capsys) -> None:
        project(tmp_path, 'force-exclude = true\n' + self.CONFIG)
        assert files_of(findings(capsys, "drafts/d.txt", "top.txt")) == {"top.txt"}

    def test_per_file_ignores_match_typed_paths_in_every_spelling(self, tmp_path, capsys) -> None:
        project(tmp_path, self.CONFIG)
        for typed in ("wire/w.txt", "./wire/w.txt", str(tmp_path / "wire" / "w.txt")):
            assert findings(capsys, typed) == {(typed, "NL101")}
        os.chdir(tmp_path / "wire")
        assert findings(capsys, "w.txt") == {("w.txt", "NL101")}


class TestDiscovery:
    def test_config_is_found_from_the_file_not_the_working_directory(self, tmp_path, capsys) -> None:
        project(tmp_path / "proj", 'select = ["NL1"]\n')
        (tmp_path / "elsewhere").mkdir()
        os.chdir(tmp_path / "elsewhere")
        wire = str(tmp_path / "proj" / "wire")
        assert {code for _path, code in findings(capsys, wire + os.sep)} == {"NL101"}
        code, out, _err = run(capsys, "config", os.path.join(wire, "w.txt"))
        assert code == 0 and out.startswith(f"# from {tmp_path / 'proj' / 'newslint.toml'}") and 'select = ["NL1"]' in out

    def test_a_run_over_two_projects_uses_each_projects_settings(self, tmp_path, capsys, monkeypatch) -> None:
        project(tmp_path / "a", 'select = ["NL1"]\n')
        project(tmp_path / "b", 'select = ["NL2", "HS"]\nrules-dir = "house"\nfail-on = "never"\n')
        (tmp_path / "b" / "house").mkdir()
        (tmp_path / "b" / "house" / "style.toml").write_text(HOUSE_PACK)
        (tmp_path / "b" / "top.txt").write_text("We utilise it in kyiv. .\n")
        expected = {(os.path.join("a", *p.split("/")), "NL101") for p in ("drafts/d.txt", "top.txt", "wire/w.txt")}
        expected |= {(os.path.join("b", *p.split("/")), "NL201") for p in ("drafts/d.txt", "top.txt", "wire/w.txt")}
        expected |= {(os.path.join("b", "top.txt"), "HS101")}
        assert findings(capsys, "a", "b", "--jobs", "1") == expected
        monkeypatch.setattr(parallel, "SERIAL_BYTES", 1)  # the same in a pool of workers
        assert findings(capsys, "a", "b", "--jobs", "2") == expected
        # b's fail-on = "never" holds for b's files only.
        assert run(capsys, "check", "b")[0] == 0 and run(capsys, "check", "a")[0] == 1

    def test_config_and_isolated_still_override_discovery(self, tmp_path, capsys) -> None:
        project(tmp_path / "a", 'select = ["NL1"]\n')
        (tmp_path / "only-names.toml").write_text('select = ["NL2"]\n')
        assert {code for _p, code in findings(capsys, "a", "--config", "only-names.toml")} == {"NL201"}
        assert {code for _p, code in findings(capsys, "a", "--isolated")} == {"NL101", "NL201"}


class TestDataShards:
    def test_a_folder_of_shards_is_linted_when_recursing(self, tmp_path, capsys) -> None:
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        (tmp_path / "shards").mkdir()
        (tmp_path / "shards" / "part-000.jsonl").write_text(json.dumps({"text": DIRTY}) + "\n")
        pq.write_table(pa.table({"text": [DIRTY]}), tmp_path / "shards" / "part-001.parquet")
        assert files_of(findings(capsys, "shards")) == {os.path.join("shards", f"part-00{n}.{s}") for n, s in ((0, "jsonl"), (1, "parquet"))}

    def test_every_markdown_suffix_is_linted_when_recursing(self, tmp_path, capsys) -> None:
        (tmp_path / "docs").mkdir()
        for suffix in ("md", "markdown", "mdown", "mkd"):
            (tmp_path / "docs" / f"a.{suffix}").write_text(DIRTY)
        assert files_of(findings(capsys, "docs")) == {os.path.join("docs", f"a.{s}") for s in ("md", "markdown", "mdown", "mkd")}

    def test_a_run_that_matched_nothing_says_so_and_can_be_made_to_fail(self, tmp_path, capsys) -> None:
        (tmp_path / "notes.csv").write_text("a,b\n")
        code, _out, err = run(capsys, "check", ".")
        assert code == 0 and err == "newslint: warning: no file to check under '.'\n"
        code, out, err = run(capsys, "check", "--require-files", ".")
        assert code == 2 and out == "" and err == "newslint: error: no file to check under '.' (--require-files)\n"

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
    def test_a_fifo_in_a_folder_is_skipped_not_waited_on(self, tmp_path, capsys) -> None:
        (tmp_path / "docs").mkdir()
        (tmp_path / "docs" / "a.txt").write_text(DIRTY)
        os.mkfifo(tmp_path / "docs" / "pipe.txt")  # opening it would block until a writer came
        assert files_of(findings(capsys, "docs")) == {os.path.join("docs", "a.txt")}

    def test_a_file_that_could_not_be_read_is_not_counted_as_checked(self, tmp_path, capsys) -> None:
        (tmp_path / "a.txt").write_text(DIRTY)
        code, out, err = run(capsys, "check", "--isolated", "--color", "never", "missing.txt")
        assert code == 2 and "Found 0 findings in 0 files; 1 file could not be read." in out
        assert err == "newslint: error: missing.txt: no such file or folder\n"
        code, out, _err = run(capsys, "check", "--isolated", "--color", "never", "missing.txt", "a.txt")
        assert code == 2 and "in 1 file; 1 file could not be read." in out


class TestNamedTwice:
    def test_a_file_named_more_than_once_is_linted_once_where_it_first_appears(self, tmp_path, capsys) -> None:
        (tmp_path / "one").mkdir()
        (tmp_path / "one" / "x.txt").write_text(DIRTY)
        (tmp_path / "y.txt").write_text(DIRTY)
        _code, once, _err = run(capsys, "check", "--format", "concise", "y.txt", "one")
        code, out, err = run(capsys, "check", "--format", "concise", "y.txt", "one", "one/x.txt", os.path.join(".", "one", "x.txt"), "y.txt")
        assert code == 1 and out == once, err

    def test_a_file_named_twice_does_not_count_twice_as_a_template(self, tmp_path, capsys) -> None:
        line = "Follow us on the wire for the latest news from the valley."
        (tmp_path / "a.txt").write_text(f"The council met on Monday to vote on the budget.\n\n{line}\n")
        others = [f"{name}.txt" for name in "bcdef"]
        for name in others:
            (tmp_path / name).write_text(f"The mayor of {name} spoke to reporters after the vote.\n")
        code, out, err = run(capsys, "check", "--isolated", "--format", "json", "--select", "NL336", ".", *["a.txt"] * 4)
        assert code == 0 and json.loads(out) == [], err


class TestDidYouMean:
    def test_a_mistyped_command_is_not_a_path(self, tmp_path, capsys) -> None:
        (tmp_path / "a.txt").write_text(DIRTY)
        code, out, err = run(capsys, "chek", "a.txt")
        assert code == 2 and out == ""
        assert err.strip() == "newslint: error: 'chek' is neither a command nor a file (commands: check, rule, config, report, server, doctor); did you mean 'check'?"

    def test_a_file_named_like_a_command_is_still_a_path(self, tmp_path, capsys) -> None:
        (tmp_path / "chek").write_text(DIRTY)
        assert run(capsys, "chek")[0] == 1
        code, _out, err = run(capsys, "missing.txt")
        assert code == 2 and "missing.txt: no such file or folder" in err

    @pytest.mark.parametrize(
        ("argv", "hint"),
        [
            (["check", "--exlude", "x", "a.txt"], "unrecognized argument '--exlude'; did you mean '--exclude'?"),
            (["--slect=NL1", "a.txt"], "unrecognized argument '--slect=NL1'; did you mean '--select'?"),
            (["config", "--isolatd"], "newslint config: unrecognized argument '--isolatd'; did you mean '--isolated'?"),
        ],
    )
    def test_a_mistyped_option_gets_a_hint_and_nothing_is_linted(self, tmp_path, capsys, argv, hint) -> None:
        (tmp_path / "a.txt").write_text(DIRTY)
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "" and len(err.splitlines()) == 1 and hint in err


class TestFields:
    def write(self, tmp_path: Path) -> list[Path]:
        rows = [{"id": f"a{n}", "text": DIRTY} for n in range(3)]
        (tmp_path / "d.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
        paths = [tmp_path / "d.jsonl"]
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            return paths
        pq.write_table(pa.table({"id": [r["id"] for r in rows], "text": [r["text"] for r in rows]}), tmp_path / "d.parquet")
        return [*paths, tmp_path / "d.parquet"]

    @pytest.mark.parametrize(("flag", "name"), [("--id-field", "nope"), ("--text-field", "body")])
    def test_a_field_no_record_has_is_one_line_for_jsonl_and_parquet(self, tmp_path, capsys, flag, name) -> None:
        for path in self.write(tmp_path):
            code, out, err = run(capsys, "check", "--format", "concise", flag, name, path.name)
            assert code == 2 and "NL" not in out
            assert err == f"newslint: error: {path.name}: no record has the {flag[2:-6]} field '{name}' (choose it with {flag}; fields: id, text)\n"


def test_config_output_loads_again_as_the_same_settings(tmp_path, capsys, monkeypatch) -> None:
    """``newslint config > newslint.toml`` is a working configuration, unset fields and all."""
    monkeypatch.chdir(tmp_path)
    code, printed, _ = run(capsys, "config", "--isolated")
    assert code == 0
    (tmp_path / "newslint.toml").write_text(printed)
    code, again, err = run(capsys, "config")
    assert code == 0, err
    assert again.splitlines()[1:] == printed.splitlines()[1:]
