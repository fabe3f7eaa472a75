"""PB311 (issue #16): an imperative addresses the reader too, without any pronoun.

"Retrouve la liste…" in a vous charter is tu; "Retrouvez" is vous wherever it stands. The tu form
is also the first and third person, and some are nouns, so it only counts where a clause starts
and, for those nouns, before what follows a verb.
"""

from __future__ import annotations

from draft_helpers import BODY_LINE, codes, lint_body, positions, with_tone

NNBSP = "\u202f"


def test_tu_imperatives_in_a_vous_charter():
    cases = {
        "Retrouve la liste de nos revendeurs sur notre site.": 1,
        "Boutique fermée jeudi, passe plutôt vendredi.": 24,
        f"Découvre notre nouveau jus pomme-rhubarbe{NNBSP}!": 1,
        "N'hésite pas à nous écrire.": 3,
        "Ne rate pas la fête du verger samedi.": 4,
        "Commande la tienne en ligne.": 1,
        "🍎 Viens goûter le jus de la saison.": 3,
        "Passe nous voir à la boutique de la ferme.": 1,
        "Offre-lui un coffret pour la fête des pères.": 1,
    }
    for sentence, column in cases.items():
        assert positions(lint_body(sentence + "\n"), "PB311") == [(BODY_LINE, column)], sentence


def test_the_same_words_as_nouns_or_other_persons_are_not_imperatives():
    innocent = [
        "Commande passée avant midi, livrée le lendemain.",
        f"Offre spéciale{NNBSP}: trois jus pour 12 €.",
        f"Mets de saison{NNBSP}: tarte aux pommes et jus chaud.",
        "Cours de cuisine samedi à la boutique.",
        "Yannick goûte le jus de la première cuve.",
        f"«{NNBSP}Goûte ça{NNBSP}!{NNBSP}», nous a dit Yannick en souriant.",
        f"Note{NNBSP}: la boutique ferme à 18 h.",
        f"«{NNBSP}Je les ai plantés en 1998{NNBSP}», raconte Jean-Luc.",
        "Le cidre, imagine Yannick, pourrait vieillir en fût.",
        "Yannick n'hésite pas à goûter chaque cuve.",
        "Réserve naturelle de la vallée de la Flume.",
        f"Partage des tâches{NNBSP}: Yannick au verger, Sophie à la boutique.",
        "File d'attente courte ce matin à la boutique.",
        "Venez goûter le jus de poire, vous aussi.",
    ]
    for sentence in innocent:
        assert "PB311" not in codes(lint_body(sentence + "\n")), sentence


def test_vous_imperatives_count_for_a_tu_charter_and_in_a_mixed_post():
    tu = with_tone(register="tu")
    assert positions(lint_body("Passez nous voir, tu ne seras pas déçu.\n", tu), "PB311") == [(BODY_LINE, 1)]
    free = with_tone(register=None)
    findings = lint_body("Venez goûter, retrouvez nos jus. Viens voir le verger.\n", free)
    assert positions(findings, "PB311") == [(BODY_LINE, 34)]  # "Viens", the minority register
