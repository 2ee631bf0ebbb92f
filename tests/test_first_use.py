"""What tripped a new user following the README: each message names the real problem and its way out."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import pytest

from .conftest import run

DIRTY = "They met in kyiv. .\n\nThen,, they left.\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    return tmp_path


def test_a_negative_cap_is_refused_with_the_values_that_work(folder, capsys) -> None:
    code, _out, err = run(capsys, "check", "--isolated", "--max-findings-per-rule", "-1", "a.txt")
    assert code == 2 and "must be 0 (no limit) or more" in err
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")
    assert run(capsys, "check", "--isolated", "--max-findings-per-rule", "00", "a.txt")[0] == 1


def test_the_default_text_field_is_not_said_to_be_named_by_a_flag_never_given(folder, capsys) -> None:
    (folder / "d.jsonl").write_text(json.dumps({"url": "u", "body": "Fine."}) + "\n", encoding="utf-8")
    code, _out, err = run(capsys, "check", "--isolated", "d.jsonl")
    assert code == 2
    assert err == "newslint: error: d.jsonl: no record has the text field 'text' (choose it with --text-field; fields: url, body)\n"


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("They left. .", "1 safe fix"),
        ("Mr Putin and Mr. Xi met in kyiv.", "1 safe fix and 1 unsafe fix"),  # NL201's fix is safe, NL901's unsafe
    ],
)
def test_fixes_held_by_a_broken_record_are_said_plainly_safe_and_unsafe_apart(folder, capsys, text, held) -> None:
    (folder / "d.jsonl").write_text(json.dumps({"text": text}) + "\n{broken\n", encoding="utf-8")
    code, out, _err = run(capsys, "check", "--isolated", "--format", "concise", "d.jsonl")
    assert code == 2
    assert out.splitlines()[-1] == (
        f"{held} not applied: `--fix` rewrites a file only when all of it reads and it can be written (mend the errors above)."
    )


def test_an_empty_data_file_counts_as_a_file_checked(folder, capsys) -> None:
    (folder / "empty.jsonl").write_text("", encoding="utf-8")
    code, out, _err = run(capsys, "check", "--isolated", "--format", "concise", "empty.jsonl")
    assert code == 0 and out == "Found 0 findings in 1 file.\n"


def test_github_and_report_counts_are_in_the_plural_they_need(folder, capsys) -> None:
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")
    _code, out, _err = run(capsys, "check", "--isolated", "--format", "github", "a.txt")
    assert out.splitlines()[-1] == "newslint: 3 findings: 1 error, 2 warnings"
    _code, out, _err = run(capsys, "check", "--isolated", "--format", "report", "--color", "never", "a.txt")
    assert out.splitlines()[0] == "1 document, 3 findings (1 error, 2 warnings)"


def test_config_of_a_path_that_does_not_exist_is_an_error(folder, capsys) -> None:
    (folder / "newslint.toml").write_text('select = ["NL1"]\n', encoding="utf-8")
    code, out, err = run(capsys, "config", "wrie/a.txt")
    assert code == 2 and out == "" and err == "newslint: error: config: wrie/a.txt: no such file or folder\n"
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")
    assert run(capsys, "config", "a.txt")[0] == 0


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["rule", "double-perod"], "; did you mean 'double-period'?"),
        (["check", "--isolated", "--ignore", "doubled-wrd", "."], "unknown rule selector 'doubled-wrd'; did you mean 'doubled-word'?"),
    ],
)
def test_a_mistyped_rule_name_gets_the_closest_name(folder, capsys, argv, expected) -> None:
    code, _out, err = run(capsys, *argv)
    assert code == 2 and err.rstrip().endswith(expected)


def test_a_mistyped_rule_name_in_the_configuration_gets_the_closest_name(folder, capsys) -> None:
    (folder / "newslint.toml").write_text('ignore = ["doubled-wrd"]\n', encoding="utf-8")
    code, _out, err = run(capsys, "check", ".")
    assert code == 2 and err.rstrip().endswith("unknown rule selector 'doubled-wrd'; did you mean 'doubled-word'?")


def test_a_mistyped_code_gets_no_guess(folder, capsys) -> None:
    code, _out, err = run(capsys, "rule", "NL999")
    assert code == 2 and "did you mean" not in err


@pytest.mark.parametrize("command", ["check", "report"])
def test_a_page_that_cannot_be_written_is_one_line_not_a_traceback(folder, capsys, command) -> None:
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")
    (folder / "f.jsonl").write_text(run(capsys, "check", "--isolated", "--format", "jsonl", "a.txt")[1], encoding="utf-8")
    argv = ["check", "--isolated", "--format", "report", "a.txt"] if command == "check" else ["report", "f.jsonl"]
    code, _out, err = run(capsys, *argv, "--html", str(folder / "missing" / "r.html"))
    assert code == 2 and err == f"newslint: error: {folder / 'missing' / 'r.html'}: cannot write the page: No such file or directory\n"


def test_the_page_is_written_even_when_the_tables_reader_stops(folder, capsys, monkeypatch) -> None:
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")
    (folder / "f.jsonl").write_text(run(capsys, "check", "--isolated", "--format", "jsonl", "a.txt")[1], encoding="utf-8")
    reader, writer = os.pipe()
    os.close(reader)  # the reader went away (``| head -1``): every write is a broken pipe
    with os.fdopen(writer, "w") as closed:
        monkeypatch.setattr("sys.stdout", closed)
        with contextlib.suppress(SystemExit):  # rich leaves on a broken pipe with exit 1
            run(capsys, "report", "f.jsonl", "--html", "r.html")
    assert "<html" in (folder / "r.html").read_text(encoding="utf-8")


def test_an_output_that_is_a_file_is_refused_before_linting(folder, capsys) -> None:
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")
    (folder / "out").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "check", "--isolated", "--fix", "--output", "out", "a.txt")
    assert (code, out, err) == (2, "", "newslint: error: --output out: not a folder\n")


def test_an_output_folder_that_cannot_be_made_is_an_error_of_that_file(folder, capsys) -> None:
    (folder / "wire").mkdir()
    (folder / "wire" / "a.txt").write_text(DIRTY, encoding="utf-8")
    (folder / "out").mkdir()
    (folder / "out" / "wire").write_text("", encoding="utf-8")  # a file where the copy's folder goes
    code, out, err = run(capsys, "check", "--isolated", "--fix", "--output", "out", "wire/a.txt")
    assert code == 2 and err.startswith("newslint: error: wire/a.txt: cannot write the fixes: ") and err.count("\n") == 1
    assert out.splitlines()[-1] == (
        "3 safe fixes not applied: `--fix` rewrites a file only when all of it reads and it can be written (mend the errors above)."
    )
    assert (folder / "wire" / "a.txt").read_text(encoding="utf-8") == DIRTY


def test_the_readme_names_every_source_a_finding_can_carry(folder, capsys) -> None:
    (folder / "a.txt").write_text("He said the the thing. " * 3, encoding="utf-8")
    _code, out, _err = run(capsys, "check", "--isolated", "--format", "jsonl", "--max-findings-per-rule", "1", "a.txt")
    sources = {json.loads(line)["source"] for line in out.splitlines()} - {None}
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `source` |"))
    assert sources and all(f"`{source}`" in row for source in sources)


def test_the_readme_names_the_folders_recursion_skips() -> None:
    from linter.sources.discover import SKIPPED_DIRS

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `--include`, `--exclude` |"))
    assert all(f"`{name}`" in row for name in SKIPPED_DIRS) and "`.gitignore` is not read" in row


@pytest.mark.parametrize(("flag", "what"), [("--config", "cannot read"), ("--baseline", "cannot read the baseline")])
def test_a_folder_given_as_a_file_is_said_plainly(folder, capsys, flag, what) -> None:
    (folder / "news").mkdir()
    (folder / "news" / "a.txt").write_text(DIRTY, encoding="utf-8")
    code, _out, err = run(capsys, "check", flag, "news", "news")
    assert code == 2 and err == f"newslint: error: news: {what}: Is a directory\n"


def test_a_stdin_filename_beside_paths_is_refused_not_ignored(folder, capsys) -> None:
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")
    code, out, err = run(capsys, "check", "--isolated", "--stdin-filename", "story.md", "a.txt")
    assert (code, out) == (2, "") and err == "newslint: error: --stdin-filename names standard input: give '-' or no path, not a.txt\n"


def test_a_rule_without_a_check_type_is_told_the_key_is_missing(folder, capsys) -> None:
    (folder / "house").mkdir()
    (folder / "house" / "h.toml").write_text('[[rule]]\ncode = "HS101"\nname = "x"\n', encoding="utf-8")
    code, _out, err = run(capsys, "rule", "--test", "house")
    assert code == 2 and err.startswith("newslint: error: house/h.toml: HS101: missing key 'check': the check type, one of ")


def test_every_option_of_every_command_says_what_it_does(capsys) -> None:
    from linter.cli import build_parser

    commands = next(a for a in build_parser()._actions if a.choices and "check" in a.choices).choices
    silent = [
        f"newslint {name} {action.option_strings[0]}"
        for name, parser in commands.items()
        for action in parser._actions
        if action.option_strings and not action.help
    ]
    assert silent == []


def test_diff_wins_over_the_concise_format_as_in_ruff(folder, capsys) -> None:
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")
    code, out, err = run(capsys, "check", "--isolated", "--diff", "--format", "concise", "--color", "never", "a.txt")
    assert code == 1 and out.startswith("--- a/a.txt\n+++ b/a.txt\n") and "+They met in Kyiv.\n" in out and "NL101" not in out
    assert err == "newslint: 3 fixes would be applied in 1 file; nothing was written.\n"
    assert (folder / "a.txt").read_text(encoding="utf-8") == DIRTY


@pytest.mark.parametrize("name", ["nope", "rot13"])
def test_an_unknown_encoding_is_one_error_not_one_per_file(folder, capsys, name) -> None:
    for file in ("a.txt", "b.txt"):
        (folder / file).write_text(DIRTY, encoding="utf-8")
    code, out, err = run(capsys, "check", "--isolated", "--encoding", name, "a.txt", "b.txt")
    assert (code, out) == (2, "")
    assert err == f"newslint: error: --encoding {name}: not a text encoding Python knows (e.g. utf-8, cp1252, latin-1)\n"
    assert run(capsys, "check", "--isolated", "--encoding", "cp1252", "a.txt")[0] == 1


def test_unsafe_fixes_alone_are_not_called_more_and_their_preview_shows_them(folder, capsys) -> None:
    (folder / "a.txt").write_text("Mr Putin met Mr. Xi and Mr. Biden.\n", encoding="utf-8")
    _code, out, _err = run(capsys, "check", "--isolated", "--format", "concise", "a.txt")
    assert out.splitlines()[-1] == "1 fixable with `newslint check --fix --unsafe-fixes` (see them first with `--diff --unsafe-fixes`)."
    code, out, _err = run(capsys, "check", "--isolated", "--diff", "--unsafe-fixes", "--color", "never", "a.txt")
    assert code == 1 and "+Mr. Putin met Mr. Xi and Mr. Biden.\n" in out


@pytest.mark.parametrize("flags", [[], ["--require-files"]])
def test_a_configuration_error_comes_before_no_file_and_alone(folder, capsys, flags) -> None:
    (folder / "wire").mkdir()
    (folder / "wire" / "newslint.toml").write_text('select = ["NL999"]\n', encoding="utf-8")
    code, out, err = run(capsys, "check", *flags, "wire")
    assert (code, out) == (2, "")
    assert err == f"newslint: error: {folder / 'wire' / 'newslint.toml'}: 'select': unknown rule selector 'NL999'\n"
    code, _out, err = run(capsys, "check", "--isolated", "--select", "NL999", "wire")
    assert code == 2 and err == "newslint: error: unknown rule selector 'NL999'\n"


def test_minus_v_is_the_version_as_in_ruff(capsys) -> None:
    with pytest.raises(SystemExit) as leaving:
        run(capsys, "-V")
    assert leaving.value.code == 0 and capsys.readouterr().out.startswith("newslint ")


@pytest.mark.parametrize("value", ["", " , "])
def test_an_empty_select_is_refused_not_a_run_that_checks_nothing(folder, capsys, value) -> None:
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")
    code, out, err = run(capsys, "check", "--isolated", "--select", value, "a.txt")
    assert (code, out) == (2, "")
    assert err == "newslint: error: newslint check: argument --select: no rule given (to check nothing on purpose: --ignore ALL)\n"
    assert run(capsys, "check", "--isolated", "--ignore", "ALL", "a.txt")[0] == 0


def test_a_local_languagetool_that_cannot_start_is_not_said_to_be_unreachable(folder, capsys, monkeypatch) -> None:
    import language_tool_python

    def offline(*_args, **_kwargs):
        raise ConnectionError("Failed to resolve 'github.com'")

    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(language_tool_python, "LanguageTool", offline)
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")
    code, _out, err = run(capsys, "check", "--isolated", "--grammar", "a.txt")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("newslint: error: cannot start a local LanguageTool (downloaded on first use): Failed to resolve 'github.com'; start one with ")


def test_a_diff_without_unsafe_fixes_says_how_many_it_left_out(folder, capsys) -> None:
    (folder / "a.txt").write_text("Mr Putin met Mr. Xi and Mr. Biden.\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--isolated", "--diff", "a.txt")
    assert (code, out) == (0, "")
    assert err == "newslint: 0 fixes would be applied in 0 files (1 more with `--unsafe-fixes`); nothing was written.\n"
    code, _out, err = run(capsys, "check", "--isolated", "--diff", "--unsafe-fixes", "a.txt")
    assert (code, err) == (1, "newslint: 1 fix would be applied in 1 file; nothing was written.\n")


@pytest.mark.parametrize("argv", [["NL101"], ["--all"]])
def test_markdown_of_one_rule_is_refused_not_printed_as_text(folder, capsys, argv) -> None:
    code, out, err = run(capsys, "rule", "--isolated", "--format", "markdown", *argv)
    assert (code, out) == (2, "")
    assert err == "newslint: error: rule: --format markdown is the table of rules (as in the README); give no CODE and no --all\n"
    assert run(capsys, "rule", "--isolated", "--format", "markdown")[1].startswith("| code | name |")


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ('selec = ["NL1"]\n', "unknown key 'selec'; did you mean 'select'?"),
        ('fail_on = "error"\n', "unknown key 'fail_on'; did you mean 'fail-on'?"),
        ('[tool.newslint]\nselect = ["NL1"]\n', "unknown key 'tool' (a [tool.newslint] table is read only in pyproject.toml; in newslint.toml its keys go at the top)"),
    ],
)
def test_a_mistyped_configuration_key_gets_the_key_it_meant(folder, capsys, text: str, hint: str) -> None:
    (folder / "newslint.toml").write_text(text)
    (folder / "story.txt").write_text(DIRTY)
    code, _out, err = run(capsys, "check", "story.txt")
    assert code == 2 and err.strip() == f"newslint: error: {folder / 'newslint.toml'}: {hint}"


def test_every_configuration_key_is_one_the_hints_know() -> None:
    """The keys a hint may name are the keys read: each of them, given a wrong value, is refused for the value."""
    from linter.errors import ConfigError
    from linter.settings import KEYS, _parse

    for key in KEYS:
        with pytest.raises(ConfigError) as refused:
            _parse(Path("newslint.toml"), {key: 3.5})
        assert "unknown key" not in str(refused.value), key
