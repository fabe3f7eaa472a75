"""The queue rules (PB401-PB408) on real draft files, judged against the sample playbook.

Every test writes dated drafts to a temporary folder, reads them with the real draft parser
and loads the real sample playbook with the real loader; only the few playbook values a rule
depends on are then pinned with ``dataclasses.replace`` so the tests keep meaning the same
thing when the sample playbook's content evolves.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import os
import shutil
from zoneinfo import ZoneInfo

import pytest

from linter.core.context import CheckContext
from linter.core.i18n import Language
from linter.drafts.parse import read_draft
from linter.drafts.run import check_queue
from linter.playbook.loader import load_playbook
from linter.playbook.model import Absence, Cadence, CrisisStatus, Person, WeeklyHours
from linter.rules import build_registry
from linter.rules.queue._common import example_files

SAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "playbook")
PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2027, 1, 1, 12, 0, tzinfo=PARIS)  # a Friday; Monday 2027-01-04 starts week 1
REGISTRY = build_registry()
RULES = REGISTRY.by_scope("queue")
CTX = CheckContext(REGISTRY, NOW.date(), NOW, lang=Language("en"))  # English messages; French in test_i18n
PUBLISH_LINE, PUBLISH_COLUMN = 4, 13  # `publish_at: ` is 12 characters, on the 4th line of every draft


# -- the playbook ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample") / "playbook"
    shutil.copytree(SAMPLE, root)
    result = load_playbook(str(root), REGISTRY, CTX)
    assert result.playbook is not None, [str(finding) for finding in result.findings]
    return result.playbook


def week(**days: list[str]) -> WeeklyHours:
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    intervals = []
    for day, ranges in days.items():
        for text in ranges:
            start, end = (int(part[:2]) * 60 + int(part[3:]) for part in text.split("-"))
            intervals.append((names.index(day) * 1440 + start, names.index(day) * 1440 + end))
    return WeeklyHours(tuple(sorted(intervals)))


OFFICE = {day: ["09:00-18:00"] for day in ("mon", "tue", "wed", "thu", "fri")}


def configure(pb, *, cadence=None, promo=(0.3, 7), reaction=120, crisis=None, min_posts=1):
    """The sample playbook with the values the queue rules read pinned for the tests.

    The team: Ana (community manager, Monday to Friday 09:00-18:00, away on 2027-01-13) and
    Bruno (business expert, on duty around the clock, who must not count as coverage).
    """
    cadence = cadence or {}
    channels = tuple(
        dc.replace(channel, status="active", cadence=Cadence(
            channel.loc, min_per_week=cadence.get(channel.id, {}).get("min"),
            max_per_week=cadence.get(channel.id, {}).get("max"), max_gap_days=cadence.get(channel.id, {}).get("gap")))
        for channel in pb.channels)
    manager = next(p.id for p in pb.roles.profiles if p.kind == "community-manager")
    expert = next(p.id for p in pb.roles.profiles if p.kind == "business-expert")
    loc = pb.roles.loc
    people = (
        Person(loc, id="ana-le-bris", name="Ana Le Bris", roles=(manager,), schedule=week(**OFFICE),
               absences=(Absence(loc, start=dt.date(2027, 1, 13), end=dt.date(2027, 1, 13), reason="formation"),)),
        Person(loc, id="bruno-piriou", name="Bruno Piriou", roles=(expert,), schedule=WeeklyHours.always()),
    )
    tone = dc.replace(pb.tone, promo_max_share=promo[0] if promo else None, promo_window_days=promo[1] if promo else 7,
                      promo_min_posts=min_posts, reaction_window_minutes=reaction)
    status = crisis or CrisisStatus(pb.crisis.loc, active=False)
    return dc.replace(pb, organisation=dc.replace(pb.organisation, timezone="Europe/Paris"), channels=channels,
                      roles=dc.replace(pb.roles, people=people), tone=tone,
                      crisis=dc.replace(pb.crisis, status=status))


# -- the drafts ------------------------------------------------------------------------------------
class Queue:
    """Writes draft files the way a user would, then reads them back with the real parser."""

    def __init__(self, folder):
        self.folder = folder
        self.paths: list[str] = []

    def add(self, name: str, when: str, channels=("facebook",), kind="information", body=None,
            sponsored=False) -> str:
        path = os.path.join(str(self.folder), name)
        lines = ["---", f"channels: [{', '.join(channels)}]", f"kind: {kind}", f"publish_at: {when}",
                 "author: claire-le-gall"]
        if sponsored:
            lines.append("sponsored: true")
        lines += ["---", body if body is not None else f"Note {name}."]
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        self.paths.append(path)
        return path

    def drafts(self, organisation):
        drafts = []
        for path in self.paths:
            draft, _ = read_draft(path, organisation)
            assert draft is not None and draft.publish_at is not None, path
            drafts.append(draft)
        return drafts


@pytest.fixture
def queue(tmp_path):
    return Queue(tmp_path)


def run(queue, pb, code, now=CTX):
    return sorted((f for f in check_queue(queue.drafts(pb.organisation), pb, now) if f.code == code),
                  key=lambda f: (f.path, f.line, f.message))


def at_publish(finding, path):
    return (finding.path, finding.line, finding.column) == (path, PUBLISH_LINE, PUBLISH_COLUMN)


# -- the rules' own documentation ---------------------------------------------------------------------
def test_every_queue_rule_is_registered_and_documented():
    assert [rule.code for rule in REGISTRY.by_scope("queue")] == [rule.code for rule in RULES]
    for rule in RULES:
        doc = rule.doc
        assert all([doc.what, doc.why, doc.example, doc.fixed, doc.options]), rule.code
        assert example_files(doc.example) and example_files(doc.fixed), rule.code


EXAMPLE_SETTINGS = {
    "PB401": {"min_posts": 4},
    "PB402": {"cadence": {"facebook": {"min": 2, "max": 5}}},
    "PB403": {"cadence": {"facebook": {"gap": 7}}},
    "PB404": {},
    "PB405": {"crisis": "active"},
    "PB406": {},
    "PB407": {},
    "PB408": {},
}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_documented_examples_fire_and_fixed_examples_do_not(rule, sample, tmp_path):
    settings = dict(EXAMPLE_SETTINGS[rule.code])
    if settings.get("crisis") == "active":
        settings["crisis"] = CrisisStatus(sample.crisis.loc, active=True,
                                          started_at=dt.datetime(2027, 1, 5, 8, 0, tzinfo=PARIS),
                                          frozen_channels=("instagram",))
    pb = configure(sample, **settings)
    for kind, text, fires in (("example", rule.doc.example, True), ("fixed", rule.doc.fixed, False)):
        folder = tmp_path / kind
        drafts = []
        for relative, content in example_files(text):
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            draft, _ = read_draft(str(path), pb.organisation)
            drafts.append(draft)
        codes = [f.code for f in check_queue(drafts, pb, CTX)]
        assert (rule.code in codes) is fires, (kind, codes)


# -- PB401 promotional share ---------------------------------------------------------------------------
def test_promo_share_over_the_limit_is_reported_once_on_the_post_that_tips_it(sample, queue):
    pb = configure(sample)
    queue.add("lundi.md", "2027-01-04T10:00")
    tip = queue.add("mardi.md", "2027-01-05T10:00", kind="promo")
    third = queue.add("jeudi.md", "2027-01-07T10:00", kind="promo")
    [finding] = run(queue, pb, "PB401")
    assert at_publish(finding, tip)
    label = pb.channel("facebook").label
    assert finding.message == (f"2 of 3 posts on {label} (66.7 %) are promotional between January 1, 2027 and "
                               f"January 7, 2027; the charter allows 30 %")
    assert tip in finding.hint and third in finding.hint
    assert finding.severity.value == "warning"


def test_promo_share_within_the_limit_is_not_reported(sample, queue):
    pb = configure(sample)
    for day in ("04", "05", "06"):
        queue.add(f"{day}.md", f"2027-01-{day}T10:00")
    queue.add("07.md", "2027-01-07T10:00", kind="promo")  # 1 of 4 = 25 %
    assert run(queue, pb, "PB401") == []


def test_sponsored_posts_count_as_promotional(sample, queue):
    pb = configure(sample)
    for day in ("04", "05", "06"):
        queue.add(f"{day}.md", f"2027-01-{day}T10:00")
    queue.add("07.md", "2027-01-07T10:00", sponsored=True)  # 1 of 4 = 25 %: fine so far
    last = queue.add("08.md", "2027-01-08T10:00", kind="promo")  # 2 of 5 = 40 %; 20 % if sponsored did not count
    [finding] = run(queue, pb, "PB401")
    assert at_publish(finding, last)
    assert finding.message.startswith("2 of 5 posts")


def test_separate_stretches_give_separate_findings_and_channels_are_judged_apart(sample, queue):
    pb = configure(sample)
    first = queue.add("a-promo.md", "2027-01-04T10:00", kind="promo")
    for day in range(5, 20):  # two weeks of information in between
        queue.add(f"info-{day}.md", f"2027-01-{day:02d}T10:00")
    queue.add("b-promo.md", "2027-01-20T10:00", kind="promo")  # 1 of 7 since 2027-01-14
    second = queue.add("c-promo.md", "2027-01-21T10:00", kind="promo")  # tips: 2 of 6 counted from 2027-01-16
    queue.add("d-promo.md", "2027-01-22T10:00", kind="promo")  # 3 of 7 between 2027-01-16 and 2027-01-22
    for day in range(16, 22):  # linkedin's promo is 1 of 7 on linkedin: fine, whatever facebook does
        queue.add(f"linkedin-{day}.md", f"2027-01-{day:02d}T11:00", channels=("linkedin",))
    queue.add("linkedin-promo.md", "2027-01-22T11:00", channels=("linkedin",), kind="promo")
    findings = run(queue, pb, "PB401")
    assert [(f.path, f.line) for f in findings] == [(first, PUBLISH_LINE), (second, PUBLISH_LINE)]
    assert "(100 %)" in findings[0].message  # nothing else on facebook in the days before the first promo
    assert "3 of 7 posts" in findings[1].message
    assert "between January 16, 2027 and January 22, 2027" in findings[1].message


def test_past_posts_count_as_context_but_are_never_reported(sample, queue):
    pb = configure(sample)
    queue.add("passe-1.md", "2026-12-29T10:00", kind="promo")
    queue.add("passe-2.md", "2026-12-30T10:00", kind="promo")
    assert run(queue, pb, "PB401") == []  # only published posts: nothing left to change
    upcoming = queue.add("demain.md", "2027-01-02T10:00", kind="promo")
    [finding] = run(queue, pb, "PB401")
    assert finding.path == upcoming and "3 of 3 posts" in finding.message


def test_a_window_with_too_few_posts_says_nothing(sample, queue):
    pb = configure(sample, min_posts=4)
    queue.add("a-promo.md", "2027-01-04T10:00", kind="promo")  # 1 of 1: no share to judge
    for day in range(5, 20):
        queue.add(f"info-{day}.md", f"2027-01-{day:02d}T10:00")
    queue.add("b-promo.md", "2027-01-20T10:00", kind="promo")
    second = queue.add("c-promo.md", "2027-01-21T10:00", kind="promo")
    queue.add("d-promo.md", "2027-01-22T10:00", kind="promo")
    [finding] = run(queue, pb, "PB401")
    assert finding.path == second and "3 of 7 posts" in finding.message
    assert "judged from 4 posts on" in finding.hint


def test_three_promotions_alone_are_judged_from_the_default_minimum(sample, queue):
    pb = configure(sample, min_posts=3)
    queue.add("a.md", "2027-01-04T10:00", kind="promo")
    queue.add("b.md", "2027-01-05T10:00", kind="promo")
    assert run(queue, pb, "PB401") == []  # two posts: not enough to judge
    third = queue.add("c.md", "2027-01-06T10:00", kind="promo")
    [finding] = run(queue, pb, "PB401")
    assert finding.path == third and "3 of 3 posts" in finding.message


def test_promo_share_is_off_without_a_maximum(sample, queue):
    pb = configure(sample, promo=None)
    queue.add("promo.md", "2027-01-04T10:00", kind="promo")
    assert run(queue, pb, "PB401") == []


# -- PB402 cadence --------------------------------------------------------------------------------------
def test_cadence_reports_busy_thin_and_empty_weeks(sample, queue):
    pb = configure(sample, cadence={"facebook": {"min": 2, "max": 3}})
    for day in ("04", "05", "06"):
        queue.add(f"s1-{day}.md", f"2027-01-{day}T10:00")
    fourth = queue.add("s1-07.md", "2027-01-07T10:00")
    thin = queue.add("s2-12.md", "2027-01-12T10:00")
    # week 3 (2027-01-18 to 2027-01-24) is empty
    after = queue.add("s4-25.md", "2027-01-25T10:00")
    queue.add("s4-26.md", "2027-01-26T10:00")  # the queue ends on a Tuesday: week 4 is not judged
    findings = run(queue, pb, "PB402")
    label = pb.channel("facebook").label
    assert [(f.path, f.line, f.column) for f in findings] == [
        (fourth, PUBLISH_LINE, PUBLISH_COLUMN), (thin, PUBLISH_LINE, PUBLISH_COLUMN),
        (after, PUBLISH_LINE, PUBLISH_COLUMN)]
    busy, few, empty = findings
    assert busy.message == (f"4 posts on {label} in week 1 (Jan 4\u2009–\u200910, 2027); "
                            f"the cadence allows at most 3 a week")
    assert few.message.startswith(f"only 1 post on {label} in week 2 (Jan 11\u2009–\u200917, 2027)")
    assert empty.message == (f"no post on {label} in week 3 (Jan 18\u2009–\u200924, 2027); "
                             f"the cadence asks for at least 2 a week")


def test_cadence_within_bounds_is_not_reported(sample, queue):
    pb = configure(sample, cadence={"facebook": {"min": 2, "max": 3}})
    for day in ("04", "07", "11", "14", "18", "19", "20"):
        queue.add(f"{day}.md", f"2027-01-{day}T10:00")
    assert run(queue, pb, "PB402") == []


def test_consecutive_empty_weeks_at_the_end_are_one_finding_on_the_last_post(sample, queue):
    pb = configure(sample, cadence={"facebook": {"min": 1}})
    last = queue.add("facebook.md", "2027-01-05T10:00")
    queue.add("linkedin.md", "2027-01-24T10:00", channels=("linkedin",))  # the queue runs to this Sunday
    [finding] = run(queue, pb, "PB402")
    assert at_publish(finding, last)
    assert "in the 2 weeks from week 2 to week 3 (Jan 11\u2009–\u200924, 2027)" in finding.message


def test_a_far_future_typo_gives_one_finding_not_one_per_week(sample, queue):
    pb = configure(sample, cadence={"facebook": {"min": 1}})
    queue.add("s1.md", "2027-01-05T10:00")
    last = queue.add("s2.md", "2027-01-12T10:00")
    queue.add("faute.md", "2207-01-12T10:00", channels=("linkedin",))  # 2207 for 2027
    [finding] = run(queue, pb, "PB402")
    assert at_publish(finding, last)
    assert "weeks from week 3 to week 2 (Jan 18, 2027\u2009–\u2009Jan " in finding.message
    assert "2207)" in finding.message


# -- PB403 gaps -------------------------------------------------------------------------------------------
def test_gap_longer_than_allowed_is_reported_after_it_and_at_the_tail(sample, queue):
    pb = configure(sample, cadence={"facebook": {"gap": 3}})
    queue.add("02.md", "2027-01-02T10:00")
    previous = queue.add("04.md", "2027-01-04T10:00")
    after_gap = queue.add("09.md", "2027-01-09T10:00")
    queue.add("linkedin.md", "2027-01-15T10:00", channels=("linkedin",))
    findings = run(queue, pb, "PB403")
    assert [(f.path, f.line, f.column) for f in findings] == [(after_gap, PUBLISH_LINE, PUBLISH_COLUMN)] * 2
    label = pb.channel("facebook").label
    messages = sorted(f.message for f in findings)
    assert messages == [
        f"5 days without a post on {label} before this one (the previous is {previous}, January 4, 2027 at 10:00); "
        f"the cadence allows at most 3 days without a post",
        f"nothing is scheduled on {label} for 6 days after this post, while the queue runs until "
        f"January 15, 2027 at 10:00; the cadence allows at most 3 days without a post",
    ]
    assert findings[0].severity.value == "info"


def test_gap_from_now_to_the_first_post(sample, queue):
    pb = configure(sample, cadence={"facebook": {"gap": 3}})
    first = queue.add("06.md", "2027-01-06T10:00")
    [finding] = run(queue, pb, "PB403")
    assert at_publish(finding, first)
    assert "for 4.9 days, from now (January 1, 2027 at 12:00) until this post" in finding.message


def test_gaps_of_exactly_the_limit_are_allowed(sample, queue):
    pb = configure(sample, cadence={"facebook": {"gap": 3}})
    for day in ("04", "07", "10", "13"):
        queue.add(f"{day}.md", f"2027-01-{day}T12:00")
    queue.add("head.md", "2027-01-01T12:00")  # exactly now: counts as upcoming
    assert run(queue, pb, "PB403") == []


# -- PB404 coverage ----------------------------------------------------------------------------------------
def test_weekend_post_with_nobody_on_duty(sample, queue):
    pb = configure(sample)
    saturday = queue.add("samedi.md", "2027-01-09T18:00")
    [finding] = run(queue, pb, "PB404")
    assert at_publish(finding, saturday)
    assert finding.message == ("published Saturday, January 9, 2027 at 18:00; nobody is on duty to answer until "
                               "Monday 09:00")


def test_post_whose_reaction_window_runs_past_the_end_of_the_day(sample, queue):
    pb = configure(sample)
    friday = queue.add("vendredi.md", "2027-01-08T17:00")
    [finding] = run(queue, pb, "PB404")
    assert at_publish(finding, friday)
    assert finding.message == ("published Friday, January 8, 2027 at 17:00; within the 2h reaction window, nobody is "
                               "on duty from 18:00 until Monday 09:00")


def test_post_with_its_whole_reaction_window_on_duty_is_fine(sample, queue):
    pb = configure(sample)
    queue.add("vendredi.md", "2027-01-08T10:00")
    queue.add("fin.md", "2027-01-08T16:00")  # 16:00-18:00: exactly covered
    assert run(queue, pb, "PB404") == []


def test_absence_removes_a_person_from_duty_and_the_hint_says_who(sample, queue):
    pb = configure(sample)
    wednesday = queue.add("mercredi.md", "2027-01-13T10:00")
    [finding] = run(queue, pb, "PB404")
    assert at_publish(finding, wednesday)
    assert finding.message.endswith("nobody is on duty to answer until Thursday 09:00")
    assert "Ana Le Bris (formation)" in finding.hint


def test_times_are_read_in_the_organisation_time_zone(sample, queue):
    pb = configure(sample)
    # 08:30 UTC in January is 09:30 in Paris: on duty. Across the spring change of hour too.
    queue.add("utc.md", "2027-01-05T08:30+00:00")
    queue.add("ete.md", "2027-03-29T07:30+00:00")  # Monday after the change: 09:30 in Paris
    assert run(queue, pb, "PB404") == []


def with_intern(pb, **schedule: list[str]):
    """The pinned team plus Lucas, an intern community manager, on duty when ``schedule`` says."""
    manager = next(p.id for p in pb.roles.profiles if p.kind == "community-manager")
    lucas = Person(pb.roles.loc, id="lucas-hamon", name="Lucas Hamon", roles=(manager,), intern=True,
                   schedule=week(**schedule))
    return dc.replace(pb, roles=dc.replace(pb.roles, people=(*pb.roles.people, lucas)))


def test_an_intern_alone_on_duty_does_not_cover_a_post(sample, queue):
    # roles.yml: « Un stagiaire ou un alternant ne reste jamais seul de permanence. »
    pb = with_intern(configure(sample), sat=["09:00-19:00"])
    saturday = queue.add("samedi.md", "2027-01-09T10:00")
    [finding] = run(queue, pb, "PB404")
    assert at_publish(finding, saturday)
    assert finding.message == ("published Saturday, January 9, 2027 at 10:00; from 10:00 until Monday 09:00, only "
                               "Lucas Hamon would be on duty to answer, and an intern never stays alone on duty")
    assert "not an intern" in finding.hint


def test_an_intern_beside_a_community_manager_is_fine_and_alone_after_hours_is_not(sample, queue):
    pb = with_intern(configure(sample), tue=["09:00-20:00"])
    queue.add("mardi.md", "2027-01-05T10:00")  # Ana is there too
    evening = queue.add("soir.md", "2027-01-05T17:30")  # Ana leaves at 18:00, Lucas stays until 20:00
    [finding] = run(queue, pb, "PB404")
    assert at_publish(finding, evening)
    assert "from 18:00 until Wednesday 09:00, only Lucas Hamon would be on duty" in finding.message


def test_an_intern_on_duty_while_the_manager_is_away_is_reported_as_alone(sample, queue):
    pb = with_intern(configure(sample), wed=["09:00-18:00"])
    wednesday = queue.add("mercredi.md", "2027-01-13T10:00")  # Ana is away on training that day
    [finding] = run(queue, pb, "PB404")
    assert at_publish(finding, wednesday)
    assert "only Lucas Hamon would be on duty" in finding.message
    assert "Ana Le Bris (formation)" in finding.hint


# -- PB405 crisis freeze ------------------------------------------------------------------------------------
def crisis(sample, **changes):
    status = CrisisStatus(sample.crisis.loc, active=True, started_at=dt.datetime(2027, 1, 5, 8, 0, tzinfo=PARIS),
                          frozen_channels=("instagram",))
    return configure(sample, crisis=dc.replace(status, **changes))


def test_promotion_and_frozen_channels_during_a_crisis_are_errors(sample, queue):
    pb = crisis(sample)
    promo = queue.add("promo.md", "2027-01-06T10:00", kind="promo")
    frozen = queue.add("insta.md", "2027-01-04T10:00", channels=("instagram",))
    findings = run(queue, pb, "PB405")
    assert sorted((f.path, f.line, f.column) for f in findings) == sorted(
        [(promo, PUBLISH_LINE, PUBLISH_COLUMN), (frozen, PUBLISH_LINE, PUBLISH_COLUMN)])
    by_path = {f.path: f for f in findings}
    assert by_path[promo].message == "scheduled during the crisis under way since January 5, 2027 at 08:00: " \
                                     "promotional posts are suspended"
    assert "is frozen" in by_path[frozen].message
    assert all(f.severity.value == "error" for f in findings)


@pytest.mark.parametrize("written", ["Promo", "PROMO", "promo "])
def test_a_promotion_whose_kind_is_written_in_capitals_is_frozen_and_counted_all_the_same(sample, queue, written):
    # `kind` is an id the rules compare with `promo`; written by hand it slipped past both rules
    frozen = queue.add("soldes.md", "2027-01-06T10:00", kind=f'"{written}"')
    [finding] = run(queue, crisis(sample), "PB405")
    assert (finding.path, finding.line, finding.column) == (frozen, PUBLISH_LINE, PUBLISH_COLUMN)
    assert finding.message.endswith("promotional posts are suspended")
    assert [draft.kind for draft in queue.drafts(sample.organisation)] == ["promo"]


def test_promotions_whose_kind_is_written_in_capitals_count_towards_the_share(sample, queue):
    queue.add("lundi.md", "2027-01-04T10:00")
    tip = queue.add("mardi.md", "2027-01-05T10:00", kind="Promo")
    third = queue.add("jeudi.md", "2027-01-07T10:00", kind="PROMO")
    [finding] = run(queue, configure(sample), "PB401")
    assert at_publish(finding, tip)
    assert tip in finding.hint and third in finding.hint


def test_a_kind_that_only_contains_promo_is_not_a_promotion(sample, queue):
    queue.add("promenade.md", "2027-01-06T10:00", kind="promenade")
    queue.add("info.md", "2027-01-06T12:00", kind="Information", body="Promo : nos soldes commencent demain.")
    assert run(queue, crisis(sample), "PB405") == []


def test_information_and_promotion_before_the_crisis_started_are_allowed(sample, queue):
    pb = crisis(sample)
    queue.add("avant.md", "2027-01-04T10:00", kind="promo")  # before started_at
    queue.add("info.md", "2027-01-06T10:00")  # not promotional, not frozen
    assert run(queue, pb, "PB405") == []


def test_no_freeze_when_the_crisis_is_over(sample, queue):
    pb = crisis(sample, active=False)
    queue.add("promo.md", "2027-01-06T10:00", kind="promo", channels=("instagram",))
    assert run(queue, pb, "PB405") == []


# -- PB406 the same text on several channels --------------------------------------------------------------------
TEXT = ("Notre nouvelle cuvée de cidre fermier arrive en boutique ce samedi, venez la goûter avec toute la "
        "famille et repartez avec une bouteille offerte pour deux achetées.")
BODY_LINE = 7  # the body starts after the 5 lines of front matter and its two `---`


def test_same_text_on_another_channel_is_reported_on_the_later_post(sample, queue):
    pb = configure(sample)
    first = queue.add("facebook.md", "2027-01-04T10:00", body=TEXT + " https://pressoir.example/?utm_source=fb")
    later = queue.add("linkedin.md", "2027-01-04T12:00", channels=("linkedin",),
                      body=TEXT.upper() + "  #cidre @PressoirDeLaFlume")
    [finding] = run(queue, pb, "PB406")
    assert (finding.path, finding.line, finding.column) == (later, BODY_LINE, 1)
    assert finding.message == \
        f"the same text as {first} (on {pb.channel('facebook').label}, January 4, 2027 at 10:00)"


def test_nearly_the_same_text_is_reported_with_its_similarity(sample, queue):
    pb = configure(sample)
    first = queue.add("facebook.md", "2027-01-04T10:00", body=TEXT)
    later = queue.add("instagram.md", "2027-01-05T10:00", channels=("instagram",),
                      body=TEXT.replace("toute la famille", "toute votre famille"))
    [finding] = run(queue, pb, "PB406")
    assert finding.path == later and finding.line == BODY_LINE
    assert finding.message.startswith("almost the same text (") and first in finding.message


def test_different_texts_reposts_and_short_texts_are_not_reported(sample, queue):
    pb = configure(sample)
    queue.add("facebook.md", "2027-01-04T10:00", body=TEXT)
    queue.add("repost.md", "2027-01-11T10:00", body=TEXT)  # the same channel again: a repost
    queue.add("linkedin.md", "2027-01-05T10:00", channels=("linkedin",),
              body="Après deux ans d’essais avec nos producteurs partenaires, nous lançons une cuvée fermière.")
    queue.add("court-fb.md", "2027-01-06T10:00", body="Bonne année à tous !")
    queue.add("court-x.md", "2027-01-06T11:00", channels=("x",), body="Bonne année à tous !")
    queue.add("partout.md", "2027-01-07T10:00", channels=("instagram", "x"),
              body="Un seul brouillon pour deux canaux, qui le dit dans son en-tête.")
    assert run(queue, pb, "PB406") == []


def test_an_already_published_copy_counts(sample, queue):
    pb = configure(sample)
    first = queue.add("publie.md", "2026-12-20T10:00", body=TEXT)
    later = queue.add("x.md", "2027-01-04T10:00", channels=("x",), body=TEXT)
    [finding] = run(queue, pb, "PB406")
    assert finding.path == later and first in finding.message


def test_undated_drafts_take_no_part(sample, tmp_path):
    pb = configure(sample)
    path = tmp_path / "idee.md"
    path.write_text("---\nchannels: [facebook]\nkind: promo\nauthor: claire-le-gall\n---\nUne idée à dater.\n",
                    encoding="utf-8")
    draft, _ = read_draft(str(path), pb.organisation)
    assert list(check_queue([draft], pb, CTX)) == []
