"""`playbook init`: a new playbook repository that passes its own checks and builds its site.

Every test runs the real command in a subprocess, in a temporary folder, the way a team would.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOK = [sys.executable, "-m", "linter"]
PARTS = ("organisation", "objectives", "audiences", "channels", "roles", "tone", "usage-charter", "crisis",
         "calendar", "lint")


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PLAYBOOK_LANG": "en", **(env or {})}  # the messages asserted are the English ones
    environ.pop("GITHUB_ACTIONS", None)
    environ["NO_COLOR"] = "1"
    return subprocess.run([*args], cwd=cwd, capture_output=True, text=True, env=environ)


def init(target: Path, *options: str) -> subprocess.CompletedProcess:
    return run(*PLAYBOOK, "init", str(target), *options, cwd=target.parent)


@pytest.fixture(scope="module", params=["fr", "en"])
def starter(request, tmp_path_factory) -> tuple[str, Path]:
    target = tmp_path_factory.mktemp(f"starter-{request.param}") / "cidrerie-du-val"
    result = init(target, "--language", request.param)
    assert result.returncode == 0, result.stdout + result.stderr
    return request.param, target


# -- what it creates ---------------------------------------------------------------------------
def test_the_starter_holds_every_part_of_a_playbook_repository(starter):
    _, target = starter
    files = {path.relative_to(target).as_posix() for path in target.rglob("*") if path.is_file()}
    assert {f"playbook/{part}.yml" for part in PARTS} <= files
    assert {f"schemas/{part}.schema.json" for part in PARTS} <= files
    assert {"mkdocs.yml", "docs/index.md", ".github/workflows/playbook.yml", ".pre-commit-config.yaml",
            ".vscode/settings.json", ".vscode/extensions.json", ".gitignore", "README.md"} <= files
    drafts = [name for name in files if name.startswith("drafts/")]
    assert len(drafts) == 1 and drafts[0].endswith(".md")
    assert not [name for name in files if "__" in Path(name).name or "dot-" in name]


def test_straight_after_init_playbook_check_passes_even_strict(starter):
    _, target = starter
    result = run(*PLAYBOOK, "check", "--strict", cwd=target)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems found in 11 files" in result.stdout  # 10 playbook files and the example draft


def test_straight_after_init_the_site_builds_strict(starter):
    _, target = starter
    result = run(sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target.parent / "site"),
                 cwd=target)
    assert result.returncode == 0, result.stdout + result.stderr
    home = (target.parent / "site" / "index.html").read_text(encoding="utf-8")
    assert "Cidrerie Du Val" in home  # the name, from the folder name
    assert (target.parent / "site" / "crise" / "index.html").is_file()


def test_the_example_draft_is_a_real_upcoming_post(starter):
    _, target = starter
    (draft,) = (target / "drafts").glob("*.md")
    result = run(*PLAYBOOK, "lint", "--format", "json", str(draft.relative_to(target)), cwd=target)
    assert json.loads(result.stdout)["findings"] == []
    text = draft.read_text(encoding="utf-8")
    assert re.search(r"^publish_at: \d{4}-\d{2}-\d{2}T10:00", text, re.M)
    # A week later the post is still ahead: it took part in the queue rules (coverage, cadence).
    result = run(*PLAYBOOK, "check", "--strict", "--today", _days_from_now(3), cwd=target)
    assert result.returncode == 0, result.stdout


def _days_from_now(days: int) -> str:
    import datetime as dt

    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


# -- editors and comments ------------------------------------------------------------------------
def test_every_playbook_file_names_its_schema_for_the_editor(starter):
    _, target = starter
    for part in PARTS:
        first = (target / "playbook" / f"{part}.yml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{part}.schema.json"
    settings = json.loads((target / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = settings["yaml.schemas"]
    for part in PARTS:
        assert f"**/playbook/{part}.yml" in mapped[f"./schemas/{part}.schema.json"]
        assert (target / "schemas" / f"{part}.schema.json").is_file()
    assert json.loads((target / ".vscode" / "extensions.json").read_text())["recommendations"] == ["redhat.vscode-yaml"]


def _keys(node, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(str(key))
            _keys(value, found)
    elif isinstance(node, list):
        for item in node:
            _keys(item, found)
    return found


def _explained(key: str, lines: list[str]) -> bool:
    """A key is explained by a comment naming it, a comment just above it, or a comment on its line."""
    comments = " ".join(line.split("#", 1)[1] for line in lines if line.lstrip().startswith("#"))
    if re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", comments):
        return True
    pattern = re.compile(rf"^\s*(- )?{re.escape(key)}:")
    for index, line in enumerate(lines):
        if pattern.match(line):
            if re.search(r"\s#\s", line):
                return True
            above = next((previous for previous in reversed(lines[:index]) if previous.strip()), "")
            if above.lstrip().startswith("#"):
                return True
    return False


FRENCH_WORDS = re.compile(r"\b(obligatoire|identifiant|les|des|une|pour|avec)\b", re.I)
ENGLISH_WORDS = re.compile(r"\b(required|the|with|which|every)\b", re.I)


def test_every_field_is_explained_by_a_comment_in_the_chosen_language(starter):
    language, target = starter
    for part in PARTS:
        text = (target / "playbook" / f"{part}.yml").read_text(encoding="utf-8")
        lines = text.splitlines()
        unexplained = sorted(key for key in _keys(yaml.safe_load(text), set()) if not _explained(key, lines))
        assert not unexplained, f"{part}.yml: no comment explains {unexplained}"
        comments = "\n".join(line for line in lines[1:] if line.lstrip().startswith("#"))
        if language == "fr":
            assert FRENCH_WORDS.search(comments), part
        else:
            assert ENGLISH_WORDS.search(comments) and not FRENCH_WORDS.search(comments), part
    organisation = yaml.safe_load((target / "playbook" / "organisation.yml").read_text(encoding="utf-8"))
    assert organisation["language"] == language


# -- refusing to overwrite -------------------------------------------------------------------------
def test_init_refuses_to_overwrite_and_writes_nothing_then_force_overwrites(tmp_path):
    target = tmp_path / "repo"
    (target / "playbook").mkdir(parents=True)
    (target / "playbook" / "tone.yml").write_text("voice: la nôtre\n", encoding="utf-8")
    (target / "notes.txt").write_text("à garder\n", encoding="utf-8")
    result = init(target)
    assert result.returncode == 2
    assert "already holds 1 file of the starter: playbook/tone.yml" in result.stderr
    assert "--force" in result.stderr
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == \
        ["notes.txt", "playbook/tone.yml"]
    result = init(target, "--force", "--name", "Cidrerie du Val")
    assert result.returncode == 0, result.stderr
    assert "voice: la nôtre" not in (target / "playbook" / "tone.yml").read_text(encoding="utf-8")
    assert (target / "notes.txt").read_text(encoding="utf-8") == "à garder\n"
    assert 'name: "Cidrerie du Val"' in (target / "playbook" / "organisation.yml").read_text(encoding="utf-8")


def test_a_second_init_in_the_same_folder_is_refused(tmp_path):
    target = tmp_path / "repo"
    assert init(target).returncode == 0
    before = (target / "playbook" / "roles.yml").read_text(encoding="utf-8")
    result = init(target, "--language", "en")
    assert result.returncode == 2
    assert re.search(r"already holds \d+ files of the starter: .*, \.\.\. and \d+ more", result.stderr)
    assert (target / "playbook" / "roles.yml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize(("options", "message"), [
    (("--language", "de"), "'de' is not one of 'fr', 'en'"),
    (("--name", "Deux\nlignes"), "the name must fit on one line"),
    (("--name", "   "), "the name is empty"),
])
def test_bad_options_exit_2_with_a_reason(tmp_path, options, message):
    result = init(tmp_path / "repo", *options)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "repo").exists()


def test_names_with_yaml_and_markdown_characters_stay_valid(tmp_path):
    target = tmp_path / "repo"
    name = 'Café & Co: "le #1" – L\'Atelier'
    assert init(target, "--name", name).returncode == 0
    organisation = yaml.safe_load((target / "playbook" / "organisation.yml").read_text(encoding="utf-8"))
    channels = yaml.safe_load((target / "playbook" / "channels.yml").read_text(encoding="utf-8"))
    assert organisation["name"] == name
    assert channels["channels"][0]["name"] == f"{name} sur Facebook"
    result = run(*PLAYBOOK, "check", "--strict", cwd=target)
    assert result.returncode == 0, result.stdout


# -- the starter ships in the wheel ------------------------------------------------------------------
@pytest.mark.slow
def test_an_installed_wheel_creates_a_working_starter_outside_the_repository(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True, text=True)
    (wheel,) = dist.glob("playbook_linter-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in ("linter/templates/common/dot-github/workflows/playbook.yml",
                 "linter/templates/common/dot-pre-commit-config.yaml",
                 "linter/templates/common/dot-vscode/settings.json",
                 "linter/templates/fr/playbook/crisis.yml", "linter/templates/en/playbook/crisis.yml",
                 "linter/templates/fr/mkdocs.yml", "linter/templates/en/docs/index.md", "linter/starter.py"):
        assert path in names, path
    site = tmp_path / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, text=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {"PYTHONPATH": str(site)}
    result = run(sys.executable, "-m", "linter", "init", "nouveau", "--language", "en", cwd=work, env=env)
    assert result.returncode == 0, result.stderr
    result = run(sys.executable, "-c", "import linter.starter as i; print(i.__file__)", cwd=work, env=env)
    assert result.stdout.startswith(str(site))
    result = run(sys.executable, "-m", "linter", "check", "--strict", cwd=work / "nouveau", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


# -- where the starter's hooks and workflow install playbook from (--source) -------------------------
def _installs(target: Path) -> tuple[list[str], str]:
    """(the pre-commit hooks' requirements, the workflow's PLAYBOOK_LINTER) of a starter."""
    config = yaml.safe_load((target / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [requirement for repo in config["repos"] for hook in repo["hooks"]
             for requirement in hook["additional_dependencies"]]
    workflow = yaml.safe_load((target / ".github" / "workflows" / "playbook.yml").read_text(encoding="utf-8"))
    return hooks, workflow["env"]["PLAYBOOK_LINTER"]


@pytest.mark.parametrize(("source", "location"), [
    ("git+https://github.com/acme/playbook-linter@v1.2.0", "git+https://github.com/acme/playbook-linter@v1.2.0"),
    ("https://github.com/acme/playbook-linter@v1.2.0", "git+https://github.com/acme/playbook-linter@v1.2.0"),
    ("https://files.example.org/playbook_linter-1.2.0-py3-none-any.whl",
     "https://files.example.org/playbook_linter-1.2.0-py3-none-any.whl"),
])
def test_init_source_url_goes_into_the_hooks_lean_and_the_workflow_with_the_site(tmp_path, source, location):
    target = tmp_path / "repo"
    result = init(target, "--source", source)
    assert result.returncode == 0, result.stderr
    assert _installs(target) == ([f"playbook-linter @ {location}"] * 2, f"playbook-linter[site] @ {location}")
    assert f"install playbook from {location}." in result.stdout and "CI cannot reach" not in result.stdout


def test_init_source_index_pins_this_version(tmp_path):
    from linter import __version__

    target = tmp_path / "repo"
    assert init(target, "--source", "index").returncode == 0
    assert _installs(target) == ([f"playbook-linter=={__version__}"] * 2, f"playbook-linter[site]=={__version__}")


def test_init_source_local_wheel_or_folder_becomes_a_file_url_and_a_warning_about_ci(tmp_path):
    wheel = tmp_path / "dist" / "playbook_linter-0.1.0-py3-none-any.whl"
    wheel.parent.mkdir()
    wheel.write_bytes(b"PK")
    target = tmp_path / "repo"
    result = run(*PLAYBOOK, "init", "repo", "--source", "dist/playbook_linter-0.1.0-py3-none-any.whl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _installs(target)[0] == [f"playbook-linter @ {wheel.as_uri()}"] * 2
    assert "CI cannot reach" in result.stdout
    result = init(tmp_path / "other", "--source", str(ROOT))
    assert _installs(tmp_path / "other")[1] == f"playbook-linter[site] @ {ROOT.as_uri()}"


@pytest.mark.parametrize("source", ["playbook", "nulle-part/", "ftp://example.org/x.whl", "requirements.txt"])
def test_a_source_pip_cannot_use_exits_2_and_writes_nothing(tmp_path, source):
    (tmp_path / "requirements.txt").write_text("playbook-linter\n", encoding="utf-8")
    result = run(*PLAYBOOK, "init", "repo", "--source", source, cwd=tmp_path)
    assert result.returncode == 2
    assert "Invalid value for '--source'" in result.stderr and "git URL" in result.stderr
    assert not (tmp_path / "repo").exists()


def test_without_source_the_starter_installs_from_where_this_playbook_came_from(tmp_path):
    """This checkout is installed in development mode (pip records file:///<the checkout>)."""
    target = tmp_path / "repo"
    result = init(target)
    assert result.returncode == 0
    assert _installs(target)[0] == [f"playbook-linter @ {ROOT.as_uri()}"] * 2
    assert "CI cannot reach" in result.stdout


@pytest.mark.slow
def test_installed_from_a_git_tag_the_starter_installs_that_same_commit(tmp_path):
    """pip records a git install (PEP 610); `init` reuses it, so CI runs the version the team chose."""
    origin = tmp_path / "playbook-linter"
    for name in ("linter", "schemas"):
        shutil.copytree(ROOT / name, origin / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "hatch_build.py"):
        shutil.copy2(ROOT / name, origin / name)
    git_env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
               "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "v1"], ["tag", "v1.0.0"]):
        assert run("git", *command, cwd=origin, env=git_env).returncode == 0
    commit = run("git", "rev-parse", "HEAD", cwd=origin, env=git_env).stdout.strip()
    site = tmp_path / "site-packages"
    installed = run(sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site),
                    f"git+{origin.as_uri()}@v1.0.0", cwd=tmp_path, env=git_env)
    assert installed.returncode == 0, installed.stderr
    result = run(sys.executable, "-m", "linter", "init", "repo", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert result.returncode == 0, result.stderr
    location = f"git+{origin.as_uri()}@{commit}"
    hooks, workflow = _installs(tmp_path / "repo")
    assert (hooks, workflow) == ([f"playbook-linter @ {location}"] * 2, f"playbook-linter[site] @ {location}")
