"""PB217: at every hour the escalation chain promises, each crisis phase's owner can act in time.

The escalation chain says when it acts (``hours`` on its steps: ``always`` or a set of service
hours); a crisis that starts then must find, for each phase, someone holding the phase's owner
profile who can act within the phase's ``max_delay``: on duty now or starting within the delay, or
on call. An on-call rota (roles.yml ``on_call``) covers a profile only when every one of its people
holds it (any of them may be the one on call that week), has a phone, and can act within the
delay. Interns never count: an intern must not carry a crisis alone. The week is a typical one:
absences are PB210's and PB213's business.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.playbook.model import MINUTES_PER_DAY, MINUTES_PER_WEEK, OnCall, Phase, Playbook, WeeklyHours
from linter.playbook.values import format_duration, merge_intervals, subtract_hours, union_hours
from linter.rules.playbook._common import and_list, file_name

UNREACHABLE = rule(
    "PB217", "crisis-unreachable", "A crisis phase's owner cannot be reached in time at hours the escalation "
    "chain promises", Severity.ERROR,
    what="""For each crisis phase, takes the hours the escalation chain promises to act (the `hours` of its
    steps: `always` or a set of service hours of organisation.yml) and checks that, at every minute of
    them, someone who holds the phase's `owner` profile and is not an intern can act within the phase's
    `max_delay`: on duty (their roles.yml schedule starts within the delay) or on call (a roles.yml
    `on_call` rota whose people all hold the profile and have a `phone`, and whose `delay` is within the
    phase's). Reports the uncovered stretches of the week on the phase's owner; also reports an on-call
    rota that names someone unknown or without a phone.""",
    why="""A bad buzz does not wait for Monday: acting at birth can stop it, and a few hours later it is
    too late. When the plan promises "quel que soit le jour ou l'heure", someone must really be able to
    pick up the phone at 2 a.m. on a Saturday, or the promise is only words.""",
    example="""
escalation:
  - role: expert-com
    when: Dès le premier signal, quel que soit le jour ou l'heure.
    hours: always
""",
    fixed="""
escalation:
  - role: expert-com
    when: Dès le premier signal, aux heures de bureau.
    hours: bureau
""",
    options="""crisis.yml `escalation[].hours`, `phases[].owner` and `phases[].max_delay`; roles.yml
    `people[].schedule`, `intern`, `phone` and `on_call` (`people`, `hours`, `delay`); organisation.yml
    `service_hours`. To keep an "always" promise, add an on-call rota rather than narrowing the hours.""",
    example_file="crisis.yml",
)

RULES = (UNREACHABLE,)

_SHOWN = 3  # stretches named in a message; the rest are counted


def check(playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    yield from _rotas(playbook, ctx.lang)
    promised = union_hours(hours for hours in (playbook.hours(step.hours) for step in playbook.crisis.escalation
                                                if step.hours) if hours is not None)
    if not promised.intervals:
        return
    for phase in playbook.crisis.phases:
        if not phase.owner or phase.max_delay_minutes is None or playbook.profile(phase.owner) is None:
            continue  # PB205, PB206 and PB202 say what is missing
        missing = subtract_hours(promised, reachable(playbook, phase.owner, phase.max_delay_minutes))
        if missing.intervals:
            yield _finding(playbook, phase, missing, ctx.lang)


def reachable(playbook: Playbook, profile: str, delay: int) -> WeeklyHours:
    """The minutes of the week at which someone holding ``profile`` can act within ``delay``."""
    people = [person for person in playbook.roles.people if profile in person.roles and not person.intern]
    intervals: list[tuple[int, int]] = []
    for person in people:
        for start, end in person.schedule.intervals:
            intervals.extend(_wrapped(start - delay, end))  # someone starting within the delay can act
    for rota in playbook.roles.on_call:
        if _rota_covers(playbook, rota, profile, delay):
            intervals.extend(rota.hours.intervals)
    return WeeklyHours(merge_intervals(intervals))


def _wrapped(start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` in minutes of the week, split where it crosses Monday 00:00."""
    if end - start >= MINUTES_PER_WEEK:
        return [(0, MINUTES_PER_WEEK)]
    if start >= 0:
        return [(start, end)]
    return [(start + MINUTES_PER_WEEK, MINUTES_PER_WEEK), (0, end)]


def _rota_covers(playbook: Playbook, rota: OnCall, profile: str, delay: int) -> bool:
    if rota.delay_minutes is None or rota.delay_minutes > delay or not rota.people:
        return False
    people = [playbook.person(person_id) for person_id in rota.people]
    return all(person is not None and profile in person.roles and not person.intern and person.phone
               for person in people)


def _rotas(playbook: Playbook, lang: Language) -> Iterator[Finding]:
    roles_file = file_name(playbook, "roles")
    for rota in playbook.roles.on_call:
        for index, person_id in enumerate(rota.people):
            person = playbook.person(person_id)
            where = rota.where("people", index)
            if person is None:
                yield UNREACHABLE.at(where, lang("the on-call rota '{rota}' names '{person}', who is not among the "
                                                 "people of {roles}", rota=rota.id, person=person_id, roles=roles_file),
                                     lang("Use the id of a person from `people`."))
            elif not person.phone:
                yield UNREACHABLE.at(where, lang("{person} is on call in '{rota}' but has no phone number: nobody can "
                                                 "call them", person=person.name or person.id, rota=rota.id),
                                     lang("Add `phone:` to {person} in {roles}.", person=person.id, roles=roles_file))
            elif person.intern:
                yield UNREACHABLE.at(where, lang("{person} is an intern and cannot be on call alone ('{rota}')",
                                                 person=person.name or person.id, rota=rota.id),
                                     lang("Put confirmed members of the team on call; an intern joins them, never "
                                          "alone."))


def _finding(playbook: Playbook, phase: Phase, missing: WeeklyHours, lang: Language) -> Finding:
    stretches = _stretches(missing, lang)
    more = len(stretches) - _SHOWN
    shown = and_list(stretches[:_SHOWN], lang) if more <= 0 else lang.plural(
        "{stretches} and {count} more stretch", "{stretches} and {count} more stretches", more,
        stretches=", ".join(stretches[:_SHOWN]))
    delay = format_duration(phase.max_delay_minutes or 0)
    return UNREACHABLE.at(
        phase.where("owner"),
        lang("nobody holding '{owner}' can act on the '{phase}' phase within {delay} {stretches}, while the "
             "escalation chain promises to act then", owner=phase.owner, phase=phase.name or phase.id, delay=delay,
             stretches=shown),
        lang("Add an on-call rota in {roles} (`on_call`: people who all hold '{owner}', with a phone, and a delay of "
             "at most {delay}), extend someone's schedule, or promise fewer hours (`hours` of the escalation steps "
             "in {crisis}).", roles=file_name(playbook, "roles"), owner=phase.owner, delay=delay,
             crisis=file_name(playbook, "crisis")))


def _stretches(missing: WeeklyHours, lang: Language) -> list[str]:
    """Human stretches, a stretch that runs over Sunday midnight joined with Monday's start."""
    intervals = list(missing.intervals)
    if len(intervals) > 1 and intervals[0][0] == 0 and intervals[-1][1] == MINUTES_PER_WEEK:
        last = intervals.pop()
        first = intervals.pop(0)
        intervals.append((last[0], first[1] + MINUTES_PER_WEEK))
    if intervals == [(0, MINUTES_PER_WEEK)]:
        return [lang("at any hour of the week")]
    return [lang("from {start} to {end}", start=_moment(start, lang), end=_moment(end, lang))
            for start, end in intervals]


def _moment(minute: int, lang: Language) -> str:
    minute %= MINUTES_PER_WEEK
    day, rest = divmod(minute, MINUTES_PER_DAY)
    return lang("{day} {time}", day=lang.weekday(day), time=lang.clock(rest))
