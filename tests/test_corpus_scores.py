"""The targets of issue #16 hold on the labelled corpus: recall and precision ≥ 0.95 for every family
of rules and overall, info-level typography counted apart with the same targets; and the held-out
corpus, which the rules were never tuned on, keeps the honest figures it reached.

The measure is bench/corpus.py's, run as a user runs it (`make corpus`): the real CLI on
tests/corpus, with the clock fixed by the script (every post is dated 2027 and the clock stands on
2027-01-01), so the figures do not depend on the day of the run. On failure the message shows
the per-family table and each false positive and miss, file and line, as `--details` does.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys

import pytest
from draft_helpers import ROOT

TARGET = 0.95


@pytest.fixture(scope="module")
def figures() -> dict:
    environ = {key: value for key, value in os.environ.items() if key != "PLAYBOOK_LANG"}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), "--json", "--details"],
                          cwd=ROOT, capture_output=True, text=True, env=environ, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _row(name: str, tally: dict) -> str:
    def show(value: float | None) -> str:
        return "—" if value is None else f"{value:.3f}"

    return (f"  {name:<42} labels {tally['tp'] + tally['fn']:>3}  TP {tally['tp']:>3}  FP {tally['fp']:>2}"
            f"  FN {tally['fn']:>2}  recall {show(tally['recall'])}  precision {show(tally['precision'])}")


def _explain(figures: dict, failing: list[str]) -> str:
    """What `make corpus ARGS=--details` would show: the table, then every false positive and miss."""
    lines = [f"under {TARGET}: {', '.join(failing)}", "", "per family:"]
    lines += [_row(name, tally) for name, tally in figures["families"].items()]
    lines += [_row("overall (warnings and errors)", figures["overall"]),
              _row("info level (typography)", figures["info"]), "",
              f"false positives ({len(figures['false_positives'])}):"]
    lines += [f"  {f['file']}:{f['line']}  {f['rule']} ({f['code']})  {f['message']}"
              for f in figures["false_positives"]]
    lines.append(f"misses ({len(figures['misses'])}):")
    lines += [f"  {m['file']}:{m['line']}  {m['rule']}" for m in figures["misses"]]
    return "\n".join(lines)


def _under(tally: dict) -> bool:
    """Recall or precision under the target; a figure without anything to count (None) is not."""
    return any(value is not None and value < TARGET for value in (tally["recall"], tally["precision"]))


def test_every_family_overall_and_info_level_meet_the_targets(figures: dict) -> None:
    rows = {**figures["families"], "overall": figures["overall"], "info level": figures["info"]}
    failing = [name for name, tally in rows.items() if _under(tally)]
    assert failing == [], _explain(figures, failing)


def test_the_measure_counts_something(figures: dict) -> None:
    """A corpus that lints nothing (a CLI that reports no finding) would pass the targets with None."""
    overall = figures["overall"]
    assert overall["tp"] + overall["fn"] >= 100 and overall["recall"] is not None
    assert figures["info"]["tp"] + figures["info"]["fn"] > 0
    assert all(tally["tp"] + tally["fn"] > 0 for tally in figures["families"].values()), _explain(figures, [])
    assert figures["posts"]["compliant"] >= 0.35 * figures["posts"]["posts"]


# The held-out corpus (tests/corpus-heldout) was written blind and labelled before the tool ran on it;
# the rules were never tuned on it. Its thresholds are what the tool honestly meets there (recall
# 0.84, precision 0.96 when they were set), not 1.00 by construction: its misses are posts that
# break a clause without any word the charter lists (bench/corpus-results.md says which).
HELDOUT_RECALL = 0.80
HELDOUT_PRECISION = 0.92


@pytest.fixture(scope="module")
def heldout() -> dict:
    environ = {key: value for key, value in os.environ.items() if key != "PLAYBOOK_LANG"}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), "--corpus", "tests/corpus-heldout",
                           "--json", "--details"],
                          cwd=ROOT, capture_output=True, text=True, env=environ, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_held_out_corpus_meets_its_honest_thresholds(heldout: dict) -> None:
    overall = heldout["overall"]
    assert overall["tp"] + overall["fn"] >= 70 and heldout["posts"]["posts"] >= 120
    low = overall["recall"] < HELDOUT_RECALL or overall["precision"] < HELDOUT_PRECISION
    assert not low, _explain(heldout, [f"held-out overall (recall ≥ {HELDOUT_RECALL}, "
                                       f"precision ≥ {HELDOUT_PRECISION})"])


def test_few_compliant_held_out_posts_are_flagged(heldout: dict) -> None:
    """A false positive costs as much trust as a miss: at most one compliant post in ten is flagged
    (three of 51 were when this was set)."""
    posts = heldout["posts"]
    assert posts["compliant flagged (warning or error)"] <= posts["compliant"] // 10, _explain(heldout, [])


def test_rewriting_the_report_keeps_its_earlier_measures() -> None:
    """`--write` replaces the figures of bench/corpus-results.md, never the history written below them."""
    spec = importlib.util.spec_from_file_location("bench_corpus_report", ROOT / "bench" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    history = "## Earlier measures\n\n- 2026-12-01, commit abc1234: recall 0.49, precision 0.85.\n"
    previous = "# Corpus: recall and precision\n\nold figures\n\n" + history
    kept = module.earlier_measures(previous)
    assert kept == history
    score = module.Score(posts={"posts": 1, "compliant": 1, "compliant flagged (warning or error)": 0})
    text = module.report(score, "def5678", dt.date(2026, 12, 3), kept)
    assert text.endswith("\n" + history) and "old figures" not in text and "commit def5678" in text
    assert module.earlier_measures(text) == history
    assert module.earlier_measures("# no history\n") == ""


def test_each_corpus_rewrites_its_own_section_of_the_report() -> None:
    """`--write` on one corpus keeps the other corpus's section, and the held-out section keeps its
    hand-written before → after history."""
    spec = importlib.util.spec_from_file_location("bench_corpus_sections", ROOT / "bench" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    history = "## Earlier measures\n\n- 2026-12-01: recall 0.49.\n"
    kept = f"{module.HELDOUT_KEPT}\n\n- first measure: recall 0.83, precision 0.89.\n"
    heldout = f"{module.HELDOUT_TITLE}\n\nold held-out figures\n\n{kept}"
    previous = f"# Corpus: recall and precision\n\ntuned figures\n\n{history}\n{heldout}"
    tuned, section = module.split_heldout(previous)
    assert section == heldout and "held-out" not in tuned and tuned.endswith(history)
    assert module.earlier_measures(previous) == history
    assert module.kept_history(section) == kept
    score = module.Score(posts={"posts": 1, "compliant": 1, "compliant flagged (warning or error)": 0})
    text = module.heldout_report(score, ROOT / "tests" / "corpus-heldout", "def5678", dt.date(2026, 12, 3), kept)
    assert text.startswith(module.HELDOUT_TITLE) and text.endswith("\n" + kept) and "commit def5678" in text
    assert module.split_heldout("# no held-out\n") == ("# no held-out\n", "")

