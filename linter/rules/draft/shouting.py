"""PB313 shouting (words in capitals) and PB314 repeated punctuation (!!, ?!?).

Both are the written form of raising one's voice. Capitals are counted per post against the
charter's allowance, with its list of acronyms (AOP, TVA…) excepted, and what is in capitals by
nature rather than by tone (common acronyms, codes, surnames beside their first name: see
linter.rules.draft._capitals); a run of exclamation or question marks is reported wherever it
appears and fixed by keeping one mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from itertools import compress, count
from typing import TYPE_CHECKING, NamedTuple

from linter.core.context import CheckContext
from linter.core.findings import Finding, Fix, Severity
from linter.core.rule import rule
from linter.drafts.tokens import fold, is_capitalised_word, span_of, texts_of
from linter.rules.draft._capitals import COMMON_ACRONYMS, first_names, in_a_name, is_code
from linter.rules.draft._common import Memo, span_finding

if TYPE_CHECKING:
    from linter.drafts.parse import Draft
    from linter.playbook.model import Playbook

DEFAULT_MAX_CAPS_WORDS = 2
# Two marks or more, or one of the double-mark characters. Written so that the pattern starts
# with a character set: the engine then skips to the next mark at C speed (the plain
# alternation `[!?‼⁇⁈⁉]{2,}|[‼⁇⁈⁉]` tried both branches at every character, 5x slower).
_REPEATED = re.compile(r"[!?‼⁇⁈⁉](?:[!?‼⁇⁈⁉]+|(?<=[‼⁇⁈⁉]))")
_SINGLE = {"‼": "!", "⁇": "?", "⁈": "?", "⁉": "!"}

_HEADER = """---
channel: facebook
kind: information
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
---"""

SHOUTING = rule(
    "PB313", "shouting", "A post has more words in capitals than the charter allows", Severity.WARNING,
    what="""Counts the words written entirely in capitals (two letters or more), except the acronyms the
    charter lists, and reports the post when there are more than `shouting.max_caps_words` (2 when the
    charter says nothing). The finding points at the first word beyond the allowance and lists them
    all.""",
    why="""On the networks, capitals read as shouting. The voice of the company stays calm, above all
    when a customer is unhappy.""",
    example=_HEADER + """
ATTENTION, la boutique de la ferme sera FERMÉE le jeudi 6 mai, jour de l'Ascension.
""",
    fixed=_HEADER + """
La boutique de la ferme sera fermée le jeudi 6 mai, jour de l'Ascension.
""",
    options="""tone.yml `shouting.max_caps_words` (the allowance per post) and `shouting.acronyms`
    (words that are always written in capitals).""",
)

REPEATED_PUNCTUATION = rule(
    "PB314", "repeated-punctuation", "A post repeats exclamation or question marks (!!, ?!?)",
    Severity.WARNING,
    what="""Reports runs of exclamation and question marks (`!!`, `???`, `?!?`, `‼`); a single `?!` is
    accepted. `--fix` keeps the first mark of the run.""",
    why="""Repeated marks sound excited or aggressive, and they make a company's message look less
    reliable: one mark says it.""",
    example=_HEADER + """
La récolte 2026 est terminée, merci à toute l'équipe\u202f!!!
""",
    fixed=_HEADER + """
La récolte 2026 est terminée, merci à toute l'équipe\u202f!
""",
    options="None.",
    fixable=True,
)

RULES = (SHOUTING, REPEATED_PUNCTUATION)


def _has_repeats(prose: str) -> bool:
    """Whether _REPEATED finds anything in ``prose``: two marks in a row, or a double mark.

    Substring tests, which run at C speed, where the pattern would test every character.
    """
    return ("!!" in prose or "??" in prose or "!?" in prose or "?!" in prose or "‼" in prose or "⁇" in prose
            or "⁈" in prose or "⁉" in prose)


class Prepared(NamedTuple):
    allowance: int
    acronyms: frozenset[str]
    """Folded: the charter's and the common ones."""
    names: frozenset[str]
    """The first names beside which capitals are a surname."""
    shouted: Memo[str, bool]
    """A memo, token as written -> whether it is a word in capitals that is neither an acronym nor a
    code (``_shouted``): what only the token tells, asked once per token as written."""


def prepare(playbook: Playbook) -> Prepared:
    """What the rule reads of the playbook, read once per run, not once per draft."""
    tone = playbook.tone
    allowance = tone.max_caps_words if tone.max_caps_words is not None else DEFAULT_MAX_CAPS_WORDS
    acronyms = COMMON_ACRONYMS | {fold(acronym) for acronym in tone.acronyms}
    return Prepared(allowance, acronyms, first_names(person.name for person in playbook.roles.people),
                    Memo(partial(_shouted, acronyms)))


def _shouted(acronyms: frozenset[str], text: str) -> bool:
    """A word token in capitals (two letters or more, so its fold is fold(text)), not an acronym nor a code."""
    return is_capitalised_word(text) and fold(text) not in acronyms and not is_code(text)


def check(draft: Draft, playbook: Playbook, ctx: CheckContext, prepared: Prepared | None = None
          ) -> Iterator[Finding]:
    prepared = prepared or prepare(playbook)
    allowance, names, shouted = prepared.allowance, prepared.names, prepared.shouted
    texts = texts_of(draft.words)
    upper = compress(count(), map(str.isupper, texts))  # C-level first filter
    # what the token tells, asked once per token as written, then what its neighbours tell
    capitals = [index for index in upper if shouted[texts[index]] and not in_a_name(texts, index, names)]
    if len(capitals) > allowance:
        first_start, first_end = span_of(draft.words, capitals[allowance])
        lang = ctx.lang
        shown = ", ".join(dict.fromkeys(texts[index] for index in capitals))
        allowed = lang("no word") if allowance == 0 else lang.plural("{count} word", "{count} words", allowance)
        yield span_finding(
            SHOUTING, draft, first_start, first_end,
            lang("{count} words in capitals ({words}); the charter allows {allowed}", count=len(capitals), words=shown,
                 allowed=allowed),
            lang("Write them in lower case; if one is an acronym, add it to tone.yml `shouting.acronyms`."))
    if not _has_repeats(draft.prose):
        return
    text = draft.text
    for span in draft.spans:
        if span.kind != "prose":
            continue
        for match in _REPEATED.finditer(text, span.start, span.end):
            run = match.group()
            if run in ("?!", "!?"):
                continue
            keep = _SINGLE.get(run[0], run[0])
            yield span_finding(REPEATED_PUNCTUATION, draft, match.start(), match.end(),
                               ctx.lang("'{run}' repeats punctuation", run=run),
                               ctx.lang("Keep one mark: '{mark}'.", mark=keep),
                               Fix(match.start(), match.end(), keep))
