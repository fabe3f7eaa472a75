"""A non-editable install must carry everything: the CLI, the schemas and the MkDocs plugin."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, text=True)
    (built,) = out.glob("playbook_linter-*.whl")
    return built


def test_wheel_ships_schemas_and_plugin_entry_point(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    schemas = {Path(name).name for name in names if name.startswith("linter/schemas/")}
    assert {f"{part}.schema.json" for part in ("organisation", "channels", "crisis", "tone")} <= schemas
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "playbook = linter.cli:main" in text
    assert "linter.site.plugin:PlaybookPlugin" in text


def test_installed_wheel_validates_a_playbook_outside_the_repo(wheel, tmp_path):
    target = tmp_path / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target),
                    str(wheel)], check=True, capture_output=True, text=True)
    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "playbook", work / "playbook")
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = "import linter.playbook.schema as s; print(s.__file__); print(s.schema_dir())"
    where = subprocess.run([sys.executable, "-c", code],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout.splitlines()
    assert all(line.startswith(str(target)) for line in where), where
    run = subprocess.run([sys.executable, "-m", "linter", "validate", "playbook", "--today", "2026-11-23"],
                         cwd=work, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No problems found" in run.stdout
    (work / "playbook" / "tone.yml").write_text("register: tutoiement\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "linter", "validate", "playbook", "--format", "json"],
                         cwd=work, env=env, capture_output=True, text=True)
    assert run.returncode == 1
    assert '"PB104"' in run.stdout
