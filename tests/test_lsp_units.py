"""The language server's pure parts: positions in every encoding, and the cursor's place in a
half-typed buffer. Property-based: whatever the text, nothing raises and conversions agree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types

from linter.lsp import places
from linter.lsp.positions import UTF8, UTF16, UTF32, Lines

# Line breaks of every kind, astral characters (two UTF-16 units), combining marks, NUL…
PIECES = st.sampled_from(list("ab :-[],#\n\r\t\u00e9\u0301\u202f\u2028\U0001f34e\x00") + ["---\n", "channel: "])
TEXT = st.lists(PIECES, max_size=40).map("".join)


@given(TEXT, st.sampled_from([UTF8, UTF16, UTF32]), st.data())
@settings(max_examples=300)
def test_offsets_and_positions_agree(text: str, encoding: str, data: st.DataObject):
    lines = Lines.of(text, encoding)
    offset = data.draw(st.integers(0, len(text)))
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        offset -= 1  # no position falls between the two characters of a \r\n
    position = lines.position(offset)
    assert lines.offset(position) == offset
    line = position.line
    assert lines.at(line + 1, offset - lines.starts[line] + 1) == position


@given(TEXT, st.integers(-2, 80), st.integers(-2, 200))
def test_any_position_is_answered(text: str, line: int, character: int):
    lines = Lines.of(text)
    position = types.Position(line=max(line, 0), character=max(character, 0))
    assert 0 <= lines.offset(position) <= len(text)
    lines.at(line, character)
    lines.word_end(line, character)
    row = min(max(line, 0), len(lines.starts) - 1)
    places.in_draft(lines, row, max(character, 0))
    places.in_yaml(lines, "objectives", row, max(character, 0))
    places.rule_code(lines, row, max(character, 0))


def test_utf16_counts_astral_characters_twice():
    lines = Lines.of("🍎é détox", UTF16)
    assert lines.at(1, 4) == types.Position(line=0, character=4)
    assert Lines.of("🍎é détox", UTF32).at(1, 4) == types.Position(line=0, character=3)
    assert Lines.of("🍎é détox", UTF8).at(1, 4) == types.Position(line=0, character=7)


def test_places_read_the_field_of_a_half_typed_line():
    draft = Lines.of("---\nchannel: fa\nchannels:\n  - x\n  - \nauthor: [a, b]\n---\nchannel: body\n")
    assert places.in_draft(draft, 1, 11) == places.Place("channel", "channel", "fa", 9, 11, 1)
    assert places.in_draft(draft, 4, 4).kind == "channel"  # a list item under `channels:`
    assert places.in_draft(draft, 5, 12).word == "a" or places.in_draft(draft, 5, 12).word == "b"
    assert places.in_draft(draft, 1, 3) is None  # the key itself
    assert places.in_draft(draft, 7, 10) is None  # the body
    playbook = Lines.of("objectives:\n  - id: a\n    owner: \n    channels:\n      - fb\n")
    assert places.in_yaml(playbook, "objectives", 2, 11).kind == "profile"
    assert places.in_yaml(playbook, "objectives", 4, 9).kind == "channel"
    assert places.in_yaml(playbook, "objectives", 1, 8).kind is None  # an id's own declaration
