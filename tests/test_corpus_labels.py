"""The labelled corpora (tests/corpus, and the held-out tests/corpus-heldout) are well-formed, so
their recall and precision mean something.

bench/corpus.py compares `playbook lint` with tests/corpus/labels.yml by (file, line, rule):
a label on a line that does not exist, a misspelt rule name or a post without an entry would
silently turn into a miss or a false positive. These tests keep the labels honest; the
targets on the figures themselves come with the rules they measure.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from draft_helpers import ROOT

from linter.cli import cli

CORPORA = (ROOT / "tests" / "corpus", ROOT / "tests" / "corpus-heldout")
_spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
assert _spec and _spec.loader
bench_corpus = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench_corpus  # dataclasses look their module up while it loads
_spec.loader.exec_module(bench_corpus)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a file listed twice (the second entry would hide the first)."""


def _mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
    twice = {key for key in keys if keys.count(key) > 1}
    if twice:
        raise yaml.constructor.ConstructorError(None, None, f"listed twice: {sorted(twice)}", node.start_mark)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


@pytest.fixture(scope="module", params=CORPORA, ids=lambda path: path.name)
def corpus(request: pytest.FixtureRequest) -> Path:
    return request.param


@pytest.fixture(scope="module")
def labels(corpus: Path) -> dict:
    return yaml.load((corpus / "labels.yml").read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)


@pytest.fixture(scope="module")
def rules() -> list[dict]:
    result = CliRunner().invoke(cli, ["rules", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def rule_names(rules) -> set[str]:
    return {rule["name"] for rule in rules}


def posts(corpus: Path, language: str) -> list[Path]:
    return sorted((corpus / language).glob("*.md"))


def test_every_post_has_an_entry_and_every_entry_a_post(corpus, labels):
    on_disk = {path.relative_to(corpus).as_posix() for path in corpus.glob("*/*.md")}
    assert sorted(on_disk - labels.keys()) == [], "posts without an entry in labels.yml"
    assert sorted(labels.keys() - on_disk) == [], "entries of labels.yml naming no post"


def test_entries_are_lists_of_line_and_rule(labels):
    bad = {}
    for name, entries in labels.items():
        if not isinstance(entries, list):
            bad[name] = entries
            continue
        for entry in entries:
            if not (isinstance(entry, dict) and set(entry) <= {"line", "rule", "note"}
                    and isinstance(entry.get("line"), int) and isinstance(entry.get("rule"), str)
                    and isinstance(entry.get("note", ""), str)):
                bad[name] = entry
    assert bad == {}


def test_each_line_and_rule_is_labelled_once(labels):
    twice = {name: pairs for name, entries in labels.items()
             if len(pairs := [(e["line"], e["rule"]) for e in entries]) != len(set(pairs))}
    assert twice == {}


def test_labelled_lines_exist_and_are_not_blank(corpus, labels):
    wrong = []
    for name, entries in labels.items():
        lines = (corpus / name).read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for entry in entries:
            line = entry["line"]
            if not 1 <= line <= len(lines) or not lines[line - 1].strip():
                wrong.append(f"{name}:{line} ({entry['rule']})")
    assert wrong == []


def test_rule_names_exist_or_are_agreed(labels, rule_names):
    known = rule_names | set(bench_corpus.AGREED)
    unknown = sorted({entry["rule"] for entries in labels.values() for entry in entries} - known)
    assert unknown == []


def test_agreed_names_are_labelled_with_the_clause_they_stand_for(labels, rule_names):
    """A label for a rule still to write must quote the charter clause that asks for it."""
    pending = set(bench_corpus.AGREED) - rule_names
    unexplained = [f"{name}:{entry['line']} {entry['rule']}" for name, entries in labels.items()
                   for entry in entries if entry["rule"] in pending and not entry.get("note")]
    assert unexplained == []


def test_every_draft_rule_has_a_family_in_the_scorer(rules, labels):
    """A rule left out of bench/corpus.py FAMILIES would be scored under "other", out of its authors' sight."""
    draft_rules = {rule["name"] for rule in rules if rule["scope"] == "draft"}
    labelled = {entry["rule"] for entries in labels.values() for entry in entries}
    assert sorted((draft_rules | labelled) - bench_corpus.FAMILY_OF.keys()) == []


@pytest.mark.parametrize(("language", "minimum"), [("fr", 100), ("en", 20)])
def test_size_and_share_of_compliant_posts(corpus, labels, language, minimum):
    names = [path.relative_to(corpus).as_posix() for path in posts(corpus, language)]
    compliant = [name for name in names if not labels[name]]
    assert len(names) >= minimum
    assert 0.35 <= len(compliant) / len(names) <= 0.45, f"{len(compliant)} of {len(names)} compliant"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_posts_say_their_language_and_are_dated_2027(corpus, language):
    wrong = []
    for path in posts(corpus, language):
        head = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        says_en = re.search(r"^language: en$", head, re.M) is not None
        dated = re.search(r"^publish_at: 2027-", head, re.M) is not None
        if says_en != (language == "en") or not dated:
            wrong.append(path.name)
    assert wrong == []
