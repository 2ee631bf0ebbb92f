"""The edges that touch files: decoding, discovery and atomic writes. The core never imports this."""

from ..errors import InputError
from .atomic import write_atomic
from .data_file import is_data_file
from .discover import DEFAULT_INCLUDE, display_path, iter_paths
from .textfile import Decoded, decode, encode, read_text

__all__ = ["DEFAULT_INCLUDE", "Decoded", "display_path", "InputError", "decode", "is_data_file", "encode", "iter_paths", "read_text", "write_atomic"]
