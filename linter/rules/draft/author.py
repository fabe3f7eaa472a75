"""PB330 author not allowed, PB331 review missing: who may write in the company's name.

roles.yml says it: community managers post and answer, business experts support them "mais ne
publient jamais eux-mêmes", and an intern prepares drafts "relus par un membre confirmé de
l'équipe". So the author must hold a community-manager profile, and an intern's draft names in
``reviewed_by`` a confirmed member: a community manager who is not an intern and not the author.
An author the playbook does not know is PB302's business.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.drafts.parse import Draft
from linter.playbook.model import Person, Playbook
from linter.rules.draft._common import Memo

AUTHOR_NOT_ALLOWED = rule(
    "PB330", "author-not-allowed", "A draft's author holds no profile allowed to publish", Severity.ERROR,
    what="""The draft's `author` must hold at least one profile of kind `community-manager` in roles.yml.
    A person who only holds business-expert profiles (marketing, HR, management…) supports the team
    but does not publish; the finding points at the `author` field.""",
    why="""The charter says who speaks in the company's name: the community managers, trained to it and
    on duty to answer the reactions. An expert's words go through them, so that the voice stays one.""",
    example="""
---
channel: linkedin
kind: information
publish_at: 2027-03-02T10:00+01:00
author: erwan-tanguy
---
Nos jus pressés entrent dans douze nouvelles épiceries fines de Rennes ce printemps.
""",
    fixed="""
---
channel: linkedin
kind: information
publish_at: 2027-03-02T10:00+01:00
author: claire-le-gall
---
Nos jus pressés entrent dans douze nouvelles épiceries fines de Rennes ce printemps.
""",
    options="roles.yml `profiles[].kind` and `people[].roles`; the draft's `author`.",
)

REVIEW_MISSING = rule(
    "PB331", "review-missing", "An intern's draft has no review by a confirmed member of the team",
    Severity.ERROR,
    what="""When the author is an intern (`intern: true` in roles.yml), the front matter must name in
    `reviewed_by` the person who read the draft: someone of roles.yml who holds a community-manager
    profile, is not an intern and is not the author. The finding points at `author` when the field is
    missing, at `reviewed_by` when it names someone who cannot review.""",
    why="""An intern learns the professional rules with the team; a post that nobody confirmed has read
    is the one that slips a word the charter forbids, and an intern alone must never carry that.""",
    example="""
---
channel: instagram
kind: information
publish_at: 2027-03-01T10:00+01:00
author: lucas-hamon
---
Les premières fleurs de la saison sont ouvertes sur les pommiers du Haut-Bois.
""",
    fixed="""
---
channel: instagram
kind: information
publish_at: 2027-03-01T10:00+01:00
author: lucas-hamon
reviewed_by: claire-le-gall
---
Les premières fleurs de la saison sont ouvertes sur les pommiers du Haut-Bois.
""",
    options="roles.yml `people[].intern` and `roles`; the draft's `author` and `reviewed_by`.",
)

RULES = (AUTHOR_NOT_ALLOWED, REVIEW_MISSING)


def _publishes(person: Person, playbook: Playbook) -> bool:
    return any(profile is not None and profile.kind == "community-manager"
               for profile in map(playbook.profile, person.roles))


@dataclass(frozen=True)
class Prepared:
    people: dict[str, tuple[Person, bool]]
    """Each person by id (the first of an id, as ``Playbook.person`` finds it) and whether they may publish."""
    texts: Memo[tuple[Language, str], tuple[str, str]] = field(compare=False, repr=False)
    """A memo, (language, author id) -> PB330's message and hint: the same for each draft of an author."""


def prepare(playbook: Playbook) -> Prepared:
    """Who may publish, worked out once per run rather than by two walks over roles.yml per draft."""
    people: dict[str, tuple[Person, bool]] = {}
    for person in playbook.roles.people:
        people.setdefault(person.id, (person, _publishes(person, playbook)))
    return Prepared(people, Memo(partial(_not_allowed, people)))


def _not_allowed(people: dict[str, tuple[Person, bool]], key: tuple[Language, str]) -> tuple[str, str]:
    """PB330's message and hint for an author, in a language."""
    lang, author_id = key
    author = people[author_id][0]
    return (lang("{name} ({id}) holds no community-manager profile: business experts do not publish",
                 name=author.name, id=author.id),
            lang("Have a community manager write or sign the draft (roles.yml), with this person's facts."))


def check(draft: Draft, playbook: Playbook, ctx: CheckContext, prepared: Prepared | None = None
          ) -> Iterator[Finding]:
    prepared = prepared or prepare(playbook)
    known = prepared.people.get(draft.author) if draft.author else None
    if known is None:
        return
    author, publishes = known
    lang = ctx.lang
    if not publishes:
        yield AUTHOR_NOT_ALLOWED.at(draft.meta_loc("author"), *prepared.texts[lang, author.id])
    if author.intern:
        yield from _review(draft, playbook, author, lang)


def _review(draft: Draft, playbook: Playbook, author: Person, lang: Language) -> Iterator[Finding]:
    value = draft.meta.get("reviewed_by")
    if value is None:
        yield REVIEW_MISSING.at(
            draft.meta_loc("author"),
            lang("{name} is an intern and the draft names no reviewer", name=author.name),
            lang("Have a confirmed community manager read it and add `reviewed_by: <their id>` to the front matter."))
        return
    where = draft.meta_loc("reviewed_by")
    if not isinstance(value, str) or not value.strip():
        yield REVIEW_MISSING.at(where, lang("`reviewed_by` must be the id of one person of roles.yml"),
                                lang("For example `reviewed_by: claire-le-gall`."))
        return
    reviewer = playbook.person(value.strip())
    problem = None
    if reviewer is None:
        problem = lang("'{id}' is nobody in roles.yml", id=value.strip())
    elif reviewer.id == author.id:
        problem = lang("{name} cannot review their own draft", name=author.name)
    elif reviewer.intern:
        problem = lang("{name} is an intern too", name=reviewer.name)
    elif not _publishes(reviewer, playbook):
        problem = lang("{name} holds no community-manager profile", name=reviewer.name)
    if problem is not None:
        yield REVIEW_MISSING.at(where, lang("{problem}: an intern's draft is reviewed by a confirmed member of the "
                                            "team", problem=problem),
                                lang("Name a community manager who is not an intern (roles.yml) in `reviewed_by`."))
