"""Audiences and channels: who we talk to, where, and what each channel adds.

One account for everyone makes no sense, and each channel must add something the others do
not: the audiences page shows the audiences × channels matrix, the channels page gives each
channel its purpose, added value, rhythm, limits and response promise.
"""

from __future__ import annotations

from linter.core.i18n import N_, Language
from linter.playbook.model import Channel, Playbook
from linter.site.markup import admonition, block, fact, inline, link, show_duration, show_number, table
from linter.site.pages.common import (
    AUDIENCES,
    CHANNELS,
    COVERAGE,
    NETWORKS,
    anchor,
    audience_link,
    channel_link,
    channel_short,
    channel_title,
    href,
    label,
)
from linter.site.pages.on_duty import describe_hours


def linked(playbook: Playbook, audience_id: str, channel: Channel) -> bool:
    """An audience and a channel go together when either file says so."""
    audience = playbook.audience(audience_id)
    return audience_id in channel.audiences or (audience is not None and channel.id in audience.channels)


def render_audiences(playbook: Playbook, lang: Language) -> str:
    here = AUDIENCES
    out = [
        "# " + lang("Target audiences"),
        lang("Each audience expects different things and is found on different networks. We speak to {audiences}; "
             "the table shows through which channels we reach each of them.",
             audiences=lang.plural("{count} audience", "{count} audiences", len(playbook.audiences))),
        "## " + lang("Audiences and channels") + " {#matrice}",
    ]
    channels = list(playbook.channels)
    if playbook.audiences and channels:
        headers = [lang("Target audience")] + [channel_link(playbook, here, channel.id) for channel in channels]
        rows = []
        for audience in playbook.audiences:
            cells = [f"[{inline(audience.name or audience.id)}](#{anchor('public', audience.id)})"]
            for channel in channels:
                cells.append('<span class="pb-yes">✓<span class="pb-sr"> ' + lang("yes") + "</span></span>"
                             if linked(playbook, audience.id, channel) else
                             '<span class="pb-no">·<span class="pb-sr"> ' + lang("no") + "</span></span>")
            rows.append(cells)
        out.append(table(headers, rows))
        reserved = [channel for channel in channels if not channel.active]
        if reserved:
            out.append(lang.plural("The channel {channels} is a reserved name: we do not post there.",
                                   "The channels {channels} are reserved names: we do not post there.", len(reserved),
                                   channels=", ".join(inline(channel_short(c)) for c in reserved)))
    for audience in playbook.audiences:
        out.append(f"## {inline(audience.name or audience.id)} {{#{anchor('public', audience.id)}}}")
        if audience.description:
            out.append(block(audience.description))
        if audience.expectations:
            out.append("**" + lang("What this audience expects from us:") + "**\n\n"
                       + "\n".join(f"- {inline(item)}" for item in audience.expectations))
        reached = [channel.id for channel in channels if linked(playbook, audience.id, channel)]
        out.append(fact(lang, lang("Channels"),
                        ", ".join(channel_link(playbook, here, c) for c in reached) or lang("none")))
    return "\n\n".join(out) + "\n"


def _cadence(channel: Channel, lang: Language) -> str | None:
    cadence = channel.cadence
    if cadence is None:
        return None
    parts = []
    low, high = cadence.min_per_week, cadence.max_per_week
    if low is not None and high is not None:
        parts.append(lang("from {low} to {high} posts a week", low=low, high=high) if low != high else
                     lang.plural("{count} post a week", "{count} posts a week", low))
    elif low is not None:
        parts.append(lang.plural("at least {count} post a week", "at least {count} posts a week", low))
    elif high is not None:
        parts.append(lang.plural("at most {count} post a week", "at most {count} posts a week", high))
    if cadence.max_gap_days is not None:
        parts.append(lang.plural("never more than {count} day without a post",
                                 "never more than {count} days without a post", cadence.max_gap_days))
    return lang("; ").join(parts) or None


_LIMITS = (("max_chars", N_("Characters at most")), ("url_length", N_("Length counted for a link")),
           ("max_hashtags", N_("Hashtags at most")), ("max_emoji", N_("Emojis at most")),
           ("max_mentions", N_("Mentions at most")))


def _response(playbook: Playbook, channel: Channel, lang: Language) -> str | None:
    response = channel.response
    if response is None:
        return None
    hours = playbook.hours(response.hours)
    when = (inline(describe_hours(hours, lang)) if hours is not None
            else lang("hours {name} (not defined)", name=lang.quote(inline(response.hours))))
    delay = (lang("within {duration}", duration=show_duration(lang, response.delay_minutes)) if response.delay_minutes
             else lang("no delay given"))
    if hours is None:
        return lang("answer {delay}, {when}", delay=delay, when=when)
    where = href(CHANNELS, COVERAGE, anchor("promesse", response.hours))
    return lang("answer {delay}, {when} ([see who is on duty]({link}))", delay=delay, when=when, link=where)


def _channel(playbook: Playbook, channel: Channel, lang: Language) -> str:
    here = CHANNELS
    out = [f"## {inline(channel_title(lang, channel))} {{#{anchor('canal', channel.id)}}}"]
    if not channel.active:
        out.append(admonition("note", lang("Reserved name"),
                              lang("This account is reserved so that nobody else takes our name. We neither post nor "
                                   "answer there.")))
    facts = [fact(lang, lang("Network"), label(lang, NETWORKS, channel.network))]
    if channel.handle:
        facts.append(fact(lang, lang("Account"), inline(channel.handle)))
    if channel.url:
        facts.append(fact(lang, lang("Address"), link(channel.url, channel.url)))
    if channel.audiences:
        facts.append(fact(lang, lang("Target audiences"),
                          ", ".join(audience_link(playbook, here, a) for a in channel.audiences)))
    cadence = _cadence(channel, lang)
    if cadence and channel.active:
        facts.append(fact(lang, lang("Rhythm"), cadence))
    response = _response(playbook, channel, lang)
    if response and channel.active:
        facts.append(fact(lang, lang("Response promise"), response))
    if channel.tracking is not None and channel.tracking.required:
        params = ", ".join(inline(param) for param in channel.tracking.params)
        facts.append(fact(lang, lang("Link tracking"),
                          lang("required parameters: {params}", params=params) if params else lang("required")))
    out.append("\n".join(facts))
    if channel.purpose:
        out.append("**" + lang("What it is for.") + "** " + inline(channel.purpose))
    if channel.added_value:
        out.append("**" + lang("What it adds to the others.") + "** " + inline(channel.added_value))
    limits = channel.limits
    if limits is not None:
        rows = [[lang(name), show_number(lang, getattr(limits, key))] for key, name in _LIMITS
                if getattr(limits, key) is not None]
        if rows:
            out.append(lang("**House limits** (the linter checks them on every draft):") + "\n\n"
                       + table([lang("Limit"), lang("Value")], rows))
    return "\n\n".join(out)


def render_channels(playbook: Playbook, lang: Language) -> str:
    here = CHANNELS
    active = [channel for channel in playbook.channels if channel.active]
    out = [
        "# " + lang("Channels"),
        lang.plural("We are present on {count} active channel. Each one has its role and brings something the others "
                    "do not: never the same content everywhere.",
                    "We are present on {count} active channels. Each one has its role and brings something the others "
                    "do not: never the same content everywhere.", len(active)),
    ]
    rows = []
    for channel in playbook.channels:
        response = channel.response
        rows.append([
            channel_link(playbook, here, channel.id),
            lang("active") if channel.active else lang("reserved name"),
            inline(_cadence(channel, lang) or "—") if channel.active else "—",
            show_duration(lang, response.delay_minutes) if channel.active and response and response.delay_minutes
            else "—",
        ])
    if rows:
        out.append(table([lang("Channel"), lang("Status"), lang("Rhythm"), lang("Response time")], rows))
    out.extend(_channel(playbook, channel, lang) for channel in playbook.channels)
    return "\n\n".join(out) + "\n"
