"""What the server knows of one project: its settings, its playbook and the queue of drafts.

The playbook is checked as `playbook validate` checks it (``linter.api.validate``), from the
files on disk: it is read again when one of them is saved or changes on disk. The drafts folder
is read once, into memory (path -> text); an open draft's buffer replaces its file there, so the
queue rules see what the writer is typing, and each check is ``linter.api.lint_text`` on one
buffer with the rest of that queue, without touching the disk: through a ``linter.api.Session``,
which keeps the queue parsed, so that a change parses only the draft that changed. The stamps
(mtime, size) of the playbook's files and of the settings are compared before each check, so
a change to the playbook that the editor did not report (a `git pull`) is not missed.

Paths are the ones the command line shows: relative to the project's root (``drafts/x.md``),
so that findings naming another draft read the same in the editor as in CI.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when the project loads: the command line imports Clock to start the server
    from linter import api
    from linter.core.context import CheckContext
    from linter.core.findings import Finding
    from linter.core.pipeline import Filters
    from linter.core.registry import Registry
    from linter.core.settings import Settings
    from linter.playbook.model import Playbook

YAML_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Clock:
    """A pinned moment (``--now``/``--today``) or, by default, the time of each check."""

    now: dt.datetime | None = None
    today: dt.date | None = None
    lang: str | None = None
    """``--lang``: the language of the findings (else PLAYBOOK_LANG, else the playbook's)."""


@dataclass
class Project:
    """One project's state; the server holds one, every feature reads it."""

    root: str  # absolute
    registry: Registry
    clock: Clock = field(default_factory=Clock)
    settings: Settings | None = None
    problem: str | None = None
    """Why nothing can be checked (a broken pyproject.toml, no playbook folder), or None."""
    outcome: api.Outcome | None = None
    queue: dict[str, str] = field(default_factory=dict)
    """Every draft of the drafts folder, root-relative path -> text (open buffers included)."""
    _validator: object = None
    session: api.Session | None = None
    """The queue kept parsed for the playbook loaded last (made on the first check of a draft)."""
    stamps: dict[str, tuple[int, int] | None] = field(default_factory=dict)
    """(mtime, size) of the settings and of each playbook file when they were read (None: absent)."""

    # -- where things are ---------------------------------------------------------------------
    @property
    def playbook_dir(self) -> str:
        return self._absolute(self.settings.playbook if self.settings else "playbook")

    @property
    def drafts_dir(self) -> str:
        return self._absolute(self.settings.drafts if self.settings else "drafts")

    def _absolute(self, path: str) -> str:
        return os.path.normpath(path if os.path.isabs(path) else os.path.join(self.root, path))

    def relative(self, path: str) -> str:
        """The path as the command line shows it: relative to the root when inside it."""
        relative = os.path.relpath(os.path.abspath(path), self.root)
        return path if relative.startswith(os.pardir) else relative

    def absolute(self, path: str) -> str:
        return self._absolute(path)

    def is_draft(self, path: str) -> bool:
        """A Markdown file of the drafts folder (hidden folders left out, as the command line does)."""
        inside = os.path.relpath(os.path.abspath(path), self.drafts_dir)
        parts = inside.split(os.sep)
        return path.endswith(".md") and parts[0] != os.pardir and not any(part.startswith(".") for part in parts)

    def concern_of(self, path: str) -> str | None:
        """The playbook part (``channels``) a file of the playbook folder holds, or None."""
        folder, name = os.path.split(os.path.abspath(path))
        stem, suffix = os.path.splitext(name)
        if folder != self.playbook_dir or suffix not in YAML_SUFFIXES:
            return None
        from linter.playbook.loader import CONCERNS

        return stem if stem in {concern for concern, _ in CONCERNS} else None

    # -- loading ----------------------------------------------------------------------------
    def context(self) -> CheckContext:
        from linter.core.context import CheckContext
        from linter.playbook.language import language_for

        return CheckContext.create(self.registry, self.clock.today, self.clock.now, self.settings,
                                   language_for(self.clock.lang, self.playbook_dir))

    def filters(self) -> Filters:
        from linter.core.pipeline import Filters
        from linter.core.settings import Settings

        return Filters(self.settings or Settings())

    def load(self) -> None:
        """Read the settings and check the playbook again (start-up, a playbook file saved)."""
        from linter import api
        from linter.core.errors import CannotRun
        from linter.core.settings import resolve_settings

        self.session = None
        try:
            self.settings = resolve_settings(self.root, lang=self.context().lang)
            self.stamps = self._stamps()  # once the settings say where the playbook is, before reading it
            self.outcome = api.validate(self.playbook_dir, self.context(), self.filters())
            self.problem = None
        except CannotRun as error:
            self.stamps = self._stamps()
            self.outcome = None
            hint = self.context().lang(error.hint) if error.hint else None
            self.problem = f"{error}" + (f" ({hint})" if hint else "")

    def load_queue(self) -> None:
        """Read every draft of the drafts folder once; open buffers are set over it later."""
        from linter.drafts.find import find_drafts
        from linter.playbook.source import read_text

        self.queue = {}
        if not os.path.isdir(self.drafts_dir):
            return
        files, _ = find_drafts([self.drafts_dir])
        for path in files:
            text, _ = read_text(path)
            if text is not None:
                self.queue[self.relative(path)] = text

    def _watched(self) -> list[str]:
        """The files whose change means loading again: the settings and every file of the playbook folder."""
        try:
            names = sorted(os.listdir(self.playbook_dir))
        except OSError:
            names = []
        return [os.path.join(self.root, "pyproject.toml"),
                *(os.path.join(self.playbook_dir, name) for name in names if name.endswith(YAML_SUFFIXES))]

    def _stamps(self) -> dict[str, tuple[int, int] | None]:
        return {path: _stamp(path) for path in self._watched()}

    def stale(self) -> bool:
        """A playbook file or the settings changed on disk since they were read (an editor that does
        not watch files, a `git pull`): cheaper to ask before each check than to miss it."""
        if self.settings is None and self.problem is None:
            return False  # not loaded yet
        watched = self._watched()
        return set(watched) != set(self.stamps) or any(_stamp(path) != self.stamps[path] for path in watched)

    def reread(self, path: str) -> None:
        """A draft changed on disk (saved elsewhere, created, deleted): update the queue from the file."""
        from linter.playbook.source import read_text

        text, _ = read_text(path) if os.path.isfile(path) else (None, [])
        if text is None:
            self.queue.pop(self.relative(path), None)
        else:
            self.queue[self.relative(path)] = text

    @property
    def playbook(self) -> Playbook | None:
        """The playbook drafts are checked against: only a valid one, as `playbook lint` decides."""
        if self.outcome is None or not self.outcome.playbook_ok:
            return None
        return self.outcome.playbook

    @property
    def model(self) -> Playbook | None:
        """The playbook as far as it could be built (ids for hover and completion), valid or not."""
        return self.outcome.playbook if self.outcome is not None else None

    # -- checking -----------------------------------------------------------------------------
    def check_draft(self, path: str, text: str) -> list[Finding]:
        """The findings `playbook lint` reports for this draft, the rest of the queue included."""
        playbook = self.playbook
        if playbook is None:
            return []
        relative = self.relative(path)
        self.queue[relative] = text
        others = [(other, body) for other, body in self.queue.items() if other != relative]
        return self._session(playbook).lint_text(relative, text, self.context(), others)

    def _session(self, playbook: Playbook) -> api.Session:
        from linter import api

        if self.session is None or self.session.playbook is not playbook:
            self.session = api.Session(playbook, self.context(), self.filters())
        return self.session

    def warm(self) -> None:
        """Prepare the rules and parse the queue now, so that the first draft opened is checked at once."""
        playbook = self.playbook
        if playbook is not None:
            self._session(playbook).parse(list(self.queue.items()), self.context())

    def playbook_findings(self) -> dict[str, list[Finding]]:
        """`playbook validate`'s findings by absolute path (the files of the playbook and the settings)."""
        result: dict[str, list[Finding]] = {}
        for finding in self.outcome.findings if self.outcome is not None else ():
            result.setdefault(self._absolute(finding.path), []).append(finding)
        return result

    def check_playbook_buffer(self, path: str, text: str) -> list[Finding]:
        """A playbook file being edited, not saved yet: its YAML and its schema, from the buffer.

        The checks across files (PB2xx) need every file, which the loader reads from disk: they
        come back when the file is saved.
        """
        from linter.core.settings import Settings
        from linter.playbook.schema import Validator
        from linter.playbook.source import parse_yaml_text

        concern = self.concern_of(path)
        lang = self.context().lang
        document, notes = parse_yaml_text(text, path, lang)
        if document is not None and concern is not None:
            if self._validator is None:
                self._validator = Validator()
            assert isinstance(self._validator, Validator)
            notes.extend(self._validator.validate(concern, document, lang))
        settings = self.settings or Settings()
        return settings.apply(self.registry.findings_of(notes, settings.is_on))

    @property
    def blocking(self) -> tuple[int, str] | None:
        """(errors, first file with one) when the playbook stops the drafts from being checked."""
        from linter.core.findings import Severity

        if self.outcome is None or self.outcome.playbook_ok:
            return None
        errors = [finding for finding in self.outcome.findings if finding.severity is Severity.ERROR]
        return len(errors), (self.relative(errors[0].path) if errors else self.relative(self.playbook_dir))


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size
