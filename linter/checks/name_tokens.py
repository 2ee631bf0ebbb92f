"""The word tokens the name rules (NL204-NL206) read, found in one pass over the text, and where some are written.

A token is a capitalised word (an abbreviation's period included) or a lowercase word,
not glued to other letters or digits, nor part of a handle, a path, a contraction or a
hyphenated word. :data:`TOKEN` defines them; the compiled kernel ``_name_tokens.pyx``
(built by ``pip install`` where a C compiler exists) finds the same tokens several times
faster than the ``regex`` scan, reading each character's classes from the kernels' class
table, which ``regex`` fills with :data:`CLASSES`, so that both agree on every character,
``regex``'s Unicode tables included.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import compress
from operator import itemgetter

import regex

from ..twins import compiled_twin

#: A character before a token's first letter that glues it to something else.
_BEFORE = r"[\p{L}\d_@#/.'’-]"
#: A character after a token's last letter (or period) that glues it to something else.
_AFTER = r"[\p{L}\d_@/]"
TOKEN = regex.compile(rf"(?<!{_BEFORE})(?:\p{{Lu}}\p{{Ll}}+\.?|\p{{Ll}}+)(?!{_AFTER}|-\p{{L}}|\.\p{{L}})")
#: Which token finder runs: ``compiled`` (the Cython extension) or ``pure`` (``regex``).
_compiled, KERNEL = compiled_twin("linter.checks._name_tokens")

#: The character classes :data:`TOKEN` tests; the compiled kernel's table holds them as bits, in this order.
CLASSES = (r"\p{L}", r"\p{Lu}", r"\p{Ll}", _BEFORE, _AFTER)
_TABLE = None if _compiled is None else _compiled.ClassTable(CLASSES)


class _Starts(Sequence[int]):
    """Where each token starts, read from its match only when asked for (most never are)."""

    def __init__(self, matches: list[regex.Match[str]]) -> None:
        self._matches = matches

    def __len__(self) -> int:
        return len(self._matches)

    def __getitem__(self, index: int) -> int:  # type: ignore[override]
        return self._matches[index].start()


def pure_token_pass(text: str) -> tuple[list[str], Sequence[int]]:
    """Each token of ``text`` as written, and where each starts: the ``regex`` twin of the kernel."""
    matches = list(TOKEN.finditer(text))
    return [match[0] for match in matches], _Starts(matches)


def pure_counts(written: list[str]) -> tuple[Counter[str], Counter[str]]:
    """How often each token is written, and the same for those whose first letter ``str.isupper`` calls uppercase.

    Each distinct capitalised spelling is picked out once and counted in C: most tokens are lowercase words.
    """
    counts = Counter(written)
    capitalised = list(compress(counts, map(str.isupper, map(itemgetter(0), counts))))
    return counts, Counter(dict(zip(capitalised, map(counts.__getitem__, capitalised))))


def pure_positions(written: list[str], words: set[str], counts: Mapping[str, int]) -> list[int]:
    """The indices of the tokens written as one of ``words``, in text order; ``counts`` says how often each is written.

    Each word is searched for by ``list.index`` (a scan in C) as often as it occurs: far
    cheaper than a Python loop over every token, since only a few words are asked for.
    """
    indices = []
    for word in words & counts.keys():
        at = -1
        for _ in range(counts[word]):
            at = written.index(word, at + 1)
            indices.append(at)
    indices.sort()
    return indices


def positions(written: list[str], words: set[str], counts: Mapping[str, int]) -> list[int]:
    """:func:`pure_positions`, found by one loop in C over the tokens where the kernel is built (it stops at the last)."""
    if _compiled is None:
        return pure_positions(written, words, counts)
    asked = words & counts.keys()
    return _compiled.positions(written, asked, sum(map(counts.__getitem__, asked)))


def pure_counted_tokens(text: str) -> tuple[list[str], Sequence[int], Counter[str], Counter[str]]:
    """:func:`pure_token_pass` and :func:`pure_counts` of its tokens."""
    written, starts = pure_token_pass(text)
    return written, starts, *pure_counts(written)


def counted_tokens(text: str) -> tuple[list[str], Sequence[int], Counter[str], Counter[str]]:
    """Each token of ``text`` as written, where each starts, and the counts of :func:`pure_counts`.

    The compiled kernel, where built, counts each distinct spelling as it finds the tokens.
    """
    if _compiled is None:
        return pure_counted_tokens(text)
    counts: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    written, starts = _compiled.token_pass(text, _TABLE, counts, capitalised)
    return written, starts, counts, capitalised
