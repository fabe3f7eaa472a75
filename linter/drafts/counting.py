"""How each network counts the length of a post: X's weighted characters, graphemes, UTF-16 units…

Why one module: a post is refused, or cut, by the network's own count, and the networks do not
agree. X weighs characters (twitter-text v3: Latin letters and common punctuation weigh 1,
everything else 2, an emoji sequence 2, any link 23), Mastodon counts graphemes with links at 23,
Threads counts an emoji as its UTF-8 bytes, TikTok counts UTF-16 units. Each way of counting is a
function of the published text alone, so the rule (PB303), the editor's live counter and the tests
ask the same question and get the same answer.

A text is cut into pieces (``Piece``): a run of characters that all weigh the same, or an
indivisible unit (a link, an emoji sequence) with its total weight. The length is the sum; the
first character over a limit is found in the same pieces, so the rule points where X stops.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

import regex

X = "x"
GRAPHEMES = "graphemes"
MASTODON = "mastodon"
THREADS = "threads"
UTF16 = "utf16"
COUNTINGS = (X, GRAPHEMES, MASTODON, THREADS, UTF16)
"""The ways of counting a channel may choose (channels.yml `limits.counting`)."""

# The network's own way, when the channel does not say: documented by each network (see the
# rule's docs, PB303). Networks not listed (a blog, a forum, reviews) count graphemes.
DEFAULT_COUNTING = {
    "x": X, "twitter": X, "bluesky": GRAPHEMES, "mastodon": MASTODON, "threads": THREADS,
    "linkedin": UTF16, "instagram": UTF16, "facebook": UTF16, "tiktok": UTF16,
}
# The network's own maximum, used when the channel sets no `max_chars`.
NETWORK_MAX_CHARS = {
    "x": 280, "twitter": 280, "bluesky": 300, "mastodon": 500, "threads": 500, "linkedin": 3000,
    "instagram": 2200, "facebook": 63206, "tiktok": 2200,
}
LINK_LENGTH = {X: 23, MASTODON: 23}
"""What one link counts, whatever its length, on networks that shorten links."""


def counting_of(network: str, chosen: str | None = None) -> str:
    """The way a channel counts: its own choice, else its network's."""
    if chosen in COUNTINGS:
        return chosen
    return DEFAULT_COUNTING.get(network.lower(), GRAPHEMES)


@dataclass(frozen=True)
class Piece:
    """``text[start:end]`` weighs ``weight``; ``each`` > 0 when every character of it weighs ``each``."""

    start: int
    end: int
    weight: int
    each: int = 0


# -- X (twitter-text v3) ------------------------------------------------------------------
# config/v3.json of twitter-text: code points in these ranges weigh 1 (scale 100, weight 100),
# every other one 2 (defaultWeight 200). U+202F (the narrow no-break space), € and … are outside.
_X_LIGHT = "\x00-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037"
_X_HEAVY = re.compile(f"[^{_X_LIGHT}]")
_X_INVALID = re.compile("[\ufffe\ufeff\uffff]")  # twitter-text's invalid characters: X refuses the post
_GRAPHEME = regex.compile(r"\X")
_EMOJI_START = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}]|[0-9#*](?=\ufe0f?\u20e3)")
_EMOJI_PRESENTATION = regex.compile(r"\p{Emoji_Presentation}|\p{Regional_Indicator}")


def _is_emoji(cluster: str) -> bool:
    """An emoji sequence: one picture however many code points (👨‍👩‍👧‍👦, 🇫🇷, 1️⃣, ☺️).

    A text-style sign alone (©, ☺ without U+FE0F) is a character, not an emoji: twitter-text's
    emoji pattern only takes those with the emoji variation selector.
    """
    if _EMOJI_START.match(cluster) is None:
        return False
    return len(cluster) > 1 or _EMOJI_PRESENTATION.match(cluster) is not None


def _x_weight(text: str) -> int:
    """The weight of a run of code points outside any link or emoji."""
    return len(text) + len(_X_HEAVY.findall(text))


def _x_run(text: str, start: int, end: int, emoji: bool) -> Iterator[Piece]:
    """Pieces of ``text[start:end]`` (no link in it): light runs, heavy characters, emoji sequences."""
    if start >= end:
        return
    heavy = _X_HEAVY.search(text, start, end)
    if heavy is None:
        yield Piece(start, end, end - start, 1)
        return
    position = start
    for match in _GRAPHEME.finditer(text, start, end):
        cluster = match.group()
        if len(cluster) == 1 and cluster < "\u1100":
            continue  # a light character: part of the run that goes on
        cluster_start = match.start()
        if emoji and _is_emoji(cluster):
            pieces = [Piece(cluster_start, match.end(), 2)]
        else:
            pieces = [Piece(cluster_start + index, cluster_start + index + 1, _x_weight(char))
                      for index, char in enumerate(cluster)]
        if cluster_start > position:
            yield Piece(position, cluster_start, cluster_start - position, 1)
        yield from pieces
        position = match.end()
    if position < end:
        yield Piece(position, end, end - position, 1)


# An emoji sequence starts with an Extended_Pictographic character or a regional indicator, or is a
# keycap (U+20E3): below U+203C, only © and ® are such characters (tests/test_fast_paths.py).
_FROM_203C = re.compile("[^\x00-\u203b]")


def _x_weight_of_run(text: str, start: int, end: int) -> int:
    """The weight of ``_x_run(text, start, end, emoji=True)``'s pieces.

    Each character weighs 1, or 2 when heavy; an emoji sequence weighs 2 whatever its characters
    weigh. So the weight is the characters' weight less, for each emoji sequence, what its
    characters weigh beyond 2; a sequence is a cluster of the places where characters may join
    (``_joined_clusters``), so only those are read, not every cluster of the text.
    """
    if start >= end:
        return 0
    heavy = len(_X_HEAVY.findall(text, start, end))
    if not heavy:
        return end - start  # _x_run: a run without a heavy character is one piece, emoji or not
    total = end - start + heavy
    if text.find("\u00a9", start, end) < 0 and text.find("\u00ae", start, end) < 0 \
            and _FROM_203C.search(text, start, end) is None:
        return total  # no character an emoji sequence starts with (the heavy ones are spaces, dashes…)
    for cluster in _joined_clusters(text, start, end)[1]:
        if (len(cluster) > 1 or cluster >= "\u1100") and _is_emoji(cluster):
            total -= len(cluster) + len(_X_HEAVY.findall(cluster)) - 2
    return total


def x_pieces(text: str, url_length: int = 23, emoji: bool = True) -> Iterator[Piece]:
    """twitter-text's weighted count of an NFC text, piece by piece (``emoji=False``: the v2 config)."""
    position = 0
    for start, end in extract_links(text, scheme_required=False):
        yield from _x_run(text, position, start, emoji)
        yield Piece(start, end, url_length)
        position = end
    yield from _x_run(text, position, len(text), emoji)


def x_invalid(text: str) -> int | None:
    """Offset of a character X refuses in a post (U+FFFE, U+FEFF, U+FFFF), if any."""
    found = _X_INVALID.search(text)
    return None if found is None else found.start()


# -- links, as twitter-text finds them -----------------------------------------------------
# Country endings (IANA's two-letter delegations) and the generic endings posts use most. X knows
# every ending of the root zone; a link written without https:// to a rare generic ending counts
# here as its characters (X would count 23). The reserved endings of examples (RFC 2606) stand for
# a real site in sample posts, so they count as links too.
_COUNTRY_ENDINGS = frozenset((
    "ac", "ad", "ae", "af", "ag", "ai", "al", "am", "ao", "aq", "ar", "as", "at", "au", "aw", "ax", "az",
    "ba", "bb", "bd", "be", "bf", "bg", "bh", "bi", "bj", "bm", "bn", "bo", "br", "bs", "bt", "bv", "bw",
    "by", "bz", "ca", "cc", "cd", "cf", "cg", "ch", "ci", "ck", "cl", "cm", "cn", "co", "cr", "cu", "cv",
    "cw", "cx", "cy", "cz", "de", "dj", "dk", "dm", "do", "dz", "ec", "ee", "eg", "er", "es", "et", "eu",
    "fi", "fj", "fk", "fm", "fo", "fr", "ga", "gb", "gd", "ge", "gf", "gg", "gh", "gi", "gl", "gm", "gn",
    "gp", "gq", "gr", "gs", "gt", "gu", "gw", "gy", "hk", "hm", "hn", "hr", "ht", "hu", "id", "ie", "il",
    "im", "in", "io", "iq", "ir", "is", "it", "je", "jm", "jo", "jp", "ke", "kg", "kh", "ki", "km", "kn",
    "kp", "kr", "kw", "ky", "kz", "la", "lb", "lc", "li", "lk", "lr", "ls", "lt", "lu", "lv", "ly", "ma",
    "mc", "md", "me", "mg", "mh", "mk", "ml", "mm", "mn", "mo", "mp", "mq", "mr", "ms", "mt", "mu", "mv",
    "mw", "mx", "my", "mz", "na", "nc", "ne", "nf", "ng", "ni", "nl", "no", "np", "nr", "nu", "nz", "om",
    "pa", "pe", "pf", "pg", "ph", "pk", "pl", "pm", "pn", "pr", "ps", "pt", "pw", "py", "qa", "re", "ro",
    "rs", "ru", "rw", "sa", "sb", "sc", "sd", "se", "sg", "sh", "si", "sj", "sk", "sl", "sm", "sn", "so",
    "sr", "ss", "st", "su", "sv", "sx", "sy", "sz", "tc", "td", "tf", "tg", "th", "tj", "tk", "tl", "tm",
    "tn", "to", "tr", "tt", "tv", "tw", "tz", "ua", "ug", "uk", "us", "uy", "uz", "va", "vc", "ve", "vg",
    "vi", "vn", "vu", "wf", "ws", "ye", "yt", "za", "zm", "zw"
))
_GENERIC_ENDINGS = frozenset((
    "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "name", "pro", "mobi", "asia", "tel",
    "travel", "jobs", "museum", "coop", "aero", "cat", "post", "app", "dev", "blog", "shop", "store",
    "online", "site", "website", "tech", "xyz", "club", "news", "bio", "eco", "paris", "bzh", "alsace",
    "corsica", "immo", "vin", "wine", "bar", "beer", "cafe", "restaurant", "farm", "garden", "green",
    "earth", "eus", "gal", "bayern", "berlin", "london", "email", "link", "live", "life", "world", "today",
    "agency", "company", "business", "services", "solutions", "media", "studio", "example", "test",
    "localhost", "invalid"
))
KNOWN_ENDINGS = _COUNTRY_ENDINGS | _GENERIC_ENDINGS

_LABEL = r"[\p{L}\p{M}\p{N}]++(?:[_\-]++[\p{L}\p{M}\p{N}]++)*+"
_PATH_CHAR = r"[\p{Latin}\p{Cyrillic}\p{M}0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&()]"
_QUERY_CHAR = r"[A-Za-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
# A link: the scheme, or a start that no word, @, $, #, dot, slash or hyphen touches; the host's
# labels (possessive: a run of "a.a.a…" is read once, then judged); a port; a path; a query.
_LINK = regex.compile(
    rf"(?:(?<![A-Za-z0-9@＠$#＃])(?P<scheme>[Hh][Tt][Tt][Pp][Ss]?+://)|(?<![\p{{L}}\p{{M}}\p{{N}}@＠$#＃._/\-]))"
    rf"(?P<host>{_LABEL}(?:\.{_LABEL})++)"
    r"(?P<port>:[0-9]++)?+"
    rf"(?P<path>/{_PATH_CHAR}*+)?+"
    rf"(?P<query>\?{_QUERY_CHAR}*+)?+"
)
_PATH_END = regex.compile(r"[\p{Latin}\p{Cyrillic}\p{M}0-9+\-=_#/)]")
_QUERY_END = regex.compile(r"[A-Za-z0-9\-_&=#/]")
_ASCII_HOST = regex.compile(r"[A-Za-z0-9\p{Latin}._\-]++")
_MAX_URL = 4096


def _trim(part: str, ending: regex.Pattern) -> str:
    """A path or query without what ends a sentence rather than the link (".", ",", an unmatched ")")."""
    while part:
        last = part[-1]
        if last == ")" and part.count("(") >= part.count(")"):
            return part
        if last != ")" and ending.match(last):
            return part
        part = part[:-1]
    return part


def _label_fits(label: str) -> bool:
    """A DNS label: at most 63 characters once written in ASCII (punycode for other scripts)."""
    if len(label) > 63:
        return False
    if label.isascii():
        return True
    try:
        return len(label.encode("punycode")) + 4 <= 63
    except UnicodeError:
        return False


def _valid_host(host: str, scheme: bool) -> bool:
    labels = host.split(".")
    ending = labels[-1].lower()
    if scheme:
        ending_ok = ending.startswith("xn--") or (len(ending) >= 2 and ending.isalpha())
    else:
        ending_ok = ending in KNOWN_ENDINGS and _ASCII_HOST.fullmatch(host) is not None
    return ending_ok and all(_label_fits(label) for label in labels)


def extract_links(text: str, scheme_required: bool = False) -> Iterator[tuple[int, int]]:
    """(start, end) of each link of ``text``, as twitter-text's extractor finds them.

    With a scheme, any alphabetic ending is a link; without one, only a known ending is, and the
    host must be written in Latin letters. A host with a label longer than 63 characters (after
    punycode) is no link: X counts it as text.

    Why anchors: a post is mostly words and spaces, and a pattern tried at every word costs more
    than the rest of the count. Only a "://" after http(s), or a dot between two word characters,
    can be part of a link; the pattern is tried once at the start of the run of word characters,
    hyphens and dots around it, and the next anchor is looked for after that run, so each
    character is read a bounded number of times (a run of "a.a.a…" once).
    """
    size = len(text)
    done = 0
    scheme = text.find("://")
    dot = text.find(".")
    while dot >= 0 or scheme >= 0:
        if scheme >= 0 and (dot < 0 or scheme < dot):
            at = scheme
            scheme = text.find("://", at + 3)
            written = text[max(0, at - 5):at].lower()
            start = at - 5 if written == "https" else at - 4 if written.endswith("http") else -1
            if start < done:
                continue
        else:
            at = dot
            dot = text.find(".", at + 1)
            if at <= done or at + 1 >= size or not (text[at - 1].isalnum() and text[at + 1].isalnum()):
                continue
            start = at - 1
            while start > done and (text[start - 1].isalnum() or text[start - 1] in "-_."):
                start -= 1
        match = _LINK.match(text, start)
        if match is None:
            stop = at + 1
            while stop < size and (text[stop].isalnum() or text[stop] in "-_."):
                stop += 1
            done = stop
            continue
        done = match.end()
        found = _judge(match, text, scheme_required)
        if found is not None:
            yield found


def _judge(match: regex.Match, text: str, scheme_required: bool) -> tuple[int, int] | None:
    """The link a match of _LINK stands for, trimmed, or ``None`` when twitter-text would not take it."""
    scheme = match.group("scheme")
    if scheme_required and not scheme:
        return None
    host = match.group("host")
    after = match.end("host")
    if after < len(text) and text[after] in "@+-":
        return None
    if not _valid_host(host, bool(scheme)):
        return None
    end = match.end("port") if match.group("port") else after
    path = match.group("path")
    if path:
        kept = _trim(path, _PATH_END)
        end = match.start("path") + len(kept)
        query = match.group("query")
        if query and len(kept) == len(path):
            end = match.start("query") + len(_trim(query, _QUERY_END))
    elif match.group("query"):
        end = match.start("query") + len(_trim(match.group("query"), _QUERY_END))
    if end - match.start() + (0 if scheme else 8) > _MAX_URL:
        return None
    return match.start(), end


# -- the other networks ----------------------------------------------------------------------
# A mention of an account of another server: "@anne@exemple.social" (the server's part is not counted).
_REMOTE_MENTION = regex.compile(
    r"(?<![\w@])@[A-Za-z0-9_]++(?:[.\-]++[A-Za-z0-9_]++)*+(@[A-Za-z0-9\-]++(?:\.[A-Za-z0-9\-]++)++)")
_NOT_PLAIN = re.compile("[^\x00-\u02ff]")  # combining marks, emoji…: what a grapheme cluster may join


def _grapheme_run(text: str, start: int, end: int) -> Iterator[Piece]:
    """Grapheme clusters, one each; plain text (no marks or emoji) is a run of ones."""
    if start >= end:
        return
    if _NOT_PLAIN.search(text, start, end) is None and "\r\n" not in text[start:end]:
        yield Piece(start, end, end - start, 1)
        return
    for match in _GRAPHEME.finditer(text, start, end):
        yield Piece(match.start(), match.end(), 1)


def _threads_run(text: str, start: int, end: int) -> Iterator[Piece]:
    """Grapheme clusters, one each, but an emoji as many as its UTF-8 bytes (Threads' documented rule)."""
    for piece in _grapheme_run(text, start, end):
        cluster = text[piece.start:piece.end]
        if piece.each or not _is_emoji(cluster):
            yield piece
        else:
            yield Piece(piece.start, piece.end, len(cluster.encode("utf-8")))


def _utf16_run(text: str, start: int, end: int) -> Iterator[Piece]:
    """UTF-16 code units: a character beyond U+FFFF (most emoji) counts 2."""
    position = start
    for match in re.finditer("[\U00010000-\U0010ffff]", text[start:end]):
        at = start + match.start()
        if at > position:
            yield Piece(position, at, at - position, 1)
        yield Piece(at, at + 1, 2)
        position = at + 1
    if position < end:
        yield Piece(position, end, end - position, 1)


_RUNS = {GRAPHEMES: _grapheme_run, MASTODON: _grapheme_run, THREADS: _threads_run, UTF16: _utf16_run}


def _mastodon_pieces(text: str, start: int, end: int) -> Iterator[Piece]:
    """Graphemes, a remote mention counting its user name only (``@anne@exemple.social`` as ``@anne``)."""
    position = start
    for match in _REMOTE_MENTION.finditer(text, start, end):
        yield from _grapheme_run(text, position, match.start(1))
        yield Piece(match.start(1), match.end(1), 0)
        position = match.end(1)
    yield from _grapheme_run(text, position, end)


def pieces(text: str, counting: str, url_length: int | None = None) -> Iterator[Piece]:
    """The pieces of a published text as ``counting`` weighs them; ``url_length`` overrides a link's count."""
    if counting == X:
        normal = _nfc(text)
        if normal is None:
            yield from x_pieces(text, url_length or LINK_LENGTH[X])
        else:
            yield from _x_pieces_mapped(text, url_length or LINK_LENGTH[X])
        return
    link_length = url_length or LINK_LENGTH.get(counting)
    run = _mastodon_pieces if counting == MASTODON else _RUNS.get(counting, _grapheme_run)
    position = 0
    if link_length:
        for start, end in extract_links(text, scheme_required=True):
            yield from run(text, position, start)
            yield Piece(start, end, link_length)
            position = end
    yield from run(text, position, len(text))


def _nfc(text: str) -> str | None:
    """``None`` when ``text`` is already in NFC (nearly always), else its NFC form."""
    if _NOT_PLAIN.search(text) is None or unicodedata.is_normalized("NFC", text):
        return None
    return unicodedata.normalize("NFC", text)


def _x_pieces_mapped(text: str, url_length: int) -> Iterator[Piece]:
    """X's pieces of a text that NFC changes (e.g. "e" + U+0301), with offsets in the text as written.

    Normalisation never crosses a grapheme cluster, so the text is normalised cluster by cluster
    and each offset of the normal form is mapped back to its cluster.
    """
    normal_parts: list[str] = []
    origin: list[int] = []  # for each character of the normal form, the offset of its cluster
    for match in _GRAPHEME.finditer(text):
        part = unicodedata.normalize("NFC", match.group())
        normal_parts.append(part)
        origin.extend([match.start()] * len(part))
    normal = "".join(normal_parts)
    origin.append(len(text))
    for piece in x_pieces(normal, url_length):
        start, end = origin[piece.start], origin[piece.end] if piece.end < len(normal) else len(text)
        if piece.each and end - start != piece.end - piece.start:  # a run that normalisation shortened
            yield Piece(start, end, piece.weight)
        else:
            yield Piece(start, end, piece.weight, piece.each)


def length(text: str, counting: str, url_length: int | None = None) -> int:
    """The length of a published text as the network counts it."""
    if counting == UTF16 and not url_length:
        return len(text.encode("utf-16-le")) // 2
    if counting == X and _nfc(text) is None:
        # The sum of x_pieces' weights without a Python-level step per grapheme cluster (tests/test_fast_paths.py).
        total = position = 0
        for start, end in extract_links(text, scheme_required=False):
            total += _x_weight_of_run(text, position, start) + (url_length or LINK_LENGTH[X])
            position = end
        return total + _x_weight_of_run(text, position, len(text))
    weigh = _WEIGHTS.get(counting)
    if weigh is None:
        return sum(piece.weight for piece in pieces(text, counting, url_length))
    # The sum of ``pieces``' weights without making a Piece per grapheme cluster (tests/test_fast_paths.py).
    link_length = url_length or LINK_LENGTH.get(counting)
    total = position = 0
    if link_length:
        for start, end in extract_links(text, scheme_required=True):
            total += weigh(text, position, start) + link_length
            position = end
    return total + weigh(text, position, len(text))


# Characters from U+0300 on that are a grapheme cluster of their own beside any character below
# U+0300 or of this set (neither marks, joiners nor prepended, no emoji): the punctuation of French
# posts (’ “ ” … – — • and the narrow no-break space a French post puts before ; : ! ?) and €.
# tests/test_fast_paths.py checks each of them against every such neighbour.
_LONE = "\u2010-\u2027\u202f\u20ac"
JOINING = re.compile(f"[^\x00-\u02ff{_LONE}]")
"""What a grapheme cluster of more than one plain character needs: a character from U+0300 on, not lone."""
# Where such clusters can be: a run of JOINING characters (combining marks, joiners, emoji, other
# scripts), with the character before it (the base of a mark, a © before its U+FE0F; not a \n,
# which always ends a cluster) and the one after it (after a prepended mark; not a \r, which
# always starts one). Two runs one character apart are one place. Between two other characters a
# cluster always ends, but inside a \r\n; so elsewhere each character is a cluster (a \r\n is
# one), and each place starts and ends a cluster.
_APART = f"\x00-\u02ff{_LONE}"
JOINED = re.compile(f"[\x00-\t\x0b-\u02ff{_LONE}]?[^{_APART}]++(?:[{_APART}][^{_APART}]++)*+"
                    f"[\x00-\x0c\x0e-\u02ff{_LONE}]?")


def _joined_clusters(text: str, start: int, end: int) -> tuple[int, list[str]]:
    """(how many clusters ``text[start:end]`` has outside the places where characters may join, the
    clusters of those places): ``_GRAPHEME.findall(text, start, end)``'s clusters, segmented only
    where one can be more than a plain character (tests/test_fast_paths.py checks the lengths made
    of them against the pieces, which segment the whole text)."""
    first_joined = JOINING.search(text, start, end)
    if first_joined is None:
        return end - start - text.count("\r\n", start, end), []
    alone = 0
    joined: list[str] = []
    position = start
    for place in JOINED.finditer(text, max(start, first_joined.start() - 1), end):
        first, last = place.span()
        alone += first - position - text.count("\r\n", position, first)
        joined += _GRAPHEME.findall(text, first, last)
        position = last
    return alone + end - position - text.count("\r\n", position, end), joined


def _grapheme_weight(text: str, start: int, end: int) -> int:
    """The weight of ``_grapheme_run``'s pieces: the number of grapheme clusters."""
    if start >= end:
        return 0
    alone, joined = _joined_clusters(text, start, end)
    return alone + len(joined)


def _threads_weight(text: str, start: int, end: int) -> int:
    """The weight of ``_threads_run``'s pieces. A cluster of plain characters (below U+0300, or
    \r\n) is never an emoji, so only the others are asked."""
    if start >= end:
        return 0
    alone, joined = _joined_clusters(text, start, end)
    return alone + len(joined) + sum(len(cluster.encode("utf-8")) - 1
                                     for cluster in filter(_NOT_PLAIN.search, joined) if _is_emoji(cluster))


def _mastodon_weight(text: str, start: int, end: int) -> int:
    """The weight of ``_mastodon_pieces``: graphemes, a remote mention's server not counted."""
    total, position = 0, start
    for match in _REMOTE_MENTION.finditer(text, start, end):
        total += _grapheme_weight(text, position, match.start(1))
        position = match.end(1)
    return total + _grapheme_weight(text, position, end)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _utf16_weight(text: str, start: int, end: int) -> int:
    """The weight of ``_utf16_run``'s pieces: a character beyond U+FFFF counts 2."""
    return end - start + len(_ASTRAL.findall(text, start, end)) if start < end else 0


_WEIGHTS = {GRAPHEMES: _grapheme_weight, MASTODON: _mastodon_weight, THREADS: _threads_weight, UTF16: _utf16_weight}


def first_over(text: str, counting: str, limit: int, url_length: int | None = None) -> int | None:
    """Offset of the first character that takes the text past ``limit``, or ``None`` if it fits.

    Run by run (the text between links): a run that fits is weighed whole (``_WEIGHTS``), and only
    the run that goes past the limit is cut into pieces (tests/test_fast_paths.py checks it against
    reading every piece, ``_first_over_by_pieces``).
    """
    if counting == X and _nfc(text) is not None:
        return _first_over_by_pieces(text, counting, limit, url_length)
    link_length: int = url_length or LINK_LENGTH.get(counting) or 0
    if counting == X:
        links = extract_links(text, scheme_required=False)
        weigh, run = _x_weight_of_run, _x_emoji_run
    else:
        links = extract_links(text, scheme_required=True) if link_length else iter(())
        weigh = _WEIGHTS.get(counting, _grapheme_weight)
        run = _mastodon_pieces if counting == MASTODON else _RUNS.get(counting, _grapheme_run)
    seen = position = 0
    for start, end in chain(links, ((len(text), len(text)),)):
        weight = weigh(text, position, start)
        if seen + weight > limit:
            return _first_over_in(run(text, position, start), limit, seen)
        seen += weight
        if end > start:  # a link (the last pair only ends the text)
            if seen + link_length > limit:
                return start
            seen += link_length
        position = end
    return None


def _x_emoji_run(text: str, start: int, end: int) -> Iterator[Piece]:
    return _x_run(text, start, end, True)


def _first_over_in(cut: Iterable[Piece], limit: int, seen: int = 0) -> int | None:
    """Where pieces go past ``limit``, ``seen`` being counted before them."""
    for piece in cut:
        if seen + piece.weight > limit:
            if piece.each:
                return piece.start + (limit - seen) // piece.each
            return piece.start
        seen += piece.weight
    return None


def _first_over_by_pieces(text: str, counting: str, limit: int, url_length: int | None = None) -> int | None:
    """``first_over`` read piece by piece from the start."""
    return _first_over_in(pieces(text, counting, url_length), limit)
