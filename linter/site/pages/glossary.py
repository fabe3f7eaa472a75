"""The glossary: the playbook's jargon in plain words, linked from the first use on each page.

A new employee meets « astreinte », « palier » or « UTM » on the first page they open; each of
these words links, the first time it appears on a page, to its definition here. The words are
the site's own (every sample playbook uses them), so the list lives in the code, in English, and
the catalog translates each name, pattern and definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.core.i18n import N_, Language
from linter.site.markup import slug
from linter.site.pages import common

PATH = "glossaire.md"


@dataclass(frozen=True)
class Term:
    """A word of the trade; ``name``, ``pattern`` and ``definition`` are English texts translated when shown."""

    key: str  # the anchor's id, the same in every language (links to the glossary never break)
    name: str
    pattern: str  # a regular expression for the word as it appears in running text, in each language
    definition: str  # Markdown, our own text

    @property
    def anchor(self) -> str:
        return f"terme-{self.key}"


# TRANSLATORS: a term's pattern is a regular expression matching the word in running text (its plural too);
# write an optional letter as s{0,1} rather than s? (the typography check reads a lone ? as punctuation).
TERMS: tuple[Term, ...] = (
    Term("astreinte", N_("On call"), N_(r"on[- ]call"),
         N_("Time, outside one's working hours, when a person can be called and commits to act within an agreed "
            "delay (read the messages, answer, warn the others). Who is on call and when: page [On call]({page}).")),
    Term("bad-buzz", N_("Bad buzz"), N_(r"bad[ -]buzz"),
         N_("Criticism or controversy that spreads fast online and threatens the company's reputation. The sooner we "
            "react, the better our chances of stopping it: see the [crisis plan]({page}).")),
    Term("chaine-d-alerte", N_("Alert chain"), N_(r"alert chains?"),
         N_("The order in which to warn people when a crisis begins, and when each of them steps in.")),
    Term("animateur-de-communaute", N_("Community manager"), N_(r"community managers?"),
         N_("The person who runs the company's accounts on social media. They post, answer the public and watch "
            "what is said about us.")),
    Term("hashtag", N_("Hashtag"), N_(r"hashtags?"),
         N_("A word after the # sign, which files a post under a topic other people follow (#Brittany). Each "
            "channel limits how many a post may have.")),
    Term("loi-evin", N_("Évin law"), N_(r"[EÉ]vin law|loi [EÉ]vin"),
         N_("A French law of 1991 on the advertising of alcoholic drinks, cider included: it limits what may be said "
            "about them (origin, composition, how they are made, taste) and requires a health warning. For example, "
            "it forbids linking alcohol with sport, partying or success.")),
    Term("message-d-attente", N_("Holding statement"), N_(r"holding statements?"),
         N_("A text ready to post as soon as a crisis begins, to say that we have seen the problem and are checking "
            "the facts, before saying more.")),
    Term("palier", N_("Tier"), N_(r"tiers?"),
         N_("An objective's level of ambition: the objectives of tier 1 are the foundations (answering, becoming "
            "known), those of the next tiers build on them.")),
    Term("permanence", N_("On-duty hours"), N_(r"on[ -]duty"),
         N_("Working hours during which someone in the team watches the channels and answers the public within the "
            "promised delay.")),
    Term("utm", N_("UTM"), N_(r"(?-i:UTM)"),
         N_("Parameters added at the end of a link to our website (`utm_source`, `utm_medium`, `utm_campaign`): in "
            "the website's statistics, they tell which network and which campaign each visit comes from.")),
)
_PAGES = {"astreinte": common.COVERAGE, "bad-buzz": common.CRISIS}


def render(lang: Language) -> str:
    out = ["# " + lang("Glossary"),
           lang("The words of the trade this site uses, explained simply. On every page, the first time one of these "
                "words appears, it links here.")]
    for term in sorted(TERMS, key=lambda item: slug(lang(item.name))):
        out.append(f"## {lang(term.name)} {{#{term.anchor}}}")
        out.append(lang(term.definition).format(page=_PAGES.get(term.key, "")))
    return "\n\n".join(out) + "\n"


def compiled(lang: Language) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, anchor) for each term in ``lang``; case-insensitive, whole words only."""
    return [(re.compile(rf"(?<![\w/?&=.:@#-])(?:{lang(term.pattern)})(?![\w/?&=@-])", re.IGNORECASE), term.anchor)
            for term in TERMS]


__all__ = ["PATH", "TERMS", "Term", "compiled", "render"]
