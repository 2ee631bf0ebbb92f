"""The word-frequency copies no run will read again, removed when a new copy is written.

:mod:`.frequencies` names its copies by the content of wordfreq's data file (``en-SIZE-CRC32``);
they were once named by its time (``en-SIZE-MTIME_NS``), which gave each fresh environment a new
pair, and nothing removed them (a cache folder of 10 GB). Only a run that has just written a copy
looks for stale ones (one listing of the folder), so the runs that find their copy pay nothing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

#: A copy's name, old or current: its stem (what it is a copy of), then the twin's suffix. Any other
#: file (another tool's, a temporary file, which starts with a dot, or a layout newer than ``table1``)
#: is never touched.
COPY_NAME = re.compile(r"(?P<stem>en-[0-9]+-(?:[0-9]+|[0-9a-f]{8}))\.(?:marshal|sqlite|table1)")


def remove_stale_copies(written: Path) -> int:
    """Remove every copy in ``written``'s folder that is not of ``written``'s content; the bytes freed.

    Old-named copies and copies of other data go; ``written``'s own and its twin's stay. Symbolic links
    and folders are left alone, and any ``OSError`` (a read-only or shared cache, a file another run
    removed first) leaves that file: cleaning up must never make a run fail.
    """
    freed = 0
    try:
        with os.scandir(written.parent) as entries:
            for entry in entries:
                match = COPY_NAME.fullmatch(entry.name)
                if match is None or match["stem"] == written.stem:
                    continue
                try:
                    if entry.is_file(follow_symlinks=False):
                        size = entry.stat(follow_symlinks=False).st_size
                        os.unlink(entry.path)
                        freed += size
                except OSError:
                    pass
    except OSError:
        pass
    return freed
