"""What every check produces: a finding a user can act on, at a precise place.

Findings are frozen so that formatters, the fixer and the site can share them without
defensive copies, and so that a list of findings can be sorted and de-duplicated safely.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from itertools import pairwise, starmap
from operator import attrgetter, lt
from typing import NamedTuple

from linter.core.i18n import Language

FieldPath = tuple[str | int, ...]
"""Where a value sits inside a YAML document: mapping keys and list indexes from the root
(``("channels", 1, "id")``). The one way positions are addressed, from the reader to the rules."""


class Loc(NamedTuple):
    """Where a value was written: 1-based line and column in the file as the user sees it.

    A named tuple rather than a frozen dataclass: reading a draft records a dozen positions,
    and a tuple is made without a Python-level ``__init__``; it is just as immutable.
    """

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse; lets callers compare severities without a lookup table."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class Fix:
    """A safe replacement of ``text[start:end]`` in the decoded text of the file."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    path: str
    line: int
    column: int
    message: str
    hint: str | None = None
    fix: Fix | None = None
    end_line: int | None = None
    end_column: int | None = None
    repeats: int = 0
    """How many more findings of this rule in this file it stands for (linter.core.repeats): counted, not listed."""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return FINDING_ORDER(self)


FINDING_ORDER = attrgetter("path", "line", "column", "code", "message")
"""``Finding.sort_key`` as a key function made in C: a report of 10,000 findings is sorted three
times on its way out (pipeline, size bound, format), and the method call was most of that."""


def count_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings per severity, those a grouped finding stands for included (a report's totals stay true)."""
    findings = findings if isinstance(findings, (list, tuple)) else list(findings)
    counts = {"error": 0, "warning": 0, "info": 0}
    # Counted in C, then the few grouped ones: a report of 10,000 findings is counted twice on its way out.
    for severity, count in Counter(map(attrgetter("severity"), findings)).items():
        counts[severity.value] += count
    for finding in filter(attrgetter("repeats"), findings):
        counts[finding.severity.value] += finding.repeats
    return counts


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Stable, de-duplicated order: by file, then position, so output diffs well in CI logs.

    A report is sorted here by the pipeline, then again by its format. Findings whose keys rise
    strictly once sorted (no two alike) are what the set would give, without hashing 10,000
    findings into a set and sorting them back from its order; those already in order are
    returned as they are. Only findings that share a key go through the set.
    """
    items = list(findings)
    if _rising(items):
        return items
    ordered = sorted(items, key=FINDING_ORDER)
    return ordered if _rising(ordered) else sorted(set(items), key=FINDING_ORDER)


def _rising(findings: list[Finding]) -> bool:
    return all(starmap(lt, pairwise(map(FINDING_ORDER, findings))))


@dataclass(frozen=True)
class Report:
    """What a run produced: the findings and every file that was checked (clean ones too)."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...] = ()
    tool_version: str = ""
    lang: Language = field(default_factory=Language)
    """The language the findings were written in: formatters write their own texts in it too."""

    @functools.cached_property
    def counts(self) -> dict[str, int]:
        """Findings per severity, counted once per report: the exit code and each format ask for them."""
        return count_by_severity(self.findings)
