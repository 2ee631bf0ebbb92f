"""Decode bytes to text for linting, and encode fixed text back without touching anything else.

The byte-order mark is taken off (offsets count from the first real character)
and put back on write; newlines are left exactly as they are, so that writing
back a text with no edits gives the same bytes.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass

from ..errors import InputError

#: Bytes inspected for NUL when deciding whether a file is binary.
SNIFF = 8192
#: How a file is opened to be read: as bytes, also on Windows (no newline translation).
_READING = os.O_RDONLY | getattr(os, "O_BINARY", 0)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded text and what is needed to encode it back byte for byte."""

    text: str
    encoding: str = "utf-8"
    bom: bytes = b""


def decode(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Decode ``data``; raise :class:`InputError` for binary data and invalid text.

    Without ``encoding``: a BOM decides (UTF-8, UTF-16 or UTF-32), otherwise
    strict UTF-8. With ``encoding`` (e.g. ``cp1252``) the bytes are read in that
    legacy encoding on purpose.
    """
    bom = b""
    chosen = encoding or "utf-8"
    if encoding is None:
        for mark, name in _BOMS:
            if data.startswith(mark):
                bom, chosen = mark, name
                break
    body = data[len(bom) :]
    if not chosen.startswith("utf-16") and not chosen.startswith("utf-32") and b"\x00" in body[:SNIFF]:
        raise InputError(path, "binary file (contains NUL bytes); not linted")
    try:
        text = body.decode(chosen)
    except UnicodeDecodeError as error:
        offset = error.start + len(bom)
        raise InputError(
            path,
            f"invalid {chosen} at byte {offset} ({body[error.start:error.start + 4]!r}); "
            "use --encoding to read a legacy encoding",
        ) from None
    except LookupError:
        raise InputError(path, f"unknown encoding {chosen!r}") from None
    return Decoded(text, chosen, bom)


def encode(text: str, decoded: Decoded) -> bytes:
    """The bytes of ``text`` in the encoding and with the BOM it was read with."""
    return decoded.bom + text.encode(decoded.encoding)


def read_bytes(path: str | os.PathLike[str], label: str | None = None) -> bytes:
    """Read one file; every OS error becomes an :class:`InputError` naming ``label``."""
    label = label or os.fspath(path)
    try:
        return _whole(path)
    except IsADirectoryError:
        raise InputError(label, "is a directory") from None
    except FileNotFoundError:
        raise InputError(label, "no such file or folder") from None
    except PermissionError:
        raise InputError(label, "permission denied") from None
    except OSError as error:
        raise InputError(label, f"cannot read: {error.strerror or error}") from None


def read_text(path: str | os.PathLike[str], label: str | None = None, encoding: str | None = None) -> Decoded:
    """Read and decode one file (see :func:`decode`)."""
    label = label or os.fspath(path)
    return decode(read_bytes(path, label), label, encoding)


def _whole(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes by the system's calls alone: a news article in half the time of a file
    object's (no buffer, no terminal check, no position asked)."""
    descriptor = os.open(path, _READING)
    try:
        chunks: list[bytes] = []
        wanted = os.fstat(descriptor).st_size + 1  # a regular file in one read, whose end the next finds
        while chunk := os.read(descriptor, wanted):
            chunks.append(chunk)
            wanted = wanted - len(chunk) or 1 << 16  # 1 at a regular file's end; a pipe's (size 0) rest by 64 KB
        return b"".join(chunks)  # one chunk is returned as it is, not copied
    finally:
        os.close(descriptor)
