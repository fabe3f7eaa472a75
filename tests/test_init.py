"""`playbook init`: a new playbook repository that passes its own checks and builds its site.

Every test runs the real command in a subprocess, in a temporary folder, the way a team would.
"""

from __future__ import annotations

import json
import os
import re
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
    environ = {**os.environ, **(env or {})}
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
    language, target = starter
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
    language, target = starter
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
    assert "already holds 1 file(s) of the starter: playbook/tone.yml" in result.stderr
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
    assert re.search(r"already holds \d+ file\(s\) of the starter: .*, \.\.\. and \d+ more", result.stderr)
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
                 "linter/templates/common/dot-pre-commit-config.yaml", "linter/templates/common/dot-vscode/settings.json",
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
