"""PB2xx playbook checks, run through the real loader on real YAML files.

Each test writes a small valid playbook to a temporary folder, changes one file, runs
``load_playbook`` exactly as ``playbook validate`` does, and asserts the code, line and column a
user would see — plus a near miss that must stay silent.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from linter.core.context import CheckContext
from linter.core.i18n import Language
from linter.playbook.loader import load_playbook
from linter.rules import build_registry

TODAY = dt.date(2026, 11, 23)

BASE = {
    "organisation": """\
name: Cidrerie du Val
language: fr
timezone: Europe/Paris
service_hours:
  bureau:
    mon: ["09:00-18:00"]
    tue: ["09:00-18:00"]
    wed: ["09:00-18:00"]
    thu: ["09:00-18:00"]
    fri: ["09:00-18:00"]
""",
    "objectives": """\
objectives:
  - id: notoriete
    title: Faire connaître la cidrerie
    kind: awareness
    tier: 1
    owner: cm-relationnel
    channels: [facebook]
    audiences: [grand-public]
    kpi:
      metric: abonnés Facebook
      baseline: 800
      target: 1500
      unit: abonnés
      deadline: 2027-06-30
""",
    "audiences": """\
audiences:
  - id: grand-public
    name: Grand public
    channels: [facebook]
""",
    "channels": """\
channels:
  - id: facebook
    network: facebook
    name: Cidrerie du Val sur Facebook
    status: active
    audiences: [grand-public]
    response:
      delay: 2h
      hours: bureau
""",
    "roles": """\
profiles:
  - id: cm-relationnel
    name: Animation et relation client
    kind: community-manager
    profile: relational
  - id: expert-com
    name: Responsable communication
    kind: business-expert
  - id: expert-juridique
    name: Conseil juridique
    kind: business-expert
people:
  - id: lea
    name: Léa Martin
    roles: [cm-relationnel]
    schedule:
      mon: ["09:00-13:00"]
      tue: ["09:00-13:00"]
      wed: ["09:00-13:00"]
      thu: ["09:00-13:00"]
      fri: ["09:00-13:00"]
  - id: hugo
    name: Hugo Bernard
    roles: [cm-relationnel, expert-com]
    schedule:
      mon: ["13:00-18:00"]
      tue: ["13:00-18:00"]
      wed: ["13:00-18:00"]
      thu: ["13:00-18:00"]
      fri: ["13:00-18:00"]
    absences:
      - from: 2026-12-21
        to: 2026-12-31
        reason: Congés de fin d'année
  - id: ines
    name: Inès Caron
    roles: [expert-com]
""",
    "tone": """\
voice: Chaleureuse, précise et honnête.
register: vous
""",
    "usage-charter": """\
version: "1.2"
last_reviewed: 2026-09-01
review_interval_months: 12
rules:
  - id: confidentialite
    title: Ne rien publier de confidentiel
""",
    "crisis": """\
levels:
  - id: 1
    name: Vigilance
  - id: 2
    name: Alerte
phases:
  - {id: birth, name: Naissance, owner: cm-relationnel, max_delay: 30min}
  - {id: virality, name: Viralité, owner: cm-relationnel, max_delay: 1h}
  - {id: propagation, name: Propagation, owner: cm-relationnel, max_delay: 2h}
  - {id: lassitude, name: Essoufflement, owner: cm-relationnel, max_delay: 1d}
  - {id: resolution, name: Résolution, owner: cm-relationnel, max_delay: 1d}
escalation:
  - role: expert-com
    when: Dès le niveau 2
holding_statements:
  - id: attente
    language: fr
    title: Premier message d'attente
    text: Nous avons bien vu vos messages et vérifions les faits ; nous revenons vers vous très vite.
status:
  active: false
""",
    "calendar": """\
events:
  - id: fete-du-cidre
    title: Fête du cidre
    recurrence: FREQ=YEARLY;BYMONTH=10;BYDAY=3SA
    start: 2026-10-17
    channels: [facebook]
    owner: cm-relationnel
""",
}

REGISTRY = build_registry()
ENGLISH = Language("en")  # these tests read the messages in English; tests/test_i18n.py reads them in French


# -- helpers --------------------------------------------------------------------------------------
def changed(concern: str, old: str, new: str, count: int = 1) -> str:
    """The base text of ``concern`` with ``old`` replaced (it must be there)."""
    text = BASE[concern]
    assert old in text, f"{old!r} not in {concern}.yml"
    return text.replace(old, new, count)


def write(root: Path, **texts: str) -> Path:
    """Write the base playbook with some files replaced (keyword: concern with _ for -)."""
    root.mkdir(parents=True, exist_ok=True)
    files = dict(BASE)
    files.update({name.replace("_", "-"): text for name, text in texts.items()})
    for concern, text in files.items():
        (root / f"{concern}.yml").write_text(text, encoding="utf-8")
    return root


def run(root: Path, today: dt.date = TODAY):
    result = load_playbook(str(root), REGISTRY, CheckContext.create(REGISTRY, today, lang=ENGLISH))
    assert result.playbook is not None, [str(f) for f in result.findings]  # the files themselves are valid
    return result


def found(root: Path, code: str, today: dt.date = TODAY) -> list:
    return [finding for finding in run(root, today).findings if finding.code == code]


def line_column(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def position(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based line and column of the ``nth`` occurrence of ``needle`` in ``text``."""
    offset = -1
    for _ in range(nth):
        offset = text.index(needle, offset + 1)
    return line_column(text, offset)


def assert_at(finding, path: Path, text: str, needle: str, nth: int = 1) -> None:
    assert Path(finding.path).name == path.name
    assert (finding.line, finding.column) == position(text, needle, nth), finding


# -- the base itself -------------------------------------------------------------------------------
def test_base_playbook_has_no_findings(tmp_path):
    assert run(write(tmp_path)).findings == ()


# -- PB201 duplicate id ----------------------------------------------------------------------------
SECOND_CHANNEL = """  - id: {id}
    network: instagram
    name: Cidrerie du Val sur Instagram
"""


def test_pb201_duplicate_channel_id_points_at_second_and_names_first_line(tmp_path):
    text = BASE["channels"] + SECOND_CHANNEL.format(id="facebook")
    [finding] = found(write(tmp_path, channels=text), "PB201")
    assert_at(finding, tmp_path / "channels.yml", text, "facebook\n    network: instagram")
    assert finding.severity.value == "error"
    assert "'facebook'" in finding.message and "line 2" in finding.message


def test_pb201_same_id_in_different_kinds_is_fine(tmp_path):
    text = BASE["channels"] + SECOND_CHANNEL.format(id="instagram")
    roles = changed("roles", "  - id: ines\n", "  - id: expert-com\n")  # a person named like a profile
    assert found(write(tmp_path, channels=text, roles=roles), "PB201") == []


def test_pb201_duplicate_crisis_phase(tmp_path):
    text = changed("crisis", "{id: lassitude,", "{id: virality,")
    [finding] = found(write(tmp_path, crisis=text), "PB201")
    assert_at(finding, tmp_path / "crisis.yml", text, "virality", nth=2)
    assert "crisis phase" in finding.message


# -- PB202 unknown reference -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("concern", "old", "new", "needle", "hint"),
    [
        ("objectives", "channels: [facebook]", "channels: [facebok]", "facebok", "Did you mean 'facebook'?"),
        ("objectives", "owner: cm-relationnel", "owner: cm-relationel", "cm-relationel", "'cm-relationnel'"),
        ("audiences", "channels: [facebook]", "channels: [facebook, linkedin]", "linkedin", "channels.yml"),
        ("channels", "audiences: [grand-public]", "audiences: [grand-publik]", "grand-publik", "'grand-public'"),
        ("roles", "roles: [expert-com]", "roles: [expert-comm]", "expert-comm", "'expert-com'"),
        ("crisis", "{id: birth, name: Naissance, owner: cm-relationnel",
         "{id: birth, name: Naissance, owner: cm-veille", "cm-veille", "roles.yml"),
        ("crisis", "role: expert-com", "role: expert-rh", "expert-rh", "roles.yml"),
        ("crisis", "  active: false\n", "  active: false\n  frozen_channels: [twitter]\n", "twitter", "channels.yml"),
        ("crisis", "  active: false\n", "  active: false\n  lead: lae\n", "lae", "'lea'"),
        ("crisis", "  active: false\n", "  active: false\n  level: 3\n", "3", "1, 2"),
        ("calendar", "owner: cm-relationnel", "owner: cm-blogueur", "cm-blogueur", "roles.yml"),
        ("calendar", "channels: [facebook]", "channels: [facebook, instagram]", "instagram", "channels.yml"),
    ],
)
def test_pb202_unknown_reference_points_at_the_item(tmp_path, concern, old, new, needle, hint):
    text = changed(concern, old, new)
    [finding] = found(write(tmp_path, **{concern.replace("-", "_"): text}), "PB202")
    offset = text.index(new) + new.index(needle)  # the needle inside the changed part
    assert Path(finding.path).name == f"{concern}.yml"
    assert (finding.line, finding.column) == line_column(text, offset), finding
    assert f"'{needle}'" in finding.message or f"level {needle}" in finding.message
    assert hint in finding.hint


def test_pb202_known_references_are_silent(tmp_path):
    objectives = changed("objectives", "channels: [facebook]", "channels: [facebook, linkedin]")
    channels = BASE["channels"] + "  - id: linkedin\n    network: linkedin\n    name: Cidrerie du Val\n"
    assert found(write(tmp_path, objectives=objectives, channels=channels), "PB202") == []


# -- PB203 objective not measurable ---------------------------------------------------------------
def test_pb203_kpi_missing_target_and_deadline(tmp_path):
    text = changed("objectives", "      target: 1500\n", "").replace("      deadline: 2027-06-30\n", "")
    [finding] = found(write(tmp_path, objectives=text), "PB203")
    assert_at(finding, tmp_path / "objectives.yml", text, "kpi:")
    assert finding.message == "the kpi of the objective 'notoriete' has no target and no deadline"


def test_pb203_objective_without_kpi(tmp_path):
    text = BASE["objectives"][: BASE["objectives"].index("    kpi:")]
    [finding] = found(write(tmp_path, objectives=text), "PB203")
    assert_at(finding, tmp_path / "objectives.yml", text, "id: notoriete")
    assert "has no kpi" in finding.message


def test_pb203_baseline_and_unit_are_optional(tmp_path):
    text = changed("objectives", "      baseline: 800\n", "").replace("      unit: abonnés\n", "")
    assert found(write(tmp_path, objectives=text), "PB203") == []


# -- PB204 deadline passed ---------------------------------------------------------------------------
def test_pb204_deadline_before_today(tmp_path):
    text = changed("objectives", "deadline: 2027-06-30", "deadline: 2026-11-22")
    [finding] = found(write(tmp_path, objectives=text), "PB204")
    assert_at(finding, tmp_path / "objectives.yml", text, "2026-11-22")
    assert finding.severity.value == "warning"
    assert "November 22, 2026" in finding.message and "1 day before today (November 23, 2026)" in finding.message


def test_pb204_deadline_today_is_not_passed(tmp_path):
    text = changed("objectives", "deadline: 2027-06-30", "deadline: 2026-11-23")
    assert found(write(tmp_path, objectives=text), "PB204") == []


# -- PB205 crisis phase owner ------------------------------------------------------------------------
def test_pb205_phase_without_owner(tmp_path):
    text = changed("crisis", "{id: birth, name: Naissance, owner: cm-relationnel, ", "{id: birth, name: Naissance, ")
    [finding] = found(write(tmp_path, crisis=text), "PB205")
    assert_at(finding, tmp_path / "crisis.yml", text, "{id: birth")
    assert "'birth' has no owner" in finding.message


def test_pb205_owner_profile_held_by_nobody(tmp_path):
    text = changed("crisis", "{id: virality, name: Viralité, owner: cm-relationnel",
                   "{id: virality, name: Viralité, owner: expert-juridique")
    [finding] = found(write(tmp_path, crisis=text), "PB205")
    assert_at(finding, tmp_path / "crisis.yml", text, "expert-juridique")
    assert finding.message == ("the crisis phase 'virality' is owned by 'expert-juridique', but nobody in "
                               "roles.yml holds that profile")


def test_pb205_owner_held_by_someone_is_fine(tmp_path):
    text = changed("crisis", "{id: virality, name: Viralité, owner: cm-relationnel",
                   "{id: virality, name: Viralité, owner: expert-com")
    assert found(write(tmp_path, crisis=text), "PB205") == []


# -- PB206 crisis phase without max_delay -----------------------------------------------------------
def test_pb206_phase_without_max_delay(tmp_path):
    text = changed("crisis", "owner: cm-relationnel, max_delay: 2h}", "owner: cm-relationnel}")
    [finding] = found(write(tmp_path, crisis=text), "PB206")
    assert_at(finding, tmp_path / "crisis.yml", text, "{id: propagation")
    assert "'propagation' has no max_delay" in finding.message


def test_pb206_all_phases_with_delay_are_silent(tmp_path):
    assert found(write(tmp_path), "PB206") == []


# -- PB207 missing crisis phase ----------------------------------------------------------------------
def test_pb207_missing_phase_at_phases_key(tmp_path):
    text = changed("crisis", "  - {id: lassitude, name: Essoufflement, owner: cm-relationnel, max_delay: 1d}\n", "")
    [finding] = found(write(tmp_path, crisis=text), "PB207")
    assert_at(finding, tmp_path / "crisis.yml", text, "phases:")
    assert "no phase 'lassitude'" in finding.message


def test_pb207_two_missing_phases_in_one_finding(tmp_path):
    text = changed("crisis", "  - {id: lassitude, name: Essoufflement, owner: cm-relationnel, max_delay: 1d}\n", "")
    text = text.replace("  - {id: birth, name: Naissance, owner: cm-relationnel, max_delay: 30min}\n", "")
    [finding] = found(write(tmp_path, crisis=text), "PB207")
    assert "phases 'birth' and 'lassitude'" in finding.message


# -- PB208 escalation to an unheld profile ----------------------------------------------------------
def test_pb208_escalation_profile_held_by_nobody(tmp_path):
    text = changed("crisis", "role: expert-com", "role: expert-juridique")
    [finding] = found(write(tmp_path, crisis=text), "PB208")
    assert_at(finding, tmp_path / "crisis.yml", text, "expert-juridique")
    assert "'expert-juridique'" in finding.message


def test_pb208_unknown_profile_is_pb202_not_pb208(tmp_path):
    text = changed("crisis", "role: expert-com", "role: expert-rh")
    root = write(tmp_path, crisis=text)
    assert found(root, "PB208") == []
    assert len(found(root, "PB202")) == 1


# -- PB209 usage charter stale ------------------------------------------------------------------------
def test_pb209_charter_overdue(tmp_path):
    text = changed("usage-charter", "last_reviewed: 2026-09-01", "last_reviewed: 2025-11-22")
    [finding] = found(write(tmp_path, usage_charter=text), "PB209")
    assert_at(finding, tmp_path / "usage-charter.yml", text, "2025-11-22")
    assert finding.severity.value == "warning"
    assert "overdue since November 22, 2026" in finding.message


def test_pb209_charter_due_today_is_not_overdue(tmp_path):
    text = changed("usage-charter", "last_reviewed: 2026-09-01", "last_reviewed: 2025-11-23")
    assert found(write(tmp_path, usage_charter=text), "PB209") == []


def test_pb209_charter_without_last_reviewed(tmp_path):
    text = changed("usage-charter", "last_reviewed: 2026-09-01\n", "")
    [finding] = found(write(tmp_path, usage_charter=text), "PB209")
    assert (finding.line, finding.column) == (1, 1)
    assert "does not say when it was last reviewed" in finding.message


# -- PB210 coverage gap / PB211 unknown hours -------------------------------------------------------
def test_pb210_always_promise_reports_each_night_and_the_weekend(tmp_path):
    text = changed("channels", "hours: bureau", "hours: always")
    findings = found(write(tmp_path, channels=text), "PB210")
    for finding in findings:
        assert_at(finding, tmp_path / "channels.yml", text, "always")
    windows = sorted(re.search(r"on duty (.*)$", finding.message).group(1) for finding in findings)
    assert windows == ["Fri 18:00–Mon 09:00", "Mon 18:00–Tue 09:00", "Thu 18:00–Fri 09:00",
                       "Tue 18:00–Wed 09:00", "Wed 18:00–Thu 09:00"]
    assert findings[0].message.startswith("the channel 'facebook' promises answers within 2h (hours 'always')")


def test_pb210_gap_wrapping_sunday_night_into_monday_is_one_window(tmp_path):
    organisation = BASE["organisation"] + '  nuit:\n    sun: ["20:00-24:00"]\n    mon: ["00:00-08:00"]\n'
    channels = changed("channels", "hours: bureau", "hours: nuit")
    [finding] = found(write(tmp_path, organisation=organisation, channels=channels), "PB210")
    assert_at(finding, tmp_path / "channels.yml", channels, "nuit")
    assert finding.message == ("the channel 'facebook' promises answers within 2h (hours 'nuit'), but no "
                               "community manager is on duty Sun 20:00–Mon 08:00")


def test_pb210_partial_weekend_cover(tmp_path):
    organisation = BASE["organisation"] + '  samedi:\n    sat: ["09:00-18:00"]\n'
    channels = changed("channels", "hours: bureau", "hours: samedi")
    roles = changed("roles", '      fri: ["09:00-13:00"]\n', '      fri: ["09:00-13:00"]\n      sat: ["09:00-14:00"]\n')
    [finding] = found(write(tmp_path, organisation=organisation, channels=channels, roles=roles), "PB210")
    assert finding.message.endswith("on duty Sat 14:00–18:00")


def test_pb210_business_experts_do_not_count_as_on_duty(tmp_path):
    organisation = BASE["organisation"] + '  samedi:\n    sat: ["09:00-18:00"]\n'
    channels = changed("channels", "hours: bureau", "hours: samedi")
    roles = BASE["roles"] + '    schedule:\n      sat: ["09:00-18:00"]\n'  # Inès holds expert-com only
    [finding] = found(write(tmp_path, organisation=organisation, channels=channels, roles=roles), "PB210")
    assert finding.message.endswith("on duty Sat 09:00–18:00")


def test_pb210_covered_promise_and_reserved_channel_are_silent(tmp_path):
    reserved = (BASE["channels"] + "  - id: tiktok\n    network: tiktok\n    name: Cidrerie du Val\n"
                "    status: reserved\n    response:\n      hours: always\n")
    assert found(write(tmp_path, channels=reserved), "PB210") == []


def test_pb211_unknown_hours_name(tmp_path):
    text = changed("channels", "hours: bureau", "hours: burau")
    root = write(tmp_path, channels=text)
    [finding] = found(root, "PB211")
    assert_at(finding, tmp_path / "channels.yml", text, "burau")
    assert finding.severity.value == "warning"
    assert "Did you mean 'bureau'?" in finding.hint
    assert found(root, "PB210") == []  # nothing to compare against


def test_pb211_always_is_built_in(tmp_path):
    text = changed("channels", "hours: bureau", "hours: always")
    assert found(write(tmp_path, channels=text), "PB211") == []


# -- PB212 schedule problems --------------------------------------------------------------------------
def test_pb212_range_ending_before_it_starts(tmp_path):
    text = changed("roles", 'wed: ["09:00-13:00"]', 'wed: ["13:00-09:00"]')
    [finding] = found(write(tmp_path, roles=text), "PB212")
    assert_at(finding, tmp_path / "roles.yml", text, '"13:00-09:00"')
    assert finding.severity.value == "error"
    assert finding.message == ("in the schedule of Léa Martin (lea) on Wednesday, the range '13:00-09:00' does "
                               "not end after it starts (09:00 is not after 13:00)")


def test_pb212_reversed_service_hours(tmp_path):
    text = changed("organisation", 'fri: ["09:00-18:00"]', 'fri: ["18:00-18:00"]')
    [finding] = found(write(tmp_path, organisation=text), "PB212")
    assert_at(finding, tmp_path / "organisation.yml", text, '"18:00-18:00"')
    assert "service hours 'bureau' on Friday" in finding.message


def test_pb212_overlapping_ranges_warn(tmp_path):
    text = changed("roles", 'tue: ["13:00-18:00"]', 'tue: ["13:00-18:00", "17:00-19:00"]')
    [finding] = found(write(tmp_path, roles=text), "PB212")
    assert_at(finding, tmp_path / "roles.yml", text, '"17:00-19:00"')
    assert finding.severity.value == "warning"
    assert "overlaps '13:00-18:00'" in finding.message


def test_pb212_touching_ranges_do_not_overlap(tmp_path):
    text = changed("roles", 'tue: ["13:00-18:00"]', 'tue: ["13:00-18:00", "18:00-24:00"]')
    assert found(write(tmp_path, roles=text), "PB212") == []


def test_pb212_absence_ending_before_it_starts(tmp_path):
    text = changed("roles", "to: 2026-12-31", "to: 2026-12-01")
    [finding] = found(write(tmp_path, roles=text), "PB212")
    assert_at(finding, tmp_path / "roles.yml", text, "2026-12-01")
    assert "ends on December 1, 2026, before it starts on December 21, 2026" in finding.message


def test_pb212_one_day_absence_is_fine(tmp_path):
    text = changed("roles", "to: 2026-12-31", "to: 2026-12-21")
    assert found(write(tmp_path, roles=text), "PB212") == []


# -- PB213 single point of failure ---------------------------------------------------------------------
def test_pb213_crisis_owner_held_by_one_person(tmp_path):
    text = changed("roles", "roles: [cm-relationnel, expert-com]", "roles: [expert-com]")
    [finding] = found(write(tmp_path, roles=text), "PB213")
    crisis = BASE["crisis"]
    assert_at(finding, tmp_path / "crisis.yml", crisis, "cm-relationnel")
    assert finding.severity.value == "warning"
    assert "only Léa Martin (lea) holds it" in finding.message
    assert "'birth', 'virality', 'propagation', 'lassitude' and 'resolution'" in finding.message


def test_pb213_escalation_profile_held_only_by_interns(tmp_path):
    text = changed("roles", "    name: Inès Caron\n", "    name: Inès Caron\n    intern: true\n")
    text = text.replace("roles: [cm-relationnel, expert-com]", "roles: [cm-relationnel]")
    [finding] = found(write(tmp_path, roles=text), "PB213")
    assert_at(finding, tmp_path / "crisis.yml", BASE["crisis"], "expert-com")
    assert "only interns hold it (Inès Caron (ines))" in finding.message


def test_pb213_two_holders_one_intern_is_fine(tmp_path):
    text = changed("roles", "    name: Inès Caron\n", "    name: Inès Caron\n    intern: true\n")
    assert found(write(tmp_path, roles=text), "PB213") == []


# -- PB214 active crisis incomplete --------------------------------------------------------------------
def test_pb214_active_crisis_without_start_and_lead(tmp_path):
    text = changed("crisis", "  active: false\n", "  active: true\n  level: 2\n")
    [finding] = found(write(tmp_path, crisis=text), "PB214")
    assert_at(finding, tmp_path / "crisis.yml", text, "true")
    assert finding.message == "a crisis is marked active but its status has no started_at and no lead"


def test_pb214_complete_active_crisis_is_fine(tmp_path):
    text = changed("crisis", "  active: false\n",
                   "  active: true\n  level: 2\n  started_at: 2026-11-21T02:10:00+01:00\n  lead: lea\n")
    result = run(write(tmp_path, crisis=text))
    assert [f for f in result.findings if f.code == "PB214"] == []
    assert result.playbook.crisis.status.started_at == dt.datetime(2026, 11, 21, 1, 10, tzinfo=dt.UTC)


# -- PB215 invalid values -----------------------------------------------------------------------------
def test_pb215_unknown_time_zone(tmp_path):
    text = changed("organisation", "timezone: Europe/Paris", "timezone: Europe/Pariss")
    [finding] = found(write(tmp_path, organisation=text), "PB215")
    assert_at(finding, tmp_path / "organisation.yml", text, "Europe/Pariss")
    assert "Did you mean 'Europe/Paris'?" in finding.hint


def test_pb215_recurrence_rule_that_does_not_parse(tmp_path):
    text = changed("calendar", "FREQ=YEARLY;BYMONTH=10;BYDAY=3SA", "FREQ=SOMETIMES;BYMONTH=10")
    [finding] = found(write(tmp_path, calendar=text), "PB215")
    assert_at(finding, tmp_path / "calendar.yml", text, "FREQ=SOMETIMES")
    assert "'fete-du-cidre'" in finding.message and "RFC 5545" in finding.message


def test_pb215_valid_zone_and_rules_are_silent(tmp_path):
    organisation = changed("organisation", "timezone: Europe/Paris", "timezone: America/Montreal")
    calendar = changed("calendar", "FREQ=YEARLY;BYMONTH=10;BYDAY=3SA",
                       "RRULE:FREQ=MONTHLY;BYDAY=1TU;UNTIL=20271231T000000Z")
    assert found(write(tmp_path, organisation=organisation, calendar=calendar), "PB215") == []


# -- PB216 skipped tier ---------------------------------------------------------------------------------
OTHER_OBJECTIVE = """  - id: ventes
    title: Vendre en ligne pendant les fêtes
    tier: {tier}
    kpi: {{metric: commandes, target: 200, deadline: 2027-01-15}}
"""


def test_pb216_tier_three_without_tier_two(tmp_path):
    text = BASE["objectives"] + OTHER_OBJECTIVE.format(tier=3)
    [finding] = found(write(tmp_path, objectives=text), "PB216")
    assert_at(finding, tmp_path / "objectives.yml", text, "3\n")
    assert finding.severity.value == "warning"
    assert finding.message == "the objective 'ventes' is in tier 3, but no objective is in tier 2"


def test_pb216_consecutive_tiers_are_fine(tmp_path):
    text = BASE["objectives"] + OTHER_OBJECTIVE.format(tier=2)
    assert found(write(tmp_path, objectives=text), "PB216") == []


# -- every PB2xx rule's documented example fires, and its fixed version does not ---------------------
def merge_fragment(base: str, fragment: str) -> str:
    """Replace the base file's top-level keys with those of the fragment (text-level, keeps format)."""
    def blocks(text: str) -> dict[str, str]:
        result: dict[str, str] = {}
        key = None
        for line in text.splitlines(keepends=True):
            match = re.match(r"^([A-Za-z_][\w-]*):", line)
            if match:
                key = match.group(1)
                result[key] = ""
            if key is not None:
                result[key] += line
        return result

    merged = blocks(base)
    merged.update(blocks(fragment))
    return "".join(merged.values())


PLAYBOOK_RULES = [rule for rule in REGISTRY.by_scope("playbook") if rule.code.startswith("PB2")]


def test_every_pb2xx_code_of_the_brief_is_registered():
    codes = {rule.code for rule in PLAYBOOK_RULES}
    assert codes >= {f"PB2{n:02d}" for n in range(1, 17)}


@pytest.mark.parametrize("rule", PLAYBOOK_RULES, ids=lambda rule: rule.code)
def test_documented_example_fires_and_fixed_example_does_not(tmp_path, rule):
    doc = rule.doc
    assert doc.what and doc.why and doc.options and doc.example_file
    concern = doc.example_file.removesuffix(".yml")
    example = merge_fragment(BASE[concern], doc.example)
    fixed = merge_fragment(BASE[concern], doc.fixed)
    fired = found(write(tmp_path / "example", **{concern.replace("-", "_"): example}), rule.code)
    assert fired, f"{rule.code} example did not fire"
    assert found(write(tmp_path / "fixed", **{concern.replace("-", "_"): fixed}), rule.code) == []


# -- PB217 crisis reachability -------------------------------------------------------------------------
ALWAYS = changed("crisis", "    when: Dès le niveau 2\n",
                 "    when: Dès le premier signal, à toute heure.\n    hours: always\n")
PHONES = changed("roles", "    roles: [cm-relationnel]\n",
                 "    roles: [cm-relationnel]\n    phone: \"+33 6 39 98 00 01\"\n")
PHONES = PHONES.replace("    roles: [cm-relationnel, expert-com]\n",
                        "    roles: [cm-relationnel, expert-com]\n    phone: \"+33 6 39 98 00 02\"\n")


def rota(people: str, delay: str = "30min", hours: str = "always") -> str:
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    week = "".join(f"      {day}: [\"00:00-24:00\"]\n" for day in days) if hours == "always" else hours
    return f"on_call:\n  - id: astreinte\n    people: [{people}]\n    hours:\n{week}    delay: {delay}\n"


def test_pb217_an_always_promise_with_office_schedules_names_the_uncovered_stretches(tmp_path):
    findings = found(write(tmp_path, crisis=ALWAYS), "PB217")
    assert len(findings) == 5  # one per phase: nobody holds cm-relationnel at night or at the weekend
    birth = findings[0]
    assert_at(birth, tmp_path / "crisis.yml", ALWAYS, "cm-relationnel, max_delay: 30min}")
    assert birth.message == (
        "nobody holding 'cm-relationnel' can act on the 'Naissance' phase within 30min from Monday 18:00 to "
        "Tuesday 08:30, from Tuesday 18:00 to Wednesday 08:30, from Wednesday 18:00 to Thursday 08:30 and "
        "2 more stretches, while the escalation chain promises to act then")
    assert "Add an on-call rota in roles.yml" in birth.hint
    lassitude = [finding for finding in findings if "'Essoufflement'" in finding.message]
    assert "within 1d from Friday 18:00 to Sunday 09:00," in lassitude[0].message  # a day's delay covers nights


def test_pb217_a_rota_whose_people_all_hold_the_profile_keeps_the_promise(tmp_path):
    roles = PHONES + rota("lea, hugo")
    assert found(write(tmp_path, crisis=ALWAYS, roles=roles), "PB217") == []


@pytest.mark.parametrize(("people", "delay"), [
    ("lea, ines", "30min"),  # Inès holds expert-com only: in her week, nobody can act
    ("lea, hugo", "2h"),  # too slow for the 30-minute birth phase
])
def test_pb217_a_rota_that_cannot_cover_a_phase(tmp_path, people, delay):
    findings = found(write(tmp_path, crisis=ALWAYS, roles=PHONES + rota(people, delay)), "PB217")
    assert any("'Naissance'" in finding.message for finding in findings)


def test_pb217_one_person_on_call_who_holds_the_profile_is_enough(tmp_path):
    assert found(write(tmp_path, crisis=ALWAYS, roles=PHONES + rota("lea")), "PB217") == []


def test_pb217_a_rota_member_without_phone_or_unknown_is_reported_and_does_not_count(tmp_path):
    roles = BASE["roles"] + rota("lea, nobody")
    findings = found(write(tmp_path, crisis=ALWAYS, roles=roles), "PB217")
    messages = [finding.message for finding in findings]
    assert "Léa Martin is on call in 'astreinte' but has no phone number: nobody can call them" in messages
    assert any("names 'nobody', who is not among the people of roles.yml" in message for message in messages)
    assert any("'Naissance'" in message for message in messages)


def test_pb217_office_hours_promise_and_no_promise_are_kept_by_the_schedules(tmp_path):
    office = ALWAYS.replace("hours: always", "hours: bureau")
    assert found(write(tmp_path, crisis=office), "PB217") == []
    assert found(write(tmp_path), "PB217") == []  # no hours on the escalation chain: nothing promised


def test_pb217_an_intern_does_not_keep_the_promise(tmp_path):
    roles = PHONES.replace("  - id: lea\n    name: Léa Martin\n",
                           "  - id: lea\n    name: Léa Martin\n    intern: true\n")
    office = ALWAYS.replace("hours: always", "hours: bureau")
    [finding] = [f for f in found(write(tmp_path, crisis=office, roles=roles), "PB217") if "Naissance" in f.message]
    assert "from Monday 09:00 to Monday 12:30" in finding.message  # Léa's mornings no longer count
