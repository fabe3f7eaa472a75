"""Lint draft posts: find them, parse them, run every per-post rule, the queue rules, the disables.

Why this shape: each draft is independent for the per-post rules (PB3xx), so large queues are
spread over processes by chunks of files (each worker prepares the term indexes once); the
queue rules (PB4xx, linter/queue.py) need every draft at once and run afterwards, in this
process, with the near-duplicate search (PB406) in a forked one beside it (linter/aside.py);
disables and the playbook's severity overrides apply last, to everything, so a writer can
silence a queue finding on their post exactly like a per-post one.

Nothing here prints or exits: progress is reported through an optional callback.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import gc
import importlib
import os
import pkgutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from linter.context import CheckContext
from linter.findings import Finding, Severity
from linter.model import Playbook

DEFAULT_PATH = "drafts"
PARALLEL_THRESHOLD = 300  # below this many files, starting processes costs more than it saves
CHUNK_SIZE = 50  # the smallest chunk sent to a worker

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LintResult:
    """The findings of a lint run and every file it looked at (clean ones too)."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    playbook_ok: bool = True

    @property
    def has_errors(self) -> bool:
        return any(finding.severity is Severity.ERROR for finding in self.findings)


# -- finding the drafts -----------------------------------------------------------------------
def find_drafts(paths: Sequence[str] = ()) -> tuple[list[str], list[Finding]]:
    """Draft files under ``paths`` (``**/*.md`` in folders, files as given), sorted, without repeats.

    With no paths the default ``drafts`` folder is used, and its absence just means no drafts.
    A path the user named that does not exist is a finding (PB001), not a crash.
    """
    found, findings = _find_drafts(paths)
    return list(found.values()), findings


def _find_drafts(paths: Sequence[str]) -> tuple[dict[str, str], list[Finding]]:
    """``find_drafts`` as {real path: the path as the user will see it (first spelling wins)}.

    A folder's real path is resolved once: a file in it that is not a symbolic link has the
    folder's real path followed by its name, which spares resolving every file's full path.
    """
    findings: list[Finding] = []
    found: dict[str, str] = {}
    explicit = bool(paths)
    for path in paths or (DEFAULT_PATH,):
        if os.path.isdir(path):
            for root, files in _walk(path):
                real_root = None
                for entry in files:
                    if entry.is_symlink():
                        real = os.path.realpath(entry.path)
                    else:
                        if real_root is None:
                            real_root = os.path.realpath(root)
                        real = os.path.join(real_root, entry.name)
                    found.setdefault(real, entry.path)
        elif os.path.exists(path):
            found.setdefault(os.path.realpath(path), path)
        elif explicit:
            findings.append(Finding("PB001", Severity.ERROR, path, 1, 1, "the path does not exist",
                                    "Give a draft file or a folder of drafts (default: drafts/)."))
    return found, findings


def _walk(top: str) -> Iterable[tuple[str, list]]:
    """(folder, its Markdown files as os.DirEntry, by name) of ``top`` and its folders, top-down, by name.

    What ``os.walk`` gives, hidden files and folders left out, with each entry's kind read from
    the folder listing: telling a symbolic link from a file then costs no system call per file.
    Like ``os.walk``, a link to a folder is not followed and an unreadable folder is skipped.
    """
    pending = [top]
    while pending:
        root = pending.pop()
        try:
            with os.scandir(root) as listing:
                entries = sorted((entry for entry in listing if not entry.name.startswith(".")),
                                 key=lambda entry: entry.name)
        except OSError:
            continue
        files, folders = [], []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.is_symlink():
                    folders.append(entry.path)
            elif entry.name.endswith(".md"):
                files.append(entry)
        yield root, files
        pending.extend(reversed(folders))


# -- the rules ----------------------------------------------------------------------------------
def rule_modules() -> tuple:
    """Every draft-rule module (linter/rules/*.py with a ``check``), in name order."""
    from linter import rules

    modules = []
    for info in sorted(pkgutil.iter_modules(rules.__path__), key=lambda info: info.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{rules.__name__}.{info.name}")
        if hasattr(module, "check"):
            modules.append(module)
    return tuple(modules)


@dataclass(frozen=True)
class _Checker:
    """The rules with their per-playbook preparation (term indexes…), built once per process/chunk."""

    playbook: Playbook
    ctx: CheckContext
    steps: tuple
    memo: object = dataclasses.field(default=None, compare=False, repr=False)
    """The tokeniser's word cache (linter.text.Lexicon), shared by the drafts this checker reads (a pure memo)."""

    @staticmethod
    def build(playbook: Playbook, ctx: CheckContext) -> _Checker:
        steps = []
        for module in rule_modules():
            prepare = getattr(module, "prepare", None)
            steps.append((module.check, prepare(playbook) if prepare else None, prepare is not None))
        from linter.text import Lexicon

        return _Checker(playbook, ctx, tuple(steps), Lexicon())

    def run(self, path: str):
        """(draft or None, findings) of one file: its parse findings and every per-post rule's."""
        from linter.drafts import read_draft

        draft, findings = read_draft(path, self.playbook.organisation, self.memo)
        if draft is None:
            return None, findings
        return draft, findings + self.rules(draft)

    def rules(self, draft) -> list[Finding]:
        """Every per-post rule's findings on one parsed draft."""
        findings: list[Finding] = []
        for check, prepared, takes_prepared in self.steps:
            if takes_prepared:
                findings.extend(check(draft, self.playbook, self.ctx, prepared))
            else:
                findings.extend(check(draft, self.playbook, self.ctx))
        return findings


class _Worker:
    """What one worker process keeps between the chunks it is given: its checker.

    Why: preparing the rules (term indexes, the tokeniser's word cache) costs as much as
    linting dozens of drafts, and a worker lints many chunks; preparing once per process, in
    the pool's initializer, also keeps the word cache warm from one chunk to the next. This is
    the worker process's own state: the parent never reads or writes it.
    """

    checker: _Checker | None = None

    @classmethod
    def start(cls, playbook: Playbook, ctx: CheckContext) -> None:
        gc.disable()  # see _collector_paused: a worker only parses drafts and sends them back
        cls.checker = _Checker.build(playbook, ctx)


def _lint_chunk(paths: Sequence[str]):
    """Worker entry point: lint a chunk of files; drafts come back as the queue needs them (lighter)."""
    checker = _Worker.checker
    compare = _same_text_encoder()  # one per chunk: its numbering travels back with the chunk
    return [_kept(path, *checker.run(path), compare) for path in paths]


def _kept(path: str, draft, findings: list[Finding], compare) -> tuple:
    """(path, light draft or None, findings, PB406's view of it) of one linted file: what ``_finish`` needs."""
    if draft is None:
        return path, None, findings, None
    return path, _light(draft), findings, compare(draft) if compare is not None else None


def _light(draft):
    """The draft as the queue rules and the disables read it, without what they never look at.

    The queue reads the front matter's typed fields, the position of ``publish_at`` and of the
    body; the disables read the ``disable`` field and the HTML comments that name the linter.
    PB406's view of the draft is made before (``_kept``), so the text, the spans, the words and most of
    the front matter's positions stay in the worker: 10,000 drafts then fit in little memory and
    cross between processes quickly.
    """
    from linter.drafts import Draft
    from linter.source import Document

    comments = tuple(span for span in draft.spans if span.kind == "html" and "playbook-" in span.value)
    meta = {"disable": draft.meta["disable"]} if "disable" in draft.meta else {}
    doc = draft.meta_doc
    if doc is not None:
        positions = {where: loc for where, loc in doc.positions.items()
                     if not where or where[0] in ("publish_at", "disable")}
        doc = Document(doc.path, "", meta, positions, {})
    if comments:
        text, line_starts = draft.text, draft.line_starts
    else:  # without a disable comment only the body's first position is ever asked for (PB406)
        text, comments = "", ()
        line_starts = draft.line_starts[:bisect.bisect_right(draft.line_starts, draft.body_start)]
    # Built field by field (positional), which costs half of dataclasses.replace.
    return Draft(draft.path, text, meta, doc, draft.body_start, draft.channels, draft.kind, draft.publish_at,
                 draft.author, draft.objective, draft.audience, draft.language, draft.sponsored, comments,
                 line_starts, ())


def _same_text_encoder():
    """A fresh PB406 encoder (linter.queue.SameTextEncoder): one per batch of drafts."""
    queue = _queue_module()
    return queue.SameTextEncoder() if queue is not None else None


@contextlib.contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while drafts are parsed and kept.

    A lint run allocates many small objects and frees them by reference counting (drafts hold
    no cycles); the collector would walk every kept draft again and again for nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _queue_module():
    try:
        return importlib.import_module("linter.queue")
    except ModuleNotFoundError as error:
        if error.name != "linter.queue":
            raise
        return None


def _workers(count: int, jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    if count < PARALLEL_THRESHOLD:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, 8))


def _chunks(files: Sequence[str], workers: int) -> list[Sequence[str]]:
    """The files cut into chunks that shrink as the run goes on (guided scheduling).

    Each chunk takes 1/(2 x workers) of the files not yet given out, and never fewer than
    CHUNK_SIZE: few large chunks first (each costs a pickled vocabulary for PB406), small ones
    last, so that the workers finish together instead of one waiting for the other's last chunk.
    """
    chunks, start = [], 0
    while start < len(files):
        size = max(CHUNK_SIZE, -(-(len(files) - start) // (2 * workers)))
        chunks.append(files[start:start + size])
        start += size
    return chunks


def _run_parallel(files: Sequence[str], playbook: Playbook, ctx: CheckContext, workers: int,
                  progress: Progress | None):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunks = _chunks(files, workers)
    results = []
    done = 0
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_Worker.start,
                             initargs=(playbook, ctx)) as pool:
        futures = [pool.submit(_lint_chunk, chunk) for chunk in chunks]
        for future in as_completed(futures):
            part = future.result()
            results.extend(part)
            done += len(part)
            if progress:
                progress(done, len(files))
    order = {path: index for index, path in enumerate(files)}
    return sorted(results, key=lambda result: order[result[0]])


def lint_files(files: Sequence[str], playbook: Playbook, ctx: CheckContext, progress: Progress | None = None,
               jobs: int | None = None) -> list[Finding]:
    """All findings for these draft files against a valid playbook: per post, queue, in-draft disables.

    The linter's settings (rules switched off or re-graded) are the caller's to apply.
    """
    workers = _workers(len(files), jobs)
    parallel = workers > 1 and len(files) > 1
    # One pause of the collector for the whole run: the drafts kept are freed (by reference
    # counting) before it resumes, so it resumes with little to look at.
    with _collector_paused():
        if parallel:
            results = _run_parallel(files, playbook, ctx, workers, progress)
        else:
            checker = _Checker.build(playbook, ctx)
            compare = _same_text_encoder()
            results = []
            for index, path in enumerate(files, 1):
                draft, findings = checker.run(path)
                results.append(_kept(path, draft, findings, compare))
                if progress:
                    progress(index, len(files))
        findings = _finish(results, playbook, ctx, side=parallel)
        del results
    return findings


def _finish(results: list, playbook: Playbook, ctx: CheckContext, side: bool = False) -> list[Finding]:
    """Add the queue findings to the per-post ones, then apply the drafts' own disables.

    ``results`` holds (path, draft or None, findings, PB406's view or None) per file; ``side``
    says that the run has cores to spare for PB406 (see linter.aside).
    """
    from linter.disables import apply_disables

    with _collector_paused():
        drafts = {path: draft for path, draft, _, _ in results if draft is not None}
        compared = {path: item for path, draft, _, item in results if draft is not None}
        by_path: dict[str, list[Finding]] = {}
        for path, _, findings, _ in results:
            by_path.setdefault(path, []).extend(findings)
        queue = _queue_module()
        if queue is not None and drafts:
            kept, views = list(drafts.values()), list(compared.values())
            # On a large queue with a core to spare, PB406 runs in a forked copy meanwhile.
            aside = None
            if side:
                from linter.aside import Aside  # multiprocessing: imported only when it is used

                aside = Aside(queue.check_same_text, kept, playbook, ctx, views, True)
            for finding in queue.check_queue(kept, playbook, ctx, views, same_text=aside is None):
                by_path.setdefault(finding.path, []).append(finding)
            for finding in aside.result() if aside is not None else ():
                by_path.setdefault(finding.path, []).append(finding)
        findings: list[Finding] = []
        for path, items in by_path.items():
            draft = drafts.get(path)
            findings.extend(apply_disables(draft, items, ctx.registry) if draft is not None else items)
        return findings


# -- the commands' cores --------------------------------------------------------------------------
def _lint_with_queue(paths: Sequence[str], queue_paths: Sequence[str], playbook: Playbook, ctx: CheckContext,
                     progress: Progress | None, jobs: int | None) -> tuple[list[Finding], tuple[str, ...]]:
    """Lint ``paths``; the queue rules also see the drafts under ``queue_paths``.

    Linting one file (an editor, a pre-commit hook given file names) must not judge the
    cadence or the promotional share of a queue made of that file alone: the rest of the
    queue is read too, and only the findings about the files asked for are reported.
    """
    found, missing = _find_drafts(paths)
    files = list(found.values())
    same = {os.path.realpath(path) for path in paths} == {os.path.realpath(path) for path in queue_paths}
    extra = [path for real, path in _find_drafts(queue_paths)[0].items() if real not in found] \
        if paths and queue_paths and not same else []
    if not extra:
        return missing + lint_files(files, playbook, ctx, progress, jobs), tuple(files)
    from linter.changes import only_changed

    findings = lint_files(files + extra, playbook, ctx, progress, jobs)
    queue_codes = [rule.code for rule in ctx.registry.by_scope("queue")]
    return missing + only_changed(findings, set(files), ".", queue_codes), tuple(files)


def lint(paths: Sequence[str], playbook_dir: str, ctx: CheckContext, progress: Progress | None = None,
         jobs: int | None = None, queue_paths: Sequence[str] = (), settings=None) -> LintResult:
    """`playbook lint`: an invalid playbook stops here with its own findings (nothing to lint against)."""
    return _run(False, paths, playbook_dir, ctx, progress, jobs, queue_paths, settings)


def check(paths: Sequence[str], playbook_dir: str, ctx: CheckContext, progress: Progress | None = None,
          jobs: int | None = None, queue_paths: Sequence[str] = (), settings=None) -> LintResult:
    """`playbook check`: validate the playbook, then lint the drafts when the playbook is sound."""
    return _run(True, paths, playbook_dir, ctx, progress, jobs, queue_paths, settings)


def _run(with_playbook: bool, paths, playbook_dir, ctx, progress, jobs, queue_paths, settings) -> LintResult:
    """Load the playbook (settings applied there), lint the drafts, apply the same settings to them."""
    from linter.loader import load_playbook

    loaded = load_playbook(playbook_dir, ctx.registry, ctx, settings)
    if loaded.playbook is None or loaded.has_errors:
        return LintResult(tuple(loaded.findings), tuple(loaded.files), playbook_ok=False)
    findings, files = _lint_with_queue(paths, queue_paths, loaded.playbook, ctx, progress, jobs)
    findings = loaded.settings.apply(findings)
    if not with_playbook:
        return LintResult(tuple(findings), files)
    return LintResult(tuple(loaded.findings) + tuple(findings), tuple(loaded.files) + files)


def lint_texts(items: Iterable[tuple[str, str]], playbook: Playbook, ctx: CheckContext) -> list[Finding]:
    """Lint drafts given as (path, text) without touching the disk (the site and the tests use it)."""
    from linter.drafts import parse_draft

    checker = _Checker.build(playbook, ctx)
    compare = _same_text_encoder()
    results = []
    for path, text in items:
        draft, findings = parse_draft(path, text, playbook.organisation, checker.memo)
        results.append(_kept(path, draft, findings + (checker.rules(draft) if draft is not None else []), compare))
    return _finish(results, playbook, ctx)
