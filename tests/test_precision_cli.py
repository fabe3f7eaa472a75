"""Issue #16 through the real CLI and real files: the charter's exceptions, `fix: false`, and
counting as each network counts, chosen per channel in channels.yml."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from draft_helpers import NOW, ROOT, draft_text

from linter.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A copy of the sample playbook; the test runs from its root, like CI does."""
    shutil.copytree(ROOT / "playbook", tmp_path / "playbook")
    (tmp_path / "drafts").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _draft_findings(result) -> list[dict]:
    """The draft rules' findings (PB3xx): the queue rules judge the calendar, not this post."""
    return [finding for finding in json.loads(result.stdout)["findings"] if finding["code"].startswith("PB3")]


def _codes(result, code: str) -> list[tuple[str, int]]:
    return [(finding["code"], finding["line"]) for finding in _draft_findings(result) if finding["code"] == code]


def test_fix_never_rewrites_a_word_the_charter_marks_fix_false(repo):
    path = repo / "drafts" / "fournisseurs.md"
    body = "Notre fournisseur de pommes, notre fournisseur de bouteilles et notre nectar.\n"
    path.write_text(draft_text(body), encoding="utf-8")
    result = run("lint", str(path), "--now", NOW, "--fix", "--format", "json")
    assert path.read_text(encoding="utf-8").endswith(
        "Notre fournisseur de pommes, notre fournisseur de bouteilles et notre jus pressé.\n")
    # Still reported, never replaced; the bottle supplier is fine.
    assert [(finding["code"], finding["column"]) for finding in _draft_findings(result)] == [("PB308", 7)]


def test_exceptions_written_in_the_playbook_are_honoured(repo):
    tone = repo / "playbook" / "tone.yml"
    text = tone.read_text(encoding="utf-8")
    tone.write_text(text.replace("  - term: miracle\n", "  - term: miracle\n    exceptions: [miracle de la nature]\n"),
                    encoding="utf-8")
    path = repo / "drafts" / "miracle.md"
    path.write_text(draft_text("Un miracle de la nature. Un jus miracle.\n"), encoding="utf-8")
    result = run("lint", str(path), "--now", NOW, "--format", "json")
    assert [(finding["code"], finding["column"]) for finding in _draft_findings(result)] == [("PB307", 33)]


def test_a_channel_chooses_how_it_counts(repo):
    """Ten emoji near X's limit: X (the default for network x) refuses it; the same post counted
    as graphemes, as the charter may choose for a house limit, passes."""
    path = repo / "drafts" / "emoji.md"
    path.write_text(draft_text("a" * 269 + " " + "🍎" * 10 + "\n", channel="x", audience="journalistes"),
                    encoding="utf-8")
    first = run("lint", str(path), "--now", NOW, "--format", "json")
    assert _codes(first, "PB303") == [("PB303", 8)]  # the body starts on line 8 (audience: adds one)
    channels = repo / "playbook" / "channels.yml"
    channels.write_text(channels.read_text(encoding="utf-8").replace(
        "      url_length: 23", "      counting: graphemes\n      url_length: 23", 1), encoding="utf-8")
    second = run("lint", str(path), "--now", NOW, "--format", "json")
    assert _codes(second, "PB303") == []


def test_an_unknown_way_of_counting_is_a_schema_finding(repo):
    channels = repo / "playbook" / "channels.yml"
    channels.write_text(channels.read_text(encoding="utf-8").replace(
        "      url_length: 23", "      counting: characters\n      url_length: 23", 1), encoding="utf-8")
    result = run("validate", "playbook", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert result.exit_code == 1
    assert any(finding["path"].endswith("channels.yml") and "counting" in json.dumps(finding) for finding in findings)
