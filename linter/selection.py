"""What the pure core is told: which rules run (``select`` / ``ignore`` by code, code prefix or
name, as in flake8 and ruff), at what severity, on Markdown's prose or the whole text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from .model import Severity
from .rule import Rule, Ruleset
from .suggest import did_you_mean


class SelectionError(ValueError):
    """A selector matches no rule."""


def matches(selector: str, rule: Rule) -> bool:
    """``ALL``, an exact code, a code prefix (``NL1``) or a rule name."""
    if selector.upper() == "ALL":
        return True
    return rule.code.startswith(selector.upper()) or selector == rule.name


def known(selector: str, ruleset: Ruleset) -> bool:
    """Whether a selector matches at least one rule of ``ruleset``."""
    return any(matches(selector, rule) for rule in ruleset)


def closest_rule(word: str, ruleset: Ruleset) -> str:
    """``"; did you mean 'double-period'?"`` for a mistyped rule name, or ``""``.

    Names only: codes differ by a digit or two, so any mistyped code is "close" to several.
    """
    return did_you_mean(word, [rule.name for rule in ruleset])


@dataclass(frozen=True)
class Selection:
    """A resolved choice of rules; ``select=None`` means every stable rule."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    preview: bool = False

    def validate(self, ruleset: Ruleset) -> None:
        """Reject selectors that match nothing: a typo should not silently disable checks."""
        for selector in (*(self.select or ()), *self.extend_select, *self.ignore):
            if not known(selector, ruleset):
                raise SelectionError(f"unknown rule selector {selector!r}{closest_rule(selector, ruleset)}")

    def apply(self, ruleset: Ruleset) -> tuple[Rule, ...]:
        return tuple(rule for rule in ruleset if self.enabled(rule))

    def enabled(self, rule: Rule) -> bool:
        if rule.status == "preview" and not self.preview:
            return False
        chosen = _most_specific(rule, self.select) if self.select is not None else (0, True)
        extended = _most_specific(rule, self.extend_select)
        ignored = _most_specific(rule, self.ignore)
        selected_by = max(chosen if chosen[1] else (-1, False), extended if extended[1] else (-1, False))
        if not selected_by[1]:
            return False
        # The more specific selector wins, as in ruff: --select NL101 --ignore NL1 keeps NL101.
        return not (ignored[1] and ignored[0] >= selected_by[0])


def _most_specific(rule: Rule, selectors: Sequence[str] | Iterable[str]) -> tuple[int, bool]:
    best = (-1, False)
    for selector in selectors:
        if matches(selector, rule):
            specificity = 0 if selector.upper() == "ALL" else len(selector)
            if selector == rule.name:
                specificity = len(rule.code)
            best = max(best, (specificity, True))
    return best


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
