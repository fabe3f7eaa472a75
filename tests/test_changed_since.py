"""Pull requests: `--changed-since REF` in real git repositories, GitHub (annotations, the composite
action, the starter's workflow) and GitLab (Code Quality).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from linter.core.changes import ChangesError, changed_files, only_changed
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOK = [sys.executable, "-m", "linter"]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


ENGLISH = Language("en")  # the errors asserted are the English ones; the French ones are tests/test_i18n.py's


@pytest.fixture(autouse=True)
def git_identity(monkeypatch):
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("PLAYBOOK_LANG", "en")  # the command's messages asserted here are the English ones


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def write(path: Path, text: str = "x\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for name in ("a.md", "b.md", "kept.md"):
        write(repo / "drafts" / name, f"{name}\n")
    commit_all(repo, "base")
    return repo


def test_committed_staged_unstaged_and_untracked_changes_count_deleted_files_do_not(repo):
    git(repo, "switch", "-q", "-c", "feature")
    write(repo / "drafts" / "committed.md")
    commit_all(repo, "feature work")
    write(repo / "drafts" / "a.md", "edited, not staged\n")
    write(repo / "drafts" / "staged.md")
    git(repo, "add", "drafts/staged.md")
    write(repo / "drafts" / "untracked.md")
    (repo / "drafts" / "b.md").unlink()
    write(repo / ".gitignore", "ignored.md\n")
    write(repo / "drafts" / "ignored.md")
    expected = {os.path.join("drafts", name) for name in ("a.md", "committed.md", "staged.md", "untracked.md")}
    assert changed_files("main", str(repo)) == expected | {".gitignore"}


def test_changes_made_on_the_base_branch_after_the_branch_point_are_not_the_pull_requests(repo):
    git(repo, "switch", "-q", "-c", "feature")
    write(repo / "drafts" / "mine.md")
    commit_all(repo, "mine")
    git(repo, "switch", "-q", "main")
    write(repo / "drafts" / "theirs.md")
    commit_all(repo, "theirs")
    git(repo, "switch", "-q", "feature")
    assert changed_files("main", str(repo)) == {os.path.join("drafts", "mine.md")}


def test_paths_are_relative_to_the_folder_the_command_runs_in(repo):
    write(repo / "drafts" / "a.md", "edited\n")
    write(repo / "README.md", "edited\n")
    assert changed_files("HEAD", str(repo / "drafts")) == {"a.md", os.path.join("..", "README.md")}


def test_non_ascii_and_spaced_file_names_come_back_as_written(repo):
    write(repo / "drafts" / "été à Pacé.md")
    assert changed_files("HEAD", str(repo)) == {os.path.join("drafts", "été à Pacé.md")}


def test_a_commit_id_and_relative_refs_work(repo):
    first = git(repo, "rev-parse", "HEAD").strip()
    write(repo / "drafts" / "a.md", "second\n")
    commit_all(repo, "second")
    assert changed_files(first, str(repo)) == {os.path.join("drafts", "a.md")}
    assert changed_files("HEAD~1", str(repo)) == {os.path.join("drafts", "a.md")}
    assert changed_files("HEAD", str(repo)) == set()


def test_outside_a_git_repository_the_error_says_so(tmp_path):
    with pytest.raises(ChangesError, match="not inside a git repository") as caught:
        changed_files("main", str(tmp_path), ENGLISH)
    assert "--changed-since" in caught.value.hint


def test_an_unknown_ref_is_named_and_the_hint_mentions_shallow_clones(repo):
    with pytest.raises(ChangesError, match="unknown git ref 'origin/mian'") as caught:
        changed_files("origin/mian", str(repo), ENGLISH)
    assert "fetch-depth: 0" in caught.value.hint


def shallow_pull_request(tmp_path: Path) -> tuple[Path, Path]:
    """(origin, clone): the branch adds mine.md; main later edits old.md and adds theirs.md; the
    clone holds the branch and main at depth 1 each, as CI fetches them, so no merge base is in
    it (comparing with main itself would report old.md, which the branch never touched)."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    write(origin / "drafts" / "old.md")
    commit_all(origin, "base")
    git(origin, "switch", "-q", "-c", "feature")
    write(origin / "drafts" / "mine.md")
    commit_all(origin, "mine")
    git(origin, "switch", "-q", "main")
    write(origin / "drafts" / "theirs.md")
    write(origin / "drafts" / "old.md", "edited on main after the branch started\n")
    commit_all(origin, "theirs")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", origin.as_uri(), str(clone))
    git(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    return origin, clone


def test_a_shallow_clone_without_the_merge_base_stops_with_a_hint_instead_of_a_wrong_answer(tmp_path):
    _, clone = shallow_pull_request(tmp_path)
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    with pytest.raises(ChangesError, match="shallow") as caught:
        changed_files("origin/main", str(clone), ENGLISH)
    assert "git fetch --unshallow" in caught.value.hint and "fetch-depth: 0" in caught.value.hint
    git(clone, "fetch", "-q", "--unshallow")
    assert changed_files("origin/main", str(clone)) == {os.path.join("drafts", "mine.md")}  # not old.md


def test_the_cli_exits_2_on_a_shallow_clone(tmp_path):
    _, clone = shallow_pull_request(tmp_path)
    result = cli(clone, "lint", "--changed-since", "origin/main")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("playbook: error: this clone is shallow")
    assert "hint: Fetch the history first" in result.stderr and "Traceback" not in result.stderr


def test_unrelated_histories_stop_with_a_hint(repo):
    git(repo, "switch", "-q", "--orphan", "other")
    write(repo / "drafts" / "new.md")
    commit_all(repo, "a history of its own")
    with pytest.raises(ChangesError, match="no commit in common") as caught:
        changed_files("main", str(repo), ENGLISH)
    assert "origin/main" in caught.value.hint


@pytest.mark.parametrize("ref", ["", "--output=/tmp/x", "-p"])
def test_option_like_refs_are_refused_before_git_sees_them(repo, ref):
    with pytest.raises(ChangesError):
        changed_files(ref, str(repo))


def test_only_changed_compares_paths_however_they_are_written(tmp_path):
    findings = [Finding("PB301", Severity.ERROR, path, 1, 1, "m") for path in
                ("drafts/a.md", "./drafts/b.md", str(tmp_path / "drafts" / "c.md"), "drafts/d.md")]
    kept = only_changed(findings, {os.path.join("drafts", "b.md"), os.path.join("drafts", "c.md"), "drafts/a.md"},
                        str(tmp_path))
    assert [finding.path for finding in kept] == ["drafts/a.md", "./drafts/b.md", str(tmp_path / "drafts" / "c.md")]


# -- the CLI in a pull request ---------------------------------------------------------------
NOW = "2030-01-01T08:00+01:00"  # every dated draft below is upcoming


def draft(repo: Path, name: str, day: int, kind: str, text: str, channel: str = "facebook") -> Path:
    return write(repo / "drafts" / f"{name}.md",
                 f"---\nchannel: {channel}\nkind: {kind}\npublish_at: 2030-01-{day:02d}T10:00\n"
                 f"author: camille-martin\n---\n{text}\n")


def cli(repo: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "NO_COLOR": "1", **(env or {})}
    if "GITHUB_ACTIONS" not in (env or {}):
        environ.pop("GITHUB_ACTIONS", None)
    return subprocess.run([*PLAYBOOK, *args], cwd=repo, capture_output=True, text=True, env=environ)


@pytest.fixture
def origin(tmp_path) -> Path:
    """A team's repository on `main`: the starter, one old faulty draft and a week of posts."""
    repo = tmp_path / "origin"
    assert cli(tmp_path, "init", str(repo), "--name", "Cidrerie du Val").returncode == 0
    draft(repo, "ancien", 14, "information", "Un ancien brouillon publié sur un canal qui n'existe pas.",
          channel="myspace")
    draft(repo, "lundi", 7, "information", "Le lundi nous recevons les commandes des professionnels de la région.")
    draft(repo, "mardi", 8, "information", "Mardi matin la boutique accueille une classe de l'école du village.")
    draft(repo, "mercredi", 9, "information", "Mercredi nous présentons le métier de Dominique à la boutique.")
    draft(repo, "vendredi", 11, "promo", "Vendredi les coffrets découverte sont à moitié prix en boutique.")
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "the playbook")
    return repo


@pytest.fixture
def pull_request(origin, tmp_path) -> Path:
    """A clone (as CI checks it out) on a branch that adds a faulty draft and a second promotion."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    git(clone, "switch", "-q", "-c", "nouveaux-brouillons")
    draft(clone, "nouveau", 15, "information", "Un nouveau brouillon publié sur un canal mal orthographié.",
          channel="facebok")
    draft(clone, "jeudi", 10, "promo", "Jeudi profitez de la livraison offerte pour toute commande passée en ligne.")
    commit_all(clone, "two drafts")
    return clone


def codes_by_path(result) -> set[tuple[str, str]]:
    return {(finding["path"], finding["code"]) for finding in json.loads(result.stdout)["findings"]}


def test_changed_since_reports_the_pull_requests_drafts_only(pull_request):
    everything = cli(pull_request, "lint", "--format", "json", "--now", NOW)
    assert ("drafts/ancien.md", "PB302") in codes_by_path(everything)
    result = cli(pull_request, "lint", "--changed-since", "origin/main", "--format", "json", "--now", NOW)
    assert result.returncode == 1, result.stderr
    found = codes_by_path(result)
    assert ("drafts/nouveau.md", "PB302") in found
    assert not [path for path, _ in found if path in ("drafts/ancien.md", "drafts/lundi.md")]
    # The unchanged drafts are read for the queue checks alone (their per-post rules do not run):
    # the report is still the whole run's, kept to the changed files.
    def read(run: subprocess.CompletedProcess) -> list[Finding]:
        return [Finding(**{**item, "severity": Severity(item["severity"])})
                for item in json.loads(run.stdout)["findings"]]

    changed = {"drafts/nouveau.md", "drafts/jeudi.md"}
    assert read(result) == only_changed(read(everything), changed, str(pull_request), ["PB401"])


def test_the_queue_still_sees_every_draft_so_a_broken_promotional_share_is_caught(pull_request):
    """The new Thursday promotion tips the share over 30 % on Friday's (unchanged) post: it is reported."""
    result = cli(pull_request, "check", "--changed-since", "origin/main", "--format", "json", "--now", NOW)
    findings = json.loads(result.stdout)["findings"]
    share = [finding for finding in findings if finding["code"] == "PB401"]
    assert len(share) == 1
    assert share[0]["path"] == "drafts/vendredi.md"
    assert "drafts/jeudi.md" in share[0]["hint"]
    # Without the new promotion the same week is fine: the finding comes from the pull request.
    (pull_request / "drafts" / "jeudi.md").unlink()
    result = cli(pull_request, "check", "--changed-since", "origin/main", "--format", "json", "--now", NOW)
    assert "PB401" not in {finding["code"] for finding in json.loads(result.stdout)["findings"]}


def test_changed_since_with_an_unknown_ref_or_outside_git_exits_2(pull_request, tmp_path):
    result = cli(pull_request, "check", "--changed-since", "origin/mian")
    assert result.returncode == 2
    assert "playbook: error: unknown git ref 'origin/mian'" in result.stderr
    assert "hint:" in result.stderr and "fetch-depth: 0" in result.stderr
    outside = tmp_path / "outside"
    assert cli(tmp_path, "init", str(outside)).returncode == 0
    result = cli(outside, "lint", "--changed-since", "main")
    assert result.returncode == 2
    assert "is not inside a git repository" in result.stderr


def test_gitlab_code_quality_report_of_a_merge_request(pull_request):
    result = cli(pull_request, "lint", "--changed-since", "origin/main", "--format", "gitlab", "--now", NOW)
    issues = json.loads(result.stdout)
    assert {issue["location"]["path"] for issue in issues} == {"drafts/nouveau.md", "drafts/vendredi.md"}
    bad = next(issue for issue in issues if issue["check_name"] == "PB302")
    assert bad["location"]["lines"]["begin"] == 2 and bad["severity"] == "major"
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


# -- GitHub: --format auto, the composite action, the starter's workflow ---------------------------
def test_format_auto_writes_github_annotations_inside_github_actions(pull_request):
    inside = cli(pull_request, "lint", "drafts/nouveau.md", env={"GITHUB_ACTIONS": "true"})
    assert inside.returncode == 1
    assert "::error file=drafts/nouveau.md,line=2,col=10,title=PB302::the channel 'facebok' is not defined" \
        in inside.stdout
    outside = cli(pull_request, "lint", "drafts/nouveau.md")
    assert outside.stdout.startswith("drafts/nouveau.md:2:10: error PB302")


def _expand(text: str, values: dict[str, dict[str, str]]) -> str:
    return re.sub(r"\$\{\{\s*(\w+)\.([\w-]+)\s*\}\}", lambda m: values.get(m.group(1), {}).get(m.group(2), ""),
                  str(text))


def run_steps(steps: list[dict], repo: Path, values: dict[str, dict[str, str]], env: dict | None = None):
    """Run the `run:` steps as GitHub would (bash -eo pipefail), stopping at the first failure.

    `uses:` steps (checkout, setup-python, Pages) and the installation of the tool are skipped:
    the tool under test is already on PATH.
    """
    outputs = []
    base = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    base.update(GIT_ENV)
    base.update({"GITHUB_ACTIONS": "true", "NO_COLOR": "1",
                 "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])})
    for step in steps:
        if "run" not in step or "pip install" in step["run"]:
            continue
        step_env = {**base, **(env or {}),
                    **{key: _expand(value, values) for key, value in step.get("env", {}).items()}}
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _expand(step["run"], values)],
            cwd=repo, env=step_env, capture_output=True, text=True)
        outputs.append(result.stdout + result.stderr)
        if result.returncode != 0:
            return result.returncode, "".join(outputs)
    return 0, "".join(outputs)


def action_inputs(**given: str) -> dict[str, str]:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    unknown = set(given) - set(inputs)
    assert not unknown, unknown
    return {**inputs, **given}


def counting_playbook(folder: Path) -> tuple[dict[str, str], Path]:
    """A `playbook` command that logs each call, then runs the real one: (PATH for it, the log)."""
    folder.mkdir()
    log = folder / "calls.log"
    script = folder / "playbook"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{sys.executable}" -m linter "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    path = os.pathsep.join([str(folder), str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return {"PATH": path}, log


def test_the_composite_action_checks_once_annotates_writes_sarif_and_stops_before_the_site(pull_request, tmp_path):
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    inputs = action_inputs(**{"changed-since": "origin/main", "sarif": "playbook.sarif", "build-site": "true"})
    env, calls = counting_playbook(tmp_path / "bin")
    summary = tmp_path / "summary.md"
    code, output = run_steps(action["runs"]["steps"], pull_request,
                             {"inputs": inputs, "github": {"action_path": str(ROOT)}},
                             env={**env, "PLAYBOOK_TODAY": "2029-12-31", "GITHUB_STEP_SUMMARY": str(summary),
                                  "GITHUB_REPOSITORY": "cidrerie/playbook", "GITHUB_SHA": "feedbeef"})
    assert code == 1, output
    checks = calls.read_text(encoding="utf-8").splitlines()
    assert len(checks) == 1 and checks[0].startswith("check --format sarif --output playbook.sarif")  # once
    assert "::error file=drafts/nouveau.md,line=2,col=10,title=PB302::" in output
    assert "drafts/ancien.md" not in output  # older than the pull request
    assert not (pull_request / "site").exists()  # a failing check stops the job before the site
    sarif = json.loads((pull_request / "playbook.sarif").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    located = {(result["ruleId"], result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
               for result in sarif["runs"][0]["results"]}
    assert ("PB302", "drafts/nouveau.md") in located and not [uri for _, uri in located if "ancien" in uri]
    text = summary.read_text(encoding="utf-8")
    assert "The check fails" in text
    assert "(https://github.com/cidrerie/playbook/blob/feedbeef/drafts/nouveau.md#L2)" in text


def test_the_composite_action_without_sarif_checks_once_with_annotations(pull_request, tmp_path):
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    env, calls = counting_playbook(tmp_path / "bin")
    code, output = run_steps(action["runs"]["steps"], pull_request,
                             {"inputs": action_inputs(**{"changed-since": "origin/main"}),
                              "github": {"action_path": str(ROOT)}},
                             env={**env, "PLAYBOOK_TODAY": "2029-12-31"})
    assert code == 1, output
    assert calls.read_text(encoding="utf-8").splitlines() == ["check --format github --changed-since origin/main"]
    assert "::error file=drafts/nouveau.md,line=2,col=10,title=PB302::" in output


def test_the_composite_action_passes_and_builds_the_site_on_a_clean_repository(pull_request):
    # Only the starter's own draft stays: posts years ahead would leave the calendar's events
    # between now and then without a post (PB408), a warning that --strict turns into a failure.
    for path in (pull_request / "drafts").glob("*.md"):
        if path.name != "bienvenue.md":
            path.unlink()
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    inputs = action_inputs(**{"build-site": "true", "site-dir": "public", "strict": "true"})
    code, output = run_steps(action["runs"]["steps"], pull_request,
                             {"inputs": inputs, "github": {"action_path": str(ROOT)}},
                             env={"PLAYBOOK_TODAY": dt.date.today().isoformat()})
    assert code == 0, output
    assert "playbook: 0 errors, 0 warnings, 0 info" in output
    assert (pull_request / "public" / "index.html").is_file()


def test_the_starters_workflow_checks_a_pull_request_then_builds_the_site(pull_request):
    workflow = yaml.safe_load((pull_request / ".github" / "workflows" / "playbook.yml").read_text(encoding="utf-8"))
    assert {"pull_request", "push"} <= set(workflow[True])  # YAML 1.1 reads the key `on` as true
    check = workflow["jobs"]["check"]
    assert check["steps"][0]["with"]["fetch-depth"] == 0
    assert workflow["jobs"]["publish"]["permissions"] == {"pages": "write", "id-token": "write"}
    values = {"github": {"base_ref": "main", "ref": "refs/pull/1/merge", "event_name": "pull_request"}}
    code, output = run_steps(check["steps"], pull_request, values)
    assert code == 1
    assert "::error file=drafts/nouveau.md,line=2,col=10,title=PB302::" in output
    assert "ancien.md" not in output
    # Once the drafts are fixed the same steps pass and build the site.
    draft(pull_request, "nouveau", 15, "information", "Un nouveau brouillon publié sur le bon canal cette fois.")
    draft(pull_request, "jeudi", 10, "information", "Jeudi nous livrons les épiceries de la vallée en camion.")
    code, output = run_steps(check["steps"], pull_request, values)
    assert code == 0, output
    assert (pull_request / "site" / "index.html").is_file()
