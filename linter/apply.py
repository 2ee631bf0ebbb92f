"""Apply fixes: one pure pass, and the lint-fix loop that runs passes until the text settles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .config import DEFAULT_CONFIG, LintConfig
from .engine import ExtraFinder, lint
from .model import Applicability, Diagnostic, Edit
from .ruleset import Ruleset

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
    """Apply every fix at or above ``at_least`` that does not collide with an earlier one.

    Fixes are taken in order of position; a fix any of whose edits overlaps an
    edit already accepted is skipped (and stays in ``remaining``) so that the
    next round of the loop can reconsider it against the new text.
    """
    accepted: list[Edit] = []
    applied: list[Diagnostic] = []
    remaining: list[Diagnostic] = []
    for diagnostic in sorted(diagnostics, key=lambda d: d.sort_key):
        fix = diagnostic.fix
        if fix is None or fix.applicability < at_least:
            remaining.append(diagnostic)
            continue
        if any(edit.span.overlaps(other.span) for edit in fix.edits for other in accepted):
            remaining.append(diagnostic)
            continue
        if all(text[e.span.start : e.span.end] == e.replacement for e in fix.edits):
            # Another diagnostic already asked for this exact change; nothing to do.
            remaining.append(diagnostic)
            continue
        accepted.extend(fix.edits)
        applied.append(diagnostic)
    return FixResult(_splice(text, accepted), tuple(applied), tuple(remaining))


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
    extra: ExtraFinder | None = None,
    language: str | None = None,
) -> FixResult:
    """Lint and fix until no applicable fix is left; ``remaining`` is the final lint.

    Raises :class:`FixLoopError` when the text has not settled after
    ``MAX_ROUNDS`` rounds or returns to an earlier state (two fixes undoing each
    other), naming the codes involved.
    """
    applied: list[Diagnostic] = []
    seen = {text}
    for round_number in range(MAX_ROUNDS + 1):
        diagnostics = lint(text, ruleset, config, extra, language)
        result = apply_fixes(text, diagnostics, at_least)
        if not result.applied:
            return FixResult(text, tuple(applied), tuple(diagnostics))
        if round_number == MAX_ROUNDS or result.text in seen:
            raise FixLoopError(d.code for d in result.applied)
        applied.extend(result.applied)
        text = result.text
        seen.add(text)
    raise AssertionError("unreachable: the loop returns or raises")
