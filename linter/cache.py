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
    """Write ``data`` over ``path`` (its folder made if need be) through a temporary file.

    Another run reading the file at the same time finds the old one or the new one, never half of one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, data)


def replace_file(target: Path, data: bytes, mode: int | None = None, durable: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it over ``target``.

    The one way newslint writes a file whole (caches here; fixed files in ``sources.atomic``),
    so a reader finds the old file or the new one. ``mode``: the new file's permission bits
    (default: the temporary file's, owner only); ``durable``: on disk before the rename, so a
    crash also leaves one or the other. A failure removes the temporary file.
    """
    import tempfile  # here, not at import: most runs write no file (tempfile costs 2 ms)

    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".newslint")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
