"""What every front end calls: `validate`, `lint`, `check` and one text, findings pipeline included.

The CLI, the MkDocs plugin and the editor server differ in how they show findings, never in
which findings they show: each builds a ``Filters`` and calls one of these functions, which
collect findings (the playbook loader, the draft runner) and send them through
``linter.core.pipeline.report``. Nothing here prints, exits or imports click.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.pipeline import Filters, report
from linter.playbook.loader import LoadResult, load_playbook
from linter.playbook.model import Playbook

if TYPE_CHECKING:  # the draft runner is imported only by the commands that lint drafts
    from linter.drafts.run import Progress


@dataclass(frozen=True)
class Outcome:
    """The findings a run reports (pipeline applied) and every file it looked at (clean ones too)."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    playbook_ok: bool = True
    playbook: Playbook | None = None

    @property
    def has_errors(self) -> bool:
        return any(finding.severity is Severity.ERROR for finding in self.findings)


def _loaded(playbook_dir: str, ctx: CheckContext, filters: Filters) -> tuple[LoadResult, list[Finding], bool]:
    loaded = load_playbook(playbook_dir, ctx.registry, ctx, filters.settings)
    settled = filters.settings.apply(loaded.findings)
    usable = loaded.playbook is not None and not any(f.severity is Severity.ERROR for f in settled)
    return loaded, list(loaded.findings), usable


def validate(playbook_dir: str, ctx: CheckContext, filters: Filters) -> Outcome:
    """`playbook validate`: the playbook's own findings."""
    loaded, findings, usable = _loaded(playbook_dir, ctx, filters)
    return Outcome(tuple(report(findings, ctx.registry, filters, lang=ctx.lang)), tuple(loaded.files), usable,
                   loaded.playbook)


def lint(paths: Sequence[str], playbook_dir: str, ctx: CheckContext, filters: Filters,
         queue_paths: Sequence[str] = (), progress: Progress | None = None, jobs: int | None = None) -> Outcome:
    """`playbook lint`: an invalid playbook stops here with its own findings (nothing to lint against)."""
    return _drafts(False, paths, playbook_dir, ctx, filters, queue_paths, progress, jobs)


def check(paths: Sequence[str], playbook_dir: str, ctx: CheckContext, filters: Filters,
          queue_paths: Sequence[str] = (), progress: Progress | None = None, jobs: int | None = None) -> Outcome:
    """`playbook check`: validate the playbook, then lint the drafts when the playbook is sound."""
    return _drafts(True, paths, playbook_dir, ctx, filters, queue_paths, progress, jobs)


def _drafts(with_playbook: bool, paths: Sequence[str], playbook_dir: str, ctx: CheckContext, filters: Filters,
            queue_paths: Sequence[str], progress: Progress | None, jobs: int | None) -> Outcome:
    import dataclasses

    from linter.drafts.find import find_drafts_by_real_path
    from linter.drafts.run import collect_files

    ctx = dataclasses.replace(ctx, settings=filters.settings)
    loaded, findings, usable = _loaded(playbook_dir, ctx, filters)
    if loaded.playbook is None or not usable:
        return Outcome(tuple(report(findings, ctx.registry, filters, lang=ctx.lang)), tuple(loaded.files), False,
                       loaded.playbook)
    found, missing = find_drafts_by_real_path(paths, ctx.lang)
    files = list(found.values())
    # The queue rules read the whole queue even when only some files are asked about: a pre-commit
    # hook given one file must not judge the cadence of a queue made of that file alone.
    asked = {os.path.realpath(path) for path in paths}
    extra = [path for real, path in find_drafts_by_real_path(queue_paths)[0].items() if real not in found] \
        if paths and queue_paths and asked != {os.path.realpath(path) for path in queue_paths} else []
    collected = collect_files(files + extra, loaded.playbook, ctx, progress, jobs)
    drafts, directives = collected.findings, collected.directives
    if extra:
        from linter.core.changes import only_changed
        from linter.core.pipeline import registry_codes

        drafts = only_changed(drafts, set(files), ".", registry_codes(ctx.registry, "queue"))
        wanted = {os.path.realpath(path) for path in files}
        directives = {path: item for path, item in directives.items() if os.path.realpath(path) in wanted}
    drafts = [*missing, *drafts]
    collected_findings = [*findings, *drafts] if with_playbook else drafts
    files_seen = (tuple(loaded.files) if with_playbook else ()) + tuple(files)
    return Outcome(tuple(report(collected_findings, ctx.registry, filters, directives, ctx.lang)), files_seen,
                   True, loaded.playbook)


def lint_text(path: str, text: str, playbook: Playbook, ctx: CheckContext, filters: Filters,
              others: Sequence[tuple[str, str]] = ()) -> list[Finding]:
    """One draft given as text (an editor buffer), checked with ``others`` as the rest of the queue.

    Only the findings of ``path`` are reported; the queue rules see every text.
    """
    import dataclasses

    from linter.drafts.run import collect_texts

    ctx = dataclasses.replace(ctx, settings=filters.settings)
    collected = collect_texts([(path, text), *others], playbook, ctx)
    mine = [finding for finding in collected.findings if finding.path == path]
    directives = {path: collected.directives[path]} if path in collected.directives else {}
    return report(mine, ctx.registry, dataclasses.replace(filters, only=None), directives, ctx.lang)
