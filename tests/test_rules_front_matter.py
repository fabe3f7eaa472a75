"""PB302: the front matter names channels, people, objectives and audiences the playbook defines."""

from __future__ import annotations

from draft_helpers import codes, lint_body, positions


def test_known_references_are_clean():
    findings = lint_body("Bonjour.\n", objective="repondre-vite", audience="grand-public")
    assert codes(findings) == set()


def test_unknown_channel_with_suggestion():
    findings = lint_body("Bonjour.\n", channel="facebok")
    assert positions(findings, "PB302") == [(2, 10)]
    finding = findings[0]
    assert finding.message == "the channel 'facebok' is not defined in the playbook"
    assert finding.hint.startswith("Did you mean 'facebook'?")


def test_unknown_channel_in_a_list_points_at_the_item():
    findings = lint_body("Bonjour.\n", channel=None, channels="[facebook, instagramme]")
    assert positions(findings, "PB302") == [(5, 22)]


def test_reserved_channel_is_not_for_posting():
    findings = lint_body("Bonjour.\n", channel="tiktok")
    assert positions(findings, "PB302") == [(2, 10)]
    assert "only reserved" in findings[0].message


def test_unknown_author_objective_audience():
    findings = lint_body("Bonjour.\n", author="sophie", objective="ventes", audience="grand-publique")
    assert positions(findings, "PB302") == [(5, 9), (6, 12), (7, 11)]
    hints = [finding.hint for finding in findings]
    assert hints[0].startswith("Did you mean 'sophie-guegan'?")
    assert hints[2].startswith("Did you mean 'grand-public'?")


def test_a_profile_is_not_an_author():
    findings = lint_body("Bonjour.\n", author="cm-relationnel")
    assert positions(findings, "PB302") == [(5, 9)]
    assert "claire-le-gall" in findings[0].hint and "sophie-guegan" in findings[0].hint


def test_near_miss_case_is_still_unknown_but_suggested():
    findings = lint_body("Bonjour.\n", channel="Facebook")
    assert positions(findings, "PB302") == [(2, 10)]
    assert findings[0].hint.startswith("Did you mean 'facebook'?")
