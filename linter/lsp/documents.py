"""What the server lints a document with, and how: the command line's own functions.

Each document gets the recipe of its nearest configuration file (``find_config`` from the
document's folder, as the command line does for a file), built once and kept until that
file changes; ``lint_text`` of :mod:`linter.processing` lints it and applies fixes, so the editor shows
exactly what ``newslint check`` reports and its "fix all" gives what ``--fix`` writes.
No pygls here: plain paths and texts in, findings out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import ConfigError
from ..grammar import GrammarUnavailable
from ..model import Applicability, Diagnostic
from ..rule_packs import RulesetError
from ..options import Prepared, Recipe, recipe_for
from ..processing import lint_text
from ..results import Mode
from ..selection import SelectionError
from ..settings import find_config, load_settings

#: Errors that make a configuration unusable; the document is then linted with the defaults.
CONFIG_ERRORS = (ConfigError, RulesetError, SelectionError, GrammarUnavailable)


@dataclass(frozen=True)
class Resolved:
    """The prepared recipe of one document, the name its per-file ignores match, and any configuration problem."""

    prepared: Prepared
    label: str
    problem: str | None = None


def _stamp(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


class Configurations:
    """A prepared recipe per configuration file, rebuilt when the file's time or size changes."""

    def __init__(self) -> None:
        self._built: dict[Path | None, tuple[tuple[int, int] | None, Prepared, str | None]] = {}

    def clear(self) -> None:
        """Forget every built configuration (a configuration file changed)."""
        self._built.clear()

    def resolve(self, document: Path | None) -> Resolved:
        """The prepared recipe of ``document`` (``None``: not a file; the working directory's configuration)."""
        folder = document.parent if document is not None else Path.cwd()
        config = find_config(folder)
        stamp = _stamp(config)
        built = self._built.get(config)
        if built is None or built[0] != stamp:
            built = (stamp, *self._build(config))
            self._built[config] = built
        prepared, problem = built[1], built[2]
        name = document.name if document is not None else "untitled.txt"
        label = os.path.relpath(document, config.parent) if config is not None and document is not None else name
        return Resolved(prepared.for_path(label), label, problem)

    @staticmethod
    def _build(config: Path | None) -> tuple[Prepared, str | None]:
        try:
            recipe = recipe_for(load_settings(config))
            prepared = recipe.build()
            recipe.validate(prepared.ruleset)
            return prepared, None
        except CONFIG_ERRORS as error:
            return Recipe().build(), f"{error}; linting with the default configuration"


def check(text: str, resolved: Resolved) -> list[Diagnostic]:
    """The findings ``newslint check`` reports for this text."""
    unit, _text = lint_text(text, resolved.label, None, resolved.prepared)
    return unit.diagnostics


def fix_all(text: str, resolved: Resolved, at_least: Applicability = Applicability.SAFE) -> str:
    """The text ``newslint check --fix`` (``--unsafe-fixes`` with ``UNSAFE``) would write.

    Raises :class:`InputError` when the fixes do not settle, as the command line does.
    """
    fixing = replace(resolved.prepared.recipe, mode=Mode.FIX, at_least=at_least)
    _unit, fixed = lint_text(text, resolved.label, None, replace(resolved.prepared, recipe=fixing))
    return fixed

