"""PB203 objectives that cannot be measured, PB204 passed deadlines, PB216 skipped tiers.

Objectives come first in a playbook and must be measurable: a metric, a target and a date.
Several objectives are introduced in tiers ("paliers"), one step after the other.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.playbook.model import Objective, Playbook
from linter.rules.playbook._common import and_list

NOT_MEASURABLE = rule(
    "PB203", "objective-not-measurable", "An objective has no complete KPI", Severity.ERROR,
    what="Every objective needs a `kpi` with at least a `metric` (what is counted), a `target` (the number "
         "to reach) and a `deadline` (by when). The message says which of the three are missing.",
    why="An objective must be clear, achievable and measurable. Without a metric, a target and a date, "
        "nobody can tell at the review whether it was reached, and the team cannot decide where to spend "
        "its time.",
    example="""
objectives:
  - id: notoriete
    title: Faire connaître la cidrerie
    kpi:
      metric: abonnés Facebook
""",
    fixed="""
objectives:
  - id: notoriete
    title: Faire connaître la cidrerie
    kpi:
      metric: abonnés Facebook
      baseline: 800
      target: 1500
      deadline: 2027-06-30
""",
    options="None.",
    example_file="objectives.yml",
)

DEADLINE_PASSED = rule(
    "PB204", "objective-deadline-passed", "An objective's deadline is in the past", Severity.WARNING,
    what="Reports an objective whose `kpi.deadline` is before today (the date of the run, or `--today`).",
    why="Objectives are reviewed and renewed. An objective whose date has passed is either reached, "
        "missed or forgotten: record the result and set the next target, so that the playbook keeps "
        "describing what the team is aiming for now.",
    example="""
objectives:
  - id: notoriete
    title: Faire connaître la cidrerie
    kpi:
      metric: abonnés Facebook
      target: 1500
      deadline: 2025-06-30
""",
    fixed="""
objectives:
  - id: notoriete
    title: Faire connaître la cidrerie
    kpi:
      metric: abonnés Facebook
      target: 2500
      deadline: 2027-06-30
""",
    options="None (the date of the run; `--today` sets it).",
    example_file="objectives.yml",
)

TIER_SKIPPED = rule(
    "PB216", "objective-tier-skipped", "Objective tiers skip a level", Severity.WARNING,
    what="Reports an objective in tier N when no objective is in tier N-1 (for example tiers 1 and 3 "
         "but no tier 2).",
    why="When a company pursues several objectives it introduces them in tiers, one step after the "
        "other. A missing step usually means an objective was removed or a tier number was mistyped.",
    example="""
objectives:
  - id: service-client
    title: Répondre à chaque question de client
    tier: 1
  - id: ventes-boutique
    title: Vendre en ligne pendant les fêtes
    tier: 3
""",
    fixed="""
objectives:
  - id: service-client
    title: Répondre à chaque question de client
    tier: 1
  - id: ventes-boutique
    title: Vendre en ligne pendant les fêtes
    tier: 2
""",
    options="None.",
    example_file="objectives.yml",
)

RULES = (NOT_MEASURABLE, DEADLINE_PASSED, TIER_SKIPPED)


def _measurable(playbook: Playbook, lang: Language) -> Iterator[Finding]:
    for objective in playbook.objectives:
        kpi = objective.kpi
        if kpi is None:
            yield NOT_MEASURABLE.at(
                objective.loc,
                lang("the objective '{objective}' has no kpi: nobody can tell whether it is reached",
                     objective=objective.id),
                lang("Add a `kpi` with a `metric`, a `target` and a `deadline`, for example "
                     "`kpi: {metric: abonnés, target: 1500, deadline: 2027-06-30}`."),
            )
            continue
        missing = [name for name, value in (("metric", kpi.metric), ("target", kpi.target),
                                            ("deadline", kpi.deadline)) if value is None and not kpi.wrote(name)]
        if missing:
            listed = and_list((lang("no {field}", field=name) for name in missing), lang)
            yield NOT_MEASURABLE.at(
                objective.where_key("kpi"),
                lang("the kpi of the objective '{objective}' has {missing}", objective=objective.id, missing=listed),
                lang("A measurable objective says what is counted (`metric`), the number to reach (`target`) "
                     "and by when (`deadline`, YYYY-MM-DD)."),
            )


def _deadlines(playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    lang = ctx.lang
    for objective in playbook.objectives:
        kpi = objective.kpi
        deadline = kpi.deadline if kpi else None
        if kpi is None or deadline is None or deadline >= ctx.today:
            continue
        days = (ctx.today - deadline).days
        yield DEADLINE_PASSED.at(
            kpi.where("deadline"),
            lang.plural("the deadline of the objective '{objective}' was {deadline}, {count} day before today "
                        "({today})",
                        "the deadline of the objective '{objective}' was {deadline}, {count} days before today "
                        "({today})", days, objective=objective.id, deadline=lang.date(deadline),
                        today=lang.date(ctx.today)),
            lang("Record whether it was reached, then set a new target and deadline, or remove the objective."),
        )


def _tiers(playbook: Playbook, lang: Language) -> Iterator[Finding]:
    first_in_tier: dict[int, Objective] = {}
    for objective in playbook.objectives:
        first_in_tier.setdefault(objective.tier, objective)
    for tier in sorted(first_in_tier):
        if tier > 1 and tier - 1 not in first_in_tier:
            objective = first_in_tier[tier]
            yield TIER_SKIPPED.at(
                objective.where("tier"),
                lang("the objective '{objective}' is in tier {tier}, but no objective is in tier {previous}",
                     objective=objective.id, tier=tier, previous=tier - 1),
                lang("Number the tiers without gaps (1, 2, 3…): move this objective to tier {previous} or add "
                     "the missing step.", previous=tier - 1),
            )


def check(playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    yield from _measurable(playbook, ctx.lang)
    yield from _deadlines(playbook, ctx)
    yield from _tiers(playbook, ctx.lang)
