"""PB303 length, PB304 hashtags, PB305 mentions, PB306 emoji: each channel's own limits.

Counted the way the networks count: characters are grapheme clusters ("é", "👍🏽" and "🇫🇷"
are one each), a link counts the channel's fixed `url_length` when it has one (X counts 23 for
any link), and comments (`<!-- -->`) are not published so they do not count. Markdown marks
are counted as written: a post is published as the text of the draft.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.rule import rule
from linter.rules.draft._common import channels_of, span_finding

_HEADER = """---
channel: x
kind: information
publish_at: 2027-03-02T10:00+01:00
author: claire-le-gall
audience: journalistes
---"""

TOO_LONG = rule(
    "PB303", "too-long", "A post is longer than its channel allows", Severity.ERROR,
    what="""Counts the characters of the post body as the network does (grapheme clusters; each link
    counts the channel's `url_length` when it is set; comments are not counted) and reports the place
    where the text passes the channel's `max_chars`. A post for several channels is checked against
    each of them.""",
    why="""Each channel has its own format: a text cut by the network, or refused at the last minute,
    loses its message. The playbook sets the limits so a post is written for the channel it goes to,
    not pasted everywhere.""",
    example=_HEADER + """
Le Pressoir de la Flume emploie désormais soixante-deux personnes à Pacé, dont quatorze embauchées en
2026\u202f: des postes au pressage, à la mise en bouteille, à la boutique de la ferme et à l'expédition. Nous
achetons aussi 85 % de nos fruits à des producteurs partenaires installés à moins de 40 km du pressoir.
""",
    fixed=_HEADER + """
Le Pressoir de la Flume emploie désormais 62 personnes à Pacé, dont 14 embauchées en 2026. Et 85 % de
nos fruits viennent de producteurs partenaires installés à moins de 40 km.
""",
    options="channels.yml `limits.max_chars` and `limits.url_length` of each channel of the post.",
)

TOO_MANY_HASHTAGS = rule(
    "PB304", "too-many-hashtags", "A post has more hashtags than its channel allows", Severity.WARNING,
    what="""Counts the hashtags of the post (`#mot`, outside code and links) and reports the first one
    beyond the channel's `max_hashtags`.""",
    why="""A string of hashtags reads as spam and hides the message; each channel has its own habits,
    which the playbook records as a limit.""",
    example=_HEADER + """
Nos chiffres de l'emploi 2026 sont en ligne. #Emploi #Bretagne #Pacé
""",
    fixed=_HEADER + """
Nos chiffres de l'emploi 2026 sont en ligne. #Emploi #Bretagne
""",
    options="channels.yml `limits.max_hashtags` of each channel of the post.",
)

TOO_MANY_MENTIONS = rule(
    "PB305", "too-many-mentions", "A post mentions more accounts than its channel allows", Severity.WARNING,
    what="""Counts the `@mentions` of the post (outside code, links and e-mail addresses) and reports the
    first one beyond the channel's `max_mentions`.""",
    why="""Mentioning many accounts looks like a bid for attention, and every mentioned account is
    notified: we only mention the people the post is really about.""",
    example=_HEADER + """
Merci à @RennesMetropole, @IlleEtVilaine, @RegionBretagne et @CCI_Rennes pour leur visite du pressoir.
""",
    fixed=_HEADER + """
Merci à @RennesMetropole, @IlleEtVilaine et @RegionBretagne pour leur visite du pressoir.
""",
    options="channels.yml `limits.max_mentions` of each channel of the post.",
)

TOO_MANY_EMOJI = rule(
    "PB306", "too-many-emoji", "A post has more emoji than its channel or the charter allows", Severity.WARNING,
    what="""Counts the emoji of the post's prose (a flag or a skin-toned emoji counts once) and reports
    the first one beyond the channel's `max_emoji`; with the charter's emoji policy `none`, any emoji.""",
    why="""A few emoji give warmth; many make the post hard to read, and screen readers spell each one
    out. The charter decides how sparing we are, per channel.""",
    example=_HEADER + """
La récolte 2026 est terminée 🍎🍐
""",
    fixed=_HEADER + """
La récolte 2026 est terminée 🍎
""",
    options="""channels.yml `limits.max_emoji`; tone.yml `emoji.policy` (`none` allows no emoji at
    all).""",
)

RULES = (TOO_LONG, TOO_MANY_HASHTAGS, TOO_MANY_MENTIONS, TOO_MANY_EMOJI)

_GRAPHEME = regex.compile(r"\X")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "emoji" else f"{count} {word}s"


def _segments(draft, url_length: int | None):
    """(start, end, fixed) pieces of the published text, in order; ``fixed`` is a link's set length."""
    body_end = len(draft.text.rstrip())
    position = draft.body_start
    text = draft.text
    while position < body_end and text[position].isspace():
        position += 1
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


_NOT_PLAIN = re.compile("[^\x00-\u02ff]")  # combining marks, emoji…: what a grapheme cluster may join


def _count(text: str, start: int, end: int) -> int:
    """Grapheme clusters of ``text[start:end]``; plain text (no combining marks, emoji…) is just its length."""
    if start >= end:
        return 0
    if _NOT_PLAIN.search(text, start, end) is None:
        return end - start - text.count("\r\n", start, end)
    return len(_GRAPHEME.findall(text[start:end]))


def post_length(draft, url_length: int | None) -> int:
    """The post's length as the network counts it."""
    if _NOT_PLAIN.search(draft.text, draft.body_start) is None:
        return _plain_length(draft, url_length)
    return sum(fixed if fixed is not None else _count(draft.text, start, end)
               for start, end, fixed in _segments(draft, url_length))


def _plain_length(draft, url_length: int | None) -> int:
    """``post_length`` of a body without combining marks or emoji, where each character counts one.

    The whole published text counts its characters (a \\r\\n pair one), less what the network
    counts otherwise: the comments (nothing) and, when it sets one, each link (its set length).
    Only these few spans are visited, not every piece of the post.
    """
    text = draft.text
    body_end = len(text.rstrip())
    start = draft.body_start
    while start < body_end and text[start].isspace():
        start += 1
    total = body_end - start - text.count("\r\n", start, body_end) if body_end > start else 0
    for span in draft.spans:
        kind = span.kind
        if kind == "html" or (kind == "url" and url_length):
            first, last = max(span.start, start), min(span.end, body_end)
            if last > first:
                total -= last - first - text.count("\r\n", first, last)
            if kind == "url":
                total += url_length
    return total


def offset_after(draft, url_length: int | None, limit: int) -> int:
    """Offset of the first character beyond ``limit`` (the post must be longer than ``limit``)."""
    seen = 0
    for start, end, fixed in _segments(draft, url_length):
        size = fixed if fixed is not None else _count(draft.text, start, end)
        if seen + size > limit:
            if fixed is not None:
                return start
            for match in _GRAPHEME.finditer(draft.text, start, end):
                seen += 1
                if seen > limit:
                    return match.start()
        seen += size
    return len(draft.text.rstrip())


_MAYBE_EMOJI = re.compile(r"[\u2194-\u2bff\u3030\u303d\u3297\u3299"
                          r"\U0001f000-\U0001faff\u20e3\ufe0f]")


def _emoji(draft) -> list[tuple[int, int]]:
    found = []
    if _MAYBE_EMOJI.search(draft.prose) is None:
        return found
    for span in draft.spans:
        if span.kind != "prose":
            continue
        if _MAYBE_EMOJI.search(draft.text, span.start, span.end) is None:
            continue
        import emoji

        piece = draft.text[span.start:span.end]
        for item in emoji.emoji_list(piece):
            text = item["emoji"]
            if len(text) == 1 and ord(text) < 0x2190 or text in ("\u2122", "\u2139"):
                continue  # ©, ®, ™, ‼, ⁉: typographic signs rather than pictures
            found.append((span.start + item["match_start"], span.start + item["match_end"]))
    return found


def check(draft, playbook, ctx: CheckContext) -> Iterator[Finding]:
    hashtags = draft.spans_of("hashtag")
    mentions = draft.spans_of("mention")
    emoji_found = None
    policy_none = playbook.tone.emoji_policy == "none"
    for channel in channels_of(draft, playbook):
        limits = channel.limits
        label = channel.label
        if limits is not None and limits.max_chars is not None:
            total = post_length(draft, limits.url_length)
            if total > limits.max_chars:
                over = total - limits.max_chars
                yield span_finding(
                    TOO_LONG, draft, offset_after(draft, limits.url_length, limits.max_chars),
                    len(draft.text.rstrip()),
                    f"the post is {total:,} characters long; {label} allows {limits.max_chars:,} "
                    f"(the text from here on is over)",
                    f"Shorten it by {_plural(over, 'character')}"
                    + (f" (each link counts {limits.url_length})." if limits.url_length else "."))
        if limits is not None and limits.max_hashtags is not None and len(hashtags) > limits.max_hashtags:
            first = hashtags[limits.max_hashtags]
            yield span_finding(
                TOO_MANY_HASHTAGS, draft, first.start, first.end,
                f"the post has {_plural(len(hashtags), 'hashtag')}; {label} allows {limits.max_hashtags}",
                "Keep the hashtags that say what the post is about and remove the others.")
        if limits is not None and limits.max_mentions is not None and len(mentions) > limits.max_mentions:
            first = mentions[limits.max_mentions]
            yield span_finding(
                TOO_MANY_MENTIONS, draft, first.start, first.end,
                f"the post mentions {_plural(len(mentions), 'account')}; {label} allows {limits.max_mentions}",
                "Mention only the accounts the post is about; thank the others in a comment or a reply.")
        allowed = 0 if policy_none else limits.max_emoji if limits is not None else None
        if allowed is not None:
            if emoji_found is None:
                emoji_found = _emoji(draft)
            if len(emoji_found) > allowed:
                start, end = emoji_found[allowed]
                why = "the charter allows no emoji" if policy_none else f"{label} allows {allowed}"
                yield span_finding(
                    TOO_MANY_EMOJI, draft, start, end,
                    f"the post has {_plural(len(emoji_found), 'emoji')}; {why}",
                    "Keep the emoji that add meaning; words carry the message better.")
