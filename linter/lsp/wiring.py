"""The language server's pygls wiring: the features, the schedule of checks, and robustness.

Each handler answers from the project's state (linter.lsp.project) through a feature module;
this module decides when to check (on open, on change, throttled; on save of a playbook file,
every open draft again) and makes sure that no input stops the server: a handler that fails
logs why and answers nothing, and the server goes on.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import from_fs_path, to_fs_path

from linter import __version__
from linter.core.findings import Finding
from linter.lsp import actions, completion, counter, definition, diagnostics, front, hover
from linter.lsp.positions import Lines, encoding_of
from linter.lsp.project import Clock, Project

LOG = logging.getLogger("linter.lsp")
INTERVAL = 0.1
"""Seconds between two checks of one buffer while it changes: a change after a quiet moment is
checked at once; the changes that come within this time are checked together, once."""
NEIGHBOURS_DELAY = 0.3
"""Seconds before the other open drafts are checked again after one changed (queue rules)."""

T = TypeVar("T")


@dataclass(frozen=True)
class Checked:
    """The findings of one buffer as it was at ``version`` (code actions need them for that text)."""

    version: int | None
    text: str
    findings: list[Finding]


class _Protocol(LanguageServerProtocol):
    """pygls 2.1 files the future of each notification it handles among the requests' futures
    and never takes it out: one future more per keystroke, memory that grows with every edit.
    The finished ones are dropped at the next notification (not from a callback: pygls walks
    that table when it shuts down, and cancelling a future runs its callbacks at once).

    ``answered``: the id of the `initialize` request the front already answered
    (linter.lsp.front): pygls handles it again, to set itself up, and its answer is not sent.
    """

    answered: str | int | None = None

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._notified: set[str | int] = set()

    def _send_response(self, msg_id: Any, result: Any = None, error: Any = None) -> None:
        if self.answered is not None and msg_id == self.answered:
            self.answered = None
            if error is not None:
                LOG.error("the initialize request the front answered failed in pygls: %s", error)
            return
        super()._send_response(msg_id, result, error)

    def _handle_notification(self, method_name: str, params: Any) -> None:
        for key in [key for key in self._notified if key not in self._request_futures
                    or self._request_futures[key].done()]:
            self._request_futures.pop(key, None)
            self._notified.discard(key)
        before = set(self._request_futures)
        super()._handle_notification(method_name, params)
        self._notified.update(set(self._request_futures) - before)


class PlaybookServer(LanguageServer):
    """The server's state: the project, the last findings of each buffer, the checks to come."""

    def __init__(self, clock: Clock):
        super().__init__("playbook", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full,
                         protocol_cls=_Protocol)
        self.clock = clock
        self.project: Project | None = None
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.Future[None]] = {}
        self.last_run: dict[str, float] = {}
        self.shown_playbook: set[str] = set()

    # -- errors: log them, never stop -------------------------------------------------------
    def report_server_error(self, error: Exception, source: Any) -> None:
        """An error outside a request (a notification, a message that cannot be read): logged only,
        so a writer is not shown a pop-up for a client's slip."""
        self.log(f"could not handle a message from the editor ({type(error).__name__}: {error})",
                 types.MessageType.Error)

    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        LOG.info("%s", message)
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=f"playbook: {message}"))
        except Exception:  # no client to tell (closed pipe): stderr has it
            LOG.debug("cannot send a log message", exc_info=True)

    # -- the project --------------------------------------------------------------------------
    def start(self, root: str) -> None:
        from linter.rules import build_registry

        self.project = Project(os.path.abspath(root), build_registry(), self.clock)

    def ready(self) -> Project:
        """The project, loaded on first use (a client may send a document before `initialized`)."""
        if self.project is None:
            self.start(os.getcwd())
        assert self.project is not None
        if self.project.settings is None and self.project.problem is None:
            started = time.perf_counter()
            self.project.load()
            self.project.load_queue()
            self.project.warm()
            self.log(f"project {self.project.root}: playbook {self.project.playbook_dir}, "
                     f"{len(self.project.queue)} drafts, loaded in {(time.perf_counter() - started) * 1000:.0f} ms")
            if self.project.problem:
                self.log(self.project.problem, types.MessageType.Warning)
            self.publish_playbook()
        return self.project

    def path_of(self, uri: str) -> str | None:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return os.path.abspath(path) if path else None

    def lines(self, text: str) -> Lines:
        return Lines.of(text, encoding_of(self.workspace.position_encoding))

    def text(self, uri: str) -> tuple[str, int | None] | None:
        """The buffer's text and version (None for a document the client never opened)."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        return document.source, document.version

    def text_of_path(self, path: str) -> str | None:
        """An open buffer's text, else the file's (go to definition opens files not yet open)."""
        opened = self.text(from_fs_path(path) or "")
        if opened is not None:
            return opened[0]
        from linter.playbook.source import read_text

        return read_text(path)[0]

    # -- checking ------------------------------------------------------------------------------
    def check(self, uri: str) -> Checked | None:
        """Check one open buffer now and publish its diagnostics."""
        opened = self.text(uri)
        path = self.path_of(uri)
        if opened is None or path is None:
            return None
        text, version = opened
        project = self.ready()
        if project.stale():  # the playbook changed on disk and nobody said so: every open buffer again
            self.reload()
        lines = self.lines(text)
        findings: list[Finding] = []
        extra: list[types.Diagnostic] = []
        started = time.perf_counter()
        if project.problem is not None:
            if project.is_draft(path) or project.concern_of(path):
                extra.append(diagnostics.unusable(project.problem, project.context().lang))
        elif project.is_draft(path):
            blocking = project.blocking
            if blocking is not None:
                extra.append(diagnostics.blocked(*blocking, project.context().lang))
            else:
                findings = project.check_draft(path, text)
        elif project.concern_of(path) is not None or path in project.playbook_findings():
            saved = self.text_of_disk(path)
            findings = project.playbook_findings().get(path, []) if saved == text else \
                project.check_playbook_buffer(path, text)
        else:
            self.log(f"{project.relative(path)} is neither a draft of {project.relative(project.drafts_dir)}/ "
                     f"nor a file of the playbook: not checked")
        checked = Checked(version, text, findings)
        self.checked[uri] = checked
        self.last_run[uri] = time.monotonic()
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=diagnostics.diagnostics(findings, lines) + extra))
        LOG.debug("checked %s in %.1f ms", path, (time.perf_counter() - started) * 1000)
        return checked

    @staticmethod
    def text_of_disk(path: str) -> str | None:
        from linter.playbook.source import read_text

        return read_text(path)[0]

    def fresh(self, uri: str) -> Checked | None:
        """The findings of the buffer as it is now: checked again if it changed since."""
        opened = self.text(uri)
        known = self.checked.get(uri)
        if opened is not None and known is not None and known.text == opened[0]:
            return known
        self.cancel(uri)
        return self.check(uri)

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Check a buffer soon: at once after a quiet moment, else once the interval has passed."""
        waiting = self.pending.get(uri)
        if waiting is not None and not waiting.done():
            return  # the check to come reads the buffer as it will be then
        if delay is None:
            delay = max(0.0, self.last_run.get(uri, float("-inf")) + INTERVAL - time.monotonic())
        self.pending[uri] = asyncio.ensure_future(self._later(uri, delay))

    async def _later(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        self.pending.pop(uri, None)
        self.guarded(self.check, uri)

    def cancel(self, uri: str) -> None:
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()

    def recheck_drafts(self, but: str | None = None, delay: float = 0.0) -> None:
        """Check every open draft again (the queue or the playbook changed)."""
        project = self.ready()
        for uri in list(self.workspace.text_documents):
            path = self.path_of(uri)
            if uri != but and path is not None and project.is_draft(path):
                self.cancel(uri)
                self.schedule(uri, delay)

    def publish_playbook(self) -> None:
        """`playbook validate`'s findings on the playbook's files, open or not; cleared when gone."""
        project = self.project
        if project is None:
            return
        shown: set[str] = set()
        for path, findings in project.playbook_findings().items():
            uri = from_fs_path(path)
            if uri is None:
                continue
            opened = self.text(uri)
            if opened is not None:
                self.schedule(uri, 0.0)
            else:
                text = self.text_of_disk(path) or ""
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                    uri=uri, diagnostics=diagnostics.diagnostics(findings, self.lines(text))))
            shown.add(uri)
        for uri in self.shown_playbook - shown:
            if self.text(uri) is not None:
                self.schedule(uri, 0.0)
            else:
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self.shown_playbook = shown

    def reload(self) -> None:
        """A playbook file changed: check the playbook again, then every open draft and playbook file."""
        project = self.ready()
        project.load()
        self.log(f"playbook checked again: {len(project.outcome.findings) if project.outcome else 0} finding(s)")
        if project.problem:
            self.log(project.problem, types.MessageType.Warning)
        self.publish_playbook()
        for uri in list(self.workspace.text_documents):
            path = self.path_of(uri)
            if path is not None and project.concern_of(path):
                self.schedule(uri, 0.0)
        self.recheck_drafts()

    def guarded(self, function: Callable[..., T], *args: Any, default: Any = None) -> T | Any:
        """Run a handler's body; a failure is logged and answered with ``default``."""
        try:
            return function(*args)
        except Exception as error:  # a bug or a strange input must not stop the server
            LOG.exception("handler failed")
            self.log(f"internal error ({type(error).__name__}: {error}); please report it", types.MessageType.Error)
            return default


def _safe(default: Any = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A request's handler that logs its failure and answers ``default`` instead of an error.

    Asynchronous, so that a request the client cancels before it runs is not run at all.
    """
    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        async def run(server: PlaybookServer, params: Any) -> Any:
            return server.guarded(function, server, params, default=default)
        return run
    return wrap


def _logged(function: Callable[..., None]) -> Callable[..., None]:
    """A notification's handler that logs its failure; run at once, in the order they came."""
    @functools.wraps(function)
    def run(server: PlaybookServer, params: Any) -> None:
        server.guarded(function, server, params)
    return run


def build(clock: Clock | None = None, answered: str | int | None = None) -> PlaybookServer:
    """The server with every feature registered; ``answered``: see ``_Protocol``."""
    server = PlaybookServer(clock or Clock())
    if isinstance(server.protocol, _Protocol):
        server.protocol.answered = answered

    @server.feature(types.INITIALIZE)
    @_safe()
    def initialize(ls: PlaybookServer, params: types.InitializeParams) -> None:
        folders = params.workspace_folders or []
        uri = params.root_uri or (folders[0].uri if folders else None)
        root = (to_fs_path(uri) if uri else None) or params.root_path or os.getcwd()
        ls.start(root)

    @server.feature(types.INITIALIZED)
    @_logged
    def initialized(ls: PlaybookServer, params: types.InitializedParams) -> None:
        project = ls.ready()
        _watch(ls, project)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @_logged
    def did_open(ls: PlaybookServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.cancel(params.text_document.uri)
        ls.schedule(params.text_document.uri, 0.0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @_logged
    def did_change(ls: PlaybookServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.schedule(uri)
        path = ls.path_of(uri)
        if path is not None and ls.ready().is_draft(path):
            ls.recheck_drafts(but=uri, delay=NEIGHBOURS_DELAY)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @_logged
    def did_save(ls: PlaybookServer, params: types.DidSaveTextDocumentParams) -> None:
        path = ls.path_of(params.text_document.uri)
        project = ls.ready()
        if path is not None and (project.concern_of(path) or _is_settings(project, path)):
            ls.reload()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @_logged
    def did_close(ls: PlaybookServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel(uri)
        ls.checked.pop(uri, None)
        path = ls.path_of(uri)
        project = ls.ready()
        if path is not None and project.is_draft(path):
            project.reread(path)  # the file on disk takes the buffer's place in the queue
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
            ls.recheck_drafts()
        elif path is not None and project.concern_of(path):
            ls.publish_playbook()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @_logged
    def watched(ls: PlaybookServer, params: types.DidChangeWatchedFilesParams) -> None:
        project = ls.ready()
        playbook_changed = False
        for change in params.changes:
            path = ls.path_of(change.uri)
            if path is None:
                continue
            if project.concern_of(path) or _is_settings(project, path):
                playbook_changed = True
            elif project.is_draft(path) and ls.text(change.uri) is None:
                project.reread(path)
        if playbook_changed:
            ls.reload()
        else:
            ls.recheck_drafts()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    @_safe(default=[])
    def code_action(ls: PlaybookServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        checked = ls.fresh(uri)
        path = ls.path_of(uri)
        if checked is None or path is None:
            return []
        project = ls.ready()
        return actions.actions(uri, checked.version, ls.lines(checked.text), checked.findings, params.range,
                               project.is_draft(path), project.context().lang)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_safe()
    def on_hover(ls: PlaybookServer, params: types.HoverParams) -> types.Hover | None:
        uri = params.text_document.uri
        checked, path = ls.fresh(uri), ls.path_of(uri)
        if checked is None or path is None:
            return None
        project = ls.ready()
        return hover.hover(project.registry, project.model, ls.lines(checked.text), checked.findings,
                           params.position, project.concern_of(path), project.is_draft(path), project.context().lang)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=list(front.TRIGGERS)))
    @_safe()
    def on_completion(ls: PlaybookServer, params: types.CompletionParams) -> types.CompletionList | None:
        opened, path = ls.text(params.text_document.uri), ls.path_of(params.text_document.uri)
        if opened is None or path is None:
            return None
        project = ls.ready()
        return completion.complete(ls.lines(opened[0]), params.position, project.model, project.is_draft(path),
                                   project.concern_of(path), project.queue.values(), project.context().lang)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @_safe(default=[])
    def on_definition(ls: PlaybookServer, params: types.DefinitionParams) -> list[types.Location]:
        opened, path = ls.text(params.text_document.uri), ls.path_of(params.text_document.uri)
        if opened is None or path is None:
            return []
        project = ls.ready()
        return definition.definition(ls.lines(opened[0]), params.position, project.model, project.is_draft(path),
                                     project.concern_of(path), ls.text_of_path,
                                     lambda target: from_fs_path(target) or target)

    @server.feature(types.TEXT_DOCUMENT_INLAY_HINT, types.InlayHintOptions())
    @_safe(default=[])
    def on_inlay_hint(ls: PlaybookServer, params: types.InlayHintParams) -> list[types.InlayHint]:
        opened, path = ls.text(params.text_document.uri), ls.path_of(params.text_document.uri)
        project = ls.ready()
        if opened is None or path is None or not project.is_draft(path):
            return []
        return counter.hints(project.relative(path), opened[0], ls.lines(opened[0]), project.playbook,
                             project.context().lang)

    @server.feature(types.SHUTDOWN)
    @_safe()
    def on_shutdown(ls: PlaybookServer, params: None) -> None:
        for uri in list(ls.pending):
            ls.cancel(uri)

    return server


def _is_settings(project: Project, path: str) -> bool:
    return os.path.basename(path) == "pyproject.toml" and os.path.dirname(path) == project.root


def _watch(ls: PlaybookServer, project: Project) -> None:
    """Ask the client to tell us of changes on disk to the playbook and the drafts, if it can."""
    capabilities = ls.client_capabilities.workspace
    watching = capabilities.did_change_watched_files if capabilities is not None else None
    if watching is None or not watching.dynamic_registration:
        return
    playbook = project.relative(project.playbook_dir).replace(os.sep, "/")
    drafts = project.relative(project.drafts_dir).replace(os.sep, "/")
    watchers = [types.FileSystemWatcher(glob_pattern=pattern) for pattern in
                (f"**/{playbook}/*.yml", f"**/{playbook}/*.yaml", f"**/{drafts}/**/*.md", "**/pyproject.toml")]
    options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
    ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
        id="playbook-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)]))
