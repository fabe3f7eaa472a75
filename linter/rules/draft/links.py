"""PB316 insecure links, PB317 link shorteners, PB318 missing tracking parameters, PB332 tracking
values of another channel.

Links are where a post leads people: to a page that must be safe (https), whose destination
readers can see (no shortener), and whose visits the team can measure (the channel's tracking
parameters on links to our own site, naming the channel the post goes to). A link is what a
network turns into one: an address with https:// or http://, one that starts with www., and a
bare address whose ending a network knows (``pressoir-flume.fr/boutique``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

import regex

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.repeats import Tally
from linter.core.rule import rule
from linter.drafts.counting import extract_links
from linter.rules.draft._common import channels_of, span_finding

if TYPE_CHECKING:
    from linter.drafts.parse import Draft, Span
    from linter.playbook.model import Channel, Playbook

_DOMAIN_END = regex.compile(r"\.[A-Za-z]{2,}+/")  # ".ly/": the end of a bare "bit.ly/abc" link

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


def _matches(host: str, domains: frozenset[str]) -> bool:
    """Whether ``host`` is one of ``domains`` or a sub-domain of one. Only the host's last labels,
    as many as the longest domain has, are tried: a host of 40,000 labels costs one split."""
    if not host or not domains:
        return False
    depth = max(domain.count(".") for domain in domains) + 1
    parts = host.rsplit(".", depth)
    return any(".".join(parts[index:]) in domains for index in range(len(parts) - 1))


def prepare(playbook: Playbook) -> Prepared:
    tone = playbook.tone
    shorteners = frozenset(_host("http://" + domain.strip().lower().split("://")[-1]) for domain in tone.shorteners)
    contacts = playbook.organisation.contacts
    site = _host(contacts.website) if contacts is not None and contacts.website else None
    return Prepared(shorteners - {""}, site or None)


def _web(span: Span) -> bool:
    return span.kind == "url" and span.value.lower().startswith(("http://", "https://", "www."))


@dataclass(frozen=True)
class Link:
    """A link of the post: where it is written and the address it leads to."""

    start: int
    end: int
    value: str


def _links(draft: Draft) -> list[Link]:
    """The post's links: the parser's (scheme, www., Markdown and <autolinks>) and the bare
    addresses of its prose that a network turns into links: a known ending, small letters and a
    path ("pressoir-flume.fr/boutique" is a link; "ASP.NET" or the word "bit.ly" alone are names)."""
    links = [Link(span.start, span.end, span.value) for span in draft.spans if _web(span)]
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
    links.sort(key=lambda link: link.start)
    return links


def _query(url: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(urlsplit(url if "://" in url else "https://" + url).query, keep_blank_values=True)
    except ValueError:
        return []


def _accepted_sources(channel: Channel) -> frozenset[str]:
    network = channel.network.lower()
    return frozenset((channel.id.lower(), network, *_ALIASES.get(network, ())))


def check(draft: Draft, playbook: Playbook, ctx: CheckContext, prepared: Prepared | None = None) -> Iterator[Finding]:
    prepared = prepared or prepare(playbook)
    lang = ctx.lang
    tone = playbook.tone
    links = _links(draft)
    # 46,000 links in a 1 MB draft: past the limit, each rule counts its findings instead of making them
    tally = {rule.code: Tally(rule, draft, ctx.repeat_limit) for rule in RULES}
    insecure, shortener = tally[INSECURE_LINK.code], tally[SHORTENER.code]
    for link in links:
        host = _host(link.value)
        shortened = bool(prepared.shorteners) and _matches(host, prepared.shorteners)
        lowered = link.value.lower()
        if tone.require_https and lowered.startswith("http://"):
            if insecure.admit(link.start):
                yield span_finding(INSECURE_LINK, draft, link.start, link.end,
                                   lang("the link uses http://, not https://"),
                                   lang("Write the address with https:// (check that the page opens with it)."))
        elif tone.require_https and not lowered.startswith("https://") and not shortened \
                and insecure.admit(link.start):
            yield span_finding(INSECURE_LINK, draft, link.start, link.end,
                               lang("the link has no https:// (networks open it as http://)"),
                               lang("Write the full address: {address}", address="https://" + link.value))
        if shortened and shortener.admit(link.start):
            yield _shortener(draft, link.start, link.end, host, lang)
    if prepared.shorteners:
        yield from _bare_shorteners(draft, prepared.shorteners, {link.start for link in links}, lang, shortener)
    for channel in channels_of(draft, playbook):
        tracking = channel.tracking
        sources = _accepted_sources(channel)
        params = tracking.params if tracking is not None and tracking.required else ()
        for link in links:
            host = _host(link.value)
            if prepared.shorteners and _matches(host, prepared.shorteners):
                continue
            query = _query(link.value)
            for key, value in query:
                if key.lower() == "utm_source" and value.strip().lower() not in sources:
                    if not tally[TRACKING_MISMATCH.code].admit(link.start):
                        break
                    yield span_finding(
                        TRACKING_MISMATCH, draft, link.start, link.end,
                        lang("the link says utm_source={value}, but the post goes to {channel}", value=value,
                             channel=channel.label),
                        lang("Write utm_source={id} for this channel; a post for several channels needs one draft "
                             "per channel.", id=channel.id))
                    break
            if not params or (prepared.site and not _matches(host, frozenset({prepared.site}))):
                continue
            present = {key for key, _ in query}
            missing = [param for param in params if param not in present]
            if missing and tally[MISSING_TRACKING.code].admit(link.start):
                example = "?" + "&".join(f"{param}=…" for param in params)
                yield span_finding(
                    MISSING_TRACKING, draft, link.start, link.end,
                    lang("the link lacks {params}, which {channel} requires", params=", ".join(missing),
                         channel=channel.label),
                    lang("Add the parameters, e.g. {example}.", example=example))
    for counted in tally.values():
        yield from counted.rest()


def _shortener(draft: Draft, start: int, end: int, host: str, lang: Language) -> Finding:
    return span_finding(SHORTENER, draft, start, end, lang("the link goes through the shortener {host}", host=host),
                        lang("Give the full address of the page, with its tracking parameters."))


def _bare_shorteners(draft: Draft, shorteners: frozenset[str], reported: set[int],
                     lang: Language, tally: Tally) -> Iterator[Finding]:
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
            if start not in reported and _matches(host, shorteners):
                end = match.end()
                while end < span.end and not text[end].isspace() and text[end] not in "<>":
                    end += 1
                while end > match.end() and text[end - 1] in ".,;:!?)»":
                    end -= 1
                if tally.admit(start):
                    yield _shortener(draft, start, end, host, lang)
