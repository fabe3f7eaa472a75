"""Positions between the linter (1-based lines, columns in code points, offsets in the text)
and the client (0-based lines, columns in UTF-16 code units unless it negotiated another).

Why not pygls' position codec: it only converts columns, and the linter also speaks in offsets
into the decoded text (a fix is ``text[start:end]``); both come from one table of line starts.
Lines end at ``\\r\\n``, ``\\r`` or ``\\n``, as in the LSP and the draft parser.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from lsprotocol import types

_BREAK = re.compile(r"\r\n|\r|\n")
UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` the client counts in ``text``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


@dataclass(frozen=True)
class Lines:
    """A buffer's text with the offset of each line, to convert positions both ways."""

    text: str
    starts: tuple[int, ...]
    encoding: str = UTF16

    @staticmethod
    def of(text: str, encoding: str = UTF16) -> Lines:
        return Lines(text, (0, *(match.end() for match in _BREAK.finditer(text))), encoding)

    def line_text(self, line: int) -> str:
        """The text of a 0-based line, without its line break."""
        if not 0 <= line < len(self.starts):
            return ""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[line]:end].rstrip("\r\n")

    def position(self, offset: int) -> types.Position:
        """The client's position of a character offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        before = self.text[self.starts[line]:offset]
        return types.Position(line=line, character=units(before, self.encoding))

    def at(self, line: int, column: int) -> types.Position:
        """The client's position of a linter position (1-based line, 1-based column in code points)."""
        index = max(0, line - 1)
        if index >= len(self.starts):
            return self.position(len(self.text))
        current = self.line_text(index)
        return types.Position(line=index, character=units(current[:max(0, column - 1)], self.encoding))

    def offset(self, position: types.Position) -> int:
        """The character offset of a client position (clamped to its line and to the text)."""
        if position.line >= len(self.starts):
            return len(self.text)
        current = self.line_text(position.line)
        column, counted = 0, 0
        for char in current:
            if counted >= position.character:
                break
            counted += units(char, self.encoding)
            column += 1
        return self.starts[position.line] + column

    def word_end(self, line: int, column: int) -> types.Position:
        """Where the word starting at a linter position ends: the range a point finding underlines."""
        current = self.line_text(line - 1)
        start = max(0, column - 1)
        end = start
        while end < len(current) and not current[end].isspace():
            end += 1
        if end == start and start < len(current):
            end += 1
        return types.Position(line=max(0, line - 1), character=units(current[:end], self.encoding))


def encoding_of(name: object) -> str:
    """The negotiated encoding as one of ours (pygls gives the LSP's kind or a plain string)."""
    value = str(getattr(name, "value", name) or UTF16).lower()
    return value if value in (UTF8, UTF16, UTF32) else UTF16
