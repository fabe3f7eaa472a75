"""Recall and precision of `playbook lint` on the labelled corpus (tests/corpus, issue #16).

The corpus holds realistic draft posts written from the sample charter, and labels.yml says,
for each post, which lines break which charter clause. This script runs the real CLI once per
language folder, keeps the draft rules (the queue rules judge a calendar, and the corpus is
not one), and compares what the tool reports with the labels by (file, line, rule name).

Rule names, not codes, are compared: names stay when codes are renumbered, and a label may
name a rule that does not exist yet, which then simply counts as a miss. Info-level rules
(French typography) are counted apart, so that a pedantic rule neither hides nor inflates
the figures users judge us on.

    .venv/bin/python bench/corpus.py              # the table
    .venv/bin/python bench/corpus.py --details    # ... and every false positive and miss
    .venv/bin/python bench/corpus.py --json       # the same figures as JSON
    .venv/bin/python bench/corpus.py --write      # ... and the report, in bench/corpus-results.md
    .venv/bin/python bench/corpus.py --corpus tests/corpus-heldout --write   # the held-out corpus

The held-out corpus (tests/corpus-heldout) was written blind and labelled before the tool ever ran
on it: the rules were never tuned on it, so its figures say how they carry to unseen posts. Its
report is a section of its own at the end of bench/corpus-results.md, with a one-line cause for
each false positive and miss (tests/corpus-heldout/causes.yml, written by hand).

The report has a file of its own, not a section of bench/results.md: bench/run.py rewrites that
one from its own measures, and the corpus figures are not timings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
LABELS = CORPUS / "labels.yml"
HELDOUT = ROOT / "tests" / "corpus-heldout"
RESULTS = Path(__file__).resolve().parent / "corpus-results.md"
TARGET = 0.95  # issue #16: recall and precision, per family and overall (info level apart)
PLAYBOOK = str(Path(sys.executable).parent / "playbook")
# A fixed clock before every post of the corpus (all dated 2027), so no rule that reads the
# date (an objective's deadline, a post already in the past) depends on the day of the run.
CLOCK = ("--now", "2027-01-01T08:00:00+01:00", "--today", "2027-01-01")

# Rules grouped the way a community manager thinks of the charter. A rule missing here
# (a new one) is reported under "other" until it is given its family.
FAMILIES: dict[str, tuple[str, ...]] = {
    "front matter and markup": ("front-matter", "unknown-draft-reference", "unused-disable", "unknown-disable-code",
                                "unclosed-comment"),
    "length": ("too-long",),
    "limits (emoji, mentions)": ("too-many-emoji", "too-many-mentions"),
    "hashtags": ("too-many-hashtags", "hashtag-case"),
    "vocabulary": ("banned-term", "term-to-avoid", "competitor-named"),
    "sensitive subjects": ("forbidden-topic", "sensitive-subject"),
    "register": ("register",),
    "voice": ("first-person-singular",),
    "typography": ("french-spacing", "repeated-punctuation"),
    "shouting": ("shouting",),
    "personal data": ("personal-data",),
    "links": ("insecure-link", "link-shortener", "missing-tracking", "tracking-mismatch"),
    "disclosure": ("sponsored-without-disclosure", "disclosure-not-first", "undisclosed-partnership"),
    "conditional mentions": ("required-mention", "forbidden-association"),
    "replies": ("reply-signature", "reply-emoji", "reply-only-channel"),
    "author": ("author-not-allowed", "review-missing"),
}
FAMILY_OF = {rule: family for family, rules in FAMILIES.items() for rule in rules}
# Names agreed for charter clauses no rule checks yet (issue #16); labels may use them.
AGREED = ("sensitive-subject", "required-mention", "forbidden-association", "disclosure-not-first",
          "reply-signature", "reply-emoji", "first-person-singular", "author-not-allowed",
          "review-missing", "tracking-mismatch", "reply-only-channel", "undisclosed-partnership")

Key = tuple[str, int, str]  # (file relative to the corpus, line, rule name)


class CorpusError(Exception):
    """The measure cannot be taken (the CLI failed, the labels cannot be read)."""


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    scope: str


@dataclass
class Finding:
    key: Key
    code: str
    message: str


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    def as_dict(self) -> dict[str, object]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "recall": _round(self.recall),
                "precision": _round(self.precision)}


@dataclass
class Score:
    families: dict[str, Tally] = field(default_factory=dict)
    rules: dict[str, Tally] = field(default_factory=dict)
    overall: Tally = field(default_factory=Tally)
    info: Tally = field(default_factory=Tally)
    false_positives: list[Finding] = field(default_factory=list)
    misses: list[tuple[Key, str]] = field(default_factory=list)
    posts: dict[str, int] = field(default_factory=dict)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _run(args: list[str]) -> str:
    """Run the CLI; exit 0 or 1 both carry a report, 2 means it could not run."""
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise CorpusError(f"{' '.join(args[1:3])} exited {done.returncode}: {done.stderr.strip()[:500]}")
    return done.stdout


def load_rules(cli: str) -> dict[str, Rule]:
    listing = json.loads(_run([cli, "rules", "--format", "json"]))
    return {item["code"]: Rule(item["code"], item["name"], item["severity"], item["scope"]) for item in listing}


def load_labels(path: Path = LABELS) -> dict[str, set[tuple[int, str]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: expected a mapping of file -> list of {{line, rule}}")
    return {name: {(int(entry["line"]), str(entry["rule"])) for entry in entries or ()}
            for name, entries in data.items()}


def lint(cli: str, folder: Path, rules: dict[str, Rule], corpus: Path = CORPUS) -> list[Finding]:
    """The draft-scope findings of one run over a folder, one per (file, line, rule)."""
    report = json.loads(_run([cli, "lint", str(folder.relative_to(ROOT)), "--playbook", "playbook",
                              "--format", "json", *CLOCK]))
    seen: dict[Key, Finding] = {}
    for item in report["findings"]:
        rule = rules.get(item["code"])
        if rule is None or rule.scope != "draft":
            continue
        path = (ROOT / item["path"]).resolve().relative_to(corpus.resolve()).as_posix()
        key = (path, int(item["line"]), rule.name)
        seen.setdefault(key, Finding(key, item["code"], item["message"]))
    return list(seen.values())


def score(labels: dict[str, set[tuple[int, str]]], findings: list[Finding], rules: dict[str, Rule]) -> Score:
    info_names = {rule.name for rule in rules.values() if rule.severity == "info"}
    expected = {(name, line, rule) for name, entries in labels.items() for line, rule in entries}
    reported = {finding.key: finding for finding in findings}
    result = Score()

    def tally(rule: str) -> list[Tally]:
        family = FAMILY_OF.get(rule, "other")
        bucket = result.info if rule in info_names else result.overall
        return [result.families.setdefault(family, Tally()), result.rules.setdefault(rule, Tally()), bucket]

    for key in expected | reported.keys():
        hit, wanted = key in reported, key in expected
        for counter in tally(key[2]):
            if hit and wanted:
                counter.tp += 1
            elif hit:
                counter.fp += 1
            else:
                counter.fn += 1
        if hit and not wanted:
            result.false_positives.append(reported[key])
        elif wanted and not hit:
            result.misses.append((key, _why_missed(key[2], rules)))
    result.false_positives.sort(key=lambda finding: finding.key)
    result.misses.sort()
    flagged = {name for name, _, rule in reported if rule not in info_names}
    clean = [name for name, entries in labels.items() if not entries]
    result.posts = {"posts": len(labels), "compliant": len(clean),
                    "compliant flagged (warning or error)": sum(name in flagged for name in clean)}
    return result


def _why_missed(rule: str, rules: dict[str, Rule]) -> str:
    return "" if rule in {r.name for r in rules.values()} else "(no such rule yet)"


def measure(cli: str = PLAYBOOK, corpus: Path = CORPUS) -> Score:
    rules = load_rules(cli)
    labels = load_labels(corpus / "labels.yml")
    findings: list[Finding] = []
    for folder in sorted(path for path in corpus.iterdir() if path.is_dir()):
        findings += lint(cli, folder, rules, corpus)
    return score(labels, findings, rules)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _row(label: str, t: Tally) -> str:
    return f"| {label} | {t.tp + t.fn} | {t.tp} | {t.fp} | {t.fn} | {_pct(t.recall)} | {_pct(t.precision)} |"


_HEAD = "| {} | labels | TP | FP | FN | recall | precision |\n|---|---:|---:|---:|---:|---:|---:|"


def _family_order(result: Score) -> list[str]:
    """The families measured, in the order of FAMILIES ("other" last)."""
    order = [*FAMILIES, "other"]
    return sorted(result.families, key=order.index)


def table(result: Score) -> str:
    """A Markdown table: one row per family, then the overall and the info-level rows."""
    lines = [_HEAD.format("family")]
    lines += [_row(family, result.families[family]) for family in _family_order(result)]
    lines.append(_row("**overall** (warnings and errors)", result.overall))
    lines.append(_row("info level (typography), counted apart", result.info))
    return "\n".join(lines)


def rule_table(result: Score) -> str:
    names = sorted(result.rules, key=lambda name: (FAMILY_OF.get(name, "~"), name))
    return "\n".join([_HEAD.format("rule"), *(_row(name, result.rules[name]) for name in names)])


def details(result: Score) -> str:
    out = [f"False positives ({len(result.false_positives)}):"]
    out += [f"  {f.key[0]}:{f.key[1]}  {f.key[2]} ({f.code})  {f.message}" for f in result.false_positives]
    out.append(f"Misses ({len(result.misses)}):")
    out += [f"  {key[0]}:{key[1]}  {key[2]}  {why}".rstrip() for key, why in result.misses]
    by_rule = Counter(f.key[2] for f in result.false_positives)
    out.append("False positives by rule: " + ", ".join(f"{rule} {n}" for rule, n in by_rule.most_common()))
    by_rule = Counter(key[2] for key, _ in result.misses)
    out.append("Misses by rule: " + ", ".join(f"{rule} {n}" for rule, n in by_rule.most_common()))
    return "\n".join(out)


def as_json(result: Score, with_details: bool) -> dict[str, object]:
    data: dict[str, object] = {
        "posts": result.posts,
        "families": {name: result.families[name].as_dict() for name in _family_order(result)},
        "rules": {name: t.as_dict() for name, t in result.rules.items()},
        "overall": result.overall.as_dict(),
        "info": result.info.as_dict(),
    }
    if with_details:
        data["false_positives"] = [{"file": f.key[0], "line": f.key[1], "rule": f.key[2], "code": f.code,
                                    "message": f.message} for f in result.false_positives]
        data["misses"] = [{"file": key[0], "line": key[1], "rule": key[2]} for key, _ in result.misses]
    return data


def _revision() -> str:
    """The commit measured, marked when the working tree differs from it (what was really run)."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def _below(result: Score) -> list[str]:
    """The families (and the overall and info rows) whose recall or precision is under the target."""
    rows = {**result.families, "overall": result.overall, "info level": result.info}
    return [name for name, t in rows.items()
            if any(value is not None and value < TARGET for value in (t.recall, t.precision))]


_LANGUAGES = {"fr": "French", "en": "English"}


EARLIER = "## Earlier measures"


def earlier_measures(previous: str) -> str:
    """The "Earlier measures" section of the report being replaced, kept as written (by hand: a
    line per measure worth remembering), so that rewriting the figures never loses the history."""
    start = previous.find("\n" + EARLIER + "\n")
    if start < 0:
        return ""
    ends = [at for at in (previous.find("\n## ", start + 1), previous.find("\n# ", start + 1)) if at >= 0]
    return previous[start + 1:min(ends, default=len(previous))].rstrip("\n") + "\n"


HELDOUT_TITLE = "# Held-out corpus: recall and precision"
HELDOUT_KEPT = "## Held-out: fixes, before → after"


def split_heldout(previous: str) -> tuple[str, str]:
    """The report without its held-out section, and that section (empty when there is none)."""
    start = previous.find("\n" + HELDOUT_TITLE + "\n")
    if start < 0:
        return previous, ""
    return previous[:start + 1].rstrip("\n") + "\n", previous[start + 1:]


def kept_history(section: str) -> str:
    """The hand-written before → after subsection of the held-out section, kept by every rewrite."""
    start = section.find("\n" + HELDOUT_KEPT + "\n")
    return "" if start < 0 else section[start + 1:].rstrip("\n") + "\n"


def load_causes(path: Path) -> dict[str, str]:
    """One line per false positive or miss, "file:line rule": cause (written by hand, may be absent)."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: expected a mapping of 'file:line rule' -> cause")
    return {str(key): str(value) for key, value in data.items()}


def heldout_report(result: Score, corpus: Path, revision: str, day: dt.date, kept: str = "") -> str:
    """The held-out section of bench/corpus-results.md: the same tables as the tuned corpus, each
    false positive and miss with its cause, then ``kept`` (the before → after history)."""
    posts = result.posts
    causes = load_causes(corpus / "causes.yml")
    languages = Counter(name.split("/", 1)[0] for name in load_labels(corpus / "labels.yml"))
    where = corpus.relative_to(ROOT).as_posix()
    overall = result.overall
    lines = [
        HELDOUT_TITLE,
        "",
        f"`bench/corpus.py --corpus {where}` (`--write` rewrites this section): "
        + " and ".join(f"{count} {_LANGUAGES.get(language, language)}"
                       for language, count in sorted(languages.items(), reverse=True)) + " posts",
        "written blind from the charter and labelled before the tool ran on them (see the git history of",
        f"`{where}/labels.yml`); the rules were never tuned on them. Same clock and scoring as above.",
        f"Measured on {day.isoformat()} at commit {revision}. Held by `tests/test_corpus_scores.py` to",
        "honest thresholds it meets, not 1.00 by construction.",
        "",
        f"{posts['posts']} posts, {posts['compliant']} compliant; "
        f"{posts['compliant flagged (warning or error)']} compliant posts get a warning or an error. "
        f"Overall recall {_pct(overall.recall)}, precision {_pct(overall.precision)}.",
        "",
        "## Held-out: by family",
        "",
        table(result),
        "",
        "## Held-out: by rule",
        "",
        rule_table(result),
        "",
        "## Held-out: false positives and misses",
        "",
    ]
    if not result.false_positives and not result.misses:
        lines.append("None.")
    for finding in result.false_positives:
        key = f"{finding.key[0]}:{finding.key[1]} {finding.key[2]}"
        lines.append(f"- false positive: `{finding.key[0]}:{finding.key[1]}` {finding.key[2]} ({finding.code})"
                     + (f" — {causes[key]}" if key in causes else f": {finding.message}"))
    for (name, line, rule), why in result.misses:
        key = f"{name}:{line} {rule}"
        lines.append(f"- miss: `{name}:{line}` {rule} {why}".rstrip() + (f" — {causes[key]}" if key in causes else ""))
    return "\n".join(lines) + "\n" + ("\n" + kept if kept else "")


def report(result: Score, revision: str, day: dt.date, earlier: str = "") -> str:
    """bench/corpus-results.md: how the corpus was measured, the tables, every false positive and miss,
    then ``earlier`` (the history section of the previous report)."""
    posts = result.posts
    languages = Counter(name.split("/", 1)[0] for name in load_labels())
    below = _below(result)
    lines = [
        "# Corpus: recall and precision",
        "",
        "`make corpus` (`bench/corpus.py`; `ARGS=--write` rewrites this file): `playbook lint` run once per",
        "language folder of `tests/corpus/` (" + " and ".join(f"{count} {_LANGUAGES.get(language, language)}"
                                                              for language, count in sorted(languages.items(),
                                                                                            reverse=True))
        + " draft posts written from the",
        f"sample charter, {posts['compliant']} of them compliant but tricky), draft rules only, compared with",
        "`tests/corpus/labels.yml` by (file, line, rule name).",
        f"Clock fixed at {CLOCK[1].replace('T', ' ')}. Measured on {day.isoformat()} at commit {revision}.",
        f"Info-level rules (French spacing) are counted apart. Targets (issue #16): recall ≥ {TARGET} and",
        f"precision ≥ {TARGET} for every family and overall, held by `tests/test_corpus_scores.py`.",
        "The rules were tuned on this corpus: the held-out corpus of issue #16 tells how far these",
        "figures carry to posts nobody here has read.",
        "",
        f"{posts['posts']} posts, {posts['compliant']} compliant; "
        f"{posts['compliant flagged (warning or error)']} compliant posts get a warning or an error. "
        + ("Every family meets the targets." if not below else "Under the targets: " + ", ".join(below) + "."),
        "",
        "## By family",
        "",
        table(result),
        "",
        "## By rule",
        "",
        rule_table(result),
        "",
        "## False positives and misses",
        "",
    ]
    if not result.false_positives and not result.misses:
        lines.append("None.")
    for finding in result.false_positives:
        lines.append(f"- false positive: `{finding.key[0]}:{finding.key[1]}` {finding.key[2]} ({finding.code}): "
                     f"{finding.message}")
    for key, why in result.misses:
        lines.append(f"- miss: `{key[0]}:{key[1]}` {key[2]} {why}".rstrip())
    return "\n".join(lines) + "\n" + ("\n" + earlier if earlier else "")


def _write(result: Score, corpus: Path) -> None:
    """Rewrite the section of bench/corpus-results.md that belongs to ``corpus``, keeping the other one."""
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    tuned, heldout = split_heldout(previous)
    if corpus == CORPUS.resolve():
        tuned = report(result, _revision(), dt.date.today(), earlier_measures(tuned))
    else:
        heldout = heldout_report(result, corpus, _revision(), dt.date.today(), kept_history(heldout))
    RESULTS.write_text(tuned + ("\n" + heldout if heldout else ""), encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--details", action="store_true", help="list every false positive and miss")
    parser.add_argument("--write", action="store_true", help=f"also write the report to {RESULTS.relative_to(ROOT)}")
    parser.add_argument("--playbook-cli", default=PLAYBOOK, help="the playbook command (default: the venv's)")
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help="the corpus folder, with labels.yml and one folder per language (default: tests/corpus)")
    args = parser.parse_args(argv)
    corpus = (ROOT / args.corpus).resolve()
    try:
        result = measure(args.playbook_cli, corpus)
        if args.write:
            _write(result, corpus)
    except (CorpusError, OSError, yaml.YAMLError, KeyError, ValueError) as error:
        print(f"corpus: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(as_json(result, args.details), indent=2, ensure_ascii=False))
        return 0
    posts = result.posts
    print(f"{posts['posts']} posts, {posts['compliant']} compliant "
          f"({posts['compliant flagged (warning or error)']} of them flagged by a warning or error)\n")
    print(table(result))
    if args.details:
        print()
        print(rule_table(result))
        print()
        print(details(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
