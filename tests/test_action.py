"""The GitHub Action (``action.yml``): its metadata against the schema of a composite action,
and the command lines of its steps run here with the inputs filled in as the runner does."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))

#: GitHub's metadata syntax for a composite action (docs.github.com, "Metadata syntax for GitHub Actions").
SCHEMA = {
    "type": "object",
    "required": ["name", "description", "runs"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "description": {"type": "string", "minLength": 1},
        "author": {"type": "string"},
        "branding": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "icon": {"type": "string"},
                "color": {"enum": ["white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"]},
            },
        },
        "inputs": {
            "type": "object",
            "patternProperties": {
                "^[A-Za-z_][A-Za-z0-9_-]*$": {
                    "type": "object",
                    "required": ["description"],
                    "additionalProperties": False,
                    "properties": {
                        "description": {"type": "string"},
                        "required": {"type": "boolean"},
                        "default": {"type": "string"},
                        "deprecationMessage": {"type": "string"},
                    },
                }
            },
            "additionalProperties": False,
        },
        "outputs": {"type": "object"},
        "runs": {
            "type": "object",
            "required": ["using", "steps"],
            "additionalProperties": False,
            "properties": {
                "using": {"const": "composite"},
                "steps": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "name": {"type": "string"},
                            "id": {"type": "string"},
                            "if": {"type": "string"},
                            "run": {"type": "string"},
                            "shell": {"type": "string"},
                            "uses": {"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+$"},
                            "with": {"type": "object"},
                            "env": {"type": "object", "additionalProperties": {"type": "string"}},
                            "working-directory": {"type": "string"},
                            "continue-on-error": {"type": ["boolean", "string"]},
                        },
                        # A step either runs a script in a named shell or uses another action.
                        "oneOf": [{"required": ["run", "shell"], "not": {"required": ["uses"]}}, {"required": ["uses"], "not": {"required": ["run"]}}],
                    },
                },
            },
        },
    },
}
_EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def test_action_metadata_is_a_valid_composite_action():
    jsonschema.validate(ACTION, SCHEMA)
    used = {name for step in ACTION["runs"]["steps"] for value in [*step.get("env", {}).values(), *step.get("with", {}).values(), step.get("if", "")] for name in re.findall(r"inputs\.([\w-]+)", str(value))}
    assert used == set(ACTION["inputs"]), "every input is used, and only declared inputs are"
    assert not any("${{" in step.get("run", "") for step in ACTION["runs"]["steps"]), "inputs reach scripts as variables only"


def _step(name: str) -> dict:
    return next(step for step in ACTION["runs"]["steps"] if step.get("name") == name)


def _run_step(step: dict, inputs: dict[str, str], context: dict[str, str], path: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a step's script in its shell, its ``env`` filled in from the inputs and the context as the runner would."""
    values = {**{f"inputs.{k}": v.get("default", "") for k, v in ACTION["inputs"].items()}, **{f"inputs.{k}": v for k, v in inputs.items()}, **context}
    env = {key: _EXPRESSION.sub(lambda m: values[m.group(1)], value) for key, value in step.get("env", {}).items()}
    assert step["shell"] == "bash"
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        capture_output=True, text=True, cwd=cwd, timeout=120, check=False,
        env={**os.environ, **env, "PATH": f"{path}{os.pathsep}{os.environ['PATH']}"},
    )


@pytest.fixture
def shims(tmp_path) -> Path:
    """``newslint`` as this checkout's ``python -m linter``, and a ``python`` that records what it is asked to install."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "newslint").write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m linter "$@"\n', encoding="utf-8")
    (folder / "python").write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{tmp_path}/pip-args"\n', encoding="utf-8")
    for shim in folder.iterdir():
        shim.chmod(0o755)
    return folder


def test_install_step_installs_the_checkout_or_the_given_version(tmp_path, shims):
    step = _step("Install newslint")
    context = {"github.action_path": str(ROOT)}
    assert _run_step(step, {}, context, str(shims), tmp_path).returncode == 0
    assert (tmp_path / "pip-args").read_text().split("\n")[:3] == ["-m", "pip", "install"]
    assert (tmp_path / "pip-args").read_text().split("\n")[-2] == str(ROOT)
    assert _run_step(step, {"version": "newslint==0.1.0"}, context, str(shims), tmp_path).returncode == 0
    assert (tmp_path / "pip-args").read_text().split("\n")[-2] == "newslint==0.1.0"


def test_lint_step_annotates_findings_and_honours_the_options(tmp_path, shims):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("They met in kyiv. .\n", encoding="utf-8")
    (articles / "b.txt").write_text("They met in Kyiv.\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("Mr Okafor spoke.  Mr. Okafor left.\n", encoding="utf-8")
    step = _step("Run newslint")

    result = _run_step(step, {"paths": "articles\nother.txt"}, {}, str(shims), tmp_path)
    assert result.returncode == 1, result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert any(line.startswith("::error file=articles/a.txt,line=1,col=18") and "NL101" in line for line in annotations)
    assert any("file=other.txt" in line and "NL901" in line for line in annotations)

    only = _run_step(step, {"paths": "articles", "options": "--select NL201 --fail-on never"}, {}, str(shims), tmp_path)
    assert only.returncode == 0, only.stderr
    codes = re.findall(r"title=(NL\d+)", only.stdout)
    assert codes == ["NL201"]
