"""JSON Lines data sets: one article per line, the text in one field.

Fixing a record must not touch anything but its text: other fields, key order,
escapes, number formats, line endings and line order stay byte for byte. So the
text field's value is located in the original line and only that slice is
replaced; the rest of the line is never re-serialised.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from json.decoder import scanstring

from ..errors import InputError
from ..language import record_language
from .fields import FieldCensus, id_fields, record_name

SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\r\n"
_BOM = "\ufeff"


def is_records(path: str) -> bool:
    return path.lower().endswith(SUFFIXES)


@dataclass
class Record:
    """One line of a JSONL file and where its text sits in it."""

    number: int
    raw: str
    ending: str
    record_id: str | int
    text: str
    value_start: int
    value_end: int
    #: The record's language from ``--language-field`` (None: detect it).
    language: str | None = None

    def with_text(self, text: str) -> str:
        """The line with the text field replaced (escaping as the original did)."""
        original = self.raw[self.value_start : self.value_end]
        ascii_only = original.isascii() and not self.text.isascii()
        encoded = json.dumps(text, ensure_ascii=ascii_only)
        return self.raw[: self.value_start] + encoded + self.raw[self.value_end :]


def _skip(raw: str, index: int) -> int:
    while index < len(raw) and raw[index] in _WHITESPACE:
        index += 1
    return index


def member_spans(raw: str, start: int = 0) -> dict[str, tuple[int, int]]:
    """Offsets of the value of each top-level member of the JSON object in ``raw[start:]``."""
    index = _skip(raw, start)
    if raw[index : index + 1] != "{":
        raise ValueError("not a JSON object")
    index = _skip(raw, index + 1)
    spans: dict[str, tuple[int, int]] = {}
    if raw[index : index + 1] == "}":
        return spans
    while True:
        if raw[index : index + 1] != '"':
            raise ValueError(f"expected a key at column {index + 1}")
        key, index = scanstring(raw, index + 1)
        index = _skip(raw, index)
        if raw[index : index + 1] != ":":
            raise ValueError(f"expected ':' at column {index + 1}")
        start = _skip(raw, index + 1)
        _value, end = _DECODER.raw_decode(raw, start)
        spans[key] = (start, end)
        index = _skip(raw, end)
        if raw[index : index + 1] == ",":
            index = _skip(raw, index + 1)
            continue
        if raw[index : index + 1] == "}" and not raw[_skip(raw, index + 1) :]:
            return spans
        raise ValueError(f"expected ',' or '}}' at column {index + 1}")


def decompress(data: bytes, path: str) -> bytes:
    if path.lower().endswith(".gz"):
        try:
            return gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise InputError(path, f"not a valid gzip file: {error}") from None
    return data


def compress(data: bytes, path: str) -> bytes:
    return gzip.compress(data, mtime=0) if path.lower().endswith(".gz") else data


def split_lines(data: bytes, first_line: int = 1) -> Iterator[tuple[int, bytes, bytes]]:
    """``(number, content, ending)`` for each line, keeping ``\\n`` or ``\\r\\n``."""
    number = first_line - 1
    for chunk in data.splitlines(keepends=True):
        number += 1
        if chunk.endswith(b"\r\n"):
            yield number, chunk[:-2], b"\r\n"
        elif chunk.endswith((b"\n", b"\r")):
            yield number, chunk[:-1], chunk[-1:]
        else:
            yield number, chunk, b""


def parse_records(
    data: bytes, path: str, text_field: str, id_field: str | None, first_line: int = 1, census: FieldCensus | None = None,
    language_field: str | None = None,
) -> Iterator[tuple[int, bytes, bytes, Record | InputError | None]]:
    """Each line with its record, an input error for that line, or None (a blank line).

    ``first_line`` numbers the lines of a block that starts inside a larger file;
    ``census`` collects the field names of every record; a record's
    ``language_field``, when it holds a string, is its language.
    """
    names = id_fields(id_field, text_field)
    for number, content, ending in split_lines(data, first_line):
        where = f"{path}:{number}"
        if not content.strip():
            yield number, content, ending, None
            continue
        try:
            raw = content.decode("utf-8")
        except UnicodeDecodeError as error:
            yield number, content, ending, InputError(where, f"invalid utf-8 at byte {error.start} of the line")
            continue
        # A BOM opening the file is no part of the first record; it stays in ``raw`` so a fix keeps it.
        lead = 1 if number == 1 and raw.startswith(_BOM) else 0
        try:
            obj = json.loads(raw[lead:])
            if not isinstance(obj, dict):
                raise ValueError("not a JSON object")
            spans = member_spans(raw, lead)
        except ValueError as error:
            yield number, content, ending, InputError(where, _malformed(error))
            continue
        if census is not None:
            census.add(obj)
        text = obj.get(text_field)
        if not isinstance(text, str):
            problem = "has no" if text_field not in obj else "has a non-string"
            yield number, content, ending, InputError(where, f"record {problem} '{text_field}' field")
            continue
        record_id = record_name((obj.get(name) for name in names), number)
        start, end = spans[text_field]
        language = record_language(obj.get(language_field)) if language_field is not None else None
        yield number, content, ending, Record(number, raw, ending.decode(), record_id, text, start, end, language)


def _malformed(error: ValueError) -> str:
    """The parser's complaint with the column in the file's line (the parser numbers from its own line 1)."""
    if not isinstance(error, json.JSONDecodeError):
        return f"malformed JSON line: {error}"
    if error.msg.startswith("Unexpected UTF-8 BOM"):  # not Python's hint to decode with utf-8-sig
        return "malformed JSON line: a byte order mark (BOM) opens it; only the file's first line may start with one"
    complaint = error.msg[:1].lower() + error.msg[1:]
    return f"malformed JSON line: {complaint}{'' if complaint.endswith(' at') else ' at'} column {error.colno}"
