"""PB205–PB208, PB213, PB214: a crisis plan that works at 2 a.m. on a Saturday.

A bad buzz runs through five phases; reacting at birth can stop it, in propagation it is too
late. So every phase needs someone in charge and a delay to act, every profile called must be
held by real people, by more than one of them, and not by an intern alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Loc, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.playbook.model import PHASES, Playbook
from linter.rules.playbook._common import and_list, file_name, holders, person_label, quoted

PHASE_OWNER = rule(
    "PB205", "crisis-phase-owner", "A crisis phase has no owner, or nobody holds the owner profile",
    Severity.ERROR,
    what="Every phase in crisis.yml needs an `owner` profile, and at least one person in roles.yml must "
         "hold that profile.",
    why="In a crisis, minutes count and nobody has time to ask who is in charge. A phase without an "
        "owner, or owned by a profile nobody holds, means that when it starts no one acts.",
    example="""
phases:
  - id: birth
    name: Naissance
    max_delay: 30min
""",
    fixed="""
phases:
  - id: birth
    name: Naissance
    owner: cm-relationnel
    max_delay: 30min
""",
    options="None.",
    example_file="crisis.yml",
)

PHASE_DELAY = rule(
    "PB206", "crisis-phase-delay", "A crisis phase has no maximum delay", Severity.ERROR,
    what="Every phase in crisis.yml needs a `max_delay`: how soon its owner must act once the phase is "
         "detected (`30min`, `2h`, `1d`).",
    why="Acting at the birth of a bad buzz can stop it; acting once it has spread is too late. A written "
        "delay turns \"as soon as possible\" into a promise the team can train for and check.",
    example="""
phases:
  - id: virality
    name: Viralité
    owner: cm-relationnel
""",
    fixed="""
phases:
  - id: virality
    name: Viralité
    owner: cm-relationnel
    max_delay: 1h
""",
    options="None.",
    example_file="crisis.yml",
)

PHASE_MISSING = rule(
    "PB207", "crisis-phase-missing", "The crisis plan lacks one of the five phases", Severity.ERROR,
    what="crisis.yml must describe each of the five phases of a bad buzz: `birth`, `virality`, "
         "`propagation`, `lassitude` and `resolution`. The finding is placed on the `phases` key and "
         "names the missing ones.",
    why="A crisis goes through all five phases whether or not the plan foresaw them. The phase nobody "
        "prepared is the one where the team improvises, often at the worst moment.",
    example="""
phases:
  - {id: birth, name: Naissance, owner: cm-relationnel, max_delay: 30min}
  - {id: virality, name: Viralité, owner: cm-relationnel, max_delay: 1h}
  - {id: propagation, name: Propagation, owner: cm-relationnel, max_delay: 2h}
  - {id: lassitude, name: Essoufflement, owner: cm-relationnel, max_delay: 1d}
""",
    fixed="""
phases:
  - {id: birth, name: Naissance, owner: cm-relationnel, max_delay: 30min}
  - {id: virality, name: Viralité, owner: cm-relationnel, max_delay: 1h}
  - {id: propagation, name: Propagation, owner: cm-relationnel, max_delay: 2h}
  - {id: lassitude, name: Essoufflement, owner: cm-relationnel, max_delay: 1d}
  - {id: resolution, name: Résolution, owner: cm-relationnel, max_delay: 1d}
""",
    options="None.",
    example_file="crisis.yml",
)

ESCALATION_UNHELD = rule(
    "PB208", "escalation-unheld", "The escalation chain names a profile nobody holds", Severity.ERROR,
    what="Every `role` in the crisis `escalation` chain must be held by at least one person in roles.yml.",
    why="The escalation chain says whom to alert when things get worse. Alerting a profile that nobody "
        "holds means the alert goes nowhere, exactly when the company needs a decision.",
    example_note="`expert-juridique` is a profile of roles.yml that no person holds.",
    example="""
escalation:
  - role: expert-juridique
    when: Dès qu'une plainte en justice est évoquée
""",
    fixed_note="`expert-com` is held by at least one person in roles.yml.",
    fixed="""
escalation:
  - role: expert-com
    when: Dès qu'une plainte en justice est évoquée
""",
    options="None.",
    example_file="crisis.yml",
)

SINGLE_POINT = rule(
    "PB213", "single-point-of-failure", "A crisis profile is held by one person only, or by interns only",
    Severity.WARNING,
    what="Reports each profile that owns a crisis phase or appears in the escalation chain and is held by "
         "exactly one person, or only by interns.",
    why="A team, not one person, is needed to cover holidays, sickness and weekends; a crisis does not "
        "wait for someone to come back. An intern left alone is a risk, above all in a crisis.",
    example_note="Léa is the only holder of `cm-relationnel`, the profile that owns the crisis phases.",
    example="""
people:
  - id: lea
    name: Léa Martin
    roles: [cm-relationnel]
  - id: hugo
    name: Hugo Bernard
    roles: [expert-com]
  - id: ines
    name: Inès Caron
    roles: [expert-com]
""",
    fixed="""
people:
  - id: lea
    name: Léa Martin
    roles: [cm-relationnel]
  - id: hugo
    name: Hugo Bernard
    roles: [cm-relationnel, expert-com]
  - id: ines
    name: Inès Caron
    roles: [expert-com]
""",
    options="`intern: true` on a person in roles.yml marks an intern.",
    example_file="roles.yml",
)

ACTIVE_INCOMPLETE = rule(
    "PB214", "active-crisis-incomplete", "An active crisis lacks its level, start or lead", Severity.ERROR,
    what="When `status.active` is true in crisis.yml, `status.level`, `status.started_at` and "
         "`status.lead` must all be given.",
    why="During a crisis everyone in the company reads the status: how serious it is, since when, and who "
        "leads the response. A status without a lead leaves staff asking around instead of acting.",
    example="""
status:
  active: true
  level: 2
""",
    fixed="""
status:
  active: true
  level: 2
  started_at: 2026-11-21T02:10:00+01:00
  lead: lea
""",
    options="None.",
    example_file="crisis.yml",
)

RULES = (PHASE_OWNER, PHASE_DELAY, PHASE_MISSING, ESCALATION_UNHELD, SINGLE_POINT, ACTIVE_INCOMPLETE)


def _phases(playbook: Playbook, held: dict, lang: Language) -> Iterator[Finding]:
    crisis = playbook.crisis
    profiles = {profile.id for profile in playbook.roles.profiles}
    roles_file = file_name(playbook, "roles")
    for phase in crisis.phases:
        if phase.owner is None:
            yield PHASE_OWNER.at(
                phase.loc,
                lang("the crisis phase '{phase}' has no owner: when it starts, nobody is in charge", phase=phase.id),
                lang("Add `owner:` with the id of a profile from {roles}.", roles=roles_file),
            )
        elif phase.owner in profiles and not held.get(phase.owner):
            yield PHASE_OWNER.at(
                phase.where("owner"),
                lang("the crisis phase '{phase}' is owned by '{owner}', but nobody in {roles} holds that profile",
                     phase=phase.id, owner=phase.owner, roles=roles_file),
                lang("Add '{owner}' to the `roles` of at least one person in {roles}, or give the phase to a "
                     "profile someone holds.", owner=phase.owner, roles=roles_file),
            )
        if phase.max_delay_minutes is None and not phase.wrote("max_delay"):
            yield PHASE_DELAY.at(
                phase.loc,
                lang("the crisis phase '{phase}' has no max_delay: nothing says how fast its owner must act",
                     phase=phase.id),
                lang("Add `max_delay:` such as `30min`, `2h` or `1d` — the earlier the phase, the shorter."),
            )
    present = {phase.id for phase in crisis.phases}
    missing = [phase for phase in PHASES if phase not in present]
    if missing:
        names = quoted(missing, lang)
        yield PHASE_MISSING.at(
            crisis.where_key("phases"),
            lang.plural("the crisis plan has no phase {names}: a bad buzz goes through birth, virality, "
                        "propagation, lassitude and resolution",
                        "the crisis plan has no phases {names}: a bad buzz goes through birth, virality, "
                        "propagation, lassitude and resolution", len(missing), names=names),
            lang("Add an entry for {names} under `phases`, with its signals, actions, owner and max_delay.",
                 names=names),
        )


def _escalation(playbook: Playbook, held: dict, lang: Language) -> Iterator[Finding]:
    profiles = {profile.id for profile in playbook.roles.profiles}
    roles_file = file_name(playbook, "roles")
    for step in playbook.crisis.escalation:
        if step.role in profiles and not held.get(step.role):
            yield ESCALATION_UNHELD.at(
                step.where("role"),
                lang("the escalation chain alerts '{role}', but nobody in {roles} holds that profile",
                     role=step.role, roles=roles_file),
                lang("Add '{role}' to the `roles` of at least one person in {roles}, or alert a profile someone "
                     "holds.", role=step.role, roles=roles_file),
            )


def _single_points(playbook: Playbook, held: dict, lang: Language) -> Iterator[Finding]:
    uses: dict[str, tuple[Loc, list[str], list[str]]] = {}  # profile -> (first use, phases, steps)
    for phase in playbook.crisis.phases:
        if phase.owner:
            uses.setdefault(phase.owner, (phase.where("owner"), [], []))[1].append(phase.id)
    for step in playbook.crisis.escalation:
        if step.role:
            uses.setdefault(step.role, (step.where("role"), [], []))[2].append(step.role)
    for profile_id, (loc, phases, steps) in uses.items():
        people = held.get(profile_id, [])
        if not people:
            continue  # PB202, PB205 or PB208 already report it
        duties = []
        if phases:
            named = quoted(dict.fromkeys(phases), lang)
            duties.append(lang.plural("owns the crisis phase {phases}", "owns the crisis phases {phases}",
                                      len(phases), phases=named))
        if steps:
            duties.append(lang("is in the escalation chain"))
        duty = lang.and_list(duties)
        if all(person.intern for person in people):
            names = ", ".join(person_label(person, lang) for person in people)
            yield SINGLE_POINT.at(
                loc,
                lang("the profile '{profile}' {duty}, but only interns hold it ({names})", profile=profile_id,
                     duty=duty, names=names),
                lang("Give this profile to an experienced member of staff as well: an intern must not face a "
                     "crisis alone."),
            )
        elif len(people) == 1:
            yield SINGLE_POINT.at(
                loc,
                lang("the profile '{profile}' {duty}, but only {person} holds it: nobody takes over during "
                     "holidays or sickness", profile=profile_id, duty=duty, person=person_label(people[0], lang)),
                lang("Add this profile to the `roles` of a second person in {roles}.",
                     roles=file_name(playbook, "roles")),
            )


def _status(playbook: Playbook, lang: Language) -> Iterator[Finding]:
    status = playbook.crisis.status
    if status is None or not status.active:
        return
    missing = [name for name in ("level", "started_at", "lead") if not status.wrote(name)]
    if missing:
        yield ACTIVE_INCOMPLETE.at(
            status.where("active"),
            lang("a crisis is marked active but its status has {missing}",
                 missing=and_list((lang("no {field}", field=name) for name in missing), lang)),
            lang("Fill in `level` (how serious), `started_at` (date and time, e.g. 2026-11-21T02:10:00+01:00) "
                 "and `lead` (the id of the person leading the response), so that everyone knows where things "
                 "stand."),
        )


def check(playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    held = holders(playbook)
    yield from _phases(playbook, held, ctx.lang)
    yield from _escalation(playbook, held, ctx.lang)
    yield from _single_points(playbook, held, ctx.lang)
    yield from _status(playbook, ctx.lang)
