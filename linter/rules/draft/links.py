"""PB316 insecure links, PB317 link shorteners, PB318 missing tracking parameters.

Links are where a post leads people: to a page that must be safe (https), whose destination
readers can see (no shortener), and whose visits the team can measure (the channel's tracking
parameters on links to our own site).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import regex

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.rule import rule
from linter.rules.draft._common import channels_of, span_finding

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
    what="""Reports links that start with `http://` when the charter requires https.""",
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

RULES = (INSECURE_LINK, SHORTENER, MISSING_TRACKING)


@dataclass(frozen=True)
class Prepared:
    shorteners: frozenset[str]
    site: str | None


def _host(url: str) -> str:
    """Lower-case host without ``www.``, or "" when the text is not an absolute web link."""
    if url.lower().startswith("www."):
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _matches(host: str, domains: frozenset[str]) -> bool:
    parts = host.split(".")
    return any(".".join(parts[index:]) in domains for index in range(len(parts) - 1))


def prepare(playbook) -> Prepared:
    tone = playbook.tone
    shorteners = frozenset(_host("http://" + domain.strip().lower().split("://")[-1]) for domain in tone.shorteners)
    contacts = playbook.organisation.contacts
    site = _host(contacts.website) if contacts is not None and contacts.website else None
    return Prepared(shorteners - {""}, site or None)


def _web(span) -> bool:
    return span.kind == "url" and span.value.lower().startswith(("http://", "https://", "www."))


def check(draft, playbook, ctx: CheckContext, prepared: Prepared | None = None) -> Iterator[Finding]:
    prepared = prepared or prepare(playbook)
    tone = playbook.tone
    links = [span for span in draft.spans if _web(span)]
    for span in links:
        if tone.require_https and span.value.lower().startswith("http://"):
            yield span_finding(INSECURE_LINK, draft, span.start, span.end,
                               "the link uses http://, not https://",
                               "Write the address with https:// (check that the page opens with it).")
        if prepared.shorteners and _matches(_host(span.value), prepared.shorteners):
            yield _shortener(draft, span.start, span.end, _host(span.value))
    if prepared.shorteners:
        yield from _bare_shorteners(draft, prepared.shorteners)
    for channel in channels_of(draft, playbook):
        tracking = channel.tracking
        if tracking is None or not tracking.required or not tracking.params:
            continue
        for span in links:
            host = _host(span.value)
            if prepared.shorteners and _matches(host, prepared.shorteners):
                continue
            if prepared.site and not _matches(host, frozenset({prepared.site})):
                continue
            try:
                present = {key for key, _ in parse_qsl(urlsplit(span.value).query, keep_blank_values=True)}
            except ValueError:
                present = set()
            missing = [param for param in tracking.params if param not in present]
            if missing:
                yield span_finding(
                    MISSING_TRACKING, draft, span.start, span.end,
                    f"the link lacks {', '.join(missing)}, which {channel.label} requires",
                    "Add the parameters, e.g. ?" + "&".join(f"{param}=…" for param in tracking.params) + ".")


def _shortener(draft, start: int, end: int, host: str) -> Finding:
    return span_finding(SHORTENER, draft, start, end, f"the link goes through the shortener {host}",
                        "Give the full address of the page, with its tracking parameters.")


def _bare_shorteners(draft, shorteners: frozenset[str]) -> Iterator[Finding]:
    """Shortened links written without https:// ("bit.ly/abc"), which networks still turn into links."""
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
            if _matches(host, shorteners):
                end = match.end()
                while end < span.end and not text[end].isspace() and text[end] not in "<>":
                    end += 1
                while end > match.end() and text[end - 1] in ".,;:!?)»":
                    end -= 1
                yield _shortener(draft, start, end, host)
