"""The live counter: the post's length on each of its channels (``X 212/280``), as inlay hints.

The length is the one PB303 judges (linter.drafts.length.post_length: grapheme clusters,
links at the channel's fixed length, comments left out); this module only places and words it.
"""

from __future__ import annotations

from lsprotocol import types

from linter.core.i18n import Language
from linter.drafts.length import post_length
from linter.drafts.parse import Draft, parse_draft
from linter.lsp.positions import Lines
from linter.playbook.model import Channel, Playbook

NETWORKS = {"x": "X", "facebook": "Facebook", "linkedin": "LinkedIn", "instagram": "Instagram",
            "youtube": "YouTube", "tiktok": "TikTok", "mastodon": "Mastodon", "threads": "Threads",
            "bluesky": "Bluesky", "blog": "Blog", "forum": "Forum", "reviews": "Reviews"}


def _name(channel: Channel, playbook: Playbook) -> str:
    """The network's name, or the channel's id when two channels share the network."""
    twins = sum(1 for other in playbook.channels if other.network == channel.network)
    return NETWORKS.get(channel.network, channel.id) if twins == 1 else channel.id


def label(channel: Channel, playbook: Playbook, draft: Draft, lang: Language | None = None) -> tuple[str, str]:
    """(``X 212/280``, the tooltip) for one channel of the draft."""
    lang = lang or Language()
    bounds = channel.limits
    url_length = bounds.url_length if bounds is not None else None
    length = post_length(draft, url_length)
    most = bounds.max_chars if bounds is not None else None
    shown = f"{_name(channel, playbook)} {length}/{most}" if most is not None else \
        f"{_name(channel, playbook)} {length}"
    tooltip = lang("{channel}: {count} characters as the network counts them", channel=channel.label,
                   count=lang.number(length))
    if most is not None:
        tooltip += lang(", {most} allowed ({over} too many)", most=lang.number(most), over=lang.number(length - most)) \
            if length > most else lang(", {most} allowed", most=lang.number(most))
    if url_length:
        tooltip += lang("; each link counts {length}", length=url_length)
    return shown, tooltip + "."


def _value_end(draft: Draft, lines: Lines, key: tuple, channel_id: str) -> types.Position:
    loc = draft.meta_loc(*key)
    text = lines.line_text(loc.line - 1)
    found = text.find(channel_id, max(0, loc.column - 1))
    column = found + len(channel_id) if found >= 0 else len(text)
    return lines.at(loc.line, column + 1)


def hints(path: str, text: str, lines: Lines, playbook: Playbook | None,
          lang: Language | None = None) -> list[types.InlayHint]:
    """One hint after each channel the front matter names that the playbook defines."""
    if playbook is None:
        return []
    draft = parse_draft(path, text, playbook.organisation, lang=lang)
    if draft is None:
        return []
    key = "channels" if "channels" in draft.meta else "channel"
    listed = isinstance(draft.meta.get(key), list)
    result = []
    for index, channel_id in enumerate(draft.channels):
        channel = playbook.channel(channel_id)
        if channel is None:
            continue
        shown, tooltip = label(channel, playbook, draft, lang)
        position = _value_end(draft, lines, (key, index) if listed else (key,), channel_id)
        result.append(types.InlayHint(position=position, label=shown, padding_left=True, tooltip=tooltip))
    return result
