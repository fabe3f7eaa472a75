"""The language server's pure parts: positions in every encoding, the cursor's place in a
half-typed buffer, and the front's answer to `initialize`. Property-based: whatever the text,
nothing raises and conversions agree."""

from __future__ import annotations

import asyncio
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types

from linter import __version__
from linter.lsp import front, places
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


# -- the front: `initialize` answered before pygls is imported ----------------------------------------
CLIENTS = sorted((Path(pytest_lsp.__file__).parent / "clients").glob("*.json"))


def _initialize(capabilities: object) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": None, "rootUri": None, "capabilities": capabilities}}


async def _pygls_answer(message: dict[str, Any]) -> dict[str, Any]:
    """What the pygls server answers to this message, handled as its reading loop handles one."""
    from linter.lsp.wiring import build

    server = build()
    written: list[bytes] = []

    class Writer:
        def write(self, data: bytes) -> None:
            written.append(data)

        def close(self) -> None:
            pass

    server.protocol.set_writer(Writer())
    server.protocol.handle_message(json.loads(json.dumps(message), object_hook=server.protocol.structure_message))
    for _ in range(500):
        if written:
            break
        await asyncio.sleep(0.01)
    return json.loads(written[0].split(b"\r\n\r\n", 1)[1])


@pytest.mark.parametrize("capabilities", [
    {}, {"general": {"positionEncodings": ["utf-32", "utf-8"]}}, {"general": {"positionEncodings": ["latin-1"]}},
    {"general": {}}, {"textDocument": {"synchronization": {"willSave": True, "willSaveWaitUntil": False}}},
    {"workspace": {"fileOperations": {"didCreate": True, "willRename": True}}},
    *(json.loads(path.read_text(encoding="utf-8"))["capabilities"] for path in CLIENTS)],
    ids=lambda capabilities: str(capabilities)[:40])
@pytest.mark.asyncio
async def test_the_front_answers_initialize_as_pygls_does(capabilities: dict[str, Any]):
    """The answer written by hand (linter.lsp.front) is the one pygls builds from the features the
    server registers, for the capabilities of real clients (pytest-lsp's recordings) and odd ones."""
    message = _initialize(capabilities)
    assert front.answer(message, __version__) == await _pygls_answer(message)


@pytest.mark.parametrize("message", [
    {"jsonrpc": "2.0", "id": 1, "method": "shutdown"}, _initialize(None), _initialize({"general": 3}),
    _initialize({"general": {"positionEncodings": "utf-8"}}), {**_initialize({}), "id": True},
    _initialize({"textDocument": {"synchronization": {"willSave": "yes"}}}), {**_initialize({}), "params": []}])
def test_the_front_leaves_what_it_cannot_read_to_pygls(message: dict[str, Any]):
    assert front.answer(message, __version__) is None


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                        st.sampled_from(["general", "positionEncodings", "textDocument", "synchronization",
                                         "willSave", "id", "method", "params", "capabilities", "x"]), inner,
                        max_size=4), max_leaves=12)


@given(JSON, st.sampled_from([1, "a", None, True]))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_front_never_raises(capabilities: object, ident: object):
    answer = front.answer({**_initialize(capabilities), "id": ident}, __version__)
    assert answer is None or answer["id"] == ident


BYTES = st.lists(st.sampled_from([b"Content-Length: 2\r\n", b"Content-Length: x\r\n", b"\r\n", b"\n", b"{}", b"[]",
                                  b"Content-Type: y\r\n", b"\xff", b"a", b"Content-Length: 40\r\n"]),
                 max_size=8).map(b"".join)


@given(BYTES)
@settings(max_examples=300, deadline=None)
def test_pygls_reads_what_the_client_sent(data: bytes):
    """Whatever the client sent, the front reads a prefix of it and pygls, through Replay, reads it all,
    line by line and by lengths as its loop does."""
    stream = io.BytesIO(data)
    read, message = front.read_message(stream)
    assert data.startswith(read) and (message is None or isinstance(message, dict))
    replay, again = front.Replay(read, stream), b""
    while True:
        line = replay.readline()
        again += line
        if not line:
            break
        again += replay.read(3)
    assert again == data


# -- the lint session: the queue kept parsed gives lint_text's findings -------------------------------
ROOT = Path(__file__).resolve().parent.parent
EDITS = st.sampled_from(["words", "date", "channel", "copy", "broken", "event", "undated"])


def _edited(text: str, edit: str, other: str, step: int) -> str:
    head = text.partition("\n---\n")[0]
    if edit == "words":
        return f"{text}\nÉtape {step} : la boutique détox reste ouverte."
    if edit == "date":
        return re.sub(r"publish_at: 2027-03-0\d", f"publish_at: 2027-03-0{1 + step % 6}", text)
    if edit == "channel":
        return re.sub(r"channel: \S+", ["channel: instagram", "channel: linkedin", "channel: x"][step % 3], text)
    if edit == "copy":
        return f"{head}\n---\n{other.partition(chr(10) + '---' + chr(10))[2]}"
    if edit == "broken":
        return text.replace("---\n", "---\nchannel: [\n", 1)
    if edit == "event":
        return text.replace("---\n", "---\nevent: inconnu\n", 1)
    return re.sub(r"publish_at: .*\n", "", text)


@given(st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100), EDITS, st.integers(0, 100)),
                min_size=1, max_size=5))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_session_finds_what_lint_text_finds(steps: list[tuple[int, int, str, int]]):
    """Whatever drafts change and in what order (their text, date, channel, a copy of another's text,
    a broken front matter), checking one with the session (the queue kept parsed from check to
    check) gives what ``linter.api.lint_text`` gives on the same queue, parsed afresh."""
    import datetime as dt

    from linter import api
    from linter.lsp.project import Clock, Project
    from linter.rules import build_registry

    project = Project(str(ROOT), build_registry(), Clock(dt.datetime.fromisoformat("2027-03-01T08:00:00+01:00"),
                                                         dt.date(2026, 11, 23), "en"))
    project.load()
    project.load_queue()
    project.warm()
    paths = sorted(project.queue)
    for changed, checked, edit, step in steps:
        path = paths[changed % len(paths)]
        project.queue[path] = _edited(project.queue[path], edit, project.queue[paths[step % len(paths)]], step)
        target = paths[checked % len(paths)]
        text = project.queue[target]
        others = [(other, body) for other, body in project.queue.items() if other != target]
        assert project.playbook is not None
        expected = api.lint_text(target, text, project.playbook, project.context(), project.filters(), others)
        assert project.check_draft(project.absolute(target), text) == expected, (target, edit)
