"""The dated queue of drafts, sorted once: what every queue rule (PB4xx) reads.

Which drafts count (one decision for every rule, so users can predict the results):

* Only drafts with a ``publish_at`` take part; an undated draft is an idea, not a schedule.
* A draft is *upcoming* when ``publish_at >= ctx.now``. Findings are only ever placed on
  upcoming drafts: a post in the past is published (or missed) and no edit changes that.
* Past drafts are ignored by cadence (PB402, PB403), coverage (PB404) and the crisis freeze
  (PB405): those rules judge what is still ahead of us, from now on.
* Past drafts still count as *context* where readers really saw them: inside a PB401 window
  that reaches back before now (so the numbers in the message are true for the dates it
  names), and as the earlier copy in PB406 (re-using a text already published on another
  channel is still the same text everywhere).
* Promotional means ``kind: promo`` **or** ``sponsored: true``: a paid partnership is
  advertising to the reader whatever the team calls it.
* A draft on several channels counts once on each channel for the per-channel rules. Only
  channels declared in channels.yml are judged (an unknown channel is a draft rule's finding),
  and cadence is only judged on active channels.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from linter.core.findings import Loc
from linter.drafts.parse import Draft


@dataclass(frozen=True)
class Post:
    """A dated draft as the queue rules see it: its instant, its wall-clock time, its nature."""

    draft: Draft
    at: dt.datetime  # aware
    zone: dt.tzinfo  # the organisation's
    promo: bool
    upcoming: bool
    order: int  # position in the sorted queue: a total order even when times are equal
    views: Mapping[str, Any]  # the queue checks' views of the draft, by module (see Check.per_draft)

    @functools.cached_property
    def local(self) -> dt.datetime:
        """The naive wall-clock time in the organisation's zone, worked out on first use (PB406 needs
        it only for the posts it reports, and a conversion to a named zone costs microseconds)."""
        return local_time(self.at, self.zone)

    @property
    def day(self) -> dt.date:
        return self.local.date()

    @property
    def path(self) -> str:
        return self.draft.path

    def where(self) -> Loc:
        return self.draft.meta_loc("publish_at")


_NO_VIEWS: Mapping[str, Any] = {}
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def zone_of(name: str | None) -> dt.tzinfo:
    try:
        return ZoneInfo(name) if name else dt.UTC
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return dt.UTC  # an unknown zone is reported by the playbook checks


def aware(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def local_time(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def is_promo(draft: Draft) -> bool:
    return draft.kind == "promo" or bool(draft.sponsored)


def _sorted_posts(drafts: Sequence[Draft], zone: dt.tzinfo, now: dt.datetime,
           views: Sequence[Mapping[str, Any]] | None = None) -> list[Post]:
    dated = [(aware(d.publish_at, zone), d.path, i, d) for i, d in enumerate(drafts)
             if isinstance(d.publish_at, dt.datetime)]
    # Sorted on the instants as durations since 1970 (UTC): the same order as the aware times,
    # whose every comparison would work out both offsets again.
    dated.sort(key=lambda item: (item[0] - EPOCH, item[1], item[2]))
    return [Post(d, at, zone, is_promo(d), at >= now, order, views[i] if views is not None else _NO_VIEWS)
            for order, (at, _, i, d) in enumerate(dated)]



@dataclass(frozen=True)
class Queue:
    """Every dated draft sorted by time, grouped the ways the rules read them, judged at ``now``.

    ``split``: the run has a core to spare, so a rule that searches the whole queue may share its
    search out with a forked copy of itself (PB406).
    """

    posts: tuple[Post, ...]
    zone: dt.tzinfo
    now: dt.datetime  # aware
    split: bool = False

    @functools.cached_property
    def by_channel(self) -> dict[str, list[Post]]:
        result: dict[str, list[Post]] = defaultdict(list)
        for post in self.posts:
            for channel in dict.fromkeys(post.draft.channels):
                result[channel].append(post)
        return result

    @functools.cached_property
    def upcoming(self) -> list[Post]:
        return [post for post in self.posts if post.upcoming]

    @functools.cached_property
    def upcoming_by_channel(self) -> dict[str, list[Post]]:
        return {cid: [post for post in items if post.upcoming] for cid, items in self.by_channel.items()}

    @property
    def now_local(self) -> dt.datetime:
        return local_time(self.now, self.zone)


def build_queue(drafts: Sequence[Draft], timezone: str | None, now: dt.datetime,
                views: Sequence[Any] | None = None, split: bool = False) -> Queue:
    """The queue of these drafts at ``now``; ``views`` (one per draft) is what a queue rule's
    ``per_draft`` function made of each draft where it was parsed (see linter.drafts.run)."""
    zone = zone_of(timezone)
    now = aware(now, zone)
    return Queue(tuple(_sorted_posts(drafts, zone, now, views)), zone, now, split)
