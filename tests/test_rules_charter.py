"""The charter's rules that read tell-tale words: PB321 sensitive subjects, PB322 required mention,
PB323 forbidden association, PB324 disclosure placement, PB325 undisclosed partnership.

Each rule has cases that must fire and innocent look-alikes that must not, on the sample playbook.
"""

from __future__ import annotations

import dataclasses

import pytest
from draft_helpers import BODY_LINE, codes, lint_body, positions, sample, with_tone

MENTION = "L'abus d'alcool est dangereux pour la santé, à consommer avec modération."


# -- PB321 sensitive subjects -------------------------------------------------------------------
@pytest.mark.parametrize("body", [
    "Nous sommes en pleine négociation avec une enseigne nationale de magasins bio.",
    "Nous payons nos producteurs partenaires 310 € la tonne de pommes.",
    "Notre chiffre d'affaires 2026 atteint 7,8 millions d'euros.",
    "C'est Morgane qui goûte les cuves, car Yannick est en arrêt maladie.",
    "Le lot 2702 a peut-être un défaut de pasteurisation, nous attendons le retour du laboratoire.",
    "Nous vous dévoilons notre recette secrète.",
])
def test_each_sensitive_subject_of_the_sample_is_reported(body):
    findings = lint_body(body, channel="linkedin")
    assert positions(findings, "PB321"), findings
    message = next(finding.message for finding in findings if finding.code == "PB321")
    assert "usage charter keeps private" in message


@pytest.mark.parametrize("body", [
    "Nos jus sont vendus dans 40 épiceries d'Ille-et-Vilaine.",
    "Le pressoir est à l'arrêt pour son entretien annuel, reprise lundi.",  # "arrêt", not sick leave
    "Les saisonniers signent leur contrat le premier jour de la récolte.",
    "Nos prix s'expliquent : des fruits pressés le jour même, sans eau ni sucre ajoutés.",
    "Le numéro de lot est imprimé sur le bouchon de chaque bouteille.",
    "Notre recette de crêpes au jus de pomme, pas à pas.",
])
def test_innocent_neighbours_of_sensitive_words_are_quiet(body):
    assert "PB321" not in codes(lint_body(body, channel="linkedin"))


def test_a_subject_reported_once_per_post_and_no_longer_after_its_until_day():
    body = "Notre chiffre d'affaires progresse.\n\nLe chiffre d'affaires 2026 sera détaillé en avril.\n"
    assert positions(lint_body(body, channel="linkedin"), "PB321") == [(BODY_LINE, 7)]
    after = lint_body(body, channel="linkedin", publish_at="2027-04-06T10:00:00+02:00")
    assert "PB321" not in codes(after)


def test_a_subject_written_as_a_sentence_is_not_checked():
    playbook, _ = sample()
    plain = dataclasses.replace(playbook.charter.subjects[0], terms=())
    charter = dataclasses.replace(playbook.charter, subjects=(plain,))
    quiet = dataclasses.replace(playbook, charter=charter)
    assert "PB321" not in codes(lint_body("Nous sommes en négociation avec une enseigne.", quiet))


# -- PB322 required mention, PB323 forbidden association ----------------------------------------
def test_a_cider_post_without_the_health_message_is_reported_on_its_first_mention():
    body = "Nos pommes sont pressées à Pacé.\n\nLes cuves de cidre finissent leur fermentation. #Cidre\n"
    findings = lint_body(body)
    assert positions(findings, "PB322") == [(BODY_LINE + 2, 14)]
    assert "without the required mention « L'abus d'alcool" in findings[0].message


@pytest.mark.parametrize("mention", [
    MENTION,
    "*L'abus d'alcool est dangereux pour la santé, à consommer avec modération.*",
    "> L'ABUS D'ALCOOL EST DANGEREUX POUR LA SANTE. A consommer avec moderation",
    "L’abus d’alcool est dangereux pour la santé, à consommer\navec modération.",
])
def test_the_health_message_counts_whatever_its_case_punctuation_or_emphasis(mention):
    findings = lint_body(f"Notre cidre brut est fait de neuf variétés de pommes.\n\n{mention}\n")
    assert "PB322" not in codes(findings)


@pytest.mark.parametrize("body", [
    "Une vinaigrette au vinaigre de cidre et au jus de pomme.",  # a condiment, not the drink
    "Les pommes à cidre tombent d'elles-mêmes à maturité.",
    "Le jus pomme-poire est de retour, bien frais.",  # "poire" is no "poiré"
    "Un mois de janvier aux boissons sans alcool.",
])
def test_no_mention_needed_when_the_post_is_not_about_cider(body):
    assert not codes(lint_body(body)) & {"PB322", "PB323"}


def test_a_mention_split_across_paragraphs_does_not_count():
    body = "Notre cidre brut.\n\nL'abus d'alcool est dangereux pour la santé,\n\nà consommer avec modération.\n"
    assert "PB322" in codes(lint_body(body))


def test_the_title_is_only_used_when_the_text_names_cider_nowhere_else():
    blog = "# De la pomme au cidre\n\nBeaucoup de visiteurs nous demandent comment nous faisons notre cidre.\n"
    assert positions(lint_body(blog, channel="blog"), "PB322") == [(BODY_LINE + 2, 65)]
    title_only = "# Le cidre\n\nNos pommes arrivent.\n"
    assert positions(lint_body(title_only, channel="blog"), "PB322") == [(BODY_LINE, 6)]


@pytest.mark.parametrize(("body", "association"), [
    ("Notre cidre doux met l'ambiance à toutes vos soirées entre amis.", "la fête"),
    ("Une victoire du Stade rennais se fête avec un cidre brut.", "le sport"),
    ("Notre cidre doux est si léger que même les enfants l'adorent.", "les mineurs"),
    ("Notre cidre brut est la boisson de ceux qui réussissent.", "la réussite"),
    ("Un premier rendez-vous ? Deux verres de cidre rosé et le charme opère.", "la séduction"),
    ("Our brut cider is the life of every party.", "la fête"),
])
def test_cider_associated_with_what_the_law_forbids(body, association):
    findings = lint_body(f"{body}\n\n{MENTION}\n")
    assert positions(findings, "PB323"), findings
    assert any(association in finding.message for finding in findings if finding.code == "PB323")


@pytest.mark.parametrize("body", [
    "Le coffret de la fête des pères : deux jus et un cidre doux.",  # a date, not a party
    "Une recette de fête au jus de pomme pour les enfants.",  # no cider in the post
    "Nos 40 ans se fêtent à la ferme, avec nos jus pressés pour petits et grands.",
])
def test_innocent_association_words(body):
    text = f"{body}\n\n{MENTION}\n" if "cidre" in body else body + "\n"
    assert "PB323" not in codes(lint_body(text))


def test_one_association_finding_per_line():
    findings = lint_body(f"Notre cidre pour vos soirées, vos apéros et vos fêtes.\n\n{MENTION}\n")
    assert len(positions(findings, "PB323")) == 1


def test_the_products_come_from_the_charter_not_the_code():
    assert not codes(lint_body("Notre cidre brut est en boutique.\n", with_tone(regulated_products=())))


# -- PB324 disclosure placement, PB325 undisclosed partnership ----------------------------------
def test_a_marker_after_the_first_line_is_reported_where_it_stands():
    body = "Nos jus voyagent avec les Cars de l'Ille cet été.\n\nMerci à eux.\n\n#partenariat\n"
    findings = lint_body(body, kind="promo", sponsored="true")
    assert positions(findings, "PB324") == [(BODY_LINE + 5, 1)]
    assert "PB319" not in codes(findings)


@pytest.mark.parametrize("body", [
    "#Partenariat Nos jus voyagent avec les Cars de l'Ille.\n",
    "#publicité\n\nNos jus voyagent avec les Cars de l'Ille.\n",
    "Nos jus voyagent avec les Cars de l'Ille. #ad\n",
    "# Nos jus en voyage\n\n#partenariat avec les Cars de l'Ille.\n",  # the line after a title
])
def test_a_marker_on_the_first_line_is_fine(body):
    assert "PB324" not in codes(lint_body(body, kind="promo", sponsored="true"))


def test_a_sponsored_post_without_marker_is_pb319_alone():
    findings = lint_body("Nos jus voyagent avec les Cars de l'Ille.\n", kind="promo", sponsored="true")
    assert "PB319" in codes(findings) and "PB324" not in codes(findings)


@pytest.mark.parametrize("body", [
    "À gagner : un plateau de fromages offert par la fromagerie Le Petit Gallo.",
    "La Biscuiterie vous offre un paquet de galettes, en remerciement de notre collaboration.",
    "Un extracteur de jus tout neuf, offert par la marque Pressea. Merci à eux !",
])
def test_a_partners_gift_without_sponsored_is_reported(body):
    findings = lint_body(body + "\n", kind="event")
    assert positions(findings, "PB325"), findings


@pytest.mark.parametrize(("body", "front"), [
    ("À gagner : un coffret de nos jus, offert par le Pressoir.", {}),  # our own prize
    ("Nos producteurs partenaires ont livré les dernières pommes.", {}),
    ("Un café vous est offert à la boutique ce samedi.", {}),
    ("#Partenariat À gagner : un plateau offert par la fromagerie.", {"sponsored": "true"}),
    ("#Partenariat À gagner : un plateau offert par la fromagerie.", {}),  # disclosed, not marked
])
def test_no_partnership_to_disclose(body, front):
    assert "PB325" not in codes(lint_body(body + "\n", kind="event", **front))
