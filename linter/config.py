"""Settings that shape a lint run, independent of where they came from (flags or files)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .model import Severity
from .selection import Selection


@dataclass(frozen=True)
class LintConfig:
    """What the pure core needs to know: which rules run and at what severity."""

    selection: Selection = Selection()
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    #: Markdown: lint only the prose (``linter.markdown``) and honour the control comments.
    markdown: bool = False
    #: The languages whose rules run (``("en",)``); empty means every language a rule pack has.
    languages: tuple[str, ...] = ()

    def __hash__(self) -> int:
        return hash((self.selection, tuple(sorted(self.severity.items())), self.markdown, self.languages))

    def __reduce__(self) -> tuple[object, ...]:
        # A mapping proxy cannot be pickled; worker processes get a plain copy, wrapped again.
        return (_rebuild, (self.selection, dict(self.severity), self.markdown, self.languages))


def _rebuild(selection: Selection, severity: dict[str, Severity], markdown: bool, languages: tuple[str, ...]) -> LintConfig:
    return LintConfig(selection, MappingProxyType(severity), markdown, languages)


DEFAULT_CONFIG = LintConfig()
