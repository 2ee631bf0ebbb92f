"""How a document is named wherever it is printed or matched: ``path``, or ``path[record]``.

One definition for the output formats, the stderr notes, the corpus report and the
``--source-pattern`` match, so a pattern written against the printed names matches them.
"""

from __future__ import annotations


def document_name(path: str, record: object | None) -> str:
    """``path`` for a text file, ``path[record]`` for a record of a data file (its id or 1-based number)."""
    return path if record is None else f"{path}[{record}]"
