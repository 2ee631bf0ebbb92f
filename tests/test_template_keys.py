"""Pass 1's template keys (#16): the compiled twin finds, folds and keys the lines the pure code
does, and adds keys to the same counters; the keys are those of the one-shot BLAKE2b of
``source\\0fingerprint``, so the counts (and NL336's findings) are those of before."""

from __future__ import annotations

import os
import random
from array import array
from hashlib import blake2b
from pathlib import PurePath

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.kernels import kernels
from linter.templates import fingerprint, remembered, source_of
from linter.templates.fingerprint import MAX_CHARS, candidate_lines, key, normalise, pure_line_triples, source_key
from linter.templates.sketch import CountMinSketch, cells, pure_add_keys, pure_estimate

from .conftest import compiled_kernel

PIECES = st.sampled_from(
    ["Home", "home", "HOME", "|", " | ", "World", "©", "(c)", "2024", "12", "0", "1.5", "Site.", "All rights reserved.",
     " ", "  ", "\t", "\n", "\r", "\r\n", "\n\n", "\u00a0", "\u2009", "\u3000", "\x1c", "\x0b", "\x0c", "\x85", "\u2028",
     "-", "_", "’", "“", "”", "é", "e\u0301", "ß", "İ", "ǅ", "Ⅻ", "²", "٣", "ﬁ", "Привет", "中文", "𝐀𝐛𝐜", "😀",
     "ﷺ", "①", "１２", "㍻", "\u0345", "\ud800", "x" * 150, " " * 150, "y" * 399]
)
TEXTS = st.one_of(st.text(max_size=80), st.lists(PIECES, max_size=30).map("".join))

# News-shaped pages, written for this test: furniture lines, a long paragraph, CRLF and NBSP.
PAGES = [
    "Home | World | Sport | Weather\r\n\r\nThe council met on Tuesday to discuss the budget.\r\n"
    "Sign up for our newsletter\u00a0\r\n\u00a0\r\n© 2024 Example Media. All rights reserved.\r\n",
    "  Menu  \n" + "The harbour ferry ran late again, " * 40 + "\n\nRead more: 12 comments\n\n\n",
    "Straße gesperrt – 3 Kommentare\n“Quoted,” she said.\u2009\nÉdition du 5 mai 2024\n" + "é" * (MAX_CHARS + 1) + "\n",
    "\u00a0" * 10 + "x" * MAX_CHARS + "\u00a0" * 10 + "\r" + "Photo: Jane Doe/Agency\r" + " " * 500,
    "",
    "\n\r\n\r",
    "ﷺ" * MAX_CHARS + "\n" + "Ⅻ ① ２０２４ ß İ\n",  # NFKC and casefold lengthen a line (18 characters for one)
]


def _expected(source: str, text: str) -> array:
    """The triples as the run made them before the kernel: each line's start, end and one-shot key."""
    triples = array("Q")
    for start, end, line in candidate_lines(text):
        digest = blake2b(f"{source}\0{line}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
        triples.extend((start, end, int.from_bytes(digest, "little")))
    return triples


@pytest.fixture(scope="module")
def compiled():
    return compiled_kernel(fingerprint.COMPILED, "template keys")


@settings(max_examples=500, deadline=None)
@given(text=TEXTS, source=st.sampled_from(["site", "corpus/alpha", "www.example.com", "é"]))
def test_pure_triples_are_the_lines_keyed_as_before(text: str, source: str) -> None:
    assert pure_line_triples(source, text) == _expected(source, text)


@settings(max_examples=1000, deadline=None)
@given(text=TEXTS, source=st.sampled_from(["site", "corpus/alpha", "é"]))
def test_compiled_triples_are_the_pure_ones(compiled, text: str, source: str) -> None:
    assert compiled.line_triples(text, fingerprint._seed(source), fingerprint.classes(), MAX_CHARS) == pure_line_triples(source, text)


@pytest.mark.parametrize("page", PAGES)
def test_news_pages_are_keyed_alike_by_both_twins(compiled, page: str) -> None:
    expected = _expected("site", page)
    assert compiled.line_triples(page, fingerprint._seed("site"), fingerprint.classes(), MAX_CHARS) == expected
    assert pure_line_triples("site", page) == expected


def test_the_lines_that_count_on_a_page() -> None:
    page = PAGES[0]
    lines = [(page[start:end], folded) for start, end, folded in candidate_lines(page)]
    assert lines == [
        ("Home | World | Sport | Weather", "home world sport weather"),
        ("The council met on Tuesday to discuss the budget.", "the council met on tuesday to discuss the budget"),
        ("Sign up for our newsletter\u00a0", "sign up for our newsletter"),
        ("© 2024 Example Media. All rights reserved.", "0 example media all rights reserved"),
    ]
    # Stripped to MAX_CHARS, a line padded with no-break spaces is a candidate; one character more is prose.
    padded = PAGES[3]
    assert [padded[start:end].strip() for start, end, _ in candidate_lines(padded)] == ["x" * MAX_CHARS, "Photo: Jane Doe/Agency"]
    assert normalise("é" * (MAX_CHARS + 1)) is None


def test_keys_and_source_keys_are_the_one_shot_digests() -> None:
    for source, line in [("site", "home world sport"), ("corpus/alpha", ""), ("é", "ß 0")]:
        digest = blake2b(f"{source}\0{line}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
        assert key(source, line) == int.from_bytes(digest, "little")
    assert source_key("site") == key("site", "")


def test_the_compiled_class_table_classes_every_code_point_as_regex_does(compiled) -> None:
    table = fingerprint.classes()
    patterns = [regex.compile(pattern) for pattern in fingerprint.CLASSES]
    for block in (0x00, 0x06, 0x21, 0xD8, 0xFD, 0xFF, 0x1D7, 0x1F1):
        for code in range(block * 256, (block + 1) * 256):
            expected = sum(1 << bit for bit, pattern in enumerate(patterns) if pattern.match(chr(code)))
            assert table.classes_of(chr(code)) == expected, hex(code)


def _sketch_pair(depth: int, width: int) -> tuple[array, array]:
    table = array("I", [0]) * (depth * width)
    for cell in (3, width + 5):  # one below saturation: the second key to reach it stops there
        table[cell % len(table)] = 0xFFFFFFFE
    return table, array("I", table)


@pytest.mark.parametrize(("depth", "width"), [(8, 64), (3, 7), (1, 1), (8, 1 << 19)])
def test_compiled_sketch_adds_to_the_pure_counters(compiled, depth: int, width: int) -> None:
    rng = random.Random(depth * width)
    keys = array("Q", [rng.getrandbits(64) for _ in range(2_000)] + [0, 2**64 - 1, 2**32, 2**32 - 1] * 3)
    pure, built = _sketch_pair(depth, width)
    pure_add_keys(pure, depth, width, keys)
    compiled.add_keys(built, depth, width, keys)
    assert built == pure
    compiled.add_keys(built, depth, width, array("Q"))
    assert built == pure
    for key in [*keys[:300], *keys[-12:], 12345]:
        for floor in (0, 1, 2, 5, 2**32):
            assert compiled.estimate(built, depth, width, key, floor) == pure_estimate(pure, depth, width, key, floor)
    with pytest.raises(ValueError):
        compiled.add_keys(built, depth + 1, width, keys)
    with pytest.raises(ValueError):
        compiled.estimate(array("Q", built), depth, width, 1, 0)
    with pytest.raises(TypeError):
        compiled.add_keys(built, depth, width, array("q", [1]))


def test_a_sketch_adds_any_iterable_of_keys_and_counts_them() -> None:
    rng = random.Random(5)
    keys = [rng.getrandbits(64) for _ in range(500)]
    counted, listed = CountMinSketch(depth=4, width=97), CountMinSketch(depth=4, width=97)
    counted.add(array("Q", keys))
    listed.add(iter(keys))
    listed.add(set())
    assert counted.table == listed.table and counted.added == listed.added == 500
    for k in keys:
        assert counted.estimate(k) == min(counted.table[cell] for cell in cells(k, 4, 97)) >= 1


def test_the_kernel_in_use_is_named() -> None:
    """CI installs twice, with and without a compiler, and says which twin each must have."""
    assert fingerprint.KERNEL == os.environ.get("NEWSLINT_EXPECT_KERNEL", fingerprint.KERNEL)
    assert kernels()["template keys"] == fingerprint.KERNEL
    assert remembered.line_keys("site", PAGES[0]) == _expected("site", PAGES[0])


@settings(max_examples=1000, deadline=None)
@given(path=st.lists(st.sampled_from(["a", "b.txt", "/", "//", ".", "..", "./", " ", "é", ":", "\\"]), max_size=8).map("".join))
def test_a_text_files_source_is_its_folder_as_pathlib_names_it(path: str) -> None:
    assert source_of(path, None, None) == str(PurePath(path).parent)
