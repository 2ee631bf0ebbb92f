"""Whole corpora: the worker pool behind ``--jobs`` and the data-frame unit of work behind Dask.

``lint_frame`` (pandas in, findings out) is what Ray, Spark or Dask users map themselves.
"""

from .frames import lint_frame
from .pool import Recipe

__all__ = ["Recipe", "lint_frame"]
