"""Run the draft rules over files: parse each draft, run the per-post checks, then the queue checks.

Why this shape: each draft is independent for the per-post rules (PB3xx), so large queues are
spread over processes by chunks of files (this process and forked workers, each preparing the
term indexes once); the queue rules (PB4xx) need every draft at once and run afterwards, in
this process, with the slowest of them (PB406, declared ``ASIDE``) in a forked one beside it (linter.core.aside).

What comes out is *collected* findings: every finding the checks produced, and each draft's
disable directives. Settings, disables, baseline and file filters are the findings pipeline's
(linter.core.pipeline); ``lint_files`` and ``lint_texts`` run it with the settings alone.
Nothing here prints or exits: progress is reported through an optional callback.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import functools
import gc
import os
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from linter.core.context import CheckContext
from linter.core.disables import Directive
from linter.core.findings import Finding, Loc
from linter.core.registry import Check
from linter.core.repeats import Grouping
from linter.drafts.parse import Draft, read_draft
from linter.drafts.tokens import Lexicon
from linter.playbook.model import Playbook
from linter.playbook.source import Document

PARALLEL_THRESHOLD = 300  # below this many files, starting processes costs more than it saves
CHUNK_SIZE = 50  # the smallest chunk sent to a worker

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Collected:
    """What the checks produced over a set of drafts, before the findings pipeline."""

    findings: list[Finding]
    directives: dict[str, tuple[Directive, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Linted:
    """One linted file, as the queue checks and the pipeline need it (light enough to pickle fast).

    Public with ``Checker``, ``linted`` and ``finish_queue``: the editor's lint session (linter.api.Session)
    keeps these per draft and re-runs only the changed one."""

    path: str
    draft: Draft | None
    findings: list[Finding]
    views: dict[str, Any] | None
    directives: tuple[Directive, ...]


@dataclass(frozen=True)
class Checker:
    """The draft checks with their per-playbook preparation (term indexes…), built once per process."""

    playbook: Playbook
    ctx: CheckContext
    steps: tuple[tuple[Callable[..., Iterable[Finding]], Any, bool], ...]
    per_draft: tuple[tuple[str, Callable[[], Callable[[Draft], Any]]], ...]
    memo: Lexicon | None = field(default=None, compare=False, repr=False)
    """The tokeniser's word cache (linter.drafts.tokens.Lexicon), shared by the drafts this checker reads."""

    @staticmethod
    def build(playbook: Playbook, ctx: CheckContext) -> Checker:
        steps = tuple((check.run, check.prepare(playbook) if check.prepare else None, check.prepare is not None)
                      for check in _checks(ctx, "draft"))
        per_draft = tuple((check.module, check.per_draft) for check in _checks(ctx, "queue")
                          if check.per_draft is not None)
        return Checker(playbook, ctx, steps, per_draft, Lexicon())

    def read(self, path: str) -> tuple[Draft | None, list[Finding]]:
        """(draft, []) of one file, or (None, what the loading rules report) when it could not be read."""
        draft, notes = read_draft(path, self.playbook.organisation, self.memo, self.ctx.lang)
        if draft is None:
            return None, self.ctx.registry.findings_of(notes, self.ctx.settings.is_on)
        return draft, []

    def rules(self, draft: Draft) -> list[Finding]:
        """Every per-post rule's findings on one parsed draft (``rules_of`` for one draft)."""
        return self.rules_of((draft,))[0]

    def rules_of(self, drafts: Sequence[Draft]) -> list[list[Finding]]:
        """Every per-post rule's findings on each draft, repeats past the limit grouped as they come.

        Each rule runs over every draft before the next rule runs. Why: between two drafts, the
        sixteen other rules push a rule's patterns, term indexes and memos out of the processor's
        caches; run over a batch of drafts in a row, a rule finds them there. The same work then
        took 12 to 19 % less time on the bench's corpora (the findings are the same: each draft's
        come rule after rule, in the order of the rules, as before).

        Grouped here (linter.core.repeats.Grouping), as the checks yield them, so that a flood
        (100,000 findings of one rule in one 1 MB draft) is never held, sorted or sent between
        processes; the rules that can flood stop building findings past the limit and only count
        them (linter.core.repeats.Tally).
        """
        lang, limit, playbook, ctx = self.ctx.lang, self.ctx.repeat_limit, self.playbook, self.ctx
        groupings = [Grouping(lang, limit, _silencer(draft.directives)) for draft in drafts]
        for check, prepared, takes_prepared in self.steps:
            for draft, grouping in zip(drafts, groupings):
                grouping.add(check(draft, playbook, ctx, prepared) if takes_prepared else check(draft, playbook, ctx))
        return [grouping.result() for grouping in groupings]

    def encoders(self) -> dict[str, Callable[[Draft], Any]]:
        """One fresh ``per_draft`` function per queue check that wants one: one set per batch."""
        return {module: factory() for module, factory in self.per_draft}


def _silencer(directives: tuple[Directive, ...]) -> Callable[[Finding], Hashable | None] | None:
    """What silences a finding among a draft's disables (None when it has none: the common, fast case)."""
    if not directives:
        return None

    def silenced(finding: Finding) -> Hashable | None:
        key = frozenset((index, code) for index, directive in enumerate(directives) for code in directive.codes
                        if directive.covers(finding, code))
        return key or None
    return silenced


def _checks(ctx: CheckContext, scope: str) -> tuple[Check, ...]:
    return ctx.registry.checks(scope, ctx.settings.is_on)


class _Worker:
    """What one worker process keeps between the chunks it lints: its checker, the files and the claims.

    Why: preparing the rules (term indexes, the tokeniser's word cache) costs as much as
    linting dozens of drafts, and a worker lints many chunks; preparing once per process, in
    the pool's initializer, also keeps the word cache warm from one chunk to the next. The
    files and the claims come with the fork (or once per worker elsewhere), not with each
    chunk. This is the worker process's own state: the parent never reads or writes it.
    """

    checker: Checker | None = None
    files: Sequence[str] = ()
    claims: _Claims | None = None
    queue_only: Collection[str] = frozenset()

    @classmethod
    def start(cls, playbook: Playbook, ctx: CheckContext, files: Sequence[str], claims: _Claims,
              queue_only: Collection[str] = frozenset()) -> None:
        gc.disable()  # see collector_paused: a worker only parses drafts and sends them back
        cls.checker = Checker.build(playbook, ctx)
        cls.files, cls.claims, cls.queue_only = files, claims, queue_only


def _lint_chunk() -> list[Linted]:
    """Worker entry point: lint the next chunk of files not given out yet (none left: an empty list).

    The chunk is chosen when the worker starts on it, not when the task was queued (see _Claims)."""
    checker, claims = _Worker.checker, _Worker.claims
    assert checker is not None and claims is not None, "the pool's initializer sets them"
    span = claims.take()
    if span is None:
        return []
    return _linted_chunk(checker, _Worker.files[span[0]:span[1]], queue_only=_Worker.queue_only)


BATCH_DRAFTS = 32
"""Drafts read before the per-post rules run over them, one rule after the other (``Checker.rules_of``)."""
BATCH_CHARS = 1 << 16
"""...or fewer, once their texts reach this many characters: a batch of large drafts stays small."""


def _linted_chunk(checker: Checker, paths: Sequence[str], progress: Progress | None = None,
                  queue_only: Collection[str] = frozenset()) -> list[Linted]:
    """The files of one chunk linted in a row: by a worker, by this process beside them, or alone.

    Read by batches (BATCH_DRAFTS, BATCH_CHARS) that the rules then check one rule after the other.
    The files of ``queue_only`` are read for the queue checks alone (see ``collect_files``)."""
    encoders = checker.encoders()  # one set per chunk: their numbering travels back with the chunk
    results: list[Linted] = []
    batch: list[tuple[str, Draft | None, list[Finding]]] = []
    size = 0
    for index, path in enumerate(paths, 1):
        draft, findings = checker.read(path)
        batch.append((path, draft, findings))
        size += len(draft.text) if draft is not None else 0
        if len(batch) >= BATCH_DRAFTS or size >= BATCH_CHARS or index == len(paths):
            results += _linted_batch(checker, batch, encoders, queue_only)
            if progress:  # told of each file, once its batch is checked
                for done in range(index - len(batch) + 1, index + 1):
                    progress(done, len(paths))
            batch, size = [], 0
    _finished(encoders)
    return results


def _linted_batch(checker: Checker, batch: list[tuple[str, Draft | None, list[Finding]]],
                  encoders: dict[str, Callable[[Draft], Any]], queue_only: Collection[str]) -> list[Linted]:
    """The files of a batch as read (path, draft or None, the reader's findings), each rule run over the batch."""
    checked = [draft for path, draft, _ in batch if draft is not None and path not in queue_only]
    found = iter(checker.rules_of(checked))
    return [linted(path, draft, next(found) if draft is not None and path not in queue_only else findings, encoders)
            for path, draft, findings in batch]


def _finished(encoders: dict[str, Callable[[Draft], Any]]) -> None:
    """What the encoders of a batch deferred, done now (``Check.per_draft``'s optional ``finish``).

    Done where the batch was linted, in a worker: in the process that runs the queue rules, or a
    fork of it, it would be done after every draft is read, while one core waits.
    """
    for encode in encoders.values():
        finish = getattr(encode, "finish", None)
        if finish is not None:
            finish()


def linted(path: str, draft: Draft | None, findings: list[Finding], encoders: dict[str, Callable[[Draft], Any]]
           ) -> Linted:
    """One linted file as ``finish_queue`` needs it: the queue's view of it is made here, where it was parsed."""
    if draft is None:
        return Linted(path, None, findings, None, ())
    views = {module: encode(draft) for module, encode in encoders.items()} if encoders else None
    return Linted(path, _light(draft), findings, views, draft.directives)


def _light(draft: Draft) -> Draft:
    """The draft as the queue rules read it, without what they never look at.

    The queue reads the front matter's typed fields, the position of ``publish_at`` and of the
    body. The queue checks' views (``per_draft``) and the disables are made before (``linted``),
    so the text, the spans, the words and most of the front matter's positions stay in the
    worker: 10,000 drafts then fit in little memory and cross between processes quickly.
    """
    path = draft.path
    doc = draft.meta_doc
    if doc is not None:
        # The positions name the draft's own path object: pickled once per draft, not once per position.
        positions = {where: Loc(path, loc.line, loc.column) if loc.path == path else loc
                     for where, loc in doc.positions.items() if not where or where[0] == "publish_at"}
        doc = Document(path, "", {}, positions, {})
    line_starts = draft.line_starts[:bisect.bisect_right(draft.line_starts, draft.body_start)]
    publish_at = draft.publish_at
    if isinstance(publish_at, dt.datetime) and type(publish_at.tzinfo) is dt.timezone:
        publish_at = publish_at.replace(tzinfo=_shared_zone(publish_at.tzinfo, publish_at.tzinfo.tzname(None)))
    # Built field by field (positional), which costs half of dataclasses.replace.
    return Draft(path, "", {}, doc, draft.body_start, draft.channels, draft.kind, publish_at,
                 draft.author, draft.objective, draft.audience, draft.language, draft.sponsored, (),
                 line_starts, ())


@functools.lru_cache(maxsize=64)
def _shared_zone(zone: dt.timezone, name: str) -> dt.timezone:
    """One object per fixed offset and name (zones compare by offset alone, hence the name).

    A time parsed with its offset gets a zone object of its own, and pickling a batch of drafts
    then writes each of them again (7 µs each, a third of what a light draft costs to send); one
    shared object is written once per batch."""
    return zone


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while drafts are parsed and kept.

    A lint run allocates many small objects and frees them by reference counting (drafts hold
    no cycles); the collector would walk every kept draft again and again for nothing. The
    command line holds it over a whole `lint` or `check` (linter.cli.run_drafts): resumed after
    the queue checks, it walked all that the run still held three times over while the report
    was written, for nothing collected (40 to 90 ms on 10,000 findings), and the process ends
    right after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _workers(count: int, jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    if count < PARALLEL_THRESHOLD:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, 8))


class _Claims:
    """The files not given out yet, shared by this process and its forked workers (guided self-scheduling).

    Each process takes its next chunk when it is ready for it: 1/(2 x workers) of the files left,
    never fewer than CHUNK_SIZE. Large chunks come first (each costs a pickled vocabulary for
    PB406), small ones last, so that the processes finish together. Why taken, not handed out:
    a chunk queued for a worker in advance was sized when it was queued, and a worker that
    found a large one waiting at the end of the run kept the others idle for a tenth of a second.
    ``next`` is a synchronized ``multiprocessing.Value``: the first file not given out yet.
    """

    def __init__(self, next_file: Any, count: int, workers: int) -> None:
        self.next, self.count, self.workers = next_file, count, workers

    def take(self) -> tuple[int, int] | None:
        """The next chunk, as (first, end) indexes into the files, or None when every file is given out."""
        with self.next.get_lock():
            start = self.next.value
            if start >= self.count:
                return None
            end = min(self.count, start + self._size(start))
            self.next.value = end
        return start, end

    def chunks(self) -> int:
        """How many chunks the files make, from the first (whoever takes them)."""
        chunks = start = 0
        while start < self.count:
            start += self._size(start)
            chunks += 1
        return chunks

    def _size(self, start: int) -> int:
        """The size of the chunk that starts at file ``start`` (the last one may be cut short)."""
        return max(CHUNK_SIZE, -(-(self.count - start) // (2 * self.workers)))


def _run_parallel(files: Sequence[str], playbook: Playbook, ctx: CheckContext, workers: int,
                  progress: Progress | None, queue_only: Collection[str] = frozenset()) -> list[Linted]:
    """Lint the files in ``workers`` processes: this one and ``workers - 1`` forked ones.

    Why this process lints too, rather than wait for a pool of ``workers``: on a machine with as
    many cores as workers, a waiting parent only unpickles what the others send, and what it
    lints itself is neither pickled nor unpickled (a third of the draft rules' CPU time on a
    finding-heavy queue goes to sending results). Each task of the pool, like this process,
    takes its chunk of files when it starts on it (_Claims).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    claims = _Claims(context.Value("q", 0), len(files), workers)
    if context.get_start_method() == "fork":
        ctx.lang.ready()  # forked workers share the parsed catalog instead of each reading it again
    results: list[Linted] = []
    done = 0

    def kept(part: list[Linted]) -> None:
        nonlocal done
        results.extend(part)
        done += len(part)
        if progress:
            progress(done, len(files))

    checker: Checker | None = None
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context, initializer=_Worker.start,
                             initargs=(playbook, ctx, files, claims, queue_only)) as pool:
        # One task per chunk the files make: a worker never waits for this process (busy with a
        # chunk of its own) to queue its next task; the tasks that find every file given out end at once.
        running = {pool.submit(_lint_chunk) for _ in range(claims.chunks())}
        while (span := claims.take()) is not None:
            finished = {future for future in running if future.done()}
            for future in finished:
                kept(future.result())
            running -= finished
            checker = checker or Checker.build(playbook, ctx)
            kept(_linted_chunk(checker, files[span[0]:span[1]], queue_only=queue_only))
        for future in as_completed(running):
            kept(future.result())
    order = {path: index for index, path in enumerate(files)}
    return sorted(results, key=lambda result: order[result.path])


def collect_files(files: Sequence[str], playbook: Playbook, ctx: CheckContext, progress: Progress | None = None,
                  jobs: int | None = None, queue_only: Collection[str] = frozenset()) -> Collected:
    """Every check's findings for these draft files against a valid playbook, per post and queue.

    ``queue_only``: files (as written in ``files``) that are read for the queue checks alone, their
    per-post rules not run. Why: a pre-commit hook naming one file, or ``--changed-since`` in a
    pull request, reports nothing of the others but what the queue checks say, and the queue
    checks need the whole queue; its per-post rules cost half of reading it (the findings they
    made were all dropped afterwards).
    """
    workers = _workers(len(files), jobs)
    parallel = workers > 1 and len(files) > 1
    queue_only = frozenset(queue_only)
    # One pause of the collector for the whole run: the drafts kept are freed (by reference
    # counting) before it resumes, so it resumes with little to look at.
    with collector_paused():
        if parallel:
            results = _run_parallel(files, playbook, ctx, workers, progress, queue_only)
        else:
            results = _linted_chunk(Checker.build(playbook, ctx), files, progress, queue_only)
        collected = finish_queue(results, playbook, ctx, side=parallel, handed=True)
    return collected


def finish_queue(results: list[Linted], playbook: Playbook, ctx: CheckContext, side: bool = False,
                 handed: bool = False) -> Collected:
    """Add the queue checks' findings to the per-post ones.

    ``side`` says that the run has cores to spare: the checks declared ``ASIDE`` then run in a
    forked process while this one runs the others (see linter.core.aside).

    ``handed``: the caller hands ``results`` over and keeps nothing of them; the list is emptied.
    Why: freeing thousands of drafts, their views and the queue takes tens of milliseconds, and
    done here it is done while this process waits for the forked checks, not after them. The cost:
    freeing writes to memory the forked child still shares, which the system then copies; the
    process tree's peak memory grew by 8 to 15 MB on the bench's 4,000-draft profiles (98 to 108 MB
    on the default one), far below the 300 MB target of 10,000 drafts.
    """
    from linter.drafts.queue import build_queue

    with collector_paused():
        findings = [finding for result in results for finding in result.findings]
        kept = [result for result in results if result.draft is not None]
        directives = {result.path: result.directives for result in kept if result.directives}
        checks = _checks(ctx, "queue")
        if not kept or not checks:
            return Collected(findings, directives)
        views = [result.views or {} for result in kept]
        queue = build_queue([result.draft for result in kept if result.draft is not None],
                            playbook.organisation.timezone, ctx.now, views, split=side)
        asides = []
        if side:
            from linter.core.aside import Aside  # multiprocessing: imported only when it is used

            asides = [Aside(_listed, check.run, queue, playbook, ctx) for check in checks if check.aside]
        for check in checks:
            if not (side and check.aside):
                findings.extend(check.run(queue, playbook, ctx))
        if handed:  # the forked checks hold their own copy: what only the results held is freed meanwhile
            results.clear()
            del kept, views, queue
        for aside in asides:
            findings.extend(aside.result())
        return Collected(findings, directives)


def check_queue(drafts: Sequence[Draft], playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    """Every queue check's findings for these parsed drafts, in this process (tests, small runs)."""
    from linter.drafts.queue import build_queue

    queue = build_queue(drafts, playbook.organisation.timezone, ctx.now)
    for check in _checks(ctx, "queue"):
        yield from check.run(queue, playbook, ctx)


def _listed(run: Callable[..., Iterable[Finding]], *args: Any) -> list[Finding]:
    return list(run(*args))


def lint_files(files: Sequence[str], playbook: Playbook, ctx: CheckContext, progress: Progress | None = None,
               jobs: int | None = None) -> list[Finding]:
    """``collect_files`` through the pipeline with the context's settings (no baseline, every file)."""
    from linter.core.pipeline import Filters, report

    collected = collect_files(files, playbook, ctx, progress, jobs)
    return report(collected.findings, ctx.registry, Filters(ctx.settings), collected.directives, ctx.lang)


def collect_texts(items: Iterable[tuple[str, str]], playbook: Playbook, ctx: CheckContext) -> Collected:
    """Check drafts given as (path, text) without touching the disk (the editor server, the site, tests)."""
    from linter.drafts.parse import parse_draft

    checker = Checker.build(playbook, ctx)
    encoders = checker.encoders()
    results = []
    for path, text in items:
        draft = parse_draft(path, text, playbook.organisation, checker.memo, ctx.lang)
        results.append(linted(path, draft, checker.rules(draft) if draft is not None else [], encoders))
    _finished(encoders)
    return finish_queue(results, playbook, ctx)


def lint_texts(items: Iterable[tuple[str, str]], playbook: Playbook, ctx: CheckContext) -> list[Finding]:
    """``collect_texts`` through the pipeline with the context's settings."""
    from linter.core.pipeline import Filters, report

    collected = collect_texts(items, playbook, ctx)
    return report(collected.findings, ctx.registry, Filters(ctx.settings), collected.directives, ctx.lang)
