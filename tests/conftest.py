"""Shared fixtures and helpers: the built-in ruleset (loaded once per session), the CLI runner, the compiled kernels."""

from __future__ import annotations

import os

import pytest

from linter import Ruleset, load_ruleset
from linter.cli import main

#: A user's rule pack, written as a team would keep its house style.
HOUSE_PACK = """
[[rule]]
code = "HS101"
name = "no-utilise"
kind = "consistency"
check = "substitution"
swap = { utilise = "use" }
severity = "warning"
fix = "safe"
message = "Write '{replacement}'."
why = "House style prefers the short word to the long one in every story."
good = ["We use it."]
[[rule.bad]]
text = "We utilise it."
flagged = "utilise"
fixed = "We use it."
"""


@pytest.fixture(scope="session")
def ruleset() -> Ruleset:
    return load_ruleset()


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> None:
    """Run in a fresh folder with a fixed terminal width (snapshots and relative paths)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")


def compiled_kernel(kernel, what: str):
    """``kernel`` (a compiled twin); a skip without one, a failure where the install was meant to build it."""
    if kernel is None:
        missing = f"the compiled {what} is not importable (a checkout without a build, or no C compiler at install)"
        (pytest.fail if os.environ.get("NEWSLINT_EXPECT_KERNEL") == "compiled" else pytest.skip)(missing)
    return kernel


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``newslint ARGV`` in-process: exit code, stdout, stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
