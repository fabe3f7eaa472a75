"""Renderers of the published playbook: pure functions from the model to Markdown, SVG and ICS.

Nothing here imports MkDocs: ``render_site`` returns plain strings and bytes that the MkDocs
plugin (``linter.site.plugin``) turns into generated files, and that tests can call
directly. Every value from the YAML goes through ``linter.site.markup`` escaping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from linter.core.i18n import Language
from linter.core.registry import Registry
from linter.drafts.parse import Draft
from linter.playbook.model import Playbook
from linter.site.markup import fact, inline, link, mail_link
from linter.site.pages import calendar, channels, common, crisis, feeds, objectives, reference, roles, tone
from linter.site.pages import on_duty as coverage
from linter.site.pages.crisis import Banner

# Markers a hand-written page may contain, replaced by generated Markdown.
SNIPPET_ORGANISATION = "<!-- playbook:organisation -->"
SNIPPET_CALL_NOW = "<!-- playbook:qui-appeler -->"


@dataclass(frozen=True)
class Site:
    pages: Mapping[str, str]
    """Path of a generated page (``crise.md``) -> its Markdown."""
    files: Mapping[str, bytes] = field(default_factory=dict)
    """Other generated files (the .ics feeds) -> their bytes."""
    banner: Banner | None = None
    snippets: Mapping[str, str] = field(default_factory=dict)
    lang: Language = field(default_factory=Language)
    """The language the pages are written in (the plugin gives it to the theme and the search)."""


def organisation_snippet(playbook: Playbook, lang: Language) -> str:
    """The home page's summary of the organisation: name, trade, values, public contacts."""
    org = playbook.organisation
    out = [f"## {inline(org.name)} {{#organisation}}"]
    if org.sector:
        out.append(f"*{inline(org.sector)}*")
    if org.values:
        out.append("**" + lang("Our values, which every post must reflect:") + "**\n\n"
                   + "\n".join(f"- {inline(value)}" for value in org.values))
    contacts = org.contacts
    if contacts is not None:
        facts = []
        if contacts.website:
            facts.append(fact(lang, lang("Website"), link(contacts.website, contacts.website)))
        if contacts.emails:
            facts.append(fact(lang, lang("E-mail"), ", ".join(mail_link(email) for email in contacts.emails)))
        if contacts.phones:
            facts.append(fact(lang, lang("Phone"), ", ".join(inline(phone) for phone in contacts.phones)))
        if facts:
            out.append("**" + lang("Reaching us:") + "**\n\n" + "\n".join(facts))
    return "\n\n".join(out) + "\n"


def load_schemas() -> dict[str, dict]:
    """Every JSON Schema, in the order of the playbook's files."""
    from linter.playbook.loader import CONCERNS
    from linter.playbook.schema import load_schema, schema_names

    names = schema_names()
    ordered = [concern for concern, _ in CONCERNS if concern in names]
    ordered += [name for name in names if name not in ordered]
    return {name: load_schema(name) for name in ordered}


def render_site(playbook: Playbook, registry: Registry, today: dt.date,
                lang: Language, schemas: Mapping[str, Mapping] | None = None, drafts: Sequence[Draft] = ()) -> Site:
    """Every generated page, feed and snippet, written in ``lang``."""
    schemas = load_schemas() if schemas is None else schemas
    from linter.site.markup import show_date
    from linter.site.pages import crisis_card, glossary, upcoming

    pages = {
        common.OBJECTIVES: objectives.render(playbook, today, lang),
        common.AUDIENCES: channels.render_audiences(playbook, lang),
        common.CHANNELS: channels.render_channels(playbook, lang),
        common.ROLES: roles.render(playbook, today, lang),
        common.COVERAGE: coverage.render(playbook, today, lang),
        common.TONE: tone.render_tone(playbook, lang),
        common.CHARTER: tone.render_charter(playbook, today, lang),
        common.CRISIS: crisis.render(playbook, lang) + "\n" + crisis_card.render(playbook, show_date(lang, today), lang)
        + "\n",
        common.CALENDAR: calendar.render(playbook, today, lang),
        common.RULES: reference.render_rules(registry, lang),
        common.FIELDS: reference.render_fields(schemas, lang),
        glossary.PATH: glossary.render(lang),
        upcoming.PATH: upcoming.render(playbook, drafts, today, lang),
    }
    files = {
        common.FEED_CALENDAR: feeds.publications_ics(playbook, today, lang),
        common.FEED_ROTA: feeds.rota_ics(playbook, today, lang),
    }
    from linter.site.pages import call_now

    snippets = {SNIPPET_ORGANISATION: organisation_snippet(playbook, lang),
                SNIPPET_CALL_NOW: call_now.render(playbook, "index.md", lang)}
    return Site(pages, files, crisis.banner(playbook, lang), snippets, lang)
