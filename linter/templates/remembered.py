"""Each document's line keys from pass 1, kept for pass 2 in the same process.

Pass 1 of a corpus run folds and hashes every candidate line of every document
(:func:`document_keys`), and pass 2's ``template`` rule needed the same keys with the
lines' places: a serial run fingerprinted every short line twice. The process that counts a
document now keeps its ``(start, end, key)`` triples under its source, its length and the hash of
its text, and pass 2 takes them once (they are then dropped). Only :data:`LINES` lines are kept at
a time (about 5 MB): past that, pass 2 computes the others as before. With ``--jobs`` on Linux, a
pass-1 worker hands what it kept to the command, which the linting workers are forked from.
Python's string hash is SipHash under a key the interpreter draws at start-up (the kept triples
never leave the processes forked from one, which share that key), so another text of the same
source and length has the same hash only by chance, 2**-64 for each such text kept: findings do
not depend on what was kept. It reads a text about ten times as fast as a digest of its UTF-8
bytes did, with no encoded copy.
"""

from __future__ import annotations

from array import array

from .fingerprint import line_triples, source_key

#: The most lines kept at a time (24 bytes each).
LINES = 200_000

_KEPT: dict[tuple[str, int, int], array[int]] = {}
_kept_lines = 0


def _digest(source: str, text: str) -> tuple[str, int, int]:
    return source, len(text), hash(text)


def document_keys(source: str, text: str) -> set[int]:
    """What one document adds to the counts (pass 1): each distinct template candidate once, and the
    source's document count. Its lines' triples are kept for :func:`line_keys` while there is room."""
    triples = line_triples(source, text)
    if _room_for(triples):
        _kept(_digest(source, text), triples)  # the text hashed only while there is room
    keys = set(triples[2::3])
    keys.add(source_key(source))
    return keys


def line_keys(source: str, text: str) -> array[int]:
    """Pass 2: the triples pass 1 kept for this document (taken, not kept further), or computed now."""
    global _kept_lines
    if _KEPT:
        triples = _KEPT.pop(_digest(source, text), None)
        if triples is not None:
            _kept_lines -= len(triples) // 3
            return triples
    return line_triples(source, text)


def handed_over() -> dict[tuple[str, int, int], array[int]]:
    """The kept triples, taken out of this process: a pass-1 worker forked by the command hands them
    to it, and the linting workers it forks next inherit them (they share its hash key)."""
    global _kept_lines
    kept = dict(_KEPT)
    _KEPT.clear()
    _kept_lines = 0
    return kept


def keep(kept: dict[tuple[str, int, int], array[int]]) -> None:
    """Keep triples :func:`handed_over` by a process forked from this one, while there is room."""
    for digest, triples in kept.items():
        if not _room_for(triples):
            return
        _kept(digest, triples)


def _room_for(triples: array[int]) -> bool:
    return _kept_lines + len(triples) // 3 <= LINES


def _kept(digest: tuple[str, int, int], triples: array[int]) -> None:
    """``triples`` kept under ``digest`` (once: a text met again keeps its first entry)."""
    global _kept_lines
    if digest not in _KEPT:
        _KEPT[digest] = triples
        _kept_lines += len(triples) // 3
