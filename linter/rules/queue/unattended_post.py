"""PB404: a post goes out when someone is on duty to answer the reactions.

An intern on duty does not count on their own: the charter says an intern or a work-study
student never stays alone on duty (DOMAIN: an intern alone, unsupervised, is a risk, above all
in a crisis). A moment covered by interns only is reported, and the message says so, since the
fix differs: plan their tutor beside them rather than move the post.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.drafts.queue import Post, Queue, local_time
from linter.playbook.model import MINUTES_PER_DAY, Playbook
from linter.rules.queue._common import (
    _COVERAGE_HORIZON_DAYS,
    _WORKSHOP,
    _day_name,
    _duration,
    _file,
    _files,
)

COVERAGE = rule(
    "PB404", "unattended-post", "A post goes out when no community manager is on duty to answer.",
    Severity.WARNING,
    what="For each upcoming post, takes its publication time and the reaction window that follows it "
             "(`reaction_window` in tone.yml) and checks, in the organisation's time zone, that someone holding a "
             "community-manager profile is on duty for all of it: their weekly schedule in roles.yml, minus the "
             "days of their absences. Interns (`intern: true`) count only beside someone who is not one: an intern "
             "never stays alone on duty. When part of it is unattended, the message says from when and until when "
             "nobody can answer (or only an intern could), and the hint names who is usually there but absent "
             "that day.",
    why="Readers react most in the hours after a post, and they expect an answer even in the evening and at "
            "the weekend. A post published when nobody is watching is how a complaint piles up unanswered for "
            "hours and a small problem becomes a crisis: silence makes it worse.",
    example_note="In roles.yml the community managers work Monday to Friday, 09:00 to 18:00; the post goes out "
                 "on a Saturday.",
    example="(tone.yml: reaction_window: 2h)\n" + _files(
                    _file("2027-01-09-atelier.md", "facebook", "event", "2027-01-09T18:00", _WORKSHOP)),
    fixed=_files(_file("2027-01-08-atelier.md", "facebook", "event", "2027-01-08T10:00", _WORKSHOP)),
    options="tone.yml `reaction_window` (without it only the moment of publication must be covered); roles.yml "
                "`profiles[].kind` (community-manager), `people[].roles`, `people[].schedule`, "
                "`people[].absences` and `people[].intern`; organisation.yml `timezone`. Severity in lint.yml.",
    example_file="drafts/")


RULES = (COVERAGE,)


def check(queue: Queue, playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    if queue.upcoming:
        yield from _coverage(queue.upcoming, playbook, queue.zone, ctx.lang)

class _Duty:
    """Who holding a community-manager profile is on duty when, day by day (absences removed).

    Each day's coverage is the union of the staff's intervals for that weekday, in minutes since
    local midnight; it is computed once per date of the queue and cached for this run only.
    """

    def __init__(self, playbook: Playbook, interns: bool):
        profiles = {p.id for p in playbook.roles.profiles if p.kind == "community-manager"}
        self.staff = [person for person in playbook.roles.people
                      if profiles.intersection(person.roles) and (interns or not person.intern)]
        self.by_weekday = [[self._clip(person.schedule.intervals, weekday) for weekday in range(7)]
                           for person in self.staff]
        self.days: dict[dt.date, tuple[tuple[int, int], ...]] = {}

    @staticmethod
    def _clip(intervals: tuple[tuple[int, int], ...], weekday: int) -> tuple[tuple[int, int], ...]:
        low, high = weekday * MINUTES_PER_DAY, (weekday + 1) * MINUTES_PER_DAY
        return tuple((max(s, low) - low, min(e, high) - low) for s, e in intervals if s < high and e > low)

    def day(self, day: dt.date) -> tuple[tuple[int, int], ...]:
        found = self.days.get(day)
        if found is None:
            pieces = sorted(interval for person, week in zip(self.staff, self.by_weekday)
                            if not person.absent_on(day) for interval in week[day.weekday()])
            merged: list[list[int]] = []
            for start, end in pieces:
                if merged and start <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end])
            found = self.days[day] = tuple((start, end) for start, end in merged)
        return found

    def covered_until(self, moment: dt.datetime) -> dt.datetime | None:
        """End of the on-duty interval containing ``moment`` (naive local), or None."""
        midnight = dt.datetime.combine(moment.date(), dt.time())
        minute = (moment - midnight).total_seconds() / 60
        for start, end in self.day(moment.date()):
            if start <= minute < end:
                return midnight + dt.timedelta(minutes=end)
        return None

    def first_gap(self, start: dt.datetime, end: dt.datetime) -> dt.datetime | None:
        """First unattended moment in ``[start, end]`` (just ``start`` when they are equal)."""
        cursor = start
        while True:
            until = self.covered_until(cursor)
            if until is None:
                return cursor
            if until >= end:
                return None
            cursor = until

    def back_at(self, moment: dt.datetime) -> dt.datetime | None:
        """When somebody is on duty again after the unattended ``moment``."""
        for offset in range(_COVERAGE_HORIZON_DAYS + 1):
            day = moment.date() + dt.timedelta(days=offset)
            midnight = dt.datetime.combine(day, dt.time())
            for start, end in self.day(day):
                if midnight + dt.timedelta(minutes=end) > moment:
                    return max(midnight + dt.timedelta(minutes=start), moment)
        return None

    def on_duty(self, moment: dt.datetime) -> list[str]:
        """Staff on duty at ``moment`` (their schedule covers it and they are not away that day)."""
        minute = moment.weekday() * MINUTES_PER_DAY + moment.hour * 60 + moment.minute
        return [person.name or person.id for person in self.staff
                if not person.absent_on(moment.date()) and person.schedule.contains(minute)]

    def usually_there(self, moment: dt.datetime) -> list[str]:
        """Staff whose schedule covers ``moment`` but who are absent that day."""
        minute = moment.weekday() * MINUTES_PER_DAY + moment.hour * 60 + moment.minute
        names = []
        for person in self.staff:
            if person.absent_on(moment.date()) and person.schedule.contains(minute):
                reason = next((a.reason for a in person.absences if a.covers(moment.date()) and a.reason), None)
                names.append(f"{person.name or person.id}" + (f" ({reason})" if reason else ""))
        return names


def _back(gap: dt.datetime, back: dt.datetime, lang: Language) -> str:
    time = lang.clock(back.hour * 60 + back.minute)
    if back.date() == gap.date():
        return time
    if (back.date() - gap.date()).days < 7:
        return lang("{day} {time}", day=_day_name(back.date(), lang), time=time)
    return lang("{date} at {time}", date=lang.date(back.date(), "full"), time=time)


def _coverage(upcoming: list[Post], playbook: Playbook, zone: dt.tzinfo, lang: Language) -> Iterator[Finding]:
    duty = _Duty(playbook, interns=False)
    everyone = _Duty(playbook, interns=True)
    if not everyone.staff:
        return  # a team without any community manager is a playbook finding, not one per post
    window = playbook.tone.reaction_window_minutes or 0
    for post in upcoming:
        end = local_time(post.at + dt.timedelta(minutes=window), zone)
        gap = duty.first_gap(post.local, end)
        if gap is None:
            continue
        back = duty.back_at(gap)
        published = lang("published {date} at {time}", date=lang.date(post.day, "full"),
                         time=lang.clock(post.local.hour * 60 + post.local.minute))
        if back is None:
            until = lang("in the {count} days that follow", count=_COVERAGE_HORIZON_DAYS)
        else:
            until = lang("until {moment}", moment=_back(gap, back, lang))
        interns = everyone.on_duty(gap)
        if interns:
            message = lang("{published}; from {gap} {until}, only {interns} would be on duty to answer, and an "
                           "intern never stays alone on duty", published=published,
                           gap=lang.clock(gap.hour * 60 + gap.minute), until=until, interns=lang.and_list(interns))
        elif gap == post.local:
            message = lang("{published}; nobody is on duty to answer {until}", published=published, until=until)
        else:
            message = lang("{published}; within the {window} reaction window, nobody is on duty from {gap} {until}",
                           published=published, window=_duration(window), gap=lang.clock(gap.hour * 60 + gap.minute),
                           until=until)
        hint = lang("Publish when a community manager is on duty for the {window} that follow, or plan someone on "
                    "call (roles.yml schedules).", window=_duration(window)) if window else \
            lang("Publish when a community manager is on duty, or plan someone on call (roles.yml schedules).")
        if interns:
            hint = lang("Publish when someone who is not an intern is on duty too, or plan the tutor beside them "
                        "(roles.yml schedules).")
        absent = duty.usually_there(gap)
        if absent:
            hint += " " + lang("Usually on duty then but absent that day: {people}.", people=", ".join(absent))
        yield COVERAGE.at(post.where(), message, hint)
