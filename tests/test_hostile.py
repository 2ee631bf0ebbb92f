"""Hostile and odd input, each case with its exact exit code and error output.

Invalid input is exit 2 with one line naming the path and the file left unchanged;
odd but valid input is linted normally. In every case a second, damaged file is
checked too: no case may print a traceback or stop the run for the other files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from linter.cli import main

COMPANION = "They met in kyiv.\n"


@dataclass
class Case:
    name: str
    make: Callable[[Path], list[str]]  # creates files, returns the paths to pass
    code: int
    errors: list[str] = field(default_factory=list)  # expected stderr lines; {0} is the first path
    flags: list[str] = field(default_factory=list)
    unchanged: bool = True  # the hostile file keeps its bytes
    expect: Callable[[list[dict], Path], None] | None = None
    marks: tuple = ()


def write(path: Path, data: bytes | str) -> str:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


def unreadable(tmp: Path) -> list[str]:
    path = tmp / "secret.txt"
    write(path, "They met in kyiv.\n")
    path.chmod(0)
    return [str(path)]


def symlink_loop(tmp: Path) -> list[str]:
    (tmp / "a.txt").symlink_to(tmp / "b.txt")
    (tmp / "b.txt").symlink_to(tmp / "a.txt")
    return [str(tmp / "a.txt")]


def non_utf8_name(tmp: Path) -> list[str]:
    folder = tmp / "names"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as stream:
        stream.write(b"They met in kyiv.\n")
    return [str(folder)]


def directory_named_like_a_file(tmp: Path) -> list[str]:
    folder = tmp / "tree"
    (folder / "looks-like.txt").mkdir(parents=True)
    return [str(folder)]


def broken_jsonl(tmp: Path) -> list[str]:
    return [write(tmp / "data.jsonl", '{"text": "ok in kyiv."}\n{not json\n\n{"text": 5}\n{"text": "fine."}\n')]


def expect_codes(*codes: str) -> Callable[[list[dict], Path], None]:
    def check(findings: list[dict], tmp: Path) -> None:
        hostile = [f for f in findings if not f["path"].endswith("companion.txt")]
        assert {f["code"] for f in hostile} >= set(codes), hostile

    return check


CASES = [
    Case("nul bytes", lambda t: [write(t / "a.txt", b"abc\x00def")], 2, ["{0}: binary file (contains NUL bytes); not linted"]),
    Case("an image", lambda t: [write(t / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")], 2, ["{0}: binary file (contains NUL bytes); not linted"]),
    Case("invalid utf-8", lambda t: [write(t / "a.txt", b"caf\xe9 au lait")], 2, ["{0}: invalid utf-8 at byte 3 (b'\\xe9 au'); use --encoding to read a legacy encoding"]),
    Case("legacy cp1252 on purpose", lambda t: [write(t / "a.txt", "Café in kyiv.\n".encode("cp1252"))], 1, flags=["--encoding", "cp1252"], expect=expect_codes("NL201")),
    Case("utf-16 with bom", lambda t: [write(t / "a.txt", "\ufeffThey met in kyiv.\r\n".encode("utf-16-le"))], 1, expect=expect_codes("NL201")),
    Case("empty file", lambda t: [write(t / "a.txt", b"")], 1),
    Case("whitespace only", lambda t: [write(t / "a.txt", "  \n\n\t \r\n")], 1),
    Case("crlf and a bom", lambda t: [write(t / "a.txt", "\ufeffThey met in kyiv. .\r\n\r\nThen left.\r\n")], 1, expect=expect_codes("NL101", "NL201")),
    Case("unreadable file", unreadable, 2, ["{0}: permission denied"]),
    Case("a directory named like a file is not read", directory_named_like_a_file, 1),
    Case("vanished before reading", lambda t: [str(t / "gone.txt")], 2, ["{0}: no such file or folder"]),
    Case("symlink loop", symlink_loop, 2, ["{0}: cannot read: Too many levels of symbolic links"]),
    Case("non-utf-8 file name", non_utf8_name, 1, expect=lambda f, t: [x for x in f if x["path"].endswith("caf\\xe9.txt") and x["code"] == "NL201"] or pytest.fail(str(f))),
    Case(
        "jsonl with broken lines",
        broken_jsonl,
        2,
        ["{0}:2: malformed JSON line: expecting property name enclosed in double quotes at column 2", "{0}:4: record has a non-string 'text' field"],
        expect=lambda f, t: [x for x in f if x["record"] == 1 and x["code"] == "NL201"] or pytest.fail(str(f)),
    ),
    Case(
        # JSON can escape a lone surrogate, which no UTF-8 text holds: every rule must take it.
        "jsonl with a lone surrogate",
        lambda t: [write(t / "data.jsonl", '{"text": "The talks in kyiv went on \\ud800 until late because the ministers could not agree on the wording of the final text."}\n')],
        1,
        expect=expect_codes("NL201"),
    ),
    Case(
        "a 50 MB single line",
        lambda t: [write(t / "huge.txt", ("The minister said the talks in kyiv would resume on Monday. " * 820_000)[:50_000_000])],
        1,
        expect=expect_codes("NL201"),
        marks=(pytest.mark.slow,),
    ),
    Case("a million one-character lines", lambda t: [write(t / "lines.txt", "a\n" * 1_000_000)], 1, marks=(pytest.mark.slow,)),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=c.marks) for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    paths = case.make(tmp_path)
    before = {p: Path(p).read_bytes() for p in paths if os.path.isfile(p) and os.access(p, os.R_OK)}
    if case.name == "unreadable file" and os.geteuid() == 0:
        # root reads any file; make this one refuse as it would for everyone else.
        real = os.open
        monkeypatch.setattr(os, "open", lambda path, *a: (_ for _ in ()).throw(PermissionError(13, "Permission denied")) if os.path.basename(path) == "secret.txt" else real(path, *a))
    companion = write(tmp_path / "companion.txt", COMPANION)
    code = main(["check", "--isolated", "--format", "json", *case.flags, *paths, companion])
    out, err = capsys.readouterr()
    expected_errors = [f"newslint: error: {line.format(*paths)}" for line in case.errors]
    assert err.splitlines() == expected_errors
    assert "Traceback" not in err + out
    assert code == case.code
    findings = json.loads(out)
    assert any(f["path"] == companion and f["code"] == "NL201" for f in findings), "the other file was not checked"
    if case.expect is not None:
        case.expect(findings, tmp_path)
    if case.unchanged:
        assert {p: open(p, "rb").read() for p in before} == before


def test_read_only_file_under_fix_is_left_unchanged(tmp_path, capsys) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("They met in kyiv.\n")
    locked.chmod(0o444)
    other = tmp_path / "other.txt"
    other.write_text("They met in kyiv.\n")
    code = main(["check", "--isolated", "--fix", "--quiet", str(locked), str(other)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [f"newslint: error: {locked}: cannot write the fixes: the file is read-only (file left unchanged)"]
    assert locked.read_text() == "They met in kyiv.\n"
    assert other.read_text() == "They met in Kyiv.\n"


@pytest.mark.parametrize("name, content", [("locked.txt", "They met in kyiv.\n"), ("locked.jsonl", '{"text": "They met in kyiv."}\n')])
def test_a_fix_that_could_not_be_written_is_not_claimed(tmp_path, capsys, name, content) -> None:
    # The findings are those of the text that stays on disk, and the summary claims no fix.
    locked = tmp_path / name
    locked.write_text(content)
    locked.chmod(0o444)
    code = main(["check", "--isolated", "--fix", "--format", "json", str(locked)])
    out = capsys.readouterr().out
    assert code == 2 and [f["code"] for f in json.loads(out)] == ["NL201"]
    code = main(["check", "--isolated", "--fix", "--color", "never", str(locked)])
    out = capsys.readouterr().out
    assert code == 2 and "Fixed" not in out and "Found 1 finding" in out
    assert locked.read_text() == content


def test_utf16_is_written_back_as_utf16(tmp_path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfe" + "They met in kyiv.\r\n".encode("utf-16-le"))
    main(["check", "--isolated", "--fix", "--quiet", str(path)])
    capsys.readouterr()
    assert path.read_bytes() == b"\xff\xfe" + "They met in Kyiv.\r\n".encode("utf-16-le")
