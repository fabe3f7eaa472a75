"""Each output format, checked the way its consumer reads it.

SARIF against the official 2.1.0 schema and GitHub's documented upload rules, GitLab Code
Quality against GitLab's own schema, JUnit against two XSDs (Jenkins', Ant's) with lxml and
read back by junitparser, GitHub annotations and job summary as GitHub parses them. Most tests
run the real command in a real git repository, from the top and from a subfolder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

import jsonschema
import junitparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from linter.core.findings import Finding, Report, Severity
from linter.core.i18n import Language
from linter.output import FORMATS, render, resolve_format
from linter.output.place import Place
from linter.rules import build_registry

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
REGISTRY = build_registry()
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
GITLAB_SCHEMA = json.loads((DATA / "gitlab-codeclimate.json").read_text(encoding="utf-8"))
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}  # GitLab's documented values
JUNIT_XSDS = {name: etree.XMLSchema(etree.parse(str(DATA / name))) for name in ("jenkins-junit.xsd",
                                                                             "windyroad-junit.xsd")}
PLAYBOOK = [sys.executable, "-m", "linter"]
# The starter's playbook is dated from today: the clock is pinned two weeks ahead, every draft
# is due the next day.
NOW = dt.datetime.combine(dt.date.today() + dt.timedelta(days=14), dt.time(8, 0))
CLOCK = ("--now", NOW.isoformat(timespec="minutes") + "+01:00")

FINDINGS = (
    Finding("PB103", Severity.ERROR, "playbook/tone.yml", 4, 3, "unknown field `registre`", "Did you mean `register`?"),
    Finding("PB209", Severity.WARNING, "playbook/usage-charter.yml", 2, 16, "the usage charter is overdue, 50%: a, b"),
    Finding("PB999", Severity.INFO, "drafts/a b.md", 1, 1, "multi\nline % message"),
)
ENGLISH = Language("en")  # the texts asserted are the English ones; tests/test_i18n.py reads the French
REPORT = Report(FINDINGS, ("playbook/tone.yml", "playbook/usage-charter.yml", "playbook/crisis.yml", "drafts/a b.md"),
                "1.2.3", ENGLISH)
CLEAN = Report((), ("playbook/tone.yml",), "1.2.3", ENGLISH)


def draft(front: dict[str, str], body: str) -> str:
    due = (NOW + dt.timedelta(days=1)).date().isoformat()
    fields = {"channel": "facebook", "kind": "information", "publish_at": f"{due}T10:00+01:00",
              "author": "camille-martin", **front}
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields.items()) + "---\n" + body + "\n"


ERROR_DRAFT = draft({"channel": "facebok"}, "Bonjour à toutes et à tous.")  # PB302 at 2:10
WARNING_DRAFT = draft({}, "ATTENTION, la boutique sera FERMÉE le lundi 3 mai et TOUT le mardi.")  # PB313
EMOJI_DRAFT = draft({}, "🎉🎉 Le récit de la récolte est sur le Carnet : à lire.")  # PB312 after two emoji


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    """`playbook init`, once: a playbook that passes, whose queue rules (PB4xx, about the week's
    calendar) are switched off so that each test sees only its drafts' findings."""
    root = tmp_path_factory.mktemp("starter") / "équipe"
    subprocess.run([*PLAYBOOK, "init", str(root), "--name", "Cidrerie du Val", "--source", "index"], check=True,
                   capture_output=True)
    lint = root / "playbook" / "lint.yml"
    lint.write_text(re.sub(r"(?m)^disable: \[\]$", "disable: [PB4]", lint.read_text(encoding="utf-8")),
                    encoding="utf-8")
    for example in (root / "drafts").glob("*.md"):
        example.unlink()
    return root


@pytest.fixture
def repo(starter, tmp_path) -> Path:
    """A team's repository: the starter's playbook and three drafts (an error, a warning, an info)."""
    root = tmp_path / "équipe"
    shutil.copytree(starter, root)
    (root / "drafts" / "erreur.md").write_text(ERROR_DRAFT, encoding="utf-8")
    (root / "drafts" / "majuscules.md").write_text(WARNING_DRAFT, encoding="utf-8")
    (root / "drafts" / "emoji.md").write_text(EMOJI_DRAFT, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {key: value for key, value in os.environ.items()
               if not key.startswith(("GITHUB_", "PLAYBOOK_"))}
    environ.update({"NO_COLOR": "1", "PLAYBOOK_LANG": "en", **(env or {})})
    clock = CLOCK if args[0] in ("lint", "check") else ()
    return subprocess.run([*PLAYBOOK, *args, *clock], cwd=cwd, capture_output=True, text=True, env=environ)


def place(root: Path, cwd: Path | None = None, site_url: str | None = None, **environ: str) -> Place:
    return Place(str((cwd or root).resolve()), str(root.resolve()), site_url, environ)


# -- GitHub's documented rules for uploaded SARIF ------------------------------------------------
_URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$")


def github_upload_problems(log: dict) -> list[str]:
    """What GitHub code scanning documents for uploads, beyond the schema.

    From "SARIF support for code scanning" and "SARIF results exceed limits": at most 20 runs,
    25,000 results and 25,000 rules per run, 1,000 locations per result, 20 tags per rule; a
    result needs ruleId, message.text and a physical location whose artifactLocation.uri is
    non-empty and relative to the repository root (through uriBaseId) or absolute; stable
    partialFingerprints avoid duplicate alerts. SARIF itself (3.4.4) wants a uriBaseId's own URI
    absolute and ending with a slash, and a uri under a uriBaseId relative.
    """
    problems = []
    if log.get("version") != "2.1.0":
        problems.append("version must be 2.1.0")
    runs = log.get("runs", [])
    if not 1 <= len(runs) <= 20:
        problems.append(f"{len(runs)} runs")
    for run in runs:
        rules = run["tool"]["driver"].get("rules", [])
        results = run.get("results", [])
        if len(results) > 25_000 or len(rules) > 25_000:
            problems.append("too many results or rules")
        bases = run.get("originalUriBaseIds", {})
        for name, base in bases.items():
            if not urlsplit(base["uri"]).scheme or not base["uri"].endswith("/"):
                problems.append(f"base {name} is not an absolute URI ending with /")
        for rule in rules:
            if len(rule.get("properties", {}).get("tags", [])) > 20:
                problems.append(f"{rule['id']}: more than 20 tags")
            if not rule.get("shortDescription", {}).get("text") or not rule.get("help", {}).get("text"):
                problems.append(f"{rule['id']}: no short description or help text")
        for result in results:
            if not result.get("ruleId") or not result.get("message", {}).get("text"):
                problems.append("a result lacks ruleId or message.text")
            if not result.get("partialFingerprints"):
                problems.append(f"{result.get('ruleId')}: no partialFingerprints")
            locations = result.get("locations", [])
            if not 1 <= len(locations) <= 1000:
                problems.append(f"{result.get('ruleId')}: {len(locations)} locations")
            for location in locations:
                artifact = location["physicalLocation"]["artifactLocation"]
                uri = artifact.get("uri", "")
                if not uri or not _URI_REFERENCE.match(uri):
                    problems.append(f"{uri!r} is not a percent-encoded URI reference")
                if "uriBaseId" in artifact:
                    if artifact["uriBaseId"] not in bases:
                        problems.append(f"{uri}: unknown uriBaseId")
                    if urlsplit(uri).scheme or uri.startswith("/"):
                        problems.append(f"{uri}: must be relative under its uriBaseId")
                elif not urlsplit(uri).scheme:
                    problems.append(f"{uri}: relative without uriBaseId")
    return problems


def sarif_results(log: dict) -> list[dict]:
    return log["runs"][0]["results"]


def uri_of(result: dict) -> str:
    return result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


# -- text and JSON ---------------------------------------------------------------------------------
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


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_renders_an_empty_report(name, tmp_path):
    assert render(name, Report(()), REGISTRY, place=place(tmp_path))


def test_auto_format():
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve_format("auto", {}) == "text"
    assert resolve_format("json", {"GITHUB_ACTIONS": "true"}) == "json"


# -- one path rule: from the repository root in SARIF, github and gitlab --------------------------
def test_from_a_subfolder_ci_formats_name_files_from_the_repository_root_json_keeps_them_as_given(repo):
    here = repo / "drafts"
    github = run(here, "lint", "--playbook", "../playbook", "--format", "github", "erreur.md")
    assert github.returncode == 1, github.stderr
    assert "::error file=drafts/erreur.md,line=2,col=10,title=PB302::" in github.stdout
    sarif = json.loads(run(here, "lint", "--playbook", "../playbook", "--format", "sarif", "erreur.md").stdout)
    assert {uri_of(result) for result in sarif_results(sarif)} == {"drafts/erreur.md"}
    assert sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    gitlab = json.loads(run(here, "lint", "--playbook", "../playbook", "--format", "gitlab", "erreur.md").stdout)
    assert {issue["location"]["path"] for issue in gitlab} == {"drafts/erreur.md"}
    plain = json.loads(run(here, "lint", "--playbook", "../playbook", "--format", "json", "./erreur.md").stdout)
    assert {finding["path"] for finding in plain["findings"]} == {"./erreur.md"}


def test_absolute_and_dotted_paths_become_repository_paths_too(repo):
    absolute = str(repo / "drafts" / "erreur.md")
    github = run(repo / "drafts", "lint", "--playbook", str(repo / "playbook"), "--format", "github", absolute)
    assert "::error file=drafts/erreur.md,line=2," in github.stdout
    # A playbook file named through ../ (a broken one, so that it has a finding)
    (repo / "playbook" / "tone.yml").write_text("voice: [\n", encoding="utf-8")
    sarif = json.loads(run(repo / "drafts", "validate", "../playbook", "--format", "sarif").stdout)
    assert {uri_of(result) for result in sarif_results(sarif)} == {"playbook/tone.yml"}
    gitlab = json.loads(run(repo / "drafts", "validate", "../playbook", "--format", "gitlab").stdout)
    assert {issue["location"]["path"] for issue in gitlab} == {"playbook/tone.yml"}


def test_a_file_outside_the_repository_gets_an_absolute_uri_in_sarif(tmp_path):
    inside, outside = tmp_path / "repo", tmp_path / "elsewhere.md"
    (inside / ".git").mkdir(parents=True)
    finding = Finding("PB302", Severity.ERROR, str(outside), 2, 10, "the channel 'facebok' is not defined")
    log = json.loads(render("sarif", Report((finding,), (str(outside),)), REGISTRY, place=place(inside)))
    assert uri_of(sarif_results(log)[0]) == outside.resolve().as_uri()
    assert "uriBaseId" not in sarif_results(log)[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert github_upload_problems(log) == []
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)


# -- SARIF ---------------------------------------------------------------------------------------
def test_sarif_of_a_real_run_is_valid_sarif_and_meets_githubs_upload_rules(repo):
    result = run(repo, "check", "--format", "sarif")
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert github_upload_problems(log) == []
    results = sarif_results(log)
    assert {(r["ruleId"], r["level"], uri_of(r)) for r in results} >= {
        ("PB302", "error", "drafts/erreur.md"), ("PB313", "warning", "drafts/majuscules.md"),
        ("PB312", "note", "drafts/emoji.md")}
    rule_ids = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in results)
    bad = next(r for r in results if r["ruleId"] == "PB302")
    assert bad["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert bad["message"]["text"].endswith("Hint: Did you mean 'facebook'? Otherwise add 'facebok' to channels.yml.")


def test_sarif_clean_run_is_valid(tmp_path):
    log = json.loads(render("sarif", CLEAN, REGISTRY, place=place(tmp_path)))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert github_upload_problems(log) == []


def test_sarif_uris_are_percent_encoded_and_decode_to_the_file(repo):
    folder = repo / "drafts" / "dir with space"
    folder.mkdir()
    (folder / "é#1.md").write_text(ERROR_DRAFT, encoding="utf-8")
    log = json.loads(run(repo, "lint", "--format", "sarif", "drafts/dir with space").stdout)
    (uri,) = {uri_of(result) for result in sarif_results(log)}
    assert uri == "drafts/dir%20with%20space/%C3%A9%231.md"
    assert (repo / unquote(uri)).is_file()
    assert github_upload_problems(log) == []
    github = run(repo, "lint", "--format", "github", "drafts/dir with space").stdout
    assert "::error file=drafts/dir with space/é#1.md,line=2," in github


def test_sarif_columns_count_code_points_and_say_so(repo):
    log = json.loads(run(repo, "lint", "--format", "sarif", "drafts/emoji.md").stdout)
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"
    (finding,) = [r for r in sarif_results(log) if r["ruleId"] == "PB312"]
    region = finding["locations"][0]["physicalLocation"]["region"]
    line = EMOJI_DRAFT.splitlines()[region["startLine"] - 1]
    assert line.startswith("🎉🎉")
    assert region["startColumn"] == line.index(" :") + 1  # code points: two fewer than UTF-16 units
    assert line.encode("utf-16-le")[: 2 * (region["startColumn"] - 1)].decode("utf-16-le") != line[: line.index(" :")]


def test_fingerprints_survive_lines_inserted_above_in_sarif_and_gitlab(repo):
    before_sarif = json.loads(run(repo, "lint", "--format", "sarif").stdout)
    before_gitlab = json.loads(run(repo, "lint", "--format", "gitlab").stdout)
    for name in ("majuscules.md", "emoji.md"):
        path = repo / "drafts" / name
        head, body = path.read_text(encoding="utf-8").rsplit("---\n", 1)
        path.write_text(head + "---\nUne première ligne ajoutée.\n\nPuis une autre.\n\n" + body, encoding="utf-8")
    after_sarif = json.loads(run(repo, "lint", "--format", "sarif").stdout)
    after_gitlab = json.loads(run(repo, "lint", "--format", "gitlab").stdout)

    def sarif_prints(log: dict) -> dict[str, tuple[str, int]]:
        return {r["partialFingerprints"]["playbookFinding/v1"]: (r["ruleId"], r["locations"][0]["physicalLocation"]
                                                                 ["region"]["startLine"]) for r in sarif_results(log)}

    before, after = sarif_prints(before_sarif), sarif_prints(after_sarif)
    assert before.keys() == after.keys() and len(before) == len(sarif_results(before_sarif))
    moved = [key for key in before if before[key][1] != after[key][1]]
    assert {before[key][0] for key in moved} >= {"PB313", "PB312"}  # same issue, new line
    gitlab_before = {issue["fingerprint"]: issue["location"]["lines"]["begin"] for issue in before_gitlab}
    gitlab_after = {issue["fingerprint"]: issue["location"]["lines"]["begin"] for issue in after_gitlab}
    assert gitlab_before.keys() == gitlab_after.keys() and gitlab_before != gitlab_after


def test_fingerprints_do_not_depend_on_the_language_of_the_messages(repo):
    """The same issue read in French or in English is one issue to code scanning and GitLab."""
    for fmt, prints in (("sarif", lambda log: sorted(r["partialFingerprints"]["playbookFinding/v1"]
                                                     for r in sarif_results(log))),
                        ("gitlab", lambda log: sorted(issue["fingerprint"] for issue in log))):
        french = json.loads(run(repo, "lint", "--format", fmt, "--lang", "fr").stdout)
        english = json.loads(run(repo, "lint", "--format", fmt, "--lang", "en").stdout)
        assert prints(french) and prints(french) == prints(english), fmt


def test_identical_findings_in_one_file_keep_distinct_fingerprints(tmp_path):
    twice = Report((Finding("PB307", Severity.ERROR, "drafts/a.md", 7, 1, "banned term 'gratuit'"),
                    Finding("PB307", Severity.ERROR, "drafts/a.md", 9, 4, "banned term 'gratuit'")))
    log = json.loads(render("sarif", twice, REGISTRY, place=place(tmp_path)))
    assert len({r["partialFingerprints"]["playbookFinding/v1"] for r in sarif_results(log)}) == 2
    issues = json.loads(render("gitlab", twice, REGISTRY, place=place(tmp_path)))
    assert len({issue["fingerprint"] for issue in issues}) == 2


def test_each_rule_links_to_its_page_of_the_published_site(repo):
    mkdocs = repo / "mkdocs.yml"  # the starter's, which holds MkDocs-only tags (!ENV)
    assert "!ENV" in mkdocs.read_text(encoding="utf-8")
    mkdocs.write_text("site_url: https://playbook.example.org/equipe/\n" + mkdocs.read_text(encoding="utf-8"),
                      encoding="utf-8")
    log = json.loads(run(repo / "drafts", "lint", "--playbook", "../playbook", "--format", "sarif").stdout)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert all(rule["helpUri"] == f"https://playbook.example.org/equipe/reference/regles/#{rule['id'].lower()}"
               for rule in rules)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    (repo / "pyproject.toml").write_text('[tool.playbook]\nsite_url = "https://intranet.example.fr/playbook"\n',
                                         encoding="utf-8")
    log = json.loads(run(repo, "lint", "--format", "sarif").stdout)
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"].startswith(
        "https://intranet.example.fr/playbook/reference/regles/#pb")


def test_a_site_built_as_files_gets_help_links_to_html_pages(repo):
    """The offline plugin (a site that works from a copied folder) turns directory URLs off."""
    mkdocs = repo / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - offline\n", 1)
    mkdocs.write_text("site_url: https://playbook.example.org/\n" + text, encoding="utf-8")
    log = json.loads(run(repo, "lint", "--format", "sarif").stdout)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules and all(rule["helpUri"] == f"https://playbook.example.org/reference/regles.html#{rule['id'].lower()}"
                         for rule in rules)


def test_without_a_known_site_there_is_no_help_uri_rather_than_a_dead_link(repo):
    log = json.loads(run(repo, "lint", "--format", "sarif").stdout)
    assert not [rule for rule in log["runs"][0]["tool"]["driver"]["rules"] if "helpUri" in rule]


def test_a_bad_site_url_in_pyproject_is_refused_with_a_reason(repo):
    (repo / "pyproject.toml").write_text('[tool.playbook]\nsite_url = "intranet/playbook"\n', encoding="utf-8")
    result = run(repo, "lint", "--format", "sarif")
    assert result.returncode == 2
    assert "site_url" in result.stderr and "Traceback" not in result.stderr


def test_the_help_uri_points_at_the_anchor_the_site_really_has():
    from linter.core.i18n import ENGLISH
    from linter.site.pages import common, reference

    assert common.RULES == "reference/regles.md"  # what Place.help_url links to (reference/regles/)
    page = reference.render_rules(REGISTRY, ENGLISH)
    assert all(f"{{#{rule.code.lower()}}}" in page for rule in REGISTRY)


def test_sarif_reads_back_into_the_same_findings(repo):
    """The composite action turns its one SARIF report into annotations: nothing is lost on the way."""
    from linter.output.sarif import read

    here = place(repo)
    findings = (*FINDINGS, Finding("PB313", Severity.WARNING, "drafts/x y/é#.md", 3, 5, "CAPS", None, None, 3, 9))
    report = Report(findings, ("drafts/x y/é#.md", "playbook/tone.yml"), "1.2.3")
    back = read(render("sarif", report, REGISTRY, place=here), here.root)
    assert render("github", back, REGISTRY, place=here) == render("github", report, REGISTRY, place=here)
    assert back.counts == report.counts and back.tool_version == "1.2.3"


# -- GitHub annotations and job summary ------------------------------------------------------------
def test_github_annotations_escape_data_and_properties(tmp_path):
    lines = render("github", REPORT, REGISTRY, place=place(tmp_path)).splitlines()
    assert lines[1] == ("::error file=playbook/tone.yml,line=4,col=3,title=PB103::unknown field `registre`%0A"
                        "Did you mean `register`?")
    assert lines[0].startswith("::notice file=drafts/a b.md,line=1,col=1,title=PB999::multi%0Aline %25 message")
    assert lines[2].startswith("::warning file=playbook/usage-charter.yml,line=2,col=16,")


def test_inside_actions_the_job_summary_counts_findings_and_links_to_their_lines(repo, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("## An earlier step\n\n", encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_SERVER_URL": "https://github.com",
           "GITHUB_REPOSITORY": "cidrerie/playbook", "GITHUB_SHA": "0123abc"}
    result = run(repo / "drafts", "check", "--playbook", "../playbook", ".", env=env)
    assert result.returncode == 1
    assert "::error file=drafts/erreur.md,line=2,col=10,title=PB302::" in result.stdout  # auto = github
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## An earlier step\n\n## Playbook check\n")  # appended, not overwritten
    assert "The check fails: 1 error, 1 warning, 1 info" in text
    assert "| ❌ error | 1 |" in text and "| ⚠️ warning | 1 |" in text
    assert re.search(r"^\| PB302 \| A draft names a channel.* \| 1 \|$", text, re.M)
    assert ("[drafts/erreur.md:2](https://github.com/cidrerie/playbook/blob/0123abc/drafts/erreur.md#L2) "
            "**PB302** the channel 'facebok' is not defined") in text
    assert text.index("PB302** the channel") < text.index("PB313**") < text.index("PB312**")  # worst first


def test_the_job_summary_is_only_written_inside_actions_and_only_with_annotations(repo, tmp_path):
    summary = tmp_path / "summary.md"
    run(repo, "lint", "--format", "json", env={"GITHUB_STEP_SUMMARY": str(summary)})
    run(repo, "lint", "--format", "github")
    assert not summary.exists()
    clean = repo / "drafts"
    for name in ("erreur.md", "majuscules.md", "emoji.md"):
        (clean / name).unlink()
    result = run(repo, "lint", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0
    assert "No problems found" in summary.read_text(encoding="utf-8")


def test_an_unwritable_summary_is_a_warning_not_a_failure(repo, tmp_path):
    result = run(repo, "lint", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(tmp_path / "no" / "such.md")})
    assert result.returncode == 1  # the findings decide, not the summary
    assert "playbook: warning: cannot write the job summary" in result.stderr


def test_the_summary_lists_only_the_first_findings_but_counts_them_all(tmp_path):
    from linter.output.github import SUMMARY_FINDINGS, summary

    many = Report(tuple(Finding("PB313", Severity.WARNING, "drafts/a.md", line, 1, "too | many *caps*")
                        for line in range(1, 60)), ("drafts/a.md",), lang=ENGLISH)
    text = summary(many, REGISTRY, place(tmp_path))
    assert f"### First findings ({SUMMARY_FINDINGS} of 59)" in text
    assert text.count("\n- ⚠️") == SUMMARY_FINDINGS
    assert "too \\| many \\*caps\\*" in text  # Markdown table and emphasis characters escaped


# -- GitLab Code Quality ---------------------------------------------------------------------------
def test_gitlab_code_quality_of_a_real_run_meets_gitlabs_schema(repo):
    issues = json.loads(run(repo / "drafts", "check", "--playbook", "../playbook", "--format", "gitlab", ".").stdout)
    assert isinstance(issues, list) and issues
    validator = jsonschema.Draft7Validator(GITLAB_SCHEMA)
    for issue in issues:
        validator.validate(issue)
        assert issue["severity"] in GITLAB_SEVERITIES
        assert issue["check_name"].startswith("PB") and issue["location"]["lines"]["begin"] >= 1
    assert {(i["check_name"], i["severity"], i["location"]["path"]) for i in issues} >= {
        ("PB302", "major", "drafts/erreur.md"), ("PB313", "minor", "drafts/majuscules.md"),
        ("PB312", "info", "drafts/emoji.md")}
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


# -- JUnit -------------------------------------------------------------------------------------------
def junit_checks(xml: str) -> junitparser.JUnitXml:
    """The report as both consumers read it: each XSD through lxml, then junitparser."""
    document = etree.fromstring(xml.encode("utf-8"))
    for name, schema in JUNIT_XSDS.items():
        assert schema.validate(document), (name, schema.error_log)
    return junitparser.JUnitXml.fromstring(xml.encode("utf-8"))


def test_junit_of_a_run_with_an_error_fails_only_that_file(repo):
    result = run(repo, "check", "--format", "junit")
    assert result.returncode == 1
    suites = junit_checks(result.stdout)
    (suite,) = list(suites)
    cases = {case.name: case for case in suite}
    assert suite.failures == 1 and suite.tests == len(cases) == 13  # 10 playbook files, 3 drafts
    failing = [name for name, case in cases.items() if not case.is_passed]
    assert failing == ["drafts/erreur.md"]
    (failure,) = cases["drafts/erreur.md"].result
    assert failure.type == "error" and "PB302" in failure.message
    out = ET.fromstring(result.stdout).find("./testsuite/system-out").text
    assert "drafts/majuscules.md:7:" in out and "warning PB313" in out and "info PB312" in out


def test_junit_warnings_fail_only_with_strict_as_the_exit_code_does(repo):
    (repo / "drafts" / "erreur.md").unlink()
    relaxed = run(repo, "check", "--format", "junit")
    assert relaxed.returncode == 0
    suite = next(iter(junit_checks(relaxed.stdout)))
    assert suite.failures == 0 and all(case.is_passed for case in suite)
    strict = run(repo, "check", "--format", "junit", "--strict")
    assert strict.returncode == 1
    suite = next(iter(junit_checks(strict.stdout)))
    assert suite.failures == 1
    assert [case.name for case in suite if not case.is_passed] == ["drafts/majuscules.md"]
    properties = {prop.name: prop.value for prop in suite.properties()}
    assert properties["playbook.strict"] == "true" and properties["playbook.warnings"] == "1"


def test_junit_survives_control_characters_in_a_front_matter_value(repo):
    # YAML's escapes put control characters in a value; XML 1.0 cannot hold them
    (repo / "drafts" / "erreur.md").write_text(draft({"channel": '"face\\x01bok\\e"'}, "Bonjour."), encoding="utf-8")
    result = run(repo, "lint", "--format", "junit", "drafts/erreur.md")
    assert result.returncode == 1
    suite = next(iter(junit_checks(result.stdout)))
    (case,) = list(suite)
    (failure,) = case.result
    assert "face\\x01bok\\x1b" in failure.text  # visible, where the raw byte would break the XML
    raw = run(repo, "lint", "--format", "json", "drafts/erreur.md").stdout
    assert "face\\u0001bok\\u001b" in raw  # the value really holds the control characters


def test_junit_has_no_file_attribute_the_schemas_refuse(repo):
    root = ET.fromstring(run(repo, "lint", "--format", "junit").stdout)
    assert all("file" not in case.attrib for case in root.iter("testcase"))


def test_junit_of_findings_built_in_memory(tmp_path):
    xml = render("junit", REPORT, REGISTRY)
    suite = next(iter(junit_checks(xml)))
    assert suite.failures == 1  # only the error fails without --strict
    assert sorted(case.name for case in suite) == sorted(REPORT.files)
    assert next(iter(junit_checks(render("junit", REPORT, REGISTRY, strict=True)))).failures == 2


_ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(code=_ANY_TEXT, path=_ANY_TEXT, line=st.integers(0, 10**9), column=st.integers(0, 10**9),
       message=_ANY_TEXT, hint=st.none() | _ANY_TEXT, severity=st.sampled_from(list(Severity)))
def test_json_writes_each_finding_as_json_dumps_with_indent_would(code, path, line, column, message, hint, severity):
    """The JSON format writes its document piece by piece, and each finding from a template (json's
    indented encoder is slow): byte for byte the document ``json.dumps(payload, indent=2)`` gives.

    Line separators other than ``\\n`` (U+0085, U+2028, ``\\x1c``…) are written raw inside strings:
    re-indenting by lines once added spaces after them, inside the message."""
    finding = Finding(code, severity, path, line, column, message, hint)
    report = Report((finding,), lang=Language("en"))
    item = {"code": code, "severity": severity.value, "path": path, "line": line, "column": column,
            "message": message, "hint": hint}
    expected = json.dumps({"findings": [item], "counts": report.counts, "language": "en"}, ensure_ascii=False,
                          indent=2) + "\n"
    assert render("json", report, build_registry()) == expected


def test_gitlab_and_sarif_keep_line_separators_inside_messages(tmp_path):
    """The same bug in the formats that nest an indented piece: the message read back is the message."""
    message = "avant\x85après\u2028fin\x1c."
    report = Report((Finding("PB303", Severity.ERROR, "drafts/a.md", 2, 1, message, "x\u2029y"),), lang=Language("en"))
    gitlab = json.loads(render("gitlab", report, build_registry(), place=place(tmp_path)))
    assert message in gitlab[0]["description"]
    sarif = json.loads(render("sarif", report, build_registry(), place=place(tmp_path)))
    assert sarif["runs"][0]["results"][0]["message"]["text"].startswith(message)
