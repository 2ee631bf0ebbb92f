"""Whether a path is a data set file (JSONL or Parquet, whose records are the documents) rather than one text."""

from __future__ import annotations

from .parquet import is_parquet
from .records import is_records


def is_data_file(path: str) -> bool:
    """JSONL (plain or gzipped) or Parquet, by suffix: read as records, split over workers, counted as many documents."""
    return is_records(path) or is_parquet(path)
