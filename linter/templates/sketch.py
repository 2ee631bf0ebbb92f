"""A count-min sketch of fixed shape: bounded memory whatever the corpus, merged by addition.

Why this structure: the template counts must fit in memory for 10 million documents and must
come out the same serially, with ``--jobs`` and on Dask. A count-min sketch (Cormode and
Muthukrishnan, 2005) is a ``depth x width`` table of counters; a key adds one to one counter per
row and is estimated by the smallest of its counters. It is linear: the table of a corpus is the
sum of the tables of any split of it, so the parts of a run (worker processes, Dask tasks) send
their documents' keys and adding them in any order gives the same table. Its estimate is never below the truth; it is above it
only through keys that share all of a key's counters (collisions), which :meth:`overcount`
bounds. Counters saturate at 2**32 - 1.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from math import ceil

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
        self.table = array("I", bytes(4 * depth * width))
        self.added = 0

    def _cells(self, key: int) -> list[int]:
        # Kirsch-Mitzenmacher double hashing: row i uses h1 + i*h2 of one 64-bit key.
        low, high = key & 0xFFFFFFFF, (key >> 32) | 1
        width = self.width
        return [row * width + (low + row * high) % width for row in range(self.depth)]

    def add(self, keys: Iterable[int]) -> None:
        """Count each key once (a document passes each of its keys once)."""
        table = self.table
        count = 0
        for key in keys:
            count += 1
            for cell in self._cells(key):
                if table[cell] != 0xFFFFFFFF:
                    table[cell] += 1
        self.added += count

    def estimate(self, key: int, floor: int = 0) -> int:
        """How many times ``key`` was added, or more (never less).

        With a ``floor``, it may stop at the first counter below it and return that counter
        (at or above the estimate, and below ``floor``): for a caller that only asks whether the
        estimate reaches ``floor``, most keys (lines of one document) are settled by one row.
        """
        table = self.table
        least = 0xFFFFFFFF
        for cell in self._cells(key):
            value = table[cell]
            if value < least:
                least = value
                if value < floor:
                    break
        return least

    def overcount(self) -> int:
        """A bound ``m`` such that an estimate exceeds the truth by ``m`` or more with chance at most :data:`FALSE_RATE`.

        The other keys put ``added / width`` into a row's counter on average, so by Markov's
        inequality a row is ``m`` too high with chance at most ``added / (width * m)``, and all
        ``depth`` independent rows are with that to the power ``depth``.
        """
        mean = self.added / self.width
        return max(1, ceil(mean * FALSE_RATE ** (-1 / self.depth)))
