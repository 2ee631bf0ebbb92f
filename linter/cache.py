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


def write_cache_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    Another run reading the file at the same time finds the old one or the new one, never half of one.
    """
    import tempfile  # here, not at import: most runs write no cache file (tempfile costs 2 ms)

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
