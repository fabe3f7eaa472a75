"""PB303 length, PB304 hashtags, PB305 mentions, PB306 emoji: each channel's own limits.

Counted the way each network counts (linter.drafts.length, linter.drafts.counting): X weighs characters as
twitter-text v3 does, Mastodon counts links 23, Threads counts an emoji as its UTF-8 bytes,
LinkedIn, Instagram, Facebook and TikTok count UTF-16 units, Bluesky and the rest count grapheme
clusters ("é", "👍🏽" and "🇫🇷" are one each). Comments (`<!-- -->`) are not published so they do
not count, and a line break is one character. Markdown marks are counted as written: a post is
published as the text of the draft.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import N_, Language
from linter.core.rule import rule
from linter.drafts import counting
from linter.drafts.length import Published, channel_counting, offset_after, post_length
from linter.rules.draft._common import span_finding

if TYPE_CHECKING:
    from linter.drafts.parse import Draft, Span
    from linter.playbook.model import Channel, Playbook

_HEADER = """---
channel: x
kind: information
publish_at: 2027-03-02T10:00+01:00
author: claire-le-gall
audience: journalistes
---"""

TOO_LONG = rule(
    "PB303", "too-long", "A post is longer than its channel allows", Severity.ERROR,
    what="""Counts the characters of the post body as the channel's network does and reports the place
    where the text passes the channel's `max_chars` (without one, the network's own maximum). Comments
    are not counted; a link counts the channel's `url_length` when it is set. The way of counting is
    the channel's `limits.counting`, by default the network's:

    - `x` (X): twitter-text v3 (config/v3.json of github.com/twitter/twitter-text; X's developer
      documentation, "Counting characters"): a character of the Latin, general-punctuation and
      similar ranges weighs 1, any other 2 (CJK, €, …, the narrow no-break space U+202F), an emoji
      sequence 2 however many code points, any link 23, the text normalised to NFC first; 280 at
      most. Checked against twitter-text's own conformance cases.
    - `mastodon`: grapheme clusters, every link 23 and a mention of another server's account without
      its server (docs.joinmastodon.org, "Posting": 500 characters by default).
    - `threads`: grapheme clusters, an emoji as many as its UTF-8 bytes (Threads API, "Posts":
      "Text posts are limited to 500 characters. Emojis are counted as the number of UTF-8 bytes").
    - `utf16`: UTF-16 code units, so most emoji count 2 — TikTok documents its 2,200-character
      caption "in UTF-16 runes" (Content Posting API); LinkedIn (3,000), Instagram (2,200, Graph API)
      and Facebook (63,206) give a number of characters without saying how they count, and their
      apps count UTF-16 units, the cautious reading.
    - `graphemes`: characters as a reader sees them (Bluesky: 300 graphemes, the `app.bsky.feed.post`
      lexicon; blogs, review pages and other networks).

    A post for several channels is checked against each of them.""",
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
    options="""channels.yml `limits.max_chars`, `limits.counting` (`x`, `graphemes`, `mastodon`, `threads`,
    `utf16`) and `limits.url_length` of each channel of the post.""",
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

_AS = {counting.X: N_("the post is {count} characters long as X counts it; {channel} allows {most} (the text from "
                      "here on is over)"),
       counting.MASTODON: N_("the post is {count} characters long as Mastodon counts it; {channel} allows {most} (the "
                             "text from here on is over)"),
       counting.THREADS: N_("the post is {count} characters long as Threads counts it; {channel} allows {most} (the "
                            "text from here on is over)"),
       counting.UTF16: N_("the post is {count} characters long in UTF-16 units; {channel} allows {most} (the text from "
                          "here on is over)")}
_LONG = N_("the post is {count} characters long; {channel} allows {most} (the text from here on is over)")


def _how(way: str, url_length: int | None, lang: Language) -> str:
    """The end of PB303's hint: what counts more than one character on this channel."""
    if way == counting.X:
        return " " + lang("(X counts each link as {length}, and each emoji and each character such as €, … or the "
                          "narrow no-break space as 2).", length=url_length or 23)
    if way == counting.MASTODON:
        return " " + lang("(each link counts {length}).", length=url_length or 23)
    if way == counting.THREADS:
        return " " + lang("(each emoji counts as many characters as its UTF-8 bytes, usually 4).")
    if way == counting.UTF16:
        return " " + (lang("(most emoji count 2).") if not url_length
                      else lang("(each link counts {length}; most emoji 2).", length=url_length))
    return " " + lang("(each link counts {length}).", length=url_length) if url_length else "."


_MAYBE_EMOJI = re.compile(r"[\u2194-\u2bff\u3030\u303d\u3297\u3299"
                          r"\U0001f000-\U0001faff\u20e3\ufe0f]")
# Every character of _MAYBE_EMOJI is from U+20E3 on, and this single range is searched four times
# faster than _MAYBE_EMOJI's several: a text without any such character (most posts) has no emoji.
_FROM_KEYCAP = re.compile("[^\x00-\u20e2]")


@functools.cache
def _emoji_chars() -> frozenset[str]:
    """The characters emoji sequences are made of, and the joiner that links two.

    The emoji library walks its tree one character at a time in Python, over the whole text. A
    character that is in no emoji sequence ends every match and every joiner's look back, so the
    library finds the same emoji in a run of these characters alone as in the whole text: only the
    runs around a likely emoji are given to it (tests/test_fast_paths.py checks this against the
    library on emoji-heavy texts).
    """
    import emoji

    return frozenset("".join(emoji.EMOJI_DATA)) | {"\u200d"}


@functools.cache
def _emoji_run() -> re.Pattern[str]:
    """A run of the characters of ``_emoji_chars``: where the run around a likely emoji ends."""
    return re.compile("[" + "".join(map(re.escape, sorted(_emoji_chars()))) + "]*+")


def emoji_in(text: str, start: int, end: int, memo: dict[str, tuple[tuple[int, int], ...]] | None = None
             ) -> list[tuple[int, int]]:
    """Where ``emoji.emoji_list`` finds emoji in ``text[start:end]``, as offsets in ``text``,
    signs such as ©, ®, ™, ‼ and ⁉ left out (typographic signs rather than pictures).

    ``memo`` (a run of emoji characters -> the emoji in it) may be shared by the caller across
    texts: posts repeat the same few emoji, and the library reads each run one character at a time.
    """
    chars = _emoji_chars()
    run = _emoji_run()
    found: list[tuple[int, int]] = []
    done = start  # the runs before this offset are read
    # the likely emoji among the (rare) characters from U+20E3 on: the single range is searched fast
    for likely in _FROM_KEYCAP.finditer(text, start, end):
        first = likely.start()
        if first < done or text[first] not in chars or _MAYBE_EMOJI.match(text, first) is None:
            continue
        while first > done and text[first - 1] in chars:
            first -= 1
        rest = run.match(text, likely.end(), end)  # always matches (maybe nothing)
        done = rest.end() if rest is not None else likely.end()
        sequence = text[first:done]
        places = memo.get(sequence) if memo is not None else None
        if places is None:
            places = _emoji_of_run(sequence)
            if memo is not None:
                if len(memo) >= _EMOJI_MEMO:
                    memo.clear()  # an editor session lints forever: the memo starts afresh
                memo[sequence] = places
        found.extend((first + place_start, first + place_end) for place_start, place_end in places)
    return found


_EMOJI_MEMO = 4096


def _emoji_of_run(sequence: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each emoji the library finds in a run, signs left out."""
    import emoji

    return tuple((item["match_start"], item["match_end"]) for item in emoji.emoji_list(sequence)
                 if not ((len(item["emoji"]) == 1 and ord(item["emoji"]) < 0x2190)
                         or item["emoji"] in ("\u2122", "\u2139")))


def _emoji(draft: Draft, memo: dict[str, tuple[tuple[int, int], ...]] | None = None) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    prose = draft.prose
    beyond = _FROM_KEYCAP.search(prose)
    if beyond is None or _MAYBE_EMOJI.search(prose, beyond.start()) is None:
        return found
    for span in draft.spans:
        if span.kind == "prose":
            found.extend(emoji_in(draft.text, span.start, span.end, memo))
    return found


@dataclass(frozen=True)
class Prepared:
    channels: dict[str, tuple[Channel, str, int | None, int | None]]
    """Each channel by id (the first of an id, as ``Playbook.channel`` finds it) with its way of
    counting, the most characters it allows and a link's set length (``channel_counting``)."""
    emoji: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict, compare=False, repr=False)
    """A memo, run of emoji characters -> the emoji in it (``emoji_in``)."""


def prepare(playbook: Playbook) -> Prepared:
    channels: dict[str, tuple[Channel, str, int | None, int | None]] = {}
    for channel in playbook.channels:
        channels.setdefault(channel.id, (channel, *channel_counting(channel)))
    return Prepared(channels)


def check(draft: Draft, playbook: Playbook, ctx: CheckContext, prepared: Prepared | None = None
          ) -> Iterator[Finding]:
    prepared = prepared or prepare(playbook)
    hashtags: tuple[Span, ...] | None = None
    mentions: tuple[Span, ...] | None = None
    emoji_found = None
    policy_none = playbook.tone.emoji_policy == "none"
    published: Published | None = None
    lang = ctx.lang
    for channel_id in draft.channels:
        known = prepared.channels.get(channel_id)
        if known is None:
            continue  # an unknown channel is PB302's business
        channel, way, most, url_length = known
        limits = channel.limits
        label = channel.label
        if most is not None:
            if way == counting.GRAPHEMES:
                total = post_length(draft, url_length)
                over = offset_after(draft, url_length, most) if total > most else None
            else:
                published = published or Published.of(draft)
                total = counting.length(published.text, way, url_length)
                over = published.place(counting.first_over(published.text, way, most, url_length)) \
                    if total > most else None
            if over is not None:
                yield span_finding(
                    TOO_LONG, draft, over, len(draft.text.rstrip()),
                    lang(_AS.get(way, _LONG), count=lang.number(total), channel=label, most=lang.number(most)),
                    lang.plural("Shorten it by {count} character", "Shorten it by {count} characters", total - most)
                    + _how(way, url_length, lang))
        if limits is not None and limits.max_hashtags is not None:
            if hashtags is None:
                hashtags = draft.spans_of("hashtag")
            if len(hashtags) > limits.max_hashtags:
                first = hashtags[limits.max_hashtags]
                yield span_finding(
                    TOO_MANY_HASHTAGS, draft, first.start, first.end,
                    lang.plural("the post has {count} hashtag; {channel} allows {most}",
                                "the post has {count} hashtags; {channel} allows {most}", len(hashtags), channel=label,
                                most=limits.max_hashtags),
                    lang("Keep the hashtags that say what the post is about and remove the others."))
        if limits is not None and limits.max_mentions is not None:
            if mentions is None:
                mentions = draft.spans_of("mention")
            if len(mentions) > limits.max_mentions:
                first = mentions[limits.max_mentions]
                yield span_finding(
                    TOO_MANY_MENTIONS, draft, first.start, first.end,
                    lang.plural("the post mentions {count} account; {channel} allows {most}",
                                "the post mentions {count} accounts; {channel} allows {most}", len(mentions),
                                channel=label, most=limits.max_mentions),
                    lang("Mention only the accounts the post is about; thank the others in a comment or a reply."))
        allowed = 0 if policy_none else limits.max_emoji if limits is not None else None
        if allowed is not None:
            if emoji_found is None:
                emoji_found = _emoji(draft, prepared.emoji)
            if len(emoji_found) > allowed:
                start, end = emoji_found[allowed]
                why = lang("the charter allows no emoji") if policy_none else \
                    lang("{channel} allows {most}", channel=label, most=allowed)
                yield span_finding(
                    TOO_MANY_EMOJI, draft, start, end,
                    lang.plural("the post has {count} emoji; {why}", "the post has {count} emoji; {why}",
                                len(emoji_found), why=why),
                    lang("Keep the emoji that add meaning; words carry the message better."))
