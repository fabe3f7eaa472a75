"""PB392 unclosed HTML comment (the parser notes each one while it splits the body).

Why a rule: in Markdown an HTML comment opened by ``<!--`` and never closed runs to the end of
the post, so a renderer shows nothing after it, and a linter that trusted the renderer would
check nothing after it either: a banned term or a phone number written below a stray ``<!--``
used to pass unseen. The parser reports the opener and keeps reading the text after it as
prose, so every other rule still sees it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.rule import rule

if TYPE_CHECKING:
    from linter.drafts.parse import Draft
    from linter.playbook.model import Playbook

UNCLOSED_COMMENT = rule(
    "PB392", "unclosed-comment", "An HTML comment (<!--) is never closed", Severity.ERROR,
    what="""Reports a `<!--` that starts an HTML comment block with no `-->` after it. Markdown then
    treats the rest of the post as a comment: the site and most editors show nothing after it. The
    text after the opener is still checked by every other rule.""",
    why="""A comment left open hides the end of the post from a reviewer reading the rendered preview,
    and whatever the post says there (a banned term, a private phone number) would go out unreviewed
    once the comment is pasted without its markup.""",
    example="""
---
channel: facebook
kind: information
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
---
<!-- note pour l'équipe : vérifier les horaires
La boutique de la ferme ouvre de nouveau le samedi matin, de 9 h à 12 h 30.
""",
    fixed="""
---
channel: facebook
kind: information
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
---
<!-- note pour l'équipe : vérifier les horaires -->
La boutique de la ferme ouvre de nouveau le samedi matin, de 9 h à 12 h 30.
""",
    options="""None. Close the comment with `-->`, or remove the `<!--`.""",
)

RULES = (UNCLOSED_COMMENT,)


def check(draft: Draft, playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    for offset in draft.unclosed_comments:
        yield UNCLOSED_COMMENT.at(
            draft.loc_at(offset),
            ctx.lang("this HTML comment (<!--) is never closed: Markdown hides everything after it"),
            ctx.lang("Close the comment with `-->` where it should end, or remove the `<!--`."))
