"""`playbook lint` and `playbook check` through the real CLI: reports, exit codes, fixes, big queues."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from draft_helpers import NOW, ROOT, draft_text

from linter.cli import cli

EXPECTED = ROOT / "drafts" / "expected-findings.json"  # also the baseline `make site` checks against


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """The messages these tests read are the English ones (PLAYBOOK_LANG), but for the sample's own report."""
    monkeypatch.setenv("PLAYBOOK_LANG", "en")


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A copy of the sample playbook and drafts; the test runs from its root, like CI does."""
    shutil.copytree(ROOT / "playbook", tmp_path / "playbook")
    shutil.copytree(ROOT / "drafts", tmp_path / "drafts")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def summary(findings: list[dict]) -> list[dict]:
    return [{key: finding[key] for key in ("path", "line", "column", "code", "severity")} for finding in findings]


def test_sample_drafts_give_the_expected_findings(repo, monkeypatch):
    """The sample drafts are clean except drafts/exemples-erreurs/, whose names say which rule fires.

    The report is in the sample playbook's language, French. After a deliberate change, regenerate
    the list with UPDATE_EXPECTED=1 and review the diff.
    """
    monkeypatch.delenv("PLAYBOOK_LANG")
    result = run("lint", "--now", NOW, "--format", "json")
    payload = json.loads(result.output)
    assert set(payload) == {"findings", "counts", "language"} and payload["language"] == "fr"
    if os.environ.get("UPDATE_EXPECTED"):
        EXPECTED.write_text(result.output, encoding="utf-8")
    assert payload == json.loads(EXPECTED.read_text(encoding="utf-8"))
    found = summary(payload["findings"])
    assert result.exit_code == 1
    for finding in found:
        assert finding["path"].startswith("drafts/exemples-erreurs/pb")
        assert Path(finding["path"]).name.startswith(finding["code"].lower())


def test_clean_drafts_pass_strict(repo):
    shutil.rmtree(repo / "drafts" / "exemples-erreurs")
    result = run("lint", "--now", NOW, "--strict")
    assert result.exit_code == 0, result.output
    assert "No problems found" in result.output


def test_the_collector_paused_over_a_run_resumes_after_it_even_when_it_fails(repo, monkeypatch):
    """`lint` pauses the cyclic garbage collector over the whole command (linter.drafts.run.collector_paused)."""
    import gc

    from linter.drafts import run as runner

    seen = []
    finish = runner.finish_queue
    monkeypatch.setattr(runner, "finish_queue", lambda *args, **kwargs: seen.append(gc.isenabled()) or finish(
        *args, **kwargs))
    assert gc.isenabled()
    assert run("lint", "--now", NOW).exit_code == 1
    assert seen == [False] and gc.isenabled()
    assert run("lint", "--now", NOW, "no-such-file.md").exit_code == 2
    assert gc.isenabled()


def test_explicit_paths_and_strict(repo):
    path = "drafts/exemples-erreurs/pb313-majuscules.md"
    assert run("lint", path, "--now", NOW).exit_code == 0  # a warning only
    strict = run("lint", path, "--now", NOW, "--strict", "--format", "json")
    assert strict.exit_code == 1
    assert "PB313" in [finding["code"] for finding in json.loads(strict.output)["findings"]]


def test_missing_path_exits_2_and_missing_default_folder_is_fine(repo):
    """A path typed on the command line that does not exist: the run cannot do what was asked (README)."""
    result = run("lint", "nulle-part/", "--now", NOW, "--format", "json")
    assert result.exit_code == 2
    assert "nulle-part/" in result.output and len(result.output.strip().splitlines()) <= 2
    shutil.rmtree(repo / "drafts")
    assert run("lint", "--now", NOW).exit_code == 0


def test_invalid_playbook_stops_lint_with_its_findings(repo):
    channels = repo / "playbook" / "channels.yml"
    channels.write_text(channels.read_text(encoding="utf-8").replace("max_chars: 280", "max_chars: beaucoup"),
                        encoding="utf-8")
    result = run("lint", "--now", NOW, "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.output)["findings"]
    assert found and all(finding["code"].startswith("PB1") for finding in found)
    assert "Traceback" not in result.output


def test_missing_playbook_folder_cannot_run(repo):
    result = run("lint", "--playbook", "absent", "--now", NOW)
    assert result.exit_code == 2
    assert "playbook folder not found" in result.output


def test_check_reports_playbook_and_drafts(repo):
    lint_yml = repo / "playbook" / "lint.yml"
    lint_yml.write_text("rules:\n  PB313:\n    severity: error\n  PB312: {severity: 'off'}\n", encoding="utf-8")
    result = run("check", "--now", NOW, "--format", "json")
    found = json.loads(result.output)["findings"]
    by_code = {finding["code"]: finding for finding in found}
    assert by_code["PB313"]["severity"] == "error"  # the playbook's override applies to drafts
    assert "PB312" not in by_code
    assert result.exit_code == 1


def test_fix_rewrites_the_draft_and_reports_what_is_left(repo):
    path = repo / "drafts" / "nouveau.md"
    path.write_text(draft_text("Notre nectar est prêt ! Venez vite!!\n"), encoding="utf-8")
    result = run("lint", str(path), "--now", NOW, "--fix", "--format", "json")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").endswith("Notre jus pressé est prêt\u202f! Venez vite\u202f!\n")
    assert json.loads(result.stdout)["findings"] == []
    assert result.stderr == "Fixed 4 problems in 1 file.\n"
    again = run("lint", str(path), "--now", NOW, "--fix")
    assert again.exit_code == 0 and path.read_text(encoding="utf-8").endswith("Venez vite\u202f!\n")


def test_fix_leaves_alone_the_rules_the_settings_switch_off(repo):
    (repo / "pyproject.toml").write_text('[tool.playbook]\ndisable = ["PB312"]\n', encoding="utf-8")
    path = repo / "drafts" / "nouveau.md"
    path.write_text(draft_text("Notre nectar est prêt !\n"), encoding="utf-8")
    result = run("lint", str(path), "--now", NOW, "--fix")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").endswith("Notre jus pressé est prêt !\n")


def test_diff_shows_fixes_without_writing(repo):
    path = repo / "drafts" / "nouveau.md"
    original = draft_text("Notre nectar est prêt !\n")
    path.write_text(original, encoding="utf-8")
    result = run("lint", str(path), "--now", NOW, "--diff")
    assert result.exit_code == 1
    assert "-Notre nectar est prêt !" in result.output and "+Notre jus pressé est prêt\u202f!" in result.output
    assert path.read_text(encoding="utf-8") == original
    clean = repo / "drafts" / "2027-03-01-horaires-de-mars.md"
    assert run("lint", str(clean), "--now", NOW, "--diff").exit_code == 0


def test_no_progress_bar_when_stderr_is_not_a_terminal(repo):
    result = run("lint", "--now", NOW, "--format", "json")
    assert result.stderr == ""
    json.loads(result.stdout)


def _bulk_queue(repo, count: int, linkedin_every: int = 0) -> list[str]:
    """``count`` copies of the PB308 example draft in repo/bulk, found as the command line finds them;
    every ``linkedin_every``-th copy is scheduled on LinkedIn, the others on X (PB406 then fires too)."""
    from linter.drafts.find import find_drafts

    source = (repo / "drafts" / "exemples-erreurs" / "pb308-mot-a-eviter.md").read_text(encoding="utf-8")
    bulk = repo / "bulk"
    bulk.mkdir()
    for index in range(count):
        on_linkedin = linkedin_every and index % linkedin_every == 0
        text = source.replace("channel: x", "channel: linkedin") if on_linkedin else source
        (bulk / f"d{index:03d}.md").write_text(text, encoding="utf-8")
    return find_drafts([str(bulk)])[0]


def _as_the_whole_queue_reports(findings: list[dict], named: str) -> list[dict]:
    """The findings of a whole-queue run that a run naming only ``named`` reports (linter.core.changes.only_changed)."""
    return [finding for finding in findings if finding["path"] == named or (
        finding["code"].startswith("PB4") and named in f"{finding['message']}\n{finding['hint'] or ''}")]


def test_a_file_named_alone_gets_what_the_whole_queue_run_reports_of_it(repo):
    """A pre-commit hook names the changed files only: each gets its per-post findings and the queue
    findings about it, exactly as a run over the whole queue reports them, though the other files
    are only read for the queue checks (their per-post rules do not run)."""
    original = (repo / "drafts" / "2027-03-05-portrait-producteur.md").read_text(encoding="utf-8")
    copy = original.replace("channel: instagram", "channel: facebook").replace("T11:00", "T18:00")
    (repo / "drafts" / "2027-03-05-portrait-facebook.md").write_text(copy, encoding="utf-8")
    whole = json.loads(run("lint", "--now", NOW, "--format", "json").output)["findings"]
    named = ["drafts/2027-03-05-portrait-facebook.md", "drafts/2027-03-05-portrait-producteur.md",
             "drafts/exemples-erreurs/pb308-mot-a-eviter.md", "drafts/exemples-erreurs/pb315-donnees-personnelles.md"]
    expected = {path: _as_the_whole_queue_reports(whole, path) for path in named}
    assert "PB406" in {f["code"] for f in expected[named[0]]}  # the copy, on the later post
    assert {f["code"] for f in expected[named[2]]} == {"PB308"} and expected[named[3]]
    for path in named:
        result = run("lint", "--now", NOW, "--format", "json", path)
        assert json.loads(result.output)["findings"] == expected[path], path


def test_the_disables_of_a_draft_read_for_the_queue_alone_still_silence_its_queue_findings(repo):
    """A hook names the earlier post; the later copy, on another channel, disables PB406. The PB406
    that sits on the copy names the earlier post, so a run naming it keeps the finding: the copy's
    own disable must silence it there as it does in a run over the whole queue, and the copy's
    disables of per-post rules (whose findings are not made in that run) are never reported unused."""
    original = (repo / "drafts" / "2027-03-05-portrait-producteur.md").read_text(encoding="utf-8")
    copy = original.replace("channel: instagram", "channel: facebook").replace("T11:00", "T14:00")
    head, _, body = copy.partition("\n---\n")
    copy_path = repo / "drafts" / "2027-03-05-portrait-facebook.md"
    named = "drafts/2027-03-05-portrait-producteur.md"
    copy_path.write_text(f"{head}\n---\n<!-- playbook-disable PB406 -->\n{body}", encoding="utf-8")
    whole = json.loads(run("lint", "--now", NOW, "--format", "json").output)["findings"]
    assert not [f for f in whole if f["path"].endswith("portrait-facebook.md")]
    alone = run("lint", "--now", NOW, "--format", "json", named)
    assert json.loads(alone.output)["findings"] == _as_the_whole_queue_reports(whole, named) == []
    # the control: without the disable, the same run reports the copy's PB406, which names the earlier post
    copy_path.write_text(copy, encoding="utf-8")
    alone = json.loads(run("lint", "--now", NOW, "--format", "json", named).output)["findings"]
    assert [(f["path"], f["code"]) for f in alone] == [("drafts/2027-03-05-portrait-facebook.md", "PB406")]
    assert named in alone[0]["message"]
    # a disable of a per-post rule in the copy is judged in a run that lints the copy, and in no other
    copy_path.write_text(f"{head}\n---\n<!-- playbook-disable PB406 PB313 -->\n{body}", encoding="utf-8")
    whole = json.loads(run("lint", "--now", NOW, "--format", "json").output)["findings"]
    assert [(f["path"], f["code"]) for f in whole if "portrait" in f["path"]] == \
        [("drafts/2027-03-05-portrait-facebook.md", "PB390")]
    assert json.loads(run("lint", "--now", NOW, "--format", "json", named).output)["findings"] == []


def test_a_baseline_judges_only_the_files_a_run_names(repo):
    """A hook names one draft and the team's baseline accepts the findings of every draft: those of
    the drafts read for the queue alone are neither reported nor taken for gone (PB903), while an
    accepted finding of the named draft that no longer occurs still is."""
    baseline = str(repo / "drafts" / "expected-findings.json")
    accepted = {f["path"] for f in json.loads(Path(baseline).read_text(encoding="utf-8"))["findings"]}
    clean, fixed = "drafts/2027-03-04-boutique-samedi.md", "drafts/exemples-erreurs/pb313-majuscules.md"
    assert len(accepted - {fixed}) > 5 and fixed in accepted
    for command in ("lint", "check"):
        result = run(command, "--now", NOW, "--baseline", baseline, "--strict", "--format", "json", clean)
        assert result.exit_code == 0 and json.loads(result.output)["findings"] == [], result.output
    path = repo / fixed
    path.write_text(path.read_text(encoding="utf-8").replace("IMPORTANT", "Important").replace("FERMÉE", "fermée"),
                    encoding="utf-8")
    result = run("lint", "--now", NOW, "--baseline", baseline, "--format", "json", clean, fixed)
    assert [(f["path"], f["code"]) for f in json.loads(result.output)["findings"]] == [(fixed, "PB903")]


def test_files_read_for_the_queue_alone_get_queue_findings_only_in_one_process_or_several(repo):
    """``collect_files(queue_only=…)``: those files' per-post rules do not run (none of their per-post
    findings is made), the queue checks see them as before, and the other files are linted in full."""
    from draft_helpers import sample

    from linter.core.findings import sorted_findings
    from linter.drafts.run import collect_files

    files = _bulk_queue(repo, 320, linkedin_every=4)
    playbook, ctx = sample()
    asked = set(files[:3] + files[-2:])
    quiet = [path for path in files if path not in asked]
    full = collect_files(files, playbook, ctx, jobs=1).findings
    queue = {code for code in {f.code for f in full} if code.startswith("PB4")}
    assert queue and {f.code for f in full} - queue  # both kinds are made over the whole queue
    for jobs in (1, 2):
        some = collect_files(files, playbook, ctx, jobs=jobs, queue_only=quiet).findings
        assert {f.code for f in some if f.path in quiet} <= queue
        assert sorted_findings(f for f in some if f.code in queue) == \
            sorted_findings(f for f in full if f.code in queue)
        assert [f for f in some if f.path in asked] == [f for f in full if f.path in asked]


def test_results_handed_to_the_queue_checks_are_emptied_and_give_the_same_findings(repo):
    """``finish_queue(handed=True)`` frees the run's drafts while the forked checks (PB406) run:
    the caller's list is emptied, and the findings are those of a run that keeps them."""
    from draft_helpers import sample

    from linter.drafts import run

    files = _bulk_queue(repo, 60, linkedin_every=4)
    playbook, ctx = sample()
    checker = run.Checker.build(playbook, ctx)
    for side in (False, True):
        kept = run.finish_queue(run._linted_chunk(checker, files), playbook, ctx, side=side).findings
        handed = run._linted_chunk(checker, files)
        freed = run.finish_queue(handed, playbook, ctx, side=side, handed=True).findings
        assert handed == [] and freed == kept and "PB406" in {f.code for f in freed}


def test_the_console_script_alone_keeps_the_run_for_its_exit(repo):
    """The console script (linter.cli.main) exits without freeing the run's findings one by one, and
    freezes what the run allocated so that the collector does not walk it on the way out; a caller
    of ``cli`` without the script's list (the tests, another program) keeps nothing and freezes nothing."""
    import gc

    from linter.api import Outcome
    from linter.core.findings import Report

    assert gc.get_freeze_count() == 0
    assert run("lint", "--now", NOW).exit_code == 1
    assert gc.get_freeze_count() == 0
    kept: list[object] = []
    try:
        with pytest.raises(SystemExit):
            cli.main(args=["lint", "--now", NOW], prog_name="playbook", obj=kept)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert [type(item) for item in kept] == [Outcome, Report] and kept[1].findings


def test_large_queue_in_parallel_matches_serial(repo):
    """Above the threshold the linter uses several processes; the findings must not change."""
    from draft_helpers import sample

    from linter.drafts.run import lint_files

    files = _bulk_queue(repo, 320, linkedin_every=4)
    playbook, ctx = sample()
    parallel = lint_files(files, playbook, ctx, jobs=2)  # PB406 runs in a forked process (linter.core.aside)
    serial = lint_files(files, playbook, ctx, jobs=1)
    assert parallel == serial  # the very same findings, in the same order
    assert sum(1 for finding in parallel if finding.code == "PB308") == 320
    assert sum(1 for finding in parallel if finding.code == "PB406") > 0


def _worker_that_dies():
    os._exit(3)  # as the kernel's out-of-memory killer would end it


def test_a_worker_that_dies_stops_the_run_with_an_error_not_a_hang(repo, monkeypatch):
    """The main process lints chunks of its own beside the workers: a worker that dies must still
    end the run with an error (the command line turns it into a one-line message and exit 2)."""
    from concurrent.futures.process import BrokenProcessPool

    from draft_helpers import sample

    from linter.drafts import run as runner

    files = _bulk_queue(repo, 320)
    playbook, ctx = sample()
    monkeypatch.setattr(runner, "_lint_chunk", _worker_that_dies)  # forked workers inherit it
    with pytest.raises(BrokenProcessPool):
        runner.lint_files(files, playbook, ctx, jobs=2)


def test_rules_and_explain_list_the_draft_rules():
    listed = run("rules", "--scope", "draft").output
    assert "PB301" in listed and "PB391" in listed and "(fixable)" in listed
    explained = run("explain", "PB308").output
    assert "Goûtez notre nectar de poire" in explained and "drafts/example.md" in explained


def test_baseline_accepts_exactly_the_expected_findings(repo):
    baseline = str(repo / "drafts" / "expected-findings.json")
    result = run("check", "--now", NOW, "--baseline", baseline, "--strict")
    assert result.exit_code == 0, result.output
    # a new problem is still reported...
    clean = repo / "drafts" / "2027-03-04-boutique-samedi.md"
    clean.write_text(clean.read_text(encoding="utf-8") + "\nÉcrivez à jeanne.dupont@gmail.com\n", encoding="utf-8")
    result = run("check", "--now", NOW, "--baseline", baseline, "--format", "json")
    assert [f["code"] for f in json.loads(result.output)["findings"]] == ["PB315"]
    assert result.exit_code == 1
    # ...and an expected finding that disappeared is reported where the baseline said it was
    (repo / "drafts" / "exemples-erreurs" / "pb313-majuscules.md").unlink()
    result = run("check", "--now", NOW, "--baseline", baseline, "--format", "json")
    stale = [f for f in json.loads(result.output)["findings"] if f["code"] == "PB903"]
    assert len(stale) == 1 and stale[0]["path"] == "drafts/exemples-erreurs/pb313-majuscules.md"
    assert "PB313" in stale[0]["message"]


@pytest.mark.parametrize(("content", "words"), [
    (None, "does not exist"), ("{not json", "is not JSON"), ('{"findings": [{"code": 1}]}', "needs `code`"),
    ('"text"', "must be a report"),
])
def test_bad_baseline_exits_2(repo, content, words):
    path = repo / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run("lint", "--now", NOW, "--baseline", str(path))
    assert result.exit_code == 2
    assert words in result.output and "Traceback" not in result.output


def test_one_named_file_is_judged_within_the_whole_queue(repo):
    """An editor or a hook linting one clean draft must not see cadence findings of a one-post queue."""
    clean = "drafts/2027-03-04-boutique-samedi.md"
    whole = run("lint", "--now", NOW, "--format", "json")
    alone = run("lint", clean, "--now", NOW, "--format", "json", "--strict")
    assert alone.exit_code == 0, alone.output
    assert json.loads(alone.output)["findings"] == []
    assert not [f for f in json.loads(whole.output)["findings"] if f["path"] == clean]
    # findings of the other drafts stay out of a run about one file
    bad = "drafts/exemples-erreurs/pb313-majuscules.md"
    named = json.loads(run("lint", bad, "--now", NOW, "--format", "json").output)["findings"]
    assert {f["path"] for f in named} == {bad}


def test_a_draft_named_twice_is_linted_once(repo):
    path = "drafts/exemples-erreurs/pb313-majuscules.md"
    result = run("lint", path, "./" + path, str(repo / path), "drafts/exemples-erreurs", "--now", NOW,
                 "--format", "json")
    codes = [f["code"] for f in json.loads(result.output)["findings"] if f["path"].endswith("pb313-majuscules.md")]
    assert codes == ["PB313"]


def test_fix_never_touches_front_matter_code_links_mentions_tags_or_comments(repo):
    """Only prose is rewritten; everything else comes back byte for byte, twice over."""
    protected = [
        "`nectar !`",
        "https://example.fr/nectar?x=1&a=b!",
        "@nectar_bio",
        "#NectarBio",
        "<!-- nectar ! à revoir -->",
    ]
    body = ("Notre nectar est prêt ! " + " ".join(protected[:4]) + "\n\n" + protected[4] + "\n\n"
            "```\nnectar ! code\n```\n")
    path = repo / "drafts" / "nouveau.md"
    original = draft_text(body, title='"Nectar : le retour !"')
    path.write_bytes(original.replace("\n", "\r\n").encode("utf-8"))
    result = run("lint", str(path), "--now", NOW, "--fix")
    assert "Fixed" in result.stderr, result.output
    fixed = path.read_bytes().decode("utf-8")
    assert "\r\n" in fixed and "\n" not in fixed.replace("\r\n", "")  # line ends kept
    front, _, rest = fixed.partition("---\r\n")[2].partition("---\r\n")
    assert 'title: "Nectar : le retour !"' in front  # front matter untouched
    assert rest.startswith("Notre jus pressé est prêt\u202f! ")
    for piece in protected + ["```\nnectar ! code\n```"]:
        assert piece.replace("\n", "\r\n") in rest, piece
    again = run("lint", str(path), "--now", NOW, "--fix")
    assert "Fixed 0 problems" in again.stderr or "Fixed" not in again.stderr
    assert path.read_bytes().decode("utf-8") == fixed  # idempotent


def test_chunks_shrink_and_cover_every_file_once():
    """Guided self-scheduling: large chunks first, small ones last, every file once and in order."""
    import multiprocessing

    from linter.drafts.run import CHUNK_SIZE, _Claims

    for count in (1, 49, 300, 1000, 10_000):
        for workers in (2, 3, 8):
            claims = _Claims(multiprocessing.Value("q", 0), count, workers)
            spans = list(iter(claims.take, None))
            assert [index for start, end in spans for index in range(start, end)] == list(range(count))
            sizes = [end - start for start, end in spans]
            assert sizes == sorted(sizes, reverse=True)
            assert all(size >= CHUNK_SIZE for size in sizes[:-1])
            assert claims.take() is None  # given out once: nothing is left for a late taker
    assert len(list(iter(_Claims(multiprocessing.Value("q", 0), 10_000, 2).take, None))) < 20  # a PB406 vocabulary each


def test_every_file_is_linted_once_when_workers_take_their_chunks_late(repo, monkeypatch):
    """Tasks queued in advance take their chunk when they start: however late a worker starts,
    every file is linted exactly once, by one process or the other, and the order is kept."""
    from draft_helpers import sample

    from linter.drafts import run as runner

    files = _bulk_queue(repo, 400)
    playbook, ctx = sample()
    start = runner._Worker.start

    def slow_start(*args):
        time.sleep(0.5)  # the parent takes chunks meanwhile
        start(*args)

    monkeypatch.setattr(runner._Worker, "start", slow_start)  # forked workers inherit it
    results = runner._run_parallel(files, playbook, ctx, 2, None)
    assert [result.path for result in results] == list(files)
    assert all(sum(1 for f in result.findings if f.code == "PB308") == 1 for result in results)
