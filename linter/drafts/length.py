"""A post's length as its network counts it: what PB303 judges, the editor's live counter shows
and the site's preview cuts at, in one place that the rules and both front ends import.

Bluesky and the networks without a counting of their own count grapheme clusters ("é", "👍🏽" and
"🇫🇷" are one each); X, Mastodon, Threads and the UTF-16 networks count the published text their
own way (linter.drafts.counting). Comments (`<!-- -->`) are not published so they do not count,
a line break is one character, and Markdown marks count as written.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from linter.drafts import counting

if TYPE_CHECKING:
    from linter.drafts.parse import Draft
    from linter.playbook.model import Channel

_GRAPHEME = regex.compile(r"\X")


def body_bounds(draft: Draft) -> tuple[int, int]:
    """(first, end): the body from its first visible character to the end of its last (first == end
    or first > end when it has none): what is published, before comments are taken out."""
    text = draft.text
    first, body_end = draft.body_start, len(text.rstrip())
    while first < body_end and text[first].isspace():
        first += 1
    return first, body_end


def segments(draft: Draft, url_length: int | None) -> Iterator[tuple[int, int, int | None]]:
    """(start, end, fixed) pieces of the published text, in order; ``fixed`` is a link's set length."""
    position, body_end = body_bounds(draft)
    for span in draft.spans:
        if span.end <= position:
            continue
        if span.start > position:
            yield position, min(span.start, body_end), None
        if span.kind == "url" and url_length:
            yield span.start, span.end, url_length
        elif span.kind != "html":  # comments are not published
            yield max(span.start, position), min(span.end, body_end), None
        position = span.end
    if position < body_end:
        yield position, body_end, None


def clusters(text: str, start: int, end: int) -> int:
    """Grapheme clusters of ``text[start:end]`` (the slice alone: nothing before it joins its first
    cluster). The plain stretches count their characters (a \r\n once), and only the places where
    characters may join are segmented, each on its own (counting.JOINED; tests/test_fast_paths.py
    checks this against segmenting the whole slice)."""
    if start >= end:
        return 0
    first_joined = counting.JOINING.search(text, start, end)
    if first_joined is None:
        return end - start - text.count("\r\n", start, end)
    total = 0
    position = start
    for place in counting.JOINED.finditer(text, max(start, first_joined.start() - 1), end):
        first, last = place.span()
        total += first - position - text.count("\r\n", position, first) + len(_GRAPHEME.findall(text[first:last]))
        position = last
    return total + end - position - text.count("\r\n", position, end)


def post_length(draft: Draft, url_length: int | None) -> int:
    """The post's length as the network counts it: the sum of its segments' (``segments``).

    Segments that follow each other are counted as one stretch where no grapheme cluster can join
    them (two characters below U+0300 that are not a \r\n): a post with many hashtags has many
    segments, and counting each on its own cost more than the counting (tests/test_fast_paths.py
    checks it against the sum of the segments)."""
    text = draft.text
    if counting.JOINING.search(text, draft.body_start) is None and text.find("\r", draft.body_start) < 0 \
            and all(span.kind != "html" and (span.kind != "url" or not url_length) for span in draft.spans):
        # Every character a cluster and every segment a stretch of the text: the segments tile the
        # body from its first visible character to its last.
        first, body_end = body_bounds(draft)
        return max(0, body_end - first)
    total = 0
    first = last = 0  # the stretch counted as one
    for start, end, fixed in segments(draft, url_length):
        if fixed is not None:
            total += fixed
        elif start < end:
            if start == last and last > first and _apart(text, start):
                last = end
                continue
            total += clusters(text, first, last)
            first, last = start, end
    return total + clusters(text, first, last)


def _apart(text: str, offset: int) -> bool:
    """Whether a grapheme cluster always ends before ``offset`` (0 < offset < len(text))."""
    before, after = text[offset - 1], text[offset]
    return before < "\u0300" and after < "\u0300" and not (before == "\r" and after == "\n")


def offset_after(draft: Draft, url_length: int | None, limit: int) -> int:
    """Offset of the first character beyond ``limit`` (the post must be longer than ``limit``)."""
    seen = 0
    for start, end, fixed in segments(draft, url_length):
        size = fixed if fixed is not None else clusters(draft.text, start, end)
        if seen + size > limit:
            if fixed is not None:
                return start
            for match in _GRAPHEME.finditer(draft.text, start, end):
                seen += 1
                if seen > limit:
                    return match.start()
        seen += size
    return len(draft.text.rstrip())


def channel_counting(channel: Channel) -> tuple[str, int | None, int | None]:
    """(way of counting, the most characters allowed, a link's set length) of a channel."""
    limits = channel.limits
    way = counting.counting_of(channel.network, limits.counting if limits is not None else None)
    most = limits.max_chars if limits is not None and limits.max_chars is not None \
        else counting.NETWORK_MAX_CHARS.get(channel.network.lower())
    return way, most, limits.url_length if limits is not None else None


def channel_length(draft: Draft, channel: Channel) -> int:
    """The post's length on a channel, as its network counts it (what PB303 judges)."""
    way, _, url_length = channel_counting(channel)
    if way == counting.GRAPHEMES:
        return post_length(draft, url_length)
    return counting.length(Published.of(draft).text, way, url_length)


@dataclass(frozen=True)
class Published:
    """The text the network receives (the body without comments, a line break as one character)
    and where each of its pieces stands in the draft."""

    text: str
    starts: tuple[int, ...]  # offset in ``text`` where each piece begins
    places: tuple[int, ...]  # offset in the draft of each piece

    @staticmethod
    def of(draft: Draft) -> Published:
        text = draft.text
        first, body_end = body_bounds(draft)
        if text.find("\r", first, body_end) < 0 and (text.find("<", first, body_end) < 0  # a comment starts so
                                                    or all(span.kind != "html" for span in draft.spans)):
            # Nearly every post: no comment, no \r\n, so the published text is one slice.
            return Published(text[first:body_end], (0,), (first,)) if body_end > first else Published("", (), ())
        return Published.by_segments(draft)

    @staticmethod
    def by_segments(draft: Draft) -> Published:
        """``of`` for any draft: the body's segments, less comments and the \r of each \r\n."""
        text = draft.text
        parts: list[str] = []
        starts: list[int] = []
        places: list[int] = []
        size = 0
        pieces: list[tuple[int, int]] = []
        for start, end, _ in segments(draft, None):
            while start < end:
                cut = text.find("\r\n", start, end)
                stop = end if cut < 0 else cut
                if stop > start:
                    pieces.append((start, stop))
                start = end if cut < 0 else cut + 1  # the \n of \r\n stays
        # What a removed comment leaves at either end (a line break) is not published either.
        while pieces and text[pieces[0][0]].isspace():
            start, stop = pieces[0]
            while start < stop and text[start].isspace():
                start += 1
            pieces[0:1] = [(start, stop)] if start < stop else []
        while pieces and text[pieces[-1][1] - 1].isspace():
            start, stop = pieces[-1]
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            pieces[-1:] = [(start, stop)] if start < stop else []
        for start, stop in pieces:
            parts.append(text[start:stop])
            starts.append(size)
            places.append(start)
            size += stop - start
        return Published("".join(parts), tuple(starts), tuple(places))

    def place(self, offset: int | None) -> int:
        """The draft offset of ``offset`` in the published text (``None``: its end)."""
        if offset is None or not self.starts:
            return self.places[-1] if self.places else 0
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.places[index] + offset - self.starts[index]
