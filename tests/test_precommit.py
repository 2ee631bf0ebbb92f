"""The hook manifest, run by the real pre-commit (``try-repo``) against this checkout.

pre-commit installs the hook repository with ``pip install .`` into its own
environment, so this also proves that the rule packs ship inside the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DAMAGED = "They met in kyiv. .\n\nThen,, they left the capital.\n"
REPAIRED = "They met in Kyiv.\n\nThen, they left the capital.\n"
CLEAN = "They met in Kyiv.\n\nThen they left the capital.\n"
#: Clean prose around Markdown that plain-text rules would flag: code spans, a table, an image.
CLEAN_MARKDOWN = (
    "# Installing the tool\n\n"
    "Run `pip install .` in the checkout; the `kyiv` module holds the names.\n\n"
    "| City  | Country |\n|-------|---------|\n| Kyiv  | Ukraine |\n| Paris | France  |\n\n"
    "![Waves](waves.jpg)\n\n"
    "See [the report](https://example.com/report..html) for details.\n"
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory) -> dict[str, str]:
    """One pre-commit cache for the module, so the hook environment is built once."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")), "NO_COLOR": "1"}
    env.pop("PRE_COMMIT_COLOR", None)
    return env


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def repository(tmp_path: Path, name: str, text: str) -> Path:
    repo = tmp_path / "articles"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.com")
    git(repo, "config", "user.name", "test")
    (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", name)
    return repo


def try_repo(repo: Path, hook: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files", "--color", "never"]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False)


def test_check_hook_fails_on_a_damaged_article(tmp_path, hook_env) -> None:
    repo = repository(tmp_path, "story.txt", DAMAGED)
    result = try_repo(repo, "newslint", hook_env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "NL101" in result.stdout and "NL201" in result.stdout and "story.txt" in result.stdout


def test_fix_hook_repairs_and_fails_because_it_changed_a_file(tmp_path, hook_env) -> None:
    repo = repository(tmp_path, "story.md", DAMAGED)
    result = try_repo(repo, "newslint-fix", hook_env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert (repo / "story.md").read_text(encoding="utf-8") == REPAIRED


def test_clean_article_passes(tmp_path, hook_env) -> None:
    repo = repository(tmp_path, "story.txt", CLEAN)
    assert try_repo(repo, "newslint", hook_env).returncode == 0
    assert try_repo(repo, "newslint-fix", hook_env).returncode == 0


def test_excluded_files_stay_skipped_although_pre_commit_names_them(tmp_path, hook_env) -> None:
    repo = repository(tmp_path, "newslint.toml", 'exclude = ["drafts/*"]\n')
    (repo / "drafts").mkdir()
    (repo / "drafts" / "story.txt").write_text(DAMAGED, encoding="utf-8")
    git(repo, "add", "drafts/story.txt")
    result = try_repo(repo, "newslint", hook_env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fix_hook_prints_only_what_it_changed(tmp_path, hook_env) -> None:
    """What remains (NL901 has only an unsafe fix) is the check hook's to print, not the fix hook's."""
    repo = repository(tmp_path, "story.txt", DAMAGED + "\nMr Putin met Mr. Xi and Mr. Biden.\n")
    fixed = try_repo(repo, "newslint-fix", hook_env)
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert "story.txt: 3 fixes applied" in fixed.stdout
    assert "NL901" not in fixed.stdout and "Found" not in fixed.stdout
    checked = try_repo(repo, "newslint", hook_env)
    assert checked.stdout.count("NL901") >= 1 and "NL101" not in checked.stdout


def test_markdown_article_with_code_tables_and_images_passes(tmp_path, hook_env) -> None:
    repo = repository(tmp_path, "install.md", CLEAN_MARKDOWN)
    check = try_repo(repo, "newslint", hook_env)
    assert check.returncode == 0, check.stdout + check.stderr
    fix = try_repo(repo, "newslint-fix", hook_env)
    assert fix.returncode == 0, fix.stdout + fix.stderr
    assert (repo / "install.md").read_text(encoding="utf-8") == CLEAN_MARKDOWN


def test_the_hooks_take_every_file_the_default_include_lints() -> None:
    import re

    import yaml

    from linter.sources import DEFAULT_INCLUDE

    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")):
        files = re.compile(hook["files"])
        for pattern in DEFAULT_INCLUDE:
            assert files.search(f"wire/story{pattern.removeprefix('*')}"), (hook["id"], pattern)
        for other in ("story.json", "story.gz", "story.txt.bak", "notes.csv"):
            assert not files.search(other), (hook["id"], other)
