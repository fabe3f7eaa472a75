"""Where the cursor is: which field of a draft's front matter or of a playbook file, and which id.

Read from the buffer's lines, not from a parse: completion is asked for while the line is
half-typed (``channel: fa``), when the YAML may not parse at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.lsp.positions import Lines

DRAFT_FIELDS = {"channel": "channel", "channels": "channel", "author": "person", "audience": "audience",
                "objective": "objective", "kind": "kind"}
"""Front-matter fields whose value is an id of the playbook (or a kind of post)."""

YAML_FIELDS = {
    ("objectives", "owner"): "profile", ("objectives", "channels"): "channel",
    ("objectives", "audiences"): "audience", ("audiences", "channels"): "channel",
    ("channels", "audiences"): "audience", ("roles", "roles"): "profile",
    ("crisis", "owner"): "profile", ("crisis", "role"): "profile", ("crisis", "frozen_channels"): "channel",
    ("crisis", "lead"): "person", ("calendar", "channels"): "channel", ("calendar", "owner"): "profile",
}
"""(playbook part, key) -> the kind of id its value names: the cross-references that PB202 checks."""

_KEY = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_][\w-]*)\s*:(?:\s|$)")
_ITEM = re.compile(r"^(\s*)-(?:\s|$)")
_WORD = re.compile(r"[\w.+-]+")
_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*")


@dataclass(frozen=True)
class Place:
    """The cursor's field and the id-like word around it (columns in code points, 0-based)."""

    key: str | None
    kind: str | None  # the kind of id the field names, or None
    word: str
    start: int
    end: int
    line: int


def front_matter_end(lines: Lines) -> int | None:
    """The 0-based line of the front matter's closing ``---``, or None when there is none."""
    if lines.line_text(0).rstrip() != "---":
        return None
    for index in range(1, len(lines.starts)):
        if _FENCE.fullmatch(lines.line_text(index)):
            return index
    return None


def _word(text: str, column: int) -> tuple[str, int, int]:
    for match in _WORD.finditer(text):
        if match.start() <= column <= match.end():
            return match.group(), match.start(), match.end()
    return "", column, column


def _key(lines: Lines, line: int) -> str | None:
    """The key the value on ``line`` belongs to: on the line itself, or the parent of a list item."""
    text = lines.line_text(line)
    found = _KEY.match(text)
    if found:
        return found.group(2)
    item = _ITEM.match(text)
    if not item:
        return None
    indent = len(item.group(1))
    for above in range(line - 1, -1, -1):
        text = lines.line_text(above)
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        level = len(text) - len(text.lstrip())
        if level > indent or (level == indent and stripped.startswith("-")):
            continue  # a sibling item or a deeper line
        found = _KEY.match(text)
        return found.group(2) if found and stripped.endswith(":") else None
    return None


def _value_part(text: str, column: int) -> bool:
    """Whether the cursor is in a value (after ``key:`` or ``-``), not in the key itself."""
    found = _KEY.match(text)
    if found:
        return column > text.index(":", found.start(2))
    item = _ITEM.match(text)
    return item is not None and column > len(item.group(1))


def in_draft(lines: Lines, line: int, column: int) -> Place | None:
    """The place in a draft's front matter, or None elsewhere (the body, no front matter)."""
    end = front_matter_end(lines)
    if end is None or not 0 < line < end:
        return None
    text = lines.line_text(line)
    if not _value_part(text, column):
        return None
    key = _key(lines, line)
    word, start, stop = _word(text, column)
    return Place(key, DRAFT_FIELDS.get(key or ""), word, start, stop, line)


def in_yaml(lines: Lines, concern: str | None, line: int, column: int) -> Place:
    """The place in a playbook file: the key of the value under the cursor, and its id-like word."""
    text = lines.line_text(line)
    key = _key(lines, line) if _value_part(text, column) else None
    word, start, stop = _word(text, column)
    return Place(key, YAML_FIELDS.get((concern or "", key or "")), word, start, stop, line)


def rule_code(lines: Lines, line: int, column: int) -> str | None:
    """A rule code (``PB313``) under the cursor: in a disable comment, lint.yml, a message…"""
    for match in re.finditer(r"\bPB[0-9]{3}\b", lines.line_text(line)):
        if match.start() <= column <= match.end():
            return match.group()
    return None
