"""PB408: a channel the calendar names stays silent on the day of a calendar event.

The calendar lists the important and recurring publications prepared in advance, each with its
channels. Between now and the last post of the queue (the stretch the team has planned), every
date of an event must see at least one post on each of its active channels. Later dates are not
judged: the drafts for them are simply not written yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.rule import rule
from linter.drafts.queue import Post, Queue
from linter.playbook.model import Playbook
from linter.playbook.values import occurrences
from linter.rules.queue._common import _file, _files

_RELAY = "Le mot du verger de janvier est en ligne sur le Carnet\u202f: la taille des pommiers a commencé."
_ARTICLE = "Le mot du verger, janvier\u202f: la taille des pommiers commence, et les cuves de la récolte reposent."
_BEFORE = "Les vergers sont au repos\u202f: c'est le moment de tailler les pommiers, rang après rang."

SILENT = rule(
    "PB408", "calendar-day-silent", "A channel the calendar names has no post on the day of a calendar event.",
    Severity.WARNING,
    what="For each date of a calendar event between now and the last scheduled post of the queue, and each active "
             "channel the event names, looks for a post on that channel on that day (in the organisation's time "
             "zone). A channel without one is reported on its post nearest to that day (or on the nearest post of "
             "the queue when the channel has none).",
    why="The calendar is where the team agreed on its important publications; a date that passes in silence on a "
            "channel it names is a promise missed, often because the draft was never written or went to another "
            "channel.",
    example_note="In calendar.yml, `mot-du-verger` comes back on the first Tuesday of each month, on the blog and "
                 "on Facebook; on Tuesday 5 January only the blog has a post.",
    example="(calendar.yml: mot-du-verger, recurrence: FREQ=MONTHLY;BYDAY=1TU, channels: [blog, facebook])\n"
            + _files(
        _file("2027-01-04-taille.md", "facebook", "information", "2027-01-04T10:00", _BEFORE),
        _file("2027-01-05-mot-du-verger.md", "blog", "information", "2027-01-05T09:30", _ARTICLE)),
    fixed=_files(
        _file("2027-01-04-taille.md", "facebook", "information", "2027-01-04T10:00", _BEFORE),
        _file("2027-01-05-mot-du-verger.md", "blog", "information", "2027-01-05T09:30", _ARTICLE),
        _file("2027-01-05-relais.md", "facebook", "information", "2027-01-05T11:00", _RELAY)),
    options="calendar.yml `events` (`date` or `recurrence` and `start`, `channels`); channels.yml `status` (only "
                "active channels are judged). Severity in lint.yml.",
    example_file="drafts/")


RULES = (SILENT,)


def check(queue: Queue, playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    if not queue.upcoming or not playbook.calendar.events:
        return
    lang = ctx.lang
    first, last = queue.now_local.date(), queue.upcoming[-1].day
    days_by_channel: dict[str, set[dt.date]] = {
        channel_id: {post.day for post in posts} for channel_id, posts in queue.upcoming_by_channel.items()}
    for event in playbook.calendar.events:
        channels = [channel for channel in map(playbook.channel, dict.fromkeys(event.channels))
                    if channel is not None and channel.active]
        if not channels:
            continue
        for day in occurrences(event, first, last):
            for channel in channels:
                if day in days_by_channel.get(channel.id, ()):
                    continue
                near = _nearest(queue.upcoming_by_channel.get(channel.id) or queue.upcoming, day)
                yield SILENT.at(
                    near.where(),
                    lang("nothing is scheduled on {channel} on {day}, the day of the calendar's '{event}'",
                         channel=channel.label, day=lang.date(day, "full"), event=event.title or event.id),
                    lang("Schedule a post on {channel} that day, or take {id} out of the event's channels in "
                         "calendar.yml ({event}).", channel=channel.label, id=channel.id, event=event.id))


def _nearest(posts: list[Post], day: dt.date) -> Post:
    return min(posts, key=lambda post: (abs((post.day - day).days), post.order))
