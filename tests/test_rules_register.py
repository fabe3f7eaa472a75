"""PB311: tu or vous as the charter says, never both in one post."""

from __future__ import annotations

from draft_helpers import BODY_LINE, codes, lint_body, positions, with_tone


def test_tu_in_a_vous_charter_reports_each_word():
    findings = lint_body("Tu viens ? Ton jus t'attend, avec tes amis.\n")
    assert positions(findings, "PB311") == [(BODY_LINE, 1), (BODY_LINE, 12), (BODY_LINE, 20), (BODY_LINE, 35)]
    assert findings[0].message == "'Tu' addresses the reader as 'tu'; the charter's register is 'vous'"
    assert [finding.end_column for finding in findings if finding.code == "PB311"][2] == 22  # "t'"


def test_vous_charter_near_misses():
    body = ("Venez goûter votre jus. Notre ton reste simple, le ton juste ; a-t-il plu ? "
            "« Tu es où ? » a demandé un client.\n")
    assert "PB311" not in codes(lint_body(body))


def test_ton_sur_ton_is_the_noun_twice():
    """« Ton sur ton » (one colour's shades) addresses nobody; « sur ton site » still does."""
    assert "PB311" not in codes(lint_body("Ton sur ton : nos étiquettes d'automne reprennent le vert du verger.\n"))
    assert "PB311" not in codes(lint_body("Des coffrets ton sur ton, rouge et bordeaux.\n"))
    findings = lint_body("Retrouve la recette sur ton appli préférée.\n")
    assert len(positions(findings, "PB311")) == 2  # « Retrouve » and « ton »


def test_vous_in_a_tu_charter():
    findings = lint_body("Viens goûter votre jus.\n", with_tone(register="tu"))
    assert positions(findings, "PB311") == [(BODY_LINE, 14)]
    assert "the charter's register is 'tu'" in findings[0].message


def test_mixed_post_without_charter_register_reports_the_minority():
    playbook = with_tone(register=None)
    findings = lint_body("Venez avec vos amis, vous serez bien reçus. Et toi ?\n", playbook)
    assert positions(findings, "PB311") == [(BODY_LINE, 48)]
    assert findings[0].message.startswith("the post mixes 'tu' and 'vous': 'toi' uses 'tu'")
    assert "PB311" not in codes(lint_body("Viens, ton jus t'attend.\n", playbook))


def test_english_posts_are_not_checked():
    assert "PB311" not in codes(lint_body("You and your friends: tu casa.\n", language="en"))
