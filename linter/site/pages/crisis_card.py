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

from linter.core.i18n import Language
from linter.playbook.model import Person, Playbook
from linter.site.markup import attr, html_text, show_duration
from linter.site.pages.call_now import tel_href
from linter.site.pages.common import language_name
from linter.site.pages.crisis import ordered_phases

# Replaced by the plugin with the playbook's version (it knows git; the renderers do not).
VERSION_MARKER = "<!-- playbook:version -->"
FIRST_ACTIONS = 3
_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def _profile_name(playbook: Playbook, profile_id: str | None) -> str:
    profile = playbook.profile(profile_id) if profile_id else None
    return html_text(profile.name if profile and profile.name else profile_id or "—")


def _person(person: Person, lang: Language) -> str:
    name = f"<strong>{html_text(person.name or person.id)}</strong>"
    target = tel_href(person.phone)
    phone = (f' <a class="pb-tel" href="{attr(target)}">{html_text(person.phone)}</a>' if target and person.phone
             else " " + html_text(lang("(no phone)")))
    return name + phone


def _people(playbook: Playbook, profile_id: str | None, lang: Language) -> str:
    holders = playbook.people_with_role(profile_id) if profile_id else ()
    return ", ".join(_person(person, lang) for person in holders) or html_text(lang("nobody"))


def render(playbook: Playbook, today_label: str, lang: Language) -> str:
    """The card's HTML; ``today_label`` is the build date (the print date when scripts do not run)."""
    crisis = playbook.crisis
    name = playbook.organisation.name or "Playbook"
    date = f'<span class="pb-print-date">{html_text(today_label)}</span>'
    aria = attr(lang("Crisis card to print"))
    out = [f'<section class="pb-card" data-search-exclude aria-label="{aria}">',
           '<p class="pb-card-title"><strong>' + html_text(lang("Crisis card — {organisation}", organisation=name))
           + "</strong></p>",
           '<p class="pb-card-meta">'
           + lang("Printed on {date} · Playbook: {version} · Up-to-date version online: page {page}", date=date,
                  version=VERSION_MARKER, page=html_text(lang.quote(lang("Crisis plan")))) + "</p>"]
    if crisis.levels:
        levels = "".join(f"<tr><td>{level.id}</td><td><strong>{html_text(level.name)}</strong></td>"
                       f"<td>{lang('; ').join(html_text(item) for item in level.criteria) or '—'}</td></tr>"
                       for level in sorted(crisis.levels, key=lambda item: item.id))
        out.append(_h2(lang("Severity levels"))
                   + '<table class="pb-card-table"><thead><tr>'
                   + "".join(f"<th>{html_text(head)}</th>" for head in (lang("Level"), lang("Name"), lang("Criteria")))
                   + f"</tr></thead><tbody>{levels}</tbody></table>")
    phases = ordered_phases(playbook)
    if phases:
        rows = []
        for number, phase in enumerate(phases, 1):
            actions = "".join(f"<li>{html_text(action)}</li>" for action in phase.actions[:FIRST_ACTIONS])
            more = len(phase.actions) - FIRST_ACTIONS
            if more > 0:
                actions += "<li>" + html_text(lang.plural("… and {count} more (see the plan online)",
                                                          "… and {count} more (see the plan online)", more)) + "</li>"
            delay = show_duration(lang, phase.max_delay_minutes) if phase.max_delay_minutes else "—"
            rows.append(f"<tr><td><strong>{number}. {html_text(phase.name or phase.id)}</strong></td>"
                        f"<td>{html_text(delay)}</td>"
                        f"<td>{_profile_name(playbook, phase.owner)}<br>{_people(playbook, phase.owner, lang)}</td>"
                        f"<td><ul>{actions or '<li>—</li>'}</ul></td></tr>")
        heads = (lang("Phase"), lang("Act within"), lang("Owner"), lang("First actions"))
        out.append(_h2(lang("The five phases"))
                   + '<table class="pb-card-table"><thead><tr>' + "".join(f"<th>{html_text(h)}</th>" for h in heads)
                   + f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    if crisis.escalation:
        steps = "".join(f"<li><strong>{_profile_name(playbook, step.role)}</strong>"
                        + (f" — {html_text(step.when)}" if step.when else "")
                        + f"<br>{_people(playbook, step.role, lang)}</li>" for step in crisis.escalation)
        out.append(_h2(lang("Alert chain, in order")) + f'<ol class="pb-card-chain">{steps}</ol>')
    rotas = [rota for rota in playbook.roles.on_call if rota.people]
    if rotas:
        from linter.site.pages.on_duty import describe_hours

        items = []
        for rota in rotas:
            holders = [p for p in (playbook.person(pid) for pid in rota.people) if p is not None]
            delay = (lang(", acts within {duration}", duration=show_duration(lang, rota.delay_minutes))
                     if rota.delay_minutes else "")
            items.append(f"<li><strong>{html_text(rota.name or rota.id)}</strong> "
                         f"({html_text(describe_hours(rota.hours, lang))}{html_text(delay)})\u202f: "
                         + ", ".join(_person(person, lang) for person in holders) + "</li>")
        out.append(_h2(lang("On call")) + f'<ul class="pb-card-chain">{"".join(items)}</ul>')
    if crisis.holding_statements:
        blocks = []
        for statement in crisis.holding_statements:
            tag = statement.language if statement.language and _LANG_TAG.fullmatch(statement.language) else None
            lang_attr = f' lang="{tag}"' if tag and tag != lang.code else ""
            language = html_text(language_name(lang, statement.language))
            blocks.append(f'<div class="pb-card-statement"><p><strong{lang_attr}>'
                          f"{html_text(statement.title or statement.id)}</strong> ({language})</p>"
                          f"<p{lang_attr}>{html_text(statement.text)}</p></div>")
        out.append(_h2(lang("Holding statements")) + "".join(blocks))
    out.append("</section>")
    return "".join(out)


def _h2(text: str) -> str:
    return f'<h2 class="pb-card-h">{html_text(text)}</h2>'


def print_button(lang: Language) -> str:
    """Shown by playbook.js (printing needs scripts); hidden when they do not run."""
    return ('<p class="pb-print-card" hidden><button type="button" class="md-button" data-pb-print>'
            + html_text(lang("Print the crisis card (2 A4 pages)")) + "</button></p>")


__all__ = ["VERSION_MARKER", "print_button", "render"]
