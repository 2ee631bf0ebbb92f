"""A plain check of one small .txt file loads none of what only other inputs, outputs or commands need.

Start-up is most of such a run; each module here cost it milliseconds when it was imported anyway.
Not a timing: which modules are in ``sys.modules`` after the run, in a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import linter

#: What a small .txt check with --format jsonl does not need, and who needs it instead.
NOT_LOADED = {
    "markdown_it": "Markdown inputs",
    "dask": "--engine dask",
    "pyarrow": "Parquet inputs",
    "pygls": "newslint server",
    "lsprotocol": "newslint server",
    "linter.lsp": "newslint server",
    "rich": "the full and concise formats",
    "tomllib": "a configuration file, or a rule pack not in the ruleset cache",
    "importlib.resources": "nothing: packaged data is read beside the modules",
    "html": "a text holding an HTML entity",
    "difflib": "--diff, a mistyped command, a mojibake repair that changes spacing",
}

RUN = """
import json, sys
from linter.cli import main
main(["check", sys.argv[1], "--isolated", "--format", "jsonl"])
print(json.dumps(sorted(sys.modules)))
"""


def test_a_small_text_check_loads_only_what_it_uses(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The council approved the budget on Monday. . Officials met in kyiv.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(linter.__file__).parent.parent)}
    result = subprocess.run([sys.executable, "-c", RUN, str(article)], capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.splitlines()[-1])
    assert {"NL101", "NL201"} <= {json.loads(line)["code"] for line in result.stdout.splitlines()[:-1]}
    unexpected = {name: why for name, why in NOT_LOADED.items() if any(m == name or m.startswith(name + ".") for m in loaded)}
    assert unexpected == {}, f"loaded by a small .txt check, though only these need them: {unexpected}"
