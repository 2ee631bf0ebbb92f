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
