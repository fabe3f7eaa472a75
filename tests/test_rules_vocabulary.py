"""PB307-PB310 and the term engine: banned terms, terms to avoid, competitors, forbidden topics."""

from __future__ import annotations

import dataclasses

import pytest
from draft_helpers import BODY_LINE, apply_fixes, codes, draft_text, lint_body, lint_text, positions, sample
from hypothesis import example, given, settings
from hypothesis import strategies as st

from linter.drafts.tokens import TermIndex, fold, stem, tokenize
from linter.playbook.model import BannedTerm, TermList, VocabularyEntry


# -- the engine ------------------------------------------------------------------------------
def test_fold_and_stem():
    assert fold("ÉLÈVE") == fold("élève") == "eleve"
    assert fold("Œuvre") == "oeuvre"
    assert stem("gratuites") == stem("gratuit") and stem("nulle") == stem("nul") and stem("chevaux") == stem("cheval")
    assert stem("prix") != stem("pris") and stem("us") != stem("use")


def find(terms, text):
    index = TermIndex((term, term) for term in terms)
    return [(match.term, text[match.start:match.end], match.exact) for match in index.find(tokenize(text))]


def test_terms_are_literal_text_not_patterns():
    assert find(["(+*", "C++", "a.b"], "x (+*) C++ axb a.b C + +") == [
        ("(+*", "(+*", True), ("C++", "C++", True), ("a.b", "a.b", True)]
    assert find(["[a-z]+"], "abc") == []


def test_word_boundaries_case_accents_and_inflections():
    assert find(["détox"], "DETOX, Détox, détoxifiant, antidétox") == [
        ("détox", "DETOX", True), ("détox", "Détox", True)]
    assert find(["prix cassé"], "Les PRIX CASSÉS et les prix. Cassés") == [("prix cassé", "PRIX CASSÉS", False)]
    assert find(["main-d'œuvre"], "la main d’oeuvre") == [("main-d'œuvre", "main d’oeuvre", True)]


def test_longest_match_wins_and_matches_do_not_overlap():
    assert find(["jus", "jus pressé"], "jus pressé, jus") == [("jus pressé", "jus pressé", True), ("jus", "jus", True)]


def test_hashtag_and_mention_terms_match_only_tags():
    index = TermIndex([("#Concurrent", 1), ("@rival", 2)])
    from linter.drafts.parse import parse_draft

    draft = parse_draft("d.md", draft_text("concurrent rival #CONCURRENT @Rival #concurrents\n"))
    assert index.find(draft.words) == []
    assert [(span.kind, payload) for span, _, payload in index.find_tags(draft.spans)] == [
        ("hashtag", 1), ("mention", 2)]


def test_matching_stays_linear_with_many_terms():
    # 1,000 terms sharing prefixes and a pathological term: one walk over the text, whatever the list.
    terms = [f"mot{index} commun" for index in range(1000)] + ["a " * 50 + "b"]
    text = "a " * 5000 + " mot999 commun"
    assert find(terms, text)[-1][0] == "mot999 commun"


# -- the rules ---------------------------------------------------------------------------------
def test_banned_term_fires_with_reason():
    findings = lint_body("Notre cure Détox de janvier.\n")
    assert positions(findings, "PB307") == [(BODY_LINE, 12)]
    assert findings[0].severity.value == "error"
    assert findings[0].message.startswith("'Détox' is banned by the charter: Allégation de santé")
    assert (findings[0].end_line, findings[0].end_column) == (BODY_LINE, 17)


def test_banned_term_near_misses():
    body = "Une détoxification ? Non. `détox` https://x.example/detox #Detoxification, miraculeux.\n"
    assert "PB307" not in codes(lint_body(body))


def test_banned_term_inside_a_hashtag():
    findings = lint_body("Le printemps commence. #SpringDetox #Detox #Printemps\n")
    assert positions(findings, "PB307") == [(BODY_LINE, 24), (BODY_LINE, 37)]
    assert findings[0].message.startswith("#SpringDetox is banned by the charter: Allégation de santé")
    assert (findings[0].end_line, findings[0].end_column) == (BODY_LINE, 36)


def test_multiword_banned_term_across_lines_but_not_across_sentences():
    assert positions(lint_body("Le meilleur\ncidre du monde.\n"), "PB307") == [(BODY_LINE, 4)]
    assert positions(lint_body("Le meilleur. Cidre du monde.\n"), "PB307") == []


def test_term_to_avoid_is_fixed_keeping_case():
    text = draft_text("Notre nectar. NECTAR de poire. Nectar doux.\n")
    findings = lint_text(text)
    assert positions(findings, "PB308") == [(BODY_LINE, 7), (BODY_LINE, 15), (BODY_LINE, 32)]
    assert findings[0].message == "write 'jus pressé' rather than 'nectar'"
    fixed = apply_fixes(text, findings)
    assert fixed.endswith("Notre jus pressé. JUS PRESSÉ de poire. Jus pressé doux.\n")
    assert "PB308" not in codes(lint_text(fixed))


def test_inflected_term_to_avoid_is_reported_without_a_fix():
    findings = lint_body("Nos nectars et nos fournisseurs.\n")
    assert positions(findings, "PB308") == [(BODY_LINE, 5), (BODY_LINE, 20)]
    assert all(finding.fix is None for finding in findings)


def test_preferred_term_is_not_reported_and_english_is_checked_too():
    assert codes(lint_body("Notre jus pressé, de nos producteurs partenaires.\n")) == set()
    findings = lint_body("Our nectar is great.\n", language="en")
    assert positions(findings, "PB308") == [(BODY_LINE + 1, 5)]


def test_competitor_named_or_tagged():
    findings = lint_body("Contrairement à Maison Pomdor et à @vergerskerbrat.\n")
    assert positions(findings, "PB309") == [(BODY_LINE, 17), (BODY_LINE, 36)]
    assert findings[0].message == "the post names the competitor Maison Pomdor"


def test_competitor_near_misses():
    body = "Notre maison, nos pommes d'or, https://pomdor.example et #Pommedor.\n"
    assert "PB309" not in codes(lint_body(body))


@pytest.mark.parametrize("body", [
    "Merci à Jean-Yves Kerbrat, arboriculteur à Bédée, pour ses essais de haies.\n",
    "Bravo à nos saisonniers, dont Anne Kerbrat, cheffe d'équipe au tri.\n",
])
def test_a_person_who_shares_a_competitor_surname_is_not_the_competitor(body):
    """« Kerbrat » alone is listed for the Vergers Kerbrat, and is a common Breton surname: after a
    given name it names a person (held-out corpus, issue #16)."""
    assert "PB309" not in codes(lint_body(body))


@pytest.mark.parametrize("body", [
    "Nos jus ne ressemblent pas à ceux de Kerbrat.\n",
    "Comme Kerbrat, nous pressons en Ille-et-Vilaine.\n",
    "Contrairement aux Vergers Kerbrat, nous pressons le jour même.\n",
    "Merci à Anne et à la maison Kerbrat.\n",
    "Au salon, Maison Pomdor et Vergers Kerbrat étaient voisins.\n",
])
def test_the_competitor_named_alone_or_in_full_still_fires(body):
    assert "PB309" in codes(lint_body(body))


def test_competitor_inside_a_hashtag():
    findings = lint_body("Au salon avec #MaisonPomdor2027 et #Pomdor.\n")
    assert positions(findings, "PB309") == [(BODY_LINE, 15), (BODY_LINE, 36)]
    assert findings[0].message == "the post names the competitor Maison Pomdor (#MaisonPomdor2027)"


def test_forbidden_topic_names_the_topic():
    findings = lint_body("Avant les élections, votez bien.\n")
    assert positions(findings, "PB310") == [(BODY_LINE, 11)]
    assert findings[0].message == "'élections' touches the forbidden topic 'politique'"


def test_forbidden_topic_near_miss():
    assert "PB310" not in codes(lint_body("Nous avons élu notre jus préféré.\n"))


def test_terms_with_regex_characters_from_the_playbook():
    playbook, _ = sample()
    tone = dataclasses.replace(
        playbook.tone,
        banned_terms=(BannedTerm(playbook.tone.loc, term="100 % (+*) naturel?", reason=None),),
        vocabulary=(VocabularyEntry(playbook.tone.loc, use="pomme", avoid=("pom.*",)),),
        competitors=(TermList(playbook.tone.loc, name="C++ Cidres", terms=()),),
    )
    custom = dataclasses.replace(playbook, tone=tone)
    findings = lint_body("Un jus 100 % (+*) naturel? Non : pomxx, pom.* et C++ Cidres.\n", custom)
    assert positions(findings, "PB307") == [(BODY_LINE, 8)]
    assert positions(findings, "PB308") == [(BODY_LINE, 41)]
    assert positions(findings, "PB309") == [(BODY_LINE, 50)]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=25), st.text(max_size=60))
@example("\U0001d17b", "\U0001d17b")  # a lone combining mark: a word with an empty key once met the trie's end mark
def test_any_term_is_found_in_any_text_around_it(term, noise):
    """Whatever a playbook writer types as a term, it is matched literally and nothing raises."""
    index = TermIndex([(term, "payload")])
    text = f"{noise} {term} fin"
    matches = index.find(tokenize(text))
    if index and term.strip()[:1] not in ("#", "@"):
        assert any(match.payload == "payload" for match in matches)


# -- precision (issue #16): exceptions, fix: false, strict topics, invisible characters -----------
def test_exceptions_excuse_the_words_of_their_own_entry():
    index = TermIndex([("fournisseur", "vocabulary"), ("bouteille", "other")],
                      exceptions=[("fournisseur de bouteilles", "vocabulary")])
    text = "Nos fournisseurs de bouteilles, notre fournisseur de pommes, une bouteille."
    assert [text[match.start:match.end] for match in index.find(tokenize(text))] == [
        "bouteilles", "fournisseur", "bouteille"]  # "bouteilles" is not excused: another entry
    every = TermIndex([("prière", 1)], exceptions=[("prière de vous", None)])
    assert [match.term for match in every.find(tokenize("Prière de vous garer. Une prière."))] == ["prière"]


def test_fournisseur_is_fine_for_bottles_and_never_rewritten_by_fix():
    body = ("Notre fournisseur de bouteilles, une verrerie de la Sarthe, et notre fournisseur d'étiquettes.\n"
            "Nos fournisseurs de pommes aussi.\n")
    text = draft_text(body)
    findings = [finding for finding in lint_text(text) if finding.code == "PB308"]
    assert [(finding.line, finding.column) for finding in findings] == [(BODY_LINE + 1, 5)]
    assert findings[0].fix is None  # the entry says fix: false; other entries keep their fix
    assert apply_fixes(draft_text("Notre nectar.\n"), lint_body("Notre nectar.\n")).endswith("Notre jus pressé.\n")


def test_forbidden_topics_stay_quiet_on_innocent_french():
    innocent = [
        "Yannick soigne les pommiers du Haut-Bois avant le gel.",
        "Yannick soigne les jeunes pommiers, un par un.",
        "Merci pour ce mot sur l'accueil soigné de la boutique.",
        "Prière de vous garer sur le parking de l'église de Pacé.",
        "Rendez-vous place de l'Église, à Bédée, dimanche matin.",
        "La religieuse à la pomme de la pâtisserie Le Gall.",
        "Le jury a rendu son élection annuelle : médaille d'argent.",
        "Nos soigneuses et nos élus du CSE.",
        "Les conditions, dont notre politique de retour des invendus, vous sont remises sur place.",
        "Les élus du territoire sont les bienvenus : programme de la journée en ligne.",
        "En vertu de la loi Évin, le message sanitaire accompagne chaque cidre.",
        "L'abus d'alcool est dangereux pour la santé, à consommer avec modération.",
        "Nos bouteilles perdent 80 g : moins de poids dans les camions.",
        "Écrivez-nous en MP, nous répondons dans la journée.",
        "Please park by Pacé church, a five-minute walk away.",
        "Alcohol abuse is dangerous for your health; please drink responsibly.",
    ]
    for sentence in innocent:
        assert "PB310" not in codes(lint_body(sentence + "\n")), sentence


def test_forbidden_topics_still_fire_on_what_the_charter_forbids():
    cases = {
        "Avant une prière pour la récolte à venir.": "prière",
        "Notre jus soigne les petits rhumes.": "soigne",
        "À l'approche des élections municipales.": "élections",
        "La campagne électorale commence.": "électorale",
        "Le recteur bénit l'Église du bourg, une cérémonie religieuse.": "Église",
        "Notre jus renforce l'IMMUNITÉ de toute la famille.": "IMMUNITÉ",
        "Le cidre, c'est bon pour la santé !": "bon pour la santé",
        "#Prière pour nos vergers": "#Prière",
        "Nous appelons les élus à défendre nos jus lors du vote de la loi de finances.": "vote de la loi",
        "Bu après le repas, il aide à digérer et calme les maux de ventre.": "digérer",
        "Le meilleur remède contre les rhumes de l'hiver.": "remède",
        "Our apple juice boosts your immunity.": "immunity",
        "Write to your MP and ask them to vote against it.": "your MP",
    }
    for sentence, word in cases.items():
        findings = [finding for finding in lint_body(sentence + "\n") if finding.code == "PB310"]
        assert findings, sentence
        assert word in findings[0].message, (sentence, findings[0].message)


def test_strict_forms_and_accents():
    from linter.drafts.tokens import accents_agree, forms

    assert {"election", "elections"} <= forms("election")
    assert {"electorale", "electorales", "electoraux"} <= forms("electoral")
    assert {"religieuse", "religieuses"} <= forms("religieux")
    assert "soigner" not in forms("soigne") and "soign" not in forms("soigne")
    assert accents_agree("eglise", "église") and accents_agree("Église", "église")
    assert not accents_agree("soigné", "soigne") and not accents_agree("soignées", "soigne")
    assert not accents_agree("pécher", "pêcher") and accents_agree("pecher", "pêcher")


def test_words_split_by_invisible_characters_are_matched_where_they_stand():
    for invisible in ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"):
        text = draft_text(f"Notre Nec{invisible}tar de poire.\n")
        findings = [finding for finding in lint_text(text) if finding.code == "PB308"]
        assert [(finding.line, finding.column, finding.end_column) for finding in findings] == [
            (BODY_LINE, 7, 14)], repr(invisible)
        assert apply_fixes(text, findings).endswith("Notre Jus pressé de poire.\n")
    assert positions(lint_body("Une cure dé\u00adtox.\n"), "PB307") == [(BODY_LINE, 10)]
    # Between two words, or alone, an invisible character is no word of its own.
    assert find(["prix cassé"], "prix \u200b cassé") == [("prix cassé", "prix \u200b cassé", True)]


def test_a_stray_combining_mark_after_a_banned_term_neither_crashes_nor_hides_it():
    """A lone combining accent (pasted from a PDF) is a word whose key is empty: it once met the
    term index's end mark and crashed the run."""
    findings = [finding for finding in lint_text(draft_text("Notre nectar \u0301 est prêt.\n"))
                if finding.code == "PB308"]
    assert [finding.line for finding in findings] == [BODY_LINE]
