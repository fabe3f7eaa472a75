"""The playbook's ids (channels, people, audiences, objectives, profiles): what each one is and
where it is declared, for hover, completion and go-to-definition.

Everything comes from the model the loader built (``linter.playbook.model``): each entity keeps
the position of its ``id`` value, so a declaration is found without reading the YAML again.
"""

from __future__ import annotations

from dataclasses import dataclass

from linter.core.findings import Loc
from linter.playbook.model import Audience, Channel, Located, Objective, Person, Playbook, Profile

KINDS = ("channel", "person", "audience", "objective", "profile")
LABELS = {"channel": "Channel", "person": "Person", "audience": "Audience", "objective": "Objective",
          "profile": "Profile (role)", "kind": "Kind of post"}

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


def entries(playbook: Playbook | None, kind: str) -> list[Entry]:
    """Every id of one kind, in the order of the playbook's files."""
    if playbook is None:
        return []
    items: tuple[Located, ...] = {
        "channel": playbook.channels, "person": playbook.roles.people, "audience": playbook.audiences,
        "objective": playbook.objectives, "profile": playbook.roles.profiles,
    }.get(kind, ())
    return [_entry(kind, item) for item in items if getattr(item, "id", "")]


def find(playbook: Playbook | None, word: str, kind: str | None = None) -> list[Entry]:
    """The entries whose id is ``word``: of one kind, or of any kind when the place says none."""
    kinds = (kind,) if kind in KINDS else KINDS if kind is None else ()
    return [entry for each in kinds for entry in entries(playbook, each) if entry.id == word]


def _entry(kind: str, item: Located) -> Entry:
    identifier = str(getattr(item, "id", ""))
    where = item.where("id")
    if isinstance(item, Channel):
        return Entry(kind, identifier, where, item.label, _channel(item))
    if isinstance(item, Person):
        return Entry(kind, identifier, where, item.name, _lines(
            f"**{item.name}**", _field("Roles", ", ".join(item.roles)), _field("E-mail", item.email),
            _field("Languages", ", ".join(item.languages)), "Intern." if item.intern else None))
    if isinstance(item, Audience):
        return Entry(kind, identifier, where, item.name, _lines(
            f"**{item.name}**", item.description, _field("Expects", "; ".join(item.expectations)),
            _field("Channels", ", ".join(item.channels))))
    if isinstance(item, Objective):
        kpi = item.kpi
        target = f"{kpi.metric}: {kpi.baseline} → {kpi.target}{' ' + kpi.unit if kpi.unit else ''}" \
            + (f" by {kpi.deadline}" if kpi.deadline else "") if kpi is not None and kpi.metric else None
        return Entry(kind, identifier, where, item.title, _lines(
            f"**{item.title}**", item.description, _field("Kind", item.kind), _field("Owner", item.owner),
            _field("Channels", ", ".join(item.channels)), _field("Audiences", ", ".join(item.audiences)),
            _field("KPI", target)))
    if isinstance(item, Profile):
        return Entry(kind, identifier, where, item.name, _lines(
            f"**{item.name}**", item.description, _field("Responsibilities", "; ".join(item.responsibilities))))
    return Entry(kind, identifier, where, identifier, "")


def _channel(channel: Channel) -> str:
    limits = channel.limits
    parts = []
    if limits is not None:
        for value, what in ((limits.max_chars, "characters"), (limits.max_hashtags, "hashtags"),
                            (limits.max_emoji, "emoji"), (limits.max_mentions, "mentions")):
            if value is not None:
                parts.append(f"{value:,} {what}")
    cadence = channel.cadence
    rhythm = None
    if cadence is not None and (cadence.min_per_week is not None or cadence.max_per_week is not None):
        rhythm = f"{cadence.min_per_week or 0} to {cadence.max_per_week or '…'} posts a week"
    return _lines(
        f"**{channel.label}** ({channel.network}, {channel.status})", channel.purpose,
        _field("Brings", channel.added_value), _field("Audiences", ", ".join(channel.audiences)),
        _field("At most", ", ".join(parts)), _field("Rhythm", rhythm), _field("Handle", channel.handle))


def _field(name: str, value: object) -> str | None:
    return f"*{name}:* {value}" if value not in (None, "") else None


def _lines(*parts: str | None) -> str:
    return "\n\n".join(" ".join(part.split()) for part in parts if part)


def describe(entry: Entry) -> str:
    """The hover text of an id: its kind, its id, what it is and where it is declared."""
    where = f"{entry.loc.path.rsplit('/', 1)[-1]}, line {entry.loc.line}"
    return f"{LABELS.get(entry.kind, entry.kind)} `{entry.id}` — {where}\n\n{entry.detail}".rstrip()
