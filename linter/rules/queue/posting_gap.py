"""PB403: a channel never stays silent longer than its cadence's max_gap_days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.drafts.queue import Post, Queue, local_time
from linter.playbook.model import Playbook
from linter.rules.queue._common import (
    _CELLAR,
    _ORCHARD,
    _RECIPE,
    _days,
    _file,
    _files,
    _when,
)

GAP = rule("PB403", "posting-gap", "A channel stays silent longer than its cadence's max_gap_days.", Severity.INFO,
    what="For each active channel with `cadence.max_gap_days`, measures the time between now and its first "
             "scheduled post, between consecutive posts, and between its last post and the end of the queue (the "
             "last post scheduled on any channel). A longer silence is reported on the post after the gap, or on "
             "the channel's last post for a silence at the end of the queue. It is information by default: a gap "
             "often only means that the next drafts are not written yet.",
    why="A community left without news for too long drifts away, and a silent page looks abandoned to anyone "
            "who comes to ask a question. Regular posting is part of the editorial charter.",
    example="(channels.yml: facebook cadence: {max_gap_days: 7})\n" + _files(
            _file("2027-01-04-verger.md", "facebook", "information", "2027-01-04T10:00", _ORCHARD),
            _file("2027-01-15-recette.md", "facebook", "information", "2027-01-15T10:00", _RECIPE)),
    fixed=_files(
            _file("2027-01-04-verger.md", "facebook", "information", "2027-01-04T10:00", _ORCHARD),
            _file("2027-01-09-cave.md", "facebook", "information", "2027-01-09T10:00", _CELLAR),
            _file("2027-01-15-recette.md", "facebook", "information", "2027-01-15T10:00", _RECIPE)),
    options="channels.yml `cadence.max_gap_days` of each channel (not set: not checked). Severity in lint.yml "
                "(raise it to warning once the queue is planned weeks ahead).",
    example_file="drafts/")


RULES = (GAP,)


def check(queue: Queue, playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    if queue.upcoming:
        yield from _gaps(queue.upcoming_by_channel, playbook, queue.now, queue.zone, queue.upcoming[-1], ctx.lang)

def _gaps(by_channel: dict[str, list[Post]], playbook: Playbook, now: dt.datetime, zone: dt.tzinfo,
          last: Post, lang: Language) -> Iterator[Finding]:
    for channel_id, posts in by_channel.items():
        channel = playbook.channel(channel_id)
        if (not posts or channel is None or not channel.active or channel.cadence is None
                or channel.cadence.max_gap_days is None):
            continue
        most = channel.cadence.max_gap_days
        limit, label = dt.timedelta(days=most), channel.label
        rule = lang.plural("the cadence allows at most {count} day without a post",
                           "the cadence allows at most {count} days without a post", most)
        hint = lang("Schedule a post on {channel} during that time, or raise cadence.max_gap_days in channels.yml if "
                    "the channel may rest that long.", channel=label)
        previous: Post | None = None
        for post in posts:
            start = previous.at if previous is not None else now
            gap = post.at - start
            if gap > limit:
                if previous is None:
                    message = lang("nothing is scheduled on {channel} for {days}, from now ({now}) until this post; "
                                   "{rule}", channel=label, days=_days(gap, lang),
                                   now=_when(local_time(now, zone), lang), rule=rule)
                else:
                    message = lang("{days} without a post on {channel} before this one (the previous is {path}, "
                                   "{when}); {rule}", days=_days(gap, lang), channel=label, path=previous.path,
                                   when=_when(previous.local, lang), rule=rule)
                yield GAP.at(post.where(), message, hint)
            previous = post
        tail = last.at - posts[-1].at
        if tail > limit:
            yield GAP.at(posts[-1].where(),
                         lang("nothing is scheduled on {channel} for {days} after this post, while the queue runs "
                              "until {when}; {rule}", channel=label, days=_days(tail, lang),
                              when=_when(last.local, lang), rule=rule), hint)
