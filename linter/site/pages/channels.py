"""Audiences and channels: who we talk to, where, and what each channel adds.

One account for everyone makes no sense, and each channel must add something the others do
not: the audiences page shows the audiences × channels matrix, the channels page gives each
channel its purpose, added value, rhythm, limits and response promise.
"""

from __future__ import annotations

from linter.playbook.model import Channel, Playbook
from linter.site.markup import admonition, block, fact, fr_duration, fr_number, inline, link, plural, table
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


def render_audiences(playbook: Playbook) -> str:
    here = AUDIENCES
    out = [
        "# Publics",
        "Chaque public attend des choses différentes et se trouve sur des réseaux différents. "
        f"Nous nous adressons à {plural(len(playbook.audiences), 'public')} ; le tableau indique par "
        "quels canaux nous touchons chacun d'eux.",
        "## Publics et canaux {#matrice}",
    ]
    channels = list(playbook.channels)
    if playbook.audiences and channels:
        headers = ["Public"] + [channel_link(playbook, here, channel.id) for channel in channels]
        rows = []
        for audience in playbook.audiences:
            cells = [f"[{inline(audience.name or audience.id)}](#{anchor('public', audience.id)})"]
            for channel in channels:
                cells.append('<span class="pb-yes">✓<span class="pb-sr"> oui</span></span>'
                             if linked(playbook, audience.id, channel) else
                             '<span class="pb-no">·<span class="pb-sr"> non</span></span>')
            rows.append(cells)
        out.append(table(headers, rows))
        reserved = [channel for channel in channels if not channel.active]
        if reserved:
            out.append("Les canaux " + ", ".join(inline(channel_short(c)) for c in reserved)
                       + " sont des noms réservés : nous n'y publions pas." if len(reserved) > 1 else
                       f"Le canal {inline(channel_short(reserved[0]))} est un nom réservé : nous n'y publions pas.")
    for audience in playbook.audiences:
        out.append(f"## {inline(audience.name or audience.id)} {{#{anchor('public', audience.id)}}}")
        if audience.description:
            out.append(block(audience.description))
        if audience.expectations:
            out.append("**Ce que ce public attend de nous :**\n\n"
                       + "\n".join(f"- {inline(item)}" for item in audience.expectations))
        reached = [channel.id for channel in channels if linked(playbook, audience.id, channel)]
        out.append("\n".join([fact("Canaux", ", ".join(channel_link(playbook, here, c) for c in reached) or "aucun")]))
    return "\n\n".join(out) + "\n"


def _cadence(channel: Channel) -> str | None:
    cadence = channel.cadence
    if cadence is None:
        return None
    parts = []
    low, high = cadence.min_per_week, cadence.max_per_week
    if low is not None and high is not None:
        parts.append(f"de {low} à {high} publications par semaine" if low != high else
                     f"{plural(low, 'publication')} par semaine")
    elif low is not None:
        parts.append(f"au moins {plural(low, 'publication')} par semaine")
    elif high is not None:
        parts.append(f"au plus {plural(high, 'publication')} par semaine")
    if cadence.max_gap_days is not None:
        parts.append(f"jamais plus de {plural(cadence.max_gap_days, 'jour')} sans publication")
    return " ; ".join(parts) or None


_LIMITS = (("max_chars", "Caractères au plus"), ("url_length", "Longueur comptée pour un lien"),
           ("max_hashtags", "Hashtags au plus"), ("max_emoji", "Émojis au plus"),
           ("max_mentions", "Mentions au plus"))


def _response(playbook: Playbook, channel: Channel) -> str | None:
    response = channel.response
    if response is None:
        return None
    hours = playbook.hours(response.hours)
    when = (inline(describe_hours(hours)) if hours is not None
            else f"horaires « {inline(response.hours)} » (non définis)")
    delay = f"sous {fr_duration(response.delay_minutes)}" if response.delay_minutes else "sans délai précisé"
    where = f"[voir la permanence]({href(CHANNELS, COVERAGE, anchor('promesse', response.hours))})" \
        if hours is not None else ""
    return f"réponse {delay}, {when} {('(' + where + ')') if where else ''}".strip()


def _channel(playbook: Playbook, channel: Channel) -> str:
    here = CHANNELS
    out = [f"## {inline(channel_title(channel))} {{#{anchor('canal', channel.id)}}}"]
    if not channel.active:
        out.append(admonition("note", "Nom réservé",
                              "Ce compte est réservé pour que personne d'autre ne prenne notre nom. "
                              "Nous n'y publions pas et n'y répondons pas."))
    facts = [fact("Réseau", label(NETWORKS, channel.network))]
    if channel.handle:
        facts.append(fact("Compte", inline(channel.handle)))
    if channel.url:
        facts.append(fact("Adresse", link(channel.url, channel.url)))
    if channel.audiences:
        facts.append(fact("Publics", ", ".join(audience_link(playbook, here, a) for a in channel.audiences)))
    cadence = _cadence(channel)
    if cadence and channel.active:
        facts.append(fact("Rythme", cadence))
    response = _response(playbook, channel)
    if response and channel.active:
        facts.append(fact("Promesse de réponse", response))
    if channel.tracking is not None and channel.tracking.required:
        params = ", ".join(inline(param) for param in channel.tracking.params)
        facts.append(fact("Suivi des liens", f"paramètres obligatoires : {params}" if params else "obligatoire"))
    out.append("\n".join(facts))
    if channel.purpose:
        out.append(f"**À quoi il sert.** {inline(channel.purpose)}")
    if channel.added_value:
        out.append(f"**Ce qu'il apporte de plus que les autres.** {inline(channel.added_value)}")
    limits = channel.limits
    if limits is not None:
        rows = [[name, fr_number(getattr(limits, key))] for key, name in _LIMITS if getattr(limits, key) is not None]
        if rows:
            out.append("**Limites maison** (le linter les vérifie sur chaque brouillon) :\n\n"
                       + table(["Limite", "Valeur"], rows))
    return "\n\n".join(out)


def render_channels(playbook: Playbook) -> str:
    here = CHANNELS
    active = [channel for channel in playbook.channels if channel.active]
    out = [
        "# Canaux",
        f"Nous sommes présents sur {plural(len(active), 'canal actif', 'canaux actifs')}. Chacun a son "
        "rôle et apporte quelque chose que les autres n'ont pas : jamais le même contenu partout.",
    ]
    rows = []
    for channel in playbook.channels:
        response = channel.response
        rows.append([
            channel_link(playbook, here, channel.id),
            "actif" if channel.active else "nom réservé",
            inline(_cadence(channel) or "—") if channel.active else "—",
            fr_duration(response.delay_minutes) if channel.active and response and response.delay_minutes else "—",
        ])
    if rows:
        out.append(table(["Canal", "Statut", "Rythme", "Délai de réponse"], rows))
    out.extend(_channel(playbook, channel) for channel in playbook.channels)
    return "\n\n".join(out) + "\n"
