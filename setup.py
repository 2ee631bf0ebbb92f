"""The optional compiled kernels: built where a C compiler exists, skipped silently where none does.

Everything else about the package is in pyproject.toml. Without Cython or a working compiler
``pip install .`` still succeeds and newslint runs the pure-Python twins (``newslint --version``
says which).
"""

from __future__ import annotations

import sys

from setuptools import find_packages, setup
from setuptools.command.build_ext import build_ext


class OptionalBuildExt(build_ext):
    """``build_ext`` that reports a failed compilation and carries on without the extension."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # no compiler at all (CC points nowhere, no MSVC)
            print(f"newslint: compiled kernels not built ({error}); using pure Python", file=sys.stderr)

    def build_extension(self, ext) -> None:  # noqa: ANN001 (setuptools' Extension)
        try:
            super().build_extension(ext)
        except Exception as error:  # a compiler that fails on this file
            print(f"newslint: {ext.name} not built ({error}); using pure Python", file=sys.stderr)


def extensions() -> list:
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    from setuptools import Extension

    # Each kernel compiles the class table (``_class_table.pxi``) into itself: no kernel imports
    # another, so one that fails to build leaves the others built.
    # No fused multiply-add: the compiled scorer must round exactly as the pure one does.
    flags = [] if sys.platform == "win32" else ["-ffp-contract=off"]
    return cythonize(
        [
            Extension("linter.fluency._scorer", ["linter/fluency/_scorer.pyx"], extra_compile_args=flags),
            Extension("linter._words", ["linter/_words.pyx"]),
            Extension("linter.checks._name_tokens", ["linter/checks/_name_tokens.pyx"]),
            Extension("linter._sentences", ["linter/_sentences.pyx"]),
            Extension("linter.fluency._frequencies", ["linter/fluency/_frequencies.pyx"]),
            Extension("linter.templates._keys", ["linter/templates/_keys.pyx"]),
        ],
        quiet=True,
    )


setup(
    # The rule packs ship inside the package as linter/_rules (see rule_packs.builtin_rules_dir).
    packages=[*find_packages(include=["linter", "linter.*"]), "linter._rules"],
    package_dir={"linter._rules": "rules"},
    ext_modules=extensions(),
    cmdclass={"build_ext": OptionalBuildExt},
)
