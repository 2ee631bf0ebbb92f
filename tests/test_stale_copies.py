"""Writing a word-frequency copy removes the copies no run will read again (old names, other data), and nothing else."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from linter.fluency import frequencies, stale_copies
from linter.fluency.frequencies import PureZipfTable
from linter.fluency.stale_copies import remove_stale_copies

#: Copies of the kinds newslint wrote before: named by the data file's time, or of other data.
STALE = ["en-1494836-1795984018262204342.marshal", "en-1494836-1795984018262204342.sqlite", "en-1494836-0badc0de.table1", "en-99-0badc0de.marshal"]
#: Files that only look alike, or are another run's temporary files: never removed.
UNRELATED = ["notes.txt", "en-1494836-0badc0de.table2", "en-1494836-1795984018262204342.marshal.bak", "fr-1494836-0badc0de.sqlite",
             ".en-1494836-0badc0de.table1.k3j2x.newslint", ".en-1494836-1795984018262204342.4242.tmp", ".en-1494836-0badc0de.4242.tmp-journal"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The word-frequency folder of a temporary ``XDG_CACHE_HOME``, holding stale copies and unrelated files."""
    monkeypatch.delenv("NEWSLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = tmp_path / "xdg" / "newslint" / "wordfreq"
    folder.mkdir(parents=True)
    for name in STALE + UNRELATED:
        (folder / name).write_bytes(b"an old copy")
    (folder / "en-1-2.sqlite").mkdir()  # a folder by a copy's name
    (tmp_path / "elsewhere").write_bytes(b"not the cache's")
    (folder / "en-1-3.marshal").symlink_to(tmp_path / "elsewhere")
    return folder


def _names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def _new_table(twin: str) -> object:
    if twin == "compiled":
        if frequencies._compiled is None:
            pytest.skip("the compiled word-frequency table is not built")
        return frequencies.compiled_table()
    return PureZipfTable()


@pytest.mark.parametrize("twin", ["pure", "compiled"])
def test_writing_a_copy_removes_the_stale_ones_only(folder: Path, twin: str) -> None:
    before = _names(folder)
    assert _new_table(twin).get("the") > 0
    written = _names(folder) - before
    assert written and all(name.startswith(frequencies._stem(frequencies._source()).name) for name in written)
    assert _names(folder) == before - set(STALE) | written, "the current copies and every unrelated file stay"
    assert (folder / "en-1-3.marshal").is_symlink() and (folder.parent.parent.parent / "elsewhere").exists()


def test_a_copy_of_the_current_data_stays_whichever_twin_wrote_it(folder: Path) -> None:
    stem = frequencies._stem(frequencies._source())
    twin_copy = stem.with_suffix(".table1")
    twin_copy.write_bytes(b"the other twin's copy")
    assert remove_stale_copies(stem.with_suffix(".sqlite")) == len(b"an old copy") * len(STALE)
    assert twin_copy.exists() and not any((folder / name).exists() for name in STALE)


def test_a_run_that_finds_its_copy_does_not_look_for_stale_ones(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    PureZipfTable().get("the")
    (folder / STALE[0]).write_bytes(b"an old copy")

    def listed(written: Path) -> int:
        raise AssertionError("the folder listed without a new copy")

    monkeypatch.setattr(stale_copies, "remove_stale_copies", listed)
    assert PureZipfTable().get("kyiv") > 0
    assert (folder / STALE[0]).exists()


def test_a_read_only_cache_is_left_as_it_is(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(path: str) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), path)

    before = _names(folder)
    monkeypatch.setattr(stale_copies.os, "unlink", read_only)
    assert remove_stale_copies(folder / "en-1-abcdef12.table1") == 0
    assert _names(folder) == before


def test_a_missing_folder_is_no_error(tmp_path: Path) -> None:
    assert remove_stale_copies(tmp_path / "gone" / "en-1-abcdef12.table1") == 0
