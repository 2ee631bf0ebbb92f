"""Whole corpora: the worker pool behind ``--jobs`` and the data-frame unit of work behind Dask.

``lint_frame`` (pandas in, findings out) is what Ray, Spark or Dask users map themselves,
with a :class:`~linter.options.Recipe` (re-exported here) saying how.
"""

from ..options import Recipe
from .frames import lint_frame

__all__ = ["Recipe", "lint_frame"]
