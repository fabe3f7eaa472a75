"""The objectives page: objectives grouped by tier, each tier with its KPI table.

The sources insist that objectives come first and are measurable (a metric, a target, a
date) and introduced in tiers; the page shows exactly that, tier by tier, so that everyone
sees what is being measured, by whom, by when.
"""

from __future__ import annotations

import datetime as dt

from linter.core.i18n import Language
from linter.playbook.model import Objective, Playbook
from linter.site.markup import admonition, block, fact, inline, show_date, show_number, table
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


def _value(lang: Language, number: float | None, unit: str | None) -> str:
    if number is None:
        return "—"
    text = show_number(lang, number)
    if unit:
        text += ("\u202f" if unit.strip() == "%" else " ") + inline(unit.strip())
    return text


def kpi_row(playbook: Playbook, objective: Objective, lang: Language) -> list[str]:
    kpi = objective.kpi
    channels = ", ".join(channel_link(playbook, HERE, channel) for channel in objective.channels) or "—"
    title = f"[{inline(objective.title or objective.id)}](#{anchor('objectif', objective.id)})"
    if kpi is None:
        return [title, lang("*not measured*"), "—", "—", "—", profile_link(playbook, HERE, objective.owner), channels]
    return [
        title,
        inline(kpi.metric) if kpi.metric else "—",
        _value(lang, kpi.baseline, kpi.unit),
        f"**{_value(lang, kpi.target, kpi.unit)}**",
        show_date(lang, kpi.deadline),
        profile_link(playbook, HERE, objective.owner),
        channels,
    ]


def _objective(playbook: Playbook, objective: Objective, today: dt.date, lang: Language) -> str:
    parts = [f"### {inline(objective.title or objective.id)} {{#{anchor('objectif', objective.id)}}}"]
    if objective.description:
        parts.append(block(objective.description))
    facts = [fact(lang, lang("Type"), label(lang, OBJECTIVE_KINDS, objective.kind)),
             fact(lang, lang("Owner"), profile_link(playbook, HERE, objective.owner))]
    if objective.audiences:
        facts.append(fact(lang, lang("Target audiences"),
                          ", ".join(audience_link(playbook, HERE, a) for a in objective.audiences)))
    if objective.channels:
        facts.append(fact(lang, lang("Channels"),
                          ", ".join(channel_link(playbook, HERE, c) for c in objective.channels)))
    kpi = objective.kpi
    if kpi is not None:
        facts.append(fact(lang, lang("Indicator"), lang(
            "{metric}, from {baseline} to {target} by {deadline}", metric=inline(kpi.metric) if kpi.metric else "—",
            baseline=_value(lang, kpi.baseline, kpi.unit), target=_value(lang, kpi.target, kpi.unit),
            deadline=show_date(lang, kpi.deadline))))
    parts.append("\n".join(facts))
    if kpi is not None and kpi.deadline is not None and kpi.deadline < today:
        parts.append(admonition("warning", lang("Deadline passed"),
                                lang("The deadline of {date} has passed: review this objective and set a new one "
                                     "in `objectives.yml`.", date=show_date(lang, kpi.deadline))))
    return "\n\n".join(parts)


def render(playbook: Playbook, today: dt.date, lang: Language) -> str:
    objectives = sorted(playbook.objectives, key=lambda item: item.tier)
    tiers = sorted({objective.tier for objective in objectives})
    out = [
        "# " + lang("Objectives"),
        lang("Our objectives on social media: {objectives} in {tiers}. Each objective is measured: an indicator, "
             "a starting value, a target and a deadline. We consolidate a tier before moving on to the next.",
             objectives=lang.plural("{count} objective", "{count} objectives", len(objectives)),
             tiers=lang.plural("{count} tier", "{count} tiers", len(tiers))),
    ]
    if not objectives:
        out.append(admonition("warning", lang("No objective"),
                              lang("The file `objectives.yml` does not define any objective yet.")))
    for tier in tiers:
        in_tier = [objective for objective in objectives if objective.tier == tier]
        out.append("## " + lang("Tier {tier}", tier=tier) + f" {{#palier-{tier}}}")
        out.append(table([lang("Objective"), lang("Indicator"), lang("Start"), lang("Target"), lang("Deadline"),
                          lang("Owner"), lang("Channels")],
                         [kpi_row(playbook, objective, lang) for objective in in_tier]))
        out.extend(_objective(playbook, objective, today, lang) for objective in in_tier)
    return "\n\n".join(out) + "\n"
