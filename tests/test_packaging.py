"""Every data file the package reads at run time is declared as package data, so a wheel carries it.

(A file missing from ``[tool.setuptools.package-data]`` works from a checkout and fails only once
installed: the leak model's ``model.json`` did.)"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (".py", ".pyx", ".pxi")  # sources: built into the kernels, not read at run time


def test_every_data_file_of_the_package_is_package_data() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    missing = []
    for path in sorted((ROOT / "linter").rglob("*")):
        if not path.is_file() or path.suffix in SOURCES or "__pycache__" in path.parts or path.suffix in (".so", ".c", ".pyd"):
            continue
        relative = path.relative_to(ROOT)
        package = ".".join(relative.parent.parts)
        if not any(fnmatch.fnmatch(path.name, pattern) for pattern in declared.get(package, ())):
            missing.append(str(relative))
    assert not missing, f"not declared as package data in pyproject.toml: {missing}"


def test_the_rule_packs_ship_as_package_data() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    packs = [p.name for p in (ROOT / "rules").iterdir() if p.is_file()]
    assert all(any(fnmatch.fnmatch(name, pattern) for pattern in declared["linter._rules"]) for name in packs), packs


def test_git_ignores_the_c_file_of_every_cython_kernel() -> None:
    """Cython writes ``x.c`` next to each ``x.pyx``; a new kernel's must be ignored without a new line."""
    import pathspec

    root = ROOT
    spec = pathspec.GitIgnoreSpec.from_lines((root / ".gitignore").read_text(encoding="utf-8").splitlines())
    generated = [pyx.with_suffix(".c").relative_to(root).as_posix() for pyx in sorted((root / "linter").rglob("*.pyx"))]
    assert "linter/_sentences.c" in generated
    assert [c for c in generated + ["linter/some/future/_kernel.c"] if not spec.match_file(c)] == []
    assert [c.relative_to(root).as_posix() for c in (root / "linter").rglob("*.c") if not c.with_suffix(".pyx").exists()] == []
