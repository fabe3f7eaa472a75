"""PB407: a post about a calendar event goes out before the event's window opens.

A calendar event with ``publish_from`` says how long before its date posts about it may appear
(``0d``: not before the day; applications open that day). Which posts are about it: a draft that
names it (``event: recrutement-saisonniers``), or a draft of the event's ``kind`` on one of its
channels, when that event is the nearest of its kind in time (so a promotion in March is judged
against the nearest promotional event, and only that event's window applies to it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.drafts.parse import Draft
from linter.drafts.queue import Post, Queue
from linter.playbook.model import MINUTES_PER_DAY, CalendarEvent, Playbook
from linter.playbook.values import format_duration, occurrences
from linter.rules.queue._calendar import Dates
from linter.rules.queue._common import _file, _files

_CALL = ("Nous recrutons vingt saisonniers pour la récolte 2027\u202f: ramassage, tri et pressage, sept semaines "
         "à Pacé. Candidatures sur notre site.")
_TEASER = ("Récolte 2027\u202f: nos vingt postes de saisonniers ouvriront le 1er juin. Toutes les conditions seront "
           "sur notre site ce jour-là.")
_SPAN_DAYS = 400  # how far around the queue the calendar is read: a yearly event's previous and next dates

TOO_EARLY = rule(
    "PB407", "before-calendar-window", "A post about a calendar event goes out before the event's window opens.",
    Severity.WARNING,
    what="For each upcoming post about a calendar event that has `publish_from`, compares the post's day with the "
             "event's date minus `publish_from`, and reports a post that comes earlier. A post is about an event "
             "when its front matter names it (`event: <calendar id>`), or when it has the event's `kind`, is on one "
             "of its channels, and the event is the nearest of that kind in time (the event before or after the "
             "post, whichever is closer).",
    why="Some dates open something: applications, a sale, a booking. A recruitment post that goes out before "
            "applications open sends candidates to a form that does not exist yet, and a promotion announced "
            "too early is forgotten when it starts.",
    example_note="In calendar.yml, applications for `recrutement-saisonniers` open on 1 June 2027, and its "
                 "recruitment posts may not go out before that day.",
    example="(calendar.yml: recrutement-saisonniers, kind: recruitment, channels: [linkedin], date: 2027-06-01, "
            "publish_from: 0d)\n" + _files(
                    _file("2027-03-03-saisonniers.md", "linkedin", "recruitment", "2027-03-03T14:30", _CALL)),
    fixed=_files(
        _file("2027-03-03-saisonniers.md", "linkedin", "information", "2027-03-03T14:30", _TEASER),
        _file("2027-06-01-saisonniers.md", "linkedin", "recruitment", "2027-06-01T09:30", _CALL)),
    options="calendar.yml `events[].publish_from` (a duration such as `0d` or `14d`; events without it are not "
                "checked), `kind` and `channels`; the draft's `kind`, `channel(s)` and optional `event`. Severity "
                "in lint.yml.",
    example_file="drafts/")


RULES = (TOO_EARLY,)

_UNSEEN = object()  # no view of the draft: it was not parsed by a worker (tests, the editor)


def per_draft() -> Callable[[Draft], str | None]:
    """What this check needs of a draft, taken where it is parsed: the queue's drafts travel
    without their front matter (see Check)."""
    return event_of


def event_of(draft: Draft) -> str | None:
    """The calendar id the draft names in ``event:``; "" when the field is there but unusable,
    None when it is absent."""
    value = draft.meta.get("event")
    if value is None:
        return None
    return value.strip() if isinstance(value, str) else ""


def check(queue: Queue, playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    events = playbook.calendar.events
    if not queue.upcoming or not any(event.publish_from_minutes is not None for event in events):
        return
    first, last = queue.upcoming[0].day, queue.upcoming[-1].day
    span = dt.timedelta(days=_SPAN_DAYS)
    dates = {event.id: Dates(event, tuple(occurrences(event, first - span, last + span))) for event in events}
    by_kind: dict[str, list[Dates]] = {}
    for item in dates.values():
        if item.event.kind:
            by_kind.setdefault(item.event.kind, []).append(item)
    for post in queue.upcoming:
        found = _about(post, dates, by_kind)
        if found is None:
            continue
        event, day = found
        minutes = event.publish_from_minutes
        if minutes is None:
            continue
        opens = day - dt.timedelta(days=minutes // MINUTES_PER_DAY)
        if post.day < opens:
            yield _finding(post, event, day, opens, minutes, ctx.lang)


def _about(post: Post, dates: dict[str, Dates], by_kind: dict[str, list[Dates]]
           ) -> tuple[CalendarEvent, dt.date] | None:
    """The event the post is about and the date of it that the post announces, if any."""
    seen = post.views.get(__name__, _UNSEEN)
    named = event_of(post.draft) if seen is _UNSEEN else seen
    if named:
        item = dates.get(named)
        if item is None:
            return None  # an unknown id: nothing to compare with
        day = item.next_on_or_after(post.day) or (item.days[-1] if item.days else None)
        return (item.event, day) if day is not None else None
    if named is not None or not post.draft.kind:
        return None
    channels = set(post.draft.channels)
    best: tuple[dt.timedelta, Dates, dt.date] | None = None
    for item in by_kind.get(post.draft.kind, ()):
        day = item.nearest(post.day)
        if day is None:
            continue
        distance = abs(day - post.day)
        if best is None or distance < best[0]:
            best = (distance, item, day)
    if best is None or not channels.intersection(best[1].event.channels):
        return None
    return best[1].event, best[2]


def _finding(post: Post, event: CalendarEvent, day: dt.date, opens: dt.date, minutes: int,
             lang: Language) -> Finding:
    values = {"date": lang.date(post.day), "event": event.title or event.id, "day": lang.date(day),
              "opens": lang.date(opens), "window": format_duration(minutes) if minutes else "0d"}
    message = lang("this {kind} post goes out on {date}, before the window of the calendar's '{event}' ({day}): "
                   "posts about it may come from {opens} (publish_from: {window})", kind=post.draft.kind, **values) \
        if post.draft.kind else lang("this post goes out on {date}, before the window of the calendar's '{event}' "
                                     "({day}): posts about it may come from {opens} (publish_from: {window})",
                                     **values)
    return TOO_EARLY.at(
        post.where(), message,
        lang("Schedule it on or after {opens}, or write it as an announcement of what is coming (another kind). If it "
             "is about something else, name its event with `event:` (calendar.yml, {event}).",
             opens=lang.date(opens), event=event.id))
