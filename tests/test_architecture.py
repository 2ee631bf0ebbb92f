"""The import contracts of pyproject.toml (``[tool.importlinter]``) hold, and break when they should."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True, no_logo=True))"


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the package in ``tree``, with the contracts of its pyproject.toml."""
    return subprocess.run([sys.executable, "-c", RUN], cwd=tree, capture_output=True, text=True, timeout=300)


def test_the_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def copy_with(tmp_path: Path, additions: dict[str, str]) -> Path:
    """A copy of the package and its contracts, with a line added to some of its modules."""
    shutil.copytree(ROOT / "linter", tmp_path / "linter", ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.c"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for name, line in additions.items():
        module = tmp_path / "linter" / name
        module.write_text(module.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return tmp_path


def test_a_cycle_breaks_them(tmp_path: Path) -> None:
    """Two modules no other contract orders, importing each other: only the cycle contract sees it."""
    result = lint_imports(copy_with(tmp_path, {"cap.py": "from . import fix_safety", "fix_safety.py": "from . import cap"}))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "No import cycles inside linter/ (between the modules of any one package) BROKEN" in result.stdout
    assert "kept, 1 broken." in result.stdout


def test_the_model_importing_a_format_breaks_them(tmp_path: Path) -> None:
    result = lint_imports(copy_with(tmp_path, {"model.py": "from .formats import base"}))
    assert result.returncode == 1, result.stdout + result.stderr
    for contract in ("No import cycles inside linter/", "Layers, from the command line down to the model", "The core imports nothing from the edges"):
        assert contract in result.stdout.split("Broken contracts")[1], contract
    assert "linter.model -> linter.formats.base" in result.stdout
