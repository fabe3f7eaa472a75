"""Each output format, checked the way its consumer reads it."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from linter.core.findings import Finding, Report, Severity
from linter.output import FORMATS, render, resolve_format
from linter.rules import build_registry

REGISTRY = build_registry()
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

FINDINGS = (
    Finding("PB103", Severity.ERROR, "playbook/tone.yml", 4, 3, "unknown field `registre`", "Did you mean `register`?"),
    Finding("PB209", Severity.WARNING, "playbook/usage-charter.yml", 2, 16, "the usage charter is overdue, 50%: a, b"),
    Finding("PB999", Severity.INFO, "drafts/a b.md", 1, 1, "multi\nline % message"),
)
REPORT = Report(FINDINGS, ("playbook/tone.yml", "playbook/usage-charter.yml", "playbook/crisis.yml", "drafts/a b.md"), "1.2.3")
CLEAN = Report((), ("playbook/tone.yml",), "1.2.3")


def test_text_lists_position_severity_code_message_and_hint():
    text = render("text", REPORT, REGISTRY)
    lines = text.splitlines()
    assert "drafts/a b.md:1:1: info PB999 multi" in lines[0]
    assert "playbook/tone.yml:4:3: error PB103 unknown field `registre`" in text
    assert "  hint: Did you mean `register`?" in text
    assert lines[-1] == "3 problems (1 error, 1 warning, 1 info)"
    assert "\033[" not in text


def test_text_colour_only_when_asked():
    assert "\033[31merror" in render("text", REPORT, REGISTRY, color=True)


def test_text_clean():
    assert render("text", CLEAN, REGISTRY) == "No problems found in 1 file.\n"


def test_json_contract():
    payload = json.loads(render("json", REPORT, REGISTRY))
    assert payload["counts"] == {"error": 1, "warning": 1, "info": 1}
    first = payload["findings"][1]
    assert first == {"code": "PB103", "severity": "error", "path": "playbook/tone.yml", "line": 4, "column": 3,
                     "message": "unknown field `registre`", "hint": "Did you mean `register`?"}


def test_sarif_is_valid_sarif_2_1_0():
    log = json.loads(render("sarif", REPORT, REGISTRY))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    assert run["tool"]["driver"]["version"] == "1.2.3"
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert "PB103" in rule_ids
    result = next(r for r in run["results"] if r["ruleId"] == "PB103")
    assert rule_ids[result["ruleIndex"]] == "PB103"
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 4, "startColumn": 3}
    info = next(r for r in run["results"] if r["ruleId"] == "PB999")
    assert info["level"] == "note" and "ruleIndex" not in info


def test_sarif_clean_run_is_valid():
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(json.loads(render("sarif", CLEAN, REGISTRY)))


def test_github_annotations_escape_data_and_properties():
    lines = render("github", REPORT, REGISTRY).splitlines()
    assert lines[1] == "::error file=playbook/tone.yml,line=4,col=3,title=PB103::unknown field `registre`%0ADid you mean `register`?"
    assert lines[0].startswith("::notice file=drafts/a b.md,line=1,col=1,title=PB999::multi%0Aline %25 message")
    assert lines[2].startswith("::warning file=playbook/usage-charter.yml,line=2,col=16,")


def test_junit_one_testcase_per_file():
    root = ET.fromstring(render("junit", REPORT, REGISTRY))
    cases = root.findall("./testsuite/testcase")
    assert sorted(case.get("name") for case in cases) == sorted(REPORT.files)
    failing = {case.get("name") for case in cases if case.find("failure") is not None}
    assert failing == {"playbook/tone.yml", "playbook/usage-charter.yml", "drafts/a b.md"}
    assert root.find("testsuite").get("failures") == "3"


def test_gitlab_code_quality():
    issues = json.loads(render("gitlab", REPORT, REGISTRY))
    assert {issue["severity"] for issue in issues} == {"major", "minor", "info"}
    assert all(len(issue["fingerprint"]) == 32 for issue in issues)
    assert len({issue["fingerprint"] for issue in issues}) == 3
    assert issues[1]["location"] == {"path": "playbook/tone.yml", "lines": {"begin": 4}}


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_renders_an_empty_report(name):
    assert render(name, Report(()), REGISTRY)


def test_auto_format():
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve_format("auto", {}) == "text"
    assert resolve_format("json", {"GITHUB_ACTIONS": "true"}) == "json"
