"""The schemas are standard JSON Schema: an independent validator agrees with ours, editors find them.

check-jsonschema (a separate tool, run as a subprocess) validates every sample file against its
schema and rejects broken copies, exactly like `playbook validate`. The schemas themselves pass
the JSON Schema meta-schema. Every playbook file names its schema on its first line for
yaml-language-server, and .vscode/settings.json maps them for VS Code.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import cli
from linter.playbook.schema import schema_names

ROOT = Path(__file__).resolve().parent.parent
CHECK_JSONSCHEMA = str(Path(sys.executable).with_name("check-jsonschema"))
SAMPLE_PARTS = sorted(path.stem for path in (ROOT / "playbook").glob("*.yml"))
TODAY = "2026-11-23"


def check_jsonschema(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([CHECK_JSONSCHEMA, "--no-cache", *args], cwd=cwd, capture_output=True, text=True)


def test_every_sample_file_has_a_schema_and_every_schema_a_sample():
    assert schema_names() == SAMPLE_PARTS


@pytest.mark.parametrize("part", SAMPLE_PARTS)
def test_check_jsonschema_accepts_each_sample_file(part):
    result = check_jsonschema("--schemafile", f"schemas/{part}.schema.json", f"playbook/{part}.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_the_schemas_themselves_are_valid_json_schema():
    files = [f"schemas/{name}.schema.json" for name in schema_names()]
    result = check_jsonschema("--check-metaschema", *files)
    assert result.returncode == 0, result.stdout + result.stderr


# (file, text replaced, replacement, the code `playbook validate` gives)
BREAKAGES = [
    ("organisation", "language: fr", "language: de", "PB104"),
    ("organisation", "timezone: Europe/Paris", "timezone: Paris time", "PB107"),
    ("channels", "network: facebook", "network: myspace", "PB104"),
    ("channels", "max_gap_days: 3 ", "max_gap_days: trois ", "PB101"),
    ("objectives", "tier: 1 ", "tier: 0 ", "PB106"),
    ("objectives", "      deadline: 2027-06-30", "      deadline: 2027-06-31x", "PB105"),
    ("roles", "kind: community-manager", "kind: animateur", "PB104"),
    ("tone", "register: vous", "register: vouvoiement", "PB104"),
    ("tone", "voice: >-", "voix: >-", "PB103"),
    ("crisis", "max_delay: 1h", "max_delay: une heure", "PB107"),
    ("usage-charter", "review_interval_months: 12", "review_interval_months: douze", "PB101"),
    ("audiences", "  - id: grand-public", "  - id: Grand Public", "PB107"),
    ("calendar", "    start: 2026-12-01", "    start: le premier mardi", "PB105"),
    ("lint", "rules: {}", "rules: {PB3O1: {severity: off}}", "PB103"),
]


@pytest.mark.parametrize(("part", "old", "new", "code"), BREAKAGES, ids=[f"{b[0]}-{b[3]}" for b in BREAKAGES])
def test_a_broken_copy_fails_in_check_jsonschema_and_in_playbook_validate(tmp_path, part, old, new, code):
    shutil.copytree(ROOT / "playbook", tmp_path / "playbook")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    target = tmp_path / "playbook" / f"{part}.yml"
    text = target.read_text(encoding="utf-8")
    assert old in text, f"the sample changed: {old!r} is no longer in {part}.yml"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = check_jsonschema("--schemafile", f"schemas/{part}.schema.json", f"playbook/{part}.yml", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Schema validation errors were encountered" in result.stdout + result.stderr
    ours = CliRunner().invoke(cli, ["validate", str(tmp_path / "playbook"), "--format", "json", "--today", TODAY])
    assert ours.exit_code == 1
    assert code in {finding["code"] for finding in json.loads(ours.output)["findings"]}


def test_a_starter_from_init_passes_check_jsonschema_with_its_vendored_schemas(tmp_path):
    assert CliRunner().invoke(cli, ["init", str(tmp_path / "repo"), "--language", "en"]).exit_code == 0
    for name in schema_names():
        result = check_jsonschema("--schemafile", f"schemas/{name}.schema.json", f"playbook/{name}.yml",
                                  cwd=tmp_path / "repo")
        assert result.returncode == 0, name + result.stdout + result.stderr


def test_the_schemas_only_use_keywords_draft_07_editors_understand():
    """yaml-language-server implements JSON Schema draft-07: a 2020-12-only keyword would be ignored.

    ``dependentRequired`` is the one exception allowed: an editor that ignores it still
    completes and describes every field; only `playbook validate` reports the missing partner.
    """
    newer = {"prefixItems", "unevaluatedProperties", "unevaluatedItems", "dependentSchemas", "$dynamicRef",
             "$dynamicAnchor", "$anchor", "$vocabulary", "minContains", "maxContains"}

    def keywords(node, in_map=False):
        if isinstance(node, dict):
            for key, value in node.items():
                if not in_map:
                    yield key
                yield from keywords(value, key in ("properties", "patternProperties", "$defs") and not in_map)
        elif isinstance(node, list):
            for item in node:
                yield from keywords(item)

    for name in schema_names():
        schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        used = set(keywords({key: value for key, value in schema.items() if key != "examples"}))
        assert not used & newer, f"{name}: {sorted(used & newer)}"


# -- what editors read ---------------------------------------------------------------------------
@pytest.mark.parametrize("part", SAMPLE_PARTS)
def test_every_sample_file_names_its_schema_on_its_first_line(part):
    first = (ROOT / "playbook" / f"{part}.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{part}.schema.json"


def test_vscode_settings_map_every_schema_to_its_playbook_file():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = settings["yaml.schemas"]
    assert set(mapped) == {f"./schemas/{name}.schema.json" for name in schema_names()}
    for name in schema_names():
        assert (ROOT / "schemas" / f"{name}.schema.json").is_file()
        assert f"**/playbook/{name}.yml" in mapped[f"./schemas/{name}.schema.json"]
    template = ROOT / "linter" / "templates" / "common" / "dot-vscode" / "settings.json"
    assert json.loads(template.read_text(encoding="utf-8")) == settings


def test_every_property_has_a_title_and_a_description_for_hover():
    def walk(node, where):
        for key in ("properties", "patternProperties", "$defs"):
            for name, prop in (node.get(key) or {}).items() if isinstance(node, dict) else ():
                if isinstance(prop, dict) and key != "$defs" and "$ref" not in prop:
                    assert prop.get("description"), f"{where}.{name} has no description"
                yield from walk(prop, f"{where}.{name}")
        for key in ("items", "additionalProperties"):
            if isinstance(node, dict) and isinstance(node.get(key), dict):
                yield from walk(node[key], f"{where}[]")
        yield where

    for name in schema_names():
        list(walk(json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")), name))


# -- playbook schema ------------------------------------------------------------------------------
def test_playbook_schema_prints_one_schema_and_lists_them():
    result = CliRunner().invoke(cli, ["schema", "channels"])
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads((ROOT / "schemas" / "channels.schema.json").read_text("utf-8"))
    assert CliRunner().invoke(cli, ["schema", "channels.yml"]).output == result.output
    listed = CliRunner().invoke(cli, ["schema"])
    assert listed.output.split() == schema_names()


def test_playbook_schema_export_writes_every_schema_for_repositories_that_do_not_vendor_them(tmp_path):
    result = subprocess.run([sys.executable, "-m", "linter", "schema", "--export", "vendored"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    written = sorted(path.name for path in (tmp_path / "vendored").iterdir())
    assert written == [f"{name}.schema.json" for name in schema_names()]
    for name in schema_names():
        assert json.loads((tmp_path / "vendored" / f"{name}.schema.json").read_text("utf-8")) == \
            json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8"))
    shutil.copytree(ROOT / "playbook", tmp_path / "playbook")
    check = check_jsonschema("--schemafile", "vendored/roles.schema.json", "playbook/roles.yml", cwd=tmp_path)
    assert check.returncode == 0, check.stdout


def test_playbook_schema_with_an_unknown_name_exits_2_with_a_suggestion():
    result = subprocess.run([sys.executable, "-m", "linter", "schema", "chanels", "--lang", "en"], capture_output=True,
                            text=True, cwd=ROOT)  # read in English (the sample playbook's French is the default)
    assert result.returncode == 2
    assert "no schema is called 'chanels'" in result.stderr
    assert "did you mean channels?" in result.stderr
    both = subprocess.run([sys.executable, "-m", "linter", "schema", "tone", "--export", "x"], capture_output=True,
                          text=True, cwd=ROOT)
    assert both.returncode == 2
