"""PB313 words in capitals beyond the allowance, PB314 repeated punctuation (fixable)."""

from __future__ import annotations

import re

from draft_helpers import BODY_LINE, apply_fixes, codes, draft_text, lint_body, lint_text, positions, with_tone
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.rules.draft import shouting


def test_capitals_beyond_the_allowance():
    findings = lint_body("ATTENTION, boutique FERMÉE lundi, SAV fermé, TVA incluse.\n")
    assert positions(findings, "PB313") == [(BODY_LINE, 21)]
    assert findings[0].message == "2 words in capitals (ATTENTION, FERMÉE); the charter allows 1 word"


def test_capitals_near_misses():
    body = "Cidre AOP et jus AB, TVA et SAV, une seule EXCEPTION, A et 4G, `CODE EN MAJUSCULES` #PROMO.\n"
    assert "PB313" not in codes(lint_body(body))


def test_default_allowance_and_english():
    playbook = with_tone(max_caps_words=None, acronyms=())
    assert "PB313" not in codes(lint_body("TWO WORDS only.\n", playbook, language="en"))
    assert positions(lint_body("THREE BIG WORDS.\n", playbook, language="en"), "PB313") == [(BODY_LINE + 1, 11)]


def test_repeated_punctuation_is_fixed():
    text = draft_text("Enfin\u202f!!! Vraiment\u202f?!? Non\u202f‼\n")
    findings = lint_text(text)
    assert positions(findings, "PB314") == [(BODY_LINE, 7), (BODY_LINE, 20), (BODY_LINE, 28)]
    assert findings[0].message == "'!!!' repeats punctuation"
    fixed = apply_fixes(text, findings)
    assert fixed.endswith("Enfin\u202f! Vraiment\u202f? Non\u202f!\n")
    assert "PB314" not in codes(lint_text(fixed))


def test_repeated_punctuation_near_misses():
    assert "PB314" not in codes(lint_body("Vraiment\u202f?! Oui\u202f! `!!` https://x.example/?a=!!b\n"))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab !?‼⁇⁈⁉.\u202f", max_size=16))
def test_the_repeated_marks_pattern_finds_what_the_plain_alternation_finds(text):
    """_REPEATED is written for speed; it must match exactly what the readable pattern matches."""
    readable = re.compile(r"[!?‼⁇⁈⁉]{2,}|[‼⁇⁈⁉]")
    assert [m.span() for m in shouting._REPEATED.finditer(text)] == [m.span() for m in readable.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab !?‼⁇⁈⁉.\n\u202f", max_size=16))
def test_the_quick_test_on_the_prose_says_whether_the_pattern_finds_repeats(text):
    assert shouting._has_repeats(text) == bool(shouting._REPEATED.search(text))
