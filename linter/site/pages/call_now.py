"""« Qui appeler maintenant » : who is on duty right now, for each channel group and crisis role.

An employee who sees a bad buzz start on a Sunday evening needs a name and a phone number, not
a weekly table. The answer depends on the moment, so it is worked out in the reader's browser
(``playbook.js``) from the rota, embedded in the page as JSON at build time, in the
organisation's time zone. The same facts are also written as plain tables (who, when, how to
reach them), which is what a reader without scripts, or a printed page, gets.

On duty means what the coverage page and the PB210 check mean: a person holding a
community-manager profile, inside their weekly schedule, not absent that day. For a crisis
role, the people holding it, inside their schedule; outside it, the on-call rotas whose every
person holds the role. A promised hour (a channel's response hours, an escalation step's
``hours``) with nobody is said in so many words, with the fallback: the on-call rota, then the
next person on duty.
"""

from __future__ import annotations

import json
import re
from typing import Any

from linter.core.i18n import Language
from linter.playbook.model import OnCall, Person, Playbook, WeeklyHours
from linter.site.markup import attr, fact, html_text, inline, mail_link, show_duration, show_list, table
from linter.site.pages.common import channel_short, person_link, profile_link
from linter.site.pages.crisis import ordered_phases
from linter.site.pages.on_duty import describe_hours, on_duty_people, promises

_PHONE_CHARS = re.compile(r"[^0-9+]")


def tel_href(phone: str | None) -> str | None:
    """``+33 6 12 34 56 78`` -> ``tel:+33612345678``; None when nothing dialable is left."""
    if not phone:
        return None
    digits = _PHONE_CHARS.sub("", phone)
    digits = digits[0] + digits[1:].replace("+", "") if digits else ""
    return f"tel:{digits}" if len(digits.lstrip("+")) >= 3 else None


def phone_link(phone: str | None) -> str:
    """A ``tel:`` link showing the number as written (escaped for Markdown)."""
    target = tel_href(phone)
    if target is None:
        return inline(phone) if phone else ""
    return f'<a class="pb-tel" href="{attr(target)}">{inline(phone)}</a>'


def _intervals(hours: WeeklyHours) -> list[list[int]]:
    return [[start, end] for start, end in hours.intervals]


def _person(person: Person) -> dict[str, Any]:
    return {
        "name": person.name or person.id,
        "phone": person.phone or None,
        "tel": tel_href(person.phone),
        "email": person.email or None,
        "intern": person.intern,
        "schedule": _intervals(person.schedule),
        "absences": [[absence.start.isoformat(), absence.end.isoformat()] for absence in person.absences
                     if absence.start is not None and absence.end is not None],
    }


def _rotas(playbook: Playbook) -> tuple[OnCall, ...]:
    return tuple(rota for rota in playbook.roles.on_call if rota.people)


def crisis_roles(playbook: Playbook, lang: Language) -> list[tuple[str, str, str | None]]:
    """(profile id, why it matters, promised hours' name) in the order of the escalation chain, then
    the phase owners not already in it."""
    seen: dict[str, tuple[str, str, str | None]] = {}
    for number, step in enumerate(playbook.crisis.escalation, 1):
        if step.role and step.role not in seen:
            seen[step.role] = (step.role, lang("step {number} of the alert chain", number=number), step.hours)
    for phase in ordered_phases(playbook):
        if phase.owner and phase.owner not in seen:
            seen[phase.owner] = (phase.owner, lang("in charge of the phase {phase}",
                                                   phase=lang.quote(phase.name or phase.id)), None)
    return list(seen.values())


def rota_data(playbook: Playbook, lang: Language) -> dict[str, Any]:
    """Everything the browser needs to answer « qui appeler maintenant », as plain JSON values."""
    on_duty = on_duty_people(playbook)
    groups, _ = promises(playbook)
    people = {person.id: _person(person) for person in playbook.roles.people}
    roles = []
    for role, why, hours_name in crisis_roles(playbook, lang):
        profile = playbook.profile(role)
        hours = playbook.hours(hours_name) if hours_name else None
        roles.append({
            "id": role, "name": profile.name if profile and profile.name else role, "why": why,
            "people": [person.id for person in playbook.people_with_role(role)],
            "promise": _intervals(hours) if hours is not None else None,
            "promise_name": lang("24 hours a day") if hours_name == "always" else hours_name,
        })
    rotas = []
    for rota in _rotas(playbook):
        holders = [playbook.person(pid) for pid in rota.people]
        rotas.append({
            "id": rota.id, "name": rota.name or rota.id, "people": [p.id for p in holders if p is not None],
            "hours": _intervals(rota.hours),
            "delay": show_duration(lang, rota.delay_minutes) if rota.delay_minutes else None,
            # the roles every person of the rota holds: whoever is on call can act for them
            "roles": sorted(set.intersection(*(set(p.roles) for p in holders if p is not None)))
            if all(p is not None for p in holders) else [],
        })
    contacts = playbook.organisation.contacts
    return {
        "zone": playbook.organisation.timezone or "Europe/Paris",
        "people": people,
        "on_duty": [person.id for person in on_duty],
        "groups": [{
            "name": show_list(lang, [channel_short(channel) for channel in group.channels]),
            "hours_name": lang("24 hours a day") if group.name == "always" else group.name,
            "hours": _intervals(group.hours),
            "delays": [show_duration(lang, minutes) for minutes in sorted({
                c.response.delay_minutes for c in group.channels if c.response and c.response.delay_minutes})],
        } for group in groups],
        "roles": roles,
        "rotas": rotas,
        "phones": list(contacts.phones) if contacts else [],
    }


def _json(data: dict[str, Any]) -> str:
    """JSON safe inside a <script> element: no ``<``, ``>`` or ``&`` can end it or start a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _reach(person: Person, lang: Language) -> str:
    parts = [phone_link(person.phone) or lang("*no phone in the playbook*")]
    if person.email:
        parts.append(mail_link(person.email))
    return " · ".join(parts)


def _people_rows(playbook: Playbook, here: str, people: tuple[Person, ...], lang: Language) -> list[list[str]]:
    return [[person_link(playbook, here, person.id) + (" " + lang("(intern)") if person.intern else ""),
             _reach(person, lang), inline(describe_hours(person.schedule, lang))] for person in people]


def static_tables(playbook: Playbook, here: str, lang: Language) -> str:
    """The weekly facts behind the live answer: what a reader without scripts gets."""
    out = []
    groups, _ = promises(playbook)
    on_duty = on_duty_people(playbook)
    if groups:
        lines = [fact(lang, f"{inline(show_list(lang, [channel_short(c) for c in group.channels]))}",
                      lang("answer promised {hours}", hours=inline(describe_hours(group.hours, lang))))
                 for group in groups]
        out.append("**" + lang("Response hours promised to the public:") + "**\n\n" + "\n".join(lines))
    out.append("**" + lang("Team on duty (community managers):") + "**")
    out.append(table([lang("Person"), lang("Reach"), lang("On-duty hours")],
                     _people_rows(playbook, here, on_duty, lang))
               if on_duty else lang("*Nobody holds a community manager role.*"))
    for role, why, _hours in crisis_roles(playbook, lang):
        holders = playbook.people_with_role(role)
        out.append(lang("**{role}** — {why}:", role=profile_link(playbook, here, role), why=inline(why)))
        out.append(table([lang("Person"), lang("Reach"), lang("At work")], _people_rows(playbook, here, holders, lang))
                   if holders else lang("*Nobody holds this role.*"))
    for rota in _rotas(playbook):
        holders = tuple(p for p in (playbook.person(pid) for pid in rota.people) if p is not None)
        hours = inline(describe_hours(rota.hours, lang))
        name = lang.quote(inline(rota.name or rota.id))
        out.append(lang("**On call {name}** — {hours}, to act within {duration}, one of these people in turn:",
                        name=name, hours=hours, duration=show_duration(lang, rota.delay_minutes))
                   if rota.delay_minutes else
                   lang("**On call {name}** — {hours}, one of these people in turn:", name=name, hours=hours))
        out.append(table([lang("Person"), lang("Reach"), lang("At work")], _people_rows(playbook, here, holders, lang)))
    return "\n\n".join(out)


def render(playbook: Playbook, here: str, lang: Language, heading: str = "##") -> str:
    """The « Qui appeler maintenant » section: a live answer (filled in by playbook.js) over the
    weekly tables, which stay open when scripts do not run."""
    data = _json(rota_data(playbook, lang))
    summary = html_text(lang("Everyone's hours and numbers, typical week"))
    return "\n\n".join([
        f"{heading} " + lang("Whom to call now") + " {#qui-appeler}",
        '<div class="pb-now" data-pb-now hidden></div>',
        f'<script type="application/json" class="pb-now-data">{data}</script>',
        f'<details class="pb-now-week" open markdown>\n<summary>{summary}</summary>',
        static_tables(playbook, here, lang),
        "</details>",
    ]) + "\n"


__all__ = ["crisis_roles", "phone_link", "render", "rota_data", "static_tables", "tel_href"]
