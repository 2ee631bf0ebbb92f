"""``newslint server`` driven by a real LSP client (pytest-lsp) over stdio, and its position encoding.

One server process serves the module; every test opens its own documents. Positions in
the client are UTF-16, as in most editors; edits are applied here by an independent UTF-16
splice, so a wrong conversion in the server shows up as wrong text.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

from .conftest import run  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EMOJI = "\U0001f600"  # outside the Basic Multilingual Plane: two UTF-16 units, four UTF-8 bytes

# A real client ---------------------------------------------------------------------------------


def _publish(client: pytest_lsp.LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def _apply_edit(client: pytest_lsp.LanguageClient, params: types.ApplyWorkspaceEditParams) -> types.ApplyWorkspaceEditResult:
    client.applied.append(params.edit)
    return types.ApplyWorkspaceEditResult(applied=True)


def _register(client: pytest_lsp.LanguageClient, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)


def _client() -> pytest_lsp.LanguageClient:
    """pytest-lsp's client, keeping every publication (with its version) and accepting the edits it is sent."""
    client = pytest_lsp.LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]
    client.applied = []  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]
    features = {
        **DEFAULT_CLIENT_FEATURES,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _publish,
        types.WORKSPACE_APPLY_EDIT: _apply_edit,
        types.CLIENT_REGISTER_CAPABILITY: _register,
    }
    register_lsp_features(client, features)
    return client


CONFIG = pytest_lsp.ClientServerConfig(
    server_command=[sys.executable, "-m", "linter", "server"],
    client_factory=_client,
    server_env={**os.environ, "PYTHONPATH": str(ROOT)},
)
#: No position encoding offered, as Neovim 0.7 and VS Code: UTF-16, the default of LSP.
CAPABILITIES = types.ClientCapabilities(
    workspace=types.WorkspaceClientCapabilities(
        workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
        did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
    ),
    text_document=types.TextDocumentClientCapabilities(
        hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
    ),
)


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def client(lsp_client: pytest_lsp.LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=CAPABILITIES))
    yield
    await lsp_client.shutdown_session()


pytestmark = pytest.mark.asyncio(loop_scope="module")


def _utf16_offset(text: str, position: types.Position) -> int:
    """The code point offset of a UTF-16 position, computed independently of the server."""
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = line.encode("utf-16-le", "surrogatepass")[: position.character * 2]
    return start + len(units.decode("utf-16-le", "surrogatepass"))


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) as an editor does: from the end backwards."""
    spans = [(_utf16_offset(text, e.range.start), _utf16_offset(text, e.range.end), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def edits_of(edit: types.WorkspaceEdit | None, uri: str, version: int) -> list[types.TextEdit]:
    assert edit is not None and edit.document_changes, "versioned edits, as the client supports them"
    (change,) = edit.document_changes
    assert change.text_document.uri == uri and change.text_document.version == version
    return list(change.edits)


async def published(client, uri: str, version: int | None) -> types.PublishDiagnosticsParams:
    """Wait for the publication of ``uri`` at ``version`` (a guard against hanging, not a timing test)."""
    for _ in range(2000):
        for params in reversed(client.published):
            if params.uri == uri and params.version == version:
                return params
        await asyncio.sleep(0.01)
    raise AssertionError(f"no diagnostics for {uri} version {version}")


def open_document(client, path: Path, text: str, version: int = 1) -> str:
    path.write_text(text, encoding="utf-8", newline="")
    uri = from_fs_path(str(path))
    language = "markdown" if path.suffix == ".md" else "plaintext"
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, version, text)))
    return uri


def close_document(client, uri: str) -> None:
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))


def cli_findings(capsys, path: Path) -> list[tuple[str, int, int, int, int, str]]:
    """``newslint check --format json`` on the file: code, 0-based lines and code point columns, message."""
    _code, out, _err = run(capsys, "check", "--format", "json", str(path))
    return [(f["code"], f["line"] - 1, f["column"] - 1, f["end_line"] - 1, f["end_column"] - 1, f["message"]) for f in json.loads(out)]


def as_code_points(text: str, diagnostics) -> list[tuple[str, int, int, int, int, str]]:
    """LSP diagnostics with their UTF-16 positions turned into code point columns."""
    rows = []
    for d in diagnostics:
        start, end = _utf16_offset(text, d.range.start), _utf16_offset(text, d.range.end)
        line_start = lambda offset: text.rfind("\n", 0, offset) + 1  # noqa: E731
        rows.append((d.code, d.range.start.line, start - line_start(start), d.range.end.line, end - line_start(end), d.message))
    return rows


async def test_diagnostics_match_the_command_line_with_utf16_positions(client, tmp_path, capsys):
    text = f"{EMOJI} They met in kyiv. . Mr Okafor spoke.\n\n{EMOJI}{EMOJI} Later Mr. Okafor left!!\n"
    path = tmp_path / "article.txt"
    uri = open_document(client, path, text)
    params = await published(client, uri, 1)
    assert as_code_points(text, params.diagnostics) == cli_findings(capsys, path)
    kyiv = next(d for d in params.diagnostics if d.code == "NL201")
    assert kyiv.range.start == types.Position(0, 15)  # the emoji is two UTF-16 units
    assert kyiv.severity == types.DiagnosticSeverity.Warning and kyiv.source == "newslint"
    assert kyiv.message == "'kyiv' is a proper noun: write 'Kyiv'." and kyiv.data == {"name": "lowercase-proper-noun"}
    close_document(client, uri)


async def test_change_is_linted_again_and_close_clears(client, tmp_path):
    text = "They met in Kyiv.\n"
    uri = open_document(client, tmp_path / "change.txt", text)
    assert not (await published(client, uri, 1)).diagnostics
    # Two quick incremental changes: the debounced lint reports the last version.
    for version, position, insert in ((2, 17, " ."), (3, 19, " The the vote passed.")):
        change = types.TextDocumentContentChangePartial(range=types.Range(types.Position(0, position), types.Position(0, position)), text=insert)
        client.text_document_did_change(types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(version=version, uri=uri), [change]))
    params = await published(client, uri, 3)
    assert [d.code for d in params.diagnostics] == ["NL101", "NL501"]
    close_document(client, uri)
    for _ in range(2000):
        if client.published[-1].uri == uri and not client.published[-1].diagnostics and client.published[-1].version is None:
            break
        await asyncio.sleep(0.01)
    else:
        raise AssertionError("closing did not clear the diagnostics")


async def _actions(client, uri: str, start: types.Position, end: types.Position, only=None) -> list[types.CodeAction]:
    context = types.CodeActionContext(diagnostics=[], only=only)
    result = await client.text_document_code_action_async(types.CodeActionParams(types.TextDocumentIdentifier(uri), types.Range(start, end), context))
    return list(result or [])


async def test_quick_fixes_of_every_kind(client, tmp_path):
    text = (
        f"{EMOJI} They met in kyiv. Mr Okafor spoke first.\n\nLater Mr. Okafor left the hall.\n\n"
        "President Okafor and I agree that we must seek a fair deal on fishing rights, Rossi said.\n"
    )
    uri = open_document(client, tmp_path / "fixes.txt", text)
    await published(client, uri, 1)
    whole = await _actions(client, uri, types.Position(0, 0), types.Position(5, 0), only=[types.CodeActionKind.QuickFix])
    by_code = {action.diagnostics[0].code: action for action in whole}
    assert set(by_code) == {"NL201", "NL901", "NL401"}

    safe = by_code["NL201"]
    assert safe.is_preferred and safe.kind == types.CodeActionKind.QuickFix and safe.title == "Capitalize the name (NL201)"
    assert apply(text, edits_of(safe.edit, uri, 1)) == text.replace("kyiv", "Kyiv")

    unsafe = by_code["NL901"]
    assert not unsafe.is_preferred and unsafe.title.startswith("Unsafe fix: ")
    assert apply(text, edits_of(unsafe.edit, uri, 1)) == text.replace("Mr. Okafor", "Mr Okafor")

    suggestion = by_code["NL401"]
    assert not suggestion.is_preferred and suggestion.title.startswith("Suggestion: ")
    assert "\u201cPresident Okafor and I agree that we must seek a fair deal on fishing rights,\u201d" in apply(text, edits_of(suggestion.edit, uri, 1))

    # The cursor on one finding gets that finding's fix only; no fix-all when only quick fixes are asked for.
    at_kyiv = await _actions(client, uri, types.Position(0, 16), types.Position(0, 16))
    assert [a.diagnostics[0].code for a in at_kyiv if a.kind == types.CodeActionKind.QuickFix] == ["NL201"]
    close_document(client, uri)


async def test_fix_all_action_and_command_write_what_fix_writes(client, tmp_path, capsys):
    text = f"{EMOJI} They met in kyiv. . The the talks went on.\n\nMr Okafor spoke.  Later Mr. Okafor left!!\n\n\n"
    path = tmp_path / "fixall.txt"
    uri = open_document(client, path, text)
    await published(client, uri, 1)
    (action,) = await _actions(client, uri, types.Position(0, 0), types.Position(0, 0), only=[types.CodeActionKind.SourceFixAll])
    assert action.kind == "source.fixAll.newslint" and action.title == "newslint: fix all safe problems"
    fixed = apply(text, edits_of(action.edit, uri, 1))

    assert await client.workspace_execute_command_async(types.ExecuteCommandParams("newslint.fixAll", [uri])) is True
    assert apply(text, edits_of(client.applied[-1], uri, 1)) == fixed

    copy = tmp_path / "copy.txt"
    copy.write_text(text, encoding="utf-8", newline="")
    run(capsys, "check", "--fix", str(copy))
    assert fixed == copy.read_text(encoding="utf-8") != text
    close_document(client, uri)


async def test_hover_explains_the_rule(client, tmp_path):
    text = "They met in kyiv. .\n"
    uri = open_document(client, tmp_path / "hover.txt", text)
    await published(client, uri, 1)
    result = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 13)))
    assert result.contents.kind == types.MarkupKind.Markdown
    assert result.contents.value.startswith("**NL201 lowercase-proper-noun** (warning)")
    assert "Fix: safe: applied by `--fix`" in result.contents.value and "Example: `" in result.contents.value
    assert result.range == types.Range(types.Position(0, 12), types.Position(0, 16))
    nothing = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 2)))
    assert nothing is None
    close_document(client, uri)


async def test_nearest_config_per_document_and_its_changes(client, tmp_path):
    text = "They met in kyiv. .\n"
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "newslint.toml").write_text('ignore = ["NL101"]\n', encoding="utf-8")
    (tmp_path / "desk").mkdir()
    wire = open_document(client, tmp_path / "wire" / "a.txt", text)
    desk = open_document(client, tmp_path / "desk" / "a.txt", text)
    assert [d.code for d in (await published(client, wire, 1)).diagnostics] == ["NL201"]
    assert [d.code for d in (await published(client, desk, 1)).diagnostics] == ["NL201", "NL101"]

    (tmp_path / "wire" / "newslint.toml").write_text('ignore = ["NL201"]\n', encoding="utf-8")
    count = len(client.published)
    change = types.FileEvent(from_fs_path(str(tmp_path / "wire" / "newslint.toml")), types.FileChangeType.Changed)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams([change]))
    for _ in range(2000):
        again = [p for p in client.published[count:] if p.uri == wire]
        if again:
            break
        await asyncio.sleep(0.01)
    assert [d.code for d in again[-1].diagnostics] == ["NL101"]

    (tmp_path / "desk" / "newslint.toml").write_text('select = ["NL99"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams([]))
    await asyncio.sleep(0)
    for _ in range(2000):
        if any("unknown rule selector 'NL99'" in m.message for m in client.messages):
            break
        await asyncio.sleep(0.01)
    else:
        raise AssertionError("a bad configuration is not reported")
    close_document(client, wire)
    close_document(client, desk)


async def test_markdown_suppression_and_code_blocks(client, tmp_path, capsys):
    text = "They met in kyiv. .\n\n<!-- newslint-disable NL101 -->\nAgain in kyiv. .\n<!-- newslint-enable -->\n\n```\nkyiv. .\n```\n"
    path = tmp_path / "story.md"
    uri = open_document(client, path, text)
    params = await published(client, uri, 1)
    found = {(d.code, d.range.start.line) for d in params.diagnostics}
    assert {("NL201", 0), ("NL101", 0), ("NL201", 3)} <= found
    assert ("NL101", 3) not in found and not any(line == 7 for _code, line in found)
    assert as_code_points(text, params.diagnostics) == cli_findings(capsys, path)
    close_document(client, uri)


async def test_a_large_document_does_not_hold_up_requests(client, tmp_path):
    small = open_document(client, tmp_path / "small.txt", "They met in kyiv.\n")
    await published(client, small, 1)
    large_text = "".join(f"Item {i}: the council approved budget line {i * 7} on Monday, officials said.\n\n" for i in range(800))
    large = open_document(client, tmp_path / "large.txt", large_text)
    # The large document is being linted on the worker thread; the event loop still answers.
    result = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(small), types.Position(0, 13)))
    assert result is not None and "NL201" in result.contents.value
    assert not any(p.uri == large for p in client.published), "the hover waited for the large lint"
    await published(client, large, 1)
    close_document(client, small)
    close_document(client, large)
