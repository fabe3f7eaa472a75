"""Issue #14, one test per reproduction: nothing lost, nothing leaked, no crash, no hang.

Each test builds the hostile input a user (or a pull request) could bring, runs the real
command line in a sandbox repository and checks what the user sees: a finding at
file:line:column or one line and exit 2, every machine format one valid document, files
outside the repository neither read nor written, drafts never corrupted.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from draft_helpers import NOW, ROOT, draft_text

from linter.cli import cli
from linter.core.i18n import Language

FORMATS = ("text", "json", "sarif", "junit", "gitlab", "github")
SECRET = "SECRET-7f3a9c-do-not-print"
FIXABLE = "Bonjour ! Notre nectar est prêt ! Venez vite ? Merci !!\n"  # PB308, PB312, PB314 all offer fixes


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository (a `.git` folder marks its root) with the sample playbook and one clean draft,
    a folder beside it that is *outside* the repository, holding a secret, and the run inside it."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    shutil.copytree(ROOT / "playbook", root / "playbook")
    (root / "drafts").mkdir()
    (root / "drafts" / "clean.md").write_text(draft_text("La boutique ouvre samedi de 9 h à 12 h.\n"),
                                              encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(draft_text(f"{SECRET} miracle\n"), encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> object:
    return CliRunner().invoke(cli, [*args, "--now", NOW] if args[0] in ("lint", "check") else list(args))


def run_process(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """The real console entry point in its own process: a test of a hang must be able to time out."""
    return subprocess.run([sys.executable, "-m", "linter", *args], cwd=root, capture_output=True, timeout=timeout,
                          check=False)


def parse_document(fmt: str, stdout: str) -> object:
    """The report as its consumer reads it; fails the test when it is not one valid document."""
    stdout.encode("utf-8")  # strict: a lone surrogate (an undecodable file name) fails here
    if fmt in ("json", "sarif", "gitlab"):
        return json.loads(stdout)
    if fmt == "junit":
        return ET.fromstring(stdout.encode("utf-8"))
    if fmt == "github":
        assert all(line.startswith(("::", "playbook")) for line in stdout.splitlines()), stdout
    return stdout


def json_findings(stdout: str) -> list[dict]:
    return json.loads(stdout)["findings"]


def assert_one_line_exit_2(result: object) -> None:
    """Exit 2 with one line saying why (and at most one line of hint), in whatever language the run speaks."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert 1 <= len(result.output.strip().splitlines()) <= 2, result.output


# -- data loss: --fix writes only over the bytes it computed from ------------------------------------
def test_fix_skips_a_draft_edited_between_reading_and_writing(repo: Path) -> None:
    """The editor saves while the fixes are computed: the edit survives, nothing is applied to it."""
    from linter.drafts.fix import fix_drafts
    from linter.drafts.run import lint_texts

    draft = repo / "drafts" / "post.md"
    draft.write_text(draft_text(FIXABLE), encoding="utf-8")
    edited = draft_text("Bonjour, tout est réécrit !\n")

    def relint_while_someone_edits(items: list[tuple[str, str]]) -> list:
        from draft_helpers import sample

        playbook, ctx = sample()
        findings = lint_texts(items, playbook, ctx)
        draft.write_text(edited, encoding="utf-8")  # the person saves at this very moment
        return findings

    [result] = fix_drafts([str(draft)], relint_while_someone_edits, lang=Language("en"))  # the reason read in English
    assert not result.written and "changed" in (result.error or "")
    assert draft.read_text(encoding="utf-8") == edited


def test_fix_skips_a_draft_saved_just_before_the_rename(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last look happens after the new text is on disk, right before os.replace."""
    from draft_helpers import sample

    from linter.drafts import fix as fix_module
    from linter.drafts.fix import fix_drafts
    from linter.drafts.run import lint_texts

    draft = repo / "drafts" / "post.md"
    draft.write_text(draft_text(FIXABLE), encoding="utf-8")
    edited = draft_text("Version de la dernière seconde !\n")
    real_fsync = os.fsync

    def fsync_then_someone_saves(descriptor: int) -> None:
        real_fsync(descriptor)
        with open(draft, "r+b") as handle:  # same file, new content: what an editor writing in place does
            handle.write(edited.encode("utf-8"))
            handle.truncate()

    monkeypatch.setattr(fix_module.os, "fsync", fsync_then_someone_saves)
    playbook, ctx = sample()
    [result] = fix_drafts([str(draft)], lambda items: lint_texts(items, playbook, ctx), lang=Language("en"))
    assert not result.written and "changed" in (result.error or "")
    assert draft.read_text(encoding="utf-8") == edited
    assert sorted(os.listdir(draft.parent)) == ["clean.md", "post.md"]  # no temporary file left


def test_two_fix_runs_at_once_never_corrupt_a_draft(repo: Path) -> None:
    """Two `lint --fix` on the same folder at the same moment: every draft ends fixed exactly once."""
    for number in range(120):
        (repo / "drafts" / f"p{number:03d}.md").write_text(draft_text(FIXABLE), encoding="utf-8")
    reference = repo.parent / "reference"
    shutil.copytree(repo, reference)
    assert run_process(reference, "lint", "--fix", "--now", NOW).returncode in (0, 1)
    expected = (reference / "drafts" / "p000.md").read_text(encoding="utf-8")
    assert expected != draft_text(FIXABLE)
    command = [sys.executable, "-m", "linter", "lint", "--fix", "--now", NOW]
    first = subprocess.Popen(command, cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    second = subprocess.Popen(command, cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for process in (first, second):
        _, errors = process.communicate(timeout=300)
        assert process.returncode in (0, 1) and b"Traceback" not in errors
    for number in range(120):
        assert (repo / "drafts" / f"p{number:03d}.md").read_text(encoding="utf-8") == expected, number


def test_fix_never_writes_through_a_link_nor_breaks_a_hard_link(repo: Path) -> None:
    target = repo.parent / "outside" / "fixable.md"
    target.write_text(draft_text(FIXABLE), encoding="utf-8")
    (repo / "drafts" / "link.md").symlink_to(target)
    inside = repo / "drafts" / "shared.md"
    inside.write_text(draft_text(FIXABLE), encoding="utf-8")
    os.link(inside, repo / "hard-link.md")
    result = run("lint", "--fix", "--lang", "en")  # the reason is read in English below
    assert "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == draft_text(FIXABLE)  # outside: untouched
    assert inside.read_text(encoding="utf-8") == draft_text(FIXABLE)
    assert os.stat(inside).st_nlink == 2  # still one file with two names
    assert "hard links" in result.output  # PB013's message gives the reason


def _pb013(fmt: str, stdout: str) -> list[tuple[str, int, int, str]]:
    """The PB013 findings of a json or sarif report as (path, line, column, level), the document validated."""
    document = parse_document(fmt, stdout)
    if fmt == "json":
        return [(item["path"], item["line"], item["column"], item["severity"])
                for item in document["findings"] if item["code"] == "PB013"]
    import jsonschema

    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    found = []
    for result in document["runs"][0]["results"]:
        if result["ruleId"] == "PB013":
            location = result["locations"][0]["physicalLocation"]
            found.append((location["artifactLocation"]["uri"], location["region"]["startLine"],
                          location["region"]["startColumn"], result["level"]))
            assert result["properties"]["hint"]  # the hint travels with it
    return found


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_fix_skipped_because_the_draft_changed_is_a_finding(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                              fmt: str) -> None:
    """Someone saves the draft just before the rename: the run says so in its report and fails."""
    from linter.drafts import fix as fix_module

    draft = repo / "drafts" / "post.md"
    draft.write_text(draft_text(FIXABLE), encoding="utf-8")
    edited = draft_text("Version de la dernière seconde.\n")
    real_fsync = os.fsync

    def fsync_then_someone_saves(descriptor: int) -> None:
        real_fsync(descriptor)
        with open(draft, "r+b") as handle:
            handle.write(edited.encode("utf-8"))
            handle.truncate()

    monkeypatch.setattr(fix_module.os, "fsync", fsync_then_someone_saves)
    result = run("lint", "--fix", "--format", fmt, "--lang", "en")
    assert result.exit_code == 1, result.output
    assert draft.read_text(encoding="utf-8") == edited
    assert "cannot fix" not in result.stderr  # a finding now, not a line on standard error
    if fmt in ("json", "sarif"):
        assert _pb013(fmt, result.stdout) == [("drafts/post.md", 1, 1, "error")]
    else:
        parse_document(fmt, result.stdout)
        assert "PB013" in result.stdout
    if fmt == "text":
        assert "drafts/post.md:1:1: error PB013 --fix left this file untouched: the file changed" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_fix_skipped_on_a_link_or_a_hard_link_is_a_finding(repo: Path, fmt: str) -> None:
    notes = repo / "notes"
    notes.mkdir()
    (notes / "real.md").write_text(draft_text(FIXABLE), encoding="utf-8")
    (repo / "drafts" / "link.md").symlink_to(Path("..") / "notes" / "real.md")  # inside the repository: read
    shared = repo / "drafts" / "shared.md"
    shared.write_text(draft_text(FIXABLE), encoding="utf-8")
    os.link(shared, notes / "other-name.md")
    result = run("lint", "--fix", "--format", fmt)
    assert result.exit_code == 1, result.output
    # SARIF names a file by where it really is in the repository (linter.output.place): the link's target
    link = "drafts/link.md" if fmt == "json" else "notes/real.md"
    assert sorted(_pb013(fmt, result.stdout)) == sorted([(link, 1, 1, "error"), ("drafts/shared.md", 1, 1, "error")])
    assert (notes / "real.md").read_text(encoding="utf-8") == draft_text(FIXABLE)
    assert shared.read_text(encoding="utf-8") == draft_text(FIXABLE) and os.stat(shared).st_nlink == 2
    assert (repo / "drafts" / "link.md").is_symlink()


def test_a_fix_that_was_written_is_no_finding(repo: Path) -> None:
    draft = repo / "drafts" / "post.md"
    draft.write_text(draft_text(FIXABLE), encoding="utf-8")
    result = run("lint", "--fix", "--format", "json")
    assert draft.read_text(encoding="utf-8") != draft_text(FIXABLE)
    assert "PB013" not in {item["code"] for item in json_findings(result.stdout)}


# -- leaks: links out of the repository, settings that point outside it -------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_link_out_of_the_repository_is_reported_not_read(repo: Path, fmt: str) -> None:
    (repo / "drafts" / "env.md").symlink_to(repo.parent / "outside" / "secret.md")
    if os.path.exists("/proc/self/environ"):
        (repo / "drafts" / "environ.md").symlink_to("/proc/self/environ")
    result = run("lint", "--format", fmt)
    assert SECRET not in result.output and "miracle" not in result.stdout
    parse_document(fmt, result.stdout)
    if fmt == "json":
        found = {(item["path"], item["code"], item["line"], item["column"]) for item in json_findings(result.stdout)}
        assert ("drafts/env.md", "PB012", 1, 1) in found


def test_a_link_to_a_folder_out_of_the_repository_is_reported_not_walked(repo: Path) -> None:
    (repo / "drafts" / "ailleurs").symlink_to(repo.parent / "outside")
    result = run("lint", "--format", "json")
    assert SECRET not in result.output
    assert ("drafts/ailleurs", "PB012") in {(item["path"], item["code"]) for item in json_findings(result.stdout)}


def test_a_link_inside_the_repository_is_followed(repo: Path) -> None:
    (repo / "notes").mkdir()
    (repo / "notes" / "post.md").write_text(draft_text("Un produit miracle !\n"), encoding="utf-8")
    (repo / "drafts" / "post.md").symlink_to(repo / "notes" / "post.md")
    found = {item["code"] for item in json_findings(run("lint", "--format", "json").stdout)}
    assert "PB307" in found and "PB012" not in found


@pytest.mark.parametrize(("where", "text"), [
    ("pyproject.toml", '[tool.playbook.paths]\ndrafts = "/"\n'),
    ("pyproject.toml", '[tool.playbook.paths]\ndrafts = "../outside"\n'),
    ("pyproject.toml", '[tool.playbook.paths]\ndrafts = "dr\\u0000afts"\n'),
    ("playbook/lint.yml", "paths:\n  drafts: ../../outside\n"),
])
def test_settings_cannot_point_outside_the_repository(repo: Path, where: str, text: str) -> None:
    (repo / where).write_text(text, encoding="utf-8")
    before = (repo.parent / "outside" / "secret.md").read_bytes()
    result = run("lint", "--fix", "--format", "json")
    assert_one_line_exit_2(result)
    assert SECRET not in result.output
    assert (repo.parent / "outside" / "secret.md").read_bytes() == before


def test_a_folder_named_on_the_command_line_may_be_outside(repo: Path) -> None:
    result = run("lint", "--format", "json", "../outside")
    assert result.exit_code == 1
    assert "PB307" in {item["code"] for item in json_findings(result.stdout)}


# -- what the rules see ------------------------------------------------------------------------------
def test_an_unclosed_comment_is_a_finding_and_the_rules_still_see_the_text(repo: Path) -> None:
    (repo / "drafts" / "hidden.md").write_text(
        draft_text("<!--\nUn jus miracle ! Appelez le 06 12 34 56 78.\n"), encoding="utf-8")
    found = {(item["code"], item["line"], item["column"])
             for item in json_findings(run("lint", "--format", "json").stdout)}
    assert ("PB392", 7, 1) in found
    assert {"PB307", "PB315"} <= {code for code, _, _ in found}


def test_a_closed_comment_still_hides_its_text(repo: Path) -> None:
    (repo / "drafts" / "note.md").write_text(
        draft_text("<!--\nmiracle\n-->\nLa boutique ouvre samedi.\n"), encoding="utf-8")
    found = {item["code"] for item in json_findings(run("lint", "--format", "json").stdout)}
    assert not found & {"PB392", "PB307"}


def test_a_zero_width_joiner_inside_a_banned_word_does_not_hide_it(repo: Path) -> None:
    (repo / "drafts" / "zwj.md").write_text(draft_text("Un jus mira\u200dcle, du Nec\u200dtar.\n"), encoding="utf-8")
    found = {item["code"] for item in json_findings(run("lint", "--format", "json").stdout)}
    assert {"PB307", "PB308"} <= found


def test_fix_on_a_front_matter_never_closed_leaves_the_keys_alone(repo: Path) -> None:
    draft = repo / "drafts" / "open.md"
    text = "---\nchannel: facebook\nkind: information\nauthor: sophie-guegan\n\nBonjour ! Ça va ?\n"
    draft.write_text(text, encoding="utf-8")
    result = run("lint", "--fix", "--format", "json", str(draft.relative_to(repo)))
    fixed = draft.read_text(encoding="utf-8")
    assert fixed.startswith("---\nchannel: facebook\nkind: information\nauthor: sophie-guegan\n"), fixed
    assert "PB301" in {item["code"] for item in json_findings(result.stdout)}


# -- crashes: a finding at file:line:column, or one line and exit 2, in every format --------------------
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("value", ["!!bool maybe", '!!int ""', '!!float ""'])
def test_an_unreadable_tagged_value_in_a_draft_is_a_finding(repo: Path, fmt: str, value: str) -> None:
    (repo / "drafts" / "tag.md").write_text(draft_text("Bonjour.\n", channel=value), encoding="utf-8")
    result = run("lint", "--format", fmt)
    assert result.exit_code == 1 and "Traceback" not in result.output
    parse_document(fmt, result.stdout)
    if fmt == "json":
        assert ("drafts/tag.md", "PB301", 2, 10) in {
            (item["path"], item["code"], item["line"], item["column"]) for item in json_findings(result.stdout)}


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unreadable_tagged_name_in_the_playbook_is_a_finding(repo: Path, fmt: str) -> None:
    organisation = repo / "playbook" / "organisation.yml"
    text = organisation.read_text(encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.startswith("name:"))
    organisation.write_text(text.replace("\nname: ", "\nname: !!bool maybe #", 1), encoding="utf-8")
    result = run("validate", "--format", fmt)
    assert result.exit_code == 1 and "Traceback" not in result.output
    parse_document(fmt, result.stdout)
    if fmt == "json":
        assert ("PB004", line, 7) in {(item["code"], item["line"], item["column"])
                                      for item in json_findings(result.stdout)}


def test_a_publish_at_at_the_end_of_time_is_a_finding(repo: Path) -> None:
    (repo / "drafts" / "late.md").write_text(draft_text("Bonjour.\n", publish_at="9999-12-31T23:00"),
                                             encoding="utf-8")
    result = run("check", "--format", "json")
    assert "Traceback" not in result.output
    assert ("PB301", 4, 13) in {(item["code"], item["line"], item["column"]) for item in json_findings(result.stdout)}


def test_a_now_outside_the_calendar_exits_2(repo: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--now", "0001-01-01T00:00+14:00"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_huge_reaction_window_is_a_finding(repo: Path) -> None:
    tone = repo / "playbook" / "tone.yml"
    tone.write_text(tone.read_text(encoding="utf-8").replace("reaction_window: 2h",
                                                             "reaction_window: 999999999999h"), encoding="utf-8")
    result = run("check", "--format", "json")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert any(item["path"].endswith("tone.yml") for item in json_findings(result.stdout))


@pytest.mark.parametrize("content", [
    "[tool.playbook]\ndisable = [\"PB312\"]\n".encode("utf-16"),
    b"[tool.playbook]\ndisable = [\"PB312\"]\n# caf\xe9\n",
])
def test_a_pyproject_that_is_not_utf8_is_one_line_and_exit_2(repo: Path, content: bytes) -> None:
    (repo / "pyproject.toml").write_bytes(content)
    assert_one_line_exit_2(run("check"))
    from linter.core.settings import ConfigError, resolve_settings

    with pytest.raises(ConfigError):  # what the MkDocs plugin turns into its own one-line error
        resolve_settings(".")


def test_a_baseline_of_nested_brackets_is_one_line_and_exit_2(repo: Path) -> None:
    (repo / "baseline.json").write_text("[" * 100_000, encoding="utf-8")
    assert_one_line_exit_2(run("check", "--baseline", "baseline.json"))


def test_negative_baseline_columns_never_reach_a_report(repo: Path) -> None:
    (repo / "baseline.json").write_text(json.dumps({"findings": [
        {"code": "PB312", "path": "drafts/x.md", "message": "gone", "line": -3, "column": -5}]}), encoding="utf-8")
    for fmt in FORMATS:
        result = run("check", "--baseline", "baseline.json", "--format", fmt)
        document = parse_document(fmt, result.stdout)
        if fmt == "json":
            [stale] = [item for item in document["findings"] if item["code"] == "PB903"]
            assert (stale["line"], stale["column"]) == (1, 1)
        # The repository's own path (as written, or as a file URI in SARIF) may hold "-5" (pytest-50/):
        # it is set aside, so that only a position can be found.
        shown = result.stdout
        for where in {repo, repo.resolve()}:
            shown = shown.replace(where.as_uri(), "").replace(str(where), "")
        assert ":-" not in shown and "-5" not in shown


def test_a_name_ending_in_a_line_break_still_makes_the_calendar_feeds(repo: Path) -> None:
    from linter.core.context import CheckContext
    from linter.core.i18n import FRENCH
    from linter.playbook.loader import load_playbook
    from linter.rules import build_registry
    from linter.site.pages.feeds import publications_ics, rota_ics

    organisation = repo / "playbook" / "organisation.yml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(text.replace("\nname: ", '\nname: "Pressoir\\n" #', 1), encoding="utf-8")
    registry = build_registry()
    loaded = load_playbook("playbook", registry, CheckContext.create(registry))
    assert loaded.playbook is not None and not loaded.has_errors  # validate accepts it...
    for feed in (publications_ics, rota_ics):  # ...so the site's feeds must be written too
        calendar = feed(loaded.playbook, dt.date(2026, 11, 23), FRENCH).decode("utf-8")
        assert "X-WR-CALNAME:" in calendar and "\n" not in calendar.replace("\r\n", "")


@pytest.mark.parametrize("name", ["A\udcffB", "A\uffffB", "A\x85B"])
def test_init_refuses_a_name_that_is_not_text_and_writes_nothing(tmp_path: Path, name: str) -> None:
    target = tmp_path / "nouveau"
    result = CliRunner().invoke(cli, ["init", str(target), "--name", name])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not target.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_file_names_that_are_not_utf8_give_valid_reports(repo: Path, fmt: str) -> None:
    name = os.fsdecode(b"drafts/caf\xe9\x1b[31m.md")
    Path(name).write_text(draft_text("Un jus miracle.\n"), encoding="utf-8")
    result = run("lint", "--format", fmt)
    assert result.exit_code == 1 and "Traceback" not in result.output
    document = parse_document(fmt, result.stdout)
    assert "xe9" in result.stdout  # written \xe9 (SARIF: percent-encoded in its URI)
    if fmt == "text":
        assert "\x1b" not in document and "\\x1b[31m" in document


# -- hangs and blow-ups ------------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["drafts/pipe.md", "playbook/tone.yml", "playbook/lint.yml", "baseline.json"])
def test_a_named_pipe_is_reported_never_opened(repo: Path, where: str) -> None:
    path = repo / where
    if path.exists():
        path.unlink()
    os.mkfifo(path)
    args = ["check", "--now", NOW, "--format", "json"] + (["--baseline", where] if where.endswith(".json") else [])
    done = run_process(repo, *args, timeout=120)
    assert b"Traceback" not in done.stderr
    if where.endswith(".json"):
        assert done.returncode == 2 and 1 <= len(done.stderr.strip().splitlines()) <= 2, done.stderr
    else:
        assert done.returncode == 1
        assert (where, "PB011") in {(item["path"], item["code"]) for item in json.loads(done.stdout)["findings"]}


def test_one_draft_cannot_flood_a_report(repo: Path) -> None:
    (repo / "drafts" / "flood.md").write_text(draft_text("Bonjour ! " * 3000 + "\n"), encoding="utf-8")
    result = run("lint", "--format", "sarif")
    results = [item for item in parse_document("sarif", result.stdout)["runs"][0]["results"]
               if item["ruleId"] == "PB312"]
    from linter.output.safe import MAX_PER_RULE

    assert len(results) == MAX_PER_RULE + 1
    assert re.search(r"2\D?950\b.*PB312", results[-1]["message"]["text"])  # "2,950 more PB312" in any language


def test_a_flood_is_grouped_where_it_is_made_and_every_format_stays_small(repo: Path) -> None:
    """10,000 findings of one rule: 50 listed, one that counts the rest; the totals still count all."""
    (repo / "drafts" / "flood.md").write_text(draft_text("Bonjour ! " * 10_000 + "\n"), encoding="utf-8")
    sizes = {}
    for fmt in FORMATS:
        result = run("lint", "--format", fmt, "--lang", "en")
        assert result.exit_code == 1, result.output  # PB408 (the calendar) is a warning... and PB303 an error
        parse_document(fmt, result.stdout)
        sizes[fmt] = len(result.stdout.encode("utf-8"))
    assert max(sizes.values()) < 400_000, sizes  # SARIF's rule descriptions weigh ~200 KB by themselves
    report = json.loads(run("lint", "--format", "json", "--lang", "en").stdout)
    flood = [item for item in report["findings"] if item["path"] == "drafts/flood.md" and item["code"] == "PB312"]
    assert len(flood) == 51 and flood[-1]["message"].startswith("... and 9,950 more PB312 findings")
    assert report["counts"]["info"] >= 10_000  # counted, not listed
    from linter.output.sarif import read

    sarif = run("lint", "--format", "sarif", "--lang", "en").stdout
    assert read(sarif, str(repo)).counts == report["counts"]  # the composite action's annotations count them too
    suite = parse_document("junit", run("lint", "--format", "junit", "--lang", "en").stdout)
    [failure] = [case.find("failure") for case in suite.iter("testcase") if case.get("name") == "drafts/flood.md"]
    assert int(re.match(r"([\d,]+) findings", failure.get("message")).group(1).replace(",", "")) >= 10_000


def test_fix_still_fixes_every_repeat_of_a_flood(repo: Path) -> None:
    draft = repo / "drafts" / "flood.md"
    draft.write_text(draft_text("Bonjour ! " * 2_000 + "\n"), encoding="utf-8")
    run("lint", "--fix")
    assert draft.read_text(encoding="utf-8").count("Bonjour\u202f!") == 2_000


def test_a_pasted_term_is_grouped_and_fix_still_replaces_every_one(repo: Path) -> None:
    draft = repo / "drafts" / "nectar.md"
    draft.write_text(draft_text("Notre nectar.\n" * 300), encoding="utf-8")
    found = [item for item in json_findings(run("lint", "--format", "json", "--lang", "en").stdout)
             if item["code"] == "PB308"]
    assert len(found) == 51 and found[-1]["message"].startswith("... and 250 more PB308 findings")
    run("lint", "--fix")
    assert draft.read_text(encoding="utf-8").count("Notre jus pressé.") == 300


def test_a_disabled_line_inside_a_flood_stays_disabled_and_the_rest_is_counted(repo: Path) -> None:
    body = ("<!-- playbook-disable-next-line PB312 -->\n" + "Bonjour ! " * 300 + "\n\n" + "Salut ! " * 70 + "\n")
    (repo / "drafts" / "flood.md").write_text(draft_text(body), encoding="utf-8")
    found = [item for item in json_findings(run("lint", "--format", "json", "--lang", "en").stdout)
             if item["path"] == "drafts/flood.md"]
    spacing = [item for item in found if item["code"] == "PB312"]
    assert {item["line"] for item in spacing} == {10}  # nothing from the disabled line, all of the next
    assert len(spacing) == 51 and spacing[-1]["message"].startswith("... and 20 more PB312 findings")
    assert "PB390" not in {item["code"] for item in found}  # the disable was used


def test_a_flood_disabled_for_the_whole_file_is_silent(repo: Path) -> None:
    body = "<!-- playbook-disable PB312 -->\n" + "Bonjour ! " * 5_000 + "\n"
    (repo / "drafts" / "flood.md").write_text(draft_text(body), encoding="utf-8")
    codes = {item["code"] for item in json_findings(run("lint", "--format", "json").stdout)
             if item["path"] == "drafts/flood.md"}
    assert "PB312" not in codes and "PB390" not in codes


def test_a_rule_that_stops_looking_says_at_least(repo: Path) -> None:
    """Recognising a phone number is what costs: past the limit, PB315 finds one more and stops."""
    (repo / "drafts" / "phones.md").write_text(draft_text("06 12 34 56 78, " * 500 + "\n"), encoding="utf-8")
    result = run("lint", "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    found = [item for item in json_findings(result.stdout) if item["code"] == "PB315"]
    assert len(found) == 51 and found[-1]["message"].startswith("... and at least 1 more PB315 finding")
    assert found[-1]["severity"] == "error"


def test_grouping_keeps_what_disables_need_and_merges_counts() -> None:
    from linter.core.findings import Finding, Severity
    from linter.core.repeats import group_repeats

    lang = Language("en")
    plain = [Finding("PB312", Severity.INFO, "a.md", 1, column, "m") for column in range(1, 11)]
    silenced_line = [Finding("PB312", Severity.INFO, "a.md", 2, column, "m") for column in range(1, 11)]
    standing = Finding("PB312", Severity.WARNING, "a.md", 3, 5, "", repeats=1000)

    def on_line_2(finding: Finding) -> str | None:
        return "disable line 2" if finding.line == 2 else None

    kept = group_repeats([*plain, *silenced_line, standing], lang, limit=4, silenced=on_line_2)
    assert [(f.line, f.column) for f in kept if not f.repeats] == [(1, 1), (1, 2), (1, 3), (1, 4), (2, 1)]
    [group] = [f for f in kept if f.repeats]
    assert (group.line, group.column, group.repeats, group.severity) == (1, 5, 1006, Severity.WARNING)
    assert group.message == "... and 1,006 more PB312 findings in this file (only the first 4 are listed)"
    assert group_repeats([*plain, standing], lang, limit=None) == [*plain, standing]


def test_the_cap_groups_only_what_repeats() -> None:
    from linter.core.findings import Finding, Report, Severity
    from linter.output.safe import MAX_PER_RULE, bounded

    many = [Finding("PB312", Severity.INFO, "a.md", 1, column, "m") for column in range(1, 100_001)]
    few = [Finding("PB307", Severity.ERROR, "a.md", 2, 1, "x"), Finding("PB312", Severity.INFO, "b.md", 1, 1, "m")]
    report = bounded(Report(tuple(many + few)))
    assert len(report.findings) == MAX_PER_RULE + 1 + 2
    assert [f.column for f in report.findings if f.path == "a.md" and f.code == "PB312"][-1] == MAX_PER_RULE + 1


# -- contract breaks -----------------------------------------------------------------------------------
def test_severity_off_as_explain_shows_it_works_unquoted(repo: Path) -> None:
    explained = CliRunner().invoke(cli, ["explain", "PB901"]).output
    assert "severity: off" in explained
    (repo / "playbook" / "lint.yml").write_text("rules:\n  PB307:\n    severity: off\n", encoding="utf-8")
    (repo / "drafts" / "post.md").write_text(draft_text("Un jus miracle.\n"), encoding="utf-8")
    result = run("check", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "PB307" not in {item["code"] for item in json_findings(result.stdout)}


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "junit"])
@pytest.mark.parametrize("fix", [False, True])
def test_diff_with_a_machine_format_keeps_one_document_on_stdout(repo: Path, fmt: str, fix: bool) -> None:
    draft = repo / "drafts" / "post.md"
    draft.write_text(draft_text(FIXABLE), encoding="utf-8")
    result = run("lint", "--diff", "--format", fmt, *(["--fix"] if fix else []))
    parse_document(fmt, result.stdout)
    assert "+++ b/drafts/post.md" in result.stderr and "+++" not in result.stdout
    assert (draft.read_text(encoding="utf-8") != draft_text(FIXABLE)) == fix
    assert result.exit_code == (0 if fix else 1)  # --diff alone: 1 when a fix is pending; --fix: what is left


def test_a_missing_folder_exits_2(repo: Path) -> None:
    assert_one_line_exit_2(run("lint", "nodir/"))


@pytest.mark.parametrize(("when", "severity", "taken"), [
    ("2027-03-28T02:30", "warning", "2027-03-28T03:30+02:00"),  # the clocks go forward: 02:30 does not exist
    ("2027-10-31T02:30", "info", "2027-10-31T02:30+02:00"),  # they go back: 02:30 happens twice
])
def test_a_time_the_clock_skips_or_repeats_says_which_instant_it_means(repo: Path, when: str, severity: str,
                                                                        taken: str) -> None:
    (repo / "drafts" / "dst.md").write_text(draft_text("Bonjour.\n", publish_at=when), encoding="utf-8")
    found = [item for item in json_findings(run("lint", "--format", "json").stdout)
             if item["path"] == "drafts/dst.md" and item["code"] == "PB301"]
    assert [(item["line"], item["column"], item["severity"]) for item in found] == [(4, 13, severity)]
    assert taken in found[0]["message"]


# -- streaming: the machine formats are written as they are made --------------------------------------
@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "junit"])
def test_machine_formats_are_written_piece_by_piece_and_stay_one_valid_document(repo: Path, fmt: str) -> None:
    """600 findings in 30 files: one piece per finding (per file for JUnit), joined into exactly the
    document the format's consumers validate (the published schemas, read by real parsers)."""
    import jsonschema
    from lxml import etree

    from linter.core.findings import Finding, Report, Severity
    from linter.output import render, stream
    from linter.rules import build_registry

    findings = tuple(Finding("PB312" if number % 2 else "PB307", Severity.INFO if number % 2 else Severity.ERROR,
                             f"drafts/d{number % 30:02d}.md", number + 1, 1, f"message « {number} »", "hint")
                     for number in range(600))
    report = Report(findings, tuple(f"drafts/d{number:02d}.md" for number in range(30)), "1.0", Language("en"))
    registry = build_registry()
    pieces = list(stream(fmt, report, registry))
    assert len(pieces) > (30 if fmt == "junit" else 600)
    document = "".join(pieces)
    assert document == render(fmt, report, registry)
    data = ROOT / "tests" / "data"
    if fmt == "junit":
        parsed = etree.fromstring(document.encode("utf-8"))
        for name in ("jenkins-junit.xsd", "windyroad-junit.xsd"):
            schema = etree.XMLSchema(etree.parse(str(data / name)))
            assert schema.validate(parsed), (name, schema.error_log)
        assert len(parsed.findall(".//testcase")) == 30
        return
    loaded = json.loads(document)
    if fmt == "sarif":
        jsonschema.Draft4Validator(json.loads((data / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
                                   ).validate(loaded)
        assert len(loaded["runs"][0]["results"]) == 600
    elif fmt == "gitlab":
        schema = json.loads((data / "gitlab-codeclimate.json").read_text(encoding="utf-8"))
        validator = jsonschema.Draft7Validator(schema)
        for issue in loaded:
            validator.validate(issue)
        assert len(loaded) == 600
    else:
        assert len(loaded["findings"]) == 600 and loaded["counts"] == {"error": 300, "warning": 0, "info": 300}


# -- the way out: the console script ends the process itself once its output is flushed --------------
def _many_findings(root: Path, drafts: int = 320) -> None:
    """Enough drafts to be linted by forked workers, each with findings: a report far larger than a pipe holds."""
    for number in range(drafts):
        (root / "drafts" / f"bruit-{number:03d}.md").write_text(draft_text(FIXABLE), encoding="utf-8")


def test_a_large_report_through_a_pipe_is_whole_and_the_exit_code_kept(repo: Path) -> None:
    _many_findings(repo)
    done = run_process(repo, "lint", "--strict", "--format", "json", "--now", NOW)
    assert done.returncode == 1, done.stderr
    assert done.stderr == b""
    findings = json_findings(done.stdout.decode("utf-8"))
    assert len(findings) >= 3 * 320
    assert {finding["path"] for finding in findings} == {f"drafts/bruit-{number:03d}.md" for number in range(320)}


def test_a_large_report_written_to_a_file_is_whole(repo: Path) -> None:
    _many_findings(repo)
    done = run_process(repo, "lint", "--strict", "--format", "sarif", "--output", "report.sarif", "--now", NOW)
    assert done.returncode == 1, done.stderr
    assert done.stdout == b""
    report = json.loads((repo / "report.sarif").read_text(encoding="utf-8"))
    assert len(report["runs"][0]["results"]) >= 3 * 320


def test_a_clean_run_exits_0_and_says_so(repo: Path) -> None:
    done = run_process(repo, "lint", "--now", NOW)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip(), "a clean run still says what it checked"


def test_a_reader_that_stops_early_ends_the_run_without_a_hang(repo: Path) -> None:
    """`playbook lint | head -1`: the rest of the report has nowhere to go; the run ends, it does not wait."""
    _many_findings(repo)
    process = subprocess.Popen([sys.executable, "-m", "linter", "lint", "--strict", "--format", "text", "--now", NOW],
                               cwd=repo,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    try:
        process.wait(timeout=120)
    finally:
        process.kill()
    assert first.startswith(b"drafts/bruit-000.md:"), first
    assert process.returncode == 1  # the findings' verdict, as if the whole report had been read
    assert b"Traceback" not in process.stderr.read()
