"""Load a playbook folder: read every file once, validate it, build the model, run the checks.

The order matters for users: a file that cannot be read or fails its schema stops the
model from being built, because cross-reference findings on half-valid data are noise.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from linter.core.context import CheckContext
from linter.core.errors import CannotRun
from linter.core.findings import Finding, Loc, Severity
from linter.core.i18n import N_, Language
from linter.core.registry import Registry
from linter.core.rule import Note, Role
from linter.core.settings import Settings, lint_layer, merge
from linter.core.suggest import closest
from linter.playbook.model import Playbook
from linter.playbook.source import Document, load_yaml

# (concern, required): the file is `<concern>.yml` (or `.yaml`) in the playbook folder.
CONCERNS: tuple[tuple[str, bool], ...] = (
    ("organisation", True),
    ("objectives", True),
    ("audiences", True),
    ("channels", True),
    ("roles", True),
    ("tone", True),
    ("usage-charter", True),
    ("crisis", True),
    ("calendar", False),
    ("lint", False),
)


class PlaybookNotFound(CannotRun):
    """The folder itself is missing: the tool cannot run (exit 2), this is not a finding."""

    hint = N_("Run the command from the repository root, or pass the folder (e.g. `playbook validate playbook/`).")


@dataclass(frozen=True)
class LoadResult:
    playbook: Playbook | None
    findings: tuple[Finding, ...]
    documents: Mapping[str, Document] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    settings: Settings = field(default_factory=Settings)
    """The settings the findings were settled with; the draft linter applies the same."""

    @property
    def has_errors(self) -> bool:
        return any(finding.severity is Severity.ERROR for finding in self.findings)


def _about_file(role: Role, path: str, message: str, hint: str) -> Note:
    return Note(role, Loc(path, 1, 1), message, hint)


def locate_files(root: str, lang: Language | None = None) -> tuple[dict[str, str], list[Note]]:
    """Map each concern to its file; note missing, doubled and unknown files (PB001, PB009, PB010)."""
    lang = lang or Language()
    if not os.path.isdir(root):
        raise PlaybookNotFound(lang("playbook folder not found: {folder}", folder=root))
    names = set(os.listdir(root))
    found: dict[str, str] = {}
    notes: list[Note] = []
    known = {concern for concern, _ in CONCERNS}
    for concern, required in CONCERNS:
        candidates = [f"{concern}{ext}" for ext in (".yml", ".yaml") if f"{concern}{ext}" in names]
        if len(candidates) == 2:
            notes.append(_about_file(Role.AMBIGUOUS_FILE, os.path.join(root, candidates[1]),
                                     lang("both {first} and {second} exist", first=candidates[0],
                                          second=candidates[1]),
                                     lang("Keep one file for `{concern}` and delete the other.", concern=concern)))
        if candidates:
            found[concern] = os.path.join(root, candidates[0])
        elif required:
            name = f"{concern}.yml"
            notes.append(_about_file(Role.MISSING_FILE, os.path.join(root, name),
                                     lang("the required file {file} is missing", file=name),
                                     lang("Create {file} (`playbook init` writes a starter one).", file=name)))
    for name in sorted(names):
        stem, ext = os.path.splitext(name)
        if ext in (".yml", ".yaml") and stem not in known:
            guess = closest(stem, sorted(known))
            parts = ", ".join(f"{concern}.yml" for concern, _ in CONCERNS)
            hint = lang("Did you mean {file}?", file=(guess or "") + ext) if guess else \
                lang("Playbook parts are: {files}.", files=parts)
            notes.append(_about_file(Role.UNKNOWN_FILE, os.path.join(root, name),
                                     lang("{file} is not a playbook part and is ignored", file=name), hint))
    return found, notes


def load_playbook(root: str, registry: Registry, ctx: CheckContext | None = None,
                  settings: Settings | None = None) -> LoadResult:
    """Every finding `playbook validate` collects, plus the model when the files are sound.

    The findings are raw: the caller sends them through the findings pipeline
    (linter.core.pipeline), which applies the settings. The settings a caller resolved
    (pyproject.toml + lint.yml, see linter.core.settings) are checked here (PB901, PB902) and
    decide which playbook checks run; without them, lint.yml alone applies. What the file reader
    and the schema validator note becomes a finding of the rule that fills its role (PB0xx, PB1xx).
    """
    lang = ctx.lang if ctx is not None else Language()
    files, notes = locate_files(root, lang)
    documents: dict[str, Document] = {}
    for concern, path in files.items():
        document, problems = load_yaml(path, lang=lang)
        notes.extend(problems)
        if document is not None:
            documents[concern] = document
    if settings is None:
        settings = merge([lint_layer(documents["lint"], root)] if "lint" in documents else [])
    ctx = dataclasses.replace(ctx, settings=settings) if ctx is not None else \
        CheckContext.create(registry, settings=settings)
    findings = registry.findings_of(notes, settings.is_on)
    if any(f.severity is Severity.ERROR for f in findings):
        return LoadResult(None, tuple(findings), documents, tuple(files.values()), settings)

    from linter.playbook.schema import Validator

    validator = Validator()
    for concern, document in documents.items():
        findings.extend(registry.findings_of(validator.validate(concern, document, lang), settings.is_on))
    if any(f.severity is Severity.ERROR for f in findings):
        return LoadResult(None, tuple(findings), documents, tuple(files.values()), settings)

    from linter.playbook.build import build_playbook

    playbook = build_playbook(root, documents, lang)
    for check in registry.checks("playbook", settings.is_on):
        findings.extend(check.run(playbook, ctx))
    for check in registry.checks("config", settings.is_on):
        findings.extend(check.run(settings, registry, lang))
    return LoadResult(playbook, tuple(findings), documents, tuple(files.values()), settings)
