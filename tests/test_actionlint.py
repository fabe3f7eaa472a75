"""actionlint (with shellcheck on every `run:` script) on the composite action and the starter's workflow.

actionlint checks workflows; a composite action's metadata is checked when a workflow uses it
(`uses: ./`), and its steps' expressions and scripts are checked here by wrapping them in a
reusable workflow with the same inputs, so that a misspelt `inputs.x` or a shell mistake is
caught as it would be in a workflow. Both binaries come from the test extra (wheels on PyPI).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ACTIONLINT = str(BIN / "actionlint")
SHELLCHECK = str(BIN / "shellcheck")


def actionlint(repo: Path) -> subprocess.CompletedProcess:
    """Every workflow of ``repo``, checked the way actionlint runs in a project."""
    return subprocess.run([ACTIONLINT, "-no-color", "-oneline", f"-shellcheck={SHELLCHECK}", "-pyflakes="],
                          cwd=repo, capture_output=True, text=True)


def workflow(repo: Path, name: str, content: dict) -> None:
    folder = repo / ".github" / "workflows"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")


def action_repo(tmp_path: Path, action_text: str) -> Path:
    """A repository holding the action, a workflow using it with every input, and its steps wrapped."""
    repo = tmp_path / "action"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "action.yml").write_text(action_text, encoding="utf-8")
    action = yaml.safe_load(action_text)
    inputs = action["inputs"]
    workflow(repo, "use.yml", {
        "name": "use", "on": {"pull_request": None},
        "jobs": {"check": {"runs-on": "ubuntu-latest", "permissions": {"contents": "read"}, "steps": [
            {"uses": "actions/checkout@v5", "with": {"fetch-depth": 0}},
            {"id": "playbook", "uses": "./", "with": {name: spec.get("default", "") or "x" for name, spec in
                                                       inputs.items()}},
            {"run": 'echo "${{ steps.playbook.outputs.sarif }} ${{ steps.playbook.outputs.site-dir }}"'}]}}})
    workflow(repo, "steps.yml", {
        "name": "the action's steps", "on": {"workflow_call": {"inputs": {
            name: {"type": "string", "default": str(spec.get("default", ""))} for name, spec in inputs.items()}}},
        "jobs": {"steps": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}}})
    return repo


def test_tools_are_the_real_ones():
    assert "actionlint" in subprocess.run([ACTIONLINT, "-version"], capture_output=True, text=True).stdout
    assert "ShellCheck" in subprocess.run([SHELLCHECK, "--version"], capture_output=True, text=True).stdout


def test_the_composite_action_passes_actionlint_and_shellcheck(tmp_path):
    result = actionlint(action_repo(tmp_path, (ROOT / "action.yml").read_text(encoding="utf-8")))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("right", "wrong", "reported"), [
    ("${{ inputs.sarif }}", "${{ inputs.sarif }", "invalid expression"),  # an expression that does not close
    ("INPUT_SITE_DIR: ${{ inputs.site-dir }}", "INPUT_SITE_DIR: ${{ inputs.site_dir }}", "site_dir"),  # no such input
    ('"$INPUT_SITE_DIR"', "$INPUT_SITE_DIR", "SC2086"),  # an unquoted variable, for shellcheck
])
def test_a_broken_action_is_reported(tmp_path, right, wrong, reported):
    """The check above can fail: each of these mistakes in action.yml is found."""
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert right in text
    result = actionlint(action_repo(tmp_path, text.replace(right, wrong, 1)))
    assert result.returncode == 1 and reported in result.stdout, result.stdout


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_starters_workflow_passes_actionlint_and_shellcheck(tmp_path, language):
    repo = tmp_path / "starter"
    subprocess.run([sys.executable, "-m", "linter", "init", str(repo), "--language", language,
                    "--source", "git+https://example.org/team/playbook-linter.git@v0.1.0"], check=True,
                   capture_output=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    result = actionlint(repo)
    assert result.returncode == 0, result.stdout + result.stderr
    # and a mistake in it would be caught
    path = repo / ".github" / "workflows" / "playbook.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("github.base_ref", "github.base_reff"), encoding="utf-8")
    assert actionlint(repo).returncode == 1

