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

    (tmp_path / "results.md").unlink()
    again = run(sys.executable, ROOT / "bench" / "run.py", "--render-only", "--out", tmp_path)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "results.md").read_text(encoding="utf-8") == markdown
