"""PB904: the repository's copies of the JSON Schemas (what editors check with) against the tool's.

`playbook init` writes schemas/*.schema.json for the editor; after an upgrade of the tool they
are old, and the editor and CI disagree. Every test runs the real command on a real starter.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOK = [sys.executable, "-m", "linter"]


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    environ = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "PLAYBOOK_"))}
    return subprocess.run([*PLAYBOOK, *args], cwd=cwd, capture_output=True, text=True,
                          env={**environ, "NO_COLOR": "1", "PLAYBOOK_LANG": "en"})


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("starter") / "equipe"
    assert run(root.parent, "init", str(root), "--source", "index").returncode == 0
    return root


@pytest.fixture
def repo(starter, tmp_path) -> Path:
    root = tmp_path / "equipe"
    shutil.copytree(starter, root)
    return root


def codes(result: subprocess.CompletedProcess) -> list[tuple[str, str, int]]:
    return [(finding["code"], finding["path"], finding["line"]) for finding in json.loads(result.stdout)["findings"]]


def test_fresh_copies_give_no_finding(repo):
    result = run(repo, "validate", "--format", "json")
    assert result.returncode == 0 and codes(result) == []


def test_an_old_copy_is_reported_on_its_file_with_the_command_that_refreshes_it(repo):
    copy = repo / "schemas" / "tone.schema.json"
    schema = json.loads(copy.read_text(encoding="utf-8"))
    schema["properties"].pop(next(iter(schema["properties"])))  # a field the old version did not know
    copy.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    result = run(repo, "validate")
    assert result.returncode == 0  # a warning: the playbook itself is fine
    assert ("schemas/tone.schema.json:1:1: warning PB904 schemas/tone.schema.json differs from the tone schema "
            "of the installed playbook tool") in result.stdout
    assert "hint: Refresh the copies with `playbook schema --export schemas` and commit them." in result.stdout
    assert run(repo, "validate", "--strict").returncode == 1
    check = run(repo, "check", "--format", "json")  # what CI and pre-commit run says it too
    assert ("PB904", "schemas/tone.schema.json", 1) in codes(check)
    # the hint's command really fixes it
    assert run(repo, "schema", "--export", "schemas").returncode == 0
    assert codes(run(repo, "validate", "--format", "json")) == []


def test_a_copy_that_is_not_json_is_reported(repo):
    (repo / "schemas" / "roles.schema.json").write_text('{"type": "object",\n', encoding="utf-8")
    result = run(repo, "validate")
    assert "schemas/roles.schema.json:1:1: warning PB904 schemas/roles.schema.json cannot be read as JSON" \
        in result.stdout


def test_formatting_differences_missing_copies_and_other_files_are_not_drift(repo):
    copy = repo / "schemas" / "tone.schema.json"
    copy.write_text(json.dumps(json.loads(copy.read_text(encoding="utf-8")), separators=(",", ":")), encoding="utf-8")
    (repo / "schemas" / "roles.schema.json").unlink()
    (repo / "schemas" / "notre-extension.schema.json").write_text("{}", encoding="utf-8")
    assert codes(run(repo, "validate", "--format", "json")) == []


def test_from_a_subfolder_the_path_and_the_hint_name_the_right_folder(repo):
    (repo / "schemas" / "crisis.schema.json").write_text("{}\n", encoding="utf-8")
    result = run(repo / "drafts", "validate", "../playbook")
    assert "../schemas/crisis.schema.json:1:1: warning PB904" in result.stdout
    assert "`playbook schema --export ../schemas`" in result.stdout


def test_a_team_can_switch_it_off(repo):
    (repo / "schemas" / "crisis.schema.json").write_text("{}\n", encoding="utf-8")
    lint = repo / "playbook" / "lint.yml"
    lint.write_text(lint.read_text(encoding="utf-8").replace("rules: {}", "rules:\n  PB904:\n    severity: \"off\""),
                    encoding="utf-8")
    assert "PB904:\n    severity: \"off\"" in lint.read_text(encoding="utf-8")
    assert codes(run(repo, "validate", "--format", "json")) == []


def test_the_tools_own_schemas_folder_is_not_a_copy():
    """In this repository schemas/ is the source the package ships: nothing to compare."""
    result = run(ROOT, "validate", "--format", "json")
    assert "PB904" not in {finding["code"] for finding in json.loads(result.stdout)["findings"]}


def test_the_rule_is_documented():
    result = run(ROOT, "explain", "PB904")
    assert result.returncode == 0
    assert result.stdout.startswith("PB904 stale-schema-copy")
    assert "playbook schema --export schemas" in result.stdout
