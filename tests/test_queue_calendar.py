"""The calendar against the queue: PB407 a post before its event's window, PB408 a channel silent on
the day of a calendar event. Real draft files, the real sample playbook, its calendar pinned."""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest

from linter.core.context import CheckContext
from linter.core.i18n import Language
from linter.drafts.parse import read_draft
from linter.drafts.run import check_queue
from linter.playbook.loader import load_playbook
from linter.playbook.model import Calendar, CalendarEvent
from linter.rules import build_registry

SAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "playbook")
PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2027, 1, 1, 12, 0, tzinfo=PARIS)
REGISTRY = build_registry()
CTX = CheckContext(REGISTRY, NOW.date(), NOW, lang=Language("en"))  # English messages; French in test_i18n


@pytest.fixture(scope="module")
def sample():
    result = load_playbook(SAMPLE, REGISTRY, CTX)
    assert result.playbook is not None
    return result.playbook


def with_events(pb, *events: CalendarEvent):
    return dc.replace(pb, calendar=Calendar(pb.calendar.loc, events=events))


def event(pb, id: str, *, kind="information", channels=("facebook",), date=None, recurrence=None, start=None,
          publish_from=None) -> CalendarEvent:
    return CalendarEvent(pb.calendar.loc, id=id, title=id.replace("-", " ").capitalize(), kind=kind,
                         channels=channels, date=date, recurrence=recurrence, start=start,
                         publish_from_minutes=publish_from)


def run(tmp_path, pb, code, *drafts):
    """Each draft: (name, channel, kind, when[, extra front-matter lines])."""
    parsed = []
    for name, channel, kind, when, *extra in drafts:
        path = tmp_path / name
        lines = ["---", f"channel: {channel}", f"kind: {kind}", f"publish_at: {when}", "author: claire-le-gall",
                 *extra, "---", f"Note {name}."]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        draft, _ = read_draft(str(path), pb.organisation)
        parsed.append(draft)
    return sorted((f for f in check_queue(parsed, pb, CTX) if f.code == code), key=lambda f: (f.path, f.line))


# -- PB407 -------------------------------------------------------------------------------------------------
def test_a_recruitment_post_before_applications_open(tmp_path, sample):
    pb = with_events(sample, event(sample, "candidatures", kind="recruitment", channels=("linkedin",),
                                   date=dt.date(2027, 6, 1), publish_from=0))
    [finding] = run(tmp_path, pb, "PB407", ("early.md", "linkedin", "recruitment", "2027-03-03T14:30"),
                    ("on-time.md", "linkedin", "recruitment", "2027-06-01T09:00"))
    assert finding.path.endswith("early.md") and (finding.line, finding.column) == (4, 13)
    assert "before the window of the calendar's 'Candidatures' (June 1, 2027)" in finding.message
    assert "may come from June 1, 2027" in finding.message


def test_a_lead_time_lets_posts_announce_the_event(tmp_path, sample):
    pb = with_events(sample, event(sample, "soldes", kind="promo", date=dt.date(2027, 2, 10),
                                   publish_from=7 * 1440))
    findings = run(tmp_path, pb, "PB407", ("a.md", "facebook", "promo", "2027-02-02T10:00"),
                   ("b.md", "facebook", "promo", "2027-02-03T10:00"))
    assert [f.path.rsplit("/", 1)[1] for f in findings] == ["a.md"]
    assert "may come from February 3, 2027 (publish_from: 7d)" in findings[0].message


@pytest.mark.parametrize(("kind", "channel"), [
    ("information", "linkedin"),  # another kind: a teaser announcing the opening is fine
    ("recruitment", "facebook"),  # not one of the event's channels
])
def test_other_kinds_and_channels_are_not_about_the_event(tmp_path, sample, kind, channel):
    pb = with_events(sample, event(sample, "candidatures", kind="recruitment", channels=("linkedin",),
                                   date=dt.date(2027, 6, 1), publish_from=0))
    assert run(tmp_path, pb, "PB407", ("teaser.md", channel, kind, "2027-03-03T14:30")) == []


def test_only_the_nearest_event_of_the_kind_decides(tmp_path, sample):
    pb = with_events(sample,
                     event(sample, "printemps", kind="promo", date=dt.date(2027, 3, 8)),
                     event(sample, "fete-des-peres", kind="promo", date=dt.date(2027, 6, 14), publish_from=14 * 1440))
    assert run(tmp_path, pb, "PB407", ("coffret.md", "facebook", "promo", "2027-03-06T11:00")) == []
    late = run(tmp_path, pb, "PB407", ("peres.md", "facebook", "promo", "2027-05-20T11:00"))
    assert len(late) == 1


def test_a_draft_that_names_its_event_is_judged_against_it(tmp_path, sample):
    pb = with_events(sample, event(sample, "candidatures", kind="recruitment", channels=("linkedin",),
                                   date=dt.date(2027, 6, 1), publish_from=0))
    named = run(tmp_path, pb, "PB407", ("named.md", "facebook", "information", "2027-03-03T14:30",
                                        "event: candidatures"))
    assert len(named) == 1
    other = run(tmp_path, pb, "PB407", ("other.md", "linkedin", "recruitment", "2027-03-03T14:30",
                                        "event: salon-professionnel"))
    assert other == []  # it says it is about something else


def test_a_recurring_event_uses_its_next_date(tmp_path, sample):
    pb = with_events(sample, event(sample, "mot", recurrence="FREQ=MONTHLY;BYDAY=1TU", start=dt.date(2026, 12, 1),
                                   publish_from=0))
    findings = run(tmp_path, pb, "PB407", ("veille.md", "facebook", "information", "2027-01-04T10:00",
                                           "event: mot"))
    assert "(January 5, 2027)" in findings[0].message


# -- PB408 -------------------------------------------------------------------------------------------------
def test_a_channel_silent_on_the_day_of_an_event(tmp_path, sample):
    pb = with_events(sample, event(sample, "mot-du-verger", channels=("blog", "facebook"),
                                   recurrence="FREQ=MONTHLY;BYDAY=1TU", start=dt.date(2026, 12, 1)))
    [finding] = run(tmp_path, pb, "PB408", ("lundi.md", "facebook", "information", "2027-01-04T10:00"),
                    ("blog.md", "blog", "information", "2027-01-05T09:30"),
                    ("jeudi.md", "facebook", "information", "2027-01-07T10:00"))
    assert finding.path.endswith("lundi.md")  # the channel's post nearest to the day (the earlier of two)
    assert finding.message == ("nothing is scheduled on Pressoir de la Flume sur Facebook on Tuesday, January 5, 2027, "
                               "the day of the calendar's 'Mot du verger'")


def test_dates_after_the_last_post_and_inactive_channels_are_not_judged(tmp_path, sample):
    pb = with_events(sample, event(sample, "lancement", channels=("facebook", "tiktok"), date=dt.date(2027, 1, 20)))
    assert run(tmp_path, pb, "PB408", ("a.md", "facebook", "information", "2027-01-10T10:00")) == []
    findings = run(tmp_path, pb, "PB408", ("a.md", "facebook", "information", "2027-01-10T10:00"),
                   ("b.md", "facebook", "information", "2027-01-21T10:00"))
    assert len(findings) == 1 and "Facebook" in findings[0].message  # tiktok is reserved, not active


def test_a_channel_without_any_post_is_reported_on_the_nearest_post_of_the_queue(tmp_path, sample):
    pb = with_events(sample, event(sample, "salon", channels=("linkedin",), date=dt.date(2027, 1, 6)))
    [finding] = run(tmp_path, pb, "PB408", ("a.md", "facebook", "information", "2027-01-05T10:00"),
                    ("b.md", "facebook", "information", "2027-01-12T10:00"))
    assert finding.path.endswith("a.md") and "LinkedIn" in finding.message
