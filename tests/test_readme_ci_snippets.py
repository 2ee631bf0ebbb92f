"""The README's pre-commit and CI snippets install what exists: newslint is not on PyPI and the
repository has no release tags, so they install from the repository pinned to a commit placeholder."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_every_yaml_snippet_parses_and_installs_from_the_repository() -> None:
    blocks = _yaml_blocks()
    assert len(blocks) >= 3
    for block in blocks:
        yaml.safe_load(block)
    installs = [line for block in blocks for line in block.splitlines() if "pip install" in line]
    assert installs and all("git+https://github.com/OWNER/newslint@COMMIT" in line for line in installs), installs


def test_pins_are_commit_placeholders_not_release_tags() -> None:
    text = "\n".join(_yaml_blocks())
    pins = re.findall(r"rev: (\S+)", text) + re.findall(r"uses: OWNER/newslint@(\S+)", text)
    assert pins and set(pins) == {"COMMIT"}
    assert not re.search(r"newslint@v\d|rev: v\d", text)


def test_the_precommit_snippet_names_hooks_the_repository_defines() -> None:
    defined = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    config = next(yaml.safe_load(block) for block in _yaml_blocks() if block.startswith("# .pre-commit-config.yaml"))
    assert {hook["id"] for repo in config["repos"] for hook in repo["hooks"]} <= defined
