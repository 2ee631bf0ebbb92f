"""The word-frequency table: the same Zipf values as wordfreq, from the cached copies or without them.

The pure twin (SQLite, then a dict) first; then the compiled one (a mapped hash table), which
must give the very doubles the pure one gives, for any word.
"""

from __future__ import annotations

import marshal
import math
import os
import struct
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import get_frequency_dict

from linter.fluency import frequencies
from linter.fluency.frequencies import PureZipfTable
from linter.kernels import kernels

from .conftest import compiled_kernel

WORDS = ["the", "government", "kyiv", "xqzzvbn", "didn", "parliament", "zxcvbnmasdf"]


def expected(word: str) -> float:
    frequency = get_frequency_dict("en").get(word, 0)
    return math.log10(frequency) + 9 if frequency else 0.0


def test_lookups_match_wordfreq_and_leave_copies_in_the_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    table = PureZipfTable()
    assert [table.get(w) for w in WORDS] == [expected(w) for w in WORDS]
    assert not table.complete, "a short run looks words up one by one"
    copies = sorted(p.suffix for p in (tmp_path / "wordfreq").iterdir())
    assert copies == [".marshal", ".sqlite"]
    again = PureZipfTable()  # a second run reads the copies
    assert [again.get(w) for w in WORDS] == [expected(w) for w in WORDS]


def test_a_long_run_switches_to_the_whole_table(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(frequencies, "SWITCH_AFTER", 3)
    table = PureZipfTable()
    values = [table.get(w) for w in WORDS]
    assert table.complete and values == [expected(w) for w in WORDS]
    assert table.get("government") == expected("government")


def test_without_a_writable_cache_the_table_comes_from_wordfreq(tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(blocked))
    table = PureZipfTable()
    assert [table.get(w) for w in WORDS] == [expected(w) for w in WORDS]
    assert table.complete


@pytest.mark.parametrize("damage", [b"", b"not sqlite at all"])
def test_a_damaged_copy_is_not_fatal(tmp_path, monkeypatch, damage) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    PureZipfTable().get("the")
    for copy in (tmp_path / "wordfreq").iterdir():
        copy.write_bytes(damage)
    table = PureZipfTable()
    assert [table.get(w) for w in WORDS] == [expected(w) for w in WORDS]


@pytest.mark.parametrize("switch_after", [3_000, 3])
def test_unknown_words_in_bulk_are_those_get_calls_zero(tmp_path, monkeypatch, switch_after) -> None:
    """The bulk look-up of the nonword rule: the same words as one ``get`` each, before and after
    the whole table is loaded (and across the switch, which happens within the call here)."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(frequencies, "SWITCH_AFTER", switch_after)
    table = PureZipfTable()
    assert table.unknown(WORDS) == {w for w in WORDS if expected(w) == 0} == {"xqzzvbn", "zxcvbnmasdf"}
    assert table.complete == (switch_after == 3)
    assert table.unknown(iter(WORDS)) == {"xqzzvbn", "zxcvbnmasdf"}


class _NoGet(dict):
    def get(self, *args: object) -> float:
        raise AssertionError("a look-up per word")


def test_a_complete_table_tells_unknown_words_by_a_set_difference() -> None:
    """Once loaded whole, the table answers in bulk without a look-up per word, zero values included."""
    table = PureZipfTable()
    table.values, table.complete = _NoGet({"the": 7.7, "kyiv": 4.1, "nil": 0.0, "minus": -0.0}), True
    assert table.unknown(["the", "kyiv", "nil", "minus", "xqzzvbn"]) == {"nil", "minus", "xqzzvbn"}
    assert table.unknown(iter(["nil", "the"])) == {"nil"}


def in_a_forked_child(report: Callable[[], object]) -> Any:
    """What ``report`` returns in a forked child (marshalled back), which exits without pytest's clean-up."""
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        try:
            os.write(writing, marshal.dumps(report()))
        finally:
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading, "rb") as stream:
        found = marshal.loads(stream.read())
    os.waitpid(child, 0)
    return found


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_forked_child_reads_the_table_through_its_own_database_handle(tmp_path, monkeypatch) -> None:
    """SQLite forbids using a connection in a forked child: the child drops the parent's handle and
    opens its own, and both read the same values; the parent's handle stays open for it."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    table = PureZipfTable()
    assert table.get("the") == expected("the") and not table.complete
    inherited = table._database
    assert inherited is not None

    def in_child() -> tuple[bool, list[float], bool]:
        dropped = table._database is None
        values = [table.get(w) for w in WORDS]
        return dropped, values, table._database is not None and not table.complete

    dropped, values, reopened = in_a_forked_child(in_child)
    assert dropped and reopened
    assert values == [expected(w) for w in WORDS]
    assert table._database is inherited and table.get("parliament") == expected("parliament")


def test_tables_used_are_loaded_whole_before_workers_fork(tmp_path, monkeypatch) -> None:
    """What a parent does before forking workers (:mod:`linter.parallel.warm`): a table that looked
    words up is loaded whole, so the workers share it; an unused one stays unloaded."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    used, unused = PureZipfTable(), PureZipfTable()
    used.get("the")
    frequencies.load_used_tables()
    assert used.complete and not unused.complete and not unused.values
    assert used.get("government") == expected("government") and used._database is None


def test_copies_are_named_by_content_so_a_fresh_install_reuses_them(tmp_path, monkeypatch) -> None:
    """Each fresh environment gives wordfreq's data file a new time: the copies are named by its
    size and content, so the same data reuses them (named by time, the cache grew to 10 GB)."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "large_en.msgpack.gz"
    data.write_bytes(frequencies._source().read_bytes())
    monkeypatch.setattr(frequencies, "_source", lambda: data)
    assert frequencies.ZipfTable().get("the") == expected("the")
    made = sorted((tmp_path / "cache" / "wordfreq").iterdir())
    os.utime(data, ns=(10**18, 10**18))  # a fresh install: the same bytes at another time
    assert frequencies.ZipfTable().get("kyiv") == expected("kyiv")
    assert sorted((tmp_path / "cache" / "wordfreq").iterdir()) == made
    data.write_bytes(data.read_bytes()[:-8] + b"\0" * 8)  # other data (gzip's checksum): other copies
    assert frequencies._stem(data) != made[0].with_suffix("")


# The compiled twin: a hash table in a file mapped read-only (``_frequencies.pyx``).

CORPUS_WORDS = ["the", "don't", "don’t", "rock’n’roll", "o'clock", "naïve", "café", "straße", "zürich", "kyiv",
                "québec", "москва", "中文", "😀", "", "a", "i", "didn", "xqzzvbn", "zxcvbnmasdf", "e\u0301", "ǆ",
                "supercalifragilisticexpialidocious" * 40, "the" * 400, "thé" * 300, "a\x00b", "the\x00", "\ud800", "x\udcff"]
WORDS_FROM_TEXT = st.one_of(st.text(max_size=24), st.sampled_from(CORPUS_WORDS), st.text(alphabet="abcdefghijklmnopqrstuvwxyz'’", max_size=12))


@pytest.fixture(scope="module")
def compiled():
    return compiled_kernel(frequencies._compiled, "word-frequency table")


@pytest.fixture(scope="module")
def twins(compiled, tmp_path_factory):
    """A compiled table and the pure one loaded whole, over one cache folder of their copies."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("NEWSLINT_CACHE_DIR")
    os.environ["NEWSLINT_CACHE_DIR"] = str(folder)
    try:
        mapped, pure = frequencies.compiled_table(), PureZipfTable()
        mapped.get("the"), pure.get("the")
        pure._load_all()
    finally:
        os.environ.pop("NEWSLINT_CACHE_DIR") if before is None else os.environ.update(NEWSLINT_CACHE_DIR=before)
    return mapped, pure


def bits(value: float) -> bytes:
    return struct.pack("<d", value)


@settings(max_examples=500, deadline=None)
@given(words=st.lists(WORDS_FROM_TEXT, max_size=30))
def test_the_compiled_table_answers_as_the_pure_one(twins, words: list[str]) -> None:
    mapped, pure = twins
    assert [bits(mapped.get(w)) for w in words] == [bits(pure.get(w)) for w in words]
    assert mapped.unknown(words) == pure.unknown(words) == {w for w in words if pure.get(w) == 0}


def test_the_compiled_table_holds_every_word_with_its_very_double(twins) -> None:
    mapped, pure = twins
    assert pure.values == frequencies._from_wordfreq()
    assert all(bits(mapped.get(word)) == bits(value) for word, value in pure.values.items())
    assert not mapped.unknown(pure.values)
    assert mapped.unknown(CORPUS_WORDS) == {w for w in CORPUS_WORDS if expected(w) == 0}


@settings(max_examples=200, deadline=None)
@given(table=st.dictionaries(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), max_size=8), st.floats(allow_nan=False), max_size=40),
       others=st.lists(st.text(max_size=8), max_size=10))
def test_any_table_is_held_whole_zeros_included(compiled, table: dict[str, float], others: list[str]) -> None:
    """Small tables (collisions, probing round the end) and values wordfreq has not, 0.0 and -0.0 among them."""
    mapped = compiled.MappedTable(lambda: compiled.build(table))
    words = [*table, *others]
    assert [bits(mapped.get(w)) for w in words] == [bits(table.get(w, 0.0)) for w in words]
    assert mapped.unknown(words) == PureZipfTable.whole(table).unknown(words)


def test_a_table_of_a_word_the_file_cannot_hold_is_refused(compiled) -> None:
    for word in ["a\x00b", "\ud800"]:
        with pytest.raises(ValueError):
            compiled.build({word: 1.0})


def test_a_long_run_looks_words_up_without_loading_the_whole_table(compiled, tmp_path, monkeypatch) -> None:
    """The pure twin loads its whole table (about 0.1 s) after SWITCH_AFTER words; the compiled
    one opens its mapped copy once, which a second table (the next run) finds made."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(frequencies, "SWITCH_AFTER", 3)
    assert frequencies.ZipfTable().get("the") == expected("the")
    assert [p.suffix for p in (tmp_path / "wordfreq").iterdir()] == [".table1"]

    def no_whole_table(*args: object) -> None:
        raise AssertionError("the whole table loaded")

    monkeypatch.setattr(frequencies, "_from_wordfreq", no_whole_table)
    monkeypatch.setattr(frequencies.marshal, "loads", no_whole_table)
    table = frequencies.ZipfTable()
    assert [table.get(w) for w in WORDS * 3] == [expected(w) for w in WORDS * 3]
    assert table.unknown(WORDS) == {"xqzzvbn", "zxcvbnmasdf"} and table.complete


@pytest.mark.parametrize("damage", [b"", b"not a table at all", None])
def test_a_damaged_mapped_copy_is_not_fatal(compiled, tmp_path, monkeypatch, damage) -> None:
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    frequencies.ZipfTable().get("the")
    (copy,) = (tmp_path / "wordfreq").iterdir()
    copy.write_bytes(damage if damage is not None else copy.read_bytes()[:-1])  # None: one byte short
    table = frequencies.ZipfTable()
    assert [table.get(w) for w in WORDS] == [expected(w) for w in WORDS]
    assert table.unknown(WORDS) == {"xqzzvbn", "zxcvbnmasdf"}


def test_without_a_writable_cache_the_compiled_table_comes_from_wordfreq(compiled, tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(blocked))
    table = frequencies.ZipfTable()
    assert [table.get(w) for w in WORDS] == [expected(w) for w in WORDS]
    assert table.unknown(WORDS) == {"xqzzvbn", "zxcvbnmasdf"} and table.complete


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_forked_child_reads_the_mapping_it_inherits(compiled, tmp_path, monkeypatch) -> None:
    """A worker forked after the first look-up shares the parent's mapping: it opens nothing."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    opened = []
    table = compiled.MappedTable(lambda: opened.append(1) or frequencies._mapped_copy())
    assert table.get("the") == expected("the") and opened == [1]
    values, unknown, opened_in_child = in_a_forked_child(lambda: ([table.get(w) for w in WORDS], sorted(table.unknown(WORDS)), len(opened)))
    assert values == [expected(w) for w in WORDS] and unknown == ["xqzzvbn", "zxcvbnmasdf"] and opened_in_child == 1


def test_the_kernel_in_use_is_named() -> None:
    """CI installs twice, with and without a compiler, and says which table each must have."""
    assert frequencies.KERNEL == os.environ.get("NEWSLINT_EXPECT_KERNEL", frequencies.KERNEL)
    assert kernels()["word frequencies"] == frequencies.KERNEL
    assert frequencies.ZipfTable is (PureZipfTable if frequencies.KERNEL == "pure" else frequencies.compiled_table)
