"""Parquet data sets (optional ``pyarrow``): read the text and id columns, write a repaired copy.

Only the text column changes on ``--fix``; the schema, every other column and the row
order are kept, and the new file replaces the old one (or lands in ``--output``) in one
rename, like every other write.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..language import record_language
from .atomic import write_atomic
from .fields import FieldCensus, id_fields, row_names

if TYPE_CHECKING:
    import pyarrow

SUFFIXES = (".parquet", ".pq")
#: Rows read from disk at a time when writing a repaired copy.
BATCH_ROWS = 4096


def is_parquet(path: str) -> bool:
    return path.lower().endswith(SUFFIXES)


def _pyarrow(label: str) -> Any:
    try:
        import pyarrow.parquet
    except ImportError:
        raise InputError(label, "reading Parquet needs pyarrow: pip install 'newslint[parquet]'") from None
    return pyarrow.parquet


def _open(path: Path, label: str) -> Any:
    parquet = _pyarrow(label)
    try:
        return parquet.ParquetFile(path)
    except FileNotFoundError:
        raise InputError(label, "no such file or folder") from None
    except PermissionError:
        raise InputError(label, "permission denied") from None
    except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(label, f"not a readable Parquet file ({str(error).splitlines()[0]})") from None


def read_rows(
    path: Path, label: str, text_field: str, id_field: str | None, language_field: str | None = None
) -> Iterator[tuple[int, str | int, str | InputError, str | None]]:
    """``(row, record id, text, language)`` per row (row numbers count from 1); a row without a string text gets an InputError.

    The language comes from the column ``language_field`` when it has one for the row, else it is None.
    """
    table = _open(path, label)
    fields = table.schema_arrow.names
    problem = FieldCensus(fields).problem(label, text_field, id_field)
    if problem is not None:
        raise problem
    named_by = [name for name in id_fields(id_field, text_field) if name != text_field and name in fields]
    columns = [text_field] + named_by
    with_language = language_field is not None and language_field in fields and language_field not in columns
    columns += [language_field] if with_language else []
    row = 0
    batches = table.iter_batches(batch_size=BATCH_ROWS, columns=columns)
    while True:
        try:
            batch = next(batches, None)
        except (OSError, ValueError) as error:
            raise InputError(label, f"damaged Parquet data after row {row} ({str(error).splitlines()[0]})") from None
        if batch is None:
            return
        texts = batch.column(text_field).to_pylist()
        record_names = row_names([batch.column(name).to_pylist() for name in named_by], row + 1, len(texts))
        languages = batch.column(language_field).to_pylist() if with_language else [None] * len(texts)
        for text, name, language in zip(texts, record_names, languages):
            row += 1
            code = record_language(language)
            if isinstance(text, str):
                yield row, name, text, code
            else:
                yield row, name, InputError(f"{label}:{row}", f"row has a {'null' if text is None else 'non-string'} '{text_field}' value"), code


def write_with_texts(source: Path, target: Path, label: str, text_field: str, texts: Sequence[str | None]) -> None:
    """Write ``source`` to ``target`` with the text column replaced by ``texts`` (None keeps a row's value)."""
    import pyarrow as pa

    parquet = _pyarrow(label)
    table = _open(source, label)
    schema: pyarrow.Schema = table.schema_arrow
    index = schema.get_field_index(text_field)
    sink = pa.BufferOutputStream()
    offset = 0
    with parquet.ParquetWriter(sink, schema) as writer:
        for batch in table.iter_batches(batch_size=BATCH_ROWS):
            count = batch.num_rows
            old = batch.column(index).to_pylist()
            new = [o if t is None else t for o, t in zip(old, texts[offset : offset + count])]
            offset += count
            column = pa.array(new, type=schema.field(index).type)
            writer.write_batch(batch.set_column(index, schema.field(index), column))
    write_atomic(target, sink.getvalue().to_pybytes())
