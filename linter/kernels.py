"""Which fast paths this installation runs: ``newslint --version`` prints them.

Both are optional and change only speed, never findings: the compiled fluency scorer
(built by ``pip install`` where a C compiler exists) and the RE2 prefilter of the
pattern rules (``google-re2``). Imported only when ``--version`` is asked for, so that
start-up does not pay for loading either.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, NoReturn

from . import __version__


def describe() -> str:
    """``newslint VERSION`` and one line per fast path: active, or what runs instead."""
    from .checks import name_tokens, prefilter
    from .fluency import KERNEL

    scorer = "compiled (Cython)" if KERNEL == "compiled" else "pure Python (no compiler at install)"
    names = "compiled (Cython)" if name_tokens.KERNEL == "compiled" else "pure Python (regex)"
    try:
        import re2  # noqa: F401
    except ImportError:
        regexes = "off (google-re2 not installed): every pattern rule searches every text"
    else:
        regexes = f"RE2 set (memory budget {prefilter.MAX_MEM >> 20} MB)"
    return f"newslint {__version__}\nfluency scorer: {scorer}\nname tokens: {names}\npattern prefilter: {regexes}"


class VersionAction(argparse.Action):
    """``--version``: like argparse's, with the text computed only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version and the fast paths in use")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> NoReturn:
        print(describe())
        parser.exit()
