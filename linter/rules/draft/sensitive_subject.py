"""PB321 sensitive subject: the usage charter names subjects nobody discusses in public.

The usage charter's ``sensitive_subjects`` (negotiations, purchase prices, unpublished results, a
colleague's health…) are sentences for people; a subject written with ``terms`` is also looked
for in every draft. Terms are phrases more than single words ("en négociation avec", "arrêt
maladie"), and the charter lists the ``exceptions`` in which they are innocent, so the rule stays
as precise as the forbidden topics of tone.yml. A subject with ``until`` stops being secret on
that day (results once published).
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.rule import rule
from linter.drafts.parse import Draft
from linter.drafts.tokens import TermIndex
from linter.playbook.model import Playbook, SensitiveSubject
from linter.rules.draft._common import excerpt, span_finding
from linter.rules.draft._terms import find_terms

_HEADER = """---
channel: linkedin
kind: information
publish_at: 2027-03-02T10:00+01:00
author: claire-le-gall
---"""

SENSITIVE_SUBJECT = rule(
    "PB321", "sensitive-subject", "A post touches a subject the usage charter keeps private", Severity.WARNING,
    what="""Reports the words of a usage-charter `sensitive_subjects` entry written with `terms`
    (ongoing negotiations, purchase prices, results before their publication, a colleague's health
    or private life, an unconfirmed quality incident, unpublished recipes), once per subject, on the
    first words that betray it, and names the subject. Matching ignores case, accents and plurals; a
    term inside one of the subject's `exceptions` does not count, and a subject with `until` is no
    longer reported in posts published from that day on.""",
    why="""The usage charter, written with the staff, names the subjects that must never leave the
    company: a word about a negotiation can break it, a colleague's sick leave is theirs to tell, and
    an unconfirmed defect announced in a reply becomes a crisis.""",
    example=_HEADER + """
Grande nouvelle\u202f: nous sommes en négociation avec une enseigne nationale pour vendre nos jus dans 120 magasins.
""",
    fixed=_HEADER + """
Nos jus pressés sont déjà vendus dans 40 épiceries et magasins bio d'Ille-et-Vilaine\u202f: la liste est sur notre site.
""",
    options="""usage-charter.yml `sensitive_subjects`: each entry written as `subject` with `terms`,
    `exceptions` and `until` (an entry written as a plain sentence is shown on the site but not
    checked).""",
)

RULES = (SENSITIVE_SUBJECT,)


def prepare(playbook: Playbook) -> TermIndex:
    """Every subject's words, each excused by the phrases of its own subject."""
    subjects = playbook.charter.subjects
    return TermIndex(((term, subject) for subject in subjects for term in subject.terms),
                     ((phrase, subject) for subject in subjects for phrase in subject.exceptions))


def check(draft: Draft, playbook: Playbook, ctx: CheckContext,
          prepared: TermIndex | None = None) -> Iterator[Finding]:
    index = prepared if prepared is not None else prepare(playbook)
    if not index:
        return
    day = draft.publish_at.date() if draft.publish_at is not None else ctx.today
    seen: set[int] = set()
    for hit in find_terms(index, draft):
        subject = hit.payload
        if not isinstance(subject, SensitiveSubject) or (subject.until is not None and day >= subject.until):
            continue
        if id(subject) in seen:  # one finding per subject: the first words that betray it
            continue
        seen.add(id(subject))
        written = draft.text[hit.start:hit.end]
        yield span_finding(SENSITIVE_SUBJECT, draft, hit.start, hit.end,
                           ctx.lang("'{written}' touches a subject the usage charter keeps private: {subject}",
                                    written=excerpt(written), subject=excerpt(subject.subject, 90)),
                           ctx.lang("Leave it out of the post; if it must be said, ask the person in charge "
                                    "(usage-charter.yml, sensitive_subjects)."))
