"""PB301 front matter and PB302 unknown references: who posts what, where and when.

Every other check hangs on the front matter: without a channel there is no length limit,
without a date no calendar, without an author nobody to answer the replies. The parser
(linter.drafts.parse) types the fields and notes on the draft what is wrong with them; PB301
reports those notes, PB302 checks the ids against the playbook.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.rule import rule
from linter.core.suggest import did_you_mean

if TYPE_CHECKING:
    from linter.drafts.parse import Draft
    from linter.playbook.model import Playbook

FRONT_MATTER = rule(
    "PB301", "front-matter", "A draft's front matter is missing a field, has a wrongly typed one, or an "
    "unreadable publish_at", Severity.ERROR,
    what="""Each draft starts with a YAML front matter between two `---` lines. It must give `channel`
    (or `channels`, a list), `kind`, `publish_at` and `author`; it may give `objective`, `audience`,
    `language`, `sponsored` (true/false) and `disable` (a list of rule codes). `publish_at` is an ISO
    date and time; without an offset it is read in the organisation's time zone. The YAML itself must
    be valid, and a field name close to a known one is reported as a probable typo (warning).""",
    why="""A post is only publishable when we know where it goes, when, and who answers the reactions:
    the playbook asks for a named person behind every publication and a calendar everyone can read.
    The other checks (length per channel, coverage, promotion share) all depend on these fields.""",
    example="""
---
channel: facebook
kind: information
publish_at: 2027-03-02
---
La boutique de la ferme ouvre de nouveau le samedi matin, de 9 h à 12 h 30.
""",
    fixed="""
---
channel: facebook
kind: information
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
---
La boutique de la ferme ouvre de nouveau le samedi matin, de 9 h à 12 h 30.
""",
    options="""None: the fields are fixed. The time zone of a `publish_at` without offset is
    organisation.yml `timezone`; the default `language` is organisation.yml `language`.""",
)

UNKNOWN_REFERENCE = rule(
    "PB302", "unknown-draft-reference", "A draft names a channel, author, objective or audience the playbook "
    "does not define", Severity.ERROR,
    what="""`channel`/`channels` must be ids from channels.yml, of channels whose status is `active`;
    `author` a person id from roles.yml (people); `objective` an id from objectives.yml; `audience` an id
    from audiences.yml. The finding suggests the closest existing id.""",
    why="""The playbook decides which channels we use and who speaks for the company. A post for a
    channel we only reserved, or signed by someone who is not in the team, escapes the rules the team
    agreed on — and a misspelt id silently disables every check that depends on it.""",
    example="""
---
channel: facebok
kind: information
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
---
La boutique de la ferme ouvre de nouveau le samedi matin, de 9 h à 12 h 30.
""",
    fixed="""
---
channel: facebook
kind: information
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
---
La boutique de la ferme ouvre de nouveau le samedi matin, de 9 h à 12 h 30.
""",
    options="""channels.yml `id` and `status`, roles.yml `people[].id`, objectives.yml `id`,
    audiences.yml `id`.""",
)

RULES = (FRONT_MATTER, UNKNOWN_REFERENCE)


def check(draft: Draft, playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    for problem in draft.front_matter_problems:
        yield FRONT_MATTER.at(problem.loc, problem.message, problem.hint, severity=problem.severity)
    rule = UNKNOWN_REFERENCE
    lang = ctx.lang
    where = "channels" if "channels" in draft.meta else "channel"
    written = draft.meta.get(where)
    listed = isinstance(written, list)
    values = written if isinstance(written, list) else [written]
    for channel_id in draft.channels:
        position = (where, values.index(channel_id)) if listed and channel_id in values else (where,)
        loc = draft.meta_loc(*position) if listed else draft.meta_loc(where)
        channel = playbook.channel(channel_id)
        if channel is None:
            yield rule.at(loc, lang("the channel '{channel}' is not defined in the playbook", channel=channel_id),
                          did_you_mean(channel_id, (c.id for c in playbook.channels if c.active), "channels.yml",
                                       lang))
        elif not channel.active:
            yield rule.at(loc, lang("the channel '{channel}' is only reserved (status: {status}): we do not publish "
                                    "there", channel=channel_id, status=channel.status),
                          lang("Choose an active channel, or set its status to active in channels.yml once the team "
                               "is ready to run it."))
    people = playbook.roles.people
    if draft.author is not None and playbook.person(draft.author) is None:
        hint = did_you_mean(draft.author, (person.id for person in people), lang("roles.yml (people)"), lang)
        if playbook.profile(draft.author) is not None:
            holders = ", ".join(p.id for p in playbook.people_with_role(draft.author))
            hint = lang("'{profile}' is a profile; the author is a person who holds it: {people}",
                        profile=draft.author, people=holders) if holders else hint
        yield rule.at(draft.meta_loc("author"),
                      lang("the author '{author}' is not a person of the playbook", author=draft.author), hint)
    if draft.objective is not None and playbook.objective(draft.objective) is None:
        yield rule.at(draft.meta_loc("objective"),
                      lang("the objective '{objective}' is not defined", objective=draft.objective),
                      did_you_mean(draft.objective, (o.id for o in playbook.objectives), "objectives.yml", lang))
    if draft.audience is not None and playbook.audience(draft.audience) is None:
        yield rule.at(draft.meta_loc("audience"), lang("the audience '{audience}' is not defined",
                                                       audience=draft.audience),
                      did_you_mean(draft.audience, (a.id for a in playbook.audiences), "audiences.yml", lang))
