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
    from linter.drafts.run import Checker, Linted, Progress


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
    found, noted = find_drafts_by_real_path(paths, ctx.lang)
    missing = ctx.registry.findings_of(noted, ctx.settings.is_on)  # PB001, PB012: the loading rules report them
    files = list(found.values())
    # The queue rules read the whole queue even when only some files are asked about: a pre-commit
    # hook given one file must not judge the cadence of a queue made of that file alone.
    asked = {os.path.realpath(path) for path in paths}
    extra = [path for real, path in find_drafts_by_real_path(queue_paths)[0].items() if real not in found] \
        if paths and queue_paths and asked != {os.path.realpath(path) for path in queue_paths} else []
    # The files nobody asked about are read for the queue checks alone: none of their per-post findings is reported.
    quiet = set(extra)
    if filters.only is not None:
        from linter.core.changes import normalise

        wanted = {normalise(path, filters.cwd) for path in filters.only}
        quiet.update(path for path in files if normalise(path, filters.cwd) not in wanted)
    collected = collect_files(files + extra, loaded.playbook, ctx, progress, jobs, queue_only=quiet)
    drafts = [*missing, *collected.findings]
    collected_findings = [*findings, *drafts] if with_playbook else drafts
    files_seen = (tuple(loaded.files) if with_playbook else ()) + tuple(files)
    if extra:
        filters = dataclasses.replace(filters, only=_asked(filters, files, quiet, missing,
                                                           loaded.files if with_playbook else ()))
    # Every draft's disables go to the pipeline, those of the files read for the queue alone too: a
    # queue finding kept on one of them (it names a file asked about) is silenced by its own disables.
    return Outcome(tuple(report(collected_findings, ctx.registry, filters, collected.directives, ctx.lang, quiet)),
                   files_seen, True, loaded.playbook)


def _asked(filters: Filters, files: Sequence[str], quiet: set[str], missing: Sequence[Finding],
           playbook_files: Sequence[str]) -> frozenset[str]:
    """The files whose findings a run given some drafts reports (the pipeline's ``only``), when
    the queue checks read more drafts than these.

    Why the pipeline drops the others rather than this function, before it: the baseline then
    sees every finding that was made, so an accepted finding of a draft read for the queue alone
    is neither reported nor taken for gone (PB903), and a queue finding that sits on such a draft
    but names a file asked about is kept, as ``--changed-since`` keeps it. With
    ``--changed-since``, its files stay the limit, less the drafts read for the queue alone.
    """
    from linter.core.changes import normalise

    if filters.only is not None:
        unasked = {normalise(path, filters.cwd) for path in quiet}
        return frozenset(path for path in filters.only if normalise(path, filters.cwd) not in unasked)
    return frozenset([*(path for path in files if path not in quiet), *(finding.path for finding in missing),
                      *playbook_files])


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


class Session:
    """``lint_text`` for one draft at a time against a queue kept parsed: the editor server's checks.

    Why: checking one draft with the queue rules needs every draft of the queue parsed and the
    rules prepared for the playbook (term indexes, the tokeniser's word cache), which costs far
    more than the draft itself. A session keeps both for one playbook, its settings and one
    language; a draft of the queue is parsed again only when its text changed, and only the
    checked draft goes through the per-post rules. The findings are ``lint_text``'s. A new
    playbook or new settings need a new session (the server makes one when it loads them).
    """

    WORDS = 20_000
    """Entries of the word cache past which it starts afresh: a writer typing makes new words forever."""

    def __init__(self, playbook: Playbook, ctx: CheckContext, filters: Filters):
        import dataclasses

        from linter.drafts.run import Checker

        self.playbook = playbook
        self.filters = filters
        self._checker = Checker.build(playbook, dataclasses.replace(ctx, settings=filters.settings))
        self._queue: dict[str, tuple[str, Linted]] = {}

    def lint_text(self, path: str, text: str, ctx: CheckContext, others: Sequence[tuple[str, str]] = ()
                  ) -> list[Finding]:
        """The findings ``lint_text(path, text, self.playbook, ctx, self.filters, others)`` reports."""
        import dataclasses

        from linter.drafts.parse import parse_draft
        from linter.drafts.run import finish_queue, linted

        ctx = dataclasses.replace(ctx, settings=self.filters.settings)
        checker = dataclasses.replace(self._checker_now(), ctx=ctx)
        draft = parse_draft(path, text, self.playbook.organisation, checker.memo, ctx.lang)
        mine = linted(path, draft, checker.rules(draft) if draft is not None else [], checker.encoders())
        queue = {path: (text, dataclasses.replace(mine, findings=[]))}
        queue.update(self._parsed(others, checker))
        self._queue = queue  # drafts gone from the queue are forgotten
        collected = finish_queue([mine, *(result for other, (_, result) in queue.items() if other != path)],
                            self.playbook, ctx)
        found = [finding for finding in collected.findings if finding.path == path]
        directives = {path: collected.directives[path]} if path in collected.directives else {}
        return report(found, ctx.registry, dataclasses.replace(self.filters, only=None), directives, ctx.lang)

    def parse(self, drafts: Sequence[tuple[str, str]], ctx: CheckContext) -> None:
        """Parse the queue ahead of the first check (the server does it while the editor starts)."""
        import dataclasses

        self._queue = self._parsed(drafts, dataclasses.replace(self._checker_now(), ctx=ctx))

    def _parsed(self, drafts: Sequence[tuple[str, str]], checker: Checker) -> dict[str, tuple[str, Linted]]:
        """Each draft as the queue rules read it: from the last check when its text is the same."""
        from linter.drafts.parse import parse_draft
        from linter.drafts.run import linted

        result = {}
        for path, text in drafts:
            known = self._queue.get(path)
            if known is None or (known[0] is not text and known[0] != text):
                parsed = parse_draft(path, text, self.playbook.organisation, checker.memo, checker.ctx.lang)
                known = (text, linted(path, parsed, [], checker.encoders()))
            result[path] = known
        return result

    def _checker_now(self) -> Checker:
        import dataclasses

        from linter.drafts.tokens import Lexicon

        memo = self._checker.memo
        if memo is not None and len(memo.chunks) + len(memo.folds) + len(memo.keys) > self.WORDS:
            self._checker = dataclasses.replace(self._checker, memo=Lexicon())
        return self._checker
