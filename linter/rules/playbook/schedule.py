"""PB212: schedules and absences that cannot be right.

The coverage check trusts the weekly schedules; a range written backwards (``18:00-09:00``)
silently covers nothing, two overlapping ranges usually hide a typo, and an absence that ends
before it starts covers no day at all. The build records the first two while parsing; this
module turns them, and backwards absences, into findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import N_, Language
from linter.core.rule import rule
from linter.playbook.model import Playbook
from linter.rules.playbook._common import person_label

SCHEDULE_PROBLEM = rule(
    "PB212", "schedule-problem", "A time range or an absence cannot be right", Severity.ERROR,
    what="In weekly schedules (roles.yml) and service hours (organisation.yml), every range `HH:MM-HH:MM` "
         "must end after it starts and use real times. An absence's `to` must not be before its `from`. "
         "Overlapping ranges on the same day in one person's schedule are reported as a warning.",
    why="The coverage of every channel is computed from these schedules. A range written backwards "
        "covers nothing, so a weekend the team believes covered is in fact left unwatched; an absence "
        "written backwards hides who is away.",
    example="""
people:
  - id: lea
    name: Léa Martin
    roles: [cm-relationnel]
    schedule:
      sat: ["18:00-09:00"]
""",
    fixed="""
people:
  - id: lea
    name: Léa Martin
    roles: [cm-relationnel]
    schedule:
      sat: ["18:00-24:00"]
      sun: ["00:00-09:00"]
""",
    options="None.",
    example_file="roles.yml",
)

RULES = (SCHEDULE_PROBLEM,)

_HINTS = {
    "time-order": N_("Write the start first. A shift across midnight is split in two days, e.g. "
                     "`sat: [\"18:00-24:00\"]` and `sun: [\"00:00-09:00\"]`."),
    "time": N_("Write the range as HH:MM-HH:MM on a 24-hour clock, from 00:00 up to 24:00."),
    "overlap": N_("Merge the two ranges into one, or correct the hour that was mistyped."),
    "day": N_("Use mon, tue, wed, thu, fri, sat or sun."),
}


def _from_issues(playbook: Playbook, lang: Language) -> Iterator[Finding]:
    for issue in playbook.issues:
        if issue.kind not in _HINTS:
            continue
        if issue.kind == "time-order":
            message = lang("in {subject}, the range '{value}' does not end after it starts ({detail})",
                           subject=issue.subject, value=issue.value, detail=issue.detail)
        elif issue.kind == "overlap":
            message = lang("in {subject}, the range '{value}' {detail}", subject=issue.subject, value=issue.value,
                           detail=issue.detail)
        elif issue.kind == "day":
            message = lang("in {subject}, '{value}' is not a day of the week", subject=issue.subject,
                           value=issue.value)
        else:
            message = lang("in {subject}, the range '{value}' cannot be read: {detail}", subject=issue.subject,
                           value=issue.value, detail=issue.detail)
        hint = lang(_HINTS[issue.kind])
        if issue.kind == "day" and issue.choices:
            hint = lang("Did you mean '{choice}'?", choice=issue.choices[0]) + " " + hint
        severity = Severity.WARNING if issue.kind == "overlap" else None
        yield SCHEDULE_PROBLEM.at(issue.loc, message, hint, severity=severity)


def _absences(playbook: Playbook, lang: Language) -> Iterator[Finding]:
    for person in playbook.roles.people:
        for absence in person.absences:
            if absence.start is not None and absence.end is not None and absence.end < absence.start:
                yield SCHEDULE_PROBLEM.at(
                    absence.where("to"),
                    lang("the absence of {person} ends on {end}, before it starts on {start}",
                         person=person_label(person, lang), end=lang.date(absence.end),
                         start=lang.date(absence.start)),
                    lang("Swap the dates: `from` is the first day of absence and `to` the last one (included)."),
                )


def check(playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    yield from _from_issues(playbook, ctx.lang)
    yield from _absences(playbook, ctx.lang)
