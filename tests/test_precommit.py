"""pre-commit: the real `pre-commit` runs our hooks in real git repositories and stops bad commits.

The hook repository is a temporary git commit of this project (pre-commit clones hook
repositories and pip-installs them, as it would from GitHub). The starter repository is made
by `playbook init --source <that folder>`, so its own .pre-commit-config.yaml installs the tool
from a local path, as a team without a package index would. PRE_COMMIT_HOME is shared by the
module so each hook environment is installed once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = str(Path(sys.executable).with_name("pre-commit"))
PLAYBOOK = [sys.executable, "-m", "linter"]
PROJECT_FILES = ("linter", "schemas", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "hatch_build.py")
BAD_DRAFT = """---
channel: facebok
kind: information
publish_at: 2030-01-08T10:00
author: camille-martin
---
Bonjour à toutes et à tous, voici nos nouvelles de la semaine.
"""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    environ = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    environ.pop("GITHUB_ACTIONS", None)
    environ.update({
        "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "TERM": "dumb",
        "PLAYBOOK_LANG": "en",  # the hooks' messages asserted here are the English ones
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        # pre-commit and the git hook it installs find `pre-commit` and `git` here.
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), environ.get("PATH", "")]),
    })
    return environ


def sh(*args: str, cwd: Path, env: dict, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def git_commit_all(repo: Path, env: dict, message: str = "commit") -> None:
    sh("git", "add", "-A", cwd=repo, env=env)
    sh("git", "commit", "-q", "--no-verify", "-m", message, cwd=repo, env=env)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> Path:
    """This project, committed to a throwaway git repository (the working tree as it is now)."""
    repo = tmp_path_factory.mktemp("hook-repo") / "playbook-linter"
    repo.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, repo / name)
    sh("git", "init", "-q", "-b", "main", cwd=repo, env=env)
    git_commit_all(repo, env, "the linter")
    return repo


@pytest.fixture
def playbook_repo(tmp_path, env, hook_repo) -> Path:
    """A team's repository, fresh from `playbook init --source <the hook repository>`, committed."""
    repo = tmp_path / "notre-playbook"
    sh(*PLAYBOOK, "init", str(repo), "--name", "Cidrerie du Val", "--source", str(hook_repo), cwd=tmp_path, env=env)
    sh("git", "init", "-q", "-b", "main", cwd=repo, env=env)
    git_commit_all(repo, env, "starter")
    return repo


def try_repo(hook_repo: Path, repo: Path, env: dict) -> subprocess.CompletedProcess:
    """Every hook of ``hook_repo`` on every file of ``repo`` (try-repo installs them afresh each time)."""
    return sh(PRE_COMMIT, "try-repo", str(hook_repo), "--all-files", cwd=repo, env=env, check=False)


def test_try_repo_passes_on_a_clean_playbook_repository(hook_repo, playbook_repo, env):
    result = try_repo(hook_repo, playbook_repo, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "playbook validate" in result.stdout and "playbook lint" in result.stdout
    assert result.stdout.count("Passed") == 2


def test_try_repo_fails_on_a_bad_draft_and_names_the_line(hook_repo, playbook_repo, env):
    (playbook_repo / "drafts" / "mauvais.md").write_text(BAD_DRAFT, encoding="utf-8")
    sh("git", "add", "drafts/mauvais.md", cwd=playbook_repo, env=env)
    result = try_repo(hook_repo, playbook_repo, env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.count("Passed") == 1 and result.stdout.count("Failed") == 1  # validate passes, lint fails
    assert "drafts/mauvais.md:2:10: error PB302 the channel 'facebok' is not defined" in result.stdout
    assert "Did you mean 'facebook'?" in result.stdout


def test_the_starters_own_config_installs_from_its_source_and_passes_on_all_files(hook_repo, playbook_repo, env):
    """The config `playbook init` wrote, as it stands, with the real `pre-commit run --all-files`."""
    config = (playbook_repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    pinned = [line.strip() for line in config.splitlines() if "additional_dependencies" in line]
    assert pinned == [f'additional_dependencies: ["playbook-linter @ {hook_repo.as_uri()}"]'] * 2
    result = sh(PRE_COMMIT, "run", "--all-files", cwd=playbook_repo, env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Passed") == 2
    # The hooks' environment is the lean install: the checks without MkDocs and its theme.
    home = Path(env["PRE_COMMIT_HOME"])
    hooks = list(home.glob("repo*/py_env-*/bin/playbook"))
    assert hooks, sorted(str(path) for path in home.glob("repo*/*"))
    for playbook in hooks:
        assert not playbook.with_name("mkdocs").exists()
    (playbook_repo / "drafts" / "mauvais.md").write_text(BAD_DRAFT, encoding="utf-8")
    sh("git", "add", "drafts/mauvais.md", cwd=playbook_repo, env=env)
    result = sh(PRE_COMMIT, "run", "--all-files", cwd=playbook_repo, env=env, check=False)
    assert result.returncode == 1
    assert "drafts/mauvais.md:2:10: error PB302 the channel 'facebok' is not defined" in result.stdout


def test_the_starters_own_config_stops_bad_commits(playbook_repo, env):
    """`pre-commit install` with the config `playbook init` wrote: bad commits are refused, a good one passes."""
    sh(PRE_COMMIT, "install", cwd=playbook_repo, env=env)
    head = sh("git", "rev-parse", "HEAD", cwd=playbook_repo, env=env).stdout

    def commit() -> subprocess.CompletedProcess:
        sh("git", "add", "-A", cwd=playbook_repo, env=env)
        return sh("git", "commit", "-m", "une modification", cwd=playbook_repo, env=env, check=False)

    (playbook_repo / "drafts" / "mauvais.md").write_text(BAD_DRAFT, encoding="utf-8")
    refused = commit()
    assert refused.returncode != 0
    assert "drafts/mauvais.md:2:10: error PB302" in refused.stdout + refused.stderr
    assert sh("git", "rev-parse", "HEAD", cwd=playbook_repo, env=env).stdout == head

    (playbook_repo / "drafts" / "mauvais.md").write_text(BAD_DRAFT.replace("facebok", "facebook"), encoding="utf-8")
    tone = playbook_repo / "playbook" / "tone.yml"
    good_tone = tone.read_text(encoding="utf-8")
    tone.write_text(good_tone.replace("register: vous", "register: vouvoiement"), encoding="utf-8")
    refused = commit()
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr  # git shows the hook's output on stderr
    assert "playbook/tone.yml" in output and "PB104" in output
    assert sh("git", "rev-parse", "HEAD", cwd=playbook_repo, env=env).stdout == head

    tone.write_text(good_tone, encoding="utf-8")
    accepted = commit()
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert sh("git", "rev-parse", "HEAD", cwd=playbook_repo, env=env).stdout != head
