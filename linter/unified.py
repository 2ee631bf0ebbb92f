"""Unified diffs of what ``--fix`` would write, in the form ``git apply`` and ``patch -p1`` accept.

Lines are split at ``\\n`` only (a ``\\r\\n`` line keeps its ``\\r``, as git and patch expect), and a
last line without a line break is marked ``\\ No newline at end of file``.
"""

from __future__ import annotations

import os

from .pattern_cache import compiled

_LINE = compiled(r"[^\n]*\n|[^\n]+\Z")
NO_NEWLINE = "\\ No newline at end of file\n"


def patch_path(path: str) -> str:
    """The path as the diff names it, with ``/``: relative to the working directory when inside
    it, else absolute without its leading ``/`` (so ``patch -p1`` applies it from the root)."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return (absolute if relative.startswith(os.pardir) else relative).replace(os.sep, "/").lstrip("/")


def unified_diff(path: str, old: str, new: str, context: int = 3) -> str:
    """``--- a/PATH`` / ``+++ b/PATH`` and the hunks turning ``old`` into ``new`` ('' when equal)."""
    if old == new:
        return ""
    import difflib  # here, not at import: only --diff writes a diff

    name = patch_path(path)
    lines = difflib.unified_diff(_LINE.findall(old), _LINE.findall(new), f"a/{name}", f"b/{name}", n=context)
    return "".join(line if line.endswith("\n") else line + "\n" + NO_NEWLINE for line in lines)
