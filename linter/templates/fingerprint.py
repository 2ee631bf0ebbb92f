"""Lines of a text as fingerprints: what two pages of one site share once case, digits and punctuation are folded.

The unit is the line: extractors write one paragraph a line, so a navigation line
(``Home | World | Sport``), a copyright line and a newsletter paragraph of forty words are all
lines. Folding case, digit runs (a date, a comment count), punctuation, symbols and spacing makes
``© 2024 Site. All rights reserved.`` and ``(c) 2019 SITE - all rights reserved`` one template,
while any change of a word keeps two lines apart. Only lines of at most
:data:`MAX_CHARS` characters with a letter are candidates: templates are short, and leaving the
long prose paragraphs out keeps the counter small (and its collisions rare).

Pass 1 keys every line of every document of a corpus (:func:`line_triples`); a compiled twin
(``_keys.pyx``, built by ``pip install`` where a C compiler exists) finds, folds and keys the lines
in one walk over the text in C, with the same keys, and adds keys to the sketch and reads them
(:mod:`.sketch`). ``KERNEL`` says which runs.
"""

from __future__ import annotations

import unicodedata
from array import array
from collections.abc import Iterator
from functools import lru_cache
from hashlib import blake2b
from typing import Any

from ..pattern_cache import compiled
from ..twins import compiled_twin

#: Lines longer than this are prose, never counted: the longest template paragraphs
#: (a newsletter box, a reprint notice) are a few hundred characters.
MAX_CHARS = 400
#: The character classes the fold uses; the compiled twin's class table holds them as bits, in this order.
DIGIT, LETTER, NUMBER = CLASSES = (r"\d", r"\p{L}", r"\p{N}")
_DIGITS = compiled(f"{DIGIT}+")
_NOT_WORD = compiled(f"[^{LETTER}{NUMBER}]+")
_LETTER = compiled(LETTER)
# The same folding of an ASCII line (nearly every line of English news) as one table over its
# bytes: NFKC leaves ASCII as it is, casefold is lower, \d is [0-9] (each becomes 0, and runs of
# 0 are then one) and every other character but a-z is not a letter or number (a space).
_ASCII_FOLD = bytes(code | 0x20 if chr(code).isalpha() else 0x30 if chr(code).isdigit() else 0x20 for code in range(128)).ljust(256)


def normalise(line: str) -> str | None:
    """The line's fingerprint text, or None when it cannot be a template (too long, no letter)."""
    if len(line) > MAX_CHARS:
        return None
    return fold_ascii(line) if line.isascii() else fold(line)


def fold(line: str) -> str | None:
    """Case, digit runs, punctuation and spacing folded; None without a letter."""
    if _LETTER.search(line) is None:
        return None
    folded = unicodedata.normalize("NFKC", line).casefold()
    folded = _DIGITS.sub("0", folded)
    return _NOT_WORD.sub(" ", folded).strip()


def fold_ascii(line: str) -> str | None:
    """:func:`fold` of an ASCII line, by one table over its bytes (twice as fast)."""
    data = line.encode("ascii").translate(_ASCII_FOLD)
    if not data.translate(None, b" 0"):  # no letter
        return None
    while b"00" in data:
        data = data.replace(b"00", b"0")
    return b" ".join(data.split()).decode("ascii")


def candidate_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, fingerprint text)`` of each line (a run of characters between line breaks) that
    can be a template, in text order."""
    start = 0
    # Each \r made a \n, one character for one: a split at \n then gives every line at its place.
    for line in text.replace("\r", "\n").split("\n"):
        end = start + len(line)
        fingerprint = normalise(line.strip()) if line else None
        if fingerprint:
            yield start, end, fingerprint
        start = end + 1


@lru_cache(maxsize=256)
def _seed(source: str) -> Any:
    """The hash of ``source`` and the separator, which each key of one of its lines continues."""
    return blake2b(f"{source}\0".encode("utf-8", "surrogatepass"), digest_size=8)


def _continued(seed: Any, fingerprint: bytes) -> int:
    digest = seed.copy()
    digest.update(fingerprint)
    return int.from_bytes(digest.digest(), "little")


def key(source: str, fingerprint: str) -> int:
    """A stable 64-bit key of ``fingerprint`` within ``source`` (the same in every process: not ``hash``)."""
    return _continued(_seed(source), fingerprint.encode("utf-8", "surrogatepass"))


@lru_cache(maxsize=256)
def source_key(source: str) -> int:
    """The key that counts the documents of ``source`` (no line's fingerprint is empty)."""
    return key(source, "")


def pure_line_triples(source: str, text: str) -> array[int]:
    """``start, end, key`` of each candidate line of ``text`` in ``source``, one after another."""
    seed = _seed(source)
    triples = array("Q")
    for start, end, fingerprint in candidate_lines(text):
        triples.extend((start, end, _continued(seed, fingerprint.encode("utf-8", "surrogatepass"))))
    return triples


#: Which twin keys the lines and adds keys to the sketch: ``compiled`` (the Cython extension) or ``pure``.
COMPILED, KERNEL = compiled_twin("linter.templates._keys")


def line_triples(source: str, text: str) -> array[int]:
    """:func:`pure_line_triples`, by the compiled twin where it was built (one walk over the text in C)."""
    if COMPILED is None:
        return pure_line_triples(source, text)
    return COMPILED.line_triples(text, _seed(source), classes(), MAX_CHARS)


@lru_cache(maxsize=1)
def classes() -> Any:
    """The compiled twin's table of :data:`CLASSES`, made at its first text (not at every start-up)."""
    return COMPILED.ClassTable(CLASSES)
