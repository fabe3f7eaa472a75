"""The one findings pipeline: every front end reports findings through ``report()``.

The stages, in this order, whatever produced the findings (`validate`, `lint`, `check`, the
MkDocs plugin, the editor server):

1. **settings**: findings of rules switched off are dropped, the others re-graded as configured
   (loading and schema rules are locked; see linter.core.settings). The checks of rules that
   are off were not even run; this stage also covers findings emitted outside a check;
2. **inline disables**: a draft's own ``playbook-disable`` comments and ``disable:`` field drop
   the findings they name, and each disable that silenced nothing is itself reported (PB390),
   except in a file read for the queue checks alone, whose own findings were never made;
3. **baseline**: accepted findings are dropped; an accepted finding that no longer occurs is
   reported (PB903);
4. **changed-since / only these files**: findings outside the files asked about are dropped
   (a queue finding is kept when its message names one of them);
5. **sort**: by file, position and code, without repeats, so reports diff well.

Formatting is the caller's: the pipeline returns findings, never text.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from linter.core.disables import Directive, apply_disables
from linter.core.findings import Finding, sorted_findings
from linter.core.i18n import Language
from linter.core.registry import Registry
from linter.core.rule import Role
from linter.core.settings import Settings

if TYPE_CHECKING:  # a baseline and --changed-since are options: their modules (json, git) load when used
    from linter.core.baseline import Entry


@dataclass(frozen=True)
class Filters:
    """What decides which findings a run reports, besides the findings themselves."""

    settings: Settings = field(default_factory=Settings)
    baseline: tuple[Entry, ...] | None = None
    only: frozenset[str] | None = None
    """Report only findings in these files (``--changed-since``, or files named on the command
    line while the queue rules read the whole folder); None: every file."""
    cwd: str = "."


def report(findings: Iterable[Finding], registry: Registry, filters: Filters,
           directives: Mapping[str, tuple[Directive, ...]] | None = None,
           lang: Language | None = None, queue_only: Collection[str] = frozenset()) -> list[Finding]:
    """The findings a user sees, after every stage of the pipeline, sorted.

    ``lang`` writes the pipeline's own findings (PB390, PB903) and tells a baseline written in
    another language to match its entries by place rather than by message.

    ``queue_only``: files (as the findings name them) read for the queue checks alone. Their
    disables still silence the queue findings that sit on them (a pre-commit hook given one
    file reports a PB406 on another draft that names it, unless that draft disables PB406),
    but none of them is reported unused: the findings they were written for were never made.
    """
    lang = lang or Language()
    kept = filters.settings.apply(findings)
    if directives:
        kept = _disabled(kept, directives, registry, filters.settings, lang, queue_only)
    if filters.baseline is not None:
        from linter.core.baseline import apply_baseline

        kept = filters.settings.apply(apply_baseline(kept, filters.baseline, registry, lang))
    if filters.only is not None:
        from linter.core.changes import only_changed

        kept = only_changed(kept, set(filters.only), filters.cwd, registry_codes(registry, "queue"))
    return sorted_findings(kept)


def registry_codes(registry: Registry, scope: str) -> tuple[str, ...]:
    return tuple(rule.code for rule in registry.by_scope(scope))


def _disabled(findings: list[Finding], directives: Mapping[str, tuple[Directive, ...]], registry: Registry,
              settings: Settings, lang: Language, queue_only: Collection[str] = frozenset()) -> list[Finding]:
    """Apply each draft's disables to that draft's findings; PB390 follows the settings too, and
    is never reported in a file of ``queue_only`` (see ``report``)."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    unused = registry.for_role(Role.UNUSED_DISABLE)
    if unused is not None and not settings.is_on(unused.code):
        unused = None
    result: list[Finding] = []
    for path, items in by_path.items():
        declared = directives.get(path)
        judged = None if path in queue_only else unused
        result.extend(apply_disables(declared, items, registry, judged, lang) if declared else items)
    for path, declared in directives.items():  # a file with no finding at all: every disable is unused
        if path not in by_path and path not in queue_only:
            result.extend(apply_disables(declared, [], registry, unused, lang))
    return settings.apply(result)
