"""Where newslint keeps caches that only save time: grammar answers, the word-frequency table, compiled rulesets.

``NEWSLINT_CACHE_DIR`` overrides the location (default: ``$XDG_CACHE_HOME/newslint`` or
``~/.cache/newslint``). Deleting the folder is always safe.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir(name: str) -> Path:
    """The cache folder for ``name`` (not created here)."""
    base = os.environ.get("NEWSLINT_CACHE_DIR") or os.path.join(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "newslint")
    return Path(base) / name
