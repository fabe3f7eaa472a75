"""PB312 French typography: a no-break space before ; : ! ? and inside « ».

French puts a (narrow) no-break space before high punctuation and inside guillemets; a normal
space there lets the line break before the "!", leaving it alone at the start of a line. The
charter chooses the narrow (U+202F) or normal (U+00A0) no-break space; either is accepted
once present, the other is only used by the fix. A mark glued to letters or digits on both sides
is notation, not prose, and is left alone — times (14:30), ratios (3:2), MAC addresses
(00:80:41:ae:fd:7e) — and so are emoticons (:-) ;)), links and code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from linter.core.context import CheckContext
from linter.core.findings import Finding, Fix, Severity
from linter.core.i18n import N_, Language
from linter.core.repeats import Tally
from linter.core.rule import rule
from linter.rules.draft._common import span_finding

if TYPE_CHECKING:
    from linter.drafts.parse import Draft
    from linter.playbook.model import Playbook

NARROW = "\u202f"
NORMAL = "\u00a0"
_SPACES = {"narrow": NARROW, "normal": NORMAL}
_NAMES = {NARROW: N_("a narrow no-break space"), NORMAL: N_("a no-break space")}
_NO_BREAK = frozenset((NARROW, NORMAL, "\u2007", "\u2060"))
_PUNCTUATION = regex.compile(r"[;:!?]|«|»")
_BEFORE_MISSING = regex.compile(r"[\p{L}\p{N}\p{M})*_»\"’]")
_EMOTICON_AFTER = frozenset(")(-|/DPpOo3")
# Where a finding can be: a "«" not followed by a no-break space, or a mark without one before
# it. A post typed correctly has none, and is then spared the per-mark checks below.
_CANDIDATE = regex.compile("«(?![\u202f\u00a0\u2007\u2060])|(?<![\u202f\u00a0\u2007\u2060])[;:!?»]")

FRENCH_SPACING = rule(
    "PB312", "french-spacing", "A French post lacks the no-break space before ; : ! ? or inside « »",
    Severity.INFO,
    what="""In posts written in French, reports a missing space or an ordinary space before `;`, `:`,
    `!`, `?` and `»`, and after `«`, when the charter asks for French spacing. `--fix` puts the
    charter's no-break space (narrow or normal) in place. A `:` or `;` glued to letters or digits on
    both sides is notation, not prose, and is ignored — times (14:30), ratios (3:2), MAC addresses
    (00:80:41:ae:fd:7e) — and so are emoticons, links and code.""",
    why="""Careful typography is part of a professional voice, and the no-break space keeps a "!" or a
    "»" from being pushed alone to the start of the next line on a phone screen.""",
    example="""
---
channel: facebook
kind: event
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
---
Portes ouvertes au pressoir samedi 13 mars, de 10 h à 17 h. Venez nombreux !
""",
    fixed="""
---
channel: facebook
kind: event
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
---
Portes ouvertes au pressoir samedi 13 mars, de 10 h à 17 h. Venez nombreux\u202f!
""",
    options="""tone.yml `typography.french_spacing` (`narrow`, `normal`, or `off` to disable); the post's
    `language` (only `fr` posts are checked).""",
    fixable=True,
)

RULES = (FRENCH_SPACING,)


def _skip(text: str, index: int, char: str) -> bool:
    """Punctuation that French spacing does not apply to."""
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if char in "!?" and before in "!?":  # "?!" — only the first mark of a run is spaced
        return True
    if char in ":;" and before.isalnum() and after.isalnum():
        return True  # 14:30, 3:2, 00:80:41:ae:fd:7e, fe80::1, a;b: notation, not prose
    if char == ":" and ":" in (before, after):
        return True  # the "::" of an IPv6 address or of code
    if char in ":;" and after in _EMOTICON_AFTER and (index + 2 >= len(text) or not text[index + 2].isalpha()):
        return True  # :-) ;) :D
    return char == ":" and text.startswith("//", index + 1)  # a scheme's "://"


_MARKED_BEFORE = ";:!?»"
_PRECEDED = tuple((mark, tuple(space + mark for space in _NO_BREAK)) for mark in _MARKED_BEFORE)
_FOLLOWED = tuple("«" + space for space in _NO_BREAK)


def _has_candidate(prose: str) -> bool:
    """Whether ``_CANDIDATE`` finds anything in ``prose``: a mark not preceded by a no-break space,
    or a « not followed by one. Each occurrence of a mark has one character before it, so the
    marks are all spaced when they are as many as the (no-break space, mark) pairs: counting
    substrings runs at C speed, where the pattern tries every character (tests/test_fast_paths.py
    checks it against the pattern)."""
    for mark, pairs in _PRECEDED:
        found = prose.count(mark)
        if found and found != sum(map(prose.count, pairs)):
            return True
    found = prose.count("«")
    return bool(found) and found != sum(map(prose.count, _FOLLOWED))


def check(draft: Draft, playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    wanted = _SPACES.get(playbook.tone.french_spacing)
    if wanted is None or not draft.language.startswith("fr") or not _has_candidate(draft.prose):
        return
    yield from _spacing(draft, wanted, ctx)


def _spacing(draft: Draft, wanted: str, ctx: CheckContext, marks: regex.Pattern[str] = _CANDIDATE
             ) -> Iterator[Finding]:
    """The findings of a French post's prose. Only the marks ``_CANDIDATE`` finds can be one (a mark
    a no-break space precedes, or a « one follows, is fine): those are the marks visited, rather
    than every mark (``_PUNCTUATION``, the tests' general way)."""
    text = draft.text
    lang = ctx.lang
    name = lang(_NAMES[wanted])
    tally = Tally(FRENCH_SPACING, draft, ctx.repeat_limit)  # "Bonjour ! " x 100,000
    for span in draft.spans:
        if span.kind != "prose":
            continue
        for match in marks.finditer(text, span.start, span.end):
            index = match.start()
            char = match.group()
            if char == "«":
                yield from _after_opening(draft, index, span.end, wanted, name, lang, tally)
                continue
            if _skip(text, index, char):
                continue
            before = text[index - 1] if index > span.start else ""
            if before in _NO_BREAK:
                continue
            if before in (" ", "\t"):
                word_before = text[index - 2] if index >= 2 else ""
                if not word_before or word_before.isspace():
                    continue  # punctuation at the start of a line or after a gap: not ours to judge
                if not tally.room(index - 1):
                    tally.skip(index - 1)
                    continue
                yield span_finding(FRENCH_SPACING, draft, index - 1, index + 1,
                                   lang("use {space} before '{mark}' instead of an ordinary space", space=name,
                                        mark=char),
                                   lang("French typography keeps the mark with the word before it."),
                                   Fix(index - 1, index, wanted))
            elif before and _BEFORE_MISSING.match(before):
                if char == "»" and before == "»":
                    continue
                if not tally.room(index):
                    tally.skip(index)
                    continue
                yield span_finding(FRENCH_SPACING, draft, index, index + 1,
                                   lang("put {space} before '{mark}'", space=name, mark=char),
                                   lang("French typography separates this mark from the word before it."),
                                   Fix(index, index, wanted))
    yield from tally.rest()


def _after_opening(draft: Draft, index: int, end: int, wanted: str, name: str, lang: Language, tally: Tally
                   ) -> Iterator[Finding]:
    text = draft.text
    after = text[index + 1] if index + 1 < end else ""
    if after in _NO_BREAK or not after:
        return
    spaced = after in (" ", "\t")
    if (spaced and (index + 2 >= end or text[index + 2].isspace())) or (not spaced and after.isspace()):
        return
    if not tally.room(index):
        tally.skip(index)
    elif spaced:
        yield span_finding(FRENCH_SPACING, draft, index, index + 2,
                           lang("use {space} after '«' instead of an ordinary space", space=name),
                           lang("French typography keeps the guillemet with the word it opens."),
                           Fix(index + 1, index + 2, wanted))
    else:
        yield span_finding(FRENCH_SPACING, draft, index, index + 1, lang("put {space} after '«'", space=name),
                           lang("French typography separates the guillemet from the word it opens."),
                           Fix(index + 1, index + 1, wanted))
