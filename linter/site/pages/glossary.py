"""The glossary: the playbook's jargon in plain French, linked from the first use on each page.

A new employee meets « astreinte », « palier » or « UTM » on the first page they open; each of
these words links, the first time it appears on a page, to its definition here. The words are
the site's own (every sample playbook uses them), so the list lives in the code, in French.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.site.markup import slug
from linter.site.pages import common

PATH = "glossaire.md"


@dataclass(frozen=True)
class Term:
    name: str
    pattern: str  # a regular expression for the word as it appears in running text
    definition: str  # Markdown, our own text

    @property
    def anchor(self) -> str:
        return f"terme-{slug(self.name)}"


TERMS: tuple[Term, ...] = (
    Term("Astreinte", r"astreintes?",
         "Période, en dehors de ses horaires de travail, pendant laquelle une personne peut être appelée et "
         "s'engage à agir dans un délai convenu (lire les messages, répondre, prévenir les autres). Qui est "
         f"d'astreinte et quand\u202f: page [Astreinte]({common.COVERAGE})."),
    Term("Bad buzz", r"bad[ -]buzz",
         "Critique ou polémique qui se répand vite en ligne et menace la réputation de l'entreprise. Plus on "
         f"réagit tôt, plus on a de chances de l'arrêter\u202f: voir le [plan de crise]({common.CRISIS})."),
    Term("Chaîne d'alerte", r"cha[iî]nes? d['’]alerte",
         "L'ordre dans lequel prévenir les personnes quand une crise commence, et à quel moment chacune "
         "entre en jeu."),
    Term("Animateur de communauté", r"animat(?:eur|rice)s? de communauté|community managers?",
         "En anglais *community manager*\u202f: la personne qui tient les comptes de l'entreprise sur les "
         "réseaux sociaux. Elle publie, répond au public et surveille ce qui se dit de nous."),
    Term("Hashtag", r"hashtags?",
         "Mot précédé du signe #, qui range une publication dans un sujet que d'autres personnes suivent "
         "(#Bretagne). Chaque canal en limite le nombre."),
    Term("Loi Évin", r"loi [EÉ]vin",
         "Loi française de 1991 qui encadre la publicité pour les boissons alcoolisées, cidre compris\u202f: "
         "elle limite ce qu'on peut en dire (origine, composition, façon de les produire, goût) et impose un "
         "message de prévention. Elle interdit par exemple d'associer l'alcool au sport, à la fête ou à la "
         "réussite."),
    Term("Message d'attente", r"messages? d['’]attente",
         "Texte prêt à publier dès le début d'une crise, pour dire que nous avons vu le problème et que nous "
         "vérifions les faits, avant d'en dire plus."),
    Term("Palier", r"paliers?",
         "Niveau d'ambition d'un objectif\u202f: les objectifs du palier 1 sont les fondations (répondre, se "
         "faire connaître), ceux des paliers suivants s'appuient sur eux."),
    Term("Permanence", r"permanences?",
         "Plage de travail pendant laquelle une personne de l'équipe surveille les canaux et répond au public "
         "dans le délai promis."),
    Term("UTM", r"(?-i:UTM)",
         "Paramètres ajoutés à la fin d'un lien vers notre site (`utm_source`, `utm_medium`, "
         "`utm_campaign`)\u202f: ils disent, dans les statistiques du site, de quel réseau et de quelle "
         "campagne vient chaque visite."),
)


def render() -> str:
    out = ["# Glossaire",
           "Les mots du métier qu'emploie ce site, expliqués simplement. Sur chaque page, la première "
           "apparition de ces mots renvoie ici."]
    for term in sorted(TERMS, key=lambda item: slug(item.name)):
        out.append(f"## {term.name} {{#{term.anchor}}}")
        out.append(term.definition)
    return "\n\n".join(out) + "\n"


def compiled() -> list[tuple[re.Pattern[str], str]]:
    """(pattern, anchor) for each term; case-insensitive, whole words only."""
    return [(re.compile(rf"(?<![\w/?&=.:@#-])(?:{term.pattern})(?![\w/?&=@-])", re.IGNORECASE), term.anchor)
            for term in TERMS]


__all__ = ["PATH", "TERMS", "Term", "compiled", "render"]
