"""PB390 unused disable and PB391 unknown code in a disable (see linter/disables.py).

PB391 only needs the draft and the registry, so it runs with the other per-post rules; PB390
needs every finding of the file (queue rules included) and is computed by apply_disables.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.core.context import CheckContext
from linter.core.disables import ALL
from linter.core.findings import Finding, Severity
from linter.core.rule import Role, rule
from linter.core.suggest import closest

if TYPE_CHECKING:
    from linter.drafts.parse import Draft
    from linter.playbook.model import Playbook

UNUSED_DISABLE = rule(
    "PB390", "unused-disable", "A disable comment or front-matter entry silences nothing", Severity.WARNING,
    what="""Reports each rule code of a `<!-- playbook-disable ... -->` comment, a
    `<!-- playbook-disable-next-line ... -->` comment or a front-matter `disable:` list that did not
    silence any finding. `playbook-disable` covers the whole file, `playbook-disable-next-line` the next
    non-blank line; a comment without codes covers every rule.""",
    why="""An exception is a decision the team made for one post. Once the text changes, a forgotten
    exception stays and silently lets the next real problem through: each exception must keep earning
    its place.""",
    example="""
---
channel: facebook
kind: information
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
---
<!-- playbook-disable-next-line PB313 -->
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
    options="""None. Like every rule it can be turned off in lint.yml (`PB390: {severity: off}`), or in
    one file with `disable: [PB390]`.""",
    role=Role.UNUSED_DISABLE,
)

UNKNOWN_DISABLE = rule(
    "PB391", "unknown-disable-code", "A disable names a rule code that does not exist", Severity.WARNING,
    what="""Reports codes in disable comments and in the front-matter `disable:` list that are not
    rule codes (see `playbook rules`).""",
    why="""A misspelt code silences nothing, so the writer believes an exception is in place when it is
    not; and a reviewer cannot tell which rule was meant.""",
    example="""
---
channel: facebook
kind: information
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
disable: [PB3013]
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
    options="None.",
)

RULES = (UNUSED_DISABLE, UNKNOWN_DISABLE)


def check(draft: Draft, playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    for directive in draft.directives:
        for code, loc in zip(directive.codes, directive.locs):
            if code == ALL or code in ctx.registry:
                continue
            guess = closest(code, list(ctx.registry.codes()))
            yield UNKNOWN_DISABLE.at(loc,
                                     ctx.lang("{code} is not a rule code: this disable silences nothing", code=code),
                                     ctx.lang("Did you mean {code}?", code=guess) if guess
                                     else ctx.lang("`playbook rules` lists every code."))
