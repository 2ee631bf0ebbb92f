"""``languagetool``: rules whose findings are a grammar backend's matches, sorted by category.

The backend (a LanguageTool server, :mod:`linter.grammar`) lives at the edge and is
given to the rules with :func:`with_backend`; a ruleset loaded from the packs has none,
and then these rules find nothing, so the pure core never talks to a server. They are
in the catalogue either way, so selection, severity overrides, the docs and SARIF treat
them like every other rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..model import Applicability, Diagnostic, Edit, Span
from ..registry import Check, Param, register
from ..segments import Document

if TYPE_CHECKING:
    from ..rule import Rule, Ruleset


@dataclass(frozen=True)
class GrammarMatch:
    """One backend match, its span in code points relative to its sentence."""

    start: int
    end: int
    rule_id: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]


class GrammarSource(Protocol):
    """What the rules need of a grammar backend: the matches of one sentence."""

    def matches(self, sentence: str) -> list[GrammarMatch]: ...


class _Asked:
    """A backend shared by a ruleset's languagetool rules: each sentence of a document is asked once
    (the matches kept in ``Document.memo`` under this object)."""

    def __init__(self, backend: GrammarSource) -> None:
        self.backend = backend

    def matches(self, doc: Document) -> list[tuple[int, GrammarMatch]]:
        """Every match of ``doc`` with the offset of its sentence."""
        found: list[tuple[int, GrammarMatch]] | None = doc.memo.get(self)
        if found is None:
            found = [(s.start, m) for s in doc.sentences for m in self.backend.matches(doc.text[s.start : s.end])]
            doc.memo[self] = found
        return found


@register
class LanguageToolCheck(Check):
    """Finds the backend's matches of the listed categories (and, for the fallback rule, of unlisted ones)."""

    name = "languagetool"
    PARAMS = {
        "categories": Param(list, "LanguageTool categories whose matches become this rule"),
        "fallback": Param(bool, "also take matches of categories no languagetool rule lists (one rule at most)", False, unique=True),
    }
    #: LanguageTool reads sentences whole; a URL in one is its business.
    skips_protected = False

    def __init__(self, rule: Rule, params: Mapping[str, Any], asked: _Asked | None = None, listed: frozenset[str] = frozenset()) -> None:
        super().__init__(rule, params)
        self.categories = frozenset(params["categories"])
        self.fallback: bool = params["fallback"]
        self.asked = asked
        #: The categories some languagetool rule of the ruleset lists (what the fallback leaves).
        self.listed = listed

    def run(self, doc: Document) -> Iterator[Diagnostic]:
        if self.asked is None:
            return
        for offset, match in self.asked.matches(doc):
            if match.category in self.categories or self.fallback and match.category not in self.listed:
                yield _diagnostic(self.rule, offset, match)


def with_backend(ruleset: Ruleset, backend: GrammarSource) -> Ruleset:
    """A copy of ``ruleset`` whose languagetool rules ask ``backend`` (one question per sentence)."""
    grammar = [rule for rule in ruleset if isinstance(rule.check, LanguageToolCheck)]
    listed = frozenset(category for rule in grammar for category in rule.params["categories"])
    asked = _Asked(backend)
    return ruleset.replaced({rule.code: rule.attached(lambda r: LanguageToolCheck(r, r.params, asked, listed)) for rule in grammar})


def _diagnostic(rule: Rule, offset: int, match: GrammarMatch) -> Diagnostic:
    """One suggestion is an unsafe fix, several (or a spelling guess) only a display-only one."""
    span = Span(offset + match.start, offset + match.end)
    edits: Sequence[Edit] = [Edit(span, match.replacements[0])] if match.replacements else ()
    single = len(match.replacements) == 1
    return rule.diagnostic(
        span,
        edits=edits,
        applicability=Applicability.UNSAFE if single else Applicability.DISPLAY_ONLY,
        title=f"Replace with {match.replacements[0]!r}" if match.replacements else None,
        message=f"{match.message} (LanguageTool {match.rule_id})",
        source=f"languagetool:{match.rule_id}",
    )
