"""Completion of the playbook's ids where a field names one.

In a draft's front matter: ``channel``/``channels``, ``author``, ``audience``, ``objective`` and
``kind``; in the playbook's files: the cross-references that PB202 checks (an objective's
channels, a phase's owner…). Each item replaces the id-like word under the cursor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lsprotocol import types

from linter.core.i18n import Language
from linter.lsp import ids, places
from linter.lsp.places import Place
from linter.lsp.positions import Lines
from linter.playbook.model import Playbook

_KIND_LINE = re.compile(r"^kind:[ \t]*['\"]?([\w-]+)", re.MULTILINE)


def used_kinds(texts: Iterable[str]) -> list[str]:
    """The kinds of post the queue's drafts use, beside the usual ones."""
    found = dict.fromkeys(ids.POST_KINDS)
    for text in texts:
        head = text[:2000]
        for match in _KIND_LINE.finditer(head):
            found.setdefault(match.group(1))
    return list(found)


def _items(place: Place, lines: Lines, playbook: Playbook | None, kinds: list[str],
           lang: Language) -> list[types.CompletionItem]:
    start = lines.at(place.line + 1, place.start + 1)
    end = lines.at(place.line + 1, place.end + 1)
    where = types.Range(start=start, end=end)
    if place.kind == "kind":
        return [types.CompletionItem(label=kind, kind=types.CompletionItemKind.EnumMember, sort_text=f"{index:03}",
                                     text_edit=types.TextEdit(range=where, new_text=kind))
                for index, kind in enumerate(kinds)]
    items = []
    for index, entry in enumerate(ids.entries(playbook, place.kind or "", lang)):
        inactive = entry.kind == "channel" and playbook is not None and not _active(playbook, entry.id)
        items.append(types.CompletionItem(
            label=entry.id, kind=types.CompletionItemKind.Reference, detail=entry.title,
            documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=ids.describe(entry, lang)),
            sort_text=f"{int(inactive)}{index:03}", text_edit=types.TextEdit(range=where, new_text=entry.id)))
    return items


def _active(playbook: Playbook, channel_id: str) -> bool:
    channel = playbook.channel(channel_id)
    return channel is None or channel.active


def complete(lines: Lines, position: types.Position, playbook: Playbook | None, is_draft: bool,
             concern: str | None, queue_texts: Iterable[str] = (), lang: Language | None = None
             ) -> types.CompletionList:
    line = position.line
    column = lines.offset(position) - lines.starts[min(line, len(lines.starts) - 1)]
    place = places.in_draft(lines, line, column) if is_draft else places.in_yaml(lines, concern, line, column)
    if place is None or place.kind is None:
        return types.CompletionList(is_incomplete=False, items=[])
    kinds = used_kinds(queue_texts) if place.kind == "kind" else []
    return types.CompletionList(is_incomplete=False, items=_items(place, lines, playbook, kinds, lang or Language()))
