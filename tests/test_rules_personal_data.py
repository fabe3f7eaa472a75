"""PB315: no e-mail address or phone number in a post, except the official contacts."""

from __future__ import annotations

from draft_helpers import BODY_LINE, codes, lint_body, positions


def test_private_phone_and_email_fire():
    body = "Appelez Sophie au 06 12 34 56 78 ou écrivez à sophie.g@gmail.com.\n"
    findings = lint_body(body)
    assert positions(findings, "PB315") == [(BODY_LINE, 19), (BODY_LINE, 47)]
    assert findings[0].severity.value == "error"
    assert findings[0].message == "the post shows the phone number 06 12 34 56 78, which is not an official contact"
    assert findings[1].message == ("the post shows the e-mail address sophie.g@gmail.com, which is not an official "
                                   "contact")


def test_international_formats_and_mailto_links():
    body = "Our UK desk: +44 20 7946 0958, [write](mailto:jane@example.org), <paul@example.org>\n"
    findings = lint_body(body, language="en")
    assert positions(findings, "PB315") == [(BODY_LINE + 1, 14), (BODY_LINE + 1, 40), (BODY_LINE + 1, 66)]


def test_official_contacts_and_near_misses_do_not_fire():
    body = ("Écrivez à contact@pressoir-flume.example ou appelez le 02 61 91 42 17 (+33 2 61 91 42 17). "
            "Le 12/03/2027, 1 500 bouteilles, 20 000 €, commande n° 2027031245, `06 12 34 56 78`, @sophie.\n")
    assert "PB315" not in codes(lint_body(body))


def test_phone_numbers_in_odd_shapes_are_still_found():
    """Seven digits or more in a piece of prose send it to the phone library, whatever the separators."""
    for number in ("06.12.34.56.78", "06-12-34-56-78", "+33 (0)6 12 34 56 78", "0612345678", "+33612345678",
                   "06 12 34 56 78"):
        findings = lint_body(f"Appelez Sophie au {number}, merci.\n")
        assert [finding.message for finding in findings if finding.code == "PB315"] == [
            f"the post shows the phone number {number}, which is not an official contact"], number
    assert "PB315" not in codes(lint_body("Appelez Sophie au 06 12 34, merci.\n"))  # six digits: never a number
