"""``languagetool``: rules whose findings come from the LanguageTool backend, not from the core.

The grammar server is at the edge (:mod:`linter.grammar`); inside the pure core
these rules find nothing. They are in the catalogue so that selection, severity
overrides, the docs and SARIF treat them like every other rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Diagnostic
from ..registry import Check, register
from ..segments import Document


@register
class LanguageToolCheck(Check):
    name = "languagetool"
    PARAMS = {"categories": (list, True)}
    skips_protected = False

    def run(self, doc: Document) -> Iterator[Diagnostic]:
        return iter(())
