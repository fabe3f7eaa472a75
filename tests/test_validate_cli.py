"""`playbook validate` through the real CLI: schema messages, exit codes, formats, bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import cli

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """These tests read the messages in English (PLAYBOOK_LANG); tests/test_i18n.py reads them in French."""
    monkeypatch.setenv("PLAYBOOK_LANG", "en")


@pytest.fixture
def playbook(tmp_path) -> Path:
    target = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", target)
    return target


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def findings_of(result) -> list[dict]:
    return json.loads(result.output)["findings"]


def validate_json(directory: Path):
    return run("validate", str(directory), "--format", "json", "--today", TODAY)


def test_sample_playbook_is_clean():
    result = run("validate", str(ROOT / "playbook"), "--today", TODAY, "--strict")
    assert result.exit_code == 0, result.output
    assert "No problems found" in result.output


def test_json_contract_on_clean_run():
    payload = json.loads(validate_json(ROOT / "playbook").output)
    assert payload == {"findings": [], "counts": {"error": 0, "warning": 0, "info": 0}, "language": "en"}


@pytest.mark.parametrize(
    ("content", "code", "line", "column", "message", "hint"),
    [
        ("objectives:\n  - id: notoriete\n    title: Être connus\n    tier: premier\n",
         "PB101", 4, 11, '`tier` must be a whole number, got "premier"', None),
        ("objectives:\n  - id: notoriete\n    title: Être connus\n    tier: 1\n    kpi:\n      metric: abonnés\n"
         "      target: beaucoup\n", "PB101", 7, 15, '`target` must be a number, got "beaucoup"', "digits"),
        ("objectives:\n  - title: Être connus\n", "PB102", 2, 5, "the required field `id` is missing", "Add `id:`"),
        ("objectives:\n  - id: notoriete\n    titel: Être connus\n", "PB103", 3, 5, "unknown field `titel`",
         "Did you mean `title`?"),
        ("objectives:\n  - id: notoriete\n    title: Être connus\n    kind: awarenes\n",
         "PB104", 4, 11, "`kind` must be one of", 'Did you mean "awareness"?'),
        ("objectives:\n  - id: notoriete\n    title: Être connus\n    kpi:\n      deadline: 30/06/2027\n",
         "PB105", 5, 17, "`deadline` must be a date written YYYY-MM-DD", None),
        ("objectives:\n  - id: notoriete\n    title: Être connus\n    tier: 0\n",
         "PB106", 4, 11, "`tier` must be at least 1, got 0", None),
        ("objectives:\n  - id: Notoriété Locale\n    title: Être connus\n",
         "PB107", 2, 9, "`id` has an unexpected form", "lowercase"),
        ("objectives:\n  - id: notoriete\n    title: Être connus\n    channels: [facebook, facebook]\n",
         "PB108", 4, 15, '`channels` lists "facebook" more than once', None),
        ("- just a list\n", "PB101", 1, 1, "the file must hold a mapping", None),
    ],
)
def test_schema_findings_point_at_the_value(playbook, content, code, line, column, message, hint):
    (playbook / "objectives.yml").write_text(content, encoding="utf-8")
    result = validate_json(playbook)
    assert result.exit_code == 1, result.output
    found = [f for f in findings_of(result) if f["code"] == code]
    assert found, result.output
    finding = found[0]
    assert finding["path"].endswith("objectives.yml")
    assert (finding["line"], finding["column"]) == (line, column)
    assert message in finding["message"]
    if hint:
        assert hint in finding["hint"]


def test_yes_no_hint(playbook):
    text = (playbook / "organisation.yml").read_text(encoding="utf-8")
    (playbook / "organisation.yml").write_text(text + "sector: no\n" if "\nsector:" not in text
                                               else text.replace("\nsector:", "\nsector: no\nx_old_sector:", 1),
                                               encoding="utf-8")
    findings = findings_of(validate_json(playbook))
    typed = [f for f in findings if f["code"] == "PB101"]
    assert typed and "quotes" in typed[0]["hint"]


def test_missing_and_unknown_files(playbook):
    (playbook / "crisis.yml").unlink()
    (playbook / "channel.yml").write_text("a: 1\n", encoding="utf-8")
    result = validate_json(playbook)
    assert result.exit_code == 1
    codes = {(f["code"], Path(f["path"]).name) for f in findings_of(result)}
    assert ("PB001", "crisis.yml") in codes
    assert ("PB010", "channel.yml") in codes
    unknown = next(f for f in findings_of(result) if f["code"] == "PB010")
    assert "channels.yml" in unknown["hint"]


def test_both_yml_and_yaml(playbook):
    shutil.copy(playbook / "tone.yml", playbook / "tone.yaml")
    codes = [f["code"] for f in findings_of(validate_json(playbook))]
    assert "PB009" in codes


def test_loading_errors_stop_before_schema(playbook):
    (playbook / "tone.yml").write_text("register: vous\nregister: tu\n", encoding="utf-8")
    (playbook / "objectives.yml").write_text("objectives: 3\n", encoding="utf-8")
    codes = [f["code"] for f in findings_of(validate_json(playbook))]
    assert codes == ["PB005"]


def test_missing_folder_exits_2_with_one_line_reason(tmp_path):
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "playbook folder not found" in result.output
    assert "Traceback" not in result.output


def test_bad_option_exits_2():
    assert run("validate", "--format", "yaml").exit_code == 2
    assert run("validate", "--today", "tomorrow").exit_code == 2


def test_strict_turns_warnings_into_failure(playbook):
    (playbook / "notes.yml").write_text("a: 1\n", encoding="utf-8")
    assert run("validate", str(playbook), "--today", TODAY).exit_code == 0
    assert run("validate", str(playbook), "--today", TODAY, "--strict").exit_code == 1


def test_output_file_and_sarif(playbook, tmp_path):
    (playbook / "objectives.yml").write_text("objectives:\n  - id: x\n    titel: y\n", encoding="utf-8")
    out = tmp_path / "report.sarif"
    result = run("validate", str(playbook), "--format", "sarif", "--output", str(out))
    assert result.exit_code == 1 and result.output == ""
    log = json.loads(out.read_text(encoding="utf-8"))
    assert log["runs"][0]["results"][0]["ruleId"] in ("PB102", "PB103")


def test_github_format_in_actions(playbook, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    (playbook / "objectives.yml").write_text("objectives:\n  - id: x\n    titel: y\n", encoding="utf-8")
    result = run("validate", str(playbook))
    assert "::error file=" in result.output


def test_no_color_and_tty(playbook):
    (playbook / "objectives.yml").write_text("objectives:\n  - id: x\n    titel: y\n", encoding="utf-8")
    assert "\033[" in run("validate", str(playbook), "--color", "always").output
    assert "\033[" not in run("validate", str(playbook)).output  # CliRunner is not a terminal


def test_rules_and_explain():
    listing = run("rules", "--format", "json")
    rules = json.loads(listing.output)
    codes = [rule["code"] for rule in rules]
    assert codes == sorted(codes) and "PB005" in codes and "PB103" in codes
    explained = run("explain", "pb103")
    assert explained.exit_code == 0
    for section in ("What it checks", "Why", "Example that fires", "Use instead", "Options"):
        assert section in explained.output
    unknown = run("explain", "PB1O3")
    assert unknown.exit_code == 2 and "PB103" in unknown.output


def test_module_entry_point_and_version():
    result = subprocess.run([sys.executable, "-m", "linter", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("playbook, version ")


def test_debug_shows_traceback_only_when_asked(tmp_path):
    folder = tmp_path / "pb"
    folder.mkdir()
    # a folder where a file should be makes the loader report PB001, not crash
    (folder / "tone.yml").mkdir()
    result = run("validate", str(folder), "--format", "json")
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_calendar_event_needs_date_or_recurrence(playbook):
    path = playbook / "calendar.yml"
    text = path.read_text(encoding="utf-8").rstrip() + "\n  - id: sans-date\n    title: Sans date\n"
    path.write_text(text, encoding="utf-8")
    line = len(text.splitlines()) - 1
    found = [f for f in findings_of(validate_json(playbook)) if f["code"] == "PB102"]
    assert found and found[0]["message"].endswith("needs `date` or `recurrence`")
    assert (found[0]["line"], found[0]["column"]) == (line, 5)
    path.write_text(text + "    date: 2027-01-01\n    recurrence: FREQ=YEARLY\n    start: 2027-01-01\n",
                    encoding="utf-8")
    found = [f for f in findings_of(validate_json(playbook)) if f["code"] == "PB109"]
    assert found and "gives both `date` and `recurrence`" in found[0]["message"]


def test_reserved_hours_name(playbook):
    path = playbook / "organisation.yml"
    text = path.read_text(encoding="utf-8")
    assert "\nservice_hours:\n" in text
    path.write_text(text.replace("\nservice_hours:\n", "\nservice_hours:\n  always:\n    mon: [\"09:00-10:00\"]\n", 1),
                    encoding="utf-8")
    line = text.split("\nservice_hours:\n")[0].count("\n") + 3
    found = [f for f in findings_of(validate_json(playbook)) if f["code"] == "PB107"]
    assert found and found[0]["message"] == "`always` cannot be used as a name in `service_hours`"
    assert (found[0]["line"], found[0]["column"]) == (line, 3)


def test_lint_yml_rule_codes_are_checked_where_written(playbook):
    (playbook / "lint.yml").write_text("rules:\n  PB210:\n    severity: info\n  PB399:\n    severity: 'off'\n"
                                       "  PB103: {severity: warning}\n", encoding="utf-8")
    found = findings_of(validate_json(playbook))
    unknown = [f for f in found if f["code"] == "PB901"]
    assert [(f["line"], f["column"]) for f in unknown] == [(4, 3)]
    assert "PB399" in unknown[0]["message"] and "playbook rules" in unknown[0]["hint"]
    locked = [f for f in found if f["code"] == "PB902"]
    assert [(f["line"], f["column"]) for f in locked] == [(6, 3)]


def test_lint_yml_regrades_playbook_findings(playbook):
    charter = playbook / "usage-charter.yml"
    charter.write_text(charter.read_text(encoding="utf-8").replace("last_reviewed: 2026-09-15",
                                                                   "last_reviewed: 2024-01-15"), encoding="utf-8")
    assert [f["severity"] for f in findings_of(validate_json(playbook)) if f["code"] == "PB209"] == ["warning"]
    (playbook / "lint.yml").write_text("rules:\n  PB209: {severity: error}\n", encoding="utf-8")
    result = validate_json(playbook)
    assert [f["severity"] for f in findings_of(result) if f["code"] == "PB209"] == ["error"]
    assert result.exit_code == 1
    (playbook / "lint.yml").write_text("rules:\n  PB209: {severity: 'off'}\n", encoding="utf-8")
    assert findings_of(validate_json(playbook)) == []
