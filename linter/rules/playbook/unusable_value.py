"""PB215: values the schema accepts by their shape but that mean nothing.

A JSON Schema can check that a time zone looks like ``Area/City`` or that a recurrence looks
like ``KEY=VALUE;...``; it cannot know whether ``Europe/Pariss`` exists or whether
``FREQ=SOMETIMES`` repeats at all. The build tries each such value once and records failures;
this module reports them, along with calendar events that cannot be placed on a date.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import N_, Language
from linter.core.rule import rule
from linter.playbook.model import Playbook
from linter.playbook.rrule_wording import rrule_problem

INVALID_VALUE = rule(
    "PB215", "unusable-value", "A value has the right shape but cannot be used", Severity.ERROR,
    what="Reports values a schema cannot judge: a `timezone` in organisation.yml that is not in the IANA "
         "time zone database, a calendar `recurrence` that is not a valid RFC 5545 rule, a recurrence "
         "without its `start` date, a calendar event with neither `date` nor `recurrence`, and dates, "
         "date-times or durations that cannot be read.",
    why="Times in the playbook (on-duty schedules, crisis start, the annual calendar) are only meaningful "
        "in the right time zone and on real dates. A value the tools cannot read would silently drop an "
        "event from the calendar or shift every schedule by hours.",
    example="""
timezone: Europe/Pariss
""",
    fixed="""
timezone: Europe/Paris
""",
    options="None.",
    example_file="organisation.yml",
)

RULES = (INVALID_VALUE,)

_HINTS = {
    "timezone": N_("Use a name from the IANA time zone database, such as Europe/Paris, Europe/Brussels, "
                   "Europe/Zurich or America/Montreal."),
    "rrule": N_("Write the rule like `FREQ=YEARLY;BYMONTH=10;BYDAY=3SA` (the third Saturday of October); "
                "FREQ is YEARLY, MONTHLY, WEEKLY or DAILY."),
    "date": N_("Write the date as YYYY-MM-DD, for example 2027-06-30."),
    "datetime": N_("Write the date and time as YYYY-MM-DDTHH:MM with its offset, for example "
                   "2027-06-30T14:30:00+02:00."),
    "duration": N_("Write a number followed by min, h or d: 30min, 2h, 1d."),
}


def _from_issues(playbook: Playbook, lang: Language) -> Iterator[Finding]:
    for issue in playbook.issues:
        hint = _HINTS.get(issue.kind)
        if hint is None:
            continue
        hint = lang(hint)
        if issue.kind == "timezone":
            message = lang("'{value}' is not a time zone of the IANA time zone database", value=issue.value)
            if issue.choices:
                hint = lang("Did you mean '{choice}'?", choice=issue.choices[0]) + " " + hint
        elif issue.kind == "rrule":
            message = lang("the recurrence '{value}' of {subject} is not a valid RFC 5545 rule ({detail})",
                           value=issue.value, subject=issue.subject, detail=rrule_problem(issue.detail, lang))
        else:
            message = lang("{subject} ('{value}') cannot be read: {detail}", subject=issue.subject,
                           value=issue.value, detail=issue.detail)
        yield INVALID_VALUE.at(issue.loc, message, hint)


def _events(playbook: Playbook, lang: Language) -> Iterator[Finding]:
    for event in playbook.calendar.events:
        if event.recurrence is not None and event.start is None and not event.wrote("start"):
            yield INVALID_VALUE.at(
                event.where("recurrence"),
                lang("the calendar event '{event}' repeats but has no start date, so it cannot be placed in the "
                     "calendar", event=event.id),
                lang("Add `start:` with the date of the first occurrence (YYYY-MM-DD)."),
            )
        if event.recurrence is None and not event.wrote("date"):
            yield INVALID_VALUE.at(
                event.loc,
                lang("the calendar event '{event}' has neither a date nor a recurrence", event=event.id),
                lang("Add `date:` (YYYY-MM-DD) for a one-off event, or `recurrence:` and `start:` for a "
                     "repeating one."),
            )


def check(playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    yield from _from_issues(playbook, ctx.lang)
    yield from _events(playbook, ctx.lang)
