"""The command line, in process: exit codes, formats, fixes written byte for byte, bad input."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from linter import __version__
from linter.cli import main

from .conftest import run

DIRTY = "They met in kyiv. .\n\nThen,, they left.\n"
CLEAN = "They met in Kyiv.\n\nThen, they left.\n"


@pytest.fixture(autouse=True)
def _terminal(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_json_fields_and_exit_code(tmp_path, capsys) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    code, out, err = run(capsys, "check", "--format", "json", str(path))
    assert code == 1 and err == ""
    findings = json.loads(out)
    by_code = {f["code"]: f for f in findings}
    assert {"NL101", "NL201", "NL105"} <= set(by_code)
    kyiv = by_code["NL201"]
    assert kyiv["path"] == str(path) and kyiv["record"] is None
    assert (kyiv["line"], kyiv["column"], kyiv["end_line"], kyiv["end_column"]) == (1, 13, 1, 17)
    assert DIRTY[kyiv["start"] : kyiv["end"]] == "kyiv"
    assert kyiv["fix"] == {
        "title": "Capitalize the name",
        "applicability": "safe",
        "edits": [{"start": 12, "end": 16, "replacement": "Kyiv"}],
    }
    assert set(kyiv) == {"path", "record", "code", "name", "kind", "severity", "message", "line", "column", "end_line", "end_column", "start", "end", "score", "source", "fix"}
    assert kyiv["score"] is None and kyiv["source"] is None


def test_jsonl_and_concise(tmp_path, capsys) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    _, out, _ = run(capsys, "check", "--format", "jsonl", str(path))
    assert all(json.loads(line)["path"] == str(path) for line in out.splitlines())
    _, out, _ = run(capsys, "check", "--format", "concise", str(path))
    assert f"{path}:1:13: NL201 [*] 'kyiv' is a proper noun: write 'Kyiv'." in out.splitlines()


def test_clean_file_exits_zero(tmp_path, capsys) -> None:
    path = write(tmp_path / "a.txt", CLEAN)
    assert run(capsys, "check", str(path))[0] == 0


def test_fail_on(tmp_path, capsys) -> None:
    path = write(tmp_path / "a.txt", "They met.  Then left.\n")  # a doubled space: info only
    assert run(capsys, "check", str(path))[0] == 0
    assert run(capsys, "check", "--fail-on", "info", str(path))[0] == 1
    dirty = write(tmp_path / "b.txt", DIRTY)
    assert run(capsys, "check", "--fail-on", "never", str(dirty))[0] == 0


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_fix_changes_only_the_edits(tmp_path, capsys, newline: str, bom: bytes) -> None:
    dirty = DIRTY.replace("\n", newline)
    path = write(tmp_path / "a.txt", bom + dirty.encode())
    code, _, err = run(capsys, "check", "--fix", str(path))
    assert err == ""
    assert path.read_bytes() == bom + CLEAN.replace("\n", newline).encode()
    assert code == 0
    code, out, _ = run(capsys, "check", "--format", "json", str(path))
    assert json.loads(out) == [] and code == 0


def test_fix_keeps_a_missing_final_newline(tmp_path, capsys) -> None:
    path = write(tmp_path / "a.txt", "They met in kyiv.")
    run(capsys, "check", "--fix", str(path))
    assert path.read_bytes() == b"They met in Kyiv."


def test_unchanged_file_is_not_rewritten(tmp_path, capsys) -> None:
    path = write(tmp_path / "a.txt", CLEAN)
    before = os.stat(path)
    run(capsys, "check", "--fix", str(path))
    after = os.stat(path)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_fix_keeps_permissions(tmp_path, capsys) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    path.chmod(0o640)
    run(capsys, "check", "--fix", str(path))
    assert (path.stat().st_mode & 0o777) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name != "a.txt"], "temporary file left behind"


def test_unsafe_fixes(tmp_path, capsys) -> None:
    path = write(tmp_path / "a.txt", "Mr Putin met Mr. Xi and Mr. Biden.\n")
    run(capsys, "check", "--fix", str(path))
    assert path.read_text() == "Mr Putin met Mr. Xi and Mr. Biden.\n"
    run(capsys, "check", "--fix", "--unsafe-fixes", str(path))
    assert path.read_text() == "Mr. Putin met Mr. Xi and Mr. Biden.\n"


def test_unsafe_fixes_alone_says_it_does_nothing(tmp_path, capsys) -> None:
    path = write(tmp_path / "a.txt", "Mr Putin met Mr. Xi and Mr. Biden.\n")
    _code, out, err = run(capsys, "check", "--unsafe-fixes", str(path))
    assert path.read_text() == "Mr Putin met Mr. Xi and Mr. Biden.\n"
    assert "1 fixable with `newslint check --fix --unsafe-fixes`" in out
    assert err == "newslint: warning: --unsafe-fixes has an effect only with --fix or --diff\n"
    _code, _out, err = run(capsys, "check", "--diff", "--unsafe-fixes", str(path))
    assert "--unsafe-fixes" not in err


def test_diff_writes_nothing(tmp_path, capsys) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    code, out, _ = run(capsys, "check", "--diff", "--color", "never", str(path))
    assert code == 1
    assert path.read_text() == DIRTY
    assert "-They met in kyiv. .\n+They met in Kyiv.\n" in out and out.startswith("--- a/")
    clean = write(tmp_path / "b.txt", CLEAN)
    assert run(capsys, "check", "--diff", str(clean))[0] == 0


def test_bad_input_is_one_line_and_the_rest_is_checked(tmp_path, capsys) -> None:
    binary = write(tmp_path / "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    invalid = write(tmp_path / "b.txt", b"caf\xe9 au lait")
    good = write(tmp_path / "c.txt", DIRTY)
    code, out, err = run(capsys, "check", "--format", "concise", str(binary), str(invalid), str(good), str(tmp_path / "gone.txt"))
    assert code == 2
    lines = err.splitlines()
    assert lines == [
        f"newslint: error: {binary}: binary file (contains NUL bytes); not linted",
        f"newslint: error: {invalid}: invalid utf-8 at byte 3 (b'\\xe9 au'); use --encoding to read a legacy encoding",
        f"newslint: error: {tmp_path / 'gone.txt'}: no such file or folder",
    ]
    assert "Traceback" not in err
    assert f"{good}:1:13: NL201" in out


def test_legacy_encoding_on_purpose(tmp_path, capsys) -> None:
    path = write(tmp_path / "a.txt", "Caf\xe9 in kyiv.\n".encode("cp1252"))
    code, _, _ = run(capsys, "check", "--encoding", "cp1252", "--fix", str(path))
    assert path.read_bytes() == "Caf\xe9 in Kyiv.\n".encode("cp1252")


def test_directories_are_recursed_with_include_globs(tmp_path, capsys) -> None:
    write(tmp_path / "a.txt", DIRTY)
    write(tmp_path / "b.md", DIRTY)
    write(tmp_path / "c.json", DIRTY)
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "d.txt", DIRTY)
    _, out, _ = run(capsys, "check", "--format", "json", str(tmp_path))
    assert sorted({Path(f["path"]).name for f in json.loads(out)}) == ["a.txt", "b.md"]


def test_stdin(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DIRTY.encode())))
    code, out, _ = run(capsys, "check", "--format", "concise", "-")
    assert code == 1 and "-:1:13: NL201" in out


def test_stdin_fix_writes_the_text_to_stdout(monkeypatch, capsysbinary) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DIRTY.encode())))
    main(["check", "--fix", "--quiet", "-"])
    assert capsysbinary.readouterr().out == CLEAN.encode()


def test_stdin_fix_passes_unreadable_input_through(monkeypatch, capsysbinary) -> None:
    """``newslint check --fix - < in > out`` must not leave ``out`` empty when ``in`` is not UTF-8."""
    raw = b"Caf\xe9 in kyiv. .\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    assert main(["check", "--fix", "--quiet", "-"]) == 2
    captured = capsysbinary.readouterr()
    assert captured.out == raw and b"invalid utf-8" in captured.err


@pytest.mark.parametrize(
    "argv",
    [["check", "--select", "NL000"], ["check", "--format", "xml"], ["rule", "NL000"], ["check", "--fix", "--diff"]],
)
def test_usage_errors_exit_two_with_one_line(capsys, argv) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_select_and_ignore(tmp_path, capsys) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    _, out, _ = run(capsys, "check", "--format", "json", "--select", "NL2", str(path))
    assert {f["code"] for f in json.loads(out)} == {"NL201"}
    _, out, _ = run(capsys, "check", "--format", "json", "--ignore", "lowercase-proper-noun,NL105", str(path))
    assert {f["code"] for f in json.loads(out)} == {"NL101"}


def test_statistics(tmp_path, capsys) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    _, out, _ = run(capsys, "check", "--statistics", str(path))
    assert "NL201" in out and "lowercase-proper-noun" in out and "kyiv" not in out


def test_rule_table_and_json(capsys) -> None:
    code, out, _ = run(capsys, "rule")
    assert code == 0 and "NL101" in out and "double-period" in out
    code, out, _ = run(capsys, "rule", "double-period", "--format", "json")
    record = json.loads(out)
    assert record["code"] == "NL101" and record["fix"] == "safe" and record["examples"]["good"]


def test_module_entry_point() -> None:
    import subprocess

    result = subprocess.run([sys.executable, "-m", "linter", "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and __version__ in result.stdout
