"""PB210 hours a channel promises answers with nobody on duty; PB211 unknown hour sets.

People expect answers outside office hours, and silence during a weekend incident makes it
worse. A channel's response promise is checked against the union of the weekly schedules of
everyone holding a community-manager profile, as minute intervals over one week.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.core.suggest import did_you_mean
from linter.playbook.model import ALWAYS, MINUTES_PER_DAY, MINUTES_PER_WEEK, Playbook
from linter.playbook.values import format_duration, subtract_hours, union_hours
from linter.rules.playbook._common import file_name

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
    example_note="The channel promises an answer at any hour, but the team only works on weekdays.",
    example="""
channels:
  - id: facebook
    network: facebook
    name: Cidrerie du Val sur Facebook
    response:
      delay: 2h
      hours: always
""",
    fixed_note="The channel promises an answer during office hours, which the schedules in roles.yml cover.",
    fixed="""
channels:
  - id: facebook
    network: facebook
    name: Cidrerie du Val sur Facebook
    response:
      delay: 2h
      hours: bureau
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


def format_window(start: int, end: int, lang: Language | None = None) -> str:
    """``Sat 14:00–Sun 09:00`` for minutes since Monday 00:00; ``end`` may pass the week's end."""
    lang = lang or Language()
    if end - start >= MINUTES_PER_WEEK:
        return lang("at any time of the week")
    start_day = (start // MINUTES_PER_DAY) % 7
    if (end - 1) // MINUTES_PER_DAY == start // MINUTES_PER_DAY:  # within one day (may end at 24:00)
        last = end - (start // MINUTES_PER_DAY) * MINUTES_PER_DAY
        return lang("{day} {start}–{end}", day=lang.weekday(start_day, "abbreviated"),
                    start=lang.clock(start % MINUTES_PER_DAY), end=lang.clock(last))
    end_day = (end // MINUTES_PER_DAY) % 7
    return lang("{day} {start}–{end_day} {end}", day=lang.weekday(start_day, "abbreviated"),
                start=lang.clock(start % MINUTES_PER_DAY), end_day=lang.weekday(end_day, "abbreviated"),
                end=lang.clock(end % MINUTES_PER_DAY))


def wrap_windows(intervals: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Join a window ending at Sunday 24:00 with one starting Monday 00:00 (the week is a circle)."""
    windows = list(intervals)
    if len(windows) > 1 and windows[0][0] == 0 and windows[-1][1] == MINUTES_PER_WEEK:
        first = windows.pop(0)
        last = windows.pop()
        windows.append((last[0], MINUTES_PER_WEEK + first[1]))
    return windows


def check(playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    lang = ctx.lang
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
                lang("the channel '{channel}' promises answers during the hours '{hours}', which {file} does not "
                     "define under service_hours", channel=channel.id, hours=response.hours, file=org_file),
                did_you_mean(response.hours, [*playbook.organisation.service_hours, ALWAYS],
                             lang("service_hours in {file}", file=org_file), lang),
            )
            continue
        delay = format_duration(response.delay_minutes) if response.delay_minutes else None
        roles_file, channels_file = file_name(playbook, "roles"), file_name(playbook, "channels")
        for start, end in wrap_windows(subtract_hours(promised, on_duty).intervals):
            window = format_window(start, end, lang)
            if end - start >= MINUTES_PER_WEEK:
                hint = lang("Give a `schedule` to the people holding a community-manager profile in {roles}, or "
                            "remove the promise from {channels}.", roles=roles_file, channels=channels_file)
            else:
                hint = lang("Add {window} to the `schedule` of someone holding a community-manager profile in "
                            "{roles}, or promise narrower hours in {channels} (response.hours).",
                            window=window, roles=roles_file, channels=channels_file)
            message = lang("the channel '{channel}' promises answers within {delay} (hours '{hours}'), but no "
                           "community manager is on duty {window}", channel=channel.id, delay=delay,
                           hours=response.hours, window=window) if delay else \
                lang("the channel '{channel}' promises answers (hours '{hours}'), but no community manager is on "
                     "duty {window}", channel=channel.id, hours=response.hours, window=window)
            yield COVERAGE_GAP.at(response.where("hours"), message, hint)
