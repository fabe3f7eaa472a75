"""PB322 required mention, PB323 forbidden association: what the law asks of a post about cider.

Both read tone.yml ``regulated_products``: a product family (its words, and the phrases in which
those words name something else, such as "vinaigre de cidre"), the mention every post about it
carries (the health message), and what such a post never associates it with (parties, sport,
seduction, success, minors). Nothing is hard-coded: another company lists its own products.

The required mention is compared word for word, case, accents and punctuation aside, so that
"L'abus d'alcool est dangereux pour la santé. À consommer avec modération." in italics or in a
quotation block still counts; it must stand within one paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.drafts.parse import Draft
from linter.drafts.tokens import BREAK, TermIndex, Tokens, tokenize
from linter.playbook.model import GuardedTerms, Playbook, RegulatedProduct
from linter.rules.draft._common import excerpt, span_finding
from linter.rules.draft._terms import Hit, find_terms, is_heading

_HEADER = """---
channel: facebook
kind: information
publish_at: 2027-03-02T10:00+01:00
author: yannick-morvan
---"""
_MENTION = "L'abus d'alcool est dangereux pour la santé, à consommer avec modération."

REQUIRED_MENTION = rule(
    "PB322", "required-mention", "A post about a regulated product lacks the mention the charter requires",
    Severity.ERROR,
    what="""When a post mentions a product of tone.yml `regulated_products` (one of its `terms`, outside
    its `exceptions`), it must carry the product's `required_mention`, word for word (case, accents and
    punctuation aside), within one paragraph. The finding stands on the first mention of the product in
    the text (a title is only used when the text mentions it nowhere else).""",
    why="""French law (loi Évin) requires the health message on every advertisement for an alcoholic
    drink, social-media posts included; a post without it exposes the company to a fine, whatever
    its tone.""",
    example=_HEADER + """
Les cuves de cidre de la dernière récolte finissent leur fermentation\u202f: mise en bouteille fin avril.
""",
    fixed=_HEADER + f"""
Les cuves de cidre de la dernière récolte finissent leur fermentation\u202f: mise en bouteille fin avril.

{_MENTION}
""",
    options="tone.yml `regulated_products` (`name`, `terms`, `exceptions`, `required_mention`).",
)

FORBIDDEN_ASSOCIATION = rule(
    "PB323", "forbidden-association", "A post associates a regulated product with what the charter forbids",
    Severity.ERROR,
    what="""In a post that mentions a product of tone.yml `regulated_products`, reports the words of its
    `forbidden_associations` (parties, sport, seduction, success, minors…), once per line, outside each
    association's `exceptions` ("fête des pères" is a date, not a party). A post that does not mention
    the product may use these words freely.""",
    why="""The law lets an alcohol advertisement describe the product, its origin and how it is made,
    never link it with celebration, performance, seduction, success or young people: that is what
    makes drinking attractive, and it is what courts sanction.""",
    example=_HEADER + f"""
Notre cidre doux met l'ambiance à toutes vos soirées entre amis.

{_MENTION}
""",
    fixed=_HEADER + f"""
Notre cidre doux est fait de pommes douces du Haut-Bois, fermentées lentement pendant deux mois.

{_MENTION}
""",
    options="tone.yml `regulated_products[].forbidden_associations` (`name`, `terms`, `exceptions`).",
)

RULES = (REQUIRED_MENTION, FORBIDDEN_ASSOCIATION)


@dataclass(frozen=True)
class Product:
    """One regulated product, ready to look for: its words, its mention's words, its associations."""

    product: RegulatedProduct
    words: TermIndex
    mention: tuple[str, ...]  # the required mention's word keys
    associations: TermIndex


def prepare(playbook: Playbook) -> tuple[Product, ...]:
    return tuple(
        Product(product, TermIndex(((term, product) for term in product.terms),
                                   ((phrase, product) for phrase in product.exceptions)),
                _word_keys(tokenize(product.required_mention)) if product.required_mention else (),
                _associations(product.forbidden_associations))
        for product in playbook.tone.regulated_products
    )


def _associations(items: Sequence[GuardedTerms]) -> TermIndex:
    """Every forbidden association's words, each excused by the phrases of its own association."""
    return TermIndex(((term, item) for item in items for term in item.terms),
                     ((phrase, item) for item in items for phrase in item.exceptions))


def _word_keys(words: Sequence) -> tuple[str, ...]:
    """The keys of the words (letters, digits) in order, BREAK kept as a wall: symbols do not count."""
    keys = words.keys if isinstance(words, Tokens) else [word.key for word in words]
    return tuple(key for key in keys if key == BREAK or key[:1].isalnum())


def _carries(post_keys: tuple[str, ...], mention: tuple[str, ...]) -> bool:
    if not mention:
        return True
    sep = "\x1f"
    return sep + sep.join(mention) + sep in sep + sep.join(post_keys) + sep


def check(draft: Draft, playbook: Playbook, ctx: CheckContext,
          prepared: tuple[Product, ...] | None = None) -> Iterator[Finding]:
    products = prepared if prepared is not None else prepare(playbook)
    post_keys: tuple[str, ...] | None = None
    for item in products:
        hits = find_terms(item.words, draft)
        if not hits:
            continue
        name = item.product.name
        if item.mention:
            post_keys = _word_keys(draft.words) if post_keys is None else post_keys
            if not _carries(post_keys, item.mention):
                first = _first_in_text(draft, hits)
                yield span_finding(
                    REQUIRED_MENTION, draft, first.start, first.end,
                    ctx.lang("the post mentions {name} ('{written}') without the required mention « {mention} »",
                             name=name, written=excerpt(draft.text[first.start:first.end]),
                             mention=excerpt(item.product.required_mention or "", 90)),
                    ctx.lang("Add the mention word for word, in its own paragraph at the end of the post "
                             "(tone.yml, regulated_products)."))
        if item.associations:
            yield from _associated(draft, item, name, ctx.lang)


def _first_in_text(draft: Draft, hits: list[Hit]) -> Hit:
    """The first mention outside a title, else the first one."""
    return next((hit for hit in hits if not is_heading(draft, hit.start)), hits[0])


def _associated(draft: Draft, item: Product, name: str, lang: Language) -> Iterator[Finding]:
    lines: set[int] = set()
    for hit in find_terms(item.associations, draft):
        association = hit.payload
        loc = draft.loc_at(hit.start)
        if loc.line in lines or not isinstance(association, GuardedTerms):
            continue
        lines.add(loc.line)
        yield span_finding(
            FORBIDDEN_ASSOCIATION, draft, hit.start, hit.end,
            lang("'{written}' associates {name} with {association}, which the charter forbids",
                 written=excerpt(draft.text[hit.start:hit.end]), name=name, association=association.name),
            lang("Describe {name} by its origin, its fruit and how it is made (tone.yml, regulated_products).",
                 name=name))
