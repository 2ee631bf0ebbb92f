"""The pygls glue of ``newslint server``: document events, debounced lints, code actions, hover.

Lints run on one worker thread, never on the event loop, so a large document does not hold
up the editor's messages; a change waits ``DEBOUNCE`` seconds for the next keystroke before
it is linted, and a lint whose document changed meanwhile is dropped unpublished.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..model import Applicability, Diagnostic
from ..sources import InputError
from .documents import Configurations, Resolved, check, fix_all
from .positions import PositionMap
from .translate import (
    FIX_ALL_COMMAND,
    FIX_ALL_KIND,
    fix_all_action,
    fix_all_edit,
    hover_text,
    lsp_diagnostic,
    lsp_range,
    quick_fix,
    workspace_edit,
)

#: Seconds a change waits for the next one before it is linted.
DEBOUNCE = 0.05
CONFIG_GLOBS = ("**/newslint.toml", "**/.newslint.toml", "**/pyproject.toml")


@dataclass(frozen=True)
class Linted:
    """One version of a document with its findings, computed together on the worker thread."""

    version: int | None
    text: str
    resolved: Resolved
    findings: tuple[Diagnostic, ...]
    positions: PositionMap
    diagnostics: tuple[types.Diagnostic, ...]


class NewslintServer(LanguageServer):
    """A language server that lints plain text and Markdown with the document's own configuration."""

    def __init__(self) -> None:
        super().__init__("newslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.configurations = Configurations()
        self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-lint")
        self.opened: set[str] = set()
        self.scheduled: dict[str, asyncio.Task[None]] = {}
        self.latest: dict[str, Linted] = {}
        self.reported: set[str] = set()

    @property
    def encoding(self) -> str:
        """The negotiated position encoding (UTF-16 unless the client offered another first)."""
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return encoding.value if isinstance(encoding, types.PositionEncodingKind) else encoding

    @property
    def versioned_edits(self) -> bool:
        edit = self.client_capabilities.workspace and self.client_capabilities.workspace.workspace_edit
        return bool(edit and edit.document_changes)

    def _analyse(self, uri: str, version: int | None, text: str) -> Linted:
        """Runs on the worker thread: configuration, lint, and the LSP form of the findings."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        resolved = self.configurations.resolve(Path(path) if path else None)
        findings = tuple(check(text, resolved))
        positions = PositionMap(text, self.encoding)
        diagnostics = tuple(lsp_diagnostic(f, positions) for f in findings)
        return Linted(version, text, resolved, findings, positions, diagnostics)

    async def current(self, uri: str) -> Linted:
        """The findings of the document as it is now: the last lint if it is up to date, else a new one."""
        document = self.workspace.get_text_document(uri)
        linted = self.latest.get(uri)
        if linted is not None and linted.version == document.version and linted.text == document.source:
            return linted
        loop = asyncio.get_running_loop()
        linted = await loop.run_in_executor(self.linter, self._analyse, uri, document.version, document.source)
        self._store(uri, linted)
        return linted

    def _store(self, uri: str, linted: Linted) -> None:
        """Keep and publish a lint, unless the document changed or closed while it ran."""
        if uri not in self.opened:
            return
        document = self.workspace.get_text_document(uri)
        if document.version != linted.version or document.source != linted.text:
            return
        self.latest[uri] = linted
        problem = linted.resolved.problem
        if problem is not None and problem not in self.reported:
            self.reported.add(problem)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Warning, f"newslint: {problem}"))
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, list(linted.diagnostics), linted.version))

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, replacing a lint already waiting for it."""
        waiting = self.scheduled.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.scheduled[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        document = self.workspace.get_text_document(uri)
        loop = asyncio.get_running_loop()
        try:
            linted = await loop.run_in_executor(self.linter, self._analyse, uri, document.version, document.source)
            self._store(uri, linted)
        except Exception as error:  # a task's error would otherwise vanish; the editor must hear of it
            logging.getLogger(__name__).exception("linting %s failed", uri)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"newslint: linting failed: {error!r}"))
        finally:
            if self.scheduled.get(uri) is asyncio.current_task():
                del self.scheduled[uri]

    def open(self, uri: str) -> None:
        self.opened.add(uri)
        self.schedule(uri, 0)

    def close(self, uri: str) -> None:
        self.opened.discard(uri)
        waiting = self.scheduled.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.latest.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    async def fix_all_edits(self, linted: Linted) -> list[types.TextEdit] | None:
        """The edit of "fix all safe problems", or None (with a message) when the fixes do not settle."""
        loop = asyncio.get_running_loop()
        try:
            fixed = await loop.run_in_executor(self.linter, fix_all, linted.text, linted.resolved)
        except InputError as error:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"newslint: {error}"))
            return None
        return fix_all_edit(linted.text, fixed, linted.positions)


server = NewslintServer()


@server.feature(types.INITIALIZED)
async def initialized(ls: NewslintServer, params: types.InitializedParams) -> None:
    """Ask the client to report changes of configuration files, when it can."""
    watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
    if not (watched and watched.dynamic_registration):
        return
    options = types.DidChangeWatchedFilesRegistrationOptions([types.FileSystemWatcher(glob_pattern=g) for g in CONFIG_GLOBS])
    registration = types.Registration("newslint-config", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options)
    await ls.client_register_capability_async(types.RegistrationParams([registration]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.open(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.close(params.text_document.uri)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: NewslintServer, params: types.DidChangeWatchedFilesParams) -> None:
    """A configuration file changed: rebuild the options and lint every open document again."""
    ls.configurations.clear()
    ls.reported.clear()
    for uri in ls.opened:
        ls.schedule(uri, 0)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
)
async def code_action(ls: NewslintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """Quick fixes for the findings in the range, and "fix all safe problems" when one is fixable."""
    uri = params.text_document.uri
    linted = await ls.current(uri)
    only = params.context.only

    def wants(kind: str) -> bool:
        return only is None or any(kind == k or kind.startswith(f"{k}.") for k in only)

    actions: list[types.CodeAction] = []
    if wants(types.CodeActionKind.QuickFix):
        start = linted.positions.offset(params.range.start.line, params.range.start.character)
        end = linted.positions.offset(params.range.end.line, params.range.end.character)
        for finding in linted.findings:
            if finding.fix is not None and finding.span.start <= end and start <= finding.span.end:
                actions.append(quick_fix(finding, linted.positions, uri, linted.version, ls.versioned_edits))
    if wants(FIX_ALL_KIND) and any(f.fixable(Applicability.SAFE) for f in linted.findings):
        edits = await ls.fix_all_edits(linted)
        if edits:
            actions.append(fix_all_action(uri, linted.version, edits, ls.versioned_edits))
    return actions


@server.command(FIX_ALL_COMMAND)
async def fix_all_command(ls: NewslintServer, uri: str) -> bool:
    """``newslint.fixAll URI``: apply every safe fix to an open document, as ``--fix`` would."""
    linted = await ls.current(uri)
    edits = await ls.fix_all_edits(linted)
    if not edits:
        return False
    edit = workspace_edit(uri, linted.version, edits, ls.versioned_edits)
    result = await ls.workspace_apply_edit_async(types.ApplyWorkspaceEditParams(edit=edit, label="newslint: fix all"))
    return bool(result.applied)


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: NewslintServer, params: types.HoverParams) -> types.Hover | None:
    """What the rules flagging the text under the cursor find, why, and an example."""
    linted = await ls.current(params.text_document.uri)
    offset = linted.positions.offset(params.position.line, params.position.character)
    here = [f for f in linted.findings if f.span.start <= offset <= f.span.end]
    if not here:
        return None
    formats = ls.client_capabilities.text_document and ls.client_capabilities.text_document.hover
    markdown = bool(formats and formats.content_format and types.MarkupKind.Markdown in formats.content_format)
    text = hover_text((f.code for f in here), linted.resolved.prepared.ruleset, markdown)
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    start, end = min(f.span.start for f in here), max(f.span.end for f in here)
    return types.Hover(types.MarkupContent(kind, text), lsp_range(linted.positions, start, end))


def serve() -> int:
    """Speak LSP on standard input and output until the client says exit."""
    logging.basicConfig(level=logging.WARNING)
    server.start_io()
    return 0
