"""build_playbook: schema-valid documents -> the frozen model, with positions and parsed values.

These tests parse real YAML text (``parse_yaml_text``) and call the build directly, so they can
also feed it what the schema would reject and check that it never raises.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.core.context import CheckContext
from linter.core.findings import Loc
from linter.core.i18n import Language
from linter.core.registry import Registry
from linter.playbook.build import build_playbook
from linter.playbook.model import MINUTES_PER_WEEK, CalendarEvent, WeeklyHours
from linter.playbook.source import Document, parse_yaml_text
from linter.playbook.values import (
    format_duration,
    merge_intervals,
    occurrences,
    parse_duration,
    parse_range,
    subtract_hours,
)
from linter.rules.playbook import coverage_gap as coverage
from linter.rules.playbook import unusable_value as values

TEXTS = {
    "organisation": """\
name: Cidrerie du Val
language: fr
timezone: Europe/Paris
service_hours:
  bureau:
    mon: ["14:00-18:00", "09:00-12:00", "11:00-13:00"]
    sun: ["20:00-24:00"]
""",
    "objectives": """\
objectives:
  - id: notoriete
    title: Faire connaître la cidrerie
    tier: 2
    channels: [facebook, linkedin]
    kpi:
      metric: abonnés
      target: 1500
      deadline: 2027-06-30
  - id: sans-palier
    title: Objectif sans palier
""",
    "audiences": "audiences:\n  - id: grand-public\n    name: Grand public\n",
    "channels": """\
channels:
  - id: facebook
    network: facebook
    name: Facebook
    response:
      delay: 90min
      hours: bureau
  - id: tiktok
    network: tiktok
    name: TikTok
    status: reserved
""",
    "roles": """\
profiles:
  - id: cm
    name: Animation
    kind: community-manager
people:
  - id: lea
    name: Léa Martin
    roles: [cm]
    intern: true
    schedule:
      tue: ["13:00-18:00", "09:00-13:00"]
    absences:
      - from: 2026-12-21
        to: 2026-12-31
""",
    "tone": """\
voice: Chaleureuse.
register: vous
typography: {french_spacing: narrow}
emoji: {policy: sparing}
hashtags: {case: camel}
promotion: {max_share: 0.3, window_days: 14}
reaction_window: 2h
links: {require_https: true, shorteners: [bit.ly]}
shouting: {max_caps_words: 2, acronyms: [AOP, SNCF]}
banned_terms:
  - term: miracle
    reason: Promesse intenable
""",
    "usage-charter": "last_reviewed: 2026-09-01\nreview_interval_months: 6\nrules:\n  - id: r1\n    title: Règle\n",
    "crisis": """\
levels:
  - id: 1
    name: Vigilance
phases:
  - id: birth
    name: Naissance
    owner: cm
    max_delay: 1d
escalation:
  - role: cm
holding_statements: []
status:
  active: true
  level: 1
  started_at: 2026-11-21T02:10:00
""",
}


def documents(**changes: str) -> dict[str, Document]:
    texts = dict(TEXTS)
    texts.update({name.replace("_", "-"): text for name, text in changes.items()})
    result = {}
    for concern, text in texts.items():
        doc, problems = parse_yaml_text(text, f"pb/{concern}.yml")
        assert doc is not None, problems
        result[concern] = doc
    return result


def test_values_are_converted():
    playbook = build_playbook("pb", documents())
    organisation = playbook.organisation
    assert organisation.service_hours["bureau"] == WeeklyHours(((540, 780), (840, 1080), (9840, 10080)))
    lea = playbook.roles.people[0]
    assert lea.schedule == WeeklyHours(((1980, 2520),))  # Tue 09:00-18:00, sorted and merged
    assert lea.intern and lea.absences[0].start == dt.date(2026, 12, 21) and lea.absent_on(dt.date(2026, 12, 25))
    facebook, tiktok = playbook.channels
    assert facebook.response.delay_minutes == 90 and facebook.response.hours == "bureau"
    assert not tiktok.active and tiktok.response is None
    notoriete, sans_palier = playbook.objectives
    assert notoriete.kpi.deadline == dt.date(2027, 6, 30) and notoriete.tier == 2
    assert sans_palier.tier == 1 and sans_palier.kpi is None  # dataclass defaults for what is absent
    tone = playbook.tone
    assert (tone.french_spacing, tone.emoji_policy, tone.hashtag_case) == ("narrow", "sparing", "camel")
    assert (tone.promo_max_share, tone.promo_window_days, tone.reaction_window_minutes) == (0.3, 14, 120)
    assert tone.require_https and tone.shorteners == ("bit.ly",) and tone.acronyms == ("AOP", "SNCF")
    assert tone.max_caps_words == 2 and tone.banned_terms[0].reason == "Promesse intenable"
    assert playbook.crisis.phases[0].max_delay_minutes == 24 * 60
    started = playbook.crisis.status.started_at
    assert started == dt.datetime(2026, 11, 21, 2, 10, tzinfo=ZoneInfo("Europe/Paris"))  # naive -> org zone
    assert playbook.charter.next_review == dt.date(2027, 3, 1)
    assert playbook.files["roles"] == "pb/roles.yml" and "calendar" not in playbook.files
    assert playbook.calendar.events == ()
    assert playbook.issues == ()


def test_positions_of_fields_and_keys():
    playbook = build_playbook("pb", documents())
    notoriete = playbook.objectives[0]
    assert (notoriete.loc.line, notoriete.loc.column) == (2, 5)
    target = notoriete.where("kpi", "target")
    assert (target.path, target.line, target.column) == ("pb/objectives.yml", 8, 15)
    assert (notoriete.where("channels", 1).line, notoriete.where("channels", 1).column) == (5, 26)
    assert (notoriete.where_key("kpi").line, notoriete.where_key("kpi").column) == (6, 5)
    assert notoriete.kpi.where("deadline").line == 9  # nested entities know their own fields
    lea = playbook.roles.people[0]
    assert (lea.where("schedule", "tue", 1).line, lea.where("schedule", "tue", 1).column) == (11, 28)
    assert lea.absences[0].where("to").line == 14
    assert playbook.crisis.where_key("phases").line == 4
    assert playbook.crisis.where("nothing", "here") == playbook.crisis.loc  # falls back to the entity


def test_calendar_is_built_when_present():
    calendar = "events:\n  - id: fete\n    title: Fête\n    date: 2027-10-16\n    channels: [facebook]\n"
    playbook = build_playbook("pb", documents(calendar=calendar))
    [event] = playbook.calendar.events
    assert event.date == dt.date(2027, 10, 16) and event.channels == ("facebook",)


def test_unusable_values_become_issues_not_exceptions():
    organisation = (TEXTS["organisation"].replace("Europe/Paris", "Europe/Pariss")
                    .replace('"11:00-13:00"', '"13:00-11:00"'))
    roles = TEXTS["roles"].replace('"09:00-13:00"', '"09:00-14:00"')
    calendar = "events:\n  - id: fete\n    title: Fête\n    recurrence: FREQ=SOMETIMES\n    start: 2027-10-16\n"
    playbook = build_playbook("pb", documents(organisation=organisation, roles=roles, calendar=calendar))
    kinds = {issue.kind: issue for issue in playbook.issues}
    assert set(kinds) == {"timezone", "time-order", "overlap", "rrule"}
    assert kinds["timezone"].choices[0] == "Europe/Paris"
    assert (kinds["time-order"].loc.line, kinds["time-order"].loc.column) == (6, 41)
    assert kinds["overlap"].value == "09:00-14:00" and "13:00-18:00" in kinds["overlap"].detail
    # what is usable is kept: the reversed range is dropped, the rest of Monday stays
    assert playbook.organisation.service_hours["bureau"].intervals[:2] == ((540, 720), (840, 1080))
    # a naive date-time falls back to UTC when the organisation's zone is unknown
    assert playbook.crisis.status.started_at.tzinfo == dt.UTC


def test_events_the_schema_would_reject_are_reported_by_pb215():
    calendar = ("events:\n  - id: sans-depart\n    title: Sans départ\n    recurrence: FREQ=YEARLY\n"
                "  - id: sans-date\n    title: Sans date\n")
    playbook = build_playbook("pb", documents(calendar=calendar))
    ctx = CheckContext.create(Registry(values.RULES), dt.date(2026, 11, 23), lang=Language("en"))
    findings = sorted(values.check(playbook, ctx), key=lambda finding: finding.line)
    assert [(f.code, f.line, f.column) for f in findings] == [("PB215", 4, 17), ("PB215", 5, 5)]
    assert "no start date" in findings[0].message and "neither a date nor a recurrence" in findings[1].message


def test_duration_and_range_parsing():
    assert [parse_duration(text) for text in ("30min", "2h", "1 d", "2 h", "soon", None)] == \
        [30, 120, 1440, 120, None, None]
    assert [format_duration(minutes) for minutes in (30, 120, 90, 1440)] == ["30min", "2h", "1h30", "1d"]
    assert parse_range("00:00-24:00") == ((0, 1440), None)
    assert parse_range("18:00-09:00") == ((1080, 540), "order")
    assert parse_range("24:00-24:00")[0] is None and parse_range("25:00-26:00")[0] is None
    assert parse_range("09:60-10:00")[0] is None and parse_range("9h-12h")[0] is None


def _event(**fields: Any) -> CalendarEvent:
    return CalendarEvent(Loc("playbook/calendar.yml", 1, 1), id="event", **fields)


def test_an_events_days_over_a_span_with_both_ends_included():
    """One expansion serves the queue rules and the site's calendar (linter.playbook.values.occurrences)."""
    first, last = dt.date(2027, 3, 1), dt.date(2027, 3, 31)
    # a one-off date: in the span, on either end, or outside it
    assert occurrences(_event(date=dt.date(2027, 3, 1)), first, last) == [dt.date(2027, 3, 1)]
    assert occurrences(_event(date=dt.date(2027, 3, 31)), first, last) == [dt.date(2027, 3, 31)]
    assert occurrences(_event(date=dt.date(2027, 4, 1)), first, last) == []
    # every Tuesday of March 2027 (the 2nd, 9th, 16th, 23rd and 30th)
    tuesdays = _event(recurrence="FREQ=WEEKLY;BYDAY=TU", start=dt.date(2027, 1, 5))
    assert occurrences(tuesdays, first, last) == [dt.date(2027, 3, day) for day in (2, 9, 16, 23, 30)]
    # the first Tuesday of each month, over a quarter
    monthly = _event(recurrence="FREQ=MONTHLY;BYDAY=1TU", start=dt.date(2027, 1, 1))
    assert occurrences(monthly, dt.date(2027, 1, 1), dt.date(2027, 3, 31)) == [
        dt.date(2027, 1, 5), dt.date(2027, 2, 2), dt.date(2027, 3, 2)]
    # a rule that ends (UNTIL, as a date and in UTC) stops there
    until = _event(recurrence="FREQ=DAILY;UNTIL=20270303", start=dt.date(2027, 2, 27))
    assert occurrences(until, first, last) == [dt.date(2027, 3, 1), dt.date(2027, 3, 2), dt.date(2027, 3, 3)]
    until_utc = _event(recurrence="FREQ=DAILY;UNTIL=20270302T235959Z", start=dt.date(2027, 2, 27))
    assert occurrences(until_utc, first, last) == [dt.date(2027, 3, 1), dt.date(2027, 3, 2)]
    # a rule that repeats within a day gives each day once
    hourly = _event(recurrence="FREQ=HOURLY;INTERVAL=6", start=dt.date(2027, 3, 30))
    assert occurrences(hourly, first, last) == [dt.date(2027, 3, 30), dt.date(2027, 3, 31)]
    # nothing to expand: no rule, no start, or a rule that cannot be read
    assert occurrences(_event(), first, last) == []
    assert occurrences(_event(recurrence="FREQ=WEEKLY"), first, last) == []
    assert occurrences(_event(recurrence="FREQ=SOMETIMES", start=dt.date(2027, 1, 1)), first, last) == []


def test_interval_arithmetic_and_windows():
    assert merge_intervals([(10, 20), (0, 5), (5, 8), (15, 30), (40, 40)]) == ((0, 8), (10, 30))
    wanted = WeeklyHours(((0, 100), (200, 300)))
    available = WeeklyHours(((20, 40), (60, 250), (290, 400)))
    assert subtract_hours(wanted, available).intervals == ((0, 20), (40, 60), (250, 290))
    assert subtract_hours(WeeklyHours.always(), WeeklyHours()).intervals == ((0, MINUTES_PER_WEEK),)
    assert subtract_hours(WeeklyHours(((0, 10),)), WeeklyHours.always()).intervals == ()
    day = 24 * 60
    english, french = Language("en"), Language("fr")
    assert coverage.format_window(5 * day + 14 * 60, 6 * day, english) == "Sat 14:00–24:00"
    assert coverage.format_window(4 * day + 18 * 60, 7 * day + 9 * 60, english) == "Fri 18:00–Mon 09:00"
    assert coverage.format_window(5 * day, 7 * day, english) == "Sat 00:00–Mon 00:00"
    assert coverage.format_window(0, MINUTES_PER_WEEK, english) == "at any time of the week"
    assert coverage.format_window(5 * day + 14 * 60, 6 * day + 0, french) == "le sam. de 14\u202fh à 24\u202fh"
    assert coverage.format_window(4 * day + 18 * 60 + 30, 7 * day + 9 * 60, french) == \
        "du ven. 18\u202fh\u202f30 au lun. 9\u202fh"
    assert coverage.wrap_windows(((0, 60), (500, 600), (MINUTES_PER_WEEK - 30, MINUTES_PER_WEEK))) == \
        [(500, 600), (MINUTES_PER_WEEK - 30, MINUTES_PER_WEEK + 60)]


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 30) | st.sampled_from(["", "x", "09:00-12:00", "25:00", "2h"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "owner", "schedule", "mon", "kpi", "deadline", "response", "hours", "status",
                         "phases", "people", "roles", "objectives", "channels", "events", "recurrence", "rules",
                         "timezone", "service_hours", "from", "to", "absences", "start", "date"]),
        children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(TEXTS) + ["calendar", "lint"]), _json, max_size=10))
def test_build_never_raises_on_odd_data(data):
    docs = documents()
    for concern, value in data.items():
        docs[concern] = Document(f"pb/{concern}.yml", "", value, {}, {})
    build_playbook("pb", docs)
