"""Calendar feeds (RFC 5545) any staff member can subscribe to: publications and on-duty rota.

Built with the icalendar library rather than by hand: folding, escaping and time zones are
where hand-written .ics files break. Output is reproducible: UIDs come from playbook ids and
DTSTAMP from the build's ``today``, so an unchanged playbook gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from linter.core.i18n import Language
from linter.playbook.model import DAYS, MINUTES_PER_DAY, Playbook
from linter.playbook.values import zone
from linter.site.markup import slug
from linter.site.pages.common import EVENT_KINDS, channel_short, label_text
from linter.site.pages.on_duty import day_ranges, on_duty_people

if TYPE_CHECKING:
    from icalendar import Calendar

PRODID = "-//playbook-linter//Playbook//{language}"


def _calendar(lang: Language, name: str, description: str, tz_name: str | None = None) -> Calendar:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID.format(language=lang.code.upper()))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _one_line(name))
    calendar.add("x-wr-caldesc", _one_line(description))
    if tz_name:
        calendar.add("x-wr-timezone", _one_line(tz_name))
    return calendar


def _one_line(text: str) -> str:
    """``text`` on one line: icalendar writes the X-WR properties as they are, and a line break
    there (a YAML `name: "…\\n"` passes validation) broke the whole feed, and with it the site build."""
    return " ".join(re.split(r"[^\S\u00a0\u202f]+", text)).strip()  # no-break spaces are kept


def _domain(playbook: Playbook) -> str:
    return f"{slug(playbook.organisation.name or 'playbook')}.playbook"


def _stamp(today: dt.date) -> dt.datetime:
    return dt.datetime.combine(today, dt.time(), dt.UTC)


def publications_ics(playbook: Playbook, today: dt.date, lang: Language) -> bytes:
    """Every event of calendar.yml: all-day events, recurring ones with their RRULE."""
    from icalendar import Event, vRecur

    org = playbook.organisation.name or "Playbook"
    calendar = _calendar(lang, lang("Posts — {organisation}", organisation=org),
                         lang("Publishing calendar of {organisation} on social media.", organisation=org))
    for event in playbook.calendar.events:
        first = event.date or event.start
        if first is None:
            continue
        item = Event()
        item.add("uid", f"publication-{event.id}@{_domain(playbook)}")
        item.add("dtstamp", _stamp(today))
        item.add("summary", _one_line(event.title or event.id))
        item.add("dtstart", first)
        item.add("dtend", first + dt.timedelta(days=1))
        item.add("transp", "TRANSPARENT")
        if event.date is None and event.recurrence:
            try:
                rule = vRecur.from_ical(event.recurrence.strip())
            except (ValueError, TypeError):
                rule = None
            if rule is not None:
                until = rule.get("UNTIL")
                if until:  # with an all-day DTSTART, UNTIL must be a date too (RFC 5545 3.3.10)
                    rule["UNTIL"] = [value.date() if isinstance(value, dt.datetime) else value for value in until]
                item.add("rrule", rule)
        lines = []
        if event.theme:
            lines.append(event.theme)
        channels = [channel_short(channel) if (channel := playbook.channel(c)) else c for c in event.channels]
        if channels:
            lines.append(lang("Channels: {channels}", channels=", ".join(channels)))
        if event.owner:
            profile = playbook.profile(event.owner)
            lines.append(lang("Owner: {owner}", owner=profile.name if profile and profile.name else event.owner))
        if lines:
            item.add("description", "\n".join(lines))
        if event.kind:
            item.add("categories", [label_text(lang, EVENT_KINDS, event.kind)])
        calendar.add_component(item)
    return calendar.to_ical()


def _week_start(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=today.weekday())


def rota_ics(playbook: Playbook, today: dt.date, lang: Language) -> bytes:
    """One weekly recurring event per person and time range; absence days are excluded."""
    from icalendar import Event

    org = playbook.organisation.name or "Playbook"
    tz_name = playbook.organisation.timezone
    tz = zone(tz_name) or ZoneInfo("UTC")
    calendar = _calendar(lang, lang("On duty — {organisation}", organisation=org),
                         lang("Who is on duty on the social media of {organisation}, week after week.",
                              organisation=org),
                         tz_name if zone(tz_name) else "UTC")
    monday = _week_start(today)
    for person in on_duty_people(playbook):
        roles = [playbook.profile(role) for role in person.roles]
        role_names = [profile.name for profile in roles if profile is not None and profile.name]
        absent = [(absence.start, absence.end) for absence in person.absences if absence.start and absence.end]
        for day_index in range(7):
            first_day = monday + dt.timedelta(days=day_index)
            for start, end in day_ranges(person.schedule, day_index):
                item = Event()
                item.add("uid", f"permanence-{person.id}-{DAYS[day_index]}-{start:04d}@{_domain(playbook)}")
                item.add("dtstamp", _stamp(today))
                item.add("summary", _one_line(lang("On duty: {person}", person=person.name or person.id)))
                begin = dt.datetime.combine(first_day, dt.time(start // 60, start % 60), tz)
                finish = (dt.datetime.combine(first_day + dt.timedelta(days=1), dt.time(), tz) if end == MINUTES_PER_DAY
                          else dt.datetime.combine(first_day, dt.time(end // 60, end % 60), tz))
                item.add("dtstart", begin)
                item.add("dtend", finish)
                item.add("rrule", {"freq": "weekly"})
                excluded = []
                for absence_start, absence_end in absent:
                    day = max(absence_start, first_day)
                    day += dt.timedelta(days=(first_day.weekday() - day.weekday()) % 7)
                    while day <= absence_end:
                        excluded.append(dt.datetime.combine(day, begin.timetz()).replace(tzinfo=tz))
                        day += dt.timedelta(days=7)
                if excluded:
                    item.add("exdate", excluded)
                if role_names:
                    roles_line = lang("Roles: {roles}", roles=", ".join(role_names))
                    contact = lang("Contact: {email}", email=person.email) if person.email else ""
                    item.add("description", roles_line + (f"\n{contact}" if contact else ""))
                item.add("transp", "TRANSPARENT")
                calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
