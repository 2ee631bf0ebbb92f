"""``newslint server`` as a subcommand: lazily imported, and one clear line without the ``lsp`` extra."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import run

ROOT = Path(__file__).resolve().parent.parent


def test_check_does_not_import_the_language_server(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("They met in Kyiv.\n", encoding="utf-8")
    probe = f"import sys; from linter.cli import main; main(['check', {str(article)!r}]); print(sorted(m for m in ('pygls', 'lsprotocol', 'linter.lsp') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120, check=True)
    assert result.stdout.splitlines()[-1] == "[]"


def test_server_without_the_extra_is_one_line_and_exit_2(capsys, monkeypatch):
    for module in [m for m in sys.modules if m == "linter.lsp.server" or m.startswith("pygls")]:
        monkeypatch.delitem(sys.modules, module)
    monkeypatch.setitem(sys.modules, "pygls", None)  # as if it were not installed
    code, out, err = run(capsys, "server")
    assert code == 2 and out == ""
    assert err.startswith("newslint: error: the server needs the lsp extra: pip install 'newslint[lsp]'") and err.count("\n") == 1
