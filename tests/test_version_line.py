"""``newslint --version`` is one line that says which path runs; ``newslint doctor`` lists each fast path."""

from __future__ import annotations

import subprocess
import sys

import pytest

from linter import __version__, kernels
from linter.cli import main


def test_version_is_one_line_naming_the_path(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    built = sum(kernel == "compiled" for kernel in kernels.kernels().values())
    path = f"compiled kernels: {built} of {len(kernels.KERNELS)}" if built else "pure Python: no compiled kernels"
    assert out.startswith(f"newslint {__version__} ({path}, ")
    assert out.endswith("RE2 prefilter)\n")


ALL = len(kernels.KERNELS)


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        (["compiled"] * ALL, f"compiled kernels: {ALL} of {ALL}"),
        (["compiled", "pure", "compiled"] + ["pure"] * (ALL - 3), f"compiled kernels: 2 of {ALL}"),
        (["pure"] * ALL, "pure Python: no compiled kernels"),
    ],
)
def test_version_line_counts_the_compiled_kernels(monkeypatch: pytest.MonkeyPatch, states: list[str], expected: str) -> None:
    monkeypatch.setattr(kernels, "kernels", lambda: {name: state for (name, _), state in zip(kernels.KERNELS, states)})
    assert kernels.version_line().startswith(f"newslint {__version__} ({expected}, ")


def test_version_line_says_whether_re2_prefilters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "re2", None)  # an import of re2 now fails, as without google-re2
    assert kernels.version_line().endswith(", no RE2 prefilter)")


def test_doctor_lists_each_fast_path(capsys) -> None:
    assert main(["doctor"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == kernels.version_line()
    named = [line.split(":")[0] for line in lines[1:]]
    assert named == [name for name, _ in kernels.KERNELS] + ["pattern prefilter", "sentence embedding"]


def test_installed_command_prints_one_line() -> None:
    result = subprocess.run([sys.executable, "-m", "linter", "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 1
