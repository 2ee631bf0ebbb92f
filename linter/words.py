"""The word-level passes over a whole text that several rules share: lowercase words, doubled
words, word counts.

Each is a ``regex`` pattern run over every character, which costs about a tenth of a
microsecond a character. A compiled twin (``_words.pyx``, built by ``pip install`` where a C
compiler exists) walks the text once in C instead, reading each character's classes from the
kernels' class table, which ``regex`` fills with the very character classes of the patterns
below (``CLASSES``): the two cannot disagree about a character, whatever Unicode version
``regex`` and Python each carry. ``KERNEL`` says which runs.
"""

from __future__ import annotations

import importlib
from operator import eq
from typing import Any

from .pattern_cache import compiled

#: The character classes the passes use; the compiled twin's table holds them as bits, in this order.
WORD_CHARACTER, LETTER, LOWERCASE = CLASSES = (r"\w", r"\p{L}", r"\p{Ll}")

WORD = compiled(f"{WORD_CHARACTER}+")
#: A run of lowercase letters not inside a longer word.
LOWERCASE_RUN = compiled(f"(?<!{LETTER}){LOWERCASE}+")


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
    _compiled.use_classes(CLASSES)
    lowercase_runs = _compiled.lowercase_runs
    has_doubled_word = _compiled.has_doubled_word
    count_words = _compiled.count_words
else:
    lowercase_runs, has_doubled_word, count_words = pure_lowercase_runs, pure_has_doubled_word, pure_count_words
