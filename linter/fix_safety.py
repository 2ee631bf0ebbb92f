"""What a ``safe`` fix may do: the fix-safety policy, applied to every finding of every rule.

``safe`` means certain. A rule that finds its text by a heuristic (a paragraph that
*looks like* boilerplate, a sentence that *reads* garbled) may delete or rewrite a
few words safely (a marker, a stray article), never prose. Prose is counted in
*prose words*: words that start with a lowercase letter, the words of running
sentences (names, labels, numbers, dates and symbols are not). A fix removes a
prose word when the text it replaces has the word and its replacement does not.

A rule whose pattern is an exact, certain match (``exact-match = true`` in its
pack: a known agency credit in brackets, a field name before an ISO date, markup
syntax) may delete any amount; every other rule's safe fix that removes more than
``FEW_WORDS`` prose words is rated ``unsafe`` for that occurrence.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .model import Applicability, Diagnostic, Fix
from .pattern_cache import compiled

#: The prose words a heuristic rule's safe fix may remove ("a few words").
FEW_WORDS = 3
_PROSE_WORD = compiled(r"\b\p{Ll}[\p{L}\p{M}'’-]*")


def prose_words(text: str) -> Counter[str]:
    """The prose words of ``text`` (those that start with a lowercase letter), counted."""
    return Counter(_PROSE_WORD.findall(text))


def prose_removed(text: str, fix: Fix) -> int:
    """How many prose words applying ``fix`` to ``text`` removes or rewrites."""
    return sum(
        (prose_words(text[edit.span.start : edit.span.end]) - prose_words(edit.replacement)).total() for edit in fix.edits
    )


def capped(diagnostic: Diagnostic, text: str) -> Diagnostic:
    """``diagnostic`` with its safe fix rated unsafe when it removes more than a few prose words."""
    fix = diagnostic.fix
    if fix is None or fix.applicability < Applicability.SAFE or prose_removed(text, fix) <= FEW_WORDS:
        return diagnostic
    return replace(diagnostic, fix=replace(fix, applicability=Applicability.UNSAFE))
