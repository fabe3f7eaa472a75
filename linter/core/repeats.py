"""Repeated findings of one rule in one file, grouped: a report a reader can use, of bounded size.

Why (issue #14): one draft of 1 MB made of ``Bonjour ! `` gave 100,000 findings of the same
rule, seconds of work after the rules (the pipeline, the sort) and an SARIF file of 838 MB. A
reader needs the first few findings of a rule in a file and how many there are, not the
hundred-thousandth. So the first ``MAX_PER_RULE`` findings of a rule in a file are kept as they
are, and the rest become one finding, at the first of them, that says how many it stands for
(``Finding.repeats``; report counts and exit codes weigh it, see linter.core.findings).

It is done twice, with the same function: where a draft's findings are made
(linter.drafts.run, so the pipeline, the sort and the formatters never hold a flood), and on
the whole report before it is printed (linter.output.safe), for findings of any origin; a
finding that already stands for others merges into the count, never counts as one.

Inline disables (linter.core.disables) are applied later, by the pipeline, and must still work
on what was grouped: a finding past the limit that a disable silences is never grouped. The
first one silenced by each disable is kept (the pipeline then drops it and knows that the
disable was used: no PB390), the others are dropped here.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from linter.core.findings import Finding, Severity
from linter.core.i18n import Language

if TYPE_CHECKING:  # the core does not import the draft parser at run time
    from linter.core.rule import Rule
    from linter.drafts.parse import Draft

MAX_PER_RULE = 50

__all__ = ["MAX_PER_RULE", "Grouping", "Tally", "group_repeats"]

Silencer = Callable[[Finding], Hashable | None]
"""What silences a finding (a key naming the disable), or None: it is reported."""


@dataclass
class _Group:
    """One rule in one file: how many findings were kept, and the tally of those past the limit."""

    kept: int = 0
    more: int = 0
    first: Finding | None = None  # the earliest by position of those past the limit
    worst: Severity = Severity.INFO
    silenced: set[Hashable] = field(default_factory=set)
    uncounted: bool = False  # a rule stopped looking: ``more`` is a lower bound
    merged: int = 0  # findings that already stood for others, merged here

    def tally(self, finding: Finding, count: int) -> None:
        if finding.repeats:
            self.merged += 1
            self.uncounted = self.uncounted or finding.message == _UNCOUNTED
        self.more += count
        if finding.severity.rank > self.worst.rank:
            self.worst = finding.severity
        if self.first is None or (finding.line, finding.column) < (self.first.line, self.first.column):
            self.first = finding


def group_repeats(findings: Iterable[Finding], lang: Language, limit: int | None = MAX_PER_RULE,
                  silenced: Silencer | None = None) -> list[Finding]:
    """At most ``limit`` findings per (file, rule), in the order given, then one that counts the rest.

    One pass, memory bounded by the findings kept: ``findings`` may be a generator of a
    million. ``limit=None`` keeps everything (``--fix`` needs every fix). Give the findings
    sorted by position for "the first" to mean the first in the file.
    """
    if limit is None or (silenced is None and _none_to_group(findings, limit)):
        return list(findings)
    grouping = Grouping(lang, limit, silenced)
    grouping.add(findings)
    return grouping.result()


class Grouping:
    """``group_repeats`` fed in parts: ``add`` each part as it comes, then ask for the ``result``.

    The result is ``group_repeats`` of the parts joined in the order they were added, and the
    memory stays bounded the same way: each part is grouped as it is read. Why: the runner
    (linter.drafts.run) runs each rule over a batch of drafts before the next rule, so a
    draft's findings come one rule at a time, between other drafts' findings.
    """

    def __init__(self, lang: Language, limit: int | None = MAX_PER_RULE, silenced: Silencer | None = None) -> None:
        self.lang, self.limit, self.silenced = lang, limit, silenced
        self.groups: dict[tuple[str, str], _Group] = {}
        self.kept: list[Finding] = []

    def add(self, findings: Iterable[Finding]) -> None:
        limit, silenced, groups, kept = self.limit, self.silenced, self.groups, self.kept
        if limit is None:
            kept.extend(findings)
            return
        for finding in findings:
            group = groups.get((finding.path, finding.code))
            if group is None:
                group = groups[(finding.path, finding.code)] = _Group()
            if silenced is not None:
                key = silenced(finding)
                if key is not None:  # the pipeline drops it; one per disable is enough for it to know the disable works
                    if key not in group.silenced:
                        group.silenced.add(key)
                        kept.append(finding)
                    continue
            if finding.repeats:
                group.tally(finding, finding.repeats)
            elif group.kept < limit:
                group.kept += 1
                kept.append(finding)
            else:
                group.tally(finding, 1)

    def result(self) -> list[Finding]:
        """The findings kept, in the order given, then one per (file, rule) that counts the rest."""
        return self.kept + [_standing_for(group.first, group, self.lang) for group in self.groups.values()
                            if group.first is not None]


def _none_to_group(findings: Iterable[Finding], limit: int) -> bool:
    """Whether a list of findings comes out of ``group_repeats`` as it went in: none stands for others
    and no rule has more than ``limit`` in a file. Counted in C: the whole report passes here before
    it is printed (linter.output.safe), already grouped where its findings were made."""
    if not isinstance(findings, (list, tuple)):
        return False
    # One pass over the findings (each read costs, in a report of 10,000): repeats counted with the rule and file.
    counted = Counter(map(_RULE_IN_FILE, findings))
    return not any(map(_REPEATS_OF, counted)) and max(counted.values(), default=0) <= limit


_REPEATS_OF = itemgetter(2)
_RULE_IN_FILE = attrgetter("path", "code", "repeats")
_UNCOUNTED = "\x00uncounted"  # the message of a Tally's finding when its rule stopped looking (never shown)


def _standing_for(first: Finding, group: _Group, lang: Language) -> Finding:
    if group.merged == 1 and group.more == first.repeats and first.message not in ("", _UNCOUNTED):
        return first  # already written (a draft's grouping, now printed): kept word for word, "at least" included
    code, count, shown = first.code, group.more, group.kept
    if group.uncounted:
        message = lang.plural(
            "... and at least {count} more {code} finding in this file: past the first {limit}, this rule stops "
            "looking", "... and at least {count} more {code} findings in this file: past the first {limit}, this "
            "rule stops looking", count, code=code, limit=shown)
    else:
        message = lang.plural("... and {count} more {code} finding in this file (only the first {limit} are listed)",
                              "... and {count} more {code} findings in this file (only the first {limit} are "
                              "listed)", count, code=code, limit=shown)
    hint = lang("The same problem repeats through the file: fix it throughout (with --fix when the rule is "
                "fixable), then run again.")
    return Finding(code, group.worst, first.path, first.line, first.column, message, hint, repeats=count)


_NOTHING_DISABLED: tuple[bool, frozenset[int]] = (False, frozenset())


class Tally:
    """One rule's findings in one draft, for a rule that can produce thousands: past the limit, only counted.

    Why in the rule: making a finding (its message in the run's language, its positions) costs
    ten times more than spotting the problem, and all but the first ``limit`` would be grouped
    anyway. So a check asks ``room(offset)`` before it makes a finding; when there is none, it
    calls ``skip(offset)`` and, at its end, yields ``rest()``: one finding per line that stands
    for the ones skipped there (``repeats``), which the runner merges into the file's count
    (``group_repeats``). Per line, because a disable can silence one line; a finding a disable
    silences is never made either, and never counts toward the limit. A local object of one
    check call: the rule stays a pure function. ``limit=None`` (``--fix``) never skips.
    """

    def __init__(self, rule: Rule, draft: Draft, limit: int | None) -> None:
        self.rule, self.draft, self.path, self.line_starts = rule, draft, draft.path, draft.line_starts
        self.left = limit
        self.skipped: dict[int, list[int]] = {}  # line index -> [column of the first skipped, how many]
        self.stopped = False
        self._disabled: tuple[bool, frozenset[int]] | None = None

    @property
    def disabled(self) -> tuple[bool, frozenset[int]]:
        """(silenced in the whole file, line indexes silenced) for this rule, read on first need."""
        if self._disabled is None:
            directives = self.draft.directives
            if not directives:  # most drafts: no import statement run for each rule with a finding
                self._disabled = _NOTHING_DISABLED
                return self._disabled
            from linter.core.disables import ALL

            mine = [directive for directive in directives
                    if self.rule.code in directive.codes or ALL in directive.codes]
            self._disabled = (any(directive.kind == "file" for directive in mine),
                              frozenset(directive.line - 1 for directive in mine if directive.line is not None))
        return self._disabled

    def _line(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset) - 1

    def silenced(self, offset: int) -> bool:
        """Whether a disable silences a finding at ``offset`` (the pipeline would drop it)."""
        everywhere, lines = self.disabled
        return everywhere or (bool(lines) and self._line(offset) in lines)

    def admit(self, offset: int) -> bool:
        """``room(offset)``, and when there is none the finding is counted (``skip``): make it only if True."""
        if self.room(offset):
            return True
        self.skip(offset)
        return False

    def room(self, offset: int) -> bool:
        """Whether the finding at ``offset`` is to be made (then it counts toward the limit)."""
        if self.left is None:
            return True
        if self.left > 0 and not self.silenced(offset):
            self.left -= 1
            return True
        return False

    def stops_at(self, offset: int) -> bool:
        """Whether a rule that stops looking past the limit (``stop``) should stop at ``offset``."""
        return self.left is not None and self.left <= 0 and not self.silenced(offset)

    def skip(self, offset: int) -> None:
        """A finding at ``offset`` of the draft's text, counted instead of made."""
        index = self._line(offset)
        tally = self.skipped.get(index)
        if tally is None:
            self.skipped[index] = [offset - self.line_starts[index] + 1, 1]
        else:
            tally[1] += 1

    def stop(self, offset: int) -> None:
        """The rule stops looking at the finding at ``offset``: what follows is not counted.

        For a rule whose *spotting* is what costs (a phone number is validated against the
        numbering plans): past the limit it finds one more, says "at least", and stops.
        """
        self.skip(offset)
        self.stopped = True

    def rest(self, severity: Severity | None = None) -> Iterator[Finding]:
        """The skipped findings, one per line with its count; their text is the runner's to write."""
        everywhere, lines = self.disabled if self.skipped else (False, frozenset())
        for index, (column, count) in self.skipped.items():
            uncounted = self.stopped and not (everywhere or index in lines)
            yield Finding(self.rule.code, severity or self.rule.severity, self.path, index + 1, column,
                          _UNCOUNTED if uncounted else "", repeats=count)
