"""Helpers shared by the draft rules (PB3xx): declaring a rule, finding a draft's channels.

Private (leading underscore, neither ``RULES`` nor ``check``): the registry and the linter
skip it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.core.findings import Finding, Fix, Severity
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
