"""The quick yes/no schema check must say "valid" exactly when jsonschema does.

`playbook validate` skips jsonschema when the quick predicates accept a file, so a
predicate that accepts too much would hide an error from the user, and one that rejects
too much would only cost time. Both directions are held to jsonschema here: on every
shipped schema, on the sample playbook, on fuzzed variants of it, and on the corners of
JSON equality (true is not 1, 1 is 1.0) that enum, const, uniqueItems, not and oneOf need.
"""

from __future__ import annotations

import copy
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from linter.playbook.schema import FORMATS, load_schema, schema_names
from linter.playbook.schema_quick import compile_schema
from linter.playbook.source import load_yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = {path.stem: load_yaml(str(path))[0].data for path in sorted((ROOT / "playbook").glob("*.yml"))}


def _checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    for name, test in FORMATS.items():
        checker.checks(name)(test)
    return checker


SCHEMAS = {name: load_schema(name) for name in schema_names()}
QUICK = {name: compile_schema(schema, FORMATS) for name, schema in SCHEMAS.items()}
FULL = {name: Draft202012Validator(schema, format_checker=_checker()) for name, schema in SCHEMAS.items()}


def _agree(name: str, data: object) -> None:
    expected = FULL[name].is_valid(data)
    assert QUICK[name](data) is expected, (name, data, [e.message for e in FULL[name].iter_errors(data)])


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_shipped_schema_compiles(name):
    """A schema the quick check cannot read would silently bring jsonschema back on every run."""
    assert QUICK[name] is not None


@pytest.mark.parametrize("name", sorted(SAMPLE))
def test_the_sample_playbook_is_valid_for_both(name):
    assert FULL[name].is_valid(SAMPLE[name])
    assert QUICK[name](SAMPLE[name]) is True


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, prefix + (index,))


PATHS = [(name, path) for name, data in SAMPLE.items() for path in _paths(data)]

values = st.one_of(
    st.text(max_size=12), st.integers(-3, 10**5), st.floats(allow_nan=True), st.booleans(), st.none(),
    st.sampled_from([0, 1, 1.0, 2.5, True, False, "", "x", "always", "off", "error", "warning", "tu", "vous",
                     "2027-02-30", "2027-06-30", "2027-06-30T09:00:00+02:00", "2027-06-30 09:00", "a@b.fr",
                     "pas une adresse", "https://exemple.fr", "ftp://x", "09:00-18:00", "25:00-26:00", "30min",
                     "2h", "FREQ=WEEKLY", "PB301", "facebook", "service-client", "Service Client"]),
    st.lists(st.sampled_from(["facebook", "x", "", 1, True, "09:00-10:00", None]), max_size=4),
    st.dictionaries(st.sampled_from(["id", "name", "mon", "severity", "date", "recurrence", "start", "x", "always"]),
                    st.sampled_from(["a", "09:00-10:00", "off", 3, None, "2027-06-30", "FREQ=WEEKLY"]), max_size=3),
)


def _mutate(data, path, action, value):
    """Replace, delete, duplicate or add next to the value at ``path``; False if impossible."""
    if not path:
        return value if action == "replace" else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    elif action == "add" and isinstance(parent[last], dict) and isinstance(value, dict):
        parent[last].update(value)
    elif action == "add" and isinstance(parent[last], list):
        parent[last].append(value)
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from(["replace", "delete", "duplicate", "add"]), values),
                min_size=1, max_size=3))
def test_fuzzed_playbooks_get_the_same_answer(mutations):
    files = copy.deepcopy(SAMPLE)
    touched = set()
    for (name, path), action, value in mutations:
        try:
            files[name] = _mutate(files[name], path, action, copy.deepcopy(value))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced the parent
        touched.add(name)
    for name in touched:
        _agree(name, files[name])


CORNERS = {
    "type": {"type": "integer"},
    "types": {"type": ["string", "null"]},
    "enum": {"enum": [1, "a", [1, 2], {"k": False}]},
    "const": {"const": False},
    "not": {"not": {"const": "always"}},
    "oneOf": {"oneOf": [{"required": ["date"]}, {"required": ["recurrence"]}]},
    "anyOf": {"anyOf": [{"type": "string"}, {"minimum": 3}]},
    "allOf": {"allOf": [{"minimum": 1}, {"maximum": 3}]},
    "unique": {"uniqueItems": True},
    "dependent": {"dependentRequired": {"recurrence": ["start"]}},
    "lengths": {"minLength": 2, "maxLength": 3},
    "sizes": {"minItems": 1, "maxItems": 2, "minProperties": 1, "maxProperties": 1},
    "exclusive": {"exclusiveMinimum": 0, "exclusiveMaximum": 1},
    "pattern": {"pattern": "^[a-z]+$"},
    "names": {"propertyNames": {"pattern": "^P", "not": {"const": "PX"}}},
    "objects": {"properties": {"a": {"type": "integer"}}, "patternProperties": {"^b": {"type": "string"}},
                "additionalProperties": False},
    "extra-only": {"additionalProperties": {"type": "boolean"}},
    "format": {"format": "date"},
    "unknown-format": {"format": "hostname"},
    "ref": {"$defs": {"node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}}}},
            "$ref": "#/$defs/node"},
}
INSTANCES = [None, True, False, 0, 1, 1.0, 2, 2.5, 3, -1, "", "a", "ab", "abc", "abcd", "Ab", "2027-06-30",
             "2027-02-30", [], [1], [1, 1.0], [1, True], [0, False], [[1], [1.0]], [{"a": 1}, {"a": True}],
             {}, {"a": 1}, {"a": 1.0}, {"a": "x"}, {"b": "x"}, {"b": 1}, {"c": True}, {"c": 1}, {"k": False},
             {"k": 0}, [1, 2], [1.0, 2], {"date": "x"}, {"recurrence": "x"}, {"date": 1, "recurrence": 2},
             {"recurrence": "x", "start": "y"}, {"P1": 1}, {"PX": 1}, {"Q": 1}, {"P1": 1, "P2": 2},
             {"next": {"next": {"next": 3}}}, {"next": {"next": {}}}, float("nan"), float("inf")]


@pytest.mark.parametrize("name", sorted(CORNERS))
def test_corners_of_json_equality_and_keywords(name):
    schema = CORNERS[name]
    quick = compile_schema(schema, FORMATS)
    full = Draft202012Validator(schema, format_checker=_checker())
    assert quick is not None
    for instance in INSTANCES:
        assert quick(instance) is full.is_valid(instance), (schema, instance)


@pytest.mark.parametrize("schema", [
    {"type": "object", "unevaluatedProperties": False},
    {"prefixItems": [{"type": "string"}]},
    {"$ref": "other.schema.json#/$defs/x"},
    {"$dynamicRef": "#meta"},
    {"if": {"required": ["a"]}, "then": {"required": ["b"]}},
    {"properties": {"a": {"contains": {"const": 1}}}},
])
def test_a_keyword_it_does_not_know_leaves_the_schema_to_jsonschema(schema):
    assert compile_schema(schema, FORMATS) is None


def test_validating_a_clean_playbook_does_not_import_jsonschema():
    """The point of the quick check: a clean run never pays for importing jsonschema."""
    script = textwrap.dedent("""
        import sys
        from click.testing import CliRunner
        from linter.cli import cli
        result = CliRunner().invoke(cli, ["validate", "playbook"])
        print(result.exit_code, "jsonschema" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]


def test_an_invalid_file_still_gets_jsonschemas_explanation(tmp_path):
    """When the quick check says no, the message and its position come from the full check."""
    for path in (ROOT / "playbook").glob("*.yml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    lint = tmp_path / "lint.yml"
    lint.write_text(lint.read_text(encoding="utf-8") + "\nunknown_setting: 1\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "linter", "validate", str(tmp_path)], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 1, out.stderr
    line = len(lint.read_text(encoding="utf-8").splitlines())
    assert f"lint.yml:{line}:1" in out.stdout and "PB103" in out.stdout and "unknown field `unknown_setting`" \
        in out.stdout
