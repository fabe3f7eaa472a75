"""Where each generated page lives, how pages link to each other, and the labels of enumerations.

Kept in one place so that a page moved or renamed here is moved everywhere: the plugin, the
cross-links between pages and the navigation in mkdocs.yml all use these paths.
"""

from __future__ import annotations

import posixpath

from linter.core.i18n import N_, Language
from linter.playbook.model import Channel, Playbook
from linter.site.markup import inline, slug

# -- generated files (paths inside the site's docs, as MkDocs sees them) ---------------------
OBJECTIVES = "objectifs.md"
AUDIENCES = "publics.md"
CHANNELS = "canaux.md"
ROLES = "roles/index.md"
COVERAGE = "roles/astreinte.md"
TONE = "ton.md"
CHARTER = "charte.md"
CRISIS = "crise.md"
CALENDAR = "calendrier.md"
RULES = "reference/regles.md"
FIELDS = "reference/champs.md"
FEED_CALENDAR = "flux/publications.ics"
FEED_ROTA = "flux/astreinte.ics"


def href(from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    """A relative link from one generated page to another (MkDocs checks and rewrites it)."""
    if to_uri == from_uri:
        target = ""
    else:
        target = posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    return f"{target}#{anchor}" if anchor else target


def anchor(kind: str, identifier: object) -> str:
    """Stable ids: ``anchor("canal", "facebook")`` -> ``canal-facebook``."""
    return f"{kind}-{slug(identifier)}"


# -- links to entities of the playbook ---------------------------------------------------------
def profile_link(playbook: Playbook, here: str, profile_id: str | None) -> str:
    if not profile_id:
        return "—"
    profile = playbook.profile(profile_id)
    label = profile.name if profile and profile.name else profile_id
    if profile is None:
        return inline(label)
    return f"[{inline(label)}]({href(here, ROLES, anchor('profil', profile_id))})"


def channel_link(playbook: Playbook, here: str, channel_id: str) -> str:
    channel = playbook.channel(channel_id)
    if channel is None:
        return inline(channel_id)
    return f"[{inline(channel_short(channel))}]({href(here, CHANNELS, anchor('canal', channel_id))})"


def audience_link(playbook: Playbook, here: str, audience_id: str) -> str:
    audience = playbook.audience(audience_id)
    if audience is None:
        return inline(audience_id)
    return f"[{inline(audience.name or audience_id)}]({href(here, AUDIENCES, anchor('public', audience_id))})"


def person_link(playbook: Playbook, here: str, person_id: str | None) -> str:
    if not person_id:
        return "—"
    person = playbook.person(person_id)
    if person is None:
        return inline(person_id)
    return f"[{inline(person.name or person_id)}]({href(here, ROLES, anchor('personne', person_id))})"


def channel_short(channel: Channel) -> str:
    """The network's name (``Facebook``) reads better in tables than the account's full name.

    Blogs, forums and review sites are better known by their own name (``Le Carnet du verger``).
    """
    if channel.network in _OWN_NAME:
        return channel.label
    return NETWORKS.get(channel.network, channel.label)


_OWN_NAME = ("blog", "forum", "reviews", "other")


def channel_title(lang: Language, channel: Channel) -> str:
    network = lang(NETWORKS[channel.network]) if channel.network in NETWORKS else None
    if channel.name and network and network.lower() not in channel.name.lower():
        return f"{channel.name} ({network})"
    return channel.name or network or channel.id


# -- labels of the playbook's enumerations (translated when shown) ---------------------------------
NETWORKS = {
    "facebook": "Facebook", "x": "X (Twitter)", "linkedin": "LinkedIn", "instagram": "Instagram",
    "youtube": "YouTube", "tiktok": "TikTok", "mastodon": "Mastodon", "threads": "Threads",
    "blog": N_("Blog"), "forum": N_("Forum"), "reviews": N_("Online reviews"), "other": N_("Other"),
}
OBJECTIVE_KINDS = {
    "customer-service": N_("Customer service"), "brand": N_("Showing the brand and its products"),
    "sales": N_("Sales"), "traffic": N_("Traffic to the website"), "awareness": N_("Awareness"),
    "leads": N_("Qualified leads for sales"), "e-reputation": N_("Online reputation"),
    "recruitment": N_("Recruitment"), "community": N_("Community"),
}
CM_PROFILES = {
    "transverse": N_("Cross-functional"), "specialist": N_("Specialist"), "relational": N_("Relationship builder"),
    "passionate": N_("Social media enthusiast"), "technical": N_("Technical (measurement and search)"),
    "blogger": N_("Blogger"),
}
PROFILE_KINDS = {"community-manager": N_("Community manager"), "business-expert": N_("Business expert")}
PHASE_ORDER = {"birth": 1, "virality": 2, "propagation": 3, "lassitude": 4, "resolution": 5}
EVENT_KINDS = {"promo": N_("Promotion"), "information": N_("Information"), "event": N_("Event"),
               "recruitment": N_("Recruitment")}
SEVERITIES = {"error": N_("error"), "warning": N_("warning"), "info": N_("information")}


def language_name(lang: Language, code: str | None) -> str:
    """``anglais``, ``English``: a language's name in the site's language (Babel's), the code when unknown."""
    if not code:
        return "—"
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(lang.code)
    except (UnknownLocaleError, ValueError, TypeError):
        return code
    return str(name) if name else code


def label_text(lang: Language, table: dict[str, str], value: str | None) -> str:
    """The translated label of an enumerated value (not escaped); unknown values shown as written."""
    if value is None:
        return "—"
    return lang(table[value]) if value in table else value


def label(lang: Language, table: dict[str, str], value: str | None) -> str:
    """The translated label of an enumerated value, escaped; unknown values shown as written."""
    return inline(label_text(lang, table, value))
