"""Exceptions of the charter's tell-tale words (PB321, PB323, PB325) go through the text engine.

Each sensitive subject and each forbidden association is excused by its own phrases only, as
tone.yml's lists are (linter.drafts.tokens.TermIndex, per-entry exceptions); the partnership
exceptions (our own gifts) excuse every partnership term, since they are one list.
"""

from __future__ import annotations

import dataclasses

from draft_helpers import codes, lint_body, sample

from linter.playbook.model import GuardedTerms, SensitiveSubject

MENTION = "L'abus d'alcool est dangereux pour la santé, à consommer avec modération."


def _with_subjects(*subjects: SensitiveSubject):
    playbook, _ = sample()
    charter = dataclasses.replace(playbook.charter, subjects=subjects)
    return dataclasses.replace(playbook, charter=charter)


def test_a_subjects_exception_excuses_its_own_words_only():
    loc = sample()[0].charter.loc
    custom = _with_subjects(
        SensitiveSubject(loc, subject="Les prix d'achat.", terms=("prix d'achat",),
                         exceptions=("prix d'achat des bouteilles",)),
        SensitiveSubject(loc, subject="Les fournisseurs en difficulté.", terms=("bouteilles",)),
    )
    assert "PB321" in codes(lint_body("Le prix d'achat des étiquettes baisse.\n", custom))
    findings = [f for f in lint_body("Le prix d'achat des bouteilles baisse.\n", custom) if f.code == "PB321"]
    # "prix d'achat" is excused by its subject's phrase; "bouteilles", another subject's word, is not
    assert [finding.column for finding in findings] == [21]


def test_an_associations_exception_excuses_its_own_words_only():
    playbook, _ = sample()
    product = playbook.tone.regulated_products[0]
    loc = product.loc
    associations = (GuardedTerms(loc, name="la fête", terms=("fête",), exceptions=("fête des sportifs",)),
                    GuardedTerms(loc, name="le sport", terms=("sportifs",)))
    tone = dataclasses.replace(playbook.tone, regulated_products=(
        dataclasses.replace(product, forbidden_associations=associations),))
    custom = dataclasses.replace(playbook, tone=tone)
    findings = lint_body(f"Notre cidre pour la fête des sportifs.\n\n{MENTION}\n", custom)
    messages = [finding.message for finding in findings if finding.code == "PB323"]
    assert len(messages) == 1 and "le sport" in messages[0], messages


def test_the_partnership_exceptions_excuse_the_whole_list():
    assert "PB325" not in codes(lint_body("Un coffret offert par le Pressoir aux dix premiers clients.\n"))
    assert "PB325" in codes(lint_body("Un coffret offert par la fromagerie Le Petit Gallo.\n"))
