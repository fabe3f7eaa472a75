"""PB307-PB310 and the term engine: banned terms, terms to avoid, competitors, forbidden topics."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from draft_helpers import BODY_LINE, apply_fixes, codes, draft_text, lint_body, lint_text, positions, sample
from linter.playbook.model import BannedTerm, TermList, VocabularyEntry
from linter.drafts.tokens import TermIndex, fold, stem, tokenize


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
    assert find(["détox"], "DETOX, Détox, détoxifiant, antidétox") == [("détox", "DETOX", True), ("détox", "Détox", True)]
    assert find(["prix cassé"], "Les PRIX CASSÉS et les prix. Cassés") == [("prix cassé", "PRIX CASSÉS", False)]
    assert find(["main-d'œuvre"], "la main d’oeuvre") == [("main-d'œuvre", "main d’oeuvre", True)]


def test_longest_match_wins_and_matches_do_not_overlap():
    assert find(["jus", "jus pressé"], "jus pressé, jus") == [("jus pressé", "jus pressé", True), ("jus", "jus", True)]


def test_hashtag_and_mention_terms_match_only_tags():
    index = TermIndex([("#Concurrent", 1), ("@rival", 2)])
    from linter.drafts.parse import parse_draft

    draft, _ = parse_draft("d.md", draft_text("concurrent rival #CONCURRENT @Rival #concurrents\n"))
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
    body = "Une détoxification ? Non. `détox` https://x.example/detox #Detox, miraculeux.\n"
    assert "PB307" not in codes(lint_body(body))


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
    body = "Notre maison, nos pommes d'or, https://pomdor.example et #Pomdor.\n"
    assert "PB309" not in codes(lint_body(body))


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
def test_any_term_is_found_in_any_text_around_it(term, noise):
    """Whatever a playbook writer types as a term, it is matched literally and nothing raises."""
    index = TermIndex([(term, "payload")])
    text = f"{noise} {term} fin"
    matches = index.find(tokenize(text))
    if index and term.strip()[:1] not in ("#", "@"):
        assert any(match.payload == "payload" for match in matches)
