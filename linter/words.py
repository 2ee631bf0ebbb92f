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

from operator import eq

from .pattern_cache import compiled
from .twins import compiled_twin

#: The character classes the passes use; the compiled twin's table holds them as bits, in this order.
WORD_CHARACTER, LETTER, LOWERCASE = CLASSES = (r"\w", r"\p{L}", r"\p{Ll}")

WORD = compiled(f"{WORD_CHARACTER}+")
#: A run of lowercase letters not inside a longer word.
LOWERCASE_RUN = compiled(f"(?<!{LETTER}){LOWERCASE}+")


def pure_lowercase_runs(text: str) -> frozenset[str]:
    """Every distinct run of lowercase letters not inside a longer word (``LOWERCASE_RUN``)."""
    return frozenset(LOWERCASE_RUN.findall(text))


def pure_doubled_word_starts(text: str) -> list[int]:
    """Where each word (``WORD``) of ``text`` starts that the next word repeats (the same string).

    Most texts have none, which one ``findall`` tells; only the others are searched for where.
    """
    words = WORD.findall(text)
    if not any(map(eq, words, words[1:])):
        return []
    matches = list(WORD.finditer(text))
    return [first.start() for first, second in zip(matches, matches[1:]) if first[0] == second[0]]


def pure_count_words(text: str, start: int, end: int) -> int:
    """How many words (``WORD``) ``text[start:end]`` holds."""
    return len(WORD.findall(text, start, end))


#: Which passes run: ``compiled`` (the Cython extension) or ``pure`` (``regex``).
_compiled, KERNEL = compiled_twin("linter._words")

if _compiled is not None:
    _compiled.use_classes(CLASSES)
    lowercase_runs = _compiled.lowercase_runs
    doubled_word_starts = _compiled.doubled_word_starts
    count_words = _compiled.count_words
else:
    lowercase_runs, doubled_word_starts, count_words = pure_lowercase_runs, pure_doubled_word_starts, pure_count_words
