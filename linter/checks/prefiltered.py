"""A coded check whose every finding lies where one regular expression matches, prefiltered by it.

The prefilter's searched sets (:mod:`.prefilter`) hold that expression's RE2 superset beside the
pattern rules' ones, so the one pass they make over a text also tells such a check that it has
nothing to find there, and the check skips its own scans. Without a verdict it runs as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Diagnostic
from ..segments import Document
from .prefilter import SETS
from ..superset import Superset, Unsupported, superset


class Prefiltered:
    """Mixed into a check: ``_prefilter`` names the expression; ``findings`` does the check's work."""

    wider: Superset
    prefiltered: int | None

    def _prefilter(self, pattern: str, *, ignore_case: bool = False) -> None:
        """Registers ``pattern``'s superset (``regex`` syntax, matched somewhere in every finding)."""
        try:
            self.wider = superset(pattern, ignore_case=ignore_case)
        except Unsupported:
            self.wider = Superset(None, None)
        self._register()

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Unpickled (the ruleset cache): the prefilter's sets of this process must hold the superset."""
        self.__dict__.update(state)
        self._register()

    def _register(self) -> None:
        self.prefiltered = SETS.register(self.wider.search, None, coded=True)[0]

    def run(self, doc: Document) -> Iterator[Diagnostic]:
        if SETS.absent(doc, self.prefiltered, self.wider.ended):
            return iter(())
        return self.findings(doc)

    def findings(self, doc: Document) -> Iterator[Diagnostic]:
        """The check's own work, done where the prefilter has no verdict or found the superset."""
        raise NotImplementedError(f"{type(self).__name__} must say how it finds")
