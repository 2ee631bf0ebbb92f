"""A real editor: headless Neovim opens a file with ``newslint server`` and lists what ``newslint check`` finds.

Skipped without ``nvim`` on the PATH (Debian: ``apt-get install neovim``); the Lua script is the
one the README's Neovim set-up is tried with.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from linter.cache import cache_dir

from .conftest import run

pytest.importorskip("pygls")
ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "nvim_diagnostics.lua"


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed")
def test_neovim_lists_the_findings_of_check(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text(
        "  date 2024-05-17 They met in kyiv. . Mr Okafor spoke.\n\n"
        "Later Mr. Okafor \U0001f600 left the the hall.  Advertisement\n",
        encoding="utf-8",
    )
    _code, out, _err = run(capsys, "check", "--format", "json", str(path))
    expected = [f"{f['line']}:{f['column']}-{f['end_line']}:{f['end_column']} {f['code']} {f['message']}" for f in json.loads(out)]
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "NEWSLINT_SERVER": f"{sys.executable} -m linter server",
        "NEWSLINT_CACHE_DIR": str(cache_dir("")),  # the warm cache, while Neovim keeps its log in tmp_path
        "XDG_CACHE_HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path),
    }
    result = subprocess.run(
        ["nvim", "--headless", "--clean", "-c", f"luafile {SCRIPT}", str(path)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == expected
    assert len(expected) >= 5
