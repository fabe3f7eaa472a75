"""The roles page: a card per profile, then the people who hold them.

A team, not one person: each card says who holds the profile, so a profile held by a single
person (nobody to take over during holidays) or only by an intern is visible at a glance.
"""

from __future__ import annotations

import datetime as dt

from linter.core.i18n import Language
from linter.playbook.model import OnCall, Person, Playbook, Profile
from linter.site.markup import block, inline, mail_link, show_date, show_duration, table
from linter.site.pages.common import (
    CM_PROFILES,
    COVERAGE,
    PROFILE_KINDS,
    ROLES,
    anchor,
    href,
    label,
    language_name,
    person_link,
    profile_link,
)
from linter.site.pages.on_duty import describe_hours

HERE = ROLES


def _holders(playbook: Playbook, profile: Profile) -> tuple[Person, ...]:
    return playbook.people_with_role(profile.id)


def _card(playbook: Playbook, profile: Profile, lang: Language) -> str:
    holders = _holders(playbook, profile)
    kind = (label(lang, CM_PROFILES, profile.profile) if profile.kind == "community-manager" and profile.profile
            else label(lang, PROFILE_KINDS, profile.kind))
    lines = ['<div class="card" markdown>',
             "",
             f"### {inline(profile.name or profile.id)} {{#{anchor('profil', profile.id)}}}",
             "",
             f"*{kind}*",
             ""]
    if profile.description:
        lines += [block(profile.description), ""]
    if profile.responsibilities:
        lines += ["\n".join(f"- {inline(item)}" for item in profile.responsibilities), ""]
    if holders:
        names = ", ".join(person_link(playbook, HERE, person.id) + (" " + lang("(intern)") if person.intern else "")
                          for person in holders)
        lines.append(lang("**Held by:** {names}", names=names))
        if len(holders) == 1:
            lines += ["", lang("*Only one person: nobody to stand in during their absences.*")]
    else:
        lines.append(lang("**Held by:** nobody for now"))
    lines += ["", "</div>"]
    return "\n".join(lines)


def _person_row(playbook: Playbook, person: Person, today: dt.date, lang: Language) -> list[str]:
    roles = ", ".join(profile_link(playbook, HERE, role) for role in person.roles) or "—"
    languages = ", ".join(inline(language_name(lang, code)) for code in person.languages) or "—"
    name = (f'<span id="{anchor("personne", person.id)}"></span>**{inline(person.name or person.id)}**'
            + (" " + lang("(intern)") if person.intern else ""))
    upcoming = [absence for absence in person.absences if absence.end is not None and absence.end >= today]
    absences = lang("; ").join(lang("from {start} to {end}", start=show_date(lang, a.start), end=show_date(lang, a.end))
                               for a in upcoming) or "—"
    return [name, roles, languages, mail_link(person.email) if person.email else "—",
            inline(describe_hours(person.schedule, lang)) if person.schedule.intervals else "—", absences]


def render(playbook: Playbook, today: dt.date, lang: Language) -> str:
    profiles = playbook.roles.profiles
    cms = [profile for profile in profiles if profile.kind == "community-manager"]
    experts = [profile for profile in profiles if profile.kind != "community-manager"]
    out = ["# " + lang("Roles and team"),
           lang("Who speaks for the company and who helps: {profiles}, {experts} and {people}. To know who is on "
                "duty at a given time, see [On call]({link}).",
                profiles=lang.plural("{count} community management profile", "{count} community management profiles",
                                     len(cms)),
                experts=lang.plural("{count} business expert", "{count} business experts", len(experts)),
                people=lang.plural("{count} person", "{count} people", len(playbook.roles.people)),
                link=href(HERE, COVERAGE))]
    if cms:
        out.append("## " + lang("Community managers") + " {#animateurs}")
        out.append(lang("They post and answer on behalf of the company, never in their own name."))
        out.append('<div class="grid" markdown>\n\n' + "\n\n".join(_card(playbook, p, lang) for p in cms)
                   + "\n\n</div>")
    if experts:
        out.append("## " + lang("Business experts") + " {#experts}")
        out.append(lang("They back the community managers, provide the answers of their field and approve what must "
                        "be approved, but do not post themselves."))
        out.append('<div class="grid" markdown>\n\n' + "\n\n".join(_card(playbook, p, lang) for p in experts)
                   + "\n\n</div>")
    if playbook.roles.people:
        out.append("## " + lang("The team") + " {#equipe}")
        rows = [_person_row(playbook, person, today, lang) for person in playbook.roles.people]
        out.append(table([lang("Person"), lang("Roles"), lang("Languages"), lang("Contact"), lang("Presence"),
                          lang("Planned absences")], rows))
    if playbook.roles.on_call:
        out.append("## " + lang("On-call rotas") + " {#astreintes}")
        out.append(lang("Outside the schedules, one person of each rota stays reachable by phone, in turn, to act "
                        "fast in a crisis."))
        out.append(table([lang("On-call rota"), lang("People"), lang("Hours"), lang("Time to act")],
                         [_rota_row(playbook, rota, lang) for rota in playbook.roles.on_call]))
    return "\n\n".join(out) + "\n"


def _rota_row(playbook: Playbook, rota: OnCall, lang: Language) -> list[str]:
    people = []
    for person_id in rota.people:
        person = playbook.person(person_id)
        name = inline(person.name if person is not None and person.name else person_id)
        phone = person.phone if person is not None else None
        people.append(f"{name} ([{inline(phone)}](tel:{phone.replace(' ', '')}))" if phone else name)
    delay = show_duration(lang, rota.delay_minutes) if rota.delay_minutes is not None else "—"
    return [inline(rota.name or rota.id), ", ".join(people) or "—",
            inline(describe_hours(rota.hours, lang)) if rota.hours.intervals else "—", delay]

