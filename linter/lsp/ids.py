"""The playbook's ids (channels, people, audiences, objectives, profiles): what each one is and
where it is declared, for hover, completion and go-to-definition.

Everything comes from the model the loader built (``linter.playbook.model``): each entity keeps
the position of its ``id`` value, so a declaration is found without reading the YAML again.
"""

from __future__ import annotations

from dataclasses import dataclass

from linter.core.findings import Loc
from linter.core.i18n import N_, Language
from linter.playbook.model import Audience, Channel, Located, Objective, Person, Playbook, Profile

KINDS = ("channel", "person", "audience", "objective", "profile")
LABELS = {"channel": N_("Channel"), "person": N_("Person"), "audience": N_("Audience"), "objective": N_("Objective"),
          "profile": N_("Profile (role)"), "kind": N_("Kind of post")}

POST_KINDS = ("information", "promo", "event", "recruitment", "reply", "crisis")
"""The kinds of post the front matter's hint names (``promo`` is what the promotion share counts);
the kinds the queue's drafts already use are offered too."""


@dataclass(frozen=True)
class Entry:
    """One id of the playbook: its kind, where its ``id`` is written, and a few words on it."""

    kind: str
    id: str
    loc: Loc
    title: str
    detail: str
    """Markdown: what the entity is, from the YAML."""


def entries(playbook: Playbook | None, kind: str, lang: Language | None = None) -> list[Entry]:
    """Every id of one kind, in the order of the playbook's files."""
    if playbook is None:
        return []
    lang = lang or Language()
    items: tuple[Located, ...] = {
        "channel": playbook.channels, "person": playbook.roles.people, "audience": playbook.audiences,
        "objective": playbook.objectives, "profile": playbook.roles.profiles,
    }.get(kind, ())
    return [_entry(kind, item, lang) for item in items if getattr(item, "id", "")]


def find(playbook: Playbook | None, word: str, kind: str | None = None, lang: Language | None = None) -> list[Entry]:
    """The entries whose id is ``word``: of one kind, or of any kind when the place says none."""
    kinds = (kind,) if kind in KINDS else KINDS if kind is None else ()
    return [entry for each in kinds for entry in entries(playbook, each, lang) if entry.id == word]


def _entry(kind: str, item: Located, lang: Language) -> Entry:
    identifier = str(getattr(item, "id", ""))
    where = item.where("id")

    def field(name: str, value: object) -> str | None:
        return _field(lang(name), value, lang)

    if isinstance(item, Channel):
        return Entry(kind, identifier, where, item.label, _channel(item, lang))
    if isinstance(item, Person):
        return Entry(kind, identifier, where, item.name, _lines(
            f"**{item.name}**", field(N_("Roles"), ", ".join(item.roles)), field(N_("E-mail"), item.email),
            field(N_("Languages"), ", ".join(item.languages)), lang("Intern.") if item.intern else None))
    if isinstance(item, Audience):
        return Entry(kind, identifier, where, item.name, _lines(
            f"**{item.name}**", item.description, field(N_("Expects"), "; ".join(item.expectations)),
            field(N_("Channels"), ", ".join(item.channels))))
    if isinstance(item, Objective):
        kpi = item.kpi
        target = None
        if kpi is not None and kpi.metric:
            target = f"{kpi.metric}: {kpi.baseline} → {kpi.target}{' ' + kpi.unit if kpi.unit else ''}"
            if kpi.deadline:
                target = lang("{target} by {deadline}", target=target, deadline=lang.date(kpi.deadline))
        return Entry(kind, identifier, where, item.title, _lines(
            f"**{item.title}**", item.description, field(N_("Kind"), item.kind), field(N_("Owner"), item.owner),
            field(N_("Channels"), ", ".join(item.channels)), field(N_("Audiences"), ", ".join(item.audiences)),
            field(N_("KPI"), target)))
    if isinstance(item, Profile):
        return Entry(kind, identifier, where, item.name, _lines(
            f"**{item.name}**", item.description,
            field(N_("Responsibilities"), "; ".join(item.responsibilities))))
    return Entry(kind, identifier, where, identifier, "")


def _channel(channel: Channel, lang: Language) -> str:
    limits = channel.limits
    parts = []
    if limits is not None:
        for value, what in ((limits.max_chars, N_("{count} characters")), (limits.max_hashtags, N_("{count} hashtags")),
                            (limits.max_emoji, N_("{count} emoji")), (limits.max_mentions, N_("{count} mentions"))):
            if value is not None:
                parts.append(lang(what, count=lang.number(value)))
    cadence = channel.cadence
    rhythm = None
    if cadence is not None and (cadence.min_per_week is not None or cadence.max_per_week is not None):
        rhythm = lang("{least} to {most} posts a week", least=cadence.min_per_week or 0,
                      most=cadence.max_per_week or "…")
    return _lines(
        f"**{channel.label}** ({channel.network}, {channel.status})", channel.purpose,
        _field(lang("Brings"), channel.added_value, lang),
        _field(lang("Audiences"), ", ".join(channel.audiences), lang),
        _field(lang("At most"), ", ".join(parts), lang), _field(lang("Rhythm"), rhythm, lang),
        _field(lang("Handle"), channel.handle, lang))


def _field(name: str, value: object, lang: Language) -> str | None:
    """``*Name:* value`` (``*Nom :* valeur``), nothing when there is no value."""
    return lang("*{label}:* {text}", label=name, text=value) if value not in (None, "") else None


def _lines(*parts: str | None) -> str:
    return "\n\n".join(" ".join(part.split()) for part in parts if part)


def describe(entry: Entry, lang: Language | None = None) -> str:
    """The hover text of an id: its kind, its id, what it is and where it is declared."""
    lang = lang or Language()
    where = lang("{file}, line {line}", file=entry.loc.path.rsplit("/", 1)[-1], line=entry.loc.line)
    kind = lang(LABELS[entry.kind]) if entry.kind in LABELS else entry.kind
    return f"{kind} `{entry.id}` — {where}\n\n{entry.detail}".rstrip()
