"""One way to write a file whole: ``linter.cache.replace_file`` (temporary file beside the
target, then a rename), under the cache files of the core and ``write_atomic``'s fixed files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from linter import cache
from linter.cache import replace_file, write_cache_file
from linter.sources import atomic
from linter.sources.atomic import write_atomic


def _leftovers(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith(".")]


def test_replace_file_sets_the_mode_and_syncs_only_when_asked(tmp_path, monkeypatch) -> None:
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    target = tmp_path / "a.bin"
    replace_file(target, b"one")
    assert target.read_bytes() == b"one" and synced == []
    replace_file(target, b"two", mode=0o640, durable=True)
    assert target.read_bytes() == b"two" and len(synced) == 1
    assert target.stat().st_mode & 0o777 == 0o640 and _leftovers(tmp_path) == []


def test_a_failed_replace_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch) -> None:
    target = tmp_path / "a.bin"
    target.write_bytes(b"old")

    def refuse(_source: str, _target: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        replace_file(target, b"new")
    assert target.read_bytes() == b"old" and _leftovers(tmp_path) == []


def test_cache_files_and_fixed_files_are_written_by_it(tmp_path, monkeypatch) -> None:
    calls: list[tuple[str, int | None, bool]] = []

    def record(target: Path, data: bytes, mode: int | None = None, durable: bool = False) -> None:
        calls.append((target.name, mode, durable))

    monkeypatch.setattr(cache, "replace_file", record)
    monkeypatch.setattr(atomic, "replace_file", record)
    story = tmp_path / "story.txt"
    story.write_text("old")
    story.chmod(0o640)
    write_atomic(story, b"new")
    write_cache_file(tmp_path / "deep" / "rules.pickle", b"pickled")
    assert calls == [("story.txt", 0o640, True), ("rules.pickle", None, False)]
    assert (tmp_path / "deep").is_dir()
