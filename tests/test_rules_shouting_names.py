"""PB313 precision (issue #16): what is in capitals by nature is not shouting.

Common acronyms (INRAE, CCI, UK, EU), codes (SNCF, HT, CO2) and surnames written in capitals beside
their first name or a title, as a French programme prints them ("Claire LE GALL"); the words of a
raised voice next to them are still counted.
"""

from __future__ import annotations

import dataclasses

from draft_helpers import BODY_LINE, codes, lint_body, positions, sample

from linter.rules.draft._capitals import first_names, in_a_name, is_code


def test_names_acronyms_and_codes_are_not_shouting():
    innocent = [
        "Table ronde à 10 h 30 avec Erwan TANGUY et Claire LE GALL.",
        "Intervenants : TANGUY Erwan, directeur, et Mme LE GALL.",
        "M. MOREAU et Jean-Luc GUILLOU ouvrent la journée.",
        "Une intervention de l'INRAE sur la tavelure et les aides de la CCI pour passer en AB.",
        "Livraison par la SNCF, prix HT et TTC, CO2 compensé, RGPD respecté.",
    ]
    for sentence in innocent:
        assert "PB313" not in codes(lint_body(sentence + "\n")), sentence
    english = "Buyers from the UK and the rest of the EU: a NEW bottle.\n"
    assert "PB313" not in codes(lint_body(english, language="en"))


def test_a_raised_voice_beside_them_still_counts():
    cases = {
        "ATTENTION, boutique FERMÉE jeudi, dit Claire LE GALL.": (BODY_LINE, 21),
        "Erwan, MERCI BEAUCOUP pour tout.": (BODY_LINE, 14),  # a comma: no surname
        "Ça me PLAÎT, VRAIMENT.": (BODY_LINE, 14),  # « me » is a pronoun, not Maître
        "PROMO sur le coffret de l'INRAE, DERNIER jour.": (BODY_LINE, 34),
    }
    for sentence, where in cases.items():
        assert positions(lint_body(sentence + "\n"), "PB313") == [where], sentence


def test_first_names_of_the_playbook_people_count_too():
    playbook, _ = sample()
    person = dataclasses.replace(playbook.roles.people[0], name="Goulwena-Mai Le Du")
    roles = dataclasses.replace(playbook.roles, people=(person, *playbook.roles.people[1:]))
    custom = dataclasses.replace(playbook, roles=roles)
    body = "Avec Goulwena-Mai LE DU, notre NOUVELLE cheffe de culture.\n"
    assert "PB313" not in codes(lint_body(body, custom))
    assert {"goulwena", "mai"} <= first_names(["Goulwena-Mai Le Du"])
    assert "PB313" in codes(lint_body("Avec Goulwena LE DU, notre NOUVELLE cheffe de culture.\n"))


def test_the_pieces():
    assert is_code("SNCF") and is_code("HT") and is_code("CO2") and not is_code("PROMO")
    texts = ["Erwan", "TANGUY", ",", "LE", "GALL", "Claire"]
    assert in_a_name(texts, 1, frozenset({"erwan"}))
    assert in_a_name(texts, 3, frozenset({"claire"}))  # NOM Prénom
    assert not in_a_name(texts, 3, frozenset({"erwan"}))
