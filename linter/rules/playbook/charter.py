"""PB209: the usage charter must be kept up to date.

Staff follow the charter on their own accounts too; rules written for networks and practices of
several years ago are ignored, and an outdated rule cannot be defended.
"""

from __future__ import annotations

from collections.abc import Iterator

from dateutil.relativedelta import relativedelta

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.rule import rule
from linter.playbook.model import Playbook

DEFAULT_INTERVAL_MONTHS = 12

CHARTER_STALE = rule(
    "PB209", "charter-stale", "The usage charter is overdue for review", Severity.WARNING,
    what="Reports a usage charter whose `last_reviewed` date plus `review_interval_months` (12 when "
         "absent) is before today, or that does not say when it was last reviewed.",
    why="A usage charter is only followed if it is kept up to date: networks, practices and the "
        "company change, and a rule nobody revisited is hard to defend. Reviewing it on a schedule, "
        "with representative staff, keeps it theirs.",
    example="""
last_reviewed: 2024-03-01
review_interval_months: 12
""",
    fixed="""
last_reviewed: 2026-09-01
review_interval_months: 12
""",
    options="`review_interval_months` in usage-charter.yml (12 when absent); the date of the run "
            "(`--today`).",
    example_file="usage-charter.yml",
)

RULES = (CHARTER_STALE,)


def check(playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    lang = ctx.lang
    charter = playbook.charter
    if charter.last_reviewed is None:
        if not charter.wrote("last_reviewed"):  # an unreadable date is PB215's
            yield CHARTER_STALE.at(
                charter.loc,
                lang("the usage charter does not say when it was last reviewed"),
                lang("Add `last_reviewed: {today}` (YYYY-MM-DD) after the next review, and "
                     "`review_interval_months` to say how often it is reviewed.", today=ctx.today.isoformat()),
            )
        return
    months = charter.review_interval_months or DEFAULT_INTERVAL_MONTHS
    due = charter.last_reviewed + relativedelta(months=months)
    if due >= ctx.today:
        return
    yield CHARTER_STALE.at(
        charter.where("last_reviewed"),
        lang.plural("the usage charter was last reviewed on {reviewed} and is to be reviewed every month: it has "
                    "been overdue since {due}",
                    "the usage charter was last reviewed on {reviewed} and is to be reviewed every {count} months: "
                    "it has been overdue since {due}",
                    months, reviewed=lang.date(charter.last_reviewed), due=lang.date(due)),
        lang("Review the charter with representative staff, then set `last_reviewed` to the date of that review."),
    )
