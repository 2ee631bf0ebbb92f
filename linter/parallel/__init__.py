"""Whole corpora: the worker pool behind ``--jobs`` and the data-frame unit of work behind Dask.

``lint_frame`` (pandas in, findings out) is what Ray, Spark or Dask users map themselves,
with a :class:`~linter.options.Recipe` (re-exported here) saying how.
"""

from typing import Any

from ..options import Recipe

__all__ = ["Recipe", "lint_frame"]


def __getattr__(name: str) -> Any:
    """``lint_frame`` on first use: ``--jobs`` imports this package before its first fork, and the
    data-frame engine (with the records readers and gzip) is not its business (3 ms)."""
    if name == "lint_frame":
        from .frames import lint_frame

        return lint_frame
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
