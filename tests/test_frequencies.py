"""The word-frequency table: the same Zipf values as wordfreq, from the cached copies or without them."""

from __future__ import annotations

import math

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
