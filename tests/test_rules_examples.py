"""Every draft rule is registered, documented, and its documented example really fires."""

from __future__ import annotations

import pytest
from draft_helpers import lint_text, sample

from linter.rules import build_registry

DRAFT_RULES = build_registry().by_scope("draft")
EXPECTED = {f"PB3{number:02d}" for number in range(1, 33)} | {"PB390", "PB391", "PB392"}


def test_every_draft_rule_is_registered():
    assert {rule.code for rule in DRAFT_RULES} == EXPECTED


@pytest.mark.parametrize("rule", DRAFT_RULES, ids=lambda rule: rule.code)
def test_documentation_is_complete(rule):
    doc = rule.doc
    assert all(len(text.strip()) > 20 for text in (doc.what, doc.why)) and doc.options.strip()
    assert doc.example_file == "drafts/example.md"
    assert doc.example.startswith("---\n") and doc.fixed.startswith("---\n")
    assert rule.name and rule.summary and rule.scope == "draft"


@pytest.mark.parametrize("rule", DRAFT_RULES, ids=lambda rule: rule.code)
def test_example_fires_and_fixed_version_is_clean(rule):
    sample()  # the sample playbook must be valid for the examples to mean anything
    example = lint_text(rule.doc.example, path="drafts/example.md")
    assert rule.code in {finding.code for finding in example}, example
    fixed = lint_text(rule.doc.fixed, path="drafts/example.md")
    assert fixed == [], fixed


@pytest.mark.parametrize("rule", [rule for rule in DRAFT_RULES if rule.fixable], ids=lambda rule: rule.code)
def test_fixable_rules_offer_a_fix_on_their_example(rule):
    example = lint_text(rule.doc.example, path="drafts/example.md")
    assert any(finding.fix is not None for finding in example if finding.code == rule.code)
