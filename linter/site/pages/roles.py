"""The roles page: a card per profile, then the people who hold them.

A team, not one person: each card says who holds the profile, so a profile held by a single
person (nobody to take over during holidays) or only by an intern is visible at a glance.
"""

from __future__ import annotations

import datetime as dt

from linter.playbook.model import OnCall, Person, Playbook, Profile
from linter.playbook.values import format_duration
from linter.site.markup import block, fr_date, inline, mail_link, plural, table
from linter.site.pages.common import (
    CM_PROFILES,
    COVERAGE,
    LANGUAGES,
    PROFILE_KINDS,
    ROLES,
    anchor,
    href,
    label,
    person_link,
    profile_link,
)
from linter.site.pages.on_duty import describe_hours

HERE = ROLES


def _holders(playbook: Playbook, profile: Profile) -> tuple[Person, ...]:
    return playbook.people_with_role(profile.id)


def _card(playbook: Playbook, profile: Profile) -> str:
    holders = _holders(playbook, profile)
    kind = (label(CM_PROFILES, profile.profile) if profile.kind == "community-manager" and profile.profile
            else label(PROFILE_KINDS, profile.kind))
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
        names = ", ".join(person_link(playbook, HERE, person.id) + (" (stagiaire)" if person.intern else "")
                          for person in holders)
        lines.append(f"**Tenu par\u00a0:** {names}")
        if len(holders) == 1:
            lines += ["", "*Une seule personne : personne pour la remplacer pendant ses absences.*"]
    else:
        lines.append("**Tenu par\u00a0:** personne pour l'instant")
    lines += ["", "</div>"]
    return "\n".join(lines)


def _person_row(playbook: Playbook, person: Person, today: dt.date) -> list[str]:
    roles = ", ".join(profile_link(playbook, HERE, role) for role in person.roles) or "—"
    languages = ", ".join(inline(LANGUAGES.get(lang, lang)) for lang in person.languages) or "—"
    name = (f'<span id="{anchor("personne", person.id)}"></span>**{inline(person.name or person.id)}**'
            + (" (stagiaire)" if person.intern else ""))
    upcoming = [absence for absence in person.absences if absence.end is not None and absence.end >= today]
    absences = "; ".join(f"du {fr_date(a.start)} au {fr_date(a.end)}" for a in upcoming) or "—"
    return [name, roles, languages, mail_link(person.email) if person.email else "—",
            inline(describe_hours(person.schedule)) if person.schedule.intervals else "—", absences]


def render(playbook: Playbook, today: dt.date) -> str:
    profiles = playbook.roles.profiles
    cms = [profile for profile in profiles if profile.kind == "community-manager"]
    experts = [profile for profile in profiles if profile.kind != "community-manager"]
    out = ["# Rôles et équipe",
           f"Qui parle au nom de l'entreprise et qui l'aide : {plural(len(cms), 'profil')} d'animation de "
           f"communauté, {plural(len(experts), 'expert')} métier et {plural(len(playbook.roles.people), 'personne')}. "
           f"Pour savoir qui est de permanence à une heure donnée, voir [Astreinte]({href(HERE, COVERAGE)})."]
    if cms:
        out.append("## Animateurs de communauté {#animateurs}")
        out.append("Ils publient et répondent au nom de l'entreprise, jamais en leur nom propre.")
        out.append('<div class="grid" markdown>\n\n' + "\n\n".join(_card(playbook, p) for p in cms) + "\n\n</div>")
    if experts:
        out.append("## Experts métier {#experts}")
        out.append("Ils épaulent les animateurs, fournissent les réponses de leur domaine et valident ce qui doit "
                   "l'être, mais ne publient pas eux-mêmes.")
        out.append('<div class="grid" markdown>\n\n' + "\n\n".join(_card(playbook, p) for p in experts) + "\n\n</div>")
    if playbook.roles.people:
        out.append("## L'équipe {#equipe}")
        rows = [_person_row(playbook, person, today) for person in playbook.roles.people]
        out.append(table(["Personne", "Rôles", "Langues", "Contact", "Présence", "Absences prévues"], rows))
    if playbook.roles.on_call:
        out.append("## Astreintes {#astreintes}")
        out.append("En dehors des plannings, une personne de chaque astreinte reste joignable par téléphone, "
                   "à tour de rôle, pour agir vite en cas de crise.")
        out.append(table(["Astreinte", "Personnes", "Heures", "Délai pour agir"],
                         [_rota_row(playbook, rota) for rota in playbook.roles.on_call]))
    return "\n\n".join(out) + "\n"


def _rota_row(playbook: Playbook, rota: OnCall) -> list[str]:
    people = []
    for person_id in rota.people:
        person = playbook.person(person_id)
        name = inline(person.name if person is not None and person.name else person_id)
        phone = person.phone if person is not None else None
        people.append(f"{name} ([{inline(phone)}](tel:{phone.replace(' ', '')}))" if phone else name)
    delay = format_duration(rota.delay_minutes) if rota.delay_minutes is not None else "—"
    return [inline(rota.name or rota.id), ", ".join(people) or "—",
            inline(describe_hours(rota.hours)) if rota.hours.intervals else "—", delay]

