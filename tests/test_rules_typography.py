"""PB312: French no-break spaces before ; : ! ? and inside « », fixable."""

from __future__ import annotations

from draft_helpers import BODY_LINE, apply_fixes, codes, draft_text, lint_body, lint_text, positions, with_tone
from hypothesis import example, given, settings
from hypothesis import strategies as st

NARROW = "\u202f"


def test_ordinary_space_and_missing_space_are_fixed():
    text = draft_text("Vraiment ? Oui! «Bienvenue » : 2 ;\n")
    findings = lint_text(text)
    assert positions(findings, "PB312") == [
        (BODY_LINE, 9), (BODY_LINE, 15), (BODY_LINE, 17), (BODY_LINE, 27), (BODY_LINE, 29), (BODY_LINE, 33)]
    assert findings[0].message == "use a narrow no-break space before '?' instead of an ordinary space"
    fixed = apply_fixes(text, findings)
    assert fixed.endswith(f"Vraiment{NARROW}? Oui{NARROW}! «{NARROW}Bienvenue{NARROW}»{NARROW}: 2{NARROW};\n")
    assert "PB312" not in codes(lint_text(fixed))


def test_near_misses():
    body = (f"Rendez-vous à 14:30{NARROW}! Ratio 1:2. Super :-) ;) :D https://x.example/a?b=c "
            f"`a ; b` Quoi{NARROW}?! «\u00a0ok\u00a0»{NARROW}?\n! en début de ligne\n")
    assert "PB312" not in codes(lint_body(body))


def test_normal_no_break_space_when_the_charter_says_so():
    text = draft_text("Bonjour !\n")
    findings = lint_text(text, with_tone(french_spacing="normal"))
    assert positions(findings, "PB312") == [(BODY_LINE, 8)]
    assert findings[0].fix.replacement == "\u00a0"
    assert findings[0].message == "use a no-break space before '!' instead of an ordinary space"


def test_off_and_english_are_not_checked():
    assert "PB312" not in codes(lint_body("Bonjour !\n", with_tone(french_spacing="off")))
    assert "PB312" not in codes(lint_body("Hello! Really?\n", language="en"))


_PIECES = ["Prix", " ", "\u202f", "\u00a0", "\u2060", ":", ";", "!", "?", "«", "»", "14:30", ":-)", ";)", "https://x.fr",
           "\n", "\n\n", "`code :`", "a", "l’offre", "#tag", " : ", "«\u202f", "\u202f»", "*gras*"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
@example(["«", " ", "Prix", "\u202f»"])  # the only mark to report is the ordinary space after «
@example(["«", "Prix", "\u202f»"])
@example(["Prix", "\u2060", "!", "a", "»"])
def test_the_quick_test_on_the_prose_never_hides_a_finding(pieces):
    """Posts without a candidate mark skip the per-mark checks: the findings are those of the checks alone."""
    import re

    import pytest
    from draft_helpers import sample

    from linter.drafts.parse import parse_draft
    from linter.rules.draft import typography

    playbook, ctx = sample()
    draft = parse_draft("drafts/x.md", draft_text("".join(pieces)), playbook.organisation)
    quick = list(typography.check(draft, playbook, ctx))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typography, "_CANDIDATE", re.compile(""))  # every post goes through the checks
        assert quick == list(typography.check(draft, playbook, ctx))
    if pieces[:2] == ["«", " "] and len(pieces) == 4:
        assert [finding.code for finding in quick] == ["PB312"]


def test_notation_glued_to_letters_or_digits_is_not_prose():
    """Issue #16: a MAC address, a ratio, a time, an IPv6 address or a key:value are notation."""
    body = ("La sonde 00:80:41:AE:fd:7e de la cuve 3, photos au format 3:2, ouverture 14:30, "
            "passerelle fe80::1, réglage temp:11;hum:80 sur www.pressoir-flume.example:8080/sondes.\n")
    assert "PB312" not in codes(lint_body(body))


def test_prose_marks_near_notation_still_fire():
    findings = lint_body("Format 3:2 : parfait ! Horaires: 14:30.\n")
    assert positions(findings, "PB312") == [(BODY_LINE, 11), (BODY_LINE, 21), (BODY_LINE, 32)]
