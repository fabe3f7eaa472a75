"""Helpers shared by the draft rules (PB3xx): declaring a rule, finding a draft's channels.

Private (leading underscore, neither ``RULES`` nor ``check``): the registry and the linter
skip it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import TYPE_CHECKING, Generic, TypeVar

from linter.core.findings import Finding, Fix, Severity
from linter.core.repeats import Tally
from linter.core.rule import Rule

if TYPE_CHECKING:
    from linter.drafts.parse import Draft
    from linter.playbook.model import Channel, Playbook


def channels_of(draft: Draft, playbook: Playbook) -> Iterator[Channel]:
    """The channels a draft names that the playbook defines (unknown ones are PB302's business)."""
    for channel_id in draft.channels:
        channel = playbook.channel(channel_id)
        if channel is not None:
            yield channel


_Key = TypeVar("_Key", bound=Hashable)
_Value = TypeVar("_Value")


class Memo(dict[_Key, _Value], Generic[_Key, _Value]):
    """``key -> work(key)``, worked out on first sight: what a rule asks of every token, link or
    hashtag of every draft, where posts repeat the same ones. Kept in a rule's ``prepare`` (one per
    run, or per editor session, so bounded: past ``size`` entries it starts afresh)."""

    __slots__ = ("size", "work")

    def __init__(self, work: Callable[[_Key], _Value], size: int = 50_000):
        super().__init__()
        self.work, self.size = work, size

    def __missing__(self, key: _Key) -> _Value:
        if len(self) >= self.size:
            self.clear()
        value = self[key] = self.work(key)
        return value


class Tallies:
    """The Tally (linter.core.repeats) of each rule of one check on one draft, made when the rule first
    has a finding: most drafts have none, and a Tally per rule per draft made for nothing was a
    measurable part of a run. ``rest()`` gives their counted findings in the order of ``rules``."""

    __slots__ = ("_draft", "_limit", "_made", "_rules")

    def __init__(self, rules: tuple[Rule, ...], draft: Draft, limit: int | None) -> None:
        self._rules, self._draft, self._limit = rules, draft, limit
        self._made: dict[str, Tally] = {}

    def __call__(self, rule: Rule) -> Tally:
        made = self._made.get(rule.code)
        if made is None:
            made = self._made[rule.code] = Tally(rule, self._draft, self._limit)
        return made

    def rest(self) -> Iterator[Finding]:
        made = self._made
        for rule in self._rules if made else ():
            if rule.code in made:
                yield from made[rule.code].rest()


def span_finding(rule: Rule, draft: Draft, start: int, end: int, message: str, hint: str | None = None,
                 fix: Fix | None = None, severity: Severity | None = None) -> Finding:
    """A finding that covers ``draft.text[start:end]``."""
    return rule.at(draft.loc_at(start), message, hint, fix, severity, end=draft.loc_at(end))


def excerpt(text: str, limit: int = 40) -> str:
    """A short, one-line quotation of ``text`` for messages."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def starts_sentence(text: str, offset: int) -> bool:
    """Nothing but spaces, bullets or emoji stands between ``offset`` and the start of its line or
    the end of the previous sentence: a capital there is the sentence's, not a name's."""
    at = offset - 1
    while at >= 0 and text[at] != "\n":
        char = text[at]
        if char in ".!?…":
            return True
        if char.isalnum() or char in ",;:":
            return False
        at -= 1
    return True
