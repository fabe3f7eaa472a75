"""PB329 first-person singular: the community manager speaks as the company, never as "je".

tone.yml ``speak_as: company`` turns the rule on. Quotations are someone else's words and are
left alone: text between « », “ ” or straight double quotes (to the end of the paragraph when
the quotation is not closed), and Markdown quotation blocks (``>``). A countdown such as "J-7" is
not a pronoun: only "je" and "j'" before a word, "me", "m'", "moi", "mon", "ma", "mes" count in
French, and "I", "me", "my", "mine", "myself" in English. Names are not pronouns either: a
possessive capitalised inside a sentence (« Ma Petite Épicerie », a shop) or an initial ("I. Bertrand").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.rule import rule
from linter.drafts.parse import Draft
from linter.playbook.model import Playbook
from linter.rules.draft._common import span_finding, starts_sentence

_HEADER = """---
channel: linkedin
kind: information
publish_at: 2027-03-02T10:00+01:00
author: claire-le-gall
---"""

FIRST_PERSON = rule(
    "PB329", "first-person-singular", "A post speaks in the first-person singular while the charter speaks as "
    "the company", Severity.WARNING,
    what="""When tone.yml `speak_as` is `company`, reports the first-person singular outside quotations,
    once per line: « je », « j' », « me », « m' », « moi », « mon », « ma », « mes » in French, "I",
    "me", "my", "mine", "myself" in English. Words between « », “ ” or "" and in quotation blocks
    (`>`) are someone else's and are not reported, and so are names: a possessive capitalised inside a
    sentence (« Ma Petite Épicerie », a shop) and "I." before a capitalised word (an initial).""",
    why="""The charter's voice: the community manager always speaks in the company's name (« nous »),
    never in their own. A post in « je » commits one person, and the account reads as someone's
    personal page.""",
    example=_HEADER + """
Je suis fière d'annoncer que le Pressoir a reçu le trophée de l'entreprise engagée de Rennes Métropole.
""",
    fixed=_HEADER + """
Nous sommes fiers d'annoncer que le Pressoir a reçu le trophée de l'entreprise engagée de Rennes Métropole.
""",
    options="tone.yml `speak_as` (`company` turns the rule on); the draft's `language` (fr or en).",
)

RULES = (FIRST_PERSON,)

_FRENCH = re.compile(r"(?<![\w'’‘-])(?:je(?!\w)|j['’](?=\w)|moi(?!\w)|mon(?!\w)|ma(?!\w)|mes(?!\w)|me(?!\w)"
                     r"|m['’](?=\w))", re.IGNORECASE)
_ENGLISH = re.compile(r"(?<![\w'’‘-])(?:I(?:['’](?:m|ll|ve|d))?(?![\w'’])"
                      r"|(?i:me|my|mine|myself)(?![\w'’]))")
_QUOTES = re.compile(r"[«»“”\"]|\n[ \t]*\n")
_QUOTE_LINE = re.compile(r"^[ \t]{0,3}>", re.MULTILINE)


def _pattern(language: str) -> re.Pattern[str] | None:
    base = language.split("-")[0].lower()
    return _FRENCH if base == "fr" else _ENGLISH if base == "en" else None


def check(draft: Draft, playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    if playbook.tone.speak_as != "company":
        return
    pattern = _pattern(draft.language)
    if pattern is None or pattern.search(draft.prose) is None:
        return
    quoted = quotations(draft.text, draft.body_start)
    lines: set[int] = set()
    for span in draft.spans:
        if span.kind != "prose":
            continue
        for match in pattern.finditer(draft.text, span.start, span.end):
            if _inside(quoted, match.start()) or not_a_pronoun(draft.text, match):
                continue
            loc = draft.loc_at(match.start())
            if loc.line in lines:
                continue
            lines.add(loc.line)
            yield span_finding(
                FIRST_PERSON, draft, match.start(), match.end(),
                ctx.lang("'{word}' speaks in the first-person singular; the charter speaks as the company",
                         word=match.group()),
                ctx.lang("Write in the company's name (« nous », « notre », « we »); quote someone else's words "
                         "between « »."))


_INITIAL = re.compile(r"\.[ \t]+[A-Z]")
_ABBREVIATED = frozenset({"mon", "ma", "mes", "me"})


def not_a_pronoun(text: str, match: re.Match[str]) -> bool:
    """The word is part of a name, not the writer speaking: French writes a possessive or « me » in
    lower case inside a sentence, so « Ma Petite Épicerie » or « L'Épicerie de Mon Quartier » there
    is a shop's name (and « Me Durand » a lawyer's title); in English "I." before a capitalised word
    is an initial (« Photo: I. Bertrand »)."""
    word = match.group()
    if word == "I":
        return _INITIAL.match(text, match.end()) is not None
    if word.lower() in _ABBREVIATED and text.startswith(".", match.end()) and not text.startswith("..", match.end()):
        return True  # « Mon. to Sat. »: an abbreviation; no French possessive ends a sentence
    if len(word) < 2 or not word[0].isupper() or not word[1:].islower() or "'" in word or "’" in word:
        return False
    return not starts_sentence(text, match.start())


def quotations(text: str, start: int) -> list[tuple[int, int]]:
    """The (start, end) stretches of ``text`` from ``start`` on that are quotations, in order."""
    found: list[tuple[int, int]] = []
    opened: int | None = None
    closer = ""
    for mark in _QUOTES.finditer(text, start):
        char = mark.group()
        if opened is None:
            if char in "«“\"":
                opened, closer = mark.start(), {"«": "»", "“": "”", "\"": "\""}[char]
        elif char == closer or char[0] == "\n":  # closed, or a paragraph ends an unclosed quotation
            found.append((opened, mark.end()))
            opened = None
    if opened is not None:
        found.append((opened, len(text)))
    for line in _QUOTE_LINE.finditer(text, start):
        end = text.find("\n", line.start())
        found.append((line.start(), len(text) if end < 0 else end))
    found.sort()
    return found


def _inside(stretches: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in stretches)
