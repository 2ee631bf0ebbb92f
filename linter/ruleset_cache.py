"""Compiled rulesets kept on disk, so that start-up does not compile every pattern again.

The ``regex`` module parses a pattern in Python, and the hundred-odd patterns of the
rule packs take most of the start-up of ``newslint check one.txt``. A pickled
pattern keeps its compiled form, so a pickled ruleset loads in milliseconds. The
cache key covers everything the ruleset is built from: the text of every pack, the
source of the ``linter`` package (check types compile their parameters) and the
versions of Python and ``regex``; anything else means a fresh build. Like Python's
own ``__pycache__``, the folder must be writable only by its owner. Without a
writable cache folder, or with an unreadable entry, the ruleset is simply built.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from .cache import cache_dir, write_cache_file

if TYPE_CHECKING:
    from .rule import Ruleset

#: Cached rulesets kept (one per distinct set of packs: built-in alone, with a user pack, ...).
KEEP = 8


@cache
def code_digest() -> bytes:
    """A digest of the package's source files (the code that turns packs into checks)."""
    digest = hashlib.sha256()
    for relative, path in sorted(_sources(str(Path(__file__).resolve().parent), "")):
        digest.update(relative.encode())
        with open(path, "rb") as stream:
            digest.update(stream.read())
    return digest.digest()


def _sources(folder: str, prefix: str) -> Iterator[tuple[str, str]]:
    """The ``.py`` files under ``folder``, each as (path relative to it, path): ``os.scandir``, as
    ``Path.rglob`` is several times slower and this runs at every start-up."""
    for entry in os.scandir(folder):
        if entry.is_dir():
            yield from _sources(entry.path, f"{prefix}{entry.name}/")
        elif entry.name.endswith(".py"):
            yield prefix + entry.name, entry.path


def cache_key(packs: Sequence[tuple[str, str]]) -> str:
    """The hex digest naming the ruleset built from ``packs`` (label and text of each)."""
    digest = hashlib.sha256(f"{sys.version}\0{regex.__version__}\0".encode())
    digest.update(code_digest())
    for label, text in packs:
        digest.update(f"\0{label}\0{len(text)}\0{text}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def cached_ruleset(packs: Sequence[tuple[str, str]], build: Callable[[], Ruleset]) -> Ruleset:
    """The ruleset of ``packs`` from the cache, else ``build()`` (whose errors pass through) saved there."""
    folder = cache_dir("rulesets")
    path = folder / f"{cache_key(packs)}.pickle"
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except Exception:  # missing, truncated or foreign: only a cache miss
        pass
    ruleset = build()
    try:
        _save(folder, path, ruleset)
    except OSError:
        pass
    return ruleset


def _save(folder: Path, path: Path, ruleset: Ruleset) -> None:
    """Write the entry, then keep only the ``KEEP`` newest."""
    write_cache_file(path, pickle.dumps(ruleset, protocol=pickle.HIGHEST_PROTOCOL))
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)
