"""PB319 sponsored without disclosure: a partnership must say so, in the post itself.

A post marked `sponsored: true` (paid, gifted product, partnership) must carry one of the
charter's disclosure markers. Markers written as hashtags are looked for among the post's
hashtags, others in its prose, with the same matching as every term (case and accents ignored).
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.rule import rule
from linter.drafts.tokens import TermIndex

SPONSORED_WITHOUT_DISCLOSURE = rule(
    "PB319", "sponsored-without-disclosure", "A sponsored post carries none of the charter's disclosure "
    "markers", Severity.ERROR,
    what="""When the front matter says `sponsored: true`, the post must contain at least one of tone.yml
    `disclosure_markers` (for example `#partenariat`). The finding points at the `sponsored` field.""",
    why="""Readers have the right to know when a post is advertising: hiding a partnership is deceptive
    commercial practice under consumer law, and it costs the brand its credibility when discovered.""",
    example="""
---
channel: instagram
kind: promo
publish_at: 2027-03-02T10:00+01:00
author: gaelle-rouxel
sponsored: true
---
Nos jus pressés sont à la carte du café Le Quai, à Rennes, tout le mois de mars.
""",
    fixed="""
---
channel: instagram
kind: promo
publish_at: 2027-03-02T10:00+01:00
author: gaelle-rouxel
sponsored: true
---
#Partenariat Nos jus pressés sont à la carte du café Le Quai, à Rennes, tout le mois de mars.
""",
    options="tone.yml `disclosure_markers`; the draft's `sponsored` field.",
)

RULES = (SPONSORED_WITHOUT_DISCLOSURE,)


def prepare(playbook) -> TermIndex:
    return TermIndex((marker, marker) for marker in playbook.tone.disclosure_markers)


def check(draft, playbook, ctx: CheckContext, prepared: TermIndex | None = None) -> Iterator[Finding]:
    if not draft.sponsored:
        return
    markers = prepared if prepared is not None else prepare(playbook)
    if not markers:
        return
    if markers.find(draft.words) or next(iter(markers.find_tags(draft.spans)), None) is not None:
        return
    shown = ", ".join(playbook.tone.disclosure_markers[:4])
    yield SPONSORED_WITHOUT_DISCLOSURE.at(
        draft.meta_loc("sponsored"),
        f"the post is sponsored but shows none of the disclosure markers ({shown})",
        "Add one of them at the start of the post, where readers see it before the rest.")
