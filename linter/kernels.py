"""Which fast paths this installation runs: ``newslint --version`` prints them.

All are optional and change only speed, never findings: the compiled kernels (the fluency
scorer, the word passes, the name tokens, the sentence splitter; built by ``pip install`` where a C compiler exists) and the RE2 prefilter of the
pattern rules (``google-re2``). Imported only when ``--version`` is asked for, so that
start-up does not pay for loading either.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from importlib import import_module
from typing import Any, NoReturn

from . import __version__


#: Each compiled kernel: what it does, and the module whose ``KERNEL`` says whether it was built.
KERNELS = (
    ("fluency scorer", "linter.fluency"),
    ("word passes", "linter.words"),
    ("name tokens", "linter.checks.name_tokens"),
    ("sentence splitter", "linter.sentences"),
)


def kernels() -> dict[str, str]:
    """Each kernel's ``compiled`` or ``pure``: what CI checks after installing with and without a compiler."""
    return {name: import_module(module).KERNEL for name, module in KERNELS}


def describe() -> str:
    """``newslint VERSION`` and one line per fast path: active, or what runs instead."""
    from .checks import prefilter

    lines = [f"newslint {__version__}"]
    for name, kernel in kernels().items():
        lines.append(f"{name}: " + ("compiled (Cython)" if kernel == "compiled" else "pure Python (no compiler at install)"))
    try:
        import re2  # noqa: F401
    except ImportError:
        lines.append("pattern prefilter: off (google-re2 not installed): every pattern rule searches every text")
    else:
        lines.append(f"pattern prefilter: RE2 set (memory budget {prefilter.MAX_MEM >> 20} MB)")
    return "\n".join(lines)


class VersionAction(argparse.Action):
    """``--version``: like argparse's, with the text computed only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version and the fast paths in use")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> NoReturn:
        print(describe())
        parser.exit()
