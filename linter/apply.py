"""Apply fixes: one pure pass, and the lint-fix loop that runs passes until the text settles."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from .selection import DEFAULT_CONFIG, LintConfig
from .engine import lint
from .model import Applicability, Diagnostic, Edit, Severity, Span
from .rule import Ruleset

MAX_ROUNDS = 10


@dataclass(frozen=True, slots=True)
class FixResult:
    """The fixed text, the findings whose fixes went in, and the findings left (as textlint)."""

    text: str
    applied: tuple[Diagnostic, ...]
    remaining: tuple[Diagnostic, ...]


class FixLoopError(RuntimeError):
    """Fixes kept changing the text; ``codes`` names the rules that would not settle."""

    def __init__(self, codes: Iterable[str]) -> None:
        self.codes = tuple(sorted(set(codes)))
        super().__init__(f"fixes did not settle after {MAX_ROUNDS} rounds: {', '.join(self.codes)}")


def apply_fixes(
    text: str,
    diagnostics: Iterable[Diagnostic],
    at_least: Applicability = Applicability.SAFE,
) -> FixResult:
    """Apply every fix at or above ``at_least`` that does not collide with another.

    The fixes of more severe findings go first (errors, then warnings, then info;
    by position within one severity). A fix any of whose edits overlaps an edit
    already accepted waits (it stays in ``remaining``) for the next round of the
    loop, which reconsiders it against the new text. A fix is also left out while
    it would swallow the fix of a more severe finding that is not applied (below
    ``at_least``), overlapping it without lying inside it: a broad fix never
    swallows a narrower one from a more severe rule, such as a paragraph deletion
    taking an unsafe repair with it.
    """
    accepted: list[Edit] = []
    applied: list[Diagnostic] = []
    remaining: list[Diagnostic] = []
    diagnostics = list(diagnostics)
    held = _Held(d for d in diagnostics if d.fix is not None and not d.fixable(at_least))
    for diagnostic in sorted(diagnostics, key=lambda d: (-d.severity, d.sort_key)):
        fix = diagnostic.fix
        if fix is None or fix.applicability < at_least:
            remaining.append(diagnostic)
            continue
        if any(edit.span.overlaps(other.span) for edit in fix.edits for other in accepted) or held.swallowed_by(diagnostic):
            remaining.append(diagnostic)
            continue
        if all(text[e.span.start : e.span.end] == e.replacement for e in fix.edits):
            # Another diagnostic already asked for this exact change; nothing to do.
            remaining.append(diagnostic)
            continue
        accepted.extend(fix.edits)
        applied.append(diagnostic)
    applied.sort(key=lambda d: d.sort_key)
    remaining.sort(key=lambda d: d.sort_key)
    return FixResult(_splice(text, accepted), tuple(applied), tuple(remaining))


class _Held:
    """The edits of fixes that are not applied, by severity, to ask quickly what a fix would swallow."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self._spans: dict[Severity, list[Span]] = {}
        for diagnostic in diagnostics:
            if diagnostic.fix is not None:
                self._spans.setdefault(diagnostic.severity, []).extend(edit.span for edit in diagnostic.fix.edits)
        self._starts: dict[Severity, list[int]] = {}
        self._longest: dict[Severity, int] = {}
        for severity, spans in self._spans.items():
            spans.sort()
            self._starts[severity] = [span.start for span in spans]
            self._longest[severity] = max(len(span) for span in spans)

    def swallowed_by(self, diagnostic: Diagnostic) -> bool:
        """Whether ``diagnostic``'s fix would rewrite a held edit of a more severe finding and more
        besides: an edit that overlaps it without lying inside it."""
        assert diagnostic.fix is not None
        for severity, spans in self._spans.items():
            if severity <= diagnostic.severity:
                continue
            starts = self._starts[severity]
            for edit in diagnostic.fix.edits:
                first = bisect_left(starts, edit.span.start - self._longest[severity])
                last = bisect_left(starts, max(edit.span.end, edit.span.start + 1))
                if any(edit.span.overlaps(held) and not held.contains(edit.span) for held in spans[first:last]):
                    return True
        return False


def _splice(text: str, edits: list[Edit]) -> str:
    if not edits:
        return text
    parts: list[str] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        parts.append(text[cursor : edit.span.start])
        parts.append(edit.replacement)
        cursor = edit.span.end
    parts.append(text[cursor:])
    return "".join(parts)


def fix_text(
    text: str,
    ruleset: Ruleset,
    config: LintConfig = DEFAULT_CONFIG,
    at_least: Applicability = Applicability.SAFE,
    language: str | None = None,
    source: str | None = None,
) -> FixResult:
    """Lint and fix until no applicable fix is left; ``remaining`` is the final lint.

    Raises :class:`FixLoopError` when the text has not settled after
    ``MAX_ROUNDS`` rounds or returns to an earlier state (two fixes undoing each
    other), naming the codes involved.
    """
    applied: list[Diagnostic] = []
    seen = {text}
    for round_number in range(MAX_ROUNDS + 1):
        diagnostics = lint(text, ruleset, config, language, source)
        result = apply_fixes(text, diagnostics, at_least)
        if not result.applied:
            return FixResult(text, tuple(applied), tuple(diagnostics))
        if round_number == MAX_ROUNDS or result.text in seen:
            raise FixLoopError(d.code for d in result.applied)
        applied.extend(result.applied)
        text = result.text
        seen.add(text)
    raise AssertionError("unreachable: the loop returns or raises")
