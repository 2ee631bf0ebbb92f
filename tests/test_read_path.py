"""Reading a file (#16): by the system's calls, from a path string or a ``Path``, every byte of a
regular file or a pipe, and the same one-line errors as before."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from pathlib import Path

import pytest

from linter.errors import InputError
from linter.parallel.counting import keys_of_files
from linter.sources.textfile import read_bytes, read_text


def test_a_path_string_or_a_path_reads_every_byte(tmp_path: Path) -> None:
    data = "\ufeffHome | World\r\n".encode() + bytes(range(1, 256)) * 600  # past one 64 KB read
    (tmp_path / "a.txt").write_bytes(data)
    assert read_bytes(str(tmp_path / "a.txt")) == read_bytes(tmp_path / "a.txt") == data
    (tmp_path / "b.txt").write_bytes("\ufeffHome | World\r\n".encode())
    decoded = read_text(str(tmp_path / "b.txt"), "b.txt")
    assert (decoded.text, decoded.encoding, decoded.bom) == ("Home | World\r\n", "utf-8", b"\xef\xbb\xbf")
    (tmp_path / "empty.txt").write_bytes(b"")
    assert read_bytes(str(tmp_path / "empty.txt")) == b""


@pytest.mark.skipif(not os.path.isdir("/dev/fd") or sys.platform == "win32", reason="a pipe named by a path")
def test_a_pipe_whose_size_is_zero_is_read_to_its_end() -> None:
    reading, writing = os.pipe()
    data = b"one line\n" * 30_000  # more than a pipe holds: written while it is read

    def write() -> None:
        with os.fdopen(writing, "wb") as stream, contextlib.suppress(BrokenPipeError):  # a failed read closes the pipe
            stream.write(data)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert read_bytes(f"/dev/fd/{reading}") == data
    finally:
        os.close(reading)
        writer.join()


def test_errors_are_one_line_naming_the_label(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        read_bytes(str(tmp_path / "missing.txt"), "missing.txt")
    with pytest.raises(InputError, match="is a directory") as error:
        read_text(str(tmp_path), "folder")
    assert str(error.value).startswith("folder")
    (tmp_path / "binary.txt").write_bytes(b"a\x00b")
    with pytest.raises(InputError, match="binary file"):
        read_text(str(tmp_path / "binary.txt"))


def test_pass_one_reads_path_strings_and_leaves_unreadable_files_to_pass_two(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Home | World\nThe council met.\n")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    files = ((str(tmp_path / "a.txt"), None), (str(tmp_path / "bad.txt"), None), (str(tmp_path / "gone.txt"), None))
    assert len(keys_of_files((files, None))) == 3  # a.txt's two lines and its source's count
