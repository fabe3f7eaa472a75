"""The benchmark suite works: its workloads are valid and lint as planned, and it writes its report.

No timing is asserted here (timed tests are flaky by nature): `make bench` measures, these
tests only prove, at toy size and without the peers (installing them is too slow for
`make test`), that every piece runs and produces what a reader of bench/results.md expects.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PLAYBOOK = str(BIN / "playbook")
NOW = "2027-01-01T09:00:00+01:00"
PROFILES = ("default", "hashtags", "findings", "english", "linkedin", "vocabulary")


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(arg) for arg in args], cwd=cwd, capture_output=True, text=True, timeout=600)


def generate(out: Path, *extra: str) -> dict:
    done = run(sys.executable, ROOT / "bench" / "generate.py", out, *extra)
    assert done.returncode == 0, done.stderr
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def digest(folder: Path) -> str:
    hasher = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            hasher.update(str(path.relative_to(folder)).encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


@pytest.fixture(scope="module")
def workload(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("bench") / "w"
    return out, generate(out, "--drafts", "40", "--terms", "60", "--people", "8", "--channels", "6", "--seed", "3")


def test_generated_playbook_is_valid(workload):
    out, _ = workload
    done = run(PLAYBOOK, "validate", out / "playbook", "--today", "2027-01-01")
    assert done.returncode == 0, done.stdout + done.stderr
    names = sorted(path.name for path in (out / "playbook").glob("*.yml"))
    assert names == ["audiences.yml", "calendar.yml", "channels.yml", "crisis.yml", "objectives.yml",
                     "organisation.yml", "roles.yml", "tone.yml", "usage-charter.yml"]


def test_generated_drafts_have_the_planned_shape(workload):
    out, manifest = workload
    drafts = sorted((out / "drafts").rglob("*.md"))
    assert len(drafts) == manifest["drafts"] == 40
    assert sum(path.stat().st_size for path in drafts) == manifest["bytes"]
    assert manifest["violating_drafts"] == 8 == len(manifest["violations"])  # 20 % by default
    texts = [path.read_text(encoding="utf-8") for path in drafts]
    assert all(text.startswith("---\nchannels: [") for text in texts)
    languages = {text.split("language: ", 1)[1].split("\n", 1)[0] for text in texts}
    assert languages == {"fr", "en"}
    terms = json.loads((out / "terms.json").read_text(encoding="utf-8"))
    assert len(terms["all"]) == 60 and set(terms["banned"]) <= set(terms["all"])


def test_generator_is_seeded(tmp_path):
    first = generate(tmp_path / "a", "--drafts", "15", "--terms", "20", "--seed", "9")
    second = generate(tmp_path / "b", "--drafts", "15", "--terms", "20", "--seed", "9")
    other = generate(tmp_path / "c", "--drafts", "15", "--terms", "20", "--seed", "10")
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert first == second
    assert digest(tmp_path / "a") != digest(tmp_path / "c") and other["bytes"] != first["bytes"]


def test_default_profile_is_the_corpus_the_linter_was_tuned_on(workload, tmp_path):
    """The default corpus keeps its bytes, so figures of older runs stay comparable with new ones.

    The digest is of this module's workload as generate.py wrote it before corpus profiles
    existed; a deliberate change of the default corpus changes it here, knowingly.
    """
    out, _ = workload
    assert digest(out) == "abd5090a1f5d977ddbbb29fa218deef895fa09cab93fd1b60c8fb590beb41fdc"
    generate(tmp_path / "d", "--drafts", "40", "--terms", "60", "--people", "8", "--channels", "6", "--seed", "3",
             "--profile", "default")
    assert digest(tmp_path / "d") == digest(out)


def _lint(out: Path) -> dict:
    done = run(PLAYBOOK, "lint", "drafts", "--playbook", "playbook", "--format", "json", "--now", NOW, cwd=out)
    assert done.returncode in (0, 1), done.stdout[-2000:] + done.stderr[-2000:]
    return json.loads(done.stdout)


def _bodies(out: Path) -> dict[str, str]:
    """Each draft's body (what follows its front matter), by the draft's name."""
    return {path.name: path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
            for path in sorted((out / "drafts").rglob("*.md"))}


@pytest.mark.parametrize("profile", PROFILES)
def test_every_profile_gives_a_valid_playbook_and_drafts_the_linter_reads(profile, tmp_path):
    out = tmp_path / profile
    manifest = generate(out, "--drafts", "60", "--seed", "2", "--profile", profile)
    done = run(PLAYBOOK, "validate", out / "playbook", "--today", "2027-01-01")
    assert done.returncode == 0, done.stdout + done.stderr
    report = _lint(out)
    codes = [finding["code"] for finding in report["findings"]]
    assert not [code for code in codes if code < "PB300"], "drafts must be readable: no front-matter or load error"
    assert "profile" not in manifest if profile == "default" else manifest["profile"] == profile
    bodies = _bodies(out)
    if profile == "hashtags":  # hashtags and emoji up to the channels' limits, never beyond
        tags = [body.count(" #") + body.startswith("#") for body in bodies.values()]
        assert sum(tags) / len(tags) > 4
        assert "\u200d" in "".join(bodies.values())  # emoji joined from several code points
        assert "PB304" not in codes and "PB306" not in codes and "PB320" not in codes
    elif profile == "findings":  # several findings per draft, of many kinds
        assert len(codes) / manifest["drafts"] > 1.8
        assert {"PB311", "PB312", "PB313", "PB315", "PB318"} <= set(codes)
        assert all(isinstance(kinds, list) and kinds for kinds in manifest["violations"].values())
    elif profile == "english":
        languages = [text.split("language: ", 1)[1][:2] for text in
                     (path.read_text(encoding="utf-8") for path in (out / "drafts").rglob("*.md"))]
        assert 0.35 < languages.count("en") / len(languages) < 0.65
    elif profile == "linkedin":
        long_posts = [len(body) for name, body in bodies.items() if "-linkedin-" in name]
        assert len(long_posts) > len(bodies) / 2
        assert sum(1500 <= size <= 3100 for size in long_posts) / len(long_posts) > 0.8
    elif profile == "vocabulary":
        assert manifest["playbook"]["terms"] == 2000
    else:  # one violation in a fifth of the drafts: the per-post rules the generator plans for say little more
        planned = [code for code in codes if "PB303" <= code <= "PB320"]
        assert manifest["violating_drafts"] == 12 and len(planned) / manifest["drafts"] < 0.5


def test_injected_term_violations_are_found_by_the_linter(workload):
    out, manifest = workload
    done = run(PLAYBOOK, "lint", "drafts", "--playbook", "playbook", "--format", "json", "--now", NOW, cwd=out)
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    flagged = {os.path.relpath(finding["path"], "drafts") for finding in report["findings"]}
    planted = {path for path, kind in manifest["violations"].items()
               if kind in ("banned_term", "avoided_term", "forbidden_topic", "competitor", "shortener")}
    assert planted, "the seed plants at least one term or link violation"
    assert planted <= flagged


def test_floor_reads_every_draft(workload):
    out, manifest = workload
    done = run(sys.executable, ROOT / "bench" / "floor.py", out / "drafts", "--terms", out / "terms.json")
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)
    assert counts["files"] == manifest["drafts"]
    planted_banned = sum(1 for kind in manifest["violations"].values() if kind == "banned_term")
    assert counts["hits"] >= planted_banned


def test_suite_at_toy_size_writes_its_report(tmp_path):
    done = run(sys.executable, ROOT / "bench" / "run.py", "--quick", "--no-peers", "--out", tmp_path,
               "--workdir", tmp_path / "work")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    markdown = (tmp_path / "results.md").read_text(encoding="utf-8")
    for heading in ("# Benchmark results", "## Machine", "## Targets", "## Start-up", "## Validate",
                    "## Lint, side by side with the peers and the floor", "## Cost growth with the number of drafts",
                    "## Cost growth with the number of vocabulary terms", "## Small input", "## Site build"):
        assert heading in markdown, heading
    assert "Toy size" in markdown
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    figures = results["figures"]
    assert results["machine"]["cores"] >= 1 and results["machine"]["python"]
    throughput = results["machine"]["parallel_throughput"]
    if results["machine"]["usable_cores"] > 1:  # CI machines have two: the ceiling of a worker pool
        assert throughput["processes"] == results["machine"]["usable_cores"] and throughput["ratio"] > 0
        assert "| parallel throughput | " in markdown
    else:
        assert throughput is None
    for figure in (figures["startup"]["python"], figures["startup"]["playbook"], figures["validate"]["sample"],
                   figures["validate"]["large"], figures["lint"]["20"]["playbook"], figures["lint"]["20"]["floor"],
                   figures["site"]["sample"], figures["site"]["large"]):
        assert figure["error"] is None, figure
        assert figure["median_wall_s"] > 0 and figure["peak_mb"] > 0
    assert sum(figures["lint"]["20"]["playbook"]["findings"].values()) > 0
    assert set(figures["growth_drafts"]) == {"20", "40"} and set(figures["growth_terms"]) == {"10", "100"}
    assert "textlint" not in figures["lint"]["20"] and "proselint" not in figures["lint"]["20"]
    assert {row["target"].split(" ")[0] for row in results["targets"]} >= {"lint", "proselint", "textlint"}
    profiles = figures["profiles"]
    assert profiles["drafts"] == 20 and list(profiles["by_profile"]) == list(PROFILES)
    for name, entry in profiles["by_profile"].items():
        for figure in (entry["floor"], entry["playbook"]):
            assert figure["error"] is None, (name, figure)
            assert figure["median_wall_s"] > 0
        assert entry["workload"]["drafts"] == 20 and "proselint" not in entry
        assert entry["load_at_start"] >= 0 and entry["date"]
    assert sum(profiles["by_profile"]["findings"]["playbook"]["findings"].values()) > 20
    rows = {row["target"]: row for row in results["targets"]}
    for name in PROFILES:
        assert rows[f"lint / floor, profile {name} (20 drafts)"]["value"] > 0
        assert rows[f"proselint / lint, profile {name} (20 drafts)"]["met"] is None  # --no-peers: not measured
    assert "## Corpus profiles (20 drafts each)" in markdown
    assert "| findings | " in markdown and "| lint / floor, profile vocabulary (20 drafts) | " in markdown

    (tmp_path / "results.md").unlink()
    again = run(sys.executable, ROOT / "bench" / "run.py", "--render-only", "--out", tmp_path)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "results.md").read_text(encoding="utf-8") == markdown

    # a section another tool appended (bench/corpus.py's) survives a rewrite of the report
    foreign = "## Corpus (recall and precision)\n\nWritten by another tool.\n"
    (tmp_path / "results.md").write_text(markdown + "\n" + foreign, encoding="utf-8")
    again = run(sys.executable, ROOT / "bench" / "run.py", "--render-only", "--out", tmp_path)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "results.md").read_text(encoding="utf-8") == markdown + "\n" + foreign

    # one section measured again and merged: the other sections keep their figures
    merge = run(sys.executable, ROOT / "bench" / "run.py", "--quick", "--no-peers", "--only", "profiles",
                "--profiles", "findings", "--merge", "--out", tmp_path, "--workdir", tmp_path / "work")
    assert merge.returncode == 0, merge.stdout[-3000:] + merge.stderr[-3000:]
    after = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert after["figures"]["startup"] == figures["startup"] and after["figures"]["lint"] == figures["lint"]
    assert list(after["figures"]["profiles"]["by_profile"]) == list(PROFILES)  # joined, same code and size
    assert after["figures"]["profiles"]["by_profile"]["findings"] != profiles["by_profile"]["findings"]
    assert after["figures"]["profiles"]["by_profile"]["english"] == profiles["by_profile"]["english"]
    assert after["machine"] == results["machine"]
    merged_md = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| lint / floor, profile findings (20 drafts) | " in merged_md
    assert "## Start-up" in merged_md and merged_md.endswith(foreign)
