"""PB320 hashtag case: with `hashtags.case: camel`, every hashtag starts each word with a capital.

Screen readers spell out `#jusdepommebio` letter by letter but read `#JusDePommeBio` as words,
and capitals make a tag legible at a glance. We cannot know where the words of an
all-lowercase tag begin, so the checkable part of the policy is its first letter; the
charter's own disclosure markers (often lowercase by convention, like `#publicité`) are exempt.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.rule import rule
from linter.drafts.tokens import fold
from linter.rules.draft._common import span_finding

if TYPE_CHECKING:
    from linter.drafts.parse import Draft
    from linter.playbook.model import Playbook

HASHTAG_CASE = rule(
    "PB320", "hashtag-case", "A hashtag does not start with a capital while the charter asks for CamelCase",
    Severity.WARNING,
    what="""When tone.yml sets `hashtags.case: camel`, each hashtag must start every word with a capital
    letter (`#JusDePomme`, `#Rennes`). The rule reports hashtags whose first letter is lowercase. Hashtags
    listed in `disclosure_markers` are exempt.""",
    why="""Assistive technologies read a CamelCase hashtag as words and a lowercase one as a string of
    letters; the charter's choice makes every post readable by everyone and the brand's tags consistent.""",
    example="""
---
channel: instagram
kind: information
publish_at: 2027-03-03T10:00+01:00
author: gaelle-rouxel
---
Les premières fleurs de pommier sont là. #vergerbio
""",
    fixed="""
---
channel: instagram
kind: information
publish_at: 2027-03-03T10:00+01:00
author: gaelle-rouxel
---
Les premières fleurs de pommier sont là. #VergerBio
""",
    options="tone.yml `hashtags.case` (`camel` turns the rule on, `any` off) and `disclosure_markers`.",
)

RULES = (HASHTAG_CASE,)


def prepare(playbook: Playbook) -> frozenset[str]:
    return frozenset(fold(marker.lstrip("#")) for marker in playbook.tone.disclosure_markers)


def check(draft: Draft, playbook: Playbook, ctx: CheckContext, prepared: frozenset[str] | None = None
          ) -> Iterator[Finding]:
    if playbook.tone.hashtag_case != "camel":
        return
    exempt = prepared if prepared is not None else prepare(playbook)
    for span in draft.spans_of("hashtag"):
        tag = span.value
        first = next((char for char in tag if char.isalpha()), None)
        if first is None or not first.islower() or fold(tag) in exempt:
            continue
        yield span_finding(HASHTAG_CASE, draft, span.start, span.end,
                           ctx.lang("the hashtag #{tag} should start each word with a capital (the charter asks for "
                                    "CamelCase)", tag=tag),
                           ctx.lang("Write it like #JusDePomme: a capital at the start of each word."))
