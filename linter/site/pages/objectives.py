"""The objectives page: objectives grouped by tier, each tier with its KPI table.

The sources insist that objectives come first and are measurable (a metric, a target, a
date) and introduced in tiers; the page shows exactly that, tier by tier, so that everyone
sees what is being measured, by whom, by when.
"""

from __future__ import annotations

import datetime as dt

from linter.playbook.model import Objective, Playbook
from linter.site.markup import admonition, block, fact, fr_date, fr_number, inline, plural, table
from linter.site.pages.common import (
    OBJECTIVE_KINDS,
    OBJECTIVES,
    anchor,
    audience_link,
    channel_link,
    label,
    profile_link,
)

HERE = OBJECTIVES


def _value(number: float | None, unit: str | None) -> str:
    if number is None:
        return "—"
    text = fr_number(number)
    if unit:
        text += ("\u202f" if unit.strip() == "%" else " ") + inline(unit.strip())
    return text


def kpi_row(playbook: Playbook, objective: Objective) -> list[str]:
    kpi = objective.kpi
    channels = ", ".join(channel_link(playbook, HERE, channel) for channel in objective.channels) or "—"
    title = f"[{inline(objective.title or objective.id)}](#{anchor('objectif', objective.id)})"
    if kpi is None:
        return [title, "*non mesuré*", "—", "—", "—", profile_link(playbook, HERE, objective.owner), channels]
    return [
        title,
        inline(kpi.metric) if kpi.metric else "—",
        _value(kpi.baseline, kpi.unit),
        f"**{_value(kpi.target, kpi.unit)}**",
        fr_date(kpi.deadline),
        profile_link(playbook, HERE, objective.owner),
        channels,
    ]


def _objective(playbook: Playbook, objective: Objective, today: dt.date) -> str:
    parts = [f"### {inline(objective.title or objective.id)} {{#{anchor('objectif', objective.id)}}}"]
    if objective.description:
        parts.append(block(objective.description))
    facts = [fact("Type", label(OBJECTIVE_KINDS, objective.kind)),
             fact("Responsable", profile_link(playbook, HERE, objective.owner))]
    if objective.audiences:
        facts.append(fact("Publics", ", ".join(audience_link(playbook, HERE, a) for a in objective.audiences)))
    if objective.channels:
        facts.append(fact("Canaux", ", ".join(channel_link(playbook, HERE, c) for c in objective.channels)))
    kpi = objective.kpi
    if kpi is not None:
        facts.append(fact("Indicateur", f"{inline(kpi.metric) if kpi.metric else '—'}, de "
                          f"{_value(kpi.baseline, kpi.unit)} à {_value(kpi.target, kpi.unit)} "
                          f"pour le {fr_date(kpi.deadline)}"))
    parts.append("\n".join(facts))
    if kpi is not None and kpi.deadline is not None and kpi.deadline < today:
        parts.append(admonition("warning", "Échéance dépassée",
                                f"L'échéance du {fr_date(kpi.deadline)} est passée : faites le bilan de "
                                "cet objectif et fixez-en un nouveau dans `objectives.yml`."))
    return "\n\n".join(parts)


def render(playbook: Playbook, today: dt.date) -> str:
    objectives = sorted(playbook.objectives, key=lambda item: item.tier)
    tiers = sorted({objective.tier for objective in objectives})
    out = [
        "# Objectifs",
        f"Nos objectifs sur les réseaux sociaux : {plural(len(objectives), 'objectif')} répartis en "
        f"{plural(len(tiers), 'palier')}. Chaque objectif se mesure : un indicateur, une valeur de "
        "départ, une cible et une échéance. Nous consolidons un palier avant de passer au suivant.",
    ]
    if not objectives:
        out.append(admonition("warning", "Aucun objectif",
                              "Le fichier `objectives.yml` ne définit encore aucun objectif."))
    for tier in tiers:
        in_tier = [objective for objective in objectives if objective.tier == tier]
        out.append(f"## Palier {tier} {{#palier-{tier}}}")
        out.append(table(["Objectif", "Indicateur", "Départ", "Cible", "Échéance", "Responsable", "Canaux"],
                         [kpi_row(playbook, objective) for objective in in_tier]))
        out.extend(_objective(playbook, objective, today) for objective in in_tier)
    return "\n\n".join(out) + "\n"
