"""Turn command-line paths into the files to lint: directories recursed, globs applied."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

DEFAULT_INCLUDE: tuple[str, ...] = ("*.txt", "*.md")
#: Directories never entered while recursing (explicitly named files are always read).
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"})


def display_path(path: str) -> str:
    """A path that can always be printed: undecodable bytes of a file name become ``\\xNN``.

    ``os.walk`` returns such names with surrogate escapes, which open the file but
    cannot be written to a UTF-8 stream.
    """
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _matches(path: str, patterns: Iterable[str]) -> bool:
    name = os.path.basename(path)
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(path, p) for p in patterns)


def iter_paths(
    paths: Sequence[str], include: Sequence[str] = DEFAULT_INCLUDE, exclude: Sequence[str] = ()
) -> Iterator[str]:
    """Yield file paths in a stable order.

    Files named on the command line are yielded as given (even if they do not
    exist, so the reader reports them); directories are walked in sorted order,
    yielding files that match ``include`` and not ``exclude``. Symlinked
    directories are not followed, which also makes symlink loops harmless.
    """
    for given in paths:
        if given == "-" or not os.path.isdir(given):
            if given == "-" or not _matches(given, exclude):
                yield given
            continue
        for root, dirs, files in os.walk(given, followlinks=False):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not _matches(os.path.join(root, d), exclude))
            for name in sorted(files):
                full = os.path.join(root, name)
                if _matches(full, include) and not _matches(full, exclude):
                    yield str(Path(full))
