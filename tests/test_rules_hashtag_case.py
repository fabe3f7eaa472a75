"""PB320: CamelCase hashtags when the charter asks for them."""

from __future__ import annotations

from draft_helpers import BODY_LINE, lint_body, positions, with_tone


def test_lowercase_hashtag_fires_at_its_position():
    findings = lint_body("Les fleurs sont là.\nVenez voir #vergerbio et #Rennes\n")
    assert positions(findings, "PB320") == [(BODY_LINE + 1, 12)]
    [finding] = [f for f in findings if f.code == "PB320"]
    assert "#vergerbio" in finding.message and finding.end_column == 22


def test_near_misses():
    # CamelCase, digits first, disclosure markers and a hashtag inside a URL or code do not fire
    body = ("#VergerBio #2027EnFleurs #partenariat\nVoir https://example.fr/#ancre et `#code`\n")
    assert positions(lint_body(body, sponsored="true"), "PB320") == []


def test_policy_any_turns_the_rule_off():
    assert positions(lint_body("Venez voir #vergerbio\n", playbook=with_tone(hashtag_case="any")), "PB320") == []
