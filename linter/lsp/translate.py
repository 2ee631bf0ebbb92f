"""newslint's findings and fixes as LSP objects: diagnostics, code actions, edits and hovers.

Every position goes through :class:`PositionMap`. A fix becomes a quick fix whose edits are
the fix's own edits; safe fixes are the preferred action, unsafe ones say so in their title,
display-only suggestions are offered as suggestions. "Fix all" is one edit from the text to
what ``--fix`` writes, trimmed to the part that changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from lsprotocol import types

from ..model import Applicability, Diagnostic, Edit, Severity
from ..catalogue import fix_description
from ..rule import Ruleset
from .positions import PositionMap

SOURCE = "newslint"
#: The code action kind of "fix all safe problems" (a ``source.fixAll`` action, as ruff's).
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.newslint"
#: The command an editor can bind to the same "fix all".
FIX_ALL_COMMAND = "newslint.fixAll"

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
TITLE_PREFIX = {Applicability.SAFE: "", Applicability.UNSAFE: "Unsafe fix: ", Applicability.DISPLAY_ONLY: "Suggestion: "}


def lsp_range(positions: PositionMap, start: int, end: int) -> types.Range:
    return types.Range(types.Position(*positions.position(start)), types.Position(*positions.position(end)))


def lsp_diagnostic(finding: Diagnostic, positions: PositionMap) -> types.Diagnostic:
    """A finding as an LSP diagnostic: its range, code, severity and message; the rule's name in ``data``.

    newslint has no documentation site to link, so there is no ``codeDescription``: hovering
    over the finding shows the rule's explanation instead (``hover``).
    """
    return types.Diagnostic(
        range=lsp_range(positions, finding.span.start, finding.span.end),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        source=SOURCE,
        data={"name": finding.name},
    )


def text_edits(edits: Iterable[Edit], positions: PositionMap) -> list[types.TextEdit]:
    return [types.TextEdit(lsp_range(positions, e.span.start, e.span.end), e.replacement) for e in edits]


def workspace_edit(uri: str, version: int | None, edits: list[types.TextEdit], versioned: bool) -> types.WorkspaceEdit:
    """Edits of one document; tied to its version when the client supports ``documentChanges``."""
    if not versioned:
        return types.WorkspaceEdit(changes={uri: edits})
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)])


def quick_fix(finding: Diagnostic, positions: PositionMap, uri: str, version: int | None, versioned: bool) -> types.CodeAction:
    """The fix of one finding as a quick fix (the caller checks it has one)."""
    assert finding.fix is not None
    fix = finding.fix
    return types.CodeAction(
        title=f"{TITLE_PREFIX[fix.applicability]}{fix.title} ({finding.code})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp_diagnostic(finding, positions)],
        is_preferred=fix.applicability is Applicability.SAFE,
        edit=workspace_edit(uri, version, text_edits(fix.edits, positions), versioned),
    )


def fix_all_edit(text: str, fixed: str, positions: PositionMap) -> list[types.TextEdit]:
    """One edit turning ``text`` into ``fixed``: the changed middle, not the whole document."""
    if fixed == text:
        return []
    return text_edits([Edit.minimal(0, text, fixed)], positions)


def fix_all_action(uri: str, version: int | None, edits: list[types.TextEdit], versioned: bool) -> types.CodeAction:
    return types.CodeAction(
        title="newslint: fix all safe problems",
        kind=FIX_ALL_KIND,
        edit=workspace_edit(uri, version, edits, versioned),
    )


def hover_text(codes: Iterable[str], ruleset: Ruleset, markdown: bool) -> str:
    """What the rules of ``codes`` find, why, and an example: ``newslint rule CODE`` in short."""
    parts = []
    for code in dict.fromkeys(codes):
        rule = ruleset.get(code)
        if rule is None:
            continue
        fix = fix_description(rule)
        head = f"**{rule.code} {rule.name}** ({rule.severity.label})" if markdown else f"{rule.code} {rule.name} ({rule.severity.label})"
        lines = [head, "", rule.why, "", f"Fix: {fix}"]
        if rule.bad:
            example = rule.bad[0]
            quote = (lambda s: f"`{s}`") if markdown else repr
            shown = f"{quote(example.text)} → {quote(example.fixed)}" if example.fixed is not None else quote(example.text)
            lines += ["", f"Example: {shown}"]
        parts.append("\n".join(lines))
    return ("\n\n---\n\n" if markdown else "\n\n").join(parts)
