"""The word-level passes over a whole text that several rules share: lowercase words, doubled
words, word counts.

Each is a ``regex`` pattern run over every character, which costs about a tenth of a
microsecond a character. A compiled twin (``_words.pyx``, built by ``pip install`` where a C
compiler exists) walks the text once in C instead, reading each character's classes from a
table that this module fills, block by block as the text needs them, with the very
character classes of the patterns below: the two cannot disagree about a character, whatever
Unicode version ``regex`` and Python each carry. ``KERNEL`` says which runs.
"""

from __future__ import annotations

import importlib
from operator import eq
from typing import Any

import regex

#: The character classes the passes use, each with its bit in the compiled twin's table.
WORD_CHARACTER, LETTER, LOWERCASE = r"\w", r"\p{L}", r"\p{Ll}"
CLASS_BITS = ((1, WORD_CHARACTER), (2, LETTER), (4, LOWERCASE))
#: Characters a table block holds (the compiled twin asks for a block the first time it meets one).
BLOCK = 256

WORD = regex.compile(f"{WORD_CHARACTER}+")
#: A run of lowercase letters not inside a longer word.
LOWERCASE_RUN = regex.compile(f"(?<!{LETTER}){LOWERCASE}+")
_CLASSES = [(bit, regex.compile(f"{pattern}+")) for bit, pattern in CLASS_BITS]


def block_classes(block: int) -> bytes:
    """The class bits of the ``BLOCK`` code points of ``block``, one byte each, by ``CLASS_BITS``."""
    first = block * BLOCK
    characters = "".join(map(chr, range(first, min(first + BLOCK, 0x110000))))
    classes = bytearray(BLOCK)
    for bit, pattern in _CLASSES:
        for match in pattern.finditer(characters):
            for index in range(match.start(), match.end()):
                classes[index] |= bit
    return bytes(classes)


def pure_lowercase_runs(text: str) -> frozenset[str]:
    """Every distinct run of lowercase letters not inside a longer word (``LOWERCASE_RUN``)."""
    return frozenset(LOWERCASE_RUN.findall(text))


def pure_has_doubled_word(text: str) -> bool:
    """Whether two words (``WORD``) in a row of ``text`` are the same string."""
    words = WORD.findall(text)
    return any(map(eq, words, words[1:]))


def pure_count_words(text: str, start: int, end: int) -> int:
    """How many words (``WORD``) ``text[start:end]`` holds."""
    return len(WORD.findall(text, start, end))


try:  # built by ``pip install`` where a C compiler exists; by name, since ``from . import`` would
    # read to the import contracts as importing the whole package
    _compiled: Any = importlib.import_module("linter._words")
except ImportError:
    _compiled = None

#: Which passes run: ``compiled`` (the Cython extension) or ``pure`` (``regex``).
KERNEL = "pure" if _compiled is None else "compiled"

if _compiled is not None:
    _compiled.use_classes(block_classes)
    lowercase_runs = _compiled.lowercase_runs
    has_doubled_word = _compiled.has_doubled_word
    count_words = _compiled.count_words
else:
    lowercase_runs, has_doubled_word, count_words = pure_lowercase_runs, pure_has_doubled_word, pure_count_words
