"""newslint's own regular expressions, compiled once per installation rather than at every start-up.

``regex`` parses a pattern in Python: the eighty-odd patterns newslint's modules compile at
import took about a fifth of ``newslint check one.txt`` (some 40 ms). A compiled pattern pickles
with its compiled program, so :func:`compiled` keeps them in one file of the cache folder, each
under its text and flags; the file is named by the versions of Python and ``regex``, which decide
the program. The first call loads the file; a pattern not in it is compiled as usual, and the file
is written again when the process exits. Without a writable cache folder, or with an unreadable
file, every pattern is simply compiled. The rule packs' patterns live in the cached ruleset
(:mod:`.ruleset_cache`).
"""

from __future__ import annotations

import atexit
import pickle
import sys

import regex

from .cache import cache_dir, write_cache_file

#: More patterns than this in the file (those of older code, kept by earlier runs), and it is
#: written again with only the ones this process asked for.
KEEP = 1024

_Key = tuple[str, int]


class _Store:
    """The patterns of the cache file, and which ones this process asked for or added."""

    def __init__(self) -> None:
        self.path = cache_dir("patterns") / f"{sys.implementation.cache_tag}.{sys.version_info.micro}-regex-{regex.__version__}.pickle"
        self.patterns: dict[_Key, regex.Pattern[str]] = {}
        try:
            with self.path.open("rb") as stream:
                loaded = pickle.load(stream)
            if isinstance(loaded, dict):
                self.patterns = loaded
        except Exception:  # missing, truncated or foreign: every pattern is compiled
            pass
        self.asked: set[_Key] = set()
        self.added = False

    def save(self) -> None:
        """Write the file if this process compiled a pattern it lacked (at exit)."""
        if not self.added:
            return
        keep = self.patterns if len(self.patterns) <= KEEP else {key: self.patterns[key] for key in self.asked}
        try:
            write_cache_file(self.path, pickle.dumps(keep, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass


_store: _Store | None = None


def compiled(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, taken from the cache file when an earlier run compiled it."""
    global _store
    if _store is None:
        _store = _Store()
    key = (pattern, int(flags))
    _store.asked.add(key)
    found = _store.patterns.get(key)
    if found is None:
        found = _store.patterns[key] = regex.compile(pattern, flags)
        if not _store.added:
            _store.added = True
            atexit.register(_store.save)
    return found

