"""Rules as data: :class:`Rule`, its :class:`Example` texts and the immutable :class:`Ruleset`.

A leaf of the package: it knows no check type and no registry. The loader
(:mod:`.rule_packs`) builds each rule from its pack and attaches its compiled check.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .fix_safety import capped
from .model import Applicability, Diagnostic, Edit, Fix, Severity, Span

if TYPE_CHECKING:
    from .registry import Check
    from .segments import Document

#: The ``source`` of a rule's report that it could not check part of a text (``Rule.problem``).
INCOMPLETE = "newslint:incomplete"


@dataclass(frozen=True, slots=True)
class Example:
    """A text a rule must flag (``flagged`` non-empty) or must leave alone."""

    text: str
    flagged: tuple[str, ...] = ()
    fixed: str | None = None


class _Fields(dict[str, Any]):
    """Formatting map that leaves unknown ``{placeholders}`` as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_FORMATTER = string.Formatter()


@dataclass(frozen=True, eq=False)
class Rule:
    """One rule: its catalogue entry, plus the compiled check the loader attached."""

    code: str
    name: str
    kind: str
    check_type: str
    severity: Severity
    message: str
    why: str
    #: The highest applicability of the rule's fix (``None``: it has none); a finding's may be lower.
    fix_level: Applicability | None
    fix_title: str
    status: str
    #: The language of the texts the rule reads (``en``), or ``any``: rules of a language run only on its documents.
    language: str
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    path: str
    #: Every parameter of the rule's check type: the pack's value or the type's default.
    params: Mapping[str, Any] = field(repr=False)
    #: The rule's matches are certain, so its safe fix may delete prose (see :mod:`.fix_safety`).
    exact_match: bool = False
    #: Rules whose findings give way to this rule's at the same start or inside its span (one problem, one finding).
    supersedes: tuple[str, ...] = ()
    check: Check = field(default=None, repr=False)  # type: ignore[assignment]

    def attached(self, make: Callable[[Rule], Check]) -> Rule:
        """A copy of this rule holding the check ``make`` builds for it (from its params, say)."""
        rule = replace(self)
        object.__setattr__(rule, "check", make(rule))
        return rule

    def with_params(self, **params: Any) -> Rule:
        """A copy with some parameters changed and its check compiled again (may raise ``RuleDefinitionError``)."""
        check_class = type(self.check)
        return replace(self, params={**self.params, **params}).attached(lambda rule: check_class(rule, rule.params))

    def format_message(self, **fields: Any) -> str:
        return _FORMATTER.vformat(self.message, (), _Fields(fields))

    def diagnostic(
        self,
        span: Span,
        *,
        edits: Sequence[Edit] = (),
        applicability: Applicability | None = None,
        message: str | None = None,
        title: str | None = None,
        score: float | None = None,
        source: str | None = None,
        **fields: Any,
    ) -> Diagnostic:
        """Build a finding of this rule; ``applicability`` is capped at the rule's own."""
        fix = None
        if edits and self.fix_level is not None:
            level = min(applicability if applicability is not None else self.fix_level, self.fix_level)
            fix = Fix(tuple(edits), level, title or self.fix_title)
        return Diagnostic(
            code=self.code,
            name=self.name,
            kind=self.kind,
            severity=self.severity,
            message=message if message is not None else self.format_message(**fields),
            span=span,
            fix=fix,
            score=score,
            source=source,
            language=fields.get("language"),
        )

    def problem(self, span: Span, message: str) -> Diagnostic:
        """A warning that this rule could not check (part of) a text: a timeout or an internal error.

        Its ``source`` is ``INCOMPLETE``, so the edge can tell it from findings about the text.
        """
        return Diagnostic(self.code, self.name, self.kind, Severity.WARNING, message, span, source=INCOMPLETE)

    def run(self, doc: Document) -> Iterator[Diagnostic]:
        """Run the check, dropping findings inside URLs and addresses where the type asks.

        A heuristic rule's safe fix that would remove prose is rated unsafe here, for
        every check type alike (:mod:`.fix_safety`).
        """
        findings = self.check.run(doc)
        if self.fix_level is Applicability.SAFE and not self.exact_match:
            findings = (capped(d, doc.text) for d in findings)
        if not self.check.skips_protected:
            return findings
        return (d for d in findings if not doc.is_protected(d.span))


@dataclass(frozen=True)
class Ruleset:
    """An ordered, immutable collection of rules with unique codes and names."""

    rules: tuple[Rule, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {k: r for r in self.rules for k in (r.code, r.name)})

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def replaced(self, rules: Mapping[str, Rule]) -> Ruleset:
        """A copy with the rules of these codes replaced, in the same order."""
        return Ruleset(tuple(rules.get(r.code, r) for r in self.rules))

    def get(self, key: str) -> Rule | None:
        """A rule by code (any case) or name."""
        by_key: dict[str, Rule] = self._by_key  # type: ignore[attr-defined]
        return by_key.get(key) or by_key.get(key.upper())


def union(rulesets: Sequence[Ruleset]) -> Ruleset:
    """The rules of several rulesets, the first of each code (a run over projects with their own packs)."""
    if len(rulesets) == 1:
        return rulesets[0]
    rules: dict[str, Rule] = {}
    for ruleset in rulesets:
        for rule in ruleset:
            rules.setdefault(rule.code, rule)
    return Ruleset(tuple(rules.values()))
