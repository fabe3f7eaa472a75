"""Go to definition: from an id (in a draft's front matter or a playbook file) to its declaration.

The declaration is the ``id:`` value of the entity in the playbook, whose position the model
keeps (linter.lsp.ids); the target file's text turns that position into the client's units.
"""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types

from linter.lsp import ids, places
from linter.lsp.positions import Lines
from linter.playbook.model import Playbook


def definition(lines: Lines, position: types.Position, playbook: Playbook | None, is_draft: bool,
               concern: str | None, text_of: Callable[[str], str | None],
               uri_of: Callable[[str], str]) -> list[types.Location]:
    """Where the id under the cursor is declared (none when it is not an id of the playbook)."""
    line = position.line
    column = lines.offset(position) - lines.starts[min(line, len(lines.starts) - 1)]
    place = places.in_draft(lines, line, column) if is_draft else places.in_yaml(lines, concern, line, column)
    if place is None or not place.word or place.kind == "kind":
        return []
    result = []
    for entry in ids.find(playbook, place.word, place.kind if place.kind in ids.KINDS else None):
        text = text_of(entry.loc.path)
        if text is None:
            continue
        target = Lines.of(text, lines.encoding)
        start = target.at(entry.loc.line, entry.loc.column)
        end = target.at(entry.loc.line, entry.loc.column + len(entry.id))
        result.append(types.Location(uri=uri_of(entry.loc.path), range=types.Range(start=start, end=end)))
    return result
