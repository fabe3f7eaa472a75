"""The crisis runbook: what to do when a bad buzz starts, readable in seconds on a phone.

Reacting at birth can stop a crisis; in propagation it is already late. The page therefore
opens with the current status and three links (which phase, whom to alert, what to post),
then the levels, the five phases as a timeline and, for each phase, a checklist with its
owner and maximum delay, the escalation chain and the holding statements (copy buttons).
While crisis.yml says a crisis is active, the plugin shows a banner on every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.playbook.model import Phase, Playbook
from linter.site.markup import (
    admonition,
    block,
    code_block,
    fact,
    fr_datetime,
    fr_duration,
    html_text,
    indent,
    inline,
    mail_link,
    table,
)
from linter.site.pages.common import (
    CRISIS,
    LANGUAGES,
    PHASE_ORDER,
    anchor,
    channel_link,
    channel_short,
    person_link,
    profile_link,
)

HERE = CRISIS
_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_PHASE_COLORS = {"birth": "#f9a825", "virality": "#ef6c00", "propagation": "#c62828",
                 "lassitude": "#5e35b1", "resolution": "#2e7d32"}


def ordered_phases(playbook: Playbook) -> list[Phase]:
    return sorted(playbook.crisis.phases, key=lambda phase: PHASE_ORDER.get(phase.id, 99))


@dataclass(frozen=True)
class Banner:
    """The site-wide notice shown while a crisis is active (``html`` is escaped, ready to insert)."""

    html: str
    page: str = CRISIS


def banner(playbook: Playbook) -> Banner | None:
    status = playbook.crisis.status
    if status is None or not status.active:
        return None
    parts = ["<strong>Crise en cours</strong>"]
    if status.level is not None:
        level = next((item for item in playbook.crisis.levels if item.id == status.level), None)
        name = f" : {html_text(level.name)}" if level and level.name else ""
        parts[0] += f" — niveau {status.level}{name}"
    text = parts[0] + "."
    if status.summary:
        text += f" {html_text(status.summary)}"
    if status.frozen_channels:
        names = ", ".join(html_text(channel_short(channel) if (channel := playbook.channel(c)) else c)
                          for c in status.frozen_channels)
        text += f" Publications suspendues sur : {names}."
    return Banner(text)


def _people_of(playbook: Playbook, profile_id: str | None) -> str:
    if not profile_id:
        return ""
    people = playbook.people_with_role(profile_id)
    return ", ".join(person_link(playbook, HERE, person.id) + (f" ({mail_link(person.email)})" if person.email else "")
                     for person in people)


def timeline_svg(phases: list[Phase], playbook: Playbook) -> str:
    """The five phases top to bottom, each with its maximum delay and owner."""
    row, width = 66, 420
    height = 16 + row * len(phases)
    names = ", ".join(f"{index}. {phase.name or phase.id}" for index, phase in enumerate(phases, 1))
    out = [f'<svg class="pb-timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-labelledby="pb-timeline-title" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="pb-timeline-title">{html_text("Les phases d’une crise, dans l’ordre : " + names)}</title>']
    if len(phases) > 1:
        out.append(f'<line class="pb-timeline-line" x1="24" y1="{16 + 20}" x2="24" '
                   f'y2="{16 + row * (len(phases) - 1) + 20}" stroke="#9e9e9e" stroke-width="4"/>')
    for index, phase in enumerate(phases):
        cy = 16 + index * row + 20
        color = _PHASE_COLORS.get(phase.id, "#546e7a")
        text_color = "#000000" if phase.id == "birth" else "#ffffff"
        out.append(f'<circle cx="24" cy="{cy}" r="18" fill="{color}"/>')
        out.append(f'<text x="24" y="{cy + 6}" text-anchor="middle" font-size="17" font-weight="bold" '
                   f'fill="{text_color}">{index + 1}</text>')
        out.append(f'<text class="pb-timeline-name" x="54" y="{cy - 2}" font-size="18" font-weight="bold" '
                   f'fill="#212121">{html_text(phase.name or phase.id)}</text>')
        details = []
        if phase.max_delay_minutes:
            details.append(f"agir sous {fr_duration(phase.max_delay_minutes)}")
        if phase.owner:
            owner = playbook.profile(phase.owner)
            details.append(owner.name if owner and owner.name else phase.owner)
        if details:
            out.append(f'<text class="pb-timeline-detail" x="54" y="{cy + 19}" font-size="15" '
                       f'fill="#424242">{html_text(" · ".join(details))}</text>')
    out.append("</svg>")
    return "".join(out)


def _status(playbook: Playbook) -> str:
    status = playbook.crisis.status
    if status is None or not status.active:
        return admonition("success", "Aucune crise en cours",
                          "Le plan de crise indique qu'aucune crise n'est en cours. Lisez cette page maintenant, "
                          "avant d'en avoir besoin : c'est en réagissant dès la naissance d'une crise qu'on l'évite.")
    lines = []
    if status.summary:
        lines.append(block(status.summary))
    facts = []
    if status.level is not None:
        level = next((item for item in playbook.crisis.levels if item.id == status.level), None)
        facts.append(fact("Niveau", f"{status.level}" + (f" — {inline(level.name)}" if level and level.name else "")))
    if status.started_at is not None:
        facts.append(fact("Depuis le", fr_datetime(status.started_at)))
    if status.lead:
        facts.append(fact("Pilote de la crise", person_link(playbook, HERE, status.lead)))
    if status.frozen_channels:
        facts.append(fact("Publications suspendues sur",
                          ", ".join(channel_link(playbook, HERE, c) for c in status.frozen_channels)))
    if facts:
        lines.append("\n".join(facts))
    lines.append("Aucune publication programmée ne part sur les canaux suspendus. Suivez la phase en cours "
                 "ci-dessous et passez par la personne qui pilote la crise avant toute prise de parole.")
    return admonition("danger", "Crise en cours", "\n\n".join(lines))


def _phase(playbook: Playbook, number: int, phase: Phase) -> str:
    out = ['<div class="pb-phase" markdown>', "",
           f"## Phase {number} — {inline(phase.name or phase.id)} {{#{anchor('phase', phase.id)}}}", ""]
    facts = [fact("Responsable", profile_link(playbook, HERE, phase.owner)
                  + (f" — {_people_of(playbook, phase.owner)}" if _people_of(playbook, phase.owner) else "")),
             fact("Délai maximal pour agir",
                  f"**{fr_duration(phase.max_delay_minutes)}**" if phase.max_delay_minutes else "non précisé")]
    out += ["\n".join(facts), ""]
    if phase.description:
        out += [block(phase.description), ""]
    if phase.signals:
        out += ["**Signaux qui montrent qu'on y est\u00a0:**", "",
                "\n".join(f"- {inline(signal)}" for signal in phase.signals), ""]
    if phase.actions:
        out += ["**À faire, dans l'ordre\u00a0:**", "",
                "\n".join(f"- [ ] {inline(action)}" for action in phase.actions), ""]
    else:
        out += ["*Aucune action n'est encore prévue pour cette phase.*", ""]
    out.append("</div>")
    return "\n".join(out)


def render(playbook: Playbook) -> str:
    crisis = playbook.crisis
    phases = ordered_phases(playbook)
    jump = " · ".join(f"[{inline(phase.name or phase.id)}](#{anchor('phase', phase.id)})" for phase in phases)
    out = ["# Plan de crise", _status(playbook),
           admonition("tip", "En cas de bad buzz, tout de suite",
                      f"1. **Repérez la phase** : {jump or '—'}\n"
                      "2. **Alertez** dans l'ordre de la [chaîne d'alerte](#alerte).\n"
                      "3. **Publiez un [message d'attente](#messages)** si le sujet se répand, puis vérifiez les "
                      "faits.")]
    from linter.site.pages import call_now, crisis_card  # they read the phases' order from this module

    out.append(crisis_card.print_button())
    out.append(call_now.render(playbook, HERE))
    if crisis.levels:
        out.append("## Niveaux de gravité {#niveaux}")
        out.append(table(["Niveau", "Nom", "Critères"],
                         [[str(level.id), f"**{inline(level.name)}**",
                           "<br>".join(inline(item) for item in level.criteria) or "—"]
                          for level in sorted(crisis.levels, key=lambda item: item.id)]))
    if phases:
        out.append("## Les cinq phases {#phases}")
        out.append("Une crise passe par cinq phases. Agir dès la naissance peut tout éviter ; "
                   "une fois en propagation, il est déjà tard.")
        out.append(f'<figure class="pb-figure">\n{timeline_svg(phases, playbook)}\n'
                   f'<figcaption>Les phases dans l’ordre, avec le délai maximal pour agir et le rôle responsable.'
                   f'</figcaption>\n</figure>')
        out.extend(_phase(playbook, number, phase) for number, phase in enumerate(phases, 1))
    out.append("## Chaîne d'alerte {#alerte}")
    if crisis.escalation:
        out.append("Qui prévenir, dans cet ordre :")
        steps = []
        for number, step in enumerate(crisis.escalation, 1):
            people = _people_of(playbook, step.role)
            line = f"{number}. **{profile_link(playbook, HERE, step.role)}**"
            if step.when:
                line += f" — {inline(step.when)}"
            if people:
                line += "\n\n" + indent("Contact\u00a0: " + people)
            steps.append(line)
        out.append("\n\n".join(steps))
    else:
        out.append("*La chaîne d'alerte n'est pas encore définie.*")
    out.append("## Messages d'attente {#messages}")
    if crisis.holding_statements:
        out.append("Des textes prêts à publier pendant que nous vérifions les faits. Le bouton de copie, en haut à "
                   "droite de chaque texte, le copie tel quel ; adaptez-le si besoin avant de publier.")
        for statement in crisis.holding_statements:
            # A statement in another language than the page's is marked, so screen readers speak it right.
            lang = statement.language if statement.language and _LANG_TAG.fullmatch(statement.language) else None
            lang_attr = f' lang="{lang}"' if lang and lang != "fr" else ""
            ident = anchor("message", statement.id)
            out.append(f"### {inline(statement.title or statement.id)} {{#{ident}{lang_attr}}}")
            out.append(f"*Langue : {inline(LANGUAGES.get(statement.language, statement.language))}*")
            text = code_block(statement.text, classes=("pb-statement",))
            out.append(f'<div class="pb-statement-text"{lang_attr} markdown>\n\n{text}\n\n</div>'
                       if lang_attr else text)
    else:
        out.append("*Aucun message d'attente n'est encore prêt.*")
    return "\n\n".join(out) + "\n"
