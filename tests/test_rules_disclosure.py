"""PB319: a sponsored post shows one of the charter's disclosure markers."""

from __future__ import annotations

from draft_helpers import codes, lint_body, positions, with_tone


def test_sponsored_without_marker_points_at_the_field():
    findings = lint_body("Nos jus sont servis au café Le Quai.\n", sponsored="true")
    assert positions(findings, "PB319") == [(6, 12)]
    assert findings[0].severity.value == "error"
    assert findings[0].message.startswith("the post is sponsored but shows none of the disclosure markers (#publicité")


def test_markers_in_any_case_or_accent():
    assert "PB319" not in codes(lint_body("#PUBLICITE Nos jus au café.\n", sponsored="true"))
    assert "PB319" not in codes(lint_body("Nos jus au café. #Partenariat\n", sponsored="true"))
    plain = with_tone(disclosure_markers=("Partenariat rémunéré",))
    assert "PB319" not in codes(lint_body("Partenariat rémunéré : nos jus au café.\n", plain, sponsored="true"))


def test_near_misses():
    assert "PB319" not in codes(lint_body("Nos jus au café.\n"))  # not sponsored
    assert "PB319" not in codes(lint_body("Nos jus au café.\n", sponsored="false"))
    findings = lint_body("Un partenariat avec le café, `#partenariat`.\n", sponsored="true")
    assert positions(findings, "PB319") == [(6, 12)]  # the word alone or in code is not the marker
    assert "PB319" not in codes(lint_body("Our juices at the café. #ad\n", sponsored="true", language="en"))
