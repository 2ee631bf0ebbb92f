"""The word-frequency table: the same Zipf values as wordfreq, from the cached copies or without them."""

from __future__ import annotations

import marshal
import math
import os

import pytest
from wordfreq import get_frequency_dict

from linter.fluency import frequencies
from linter.fluency.frequencies import ZipfTable

WORDS = ["the", "government", "kyiv", "xqzzvbn", "didn", "parliament", "zxcvbnmasdf"]


def expected(word: str) -> float:
    frequency = get_frequency_dict("en").get(word, 0)
    return math.log10(frequency) + 9 if frequency else 0.0


def test_lookups_match_wordfreq_and_leave_copies_in_the_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    table = ZipfTable()
    assert [table.get(w) for w in WORDS] == [expected(w) for w in WORDS]
    assert not table.complete, "a short run looks words up one by one"
    copies = sorted(p.suffix for p in (tmp_path / "wordfreq").iterdir())
    assert copies == [".marshal", ".sqlite"]
    again = ZipfTable()  # a second run reads the copies
    assert [again.get(w) for w in WORDS] == [expected(w) for w in WORDS]


def test_a_long_run_switches_to_the_whole_table(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(frequencies, "SWITCH_AFTER", 3)
    table = ZipfTable()
    values = [table.get(w) for w in WORDS]
    assert table.complete and values == [expected(w) for w in WORDS]
    assert table.get("government") == expected("government")


def test_without_a_writable_cache_the_table_comes_from_wordfreq(tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(blocked))
    table = ZipfTable()
    assert [table.get(w) for w in WORDS] == [expected(w) for w in WORDS]
    assert table.complete


@pytest.mark.parametrize("damage", [b"", b"not sqlite at all"])
def test_a_damaged_copy_is_not_fatal(tmp_path, monkeypatch, damage) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    ZipfTable().get("the")
    for copy in (tmp_path / "wordfreq").iterdir():
        copy.write_bytes(damage)
    table = ZipfTable()
    assert [table.get(w) for w in WORDS] == [expected(w) for w in WORDS]


@pytest.mark.parametrize("switch_after", [3_000, 3])
def test_unknown_words_in_bulk_are_those_get_calls_zero(tmp_path, monkeypatch, switch_after) -> None:
    """The bulk look-up of the nonword rule: the same words as one ``get`` each, before and after
    the whole table is loaded (and across the switch, which happens within the call here)."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(frequencies, "SWITCH_AFTER", switch_after)
    table = ZipfTable()
    assert table.unknown(WORDS) == {w for w in WORDS if expected(w) == 0} == {"xqzzvbn", "zxcvbnmasdf"}
    assert table.complete == (switch_after == 3)
    assert table.unknown(iter(WORDS)) == {"xqzzvbn", "zxcvbnmasdf"}


class _NoGet(dict):
    def get(self, *args: object) -> float:
        raise AssertionError("a look-up per word")


def test_a_complete_table_tells_unknown_words_by_a_set_difference() -> None:
    """Once loaded whole, the table answers in bulk without a look-up per word, zero values included."""
    table = ZipfTable()
    table.values, table.complete = _NoGet({"the": 7.7, "kyiv": 4.1, "nil": 0.0, "minus": -0.0}), True
    assert table.unknown(["the", "kyiv", "nil", "minus", "xqzzvbn"]) == {"nil", "minus", "xqzzvbn"}
    assert table.unknown(iter(["nil", "the"])) == {"nil"}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_forked_child_reads_the_table_through_its_own_database_handle(tmp_path, monkeypatch) -> None:
    """SQLite forbids using a connection in a forked child: the child drops the parent's handle and
    opens its own, and both read the same values; the parent's handle stays open for it."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    table = ZipfTable()
    assert table.get("the") == expected("the") and not table.complete
    inherited = table._database
    assert inherited is not None
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the child: report what it found, and exit without pytest's clean-up
        try:
            dropped = table._database is None
            values = [table.get(w) for w in WORDS]
            reopened = table._database is not None and not table.complete
            os.write(writing, marshal.dumps((dropped, values, reopened)))
        finally:
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading, "rb") as stream:
        dropped, values, reopened = marshal.loads(stream.read())
    os.waitpid(child, 0)
    assert dropped and reopened
    assert values == [expected(w) for w in WORDS]
    assert table._database is inherited and table.get("parliament") == expected("parliament")


def test_tables_used_are_loaded_whole_before_workers_fork(tmp_path, monkeypatch) -> None:
    """What a parent does before forking workers (:mod:`linter.parallel.warm`): a table that looked
    words up is loaded whole, so the workers share it; an unused one stays unloaded."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    used, unused = ZipfTable(), ZipfTable()
    used.get("the")
    frequencies.load_used_tables()
    assert used.complete and not unused.complete and not unused.values
    assert used.get("government") == expected("government") and used._database is None
