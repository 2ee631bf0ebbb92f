"""A count-min sketch of fixed shape: bounded memory whatever the corpus, merged by addition.

Why this structure: the template counts must fit in memory for 10 million documents and must
come out the same serially, with ``--jobs`` and on Dask. A count-min sketch (Cormode and
Muthukrishnan, 2005) is a ``depth x width`` table of counters; a key adds one to one counter per
row and is estimated by the smallest of its counters. It is linear: the table of a corpus is the
sum of the tables of any split of it, so the parts of a run (worker processes, Dask tasks) send
their documents' keys and adding them in any order gives the same table. Its estimate is never below the truth; it is above it
only through keys that share all of a key's counters (collisions), which :meth:`overcount`
bounds. Counters saturate at 2**32 - 1. The compiled twin of the template keys
(:data:`.fingerprint.KERNEL`) adds keys and reads estimates in C, from the same counters.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from math import ceil

from .fingerprint import COMPILED

DEPTH = 8
WIDTH = 1 << 19
#: The chance, per line looked up, that collisions push its estimate past the margin of :meth:`overcount`.
FALSE_RATE = 1e-6


class CountMinSketch:
    """``depth`` rows of ``width`` 32-bit counters (16 MB with the defaults) and the number of keys added."""

    __slots__ = ("depth", "width", "table", "added")

    def __init__(self, depth: int = DEPTH, width: int = WIDTH) -> None:
        self.depth = depth
        self.width = width
        self.table = array("I", [0]) * (depth * width)  # its pages written once (a copy of bytes(n) wrote them twice)
        self.added = 0

    def add(self, keys: Iterable[int]) -> None:
        """Count each key once (a document passes each of its keys once)."""
        batch = keys if isinstance(keys, array) and keys.typecode == "Q" else array("Q", keys)
        (pure_add_keys if COMPILED is None else COMPILED.add_keys)(self.table, self.depth, self.width, batch)
        self.added += len(batch)

    def estimate(self, key: int, floor: int = 0) -> int:
        """How many times ``key`` was added, or more (never less).

        With a ``floor``, it may stop at the first counter below it and return that counter
        (at or above the estimate, and below ``floor``): for a caller that only asks whether the
        estimate reaches ``floor``, most keys (lines of one document) are settled by one row.
        """
        return (pure_estimate if COMPILED is None else COMPILED.estimate)(self.table, self.depth, self.width, key, floor)

    def overcount(self) -> int:
        """A bound ``m`` such that an estimate exceeds the truth by ``m`` or more with chance at most :data:`FALSE_RATE`.

        The other keys put ``added / width`` into a row's counter on average, so by Markov's
        inequality a row is ``m`` too high with chance at most ``added / (width * m)``, and all
        ``depth`` independent rows are with that to the power ``depth``.
        """
        mean = self.added / self.width
        return max(1, ceil(mean * FALSE_RATE ** (-1 / self.depth)))


def cells(key: int, depth: int, width: int) -> list[int]:
    """The counter of ``key`` in each row of a ``depth`` x ``width`` table, row by row."""
    # Kirsch-Mitzenmacher double hashing: row i uses h1 + i*h2 of one 64-bit key.
    low, high = key & 0xFFFFFFFF, (key >> 32) | 1
    return [row * width + (low + row * high) % width for row in range(depth)]


def pure_add_keys(table: array[int], depth: int, width: int, keys: array[int]) -> None:
    """One more in each of each key's counters (:func:`cells`) that is not saturated: :meth:`CountMinSketch.add`,
    whose compiled twin walks the same counters in C."""
    for key in keys:
        for cell in cells(key, depth, width):
            if table[cell] != 0xFFFFFFFF:
                table[cell] += 1


def pure_estimate(table: array[int], depth: int, width: int, key: int, floor: int) -> int:
    """The least of ``key``'s counters, or the first one below ``floor``: :meth:`CountMinSketch.estimate`,
    whose compiled twin reads the same counters in C."""
    least = 0xFFFFFFFF
    for cell in cells(key, depth, width):
        value = table[cell]
        if value < least:
            least = value
            if value < floor:
                break
    return least
