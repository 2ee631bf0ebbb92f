"""Each kernel module finds its compiled twin one way (``linter.twins``): the twin where it imports, silently pure where not."""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import shutil
import subprocess
import sys

import pytest

from linter.kernels import KERNELS, kernels
from linter.twins import compiled_twin

#: The compiled twin of each module ``KERNELS`` names.
TWINS = {
    "linter.fluency": "linter.fluency._scorer",
    "linter.words": "linter._words",
    "linter.checks.name_tokens": "linter.checks._name_tokens",
    "linter.sentences": "linter._sentences",
    "linter.fluency.frequencies": "linter.fluency._frequencies",
    "linter.templates.fingerprint": "linter.templates._keys",
}


def _imports(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def test_every_kernel_has_its_twin_listed() -> None:
    assert sorted(module for _, module in KERNELS) == sorted(TWINS)


@pytest.mark.parametrize(("name", "module"), KERNELS)
def test_each_kernel_word_says_whether_its_compiled_twin_imports(name: str, module: str) -> None:
    expected = "compiled" if _imports(TWINS[module]) else "pure"
    assert importlib.import_module(module).KERNEL == kernels()[name] == expected
    assert expected == os.environ.get("NEWSLINT_EXPECT_KERNEL", expected)


def test_a_built_twin_is_the_module_itself() -> None:
    assert compiled_twin("linter.twins") == (sys.modules["linter.twins"], "compiled")


def test_a_missing_twin_is_none_and_pure(monkeypatch: pytest.MonkeyPatch) -> None:
    assert compiled_twin("linter._no_such_kernel") == (None, "pure")
    monkeypatch.setitem(sys.modules, "linter._words", None)  # how a test makes an import fail, as if never built
    assert compiled_twin("linter._words") == (None, "pure")


def test_a_broken_extension_falls_back_to_pure(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file with an extension's name that the loader cannot load (another platform's, truncated)."""
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    (tmp_path / f"truncated_twin{suffix}").write_bytes(b"\x7fELF" + b"\0" * 12)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert compiled_twin("truncated_twin") == (None, "pure")


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler")
def test_an_extension_missing_a_symbol_falls_back_to_pure(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Built against a Python (or library) that has a symbol this one lacks: ``undefined symbol``, an ``ImportError``."""
    source = tmp_path / "twin.c"
    source.write_text("extern void *newslint_no_such_symbol(void);\nvoid *PyInit_unlinked_twin(void) { return newslint_no_such_symbol(); }\n")
    built = tmp_path / f"unlinked_twin{importlib.machinery.EXTENSION_SUFFIXES[0]}"
    subprocess.run(["cc", "-shared", "-fPIC", str(source), "-o", str(built)], check=True, capture_output=True)
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ImportError, match="undefined symbol"):
        importlib.import_module("unlinked_twin")
    assert compiled_twin("unlinked_twin") == (None, "pure")
