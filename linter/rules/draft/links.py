"""PB316 insecure links, PB317 link shorteners, PB318 missing tracking parameters, PB332 tracking
values of another channel.

Links are where a post leads people: to a page that must be safe (https), whose destination
readers can see (no shortener), and whose visits the team can measure (the channel's tracking
parameters on links to our own site, naming the channel the post goes to). A link is what a
network turns into one: an address with https:// or http://, one that starts with www., and a
bare address whose ending a network knows (``pressoir-flume.fr/boutique``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import parse_qsl, urlsplit

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.drafts.counting import extract_links
from linter.rules.draft._common import Memo, Tallies, span_finding

if TYPE_CHECKING:
    from linter.drafts.parse import Draft
    from linter.playbook.model import Channel, Playbook

_DOMAIN_END = re.compile(r"\.[A-Za-z]{2,}+/")  # ".ly/": the end of a bare "bit.ly/abc" link

_HEADER = """---
channel: facebook
kind: information
publish_at: 2027-03-02T10:00+01:00
author: ines-bertrand
---"""
_TRACKED = "?utm_source=facebook&utm_medium=social&utm_campaign=recolte"

INSECURE_LINK = rule(
    "PB316", "insecure-link", "A post links with http:// instead of https://", Severity.WARNING,
    what="""Reports links that start with `http://`, or with no scheme at all (`www.exemple.fr/…`,
    `exemple.fr/…`, which networks open as http://), when the charter requires https. A shortened
    link is reported once, as a shortener (PB317).""",
    why="""Browsers flag http pages as unsafe, and the address can be tampered with on the way: a
    link we publish must take readers safely to the page we meant.""",
    example=_HEADER + f"""
Le récit de la récolte 2026 est sur le Carnet du verger\u202f:
http://www.pressoir-flume.example/carnet/recolte-2026{_TRACKED}
""",
    fixed=_HEADER + f"""
Le récit de la récolte 2026 est sur le Carnet du verger\u202f:
https://www.pressoir-flume.example/carnet/recolte-2026{_TRACKED}
""",
    options="tone.yml `links.require_https`.",
)

SHORTENER = rule(
    "PB317", "link-shortener", "A post uses a link shortener", Severity.WARNING,
    what="""Reports links whose domain (or a sub-domain of it) is one of the charter's `links.shorteners`,
    whether written with `https://` or bare (`bit.ly/abc`).""",
    why="""A shortened link hides where it leads, which readers rightly distrust, and it breaks the
    tracking parameters the team relies on to measure each channel.""",
    example=_HEADER + """
Le récit de la récolte 2026 est sur le Carnet du verger\u202f: https://bit.ly/recolte-2026
""",
    fixed=_HEADER + f"""
Le récit de la récolte 2026 est sur le Carnet du verger\u202f:
https://www.pressoir-flume.example/carnet/recolte-2026{_TRACKED}
""",
    options="tone.yml `links.shorteners` (domains).",
)

MISSING_TRACKING = rule(
    "PB318", "missing-tracking", "A link to our site lacks the tracking parameters its channel requires",
    Severity.WARNING,
    what="""For each channel of the post whose `tracking.required` is true, reports every link to the
    organisation's web site (organisation.yml `contacts.website`, sub-domains included; every link when
    no site is set) that lacks one of the channel's `tracking.params`.""",
    why="""Objectives are measurable: to know which channel and which post bring visits, every link to
    our site says where it was published.""",
    example=_HEADER + """
Le récit de la récolte 2026 est sur le Carnet du verger\u202f:
https://www.pressoir-flume.example/carnet/recolte-2026
""",
    fixed=_HEADER + f"""
Le récit de la récolte 2026 est sur le Carnet du verger\u202f:
https://www.pressoir-flume.example/carnet/recolte-2026{_TRACKED}
""",
    options="""channels.yml `tracking.required` and `tracking.params`; organisation.yml
    `contacts.website`.""",
)

TRACKING_MISMATCH = rule(
    "PB332", "tracking-mismatch", "A link's tracking parameters name another channel than the one the post goes to",
    Severity.WARNING,
    what="""Reports every link whose `utm_source` names another channel than the post's: on X, a link
    tagged `utm_source=facebook` counts X's visits as Facebook's. The value must name the channel:
    its id or its network (case aside; `twitter` for X, `fb` for Facebook, `ig` for Instagram are
    accepted). A post for several channels needs one link per channel, so a link can only be right
    for one of them.""",
    why="""Objectives are measured per channel: a link copied from another post with its tracking
    parameters sends its visits to the wrong column, and the channel that brought them looks
    useless.""",
    example=_HEADER.replace("channel: facebook", "channel: x") + """
Le récit de la récolte 2026 est sur le Carnet du verger\u202f:
https://www.pressoir-flume.example/carnet/recolte-2026?utm_source=facebook&utm_medium=social&utm_campaign=recolte
""",
    fixed=_HEADER.replace("channel: facebook", "channel: x") + """
Le récit de la récolte 2026 est sur le Carnet du verger\u202f:
https://www.pressoir-flume.example/carnet/recolte-2026?utm_source=x&utm_medium=social&utm_campaign=recolte
""",
    options="channels.yml `id` and `network` of each channel of the post (the values `utm_source` may take).",
)

RULES = (INSECURE_LINK, SHORTENER, MISSING_TRACKING, TRACKING_MISMATCH)

# Other names a network goes by in tracking parameters.
_ALIASES = {"x": ("twitter", "x.com", "twitter.com", "tw"), "twitter": ("x", "x.com", "twitter.com", "tw"),
            "facebook": ("fb", "facebook.com"), "instagram": ("ig", "instagram.com"),
            "linkedin": ("li", "linkedin.com"), "tiktok": ("tiktok.com", "tt"), "youtube": ("yt", "youtube.com"),
            "mastodon": (), "bluesky": ("bsky",), "threads": ("threads.net", "threads.com")}


@dataclass(frozen=True)
class Prepared:
    shorteners: frozenset[str]
    site: str | None
    channels: dict[str, tuple[Channel, frozenset[str]]] = field(default_factory=dict, compare=False)
    """Each channel by id (the first of an id, as ``Playbook.channel`` finds it) with the values its
    links' ``utm_source`` may take."""
    depth: int = 0
    """The labels of a host compared with the shorteners (``_matches``)."""
    addresses: Memo[str, Address] | None = field(default=None, compare=False, repr=False)
    """A memo, a link's address -> what the rules read of it (``_address``): posts repeat the same links."""


def _host(url: str) -> str:
    """Lower-case host without ``www.``, or "" when the text is not a web link (an address written
    without a scheme, "www.exemple.fr/a" or "exemple.fr/a", is read as one)."""
    if "://" not in url[:12]:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _matches(host: str, domains: frozenset[str], depth: int | None = None) -> bool:
    """Whether ``host`` is one of ``domains`` or a sub-domain of one. Only the host's last labels,
    as many as the longest domain has (``depth``, worked out here when not given), are tried: a
    host of 40,000 labels costs one split."""
    if not host or not domains:
        return False
    if depth is None:
        depth = _depth(domains)
    parts = host.rsplit(".", depth)
    return any(".".join(parts[index:]) in domains for index in range(len(parts) - 1))


def _depth(domains: frozenset[str]) -> int:
    """How many labels of a host ``_matches`` compares with ``domains``."""
    return max(domain.count(".") for domain in domains) + 1 if domains else 0


def prepare(playbook: Playbook) -> Prepared:
    tone = playbook.tone
    shorteners = frozenset(_host("http://" + domain.strip().lower().split("://")[-1]) for domain in tone.shorteners)
    contacts = playbook.organisation.contacts
    site = _host(contacts.website) if contacts is not None and contacts.website else None
    channels: dict[str, tuple[Channel, frozenset[str]]] = {}
    for channel in playbook.channels:
        channels.setdefault(channel.id, (channel, _accepted_sources(channel)))
    shorteners -= {""}
    prepared = Prepared(shorteners, site or None, channels, _depth(shorteners))
    return dataclasses.replace(prepared, addresses=Memo(partial(_address, prepared=prepared)))


class Link(NamedTuple):
    """A link of the post: where it is written and the address it leads to."""

    start: int
    end: int
    value: str


_WEB = ("http://", "https://", "www.")


def _links(draft: Draft) -> list[Link]:
    """The post's links: the parser's (scheme, www., Markdown and <autolinks>) and the bare
    addresses of its prose that a network turns into links: a known ending, small letters and a
    path ("pressoir-flume.fr/boutique" is a link; "ASP.NET" or the word "bit.ly" alone are names)."""
    links = [Link(span.start, span.end, span.value) for span in draft.spans
             if span.kind == "url" and span.value.lower().startswith(_WEB)]
    if "." not in draft.prose:
        return links
    text = draft.text
    for span in draft.spans:
        if span.kind != "prose" or text.find(".", span.start, span.end) < 0:
            continue
        piece = text[span.start:span.end]
        if "/" not in piece and "?" not in piece:
            continue  # a link kept below has a path or a query: without "/" or "?" there is none
        for start, end in extract_links(piece):
            value = piece[start:end]
            host = value.split("/", 1)[0].split("?", 1)[0]
            if value.lower().startswith(("http://", "https://")) or host != host.lower() or len(host) == len(value):
                continue  # the parser's already, a name in capitals, or a bare name without a path
            links.append(Link(span.start + start, span.start + end, value))
    links.sort(key=_START)
    return links


_START = itemgetter(0)


def _query(url: str) -> list[tuple[str, str]]:
    if "?" not in url:
        return []  # no query (urlsplit's is what follows a "?")
    try:
        return parse_qsl(urlsplit(url if "://" in url else "https://" + url).query, keep_blank_values=True)
    except ValueError:
        return []


def _accepted_sources(channel: Channel) -> frozenset[str]:
    network = channel.network.lower()
    return frozenset((channel.id.lower(), network, *_ALIASES.get(network, ())))


class Address(NamedTuple):
    """What the rules read of a link's address, worked out once per address (``Prepared.addresses``)."""

    host: str
    shortened: bool  # a shortener's
    ours: bool  # to the organisation's site (every link is, when no site is set)
    sources: tuple[tuple[str, str], ...]  # each utm_source of its query: (as written, stripped in lower case)
    present: frozenset[str]  # the names of its query's parameters


def _address(value: str, prepared: Prepared) -> Address:
    host = _host(value)
    query = _query(value)
    site = prepared.site
    return Address(host, bool(prepared.shorteners) and _matches(host, prepared.shorteners, prepared.depth),
                   not site or _matches(host, frozenset({site})),
                   tuple((source, source.strip().lower()) for key, source in query if key.lower() == "utm_source"),
                   frozenset(key for key, _ in query))


def check(draft: Draft, playbook: Playbook, ctx: CheckContext, prepared: Prepared | None = None) -> Iterator[Finding]:
    prepared = prepared or prepare(playbook)
    links = _links(draft)
    shorteners = prepared.shorteners
    if not links and not shorteners:
        return
    lang = ctx.lang
    tone = playbook.tone
    # 46,000 links in a 1 MB draft: past the limit, each rule counts its findings instead of making them
    tallies = Tallies(RULES, draft, ctx.repeat_limit)
    addresses = prepared.addresses if prepared.addresses is not None else Memo(partial(_address, prepared=prepared))
    read = list(zip(links, map(addresses.__getitem__, map(_VALUE, links))))
    for link, address in read:
        lowered = link.value.lower()
        if tone.require_https and lowered.startswith("http://"):
            if tallies(INSECURE_LINK).admit(link.start):
                yield span_finding(INSECURE_LINK, draft, link.start, link.end,
                                   lang("the link uses http://, not https://"),
                                   lang("Write the address with https:// (check that the page opens with it)."))
        elif tone.require_https and not lowered.startswith("https://") and not address.shortened \
                and tallies(INSECURE_LINK).admit(link.start):
            yield span_finding(INSECURE_LINK, draft, link.start, link.end,
                               lang("the link has no https:// (networks open it as http://)"),
                               lang("Write the full address: {address}", address="https://" + link.value))
        if address.shortened and tallies(SHORTENER).admit(link.start):
            yield _shortener(draft, link.start, link.end, address.host, lang)
    if shorteners:
        yield from _bare_shorteners(draft, prepared, {link.start for link in links}, lang, tallies)
    if read:
        yield from _tracking(draft, prepared, read, lang, tallies)
    yield from tallies.rest()


_VALUE = itemgetter(2)


def _tracking(draft: Draft, prepared: Prepared, read: list[tuple[Link, Address]], lang: Language,
              tallies: Tallies) -> Iterator[Finding]:
    """PB332 and PB318 for each channel of the post (the playbook's; unknown ones are PB302's)."""
    for channel_id in draft.channels:
        known = prepared.channels.get(channel_id)
        if known is None:
            continue
        channel, accepted = known
        tracking = channel.tracking
        params = tracking.params if tracking is not None and tracking.required else ()
        for link, address in read:
            if address.shortened:
                continue
            for source, lowered in address.sources:
                if lowered not in accepted:
                    if not tallies(TRACKING_MISMATCH).admit(link.start):
                        break
                    yield span_finding(
                        TRACKING_MISMATCH, draft, link.start, link.end,
                        lang("the link says utm_source={value}, but the post goes to {channel}", value=source,
                             channel=channel.label),
                        lang("Write utm_source={id} for this channel; a post for several channels needs one draft "
                             "per channel.", id=channel.id))
                    break
            if not params or not address.ours:
                continue
            missing = [param for param in params if param not in address.present]
            if missing and tallies(MISSING_TRACKING).admit(link.start):
                example = "?" + "&".join(f"{param}=…" for param in params)
                yield span_finding(
                    MISSING_TRACKING, draft, link.start, link.end,
                    lang("the link lacks {params}, which {channel} requires", params=", ".join(missing),
                         channel=channel.label),
                    lang("Add the parameters, e.g. {example}.", example=example))


def _shortener(draft: Draft, start: int, end: int, host: str, lang: Language) -> Finding:
    return span_finding(SHORTENER, draft, start, end, lang("the link goes through the shortener {host}", host=host),
                        lang("Give the full address of the page, with its tracking parameters."))


def _bare_shorteners(draft: Draft, prepared: Prepared, reported: set[int],
                     lang: Language, tallies: Tallies) -> Iterator[Finding]:
    """Shortened links written without https:// ("bit.ly/abc"), which networks still turn into links
    (those ``_links`` found are reported already: their starts are in ``reported``)."""
    if _DOMAIN_END.search(draft.prose) is None:
        return
    text = draft.text
    for span in draft.spans:
        if span.kind != "prose":
            continue
        for match in _DOMAIN_END.finditer(text, span.start, span.end):
            start = match.start()
            while start > span.start and (text[start - 1].isalnum() or text[start - 1] in ".-"):
                start -= 1
            if start > span.start and text[start - 1] in "@/":
                continue
            host = text[start:match.end() - 1].lower()
            if start not in reported and _matches(host, prepared.shorteners, prepared.depth):
                end = match.end()
                while end < span.end and not text[end].isspace() and text[end] not in "<>":
                    end += 1
                while end > match.end() and text[end - 1] in ".,;:!?)»":
                    end -= 1
                if tallies(SHORTENER).admit(start):
                    yield _shortener(draft, start, end, host, lang)
