"""The loader: every malformed file gives one clear finding at the right place, never an exception.

The reader only notes what is wrong (``linter.core.rule.Note``); the loading rules make the findings,
so these tests read files as a run does: the reader, then the registry's rules.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.core.i18n import Language
from linter.playbook import source
from linter.playbook.source import MAX_BYTES
from linter.rules import build_registry

ENGLISH = Language("en")  # the messages asserted are the English ones; tests/test_i18n.py reads the French
REGISTRY = build_registry()


def _reported(read):
    """(what was read, the findings the rules make of what the reader noted)."""
    result, notes = read
    return result, REGISTRY.findings_of(notes)


def load_yaml(path, **options):
    return _reported(source.load_yaml(path, **options))


def read_text(path, **options):
    return _reported(source.read_text(path, **options))


def parse_yaml_text(text, path, lang=None):
    return _reported(source.parse_yaml_text(text, path, lang))


def _load(tmp_path, content: bytes | str, name: str = "organisation.yml"):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return load_yaml(str(path), lang=ENGLISH)


def _only(findings):
    assert len(findings) == 1, findings
    return findings[0]


def test_positions_of_values_and_keys(tmp_path):
    document, findings = _load(tmp_path, "name: Cidrerie\nvalues:\n  - qualité\n  - proximité\n")
    assert findings == []
    assert document.data == {"name": "Cidrerie", "values": ["qualité", "proximité"]}
    assert (document.loc("values", 1).line, document.loc("values", 1).column) == (4, 5)
    assert (document.key_loc("values").line, document.key_loc("values").column) == (2, 1)
    # an unknown deeper path falls back to the nearest ancestor
    assert document.loc("values", 1, "x") == document.loc("values", 1)


def test_bom_and_crlf_are_accepted_and_positions_unchanged(tmp_path):
    document, findings = _load(tmp_path, b"\xef\xbb\xbfname: Cidrerie\r\nsector: cidre\r\n")
    assert findings == []
    assert document.data == {"name": "Cidrerie", "sector": "cidre"}
    assert (document.loc("sector").line, document.loc("sector").column) == (2, 9)


def test_dates_stay_as_written(tmp_path):
    document, _ = _load(tmp_path, "last_reviewed: 2026-09-15\nstarted: 2026-09-15T10:00:00+02:00\n")
    assert document.data == {"last_reviewed": "2026-09-15", "started": "2026-09-15T10:00:00+02:00"}


@pytest.mark.parametrize(
    ("content", "code", "line", "column", "words"),
    [
        ("name: a\nname: b\n", "PB005", 2, 1, "appears twice"),
        ("team:\n  lead: a\n  lead: b\n", "PB005", 3, 3, "first at line 2"),
        ("name: !!python/object/apply:os.system [ls]\n", "PB006", 1, 7, "unsafe tag"),
        ("name: !custom x\n", "PB006", 1, 7, "tag"),
        ("a: &x [1, *x]\n", "PB007", 1, 11, "refers to itself"),
        ("x: " + "[" * 200 + "]" * 200 + "\n", "PB007", 1, 67, "nested"),
        ("name: 'open\n", "PB004", 2, 1, "syntax"),
        ("name: a\n\tsector: b\n", "PB004", 2, 1, "syntax"),
        ("---\na: 1\n---\nb: 2\n", "PB004", 3, 1, "more than one"),
        ("a: *nothing\n", "PB004", 1, 4, "no anchor"),
        ("# only a comment\n", "PB008", 1, 1, "empty"),
        ("", "PB008", 1, 1, "empty"),
        ("a: \x07\n", "PB004", 1, 4, "character"),
    ],
)
def test_malformed_files(tmp_path, content, code, line, column, words):
    document, findings = _load(tmp_path, content)
    finding = _only(findings)
    assert document is None
    assert (finding.code, finding.line, finding.column) == (code, line, column)
    assert words in finding.message
    assert finding.hint


def test_tab_hint_names_the_problem(tmp_path):
    _, findings = _load(tmp_path, "name: a\n\tsector: b\n")
    assert "tab" in _only(findings).hint


def test_alias_bomb_is_bounded(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    _, findings = _load(tmp_path, "\n".join(lines) + "\n")
    finding = _only(findings)
    assert finding.code == "PB007" and "expands" in finding.message


def test_merge_keys_are_supported(tmp_path):
    document, findings = _load(tmp_path, "base: &b {x: 1, y: 1}\nk:\n  <<: *b\n  y: 2\n")
    assert findings == []
    assert document.data["k"] == {"x": 1, "y": 2}


def test_not_utf8_points_at_the_byte(tmp_path):
    _, findings = _load(tmp_path, "name: ok\nsector: Soci\xe9t\xe9\n".encode("latin-1"))
    finding = _only(findings)
    assert (finding.code, finding.line, finding.column) == ("PB003", 2, 13)
    assert "0xe9" in finding.message


def test_utf16_is_named(tmp_path):
    _, findings = _load(tmp_path, "name: ok\n".encode("utf-16"))
    assert "UTF-16" in _only(findings).message


def test_missing_file_and_folder(tmp_path):
    _, findings = load_yaml(str(tmp_path / "nope.yml"), lang=ENGLISH)
    assert _only(findings).code == "PB001"
    _, findings = load_yaml(str(tmp_path), lang=ENGLISH)
    assert _only(findings).code == "PB001"


def test_missing_file_and_folder_say_which(tmp_path):
    assert "does not exist" in _only(read_text(str(tmp_path / "nope.md"), lang=ENGLISH)[1]).message
    assert "found a folder" in _only(read_text(str(tmp_path), lang=ENGLISH)[1]).message


def test_a_file_of_exactly_the_limit_is_read_whole(tmp_path):
    path = tmp_path / "edge.md"
    path.write_bytes(b"x" * (MAX_BYTES - 1) + b"\n")
    text, findings = read_text(str(path), lang=ENGLISH)
    assert findings == [] and len(text) == MAX_BYTES


def test_a_pipe_is_reported_and_never_opened(tmp_path):
    """Opening a named pipe waits for a writer that may never come (issue #14): PB011, no hang."""
    fifo = tmp_path / "draft.md"
    os.mkfifo(fifo)
    text, findings = read_text(str(fifo), lang=ENGLISH)
    assert text is None and _only(findings).code == "PB011"


def test_size_bound(tmp_path):
    path = tmp_path / "big.yml"
    path.write_bytes(b"a: " + b"x" * (MAX_BYTES + 10) + b"\n")
    _, findings = load_yaml(str(path), lang=ENGLISH)
    assert _only(findings).code == "PB002"


_yamlish = st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#,? \n\t\x00é%@`") + ["\u2028", "\ufeff"]),
                   max_size=200)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(st.text(max_size=300), _yamlish))
def test_any_text_never_raises(text):
    document, findings = parse_yaml_text(text, "f.yml", ENGLISH)
    assert (document is None) == bool(findings)
    for finding in findings:
        assert finding.line >= 1 and finding.column >= 1 and finding.message


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_never_raise(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.yml"
    path.write_bytes(data)
    document, findings = load_yaml(str(path), lang=ENGLISH)
    assert (document is None) == bool(findings)


def test_a_note_is_reported_by_the_rule_that_fills_its_role(tmp_path):
    """The registry turns a note into its rule's finding, with the rule's code and severity; a note
    whose rule is switched off, or that no rule of the registry reports, gives no finding."""
    from linter.core.registry import Registry
    from linter.core.rule import Note, Role

    _, notes = source.read_text(str(tmp_path / "nope.md"), lang=ENGLISH)
    assert [note.role for note in notes] == [Role.MISSING_FILE]
    rule = REGISTRY.for_role(Role.MISSING_FILE)
    note = notes[0]
    assert REGISTRY.findings_of(notes) == [rule.at(note.loc, note.message, note.hint)]
    assert REGISTRY.findings_of(notes, lambda code: code != rule.code) == []
    assert Registry([]).findings_of(notes) == []
    unknown = Note(Role.UNKNOWN_FILE, source.Loc("playbook/channel.yml", 1, 1), "ignored", None)
    assert [(f.code, f.severity.value) for f in REGISTRY.findings_of([unknown])] == [("PB010", "warning")]
