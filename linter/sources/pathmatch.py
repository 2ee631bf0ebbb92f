"""Gitignore-style path patterns (pathspec), relative to the folder they were written for.

``include``, ``exclude`` and ``per-file-ignores`` in a configuration file are relative to
that file's folder; the same flags on the command line are relative to the working
directory (as in ruff). As in ``.gitignore``, a pattern with a slash before its end is
anchored to that folder (``drafts/*``), one without matches a name at any depth
(``*.md``), ``*`` stays within a folder and ``**`` crosses folders.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec


@functools.lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    # Compiled once per process; only the pattern strings travel to worker processes.
    # Imported here: a run on named files without patterns (pre-commit) does not pay for it.
    # The "simple" backend (the re module) matches file names that are not valid UTF-8
    # (surrogate escapes), which the re2 backend cannot encode.
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns, backend="simple")


#: A pattern that only asks for a name's ending (``*.txt``): no folder part, no other wildcard, no negation.
_SUFFIX_ONLY = re.compile(r"\*(\.[\w.-]+)")


def _suffixes(patterns: tuple[str, ...]) -> tuple[str, ...] | None:
    """The endings the patterns ask for when each is ``*.ending`` (the default ``include``), else None.

    Such a pattern matches a file or folder at any depth whose name ends so (``*`` also matches
    nothing), so ``str.endswith`` decides it without compiling a pathspec.
    """
    matched = [_SUFFIX_ONLY.fullmatch(pattern) for pattern in patterns]
    return tuple(m.group(1) for m in matched if m is not None) if all(matched) else None


@dataclass(frozen=True)
class PathPatterns:
    """Patterns and the folder they are relative to (``None``: the working directory)."""

    patterns: tuple[str, ...] = ()
    root: str | None = None

    def matches(self, path: str, is_dir: bool = False) -> bool:
        """Whether ``path`` (relative to the working directory, or absolute) matches a pattern.

        A path outside ``root`` is matched by its name alone, so only patterns
        without a folder part (``*.md``) can match it.
        """
        if not self.patterns:
            return False
        full = os.path.abspath(path)
        relative = self._relative(full)
        if relative == os.curdir:
            return False
        if relative is None:
            relative = os.path.basename(full)
        return _spec(self.patterns).match_file(relative + "/" if is_dir else relative)

    def in_folder(self, folder: str) -> Callable[[str, bool], bool]:
        """:meth:`matches` for the entries of ``folder``, given by name: the folder's place is worked out once.

        Discovery asks this of every file of a corpus, where working out each path anew was
        most of the cost.
        """
        if not self.patterns:
            return lambda name, is_dir=False: False
        suffixes = _suffixes(self.patterns)
        if suffixes is not None:
            return lambda name, is_dir=False: name.endswith(suffixes)
        relative = self._relative(os.path.abspath(folder))
        prefix = "" if relative is None or relative == os.curdir else relative + "/"
        match = _spec(self.patterns).match_file
        return lambda name, is_dir=False: match(prefix + name + "/" if is_dir else prefix + name)

    def _relative(self, full: str) -> str | None:
        """``full`` relative to ``root``, with ``/`` separators; None when it lies outside ``root``."""
        relative = os.path.relpath(full, self.root or os.getcwd())
        if relative == os.pardir or relative.startswith(os.pardir + os.sep):
            return None
        return relative.replace(os.sep, "/")


def per_file_ignores(path: str, table: Mapping[str, Sequence[str]], root: str | None = None) -> tuple[str, ...]:
    """The codes ``per-file-ignores`` removes for ``path``; ``root`` is the configuration file's folder."""
    found: list[str] = []
    for pattern, codes in table.items():
        if PathPatterns((pattern,), root).matches(path):
            found.extend(codes)
    return tuple(found)
