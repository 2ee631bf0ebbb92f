"""The fields a data set's records carry, gathered as they are read.

A ``--text-field`` or ``--id-field`` that no record has is a mistake in the command,
not in the data: it is one line for the file (the same for JSONL and Parquet), and
the file is not linted. A field that only some records lack stays an error of those
records (text) or names them by line or row number (id).

Without ``--id-field`` a record is named by the first conventional id field it holds
(``ID_FIELDS``), as data sets exported from databases and crawlers carry one; a record
without any is named by its line or row number.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import InputError

#: Field names listed in the message, at most.
SHOWN = 12
#: The fields that name a record when ``--id-field`` is not given, in order of preference.
ID_FIELDS = ("id", "_id", "doc_id", "uuid")
#: How a record is named without ``--id-field`` (``newslint config`` says it of an unset id-field).
DEFAULT_NAMING = f"a record is named by the first of {', '.join(ID_FIELDS)} it holds, else by its line or row number"


def id_fields(id_field: str | None, text_field: str) -> Sequence[str]:
    """The fields that may name a record: the one ``--id-field`` chose, else the conventional ones."""
    return (id_field,) if id_field is not None else tuple(name for name in ID_FIELDS if name != text_field)


def record_name(values: Iterable[object], number: int) -> str | int:
    """The first string or integer of ``values`` (a record's id fields, in ``id_fields`` order), else ``number``."""
    return next((value for value in values if isinstance(value, (str, int)) and not isinstance(value, bool)), number)


def row_names(columns: Sequence[Sequence[object]], first: int, count: int) -> list[str | int]:
    """The names of ``count`` rows numbered from ``first``, given the values of their id columns."""
    if not columns:
        return list(range(first, first + count))
    return [record_name(values, first + i) for i, values in enumerate(zip(*columns))]


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
        # The field's role and the flag that chooses it, not "named by --text-field": the default
        # `text` and a configuration's choice reach here without the flag ever being typed.
        for role, name in (("text", text_field), ("id", id_field)):
            if name is not None and name not in self.names:
                shown = ", ".join(list(self.names)[:SHOWN]) + (", ..." if len(self.names) > SHOWN else "")
                return InputError(label, f"no record has the {role} field '{name}' (choose it with --{role}-field; fields: {shown})")
        return None
