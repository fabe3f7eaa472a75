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
from pygls.exceptions import JsonRpcRequestCancelled
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


HORAIRES = "drafts/2027-03-01-horaires-de-mars.md"


def codes(shown: list[types.Diagnostic]) -> list[str]:
    return sorted(str(diagnostic.code) for diagnostic in shown if diagnostic.code)


def body_of(text: str) -> str:
    return text.split("\n---\n", 1)[1]


@pytest.mark.asyncio
async def test_queue_rules_see_the_open_buffers(client: LanguageClient, project: Path):
    """A draft being typed takes part in the queue: a copy of another post's text, scheduled on
    another channel, is reported (PB406) on the later post, even when that is another open draft,
    checked again because the change touches it; the command line agrees once the buffer is saved."""
    copy = project / "drafts" / "2027-03-08-copie.md"
    copy.write_text("---\nchannel: linkedin\nkind: information\npublish_at: 2027-03-08T10:00:00+01:00\n"
                    "author: claire-le-gall\n---\nUn tout autre texte, sans rapport avec les horaires.\n",
                    encoding="utf-8")
    await start(client, project)
    horaires = open_file(client, project / HORAIRES)
    assert "PB406" not in codes(await published(client, horaires, version=1))
    copy_uri = open_file(client, copy)
    assert "PB406" not in codes(await published(client, copy_uri, version=1))

    same_later = copy.read_text(encoding="utf-8").split("---\n", 2)
    later = f"---\n{same_later[1]}---\n" + body_of((project / HORAIRES).read_text(encoding="utf-8"))
    change(client, copy_uri, 2, later)
    shown = await published(client, copy_uri, version=2)
    same = [d for d in shown if d.code == "PB406"]
    assert len(same) == 1 and HORAIRES in same[0].message

    copy.write_text(later, encoding="utf-8")  # saved: `playbook lint` reports the same
    expected = [f for f in lint_json(project, "drafts/2027-03-08-copie.md") if f["code"] == "PB406"]
    assert [f["message"] for f in expected] == [same[0].message.split("\n")[0]]

    earlier = later.replace("2027-03-08T10:00:00", "2027-03-01T09:00:00")
    await settled(client, horaires)  # the re-check of the neighbour that the last change caused
    after = len(client.published)  # type: ignore[attr-defined]
    change(client, copy_uri, 3, earlier)
    assert "PB406" not in codes(await published(client, copy_uri, version=3))
    neighbour = await published(client, horaires, after=after)
    same = [d for d in neighbour if d.code == "PB406"]
    assert len(same) == 1 and "drafts/2027-03-08-copie.md" in same[0].message


@pytest.mark.asyncio
async def test_a_burst_of_changes_is_checked_once_for_the_last_text(client: LanguageClient, project: Path):
    await start(client, project)
    path = project / HORAIRES
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path)
    await published(client, uri, version=1)
    after = len(client.published)  # type: ignore[attr-defined]
    for version in range(2, 32):
        change(client, uri, version, text + "x" * version)
    change(client, uri, 32, text.replace("la boutique", "la boutique détox"))
    shown = await published(client, uri, version=32, after=after)
    assert "PB307" in codes(shown)
    mine = [p for p in client.published[after:] if p.uri == uri]  # type: ignore[attr-defined]
    assert len(mine) < 10, [p.version for p in mine]


def as_shown(reported: list[dict[str, Any]], relative: str, text: str) -> list[tuple[Any, ...]]:
    """The command line's findings of one file as the editor must show them (UTF-16 columns)."""
    return sorted((f["code"], {"error": 1, "warning": 2, "info": 3}[f["severity"]], f["line"] - 1,
                   utf16(text, f["line"], f["column"]), f["message"] + (f"\n{f['hint']}" if f.get("hint") else ""))
                  for f in reported if f["path"] == relative)


def seen(shown: list[types.Diagnostic]) -> list[tuple[Any, ...]]:
    return sorted((d.code, d.severity, d.range.start.line, d.range.start.character, d.message) for d in shown)


@pytest.mark.asyncio
async def test_fifty_edits_end_as_the_command_line(client: LanguageClient, project: Path):
    """The server keeps the queue parsed between checks (linter.api.Session): after 50 edits of one draft
    (its text, its date, its channel, a copy of a neighbour's text, a broken front matter and back), that
    draft and an open neighbour show what `playbook lint` reports on the files saved as they are, at
    checkpoints along the way and at the end; the last diagnostics are those of the last version."""
    await start(client, project)
    mine, other = project / HORAIRES, project / "drafts" / "2027-03-04-boutique-samedi.md"
    relative, other_relative = HORAIRES, "drafts/2027-03-04-boutique-samedi.md"
    original, neighbour_text = mine.read_text(encoding="utf-8"), other.read_text(encoding="utf-8")
    head, body = original.split("\n---\n", 1)
    uri, other_uri = open_file(client, mine), open_file(client, other)
    await published(client, uri, version=1)
    await published(client, other_uri, version=1)

    def version_text(step: int) -> str:
        when = head.replace("2027-03-01T10:00", f"2027-03-0{1 + step % 4}T{10 + step % 3}:00")
        copy = step % 7 == 6  # the neighbour's text, on another channel and earlier: PB406 on the neighbour
        channel = when.replace("channel: facebook", "channel: instagram") if copy or step % 6 == 5 else when
        if step % 11 == 10:
            return channel.replace("---\nchannel", "---\nchannel: [", 1) + "\n" + body  # front matter broken
        text = body_of(neighbour_text) if copy else body + f"\nÉtape {step} : la boutique" + \
            (" détox" if step % 4 == 3 else " reste ouverte.")
        return f"{channel}\n---\n{text}"

    for step in range(50):
        version = step + 2
        text = version_text(step)
        change(client, uri, version, text)
        shown = await published(client, uri, version=version)
        if step in (6, 10, 29, 49):
            mine.write_text(text, encoding="utf-8")  # saved as it is: the command line reads the same queue
            reported = lint_json(project, relative, other_relative)
            assert seen(shown) == as_shown(reported, relative, text), step
            neighbour = await settled(client, other_uri)
            assert seen(neighbour) == as_shown(reported, other_relative, neighbour_text), step
            assert ("PB406" in codes(neighbour)) == (step == 6), step
            mine.write_text(original, encoding="utf-8")
    await settled(client, other_uri)
    mine.write_text(version_text(6), encoding="utf-8")  # closed unsaved: the queue takes the file's text again
    after = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    neighbour = await published(client, other_uri, after=after)
    assert seen(neighbour) == as_shown(lint_json(project, other_relative), other_relative, neighbour_text)
    assert "PB406" in codes(neighbour)


# -- code actions ----------------------------------------------------------------------------------
async def actions_at(client: LanguageClient, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))
    return [action for action in found or [] if isinstance(action, types.CodeAction)]


@pytest.mark.asyncio
async def test_quick_fixes_give_what_lint_fix_writes(client: LanguageClient, project: Path):
    """Applying every offered fix, one after the other as a writer would, gives the text that
    `playbook lint --fix` writes."""
    await start(client, project)
    relative = f"{ERRORS}/pb312-espaces-insecables.md"
    path = project / relative
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path)
    shown = await published(client, uri, version=1)
    version = 1
    while any(d.code == "PB312" for d in shown):
        target = next(d for d in shown if d.code == "PB312")
        offered = await actions_at(client, uri, target)
        fix = next(action for action in offered if action.title.startswith("Corriger PB312"))  # the sample: French
        assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
        text = apply(text, edits_of(fix))
        version += 1
        change(client, uri, version, text)
        shown = await published(client, uri, version=version)
        assert version < 10
    subprocess.run([PLAYBOOK_CLI, "lint", "--fix", "--today", TODAY, "--now", NOW, relative], cwd=project,
                   capture_output=True, check=False)
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.asyncio
async def test_disable_this_rule_on_this_line(client: LanguageClient, project: Path):
    """"Disable" writes the project's comment above the line: the finding goes, and the comment is
    used (no PB390). A finding in the front matter is disabled with the `disable:` field."""
    await start(client, project)
    path = project / ERRORS / "pb313-majuscules.md"
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path)
    shown = await published(client, uri, version=1)
    offered = await actions_at(client, uri, next(d for d in shown if d.code == "PB313"))
    disable = next(action for action in offered if action.title == "Désactiver PB313 sur cette ligne")
    text = apply(text, edits_of(disable))
    assert "<!-- playbook-disable-next-line PB313 -->\nIMPORTANT" in text
    change(client, uri, 2, text)
    after = codes(await published(client, uri, version=2))
    assert "PB313" not in after and "PB390" not in after

    unknown = (project / HORAIRES).read_text(encoding="utf-8").replace("author: claire-le-gall", "author: inconnue")
    horaires = open_file(client, project / HORAIRES, unknown)
    shown = await published(client, horaires, version=1)
    author = next(d for d in shown if d.code == "PB302")
    offered = await actions_at(client, horaires, author)
    disable = next(action for action in offered if action.title.startswith("Désactiver PB302"))
    text = apply(unknown, edits_of(disable))
    assert "disable: [PB302]\n---\n" in text
    change(client, horaires, 2, text)
    assert "PB302" not in codes(await published(client, horaires, version=2))


# -- hover, completion, definition ------------------------------------------------------------------
def rules_json() -> dict[str, dict[str, Any]]:
    result = subprocess.run([PLAYBOOK_CLI, "rules", "--format", "json"], capture_output=True, text=True, check=True)
    return {rule["code"]: rule for rule in json.loads(result.stdout)}


async def hover_at(client: LanguageClient, uri: str, line: int, character: int) -> str | None:
    found = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)))
    if found is None:
        return None
    assert isinstance(found.contents, types.MarkupContent)
    return found.contents.value


@pytest.mark.asyncio
async def test_hover_shows_the_rule_and_the_ids(client: LanguageClient, project: Path):
    await start(client, project)
    rules = rules_json()
    uri = open_file(client, project / ERRORS / "pb313-majuscules.md")
    shown = await published(client, uri, version=1)
    finding = next(d for d in shown if d.code == "PB313")
    text = await hover_at(client, uri, finding.range.start.line, finding.range.start.character + 1)
    assert text is not None and rules["PB313"]["summary"] in text and finding.message.split("\n")[0] in text

    comment = open_file(client, project / ERRORS / "pb390-exception-inutile.md")
    text = await hover_at(client, comment, 7, len("<!-- playbook-disable-next-line PB3"))
    assert text is not None and rules["PB313"]["summary"] in text

    channel = await hover_at(client, uri, 1, len("channel: fa"))
    assert channel is not None
    assert "Pressoir de la Flume sur Facebook" in channel and "channels.yml, ligne 16" in channel
    author = await hover_at(client, uri, 4, len("author: so"))
    assert author is not None and "Personne `sophie-guegan`" in author
    assert await hover_at(client, uri, 7, 3) is None  # the body's words are not ids


async def complete_at(client: LanguageClient, uri: str, line: int, character: int) -> list[str]:
    found = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)))
    items = found.items if isinstance(found, types.CompletionList) else found or []
    return [item.label for item in items]


def ids_in(root: Path, name: str, key: str) -> list[str]:
    import yaml

    return [item["id"] for item in yaml.safe_load((root / "playbook" / name).read_text(encoding="utf-8"))[key]]


@pytest.mark.asyncio
async def test_completion_of_ids_in_front_matter_and_playbook(client: LanguageClient, project: Path):
    await start(client, project)
    path = project / "drafts" / "2027-03-09-nouveau.md"
    text = "---\nchannel: \nkind: \nauthor: \naudience: \nobjective: \nchannels: [facebook, ]\n---\nTexte.\n"
    uri = open_file(client, path, text)
    channels = ids_in(project, "channels.yml", "channels")
    assert sorted(await complete_at(client, uri, 1, len("channel: "))) == sorted(channels)
    assert {"information", "promo"} <= set(await complete_at(client, uri, 2, len("kind: ")))
    people = [person["id"] for person in __import__("yaml").safe_load(
        (project / "playbook" / "roles.yml").read_text(encoding="utf-8"))["people"]]
    assert sorted(await complete_at(client, uri, 3, len("author: "))) == sorted(people)
    assert sorted(await complete_at(client, uri, 4, len("audience: "))) == sorted(ids_in(project, "audiences.yml",
                                                                                      "audiences"))
    assert sorted(await complete_at(client, uri, 5, len("objective: "))) == sorted(ids_in(project, "objectives.yml",
                                                                                       "objectives"))
    assert sorted(await complete_at(client, uri, 6, len("channels: [facebook, "))) == sorted(channels)
    assert await complete_at(client, uri, 8, 2) == []  # the body

    objectives = project / "playbook" / "objectives.yml"
    lines = objectives.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if line.strip().startswith("channels: ["))
    yaml_uri = open_file(client, objectives, language="yaml")
    assert sorted(await complete_at(client, yaml_uri, row, lines[row].index("[") + 1)) == sorted(channels)
    owner = next(i for i, line in enumerate(lines) if line.strip().startswith("owner:"))
    profiles = ids_in(project, "roles.yml", "profiles")
    assert sorted(await complete_at(client, yaml_uri, owner, len(lines[owner]))) == sorted(profiles)


@pytest.mark.asyncio
async def test_go_to_definition_of_an_id(client: LanguageClient, project: Path):
    await start(client, project)
    uri = open_file(client, project / HORAIRES)
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=1, character=11)))
    assert isinstance(found, list) and len(found) == 1
    channels = (project / "playbook" / "channels.yml").read_text(encoding="utf-8").splitlines()
    target = found[0]
    assert isinstance(target, types.Location) and target.uri == uri_of(project / "playbook" / "channels.yml")
    assert channels[target.range.start.line] == "  - id: facebook" and target.range.start.character == 8

    objectives = project / "playbook" / "objectives.yml"
    lines = objectives.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if line.strip().startswith("owner: cm-relationnel"))
    yaml_uri = open_file(client, objectives, language="yaml")
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=yaml_uri),
        position=types.Position(line=row, character=lines[row].index("cm-relationnel") + 3)))
    assert isinstance(found, list) and len(found) == 1
    roles = (project / "playbook" / "roles.yml").read_text(encoding="utf-8").splitlines()
    assert roles[found[0].range.start.line] == "  - id: cm-relationnel"


# -- the counter -----------------------------------------------------------------------------------------
async def hints_of(client: LanguageClient, uri: str) -> list[types.InlayHint]:
    found = await client.text_document_inlay_hint_async(types.InlayHintParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=50, character=0))))
    return list(found or [])


@pytest.mark.asyncio
async def test_live_counter_per_channel(client: LanguageClient, project: Path):
    """`X 341/280` after the channel: the length PB303 counts, as the text changes."""
    await start(client, project)
    path = project / ERRORS / "pb303-trop-long-pour-x.md"
    text = path.read_text(encoding="utf-8")
    uri = open_file(client, path)
    shown = await published(client, uri, version=1)
    message = next(d for d in shown if d.code == "PB303").message  # its first number is the post's length
    length = re.search(r"\d[\d,\u202f\u00a0]*", message)
    assert length is not None
    hints = await hints_of(client, uri)
    digits = re.sub(r"\D", "", length.group())
    assert [hint.label for hint in hints] == [f"X {digits}/280"]
    assert hints[0].position == types.Position(line=1, character=len("channel: x"))
    front = text.split("---\n")[1]
    change(client, uri, 2, f"---\n{front}---\nCourt 👍🏽 https://example.org/a/very/long/link\n")
    await published(client, uri, version=2)
    assert [hint.label for hint in await hints_of(client, uri)] == [f"X {len('Court 👍 ') + 23}/280"]

    several = open_file(client, project / "drafts" / "2027-03-10-deux.md",
                        "---\nchannels: [facebook, linkedin]\nkind: information\n---\nBonjour.\n")
    labels = [hint.label for hint in await hints_of(client, several)]
    assert labels == ["Facebook 8/800", f"LinkedIn 8/{_max_chars(project, 'linkedin')}"]


def _max_chars(root: Path, channel: str) -> int:
    import yaml

    data = yaml.safe_load((root / "playbook" / "channels.yml").read_text(encoding="utf-8"))
    return next(item for item in data["channels"] if item["id"] == channel)["limits"]["max_chars"]


# -- the playbook changes ---------------------------------------------------------------------------------
def watched(client: LanguageClient, path: Path) -> None:
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=uri_of(path), type=types.FileChangeType.Changed)]))


@pytest.mark.asyncio
async def test_a_playbook_change_rechecks_the_open_drafts(client: LanguageClient, project: Path):
    await start(client, project)
    uri = open_file(client, project / HORAIRES)
    assert "PB303" not in codes(await published(client, uri, version=1))
    channels = project / "playbook" / "channels.yml"
    original = channels.read_text(encoding="utf-8")
    channels.write_text(original.replace("max_chars: 800", "max_chars: 50", 1), encoding="utf-8")
    after = len(client.published)  # type: ignore[attr-defined]
    watched(client, channels)
    assert "PB303" in codes(await published(client, uri, after=after))

    channels.write_text(original.replace("  - id: facebook", "  - id: [facebook", 1), encoding="utf-8")
    after = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri_of(channels))))
    blocked = await published(client, uri, after=after)
    assert [d.code for d in blocked] == [None] and "le playbook a 1 erreur" in blocked[0].message
    yaml_shown = await published(client, uri_of(channels), after=after)
    expected = subprocess.run([PLAYBOOK_CLI, "validate", "--format", "json"], cwd=project, capture_output=True,
                              text=True, check=False)
    assert codes(yaml_shown) == sorted(f["code"] for f in json.loads(expected.stdout)["findings"])

    yaml_uri = open_file(client, channels, original.replace("max_chars: 800", "max_chars: [", 1), "yaml")
    live = await published(client, yaml_uri, version=1)
    assert codes(live) and all(code.startswith("PB0") for code in codes(live))

    channels.write_text(original, encoding="utf-8")
    after = len(client.published)  # type: ignore[attr-defined]
    watched(client, channels)
    assert "PB303" not in codes(await published(client, uri, after=after))


@pytest.mark.asyncio
async def test_a_playbook_change_nobody_reported_is_seen_at_the_next_check(client: LanguageClient, project: Path):
    """A playbook file changed on disk without a word from the editor (a `git pull`, an editor that does
    not watch files): the next check of a draft reads the playbook again, and every open draft follows."""
    await start(client, project)
    text = (project / HORAIRES).read_text(encoding="utf-8")
    neighbour = f"{ERRORS}/pb313-majuscules.md"  # on Facebook too
    uri, other = open_file(client, project / HORAIRES), open_file(client, project / neighbour)
    assert "PB303" not in codes(await published(client, uri, version=1))
    assert "PB303" not in codes(await published(client, other, version=1))
    channels = project / "playbook" / "channels.yml"
    channels.write_text(channels.read_text(encoding="utf-8").replace("max_chars: 800", "max_chars: 50", 1),
                        encoding="utf-8")
    change(client, uri, 2, text + "\nUne phrase de plus.")
    assert "PB303" in codes(await published(client, uri, version=2))
    shown = codes(await settled(client, other))
    expected = sorted(f["code"] for f in lint_json(project, neighbour) if f["path"] == neighbour)
    assert "PB303" in shown and shown == expected


# -- robustness --------------------------------------------------------------------------------------------
@pytest.mark.asyncio
async def test_the_server_survives_bad_input(client: LanguageClient, project: Path, tmp_path_factory):
    """Malformed drafts, a file outside the project, requests about documents never opened or out
    of range, a change before the open, a cancelled request: answers and logs, never an exit."""
    await start(client, project)
    broken = {
        "no-front-matter.md": "Juste du texte\n",
        "unclosed.md": "---\nchannel: x\nkind: information\nLe texte\n",
        "not-yaml.md": "---\nchannel: [x\n---\nTexte\n",
        "odd-lines.md": "---\r\nchannel: x\rkind: information\u2028\n---\n\x00\x0b\u2029Texte 👍🏽\r\n",
        "empty.md": "",
    }
    for name, text in broken.items():
        (project / "drafts" / name).write_text(text, encoding="utf-8", newline="")
        shown = await published(client, open_file(client, project / "drafts" / name, text), version=1)
        expected = [f["code"] for f in lint_json(project, f"drafts/{name}") if f["path"] == f"drafts/{name}"]
        assert codes(shown) == sorted(expected), name
        for line, character in ((0, 0), (2, 5), (99, 99)):
            await hover_at(client, uri_of(project / "drafts" / name), line, character)
            await complete_at(client, uri_of(project / "drafts" / name), line, character)

    outside = tmp_path_factory.mktemp("elsewhere") / "ailleurs.md"
    outside.write_text("---\nchannel: x\n---\nTexte\n", encoding="utf-8")
    before = len(client.log_messages)
    open_file(client, outside)
    await asyncio.sleep(0.3)
    assert any("not checked" in message.message for message in client.log_messages[before:])
    assert not client.diagnostics.get(uri_of(outside))

    never = uri_of(project / "drafts" / "jamais-ouvert.md")
    change(client, never, 5, "---\n---\n")
    assert await hover_at(client, never, 0, 0) is None
    assert await complete_at(client, never, 0, 0) == []
    assert not await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=never),
        range=types.Range(start=types.Position(line=5, character=0), end=types.Position(line=0, character=0)),
        context=types.CodeActionContext(diagnostics=[])))
    assert any("could not handle a message" in message.message for message in client.log_messages)

    horaires = open_file(client, project / HORAIRES)
    await published(client, horaires, version=1)
    params = types.HoverParams(text_document=types.TextDocumentIdentifier(uri=horaires),
                               position=types.Position(line=1, character=10))
    pending = client.protocol.send_request(types.TEXT_DOCUMENT_HOVER, params, msg_id="cancel-me")
    client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="cancel-me"))
    try:
        outcome = await asyncio.wait_for(asyncio.wrap_future(pending), TIMEOUT)
        assert isinstance(outcome, types.Hover)  # answered before the cancel arrived
    except JsonRpcRequestCancelled:
        pass
    assert await hover_at(client, horaires, 1, 10) is not None  # still serving
    assert client.error is None


def frames_of(output: bytes) -> list[dict[str, Any]]:
    messages = []
    while output:
        head, _, rest = output.partition(b"\r\n\r\n")
        length = int(re.search(rb"Content-Length: (\d+)", head).group(1))  # type: ignore[union-attr]
        messages.append(json.loads(rest[:length]))
        output = rest[length:]
    return messages


@pytest.mark.parametrize("first", [
    b"", b"{not json", b"[" * 100_000 + b"]" * 100_000, b'"a string"',
    b'{"jsonrpc": "2.0", "id": 9, "method": "initialize", "params": {"capabilities": 3}}',
    b'{"jsonrpc": "2.0", "method": "initialized", "params": {}}'],
    ids=["initialize-first", "not-json", "too-deep", "not-an-object", "bad-capabilities", "notification"])
def test_a_first_message_the_front_cannot_read_goes_to_pygls(project: Path, first: bytes):
    """The server answers `initialize` before it imports pygls (linter.lsp.front) only when it can read
    it with certainty, and pygls's own answer is then not sent; anything else first is pygls's to
    handle, and the server answers the `initialize` that follows. Exactly one answer, and an exit
    when told."""
    def frame(body: bytes) -> bytes:
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    initialize = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                  "params": {"processId": None, "rootUri": project.as_uri(), "capabilities": {}}}
    sent = (frame(first) if first else b"") + b"".join(frame(json.dumps(message).encode()) for message in (
        initialize, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"}))
    done = subprocess.run([PLAYBOOK_CLI, "lsp", "--stdio"], input=sent, cwd=project, capture_output=True,
                          timeout=60, check=False)
    answers = [message for message in frames_of(done.stdout) if message.get("id") == 1]
    assert len(answers) == 1 and answers[0]["result"]["capabilities"]["hoverProvider"] is True, answers
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.asyncio
async def test_position_encoding_negotiated(client: LanguageClient, project: Path):
    """A client that prefers UTF-32 gets code points; by default, columns are UTF-16 units."""
    result = await start(client, project, encodings=["utf-32", "utf-16"])
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf32
    text = "---\nchannel: facebook\nkind: information\nauthor: claire-le-gall\n---\n🍎🍎 Une cure détox.\n"
    uri = open_file(client, project / "drafts" / "2027-03-11-emoji.md", text)
    banned = next(d for d in await published(client, uri, version=1) if d.code == "PB307")
    assert banned.range.start.character == len("🍎🍎 Une cure ")


# -- the starter's editor settings -------------------------------------------------------------------
@pytest.mark.asyncio
async def test_init_writes_editor_settings_that_start_this_server(client: LanguageClient, tmp_path: Path):
    """`playbook init` writes the settings of VS Code, Neovim and Helix, each starting
    `playbook lsp --stdio`; on the new repository the server checks the example draft clean."""
    target = tmp_path / "nouveau"
    subprocess.run([PLAYBOOK_CLI, "init", str(target)], check=True, capture_output=True)
    vscode = json.loads((target / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]] == ["playbook", "lsp", "--stdio"]
    assert set(vscode["glspc.server.languageId"]) == {"markdown", "yaml"}
    neovim = (target / ".nvim.lua").read_text(encoding="utf-8")
    assert neovim.count('cmd = { "playbook", "lsp", "--stdio" }') == 2
    import tomllib

    helix = tomllib.loads((target / ".helix" / "languages.toml").read_text(encoding="utf-8"))
    assert helix["language-server"]["playbook"] == {"command": "playbook", "args": ["lsp", "--stdio"]}
    assert all("playbook" in language["language-servers"] for language in helix["language"])

    await start(client, target, spec="neovim")
    (draft,) = (target / "drafts").glob("*.md")
    shown = await published(client, open_file(client, draft), version=1)
    assert [d for d in shown if d.severity == types.DiagnosticSeverity.Error] == []
    hints = await hints_of(client, uri_of(draft))
    assert hints and all(re.fullmatch(r"\S+ \d+(/\d+)?", str(hint.label)) for hint in hints)


@pytest.mark.asyncio
async def test_settings_that_cannot_be_read_are_shown_not_fatal(client: LanguageClient, project: Path):
    """A broken pyproject.toml stops `playbook lint` (exit 2); the server says so on the draft
    and keeps answering, and checks again once the file is fixed and saved."""
    settings = project / "pyproject.toml"
    settings.write_text("[tool.playbook]\nrules = [\n", encoding="utf-8")
    await start(client, project)
    uri = open_file(client, project / HORAIRES)
    shown = await published(client, uri, version=1)
    assert len(shown) == 1 and shown[0].message.startswith("le projet ne peut pas être vérifié\u202f:")
    assert "pyproject.toml" in shown[0].message
    settings.write_text("[tool.playbook]\n", encoding="utf-8")
    after = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri_of(settings))))
    shown = await published(client, uri, after=after)
    assert not any(d.message.startswith("le projet ne peut pas être vérifié") for d in shown)
