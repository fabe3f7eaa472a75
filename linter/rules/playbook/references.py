"""PB201 duplicate ids and PB202 references to ids that do not exist.

The playbook's files point at each other by id (an objective names its channels, a crisis phase
its owner profile). A doubled id makes every such pointer ambiguous; an unknown one is a
dangling promise: the site would link nowhere and the checks that follow it would see nobody.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.rule import rule
from linter.core.suggest import did_you_mean
from linter.playbook.model import Located, Playbook
from linter.rules.playbook._common import file_name

DUPLICATE_ID = rule(
    "PB201", "duplicate-id", "Two entries of the same kind share an id", Severity.ERROR,
    what="Within each kind of entry (objectives, audiences, channels, profiles, people, crisis levels, "
         "crisis phases, holding statements, charter rules, calendar events) every id must be unique. "
         "The finding is placed on the second entry and names the line of the first.",
    why="Other files point at entries by their id. When two channels are both called `facebook`, nobody "
        "can tell which one an objective or a draft post means, and one of the two silently disappears "
        "from the published playbook.",
    example="""
channels:
  - id: facebook
    network: facebook
    name: Cidrerie du Val sur Facebook
  - id: facebook
    network: instagram
    name: Cidrerie du Val sur Instagram
""",
    fixed="""
channels:
  - id: facebook
    network: facebook
    name: Cidrerie du Val sur Facebook
  - id: instagram
    network: instagram
    name: Cidrerie du Val sur Instagram
""",
    options="None.",
    example_file="channels.yml",
)

UNKNOWN_REFERENCE = rule(
    "PB202", "unknown-reference", "A reference names an id that is not defined", Severity.ERROR,
    what="Every id that one entry uses to point at another must exist: objective owners, channels and "
         "audiences; audience channels; channel audiences; the profiles people hold; crisis phase owners, "
         "escalation roles, frozen channels, the crisis lead and level; calendar event channels and owners. "
         "The finding is placed on the exact list item and suggests the closest existing id.",
    why="The playbook is one document split into files: an objective that counts on a channel nobody "
        "defined, or a crisis phase owned by a profile that does not exist, is a promise no one can keep. "
        "Such references are nearly always typos, caught here before they reach the published site.",
    example="""
objectives:
  - id: notoriete
    title: Faire connaître la cidrerie
    owner: cm-relationnel
    channels: [facebok]
""",
    fixed="""
objectives:
  - id: notoriete
    title: Faire connaître la cidrerie
    owner: cm-relationnel
    channels: [facebook]
""",
    options="None.",
    example_file="objectives.yml",
)

RULES = (DUPLICATE_ID, UNKNOWN_REFERENCE)


def _duplicates(playbook: Playbook) -> Iterator[Finding]:
    crisis, calendar = playbook.crisis, playbook.calendar
    kinds = (
        ("objective", "objectives", playbook.objectives),
        ("audience", "audiences", playbook.audiences),
        ("channel", "channels", playbook.channels),
        ("profile", "roles", playbook.roles.profiles),
        ("person", "roles", playbook.roles.people),
        ("crisis level", "crisis", crisis.levels),
        ("crisis phase", "crisis", crisis.phases),
        ("holding statement", "crisis", crisis.holding_statements),
        ("charter rule", "usage-charter", playbook.charter.rules),
        ("calendar event", "calendar", calendar.events),
    )
    for label, concern, entries in kinds:
        first_seen: dict[object, Located] = {}
        for entry in entries:
            key = entry.id
            if key == "":
                continue
            first = first_seen.setdefault(key, entry)
            if first is entry:
                continue
            line = first.where("id").line
            yield DUPLICATE_ID.at(
                entry.where("id"),
                f"the {label} id '{key}' is used twice in {file_name(playbook, concern)}: "
                f"the {label} at line {line} already has it",
                "Ids must be unique: rename one of the two entries, or merge them into one.",
            )


def _references(playbook: Playbook) -> Iterator[tuple[Located, tuple, str, object, str]]:
    """(entity, field path, what the entity is, referenced id, kind of target) for each reference."""
    for objective in playbook.objectives:
        who = f"the objective '{objective.id}'"
        if objective.owner is not None:
            yield objective, ("owner",), who, objective.owner, "profile"
        for i, channel in enumerate(objective.channels):
            yield objective, ("channels", i), who, channel, "channel"
        for i, audience in enumerate(objective.audiences):
            yield objective, ("audiences", i), who, audience, "audience"
    for group in playbook.audiences:
        for i, channel in enumerate(group.channels):
            yield group, ("channels", i), f"the audience '{group.id}'", channel, "channel"
    for network in playbook.channels:
        for i, audience in enumerate(network.audiences):
            yield network, ("audiences", i), f"the channel '{network.id}'", audience, "audience"
    for person in playbook.roles.people:
        for i, role in enumerate(person.roles):
            yield person, ("roles", i), f"the person '{person.id}'", role, "profile"
    crisis = playbook.crisis
    for phase in crisis.phases:
        if phase.owner is not None:
            yield phase, ("owner",), f"the crisis phase '{phase.id}'", phase.owner, "profile"
    for step in crisis.escalation:
        if step.role:
            yield step, ("role",), "the escalation chain", step.role, "profile"
    status = crisis.status
    if status is not None:
        for i, channel in enumerate(status.frozen_channels):
            yield status, ("frozen_channels", i), "the crisis status", channel, "channel"
        if status.lead is not None:
            yield status, ("lead",), "the crisis status", status.lead, "person"
        if status.level is not None:
            yield status, ("level",), "the crisis status", status.level, "level"
    for event in playbook.calendar.events:
        who = f"the calendar event '{event.id}'"
        for i, channel in enumerate(event.channels):
            yield event, ("channels", i), who, channel, "channel"
        if event.owner is not None:
            yield event, ("owner",), who, event.owner, "profile"


def _unknown(playbook: Playbook) -> Iterator[Finding]:
    targets: dict[str, tuple[set[str | int], str]] = {
        "profile": ({profile.id for profile in playbook.roles.profiles}, "roles"),
        "person": ({person.id for person in playbook.roles.people}, "roles"),
        "channel": ({channel.id for channel in playbook.channels}, "channels"),
        "audience": ({audience.id for audience in playbook.audiences}, "audiences"),
        "level": ({level.id for level in playbook.crisis.levels}, "crisis"),
    }
    for entity, path, who, value, kind in _references(playbook):
        known, concern = targets[kind]
        if value in known:
            continue
        where = file_name(playbook, concern)
        if kind == "level":
            listed = ", ".join(str(level) for level in sorted(known)) or "none"
            yield UNKNOWN_REFERENCE.at(
                entity.where(*path),
                f"{who} is at level {value}, but {where} defines no level {value}",
                f"Use one of the levels listed under `levels` in {where} ({listed}).",
            )
            continue
        yield UNKNOWN_REFERENCE.at(
            entity.where(*path),
            f"{who} names the {kind} '{value}', which {where} does not define",
            did_you_mean(str(value), known, where),
        )


def check(playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    yield from _duplicates(playbook)
    yield from _unknown(playbook)
