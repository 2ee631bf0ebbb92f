"""English word frequencies (wordfreq) as Zipf values, fast to start and fast in bulk.

Importing wordfreq and unpacking its table takes about 0.2 s, most of a one-file run. So the
table is copied once into newslint's cache folder, named after the content of wordfreq's data
file (its size and a checksum of its first and last 4 kB, whose last 8 bytes are gzip's
checksum of the whole table): each fresh install of the same wordfreq reuses the copies.
Two twins read them, with the same doubles:

- compiled (``_frequencies.pyx``, see ``KERNEL``): one file holding a hash table, mapped
  read-only. Opening it costs a system call, not a load; forked workers share it for free;
  ``get`` and ``unknown`` look words up in C.
- pure: an SQLite file, from which a short run looks up only the words it meets (a few ms),
  and a marshalled dict, which a long run loads whole (about 0.1 s) once it has looked up more
  than ``SWITCH_AFTER`` distinct words.

Without a writable cache folder, or with a damaged copy, the table is loaded whole from wordfreq.

A process may fork with a pure table's database open (``--jobs`` forks its workers from the
process that built the rules): SQLite forbids using a connection in a forked child, so each
child drops its copy of the handle and opens its own at its next look-up.
"""

from __future__ import annotations

import importlib.util
import marshal
import math
import mmap
import os
import weakref
import zlib
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cache import cache_dir, write_cache_file
from ..twins import compiled_twin

if TYPE_CHECKING:
    import sqlite3  # imported by the pure twin only, at its first look-up (some 10 ms)

#: Distinct words looked up one by one before the whole table is loaded.
SWITCH_AFTER = 3_000


def _source() -> Path | None:
    """wordfreq's English data file, found without importing wordfreq."""
    spec = importlib.util.find_spec("wordfreq")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    path = Path(folders[0]) / "data" / "large_en.msgpack.gz" if folders else None
    return path if path is not None and path.exists() else None


def _stem(source: Path) -> Path:
    """Where the copies of ``source``'s table go, less their suffix: named by its size and content.

    Not by its time: each fresh environment gives wordfreq's file a new one, and made new copies
    (a cache folder of 10 GB). Reading its first and last 4 kB costs some 15 µs.
    """
    with open(source, "rb", buffering=0) as stream:  # unbuffered: two reads of 4 kB
        head = stream.read(4096)
        size = stream.seek(0, os.SEEK_END)
        stream.seek(max(size - 4096, 0))
        tail = stream.read(4096)
    return cache_dir("wordfreq") / f"en-{size}-{zlib.crc32(tail, zlib.crc32(head)):08x}"


def _from_wordfreq() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return {word: math.log10(frequency) + 9 for word, frequency in get_frequency_dict("en").items() if frequency > 0}


def _write_copies(table: dict[str, float], stem: Path) -> None:
    """The pure twin's marshal and SQLite copies, each written to a temporary file and renamed
    (the database is built by SQLite in its own temporary file); then the stale copies removed."""
    import sqlite3

    from .stale_copies import remove_stale_copies

    write_cache_file(stem.with_suffix(".marshal"), marshal.dumps(table))
    temporary = stem.with_name(f".{stem.name}.{os.getpid()}.tmp")
    with sqlite3.connect(temporary) as connection:
        connection.execute("CREATE TABLE zipf (word TEXT PRIMARY KEY, value REAL) WITHOUT ROWID")
        connection.executemany("INSERT INTO zipf VALUES (?, ?)", table.items())
    connection.close()
    os.replace(temporary, stem.with_suffix(".sqlite"))
    remove_stale_copies(stem)


#: Every table of this process, for the fork handler below.
_TABLES: weakref.WeakSet[PureZipfTable] = weakref.WeakSet()


def _forget_databases() -> None:
    """In a forked child: each pure table's inherited SQLite handle dropped unqueried (read-only and holding no lock,
    closing it touches nothing of the parent's); the child's next look-up opens its own."""
    for table in _TABLES:
        table._database = None


if hasattr(os, "register_at_fork"):  # not on Windows, which cannot fork
    os.register_at_fork(after_in_child=_forget_databases)


def load_used_tables() -> None:
    """Load whole each pure table this process has looked words up in, as a long run would after ``SWITCH_AFTER`` words.

    Called before forking workers (:mod:`linter.parallel.warm`), which then share the one
    table instead of each looking up its first thousands of words and loading its own.
    A compiled table has nothing to load: its workers share its mapping.
    """
    for table in list(_TABLES):
        if not table.complete and table.values:
            table._load_all()


class PureZipfTable:
    """Word to Zipf value (0.0 for words English does not have), looked up in SQLite, then loaded whole."""

    def __init__(self) -> None:
        self.values: dict[str, float] = {}
        self.complete = False
        self._stem: Path | None = None
        self._database: sqlite3.Connection | None = None
        self._looked_up = 0
        _TABLES.add(self)

    @classmethod
    def whole(cls, values: dict[str, float]) -> PureZipfTable:
        """The table of ``values``, complete: what the compiled twin uses where it has no mapped copy."""
        table = cls()
        table.values, table.complete = values, True
        return table

    def get(self, word: str) -> float:
        value = self.values.get(word)
        if value is not None:
            return value
        if self.complete:
            return 0.0
        return self._look_up(word)

    def unknown(self, words: Iterable[str]) -> set[str]:
        """The ``words`` whose value is 0.0, as ``{w for w in words if self.get(w) == 0}``.

        Once the whole table is loaded a set difference with it answers, without a Python step
        per word: the nonword rule asks this of every distinct lowercase word of every text.
        """
        if not self.complete:
            return {word for word in words if self.get(word) == 0}
        candidates = set(words)
        found = candidates.difference(self.values)
        if self._zeros:
            found.update(self._zeros.intersection(candidates))
        return found

    @cached_property
    def _zeros(self) -> frozenset[str]:
        """The words the table holds with the value 0.0 (none in wordfreq's data, but a table could)."""
        values = self.values  # the scan for a zero runs in C; the set is built only if there is one
        return frozenset(word for word, value in values.items() if value == 0) if 0 in values.values() else frozenset()

    def _look_up(self, word: str) -> float:
        if self._database is None:
            self._open()
            if self.complete:
                return self.values.get(word, 0.0)
        assert self._database is not None
        self._looked_up += 1
        if self._looked_up > SWITCH_AFTER:
            self._load_all()
            return self.values.get(word, 0.0)
        row = self._database.execute("SELECT value FROM zipf WHERE word = ?", (word,)).fetchone()
        value = row[0] if row else 0.0
        self.values[word] = value
        return value

    def _open(self) -> None:
        import sqlite3

        source = _source()
        if source is not None:
            self._stem = _stem(source)
            database = self._stem.with_suffix(".sqlite")
            if not database.exists():
                try:
                    _write_copies(_from_wordfreq(), self._stem)
                except (OSError, sqlite3.Error):
                    pass  # no writable cache: fall through to the whole table
            try:
                self._database = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, check_same_thread=False)
                self._database.execute("SELECT 1 FROM zipf LIMIT 1")
                return
            except sqlite3.Error:
                self._database = None
        self._load_all()

    def _load_all(self) -> None:
        table = None
        if self._stem is not None:
            try:
                loaded = marshal.loads(self._stem.with_suffix(".marshal").read_bytes())
                table = loaded if isinstance(loaded, dict) else None
            except (OSError, ValueError, EOFError, TypeError):
                table = None
        self.values = table if table is not None else _from_wordfreq()
        self.complete = True
        if self._database is not None:
            self._database.close()
            self._database = None


def _mapped_copy() -> mmap.mmap | PureZipfTable:
    """The compiled twin's file, mapped (written first if it is missing: then the stale copies removed); else the
    whole table, as the pure twin holds it."""
    table = None
    source = _source()
    if source is not None:
        path = _stem(source).with_suffix(".table1")  # the number: the file's layout
        if not path.exists():
            try:
                write_cache_file(path, _compiled.build(table := _from_wordfreq()))
                from .stale_copies import remove_stale_copies

                remove_stale_copies(path)
            except (OSError, ValueError):
                pass  # no writable cache (or a word the file cannot hold): the whole table
        try:
            with path.open("rb") as stream:
                mapping = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
            if _compiled.readable(mapping):
                return mapping
            mapping.close()
        except (OSError, ValueError):
            pass  # missing, empty, or not mappable here
    return PureZipfTable.whole(table if table is not None else _from_wordfreq())


#: Which twin serves the table: ``compiled`` (the mapped hash table) or ``pure`` (SQLite, then a dict).
_compiled, KERNEL = compiled_twin("linter.fluency._frequencies")


def compiled_table() -> Any:
    """A compiled table (``_frequencies.MappedTable``), opened at its first look-up."""
    return _compiled.MappedTable(_mapped_copy)


#: A new table of whichever twin this installation has: what ``linter.fluency`` looks words up in.
ZipfTable: Callable[[], Any] = PureZipfTable if _compiled is None else compiled_table
