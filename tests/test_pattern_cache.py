"""newslint's own patterns come from the cache file after the first run, compiled as ``regex`` would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex

import linter
from linter import pattern_cache
from linter.pattern_cache import compiled

#: Run in a fresh interpreter: check one small text, then say whether any pattern had to be compiled.
CHECK = """
import sys
from linter import pattern_cache
from linter.cli import main
code = main(["check", sys.argv[1], "--isolated", "--format", "jsonl"])
print(pattern_cache._store.added, len(pattern_cache._store.asked), code)
"""


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder and a store not loaded yet (as at a process's start)."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(pattern_cache, "_store", None)
    return tmp_path / "cache"


def test_a_second_run_compiles_none_of_them(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The council met in kyiv on Monday. . It approved the budget.\n", encoding="utf-8")
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(Path(linter.__file__).parent.parent)}
    runs = [subprocess.run([sys.executable, "-c", CHECK, str(article)], capture_output=True, text=True, env=env, check=True).stdout.splitlines()[-1].split() for _ in range(2)]
    assert runs[0][0] == "True" and runs[1][0] == "False"  # the first compiled and saved them, the second loaded them all
    assert int(runs[1][1]) > 50 and runs[0][2] == runs[1][2] == "1"
    assert len(list((tmp_path / "cache" / "patterns").glob("*.pickle"))) == 1


def test_a_loaded_pattern_is_the_compiled_one(cache_folder: Path) -> None:
    source, flags = r"(?<!\p{L})\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)*", regex.IGNORECASE
    compiled(source, flags)
    pattern_cache._store.save()
    pattern_cache._store = None
    loaded = compiled(source, flags)
    assert not pattern_cache._store.added  # from the file
    fresh = regex.compile(source, flags)
    assert (loaded.pattern, loaded.flags, loaded.groupindex) == (fresh.pattern, fresh.flags, fresh.groupindex)
    text = "They met Ana Lopez and ÉMILE in Kyiv."
    assert [m.span() for m in loaded.finditer(text)] == [m.span() for m in fresh.finditer(text)] != []


def test_a_broken_file_is_only_a_miss(cache_folder: Path) -> None:
    path = pattern_cache._Store().path
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    assert compiled(r"\d+").findall("1 and 22") == ["1", "22"]
    pattern_cache._store.save()
    pattern_cache._store = None
    compiled(r"\d+")
    assert not pattern_cache._store.added


def test_without_a_writable_folder_patterns_are_compiled(cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = cache_folder.parent / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(blocked))
    assert compiled(r"a+b").fullmatch("aab")
    pattern_cache._store.save()  # nothing written, nothing raised
    assert blocked.read_text() == "not a folder"


def test_a_file_grown_past_keep_keeps_what_this_process_asked_for(cache_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pattern_cache, "KEEP", 2)
    for source in ("a", "b", "c"):
        compiled(source)
    pattern_cache._store.save()
    pattern_cache._store = None
    compiled("c")
    assert len(pattern_cache._store.patterns) == 3
    pattern_cache._store.save()  # nothing new: not written
    compiled("d")
    pattern_cache._store.save()  # over KEEP: only "c" and "d", asked for by this process
    pattern_cache._store = None
    compiled("d")
    assert sorted(source for source, _ in pattern_cache._store.patterns) == ["c", "d"]
