"""The crisis card: the crisis page as it prints, on at most two A4 pages.

A printed plan is what is left when the phone is flat or the network is down, and what sits by
the desk of whoever is on call. Printing the whole page gave eight mostly blank sheets; the
card is a compact summary in the page, hidden on screen and the only thing printed
(``playbook.css``): levels, the five phases with owner, deadline and first actions, the
escalation chain with phone numbers, the on-call rotas, the holding statements, then the print
date and the playbook's version. It is raw HTML (every YAML value through ``html_text``), left
out of the search index so a search does not find everything twice.
"""

from __future__ import annotations

import re

from linter.playbook.model import Person, Playbook
from linter.site.markup import attr, fr_duration, html_text
from linter.site.pages.call_now import tel_href
from linter.site.pages.common import LANGUAGES
from linter.site.pages.crisis import ordered_phases

# Replaced by the plugin with the playbook's version (it knows git; the renderers do not).
VERSION_MARKER = "<!-- playbook:version -->"
FIRST_ACTIONS = 3
_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def _profile_name(playbook: Playbook, profile_id: str | None) -> str:
    profile = playbook.profile(profile_id) if profile_id else None
    return html_text(profile.name if profile and profile.name else profile_id or "—")


def _person(person: Person) -> str:
    name = f"<strong>{html_text(person.name or person.id)}</strong>"
    target = tel_href(person.phone)
    phone = (f' <a class="pb-tel" href="{attr(target)}">{html_text(person.phone)}</a>' if target and person.phone
             else " (pas de téléphone)")
    return name + phone


def _people(playbook: Playbook, profile_id: str | None) -> str:
    holders = playbook.people_with_role(profile_id) if profile_id else ()
    return ", ".join(_person(person) for person in holders) or "personne"


def render(playbook: Playbook, today_label: str) -> str:
    """The card's HTML; ``today_label`` is the build date (the print date when scripts do not run)."""
    crisis = playbook.crisis
    org = html_text(playbook.organisation.name or "Playbook")
    out = ['<section class="pb-card" data-search-exclude aria-label="Fiche réflexe à imprimer">',
           f'<p class="pb-card-title"><strong>Fiche réflexe crise — {org}</strong></p>',
           f'<p class="pb-card-meta">Imprimé le <span class="pb-print-date">{html_text(today_label)}</span> · '
           f'Playbook\u202f: {VERSION_MARKER} · Version à jour en ligne\u202f: page « Plan de crise »</p>']
    if crisis.levels:
        levels = "".join(f"<tr><td>{level.id}</td><td><strong>{html_text(level.name)}</strong></td>"
                       f"<td>{' ; '.join(html_text(item) for item in level.criteria) or '—'}</td></tr>"
                       for level in sorted(crisis.levels, key=lambda item: item.id))
        out.append('<h2 class="pb-card-h">Niveaux de gravité</h2>'
                   '<table class="pb-card-table"><thead><tr><th>Niveau</th><th>Nom</th><th>Critères</th></tr></thead>'
                   f"<tbody>{levels}</tbody></table>")
    phases = ordered_phases(playbook)
    if phases:
        rows = []
        for number, phase in enumerate(phases, 1):
            actions = "".join(f"<li>{html_text(action)}</li>" for action in phase.actions[:FIRST_ACTIONS])
            more = len(phase.actions) - FIRST_ACTIONS
            if more > 0:
                actions += f"<li>… et {more} autre{'s' if more > 1 else ''} (voir le plan en ligne)</li>"
            delay = fr_duration(phase.max_delay_minutes) if phase.max_delay_minutes else "—"
            rows.append(f"<tr><td><strong>{number}. {html_text(phase.name or phase.id)}</strong></td>"
                        f"<td>{html_text(delay)}</td>"
                        f"<td>{_profile_name(playbook, phase.owner)}<br>{_people(playbook, phase.owner)}</td>"
                        f"<td><ul>{actions or '<li>—</li>'}</ul></td></tr>")
        out.append('<h2 class="pb-card-h">Les cinq phases</h2>'
                   '<table class="pb-card-table"><thead><tr><th>Phase</th><th>Agir sous</th><th>Responsable</th>'
                   f"<th>Premières actions</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
    if crisis.escalation:
        steps = "".join(f"<li><strong>{_profile_name(playbook, step.role)}</strong>"
                        + (f" — {html_text(step.when)}" if step.when else "")
                        + f"<br>{_people(playbook, step.role)}</li>" for step in crisis.escalation)
        out.append(f'<h2 class="pb-card-h">Chaîne d’alerte, dans l’ordre</h2><ol class="pb-card-chain">{steps}</ol>')
    rotas = [rota for rota in playbook.roles.on_call if rota.people]
    if rotas:
        from linter.site.pages.on_duty import describe_hours

        items = []
        for rota in rotas:
            holders = [p for p in (playbook.person(pid) for pid in rota.people) if p is not None]
            delay = f", agit sous {fr_duration(rota.delay_minutes)}" if rota.delay_minutes else ""
            items.append(f"<li><strong>{html_text(rota.name or rota.id)}</strong> "
                         f"({html_text(describe_hours(rota.hours))}{html_text(delay)})\u202f: "
                         + ", ".join(_person(person) for person in holders) + "</li>")
        out.append(f'<h2 class="pb-card-h">Astreinte</h2><ul class="pb-card-chain">{"".join(items)}</ul>')
    if crisis.holding_statements:
        blocks = []
        for statement in crisis.holding_statements:
            lang = statement.language if statement.language and _LANG_TAG.fullmatch(statement.language) else None
            lang_attr = f' lang="{lang}"' if lang and lang != "fr" else ""
            language = html_text(LANGUAGES.get(statement.language, statement.language))
            blocks.append(f'<div class="pb-card-statement"><p><strong{lang_attr}>'
                          f"{html_text(statement.title or statement.id)}</strong> ({language})</p>"
                          f"<p{lang_attr}>{html_text(statement.text)}</p></div>")
        out.append(f'<h2 class="pb-card-h">Messages d’attente</h2>{"".join(blocks)}')
    out.append("</section>")
    return "".join(out)


def print_button() -> str:
    """Shown by playbook.js (printing needs scripts); hidden when they do not run."""
    return ('<p class="pb-print-card" hidden><button type="button" class="md-button" data-pb-print>'
            "Imprimer la fiche réflexe (2 pages A4)</button></p>")


__all__ = ["VERSION_MARKER", "print_button", "render"]
