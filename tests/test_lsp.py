"""`playbook lsp` end to end: a real client (pytest-lsp) drives the real server over stdio.

Every test starts `playbook lsp` from the virtual environment on a copy of the sample project,
opens files as an editor would and checks what the writer sees: diagnostics (compared with
`playbook lint --format json` on the same file), quick fixes applied to the text, hovers,
completions, definitions, the counter, and a server that survives bad input.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import make_test_lsp_client

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOK_CLI = str(Path(sys.executable).with_name("playbook"))
TODAY, NOW = "2026-11-23", "2027-03-01T08:00:00+01:00"
ERRORS = "drafts/exemples-erreurs"
TIMEOUT = 20.0


# -- the client, the project, the session ------------------------------------------------------
def _client() -> LanguageClient:
    """pytest-lsp's client, keeping every diagnostics notification (with its version) in order."""
    client = make_test_lsp_client()
    client.published = []  # type: ignore[attr-defined]

    def published(params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)  # type: ignore[attr-defined]

    client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = published
    client.protocol.fm.features[types.CLIENT_REGISTER_CAPABILITY] = lambda params: None
    return client


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[PLAYBOOK_CLI, "lsp", "--stdio", "--today", TODAY,
                                                              "--now", NOW], client_factory=_client))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the sample playbook and drafts (tests edit them)."""
    shutil.copytree(ROOT / "playbook", tmp_path / "playbook")
    shutil.copytree(ROOT / "drafts", tmp_path / "drafts")
    return tmp_path


async def start(client: LanguageClient, root: Path, encodings: list[str] | None = None,
                spec: str = "visual-studio-code") -> types.InitializeResult:
    capabilities = client_capabilities(spec)
    if encodings is not None:
        capabilities.general = types.GeneralClientCapabilities(position_encodings=encodings)
    return await client.initialize_session(types.InitializeParams(
        capabilities=capabilities, root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)]))


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()


def open_file(client: LanguageClient, path: Path, text: str | None = None, language: str = "markdown") -> str:
    uri = uri_of(path)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id=language, version=1, text=path.read_text(encoding="utf-8") if text is None else text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def published(client: LanguageClient, uri: str, version: int | None = None, after: int = 0
                    ) -> list[types.Diagnostic]:
    """The first diagnostics for ``uri`` published after the ``after``-th notification (of ``version``)."""
    async def wait() -> list[types.Diagnostic]:
        while True:
            for params in client.published[after:]:  # type: ignore[attr-defined]
                if params.uri == uri and (version is None or params.version == version):
                    return list(params.diagnostics)
            await asyncio.sleep(0.01)
    return await asyncio.wait_for(wait(), TIMEOUT)


async def settled(client: LanguageClient, uri: str, quiet: float = 0.6) -> list[types.Diagnostic]:
    """The diagnostics of ``uri`` once the server has published nothing more for ``quiet`` seconds."""
    count = -1
    while count != len(client.published):  # type: ignore[attr-defined]
        count = len(client.published)  # type: ignore[attr-defined]
        await asyncio.sleep(quiet)
    return list(client.diagnostics.get(uri, []))


def lint_json(root: Path, *paths: str) -> list[dict[str, Any]]:
    """What `playbook lint --format json` reports on these files, run from the project's root."""
    result = subprocess.run([PLAYBOOK_CLI, "lint", "--format", "json", "--today", TODAY, "--now", NOW, *paths],
                            cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


def utf16(text: str, line: int, column: int) -> int:
    """The UTF-16 character of a 1-based line and code-point column (what an editor counts)."""
    current = re.split(r"\r\n|\r|\n", text)[line - 1]
    return len(current[:column - 1].encode("utf-16-le")) // 2


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply a client's text edits (UTF-16 positions) to a text, as an editor does."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: types.Position) -> int:
        current = lines[position.line] if position.line < len(lines) else ""
        units, index = 0, 0
        while index < len(current) and units < position.character:
            units += 2 if ord(current[index]) > 0xFFFF else 1
            index += 1
        return starts[min(position.line, len(lines))] + index

    for edit in sorted(edits, key=lambda edit: (edit.range.start.line, edit.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def edits_of(action: types.CodeAction) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.document_changes
    return [edit for change in action.edit.document_changes for edit in change.edits]  # type: ignore[union-attr]


# -- diagnostics -------------------------------------------------------------------------------------
@pytest.mark.asyncio
async def test_diagnostics_are_the_command_lines(client: LanguageClient, project: Path):
    """Each sample draft shows, in the editor, what `playbook lint --format json` reports on it:
    same codes, severities, places (in UTF-16, the default), messages and hints."""
    await start(client, project)
    names = sorted(os.listdir(project / ERRORS)) + ["2027-03-01-horaires-de-mars.md"]
    reported = lint_json(project, ERRORS, "drafts/2027-03-01-horaires-de-mars.md")
    for name in names:
        relative = f"{ERRORS}/{name}" if name.startswith("pb") else f"drafts/{name}"
        path = project / relative
        text = path.read_text(encoding="utf-8")
        shown = await published(client, open_file(client, path), version=1)
        expected = [finding for finding in reported if finding["path"] == relative]
        assert expected or name.startswith("2027"), name
        seen = [(d.code, d.severity, d.range.start.line, d.range.start.character, d.message) for d in shown]
        wanted = [(f["code"], {"error": 1, "warning": 2, "info": 3}[f["severity"]], f["line"] - 1,
                   utf16(text, f["line"], f["column"]), f["message"] + (f"\n{f['hint']}" if f.get("hint") else ""))
                  for f in expected]
        assert sorted(seen) == sorted(wanted), name
        assert all(d.source == "playbook" for d in shown)
