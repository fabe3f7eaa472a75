"""Shared helpers of the draft tests: the sample playbook and one draft linted in memory.

Not a test module (no ``test_`` prefix): imported by tests/test_drafts.py, tests/test_rules_*.py
and tests/test_lint_cli.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOW = "2027-03-01T08:00:00+01:00"
BODY_LINE = 7  # first body line of a draft written by draft_text() with the default fields


@functools.cache
def sample():
    """(playbook, ctx) of the sample playbook, loaded once for the whole session."""
    from linter.core.context import CheckContext
    from linter.core.i18n import Language
    from linter.playbook.loader import load_playbook
    from linter.rules import build_registry

    registry = build_registry()
    # English messages, which the rule tests read; tests/test_i18n.py checks the French ones.
    ctx = CheckContext.create(registry, now=dt.datetime.fromisoformat(NOW), lang=Language("en"))
    loaded = load_playbook(str(ROOT / "playbook"), registry, ctx)
    assert loaded.playbook is not None and not loaded.has_errors, loaded.findings
    return loaded.playbook, ctx


def draft_text(body: str, **front) -> str:
    """A draft file: front matter (sample defaults, overridable; None drops a field) then ``body``."""
    fields = {"channel": "facebook", "kind": "information", "publish_at": "2027-03-02T10:00:00+01:00",
              "author": "sophie-guegan"}
    fields.update(front)
    lines = ["---", *(f"{key}: {value}" for key, value in fields.items() if value is not None), "---"]
    return "\n".join(lines) + "\n" + body


def lint_text(text: str, playbook=None, path: str = "drafts/test.md", per_post: bool = True):
    """Findings of one draft through the real pipeline (rules, disables, overrides), sorted."""
    from linter.core.findings import sorted_findings
    from linter.drafts.run import lint_texts

    sample_playbook, ctx = sample()
    findings = lint_texts([(path, text)], playbook or sample_playbook, ctx)
    if per_post:
        findings = [finding for finding in findings if not finding.code.startswith("PB4")]
    return sorted_findings(findings)


def lint_body(body: str, playbook=None, **front):
    return lint_text(draft_text(body, **front), playbook)


def positions(findings, code: str) -> list[tuple[int, int]]:
    """(line, column) of each finding of ``code``."""
    return [(finding.line, finding.column) for finding in findings if finding.code == code]


def codes(findings) -> set[str]:
    return {finding.code for finding in findings}


def with_tone(**changes):
    """The sample playbook with some tone.yml values changed."""
    playbook, _ = sample()
    return dataclasses.replace(playbook, tone=dataclasses.replace(playbook.tone, **changes))


def with_channel(channel_id: str, **limits):
    """The sample playbook with some limits of one channel changed."""
    playbook, _ = sample()
    channels = tuple(
        dataclasses.replace(channel, limits=dataclasses.replace(channel.limits, **limits))
        if channel.id == channel_id else channel for channel in playbook.channels)
    return dataclasses.replace(playbook, channels=channels)


def apply_fixes(text: str, findings) -> str:
    """``text`` with every fix of ``findings`` applied (non-overlapping, from the end)."""
    fixes = sorted({finding.fix for finding in findings if finding.fix is not None}, key=lambda fix: fix.start,
                   reverse=True)
    for fix in fixes:
        text = text[:fix.start] + fix.replacement + text[fix.end:]
    return text
