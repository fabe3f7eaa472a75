"""PB402: each active channel gets the number of posts a week its cadence sets."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.rule import Rule, rule
from linter.drafts.queue import Post, Queue
from linter.playbook.model import Playbook
from linter.rules.queue._common import (
    _CELLAR,
    _ORCHARD,
    _PORTRAIT,
    _RECIPE,
    _file,
    _files,
    _monday,
    _paths,
    _week,
)

CADENCE = rule(
    "PB402", "cadence", "A channel gets fewer or more posts in a calendar week than its cadence.",
    Severity.WARNING,
    what="Counts the posts of each active channel per calendar week (Monday to Sunday, in the organisation's "
             "time zone) over the queue, from now to the last scheduled post. A week with more than "
             "`cadence.max_per_week` posts is reported on the first post too many. A week with fewer than "
             "`cadence.min_per_week` is reported on its first post; a week with no post at all on the first post "
             "after it (or the last post before it, at the end of the queue), and consecutive empty weeks are "
             "reported together. Only whole weeks are judged for the minimum: the week already under way and a "
             "week the queue does not reach to its Sunday are not. A channel with no dated draft at all is not "
             "judged: the linter cannot tell a channel drafted elsewhere from a forgotten one.",
    why="Content must be constant: a page that floods its followers one week and falls silent the next loses "
            "them both ways. The cadence written in channels.yml is the promise the team made for each channel.",
    example="(channels.yml: facebook cadence: {min_per_week: 2, max_per_week: 5})\n" + _files(
            _file("2027-01-04-verger.md", "facebook", "information", "2027-01-04T10:00", _ORCHARD),
            _file("2027-01-11-recette.md", "facebook", "information", "2027-01-11T10:00", _RECIPE),
            _file("2027-01-14-portrait.md", "facebook", "information", "2027-01-14T10:00", _PORTRAIT)),
    fixed=_files(
            _file("2027-01-04-verger.md", "facebook", "information", "2027-01-04T10:00", _ORCHARD),
            _file("2027-01-07-cave.md", "facebook", "information", "2027-01-07T10:00", _CELLAR),
            _file("2027-01-11-recette.md", "facebook", "information", "2027-01-11T10:00", _RECIPE),
            _file("2027-01-14-portrait.md", "facebook", "information", "2027-01-14T10:00", _PORTRAIT)),
    options="channels.yml `cadence.min_per_week` and `cadence.max_per_week` of each channel (a bound that is "
                "not set is not checked); organisation.yml `timezone` decides where weeks start. Severity in "
                "lint.yml.",
    example_file="drafts/")


RULES = (CADENCE,)


def check(queue: Queue, playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    if queue.upcoming:
        yield from _cadence(queue.upcoming_by_channel, playbook, queue.now_local, queue.upcoming[-1], ctx.lang)

def _cadence(by_channel: dict[str, list[Post]], playbook: Playbook, now_local: dt.datetime,
             last: Post, lang: Language) -> Iterator[Finding]:
    last_day = last.day
    for channel_id, posts in by_channel.items():
        channel = playbook.channel(channel_id)
        if not posts or channel is None or not channel.active or channel.cadence is None:
            continue
        cadence, label = channel.cadence, channel.label
        weeks: dict[dt.date, list[Post]] = defaultdict(list)
        for post in posts:
            weeks[_monday(post.day)].append(post)
        if cadence.max_per_week is not None:
            for monday in sorted(weeks):
                items = weeks[monday]
                if len(items) > cadence.max_per_week:
                    extra = len(items) - cadence.max_per_week
                    others = _paths(items[cadence.max_per_week:], lang)
                    yield CADENCE.at(
                        items[cadence.max_per_week].where(),
                        lang("{count} posts on {channel} in {week}; the cadence allows at most {most} a week",
                             count=len(items), channel=label, week=_week(monday, lang), most=cadence.max_per_week),
                        lang.plural("Move {count} of them to a quieter week ({paths}), or raise "
                                    "cadence.max_per_week in channels.yml.",
                                    "Move {count} of them to a quieter week ({paths}), or raise "
                                    "cadence.max_per_week in channels.yml.",
                                    extra, paths=others))
        if not cadence.min_per_week:
            continue
        # Whole weeks only: from the first Monday not before now to the last week whose Sunday
        # the queue reaches. Empty stretches are computed between the weeks that have posts,
        # so a far-future typo (2207 for 2027) costs nothing.
        first = _monday(now_local.date())
        if dt.datetime.combine(first, dt.time()) < now_local:
            first += dt.timedelta(days=7)
        final = _monday(last_day) - dt.timedelta(days=0 if last_day.weekday() == 6 else 7)
        days = [post.day for post in posts]
        cursor = first
        for monday in sorted(m for m in weeks if first <= m <= final):
            if monday > cursor:
                yield _empty_weeks(CADENCE, posts, days, cursor, monday - dt.timedelta(days=7), label,
                                   cadence.min_per_week, lang)
            count = len(weeks[monday])
            if count < cadence.min_per_week:
                missing = cadence.min_per_week - count
                week = _week(monday, lang)
                yield CADENCE.at(
                    weeks[monday][0].where(),
                    lang.plural("only {count} post on {channel} in {week}; the cadence asks for at least {least} a "
                                "week",
                                "only {count} posts on {channel} in {week}; the cadence asks for at least {least} a "
                                "week", count, channel=label, week=week, least=cadence.min_per_week),
                    lang.plural("Add {count} post to that week, or lower cadence.min_per_week in channels.yml.",
                                "Add {count} posts to that week, or lower cadence.min_per_week in channels.yml.",
                                missing))
            cursor = monday + dt.timedelta(days=7)
        if cursor <= final:
            yield _empty_weeks(CADENCE, posts, days, cursor, final, label, cadence.min_per_week, lang)


def _empty_weeks(rule: Rule, posts: list[Post], days: list[dt.date], start: dt.date, end: dt.date, label: str,
                 wanted: int, lang: Language) -> Finding:
    """Weeks ``start``..``end`` (Mondays) have no post: report on the first post after them, or
    on the last one before them when the channel has nothing later."""
    after = bisect.bisect_right(days, end + dt.timedelta(days=6))
    anchor = posts[after] if after < len(posts) else posts[after - 1]
    weeks = (end - start).days // 7 + 1
    if weeks == 1:
        span = _week(start, lang)
    else:
        span = lang("the {count} weeks from week {first} to week {last} ({dates})", count=weeks,
                    first=start.isocalendar().week, last=end.isocalendar().week,
                    dates=lang.date_range(start, end + dt.timedelta(days=6)))
    return rule.at(anchor.where(),
                   lang("no post on {channel} in {span}; the cadence asks for at least {least} a week",
                        channel=label, span=span, least=wanted),
                   lang.plural("Schedule at least {count} post a week on {channel}, or lower cadence.min_per_week "
                               "in channels.yml if the channel may rest.",
                               "Schedule at least {count} posts a week on {channel}, or lower cadence.min_per_week "
                               "in channels.yml if the channel may rest.", wanted, channel=label))
