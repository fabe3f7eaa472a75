"""Hypothesis: whatever a user types into a valid playbook, validation reports, never crashes."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.core.context import CheckContext
from linter.core.findings import Report
from linter.output import render
from linter.playbook.loader import load_playbook
from linter.playbook.source import load_yaml
from linter.rules import build_registry

ROOT = Path(__file__).resolve().parent.parent / "playbook"
REGISTRY = build_registry()
SAMPLE = {path.name: load_yaml(str(path))[0].data for path in sorted(ROOT.glob("*.yml"))}


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, prefix + (index,))


PATHS = [(name, path) for name, data in SAMPLE.items() for path in _paths(data) if path]

odd_values = st.one_of(
    st.text(max_size=20), st.integers(-5, 10**6), st.floats(allow_nan=True), st.booleans(), st.none(),
    st.sampled_from(["25:00-26:00", "18:00-09:00", "09:00-09:00", "2027-02-30", "2020-01-01", "0min", "99999d",
                     "FREQ=NOPE", "FREQ=YEARLY;BYMONTH=13", "Mars/Olympus", "always", "facebook", "x", "tu", "",
                     "2027-01-01T25:00:00", "PB999", "off"]),
    st.lists(st.sampled_from(["facebook", "nope", "09:00-10:00", "", "birth"]), max_size=3),
    st.dictionaries(st.sampled_from(["id", "mon", "x", "severity"]), st.sampled_from(["a", "09:00-10:00", "off"]),
                    max_size=2),
)


def _replace(data, path, value):
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), odd_values), min_size=1, max_size=4), st.dates(
    dt.date(2020, 1, 1), dt.date(2035, 1, 1)))
def test_mutated_playbook_never_crashes(mutations, today):
    import copy

    files = copy.deepcopy(SAMPLE)
    for (name, path), value in mutations:
        try:
            _replace(files[name], path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed the parent
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            Path(folder, name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        result = load_playbook(folder, REGISTRY, CheckContext.create(REGISTRY, today))
        text = render("text", Report(result.findings), REGISTRY)
    assert text
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1 and finding.message
