"""PB405: during a crisis, no promotion and nothing on a frozen channel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.drafts.queue import Post, Queue, aware, local_time
from linter.playbook.model import Playbook
from linter.rules.queue._common import _SALE, _file, _files, _label, _when

CRISIS_FREEZE = rule(
    "PB405", "crisis-freeze", "A promotional post, or a post on a frozen channel, is scheduled during a crisis.",
    Severity.ERROR,
    what="While `status.active` is true in crisis.yml, reports every upcoming promotional post (kind: promo or "
             "sponsored: true) scheduled at or after `status.started_at`, and every upcoming post on a channel "
             "listed in `status.frozen_channels`.",
    why="In the middle of a bad buzz, a cheerful advertisement published by a scheduler shows a brand that is "
            "not listening, and it relaunches the controversy. The team answers, reassures and stays quiet "
            "elsewhere until the crisis is resolved.",
    example="(crisis.yml: status: {active: true, started_at: 2027-01-05T08:00, frozen_channels: [instagram]})\n"
                + _files(_file("2027-01-06-soldes.md", "facebook", "promo", "2027-01-06T10:00", _SALE)),
    fixed=_files(_file("2027-01-06-point.md", "facebook", "information", "2027-01-06T10:00",
                           "Nous avons bien reçu vos messages au sujet du lot rappelé. "
                           "Voici où en sont nos vérifications.")),
    options="crisis.yml `status.active`, `status.started_at` and `status.frozen_channels`. Severity in lint.yml.",
    example_file="drafts/")


RULES = (CRISIS_FREEZE,)


def check(queue: Queue, playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    if queue.upcoming:
        yield from _freeze(queue.upcoming, playbook, queue.zone, ctx.lang)

def _freeze(upcoming: list[Post], playbook: Playbook, zone: dt.tzinfo, lang: Language) -> Iterator[Finding]:
    status = playbook.crisis.status
    if status is None or not status.active:
        return
    started = aware(status.started_at, zone) if status.started_at is not None else None
    frozen = set(status.frozen_channels)
    since = _when(local_time(started, zone), lang) if started is not None else None
    lead = playbook.person(status.lead) if status.lead else None
    hint = lang("Postpone this post until the crisis is over, or cancel it ({lead} leads the crisis). Once the "
                "crisis is resolved, set status.active to false in crisis.yml.", lead=lead.name or lead.id) \
        if lead is not None \
        else lang("Postpone this post until the crisis is over, or cancel it. Once the crisis is resolved, set "
                  "status.active to false in crisis.yml.")
    for post in upcoming:
        hits = [cid for cid in dict.fromkeys(post.draft.channels) if cid in frozen]
        promo = post.promo and (started is None or post.at >= started)
        if not hits and not promo:
            continue
        reasons = []
        if hits:
            names = ", ".join(_label(playbook, cid) for cid in hits)
            reasons.append(lang.plural("{channels} is frozen", "{channels} are frozen", len(hits), channels=names))
        if promo:
            reasons.append(lang("promotional posts are suspended"))
        why = lang.and_list(reasons)
        yield CRISIS_FREEZE.at(
            post.where(),
            lang("scheduled during the crisis under way since {since}: {reasons}", since=since, reasons=why)
            if since else lang("scheduled during the crisis under way: {reasons}", reasons=why),
            hint)


