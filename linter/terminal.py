"""Whether to colour output: ``--color``, then the ``NO_COLOR`` and ``FORCE_COLOR`` conventions, then the terminal."""

from __future__ import annotations

import os
from typing import TextIO


def use_color(choice: str, stream: TextIO) -> bool:
    """``always``/``never`` win; for ``auto``, a non-empty ``NO_COLOR`` turns colour off, a
    non-empty ``FORCE_COLOR`` (other than ``0``/``false``) turns it on (for CI logs that show
    colour but are not terminals), and otherwise colour is used on a terminal only."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR", "")
    if force and force.lower() not in ("0", "false"):
        return True
    return stream.isatty()
