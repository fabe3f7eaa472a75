"""« Publications prévues » : the draft queue as a calendar per channel, each post previewed as
the network will show it.

Reviewers of a queue want to see, channel by channel and day by day, what goes out and whether
it fits: each post's length is counted as its network counts it (``linter.rules.draft.limits``,
the same functions as PB303, never a copy) and the preview is cut where the network would cut
it, the rest struck through. Channels without a length limit (a blog) show the beginning only.
Raw HTML, every draft value through ``html_text``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from linter.core.i18n import N_, Language
from linter.drafts.parse import Draft
from linter.playbook.model import Channel, Playbook
from linter.site.markup import html_text, inline, show_date, show_number, slug
from linter.site.pages.common import EVENT_KINDS, channel_title, label_text

PATH = "publications.md"
BLOG_PREVIEW = 400  # characters of a post shown when its channel has no length limit
KINDS = {**EVENT_KINDS, "reply": N_("Reply"), "announcement": N_("Announcement")}


def _cut(draft: Draft, channel: Channel) -> tuple[int, int | None, int | None]:
    """(length as the network counts it, its limit, draft offset where the post goes over it)."""
    from linter.drafts import counting
    from linter.drafts.length import Published, channel_counting, channel_length, offset_after

    way, most, url_length = channel_counting(channel)
    total = channel_length(draft, channel)
    if most is None or total <= most:
        return total, most, None
    if way == counting.GRAPHEMES:
        return total, most, offset_after(draft, url_length, most)
    published = Published.of(draft)
    return total, most, published.place(counting.first_over(published.text, way, most, url_length))


def _preview(draft: Draft, channel: Channel, lang: Language) -> str:
    from linter.drafts.length import body_bounds

    total, most, over = _cut(draft, channel)
    start, end = body_bounds(draft)  # an empty body gives start >= end: nothing shown
    if most is None:
        shown = draft.text[start:min(end, start + BLOG_PREVIEW)]
        more = "…" if end - start > BLOG_PREVIEW else ""
        size = (lang("{count} characters (no limit on this channel; beginning of the text)",
                     count=show_number(lang, total))
                if more else lang("{count} characters (no limit on this channel)", count=show_number(lang, total)))
        return (f'<p class="pb-post-size">{size}</p>'
                f'<div class="pb-post-text">{html_text_keep_lines(shown)}{more}</div>')
    if over is None:
        size = lang("{count} / {limit} characters", count=show_number(lang, total), limit=show_number(lang, most))
        return (f'<p class="pb-post-size">{size}</p>'
                f'<div class="pb-post-text">{html_text_keep_lines(draft.text[start:end])}</div>')
    size = lang("<strong>{count} / {limit} characters: {extra} too many</strong>, the network cuts or refuses the rest",
                count=show_number(lang, total), limit=show_number(lang, most), extra=show_number(lang, total - most))
    cut = lang("cut here")
    return (f'<p class="pb-post-size pb-post-size--over">{size}</p>'
            f'<div class="pb-post-text">{html_text_keep_lines(draft.text[start:over])}'
            f'<span class="pb-post-cut" role="note">{cut}</span>'
            f'<del class="pb-post-over">{html_text_keep_lines(draft.text[over:end])}</del></div>')


def html_text_keep_lines(text: str) -> str:
    """Escaped text whose line breaks survive (the stylesheet shows it with ``white-space: pre-wrap``);
    comments (``<!-- playbook-disable … -->``) are not published, so not shown."""
    import html
    import re

    text = re.sub(r"<!--.*?(?:-->[ \t]*\n?|$)", "", text.replace("\r\n", "\n"), flags=re.S)
    return html.escape(text, quote=True)


def render(playbook: Playbook, drafts: Sequence[Draft], today: dt.date, lang: Language) -> str:
    dated = sorted((draft for draft in drafts if draft.publish_at is not None),
                   key=lambda draft: (draft.publish_at, draft.path))
    out = ["# " + lang("Scheduled posts"),
           lang("The dated drafts of the drafts folder, channel by channel and day by day. Each preview counts the "
                "characters as the network counts them and stops where it would cut the text: what goes over is "
                "struck through.")]
    if not dated:
        out.append(lang("*No dated draft for now.*"))
        return "\n\n".join(out) + "\n"
    zone = _zone(playbook)
    for channel in playbook.channels:
        posts = [draft for draft in dated if channel.id in draft.channels]
        if not posts:
            continue
        out.append(f"## {inline(channel_title(lang, channel))} {{#publications-{slug(channel.id)}}}")
        days: dict[dt.date, list[tuple[dt.datetime, Draft]]] = {}
        for draft in posts:
            assert draft.publish_at is not None
            local = draft.publish_at.astimezone(zone)
            days.setdefault(local.date(), []).append((local, draft))
        blocks = []
        for day, items in days.items():
            label = f"{lang.weekday(day.weekday()).capitalize()} {show_date(lang, day)}"
            past = " " + lang("(past)") if day < today else ""
            entries = []
            for local, draft in items:
                kind = label_text(lang, KINDS, draft.kind) if draft.kind else lang("post")
                author = playbook.person(draft.author) if draft.author else None
                by = f" · {html_text(author.name)}" if author is not None and author.name else ""
                name = html_text(draft.path.replace("\\", "/").rsplit("/", 1)[-1])
                at = lang.clock(local.hour * 60 + local.minute)
                entries.append(f'<li class="pb-post"><p class="pb-post-head"><strong>{at}</strong> · '
                               f"{html_text(kind)}{by} · <code>{name}</code></p>"
                               f"{_preview(draft, channel, lang)}</li>")
            blocks.append(f'<div class="pb-queue-day"><p class="pb-queue-date"><strong>{html_text(label)}</strong>'
                          f'{past}</p><ul class="pb-queue-posts">{"".join(entries)}</ul></div>')
        out.append(f'<div class="pb-queue">{"".join(blocks)}</div>')
    return "\n\n".join(out) + "\n"


def _zone(playbook: Playbook) -> dt.tzinfo:
    from linter.drafts.queue import zone_of

    return zone_of(playbook.organisation.timezone)


def read_drafts(folder: str | None, playbook: Playbook) -> list[Draft]:
    """The drafts of ``folder`` (none when it does not exist); unreadable ones are left out."""
    import os

    from linter.drafts.find import find_drafts
    from linter.drafts.parse import read_draft

    if not folder or not os.path.isdir(folder):
        return []
    paths, _ = find_drafts([folder])
    drafts = []
    for path in paths:
        draft, _findings = read_draft(path, playbook.organisation)
        if draft is not None:
            drafts.append(draft)
    return drafts


__all__ = ["PATH", "read_drafts", "render"]
