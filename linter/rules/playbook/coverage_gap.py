"""PB210 hours a channel promises answers with nobody on duty; PB211 unknown hour sets.

People expect answers outside office hours, and silence during a weekend incident makes it
worse. A channel's response promise is checked against the union of the weekly schedules of
everyone holding a community-manager profile, as minute intervals over one week.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.rule import rule
from linter.core.suggest import did_you_mean
from linter.playbook.model import ALWAYS, MINUTES_PER_DAY, MINUTES_PER_WEEK, Playbook
from linter.playbook.values import format_duration, subtract_hours, union_hours
from linter.rules.playbook._common import file_name

_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

COVERAGE_GAP = rule(
    "PB210", "coverage-gap", "A channel promises answers when nobody is on duty", Severity.ERROR,
    what="For each active channel with a `response` promise, the promised hours (a set of "
         "`service_hours` from organisation.yml, or `always`) are compared with the weekly schedules of "
         "everyone holding a community-manager profile. Each window of the week that nobody covers is "
         "reported once, on the channel's `response.hours`; windows run across midnight and from Sunday "
         "night into Monday morning.",
    why="People expect an answer when a channel says they will get one, and outside office hours too. "
        "Complaints that pile up unanswered over a weekend turn an incident into a crisis: silence makes "
        "it worse. A promise is only as good as the schedule behind it.",
    example="""
channels:
  - id: facebook
    network: facebook
    name: Cidrerie du Val sur Facebook
    response:
      delay: 2h
      hours: always   # but the team only works on weekdays
""",
    fixed="""
channels:
  - id: facebook
    network: facebook
    name: Cidrerie du Val sur Facebook
    response:
      delay: 2h
      hours: bureau   # service hours the schedules in roles.yml cover
""",
    options="`response.hours` in channels.yml, `service_hours` in organisation.yml, `schedule` of each "
            "person and the `kind` of their profiles in roles.yml.",
    example_file="channels.yml",
)

UNKNOWN_HOURS = rule(
    "PB211", "unknown-service-hours", "A channel's response hours are not defined", Severity.WARNING,
    what="`response.hours` of a channel must be `always` or the name of a set of hours defined under "
         "`service_hours` in organisation.yml.",
    why="The response promise tells the public when to expect an answer and tells the team when to be "
        "on duty. An unknown name promises nothing anybody can check, so the coverage check is skipped "
        "for that channel.",
    example="""
channels:
  - id: facebook
    network: facebook
    name: Cidrerie du Val sur Facebook
    response:
      delay: 2h
      hours: soiree
""",
    fixed="""
channels:
  - id: facebook
    network: facebook
    name: Cidrerie du Val sur Facebook
    response:
      delay: 2h
      hours: bureau
""",
    options="`service_hours` in organisation.yml.",
    example_file="channels.yml",
)

RULES = (COVERAGE_GAP, UNKNOWN_HOURS)


def _clock(minute_of_day: int) -> str:
    return f"{minute_of_day // 60:02d}:{minute_of_day % 60:02d}"


def format_window(start: int, end: int) -> str:
    """``Sat 14:00–Sun 09:00`` for minutes since Monday 00:00; ``end`` may pass the week's end."""
    if end - start >= MINUTES_PER_WEEK:
        return "at any time of the week"
    start_day = (start // MINUTES_PER_DAY) % 7
    if (end - 1) // MINUTES_PER_DAY == start // MINUTES_PER_DAY:  # within one day (may end at 24:00)
        last = end - (start // MINUTES_PER_DAY) * MINUTES_PER_DAY
        return f"{_DAY_ABBR[start_day]} {_clock(start % MINUTES_PER_DAY)}–{_clock(last)}"
    end_day = (end // MINUTES_PER_DAY) % 7
    return (f"{_DAY_ABBR[start_day]} {_clock(start % MINUTES_PER_DAY)}–"
            f"{_DAY_ABBR[end_day]} {_clock(end % MINUTES_PER_DAY)}")


def wrap_windows(intervals: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Join a window ending at Sunday 24:00 with one starting Monday 00:00 (the week is a circle)."""
    windows = list(intervals)
    if len(windows) > 1 and windows[0][0] == 0 and windows[-1][1] == MINUTES_PER_WEEK:
        first = windows.pop(0)
        last = windows.pop()
        windows.append((last[0], MINUTES_PER_WEEK + first[1]))
    return windows


def check(playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    cm_profiles = {profile.id for profile in playbook.roles.profiles if profile.kind == "community-manager"}
    on_duty = union_hours(person.schedule for person in playbook.roles.people
                          if any(role in cm_profiles for role in person.roles))
    org_file = file_name(playbook, "organisation")
    for channel in playbook.channels:
        response = channel.response
        if not channel.active or response is None:
            continue
        promised = playbook.hours(response.hours)
        if promised is None:
            yield UNKNOWN_HOURS.at(
                response.where("hours"),
                f"the channel '{channel.id}' promises answers during the hours '{response.hours}', which "
                f"{org_file} does not define under service_hours",
                did_you_mean(response.hours, [*playbook.organisation.service_hours, ALWAYS],
                             f"service_hours in {org_file}"),
            )
            continue
        within = f" within {format_duration(response.delay_minutes)}" if response.delay_minutes else ""
        roles_file, channels_file = file_name(playbook, "roles"), file_name(playbook, "channels")
        for start, end in wrap_windows(subtract_hours(promised, on_duty).intervals):
            window = format_window(start, end)
            if end - start >= MINUTES_PER_WEEK:
                hint = (f"Give a `schedule` to the people holding a community-manager profile in {roles_file}, "
                        f"or remove the promise from {channels_file}.")
            else:
                hint = (f"Add {window} to the `schedule` of someone holding a community-manager profile in "
                        f"{roles_file}, or promise narrower hours in {channels_file} (response.hours).")
            yield COVERAGE_GAP.at(
                response.where("hours"),
                f"the channel '{channel.id}' promises answers{within} (hours '{response.hours}'), but no "
                f"community manager is on duty {window}",
                hint,
            )
