"""PB319, PB324, PB325: a partnership says so, in the post itself, from its first line.

A post marked `sponsored: true` (paid, gifted product, partnership) must carry one of the
charter's disclosure markers (PB319), on its first line (PB324), and a post whose words show a
partner's gift or prize ("offert par notre partenaire") must be marked and disclosed (PB325).
Markers written as hashtags are looked for among the post's hashtags, others in its prose, with
the same matching as every term (case and accents ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.rule import rule
from linter.drafts.parse import Draft, Span
from linter.drafts.tokens import TermIndex
from linter.playbook.model import Playbook
from linter.rules.draft._common import excerpt, span_finding
from linter.rules.draft._terms import find_terms, is_heading

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

DISCLOSURE_NOT_FIRST = rule(
    "PB324", "disclosure-not-first", "A disclosure marker stands after the first line of the post", Severity.ERROR,
    what="""A post that carries one of tone.yml `disclosure_markers` must show it on its first line (for a
    post that opens with a title, on the title or the line after it). The finding points at the first
    marker, where it stands too late.""",
    why="""The charter asks for the marker "dès la première ligne": readers, and the consumer
    authorities, expect to know it is advertising before they read the rest, and a marker after the
    text is hidden behind a feed's "see more".""",
    example="""
---
channel: facebook
kind: promo
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
sponsored: true
---
Cet été, nos jus pressés voyagent avec les Cars de l'Ille\u202f: une bouteille offerte à chaque passager.

#Partenariat
""",
    fixed="""
---
channel: facebook
kind: promo
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
sponsored: true
---
#Partenariat Cet été, nos jus pressés voyagent avec les Cars de l'Ille\u202f: une bouteille offerte à chaque passager.
""",
    options="tone.yml `disclosure_markers`.",
)

UNDISCLOSED_PARTNERSHIP = rule(
    "PB325", "undisclosed-partnership", "A post shows a partner's gift or prize but is not marked sponsored",
    Severity.ERROR,
    what="""Reports, in a post without `sponsored: true` and without any disclosure marker, the first
    words of tone.yml `partnerships.terms` that show a partner gave, lent or paid for something (a
    prize "offert par" a partner, a product a brand gave us), outside `partnerships.exceptions` (our
    own prizes).""",
    why="""A prize or a product offered by a partner is a commercial partnership in the eyes of the
    law: the post must say so from its first line, and the queue must count it as promotional.
    Forgetting the `sponsored` field hides both.""",
    example="""
---
channel: instagram
kind: event
publish_at: 2027-03-02T10:00+01:00
author: gaelle-rouxel
---
Jeu concours\u202f: à gagner, un plateau de fromages offert par la fromagerie Le Petit Gallo.
""",
    fixed="""
---
channel: instagram
kind: event
publish_at: 2027-03-02T10:00+01:00
author: gaelle-rouxel
sponsored: true
---
#Partenariat Jeu concours\u202f: à gagner, un plateau de fromages offert par la fromagerie Le Petit Gallo.
""",
    options="tone.yml `partnerships` (`terms`, `exceptions`) and `disclosure_markers`; the draft's `sponsored` field.",
)

RULES = (SPONSORED_WITHOUT_DISCLOSURE, DISCLOSURE_NOT_FIRST, UNDISCLOSED_PARTNERSHIP)


@dataclass(frozen=True)
class Prepared:
    markers: TermIndex
    partnerships: TermIndex


def prepare(playbook: Playbook) -> Prepared:
    found = playbook.tone.partnerships
    return Prepared(
        TermIndex((marker, marker) for marker in playbook.tone.disclosure_markers),
        # The exceptions (our own gifts) excuse every term of the list: None is every entry.
        TermIndex(((term, term) for term in found.terms) if found else (),
                  ((phrase, None) for phrase in found.exceptions) if found else ()))


def check(draft: Draft, playbook: Playbook, ctx: CheckContext, prepared: Prepared | None = None) -> Iterator[Finding]:
    ready = prepared if prepared is not None else prepare(playbook)
    lang = ctx.lang
    markers = ready.markers
    found = _markers(draft, markers) if markers else []
    if draft.sponsored and markers and not found:
        shown = ", ".join(playbook.tone.disclosure_markers[:4])
        yield SPONSORED_WITHOUT_DISCLOSURE.at(
            draft.meta_loc("sponsored"),
            lang("the post is sponsored but shows none of the disclosure markers ({markers})", markers=shown),
            lang("Add one of them at the start of the post, where readers see it before the rest."))
    if found and not any(start < _first_line_end(draft) for start, _ in found):
        start, end = found[0]
        yield span_finding(
            DISCLOSURE_NOT_FIRST, draft, start, end,
            lang("the disclosure marker {marker} stands after the first line of the post",
                 marker=draft.text[start:end]),
            lang("Move it to the very start of the post, where readers see it before the rest "
                 "(tone.yml posting rules: from the first line)."))
    if not draft.sponsored and not found and ready.partnerships:
        hits = find_terms(ready.partnerships, draft, tags=False)
        if hits:
            hit = hits[0]
            suggested = ", ".join(playbook.tone.disclosure_markers[:2]) or "tone.yml disclosure_markers"
            yield span_finding(
                UNDISCLOSED_PARTNERSHIP, draft, hit.start, hit.end,
                lang("'{words}' shows a partnership, but the post is not marked `sponsored: true` and carries no "
                     "disclosure marker", words=excerpt(draft.text[hit.start:hit.end])),
                lang("Add `sponsored: true` to the front matter and a disclosure marker on the first line "
                     "({markers}).", markers=suggested))


def _markers(draft: Draft, markers: TermIndex) -> list[tuple[int, int]]:
    """(start, end) of every disclosure marker of the post, prose and hashtags, in text order."""
    spans = [(match.start, match.end) for match in markers.find(draft.words)]
    for span, _, _ in markers.find_tags(draft.spans):
        tag = cast(Span, span)
        spans.append((tag.start, tag.end))
    return sorted(spans)


def _first_line_end(draft: Draft) -> int:
    """Where the post's first line ends: its first non-blank line, or the line after an opening title."""
    text, position, lines = draft.text, draft.body_start, 0
    end = len(text)
    while position < len(text):
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        if text[position:line_end].strip():
            end = line_end
            lines += 1
            if lines == 2 or not is_heading(draft, position):
                break
        position = line_end + 1
    return end
