"""Words in capitals that are not shouting: acronyms, codes, and surnames written in capitals.

Why a lexicon: a word in capitals is either a raised voice (FERMÉE, PROMO) or a name that is
always written so (INRAE, SNCF, « Claire LE GALL » in a French programme), and only knowing the
word tells them apart. The charter lists its own acronyms (tone.yml `shouting.acronyms`); the
common ones every French or English post may use (institutions, legal forms, units of trade,
countries) are known here, so that a charter need not list the whole of French administration.
Words that cannot be read aloud as words (no vowel: SNCF, HT, RGPD) or that hold a digit (CO2,
B2B) are codes, never shouting.

A surname in capitals is recognised by its first name beside it, in either order ("Erwan
TANGUY", "TANGUY Erwan", "Mme LE GALL"): the first names of the playbook's people, and common
French, Breton and English first names. A word in capitals after any other word ("Boutique
FERMÉE") still counts.

Private (leading underscore): the registry skips it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from linter.drafts.tokens import fold, is_capitalised_word


def _folded(words: str) -> frozenset[str]:
    """The folded words of a list written one after the other (easier to read and to extend)."""
    return frozenset(fold(word) for word in words.split())


# Acronyms any post may use, in capitals by nature. Words that are also ordinary words in
# capitals (BIO, TOP, CAP, OK, UN, SA) are left out: written in capitals, they shout.
COMMON_ACRONYMS = _folded("""
    AB AOC AOP IGP HVE INAO INRAE INRA CCI CMA MSA SNCF RATP EDF CNIL URSSAF DGCCRF DDPP DRAAF
    ADEME FNSEA INSEE BPI CAF PAC FEADER ONU UE EU UK USA NHS OMS CEO PDG DG RH HR RSE CSE
    SAV RGPD GDPR TVA VAT HT TTC PME TPE ETI SAS SASU SARL EARL GAEC SCOP SCIC CDI CDD CFA BTS
    IUT ESAT DLC DDM DLUO QR GPS SMS PDF FAQ ISO HACCP OGM GMO UV LED USB ID TV DJ
""")

# First names beside which a word in capitals is a surname. Folded (no case, no accents).
COMMON_FIRST_NAMES = _folded("""
    Adèle Adrien Agathe Agnès Alain Alexandre Alexis Alice Aline Amandine Amélie Anaïs André Andrée
    Angèle Anne Annick Annie Antoine Armelle Arnaud Arthur Aurélie Baptiste Benjamin Benoît Bernadette
    Bernard Brigitte Bruno Camille Carole Caroline Catherine Cécile Céline Chantal Charles Charlotte
    Chloé Christian Christiane Christine Christophe Claire Claude Clément Colette Corentin Cyril Damien
    Daniel Danielle David Delphine Denis Didier Dominique Édouard Élise Élodie Émilie Emma Emmanuel
    Éric Étienne Fabien Fabrice Fanny Florence Florian François Françoise Frédéric Gabriel Gaëlle
    Gaël Gérard Gilles Guillaume Guy Hélène Henri Hervé Hugo Inès Isabelle Jacqueline Jacques Jean
    Jeanne Jérôme Joël Josiane Joseph Julie Julien Juliette Justine Karine Laura Laurence Laurent Léa
    Léo Léon Lionel Louis Louise Luc Lucas Lucie Lydie Manon Marc Marcel Margaux Marguerite Marie
    Marine Martine Mathieu Mathilde Matthieu Maxime Michel Michèle Mickaël Monique Muriel Nadia
    Nathalie Nicolas Nicole Noémie Odile Olivier Pascal Pascale Patrice Patricia Patrick Paul Pauline
    Philippe Pierre Quentin Raphaël Raymond Régis Rémi Renée René Robert Roger Romain Sandrine
    Sébastien Serge Simone Solène Sophie Stéphane Stéphanie Suzanne Sylvain Sylvie Thérèse Thierry
    Thomas Valérie Véronique Vincent Virginie Xavier Yves Yvette Yvonne Zoé
    Alan Armel Brendan Corentine Donatien Elouan Erwan Erwann Gwenaël Gwenaëlle Gwendal Katell
    Klervi Loïc Loïg Maël Maëlle Maëva Malo Morgane Nolwenn Ronan Soazig Soizic Tanguy Tristan
    Yann Yannick Yannig Yvon Gwen Enora Awen Brieuc Goulven Per Padrig Anna
    Emily Emma Jack James John Mary Michael Peter Sarah Tom William
""")

# Titles written before a surname (M. DUPONT, Mme LE GALL, Dr MARTIN).
_TITLES = frozenset({"m", "mme", "mlle", "me", "dr", "pr", "mr", "mrs", "ms"})
_LONGEST_SURNAME = 3  # words in capitals that a first name can excuse (LE GALL, DE LA ROCHE)
_VOWELS = frozenset("aeiouy")


def first_names(names: Iterable[str]) -> frozenset[str]:
    """The common first names and those of people written "First Last" (the playbook's people):
    the first word, each part of it when hyphenated ("Jean-Luc Le Gall" gives "jean" and "luc";
    a post's tokens split at hyphens too)."""
    found = set(COMMON_FIRST_NAMES)
    for name in names:
        first = name.split()[0] if name.split() else ""
        found.update(fold(part) for part in first.split("-") if part[:1].isupper())
    return frozenset(found)


def is_code(text: str) -> bool:
    """A word in capitals that reads as letters, not as a word: no vowel (SNCF, HT) or a digit (CO2)."""
    folded = fold(text)
    return any(char.isdigit() for char in folded) or not any(char in _VOWELS for char in folded)


def _is_first_name(text: str, names: frozenset[str]) -> bool:
    """A word written as a first name is ("Erwan", not "ERWAN" nor "erwan") and known as one."""
    return text[:1].isupper() and not text.isupper() and fold(text) in names


def _is_title(text: str) -> bool:
    """M, Mme, Dr… as written before a name: with its capital ("me", the pronoun, is no title)."""
    return text[:1].isupper() and fold(text) in _TITLES


def in_a_name(texts: Sequence[str], index: int, names: frozenset[str]) -> bool:
    """Whether the word in capitals at ``index`` is part of a surname beside its first name or title.

    ``texts`` are the post's tokens as written; tokens follow each other only across spaces,
    apostrophes and hyphens (any other character is a token of its own), so "Erwan TANGUY" is two
    neighbours and "Erwan, TANGUY" is not.
    """
    first = index
    while first > 0 and index - first < _LONGEST_SURNAME and is_capitalised_word(texts[first - 1]):
        first -= 1
    last = index
    while last + 1 < len(texts) and last - first + 1 < _LONGEST_SURNAME and is_capitalised_word(texts[last + 1]):
        last += 1
    before = texts[first - 1] if first > 0 else ""
    if _is_first_name(before, names) or _is_title(before):
        return True
    if before == "." and first > 1 and _is_title(texts[first - 2]):
        return True
    after = texts[last + 1] if last + 1 < len(texts) else ""
    return _is_first_name(after, names)
