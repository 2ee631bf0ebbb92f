"""The fields a data set's records carry, gathered as they are read.

A ``--text-field`` or ``--id-field`` that no record has is a mistake in the command,
not in the data: it is one line for the file (the same for JSONL and Parquet), and
the file is not linted. A field that only some records lack stays an error of those
records (text) or names them by line or row number (id).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import InputError

#: Field names listed in the message, at most.
SHOWN = 12


class FieldCensus:
    """The names of the fields seen in a file's records, in order of appearance."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names: dict[str, None] = dict.fromkeys(names)

    def add(self, names: Iterable[str]) -> None:
        for name in names:
            self.names.setdefault(name, None)

    def problem(self, label: str, text_field: str, id_field: str | None) -> InputError | None:
        """The error for a chosen field that no record has (none for a file without records)."""
        if not self.names:
            return None
        for flag, name in (("--text-field", text_field), ("--id-field", id_field)):
            if name is not None and name not in self.names:
                shown = ", ".join(list(self.names)[:SHOWN]) + (", ..." if len(self.names) > SHOWN else "")
                return InputError(label, f"no record has the field '{name}' named by {flag} (fields: {shown})")
        return None
