"""Where ``--fix --output DIR`` writes each input: its path mirrored under ``DIR``.

As ``cp --parents`` or ``rsync -R`` would, every input keeps its path relative to one
root, so ``../a/x.txt`` and ``../b/x.txt`` become ``DIR/a/x.txt`` and ``DIR/b/x.txt``
instead of one overwriting the other.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def mirrored(path: str, output_dir: Path, root: Path) -> Path:
    """The copy of ``path`` under ``output_dir``, relative to ``root``."""
    return output_dir / os.path.relpath(os.path.abspath(path), root)


def mirror_root(paths: Iterable[str], output_dir: Path) -> Path:
    """The deepest folder holding the working directory and every input (stdin aside).

    The working directory is part of it so that inputs below it keep the path they were
    given (``data/x.jsonl`` becomes ``DIR/data/x.jsonl``) whatever else is on the command
    line. Raises ``ValueError`` (one line) when two inputs would still be written to one
    file, so that nothing is written at all.
    """
    files = [path for path in paths if path != "-"]
    root = Path(os.path.commonpath([os.getcwd(), *(os.path.dirname(os.path.abspath(p)) for p in files)]))
    seen: dict[str, str] = {}
    for path in files:
        target = mirrored(path, output_dir, root)
        key = os.path.normcase(target)
        if key in seen:
            raise ValueError(f"{seen[key]} and {path} would both be written to {target}; nothing was written")
        seen[key] = path
    return root
