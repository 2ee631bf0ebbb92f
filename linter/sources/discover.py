"""Turn command-line paths into the files to lint: directories recursed, include and exclude applied."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from ..markdown import MARKDOWN_SUFFIXES
from .parquet import SUFFIXES as PARQUET_SUFFIXES
from .pathmatch import PathPatterns
from .records import SUFFIXES as RECORDS_SUFFIXES

#: Files linted when recursing: articles, and data sets (directories of shards included).
DEFAULT_INCLUDE: tuple[str, ...] = ("*.txt", *(f"*{suffix}" for suffix in (*MARKDOWN_SUFFIXES, *RECORDS_SUFFIXES, *PARQUET_SUFFIXES)))
#: Directories never entered while recursing (explicitly named files are always read).
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"})


class PathRules(Protocol):
    """What discovery needs of a folder's settings."""

    @property
    def include(self) -> PathPatterns: ...

    @property
    def exclude(self) -> PathPatterns: ...

    @property
    def force_exclude(self) -> bool: ...


def display_path(path: str) -> str:
    """A path that can always be printed: undecodable bytes of a file name become ``\\xNN``.

    ``os.walk`` returns such names with surrogate escapes, which open the file but
    cannot be written to a UTF-8 stream.
    """
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def iter_paths(paths: Sequence[str], rules_for: Callable[[str], PathRules]) -> Iterator[str]:
    """Yield file paths in a stable order.

    ``rules_for(folder)`` gives the settings that hold in a folder (its nearest
    configuration file): they decide which of its entries are linted. Paths named on
    the command line are yielded as given (even if they do not exist, so the reader
    reports them), excluded or not, unless ``force-exclude`` is on, as in ruff.
    Directories are walked in sorted order, yielding files that match ``include``
    and not ``exclude``. Symlinked directories are not followed, which also makes
    symlink loops harmless. A file reached more than once (named twice, or named and
    inside a named directory) is yielded once, where it first appears, as in ruff:
    otherwise it would be linted and counted (NL336's template counts) once per mention.
    Standard input ``-`` is never merged with a file.
    """
    seen: set[str] = set()
    for path, real in _iter_mentions(paths, rules_for):
        if path != "-":
            if real in seen:
                continue
            seen.add(real)
        yield path


def _iter_mentions(paths: Sequence[str], rules_for: Callable[[str], PathRules]) -> Iterator[tuple[str, str]]:
    """Every file each command-line path stands for, with its real path (``-`` for standard input), duplicates included."""
    for given in paths:
        if given != "-":
            rules = rules_for(os.path.dirname(os.path.abspath(given)))
            if rules.force_exclude and rules.exclude.matches(given, os.path.isdir(given)):
                continue
        if given == "-" or not os.path.isdir(given):
            yield given, given if given == "-" else os.path.realpath(given)
            continue
        for root, dirs, files in _walk(given):
            rules = rules_for(root)
            included, excluded = rules.include.in_folder(root), rules.exclude.in_folder(root)
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not excluded(d, True))
            # The folder's real path and printed form, worked out once for all its files (a
            # name never holds a separator, so adding it to ``root/`` is ``os.path.join``).
            real_root, shown_root = os.path.join(os.path.realpath(root), ""), str(Path(root))
            shown = "" if shown_root == os.curdir else os.path.join(shown_root, "")
            for name in sorted(files):
                if not included(name, False) or excluded(name, False):
                    continue
                if files[name]:
                    real = real_root + name
                else:
                    full = os.path.join(root, name)
                    if _special(full):
                        continue
                    real = os.path.realpath(full)
                yield shown + name, real


def _walk(top: str) -> Iterator[tuple[str, list[str], dict[str, bool]]]:
    """``os.walk(top, followlinks=False)``, but each file name comes with whether it is a regular file and not a link.

    That answer is the one ``os.lstat`` gives (``S_ISREG``), read from the folder listing's
    file type (``os.DirEntry``) instead of one system call per file; ``False`` also when it
    cannot be told. As in ``os.walk``: a folder that cannot be listed, or whose listing fails
    midway, yields nothing; an entry is a directory when it or what it links to is one; a
    link to a directory is listed among ``dirs`` but not entered; removing a name from
    ``dirs`` keeps it from being entered.
    """
    dirs: list[str] = []
    files: dict[str, bool] = {}
    try:
        listing = os.scandir(top)
    except OSError:
        return
    with listing:
        while True:
            try:
                entry = next(listing, None)
            except OSError:
                return
            if entry is None:
                break
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                dirs.append(entry.name)
            else:
                files[entry.name] = _regular(entry)
    yield top, dirs, files
    for name in dirs:
        below = os.path.join(top, name)
        if not os.path.islink(below):
            yield from _walk(below)


def _regular(entry: os.DirEntry[str]) -> bool:
    """A regular file and not a link to one: its real path is its folder's real path and its name."""
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def _special(path: str) -> bool:
    """A FIFO, socket or device found while recursing: skipped, as git and ruff do.

    Opening a FIFO blocks until something writes to it, so one in a folder would hang the
    run. Named on the command line it is still read (``newslint check <(cmd)`` works), and a
    link that leads nowhere is still yielded, so that the reader reports it.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)
