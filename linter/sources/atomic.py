"""Write a file so that a reader (or a crash) never sees it half-written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..cache import replace_file


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it over ``path``.

    The new file keeps the old one's permission bits (a new file gets the
    default ones). A symlink is followed, so the link stays a link and its
    target gets the new content.
    """
    target = Path(os.path.realpath(path))
    if target.exists():
        mode = stat.S_IMODE(target.stat().st_mode)
        # Mode bits, not os.access: root may write anything, but a file nobody may write
        # was made read-only on purpose.
        if not mode & 0o222 or not os.access(target, os.W_OK):
            raise PermissionError(f"{path}: file is read-only")
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    replace_file(target, data, mode=mode, durable=True)
