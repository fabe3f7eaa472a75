"""The linter's own settings: lint.yml and [tool.playbook] in pyproject.toml, and their precedence.

Precedence, lowest first: built-in defaults < pyproject.toml < playbook/lint.yml < command line.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.settings import ConfigError, Layer, Settings, find_pyproject, merge, resolve_settings
from linter.rules import build_registry

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"
ENGLISH = Language("en")  # the messages asserted are the English ones; tests/test_i18n.py reads the French


def finding(code: str, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(code, severity, "drafts/a.md", 1, 1, "m")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path) -> Path:
    """A repository folder (with .git, so the pyproject search stops here) holding the sample playbook."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "playbook", root / "playbook")
    (root / ".git").mkdir()
    return root


# -- applying settings -----------------------------------------------------------------------
def test_a_rule_severity_wins_over_a_disabled_family_and_enable_keeps_only_what_it_names():
    settings = Settings(rules={"PB305": "info", "PB306": "off"}, disable=("PB3",), enable=("PB2", "PB3", "PB4"))
    kept = settings.apply([finding("PB301"), finding("PB305"), finding("PB306"), finding("PB401"),
                           finding("PB213"), finding("PB901")])
    assert [(f.code, f.severity) for f in kept] == [("PB305", Severity.INFO), ("PB401", Severity.WARNING),
                                                   ("PB213", Severity.WARNING)]


def test_loading_and_schema_findings_cannot_be_switched_off_or_regraded():
    settings = Settings(rules={"PB101": "off", "PB004": "info"}, disable=("PB1", "PB0"), enable=("PB3",))
    kept = settings.apply([finding("PB101", Severity.ERROR), finding("PB004", Severity.ERROR)])
    assert [(f.code, f.severity) for f in kept] == [("PB101", Severity.ERROR), ("PB004", Severity.ERROR)]


def test_higher_sources_replace_lists_and_merge_rules_code_by_code():
    low = Layer("pyproject.toml", rules={"PB301": "warning", "PB302": "off"}, disable=("PB4",), enable=("PB3",),
                playbook="content/playbook", drafts="content/drafts")
    high = Layer("playbook/lint.yml", rules={"PB302": "error"}, disable=("PB312",), drafts="posts")
    settings = merge([low, high])
    assert settings.rules == {"PB301": "warning", "PB302": "error"}
    assert settings.disable == ("PB312",)
    assert settings.enable == ("PB3",)
    assert (settings.playbook, settings.drafts) == ("content/playbook", "posts")
    assert merge([low, high], playbook="cli-playbook", drafts="cli-drafts").playbook == "cli-playbook"
    assert merge([low, high], drafts="cli-drafts").drafts == "cli-drafts"


# -- reading the sources -----------------------------------------------------------------------
def test_defaults_without_any_configuration(project):
    (project / "playbook" / "lint.yml").unlink(missing_ok=True)
    settings = resolve_settings(str(project))
    assert (settings.playbook, settings.drafts, settings.rules, settings.enable, settings.disable) == \
        ("playbook", "drafts", {}, None, ())
    assert settings.sources == ()


def test_pyproject_sets_paths_relative_to_itself_and_lint_yml_overrides_it(project):
    os.rename(project / "playbook", project / "content")
    write(project / "pyproject.toml", """
        [project]
        name = "ours"

        [tool.playbook]
        disable = ["PB4"]

        [tool.playbook.paths]
        playbook = "content"
        drafts = "posts"

        [tool.playbook.rules]
        PB301 = { severity = "info" }
        PB302 = { severity = "off" }
        PB303 = { severity = "warning" }
    """)
    write(project / "content" / "lint.yml", """
        rules:
          PB303:
            severity: error
        paths:
          drafts: articles
    """)
    settings = resolve_settings(str(project))
    assert settings.sources == ("pyproject.toml", os.path.join("content", "lint.yml"))
    assert settings.playbook == "content"
    assert settings.drafts == "articles"  # lint.yml: relative to the folder holding the playbook folder
    assert settings.rules == {"PB301": "info", "PB302": "off", "PB303": "error"}
    assert settings.disable == ("PB4",)


def test_pyproject_is_found_from_a_subfolder_and_paths_stay_right(project):
    write(project / "pyproject.toml", '[tool.playbook.paths]\ndrafts = "posts"\n')
    sub = project / "posts"
    sub.mkdir()
    settings = resolve_settings(str(sub))
    assert settings.drafts == "."
    assert settings.playbook == "playbook"  # the default stays relative to where the command runs


def test_a_pyproject_without_a_playbook_table_is_skipped_and_the_search_stops_at_the_repository(project, tmp_path):
    write(project / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / "pyproject.toml", "[tool.playbook]\ndisable = ['PB3']\n")  # outside the repository
    assert find_pyproject(str(project)) is None


def test_a_broken_pyproject_stops_the_run_with_a_reason(project):
    write(project / "pyproject.toml", "[tool.playbook\n")
    with pytest.raises(ConfigError, match="cannot be read"):
        resolve_settings(str(project), lang=ENGLISH)


@pytest.mark.parametrize(("table", "words"), [
    ('disable = "PB301"', "is not of type 'array'"),
    ('disable = ["PB3x"]', "does not match"),
    ('colour = "red"', "Additional properties"),
    ('rules = { PB301 = { severity = "fatal" } }', "is not one of"),
])
def test_pyproject_settings_of_the_wrong_shape_stop_the_run(project, table, words):
    write(project / "pyproject.toml", f"[tool.playbook]\n{table}\n")
    with pytest.raises(ConfigError, match="settings the linter cannot use") as caught:
        resolve_settings(str(project), lang=ENGLISH)
    assert words in str(caught.value)


def test_unknown_codes_in_enable_and_disable_are_reported_where_they_are_written(project):
    write(project / "pyproject.toml", "[tool.playbook]\nenable = ['PB2', 'PB3']\ndisable = ['PB399']\n")
    write(project / "playbook" / "lint.yml", "rules: {}\ndisable:\n  - PB30\n  - PB8\n  - PB101\n")
    settings = resolve_settings(str(project))
    registry = build_registry()
    found = [(f.code, f.path, f.line, f.message)
             for check in registry.checks("config") for f in check.run(settings, registry, ENGLISH)]
    assert ("PB901", "pyproject.toml", 3, "pyproject.toml names PB399 in `disable`, which matches no rule") in found
    assert ("PB901", os.path.join("playbook", "lint.yml"), 4,
            "lint.yml names PB8 in `disable`, which matches no rule") in found
    assert [code for code, *_ in found].count("PB902") == 1  # PB101 cannot be switched off
    assert len(found) == 3


def test_the_lint_yml_schema_describes_every_property():
    schema = json.loads((ROOT / "schemas" / "lint.schema.json").read_text(encoding="utf-8"))

    def walk(node, path):
        for name, prop in node.get("properties", {}).items():
            assert prop.get("title") and prop.get("description"), f"{path}.{name} lacks a title or description"
            walk(prop, f"{path}.{name}")
        for prop in node.get("patternProperties", {}).values():
            walk(prop, path)
    walk(schema, "lint")
    assert {"rules", "enable", "disable", "paths"} <= set(schema["properties"])


# -- the precedence, through the real CLI -----------------------------------------------------
BAD_DRAFT = """---
channel: facebok
kind: information
publish_at: 2030-01-08T10:00
author: camille-martin
---
Bonjour à toutes et à tous, voici nos nouvelles de la semaine.
"""


def playbook_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "PLAYBOOK_LANG": "en"}  # the messages asserted are the English ones
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "linter", *args], cwd=cwd, capture_output=True, text=True, env=env)


def codes(result) -> dict[tuple[str, str], str]:
    """Findings by (path, code), leaving out the queue rules: a starter's lone draft meets the calendar."""
    return {(f["path"], f["code"]): f["severity"] for f in json.loads(result.stdout)["findings"]
            if not f["code"].startswith("PB4")}


@pytest.fixture
def moved(tmp_path) -> Path:
    """A starter whose playbook and drafts live under contenu/, with a faulty draft."""
    root = tmp_path / "depot"
    assert playbook_cli(tmp_path, "init", str(root)).returncode == 0
    (root / ".git").mkdir()
    (root / "contenu").mkdir()
    os.rename(root / "playbook", root / "contenu" / "playbook")
    os.rename(root / "drafts", root / "contenu" / "brouillons")
    (root / "contenu" / "playbook" / "lint.yml").write_text("rules: {}\n", encoding="utf-8")
    write(root / "contenu" / "brouillons" / "mauvais.md", BAD_DRAFT)
    return root


def test_without_settings_the_moved_folders_are_not_found(moved):
    result = playbook_cli(moved, "check")
    assert result.returncode == 2
    assert "playbook folder not found: playbook" in result.stderr


def test_pyproject_paths_are_used_by_validate_lint_and_check_from_any_subfolder(moved):
    write(moved / "pyproject.toml",
          '[tool.playbook.paths]\nplaybook = "contenu/playbook"\ndrafts = "contenu/brouillons"\n')
    assert playbook_cli(moved, "validate", "--strict").returncode == 0
    result = playbook_cli(moved, "check", "--format", "json")
    assert result.returncode == 1
    assert codes(result) == {(os.path.join("contenu", "brouillons", "mauvais.md"), "PB302"): "error"}
    inside = playbook_cli(moved / "contenu" / "brouillons", "lint", "--format", "json")
    assert codes(inside) == {(os.path.join(".", "mauvais.md"), "PB302"): "error"}


def test_lint_yml_overrides_pyproject_and_the_command_line_overrides_both(moved):
    write(moved / "pyproject.toml", """
        [tool.playbook]
        disable = ["PB3"]

        [tool.playbook.paths]
        playbook = "contenu/playbook"
        drafts = "contenu/brouillons"
    """)
    draft = os.path.join("contenu", "brouillons", "mauvais.md")
    assert codes(playbook_cli(moved, "check", "--format", "json")) == {}  # the family is off
    lint_yml = moved / "contenu" / "playbook" / "lint.yml"
    write(lint_yml, "rules:\n  PB302:\n    severity: warning\n")
    result = playbook_cli(moved, "check", "--format", "json")
    assert result.returncode == 0 and codes(result) == {(draft, "PB302"): "warning"}  # one rule back, re-graded
    write(lint_yml, "rules: {}\ndisable: []\npaths:\n  drafts: ailleurs\n")  # replaces pyproject's list and folder
    result = playbook_cli(moved, "check", "--format", "json")
    # lint.yml's drafts folder wins (relative to the folder holding the playbook folder), and does not exist
    assert codes(result) == {(os.path.join("contenu", "ailleurs"), "PB001"): "error"}
    result = playbook_cli(moved, "check", "--format", "json", os.path.join("contenu", "brouillons"))
    assert codes(result) == {(draft, "PB302"): "error"}  # a folder on the command line wins over both
    other = moved / "autre"
    shutil.copytree(moved / "contenu" / "playbook", other)
    (other / "lint.yml").unlink()
    result = playbook_cli(moved, "check", "--format", "json", "--playbook", "autre")
    assert codes(result) == {}  # --playbook wins: its (absent) lint.yml does not apply, pyproject's disable does


def test_a_broken_pyproject_exits_2_with_the_reason_and_a_hint(moved):
    write(moved / "pyproject.toml", "[tool.playbook]\ndisable = 'PB3'\n")
    result = playbook_cli(moved, "check")
    assert result.returncode == 2
    assert "pyproject.toml has settings the linter cannot use: [tool.playbook.disable]: 'PB3' is not of type 'array'" \
        in result.stderr
    assert result.stderr.count("hint:") == 1


def test_unknown_codes_in_the_settings_are_findings_at_their_line(moved):
    write(moved / "pyproject.toml",
          '[tool.playbook]\ndisable = ["PB399"]\n\n[tool.playbook.paths]\nplaybook = "contenu/playbook"\n')
    result = playbook_cli(moved, "validate", "--format", "json")
    assert result.returncode == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["code"], finding["path"], finding["line"]) == ("PB901", "pyproject.toml", 2)
    assert finding["message"] == "pyproject.toml names PB399 in `disable`, which matches no rule"
