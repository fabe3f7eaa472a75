"""PB201 duplicate ids and PB202 references to ids that do not exist.

The playbook's files point at each other by id (an objective names its channels, a crisis phase
its owner profile). A doubled id makes every such pointer ambiguous; an unknown one is a
dangling promise: the site would link nowhere and the checks that follow it would see nobody.
"""

from __future__ import annotations

from collections.abc import Iterator

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import N_, Language
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


def _duplicates(playbook: Playbook, lang: Language) -> Iterator[Finding]:
    crisis, calendar = playbook.crisis, playbook.calendar
    kinds = (
        (N_("objective"), "objectives", playbook.objectives),
        (N_("audience"), "audiences", playbook.audiences),
        (N_("channel"), "channels", playbook.channels),
        (N_("profile"), "roles", playbook.roles.profiles),
        (N_("person"), "roles", playbook.roles.people),
        (N_("crisis level"), "crisis", crisis.levels),
        (N_("crisis phase"), "crisis", crisis.phases),
        (N_("holding statement"), "crisis", crisis.holding_statements),
        (N_("charter rule"), "usage-charter", playbook.charter.rules),
        (N_("calendar event"), "calendar", calendar.events),
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
                lang("the {label} id '{key}' is used twice in {file}: the {label} at line {line} already has it",
                     label=lang(label), key=key, file=file_name(playbook, concern), line=line),
                lang("Ids must be unique: rename one of the two entries, or merge them into one."),
            )


def _references(playbook: Playbook, lang: Language) -> Iterator[tuple[Located, tuple, str, object, str]]:
    """(entity, field path, what the entity is, referenced id, kind of target) for each reference."""
    for objective in playbook.objectives:
        who = lang("the objective '{id}'", id=objective.id)
        if objective.owner is not None:
            yield objective, ("owner",), who, objective.owner, "profile"
        for i, channel in enumerate(objective.channels):
            yield objective, ("channels", i), who, channel, "channel"
        for i, audience in enumerate(objective.audiences):
            yield objective, ("audiences", i), who, audience, "audience"
    for group in playbook.audiences:
        for i, channel in enumerate(group.channels):
            yield group, ("channels", i), lang("the audience '{id}'", id=group.id), channel, "channel"
    for network in playbook.channels:
        for i, audience in enumerate(network.audiences):
            yield network, ("audiences", i), lang("the channel '{id}'", id=network.id), audience, "audience"
    for person in playbook.roles.people:
        for i, role in enumerate(person.roles):
            yield person, ("roles", i), lang("the person '{id}'", id=person.id), role, "profile"
    crisis = playbook.crisis
    for phase in crisis.phases:
        if phase.owner is not None:
            yield phase, ("owner",), lang("the crisis phase '{id}'", id=phase.id), phase.owner, "profile"
    for step in crisis.escalation:
        if step.role:
            yield step, ("role",), lang("the escalation chain"), step.role, "profile"
    status = crisis.status
    if status is not None:
        who = lang("the crisis status")
        for i, channel in enumerate(status.frozen_channels):
            yield status, ("frozen_channels", i), who, channel, "channel"
        if status.lead is not None:
            yield status, ("lead",), who, status.lead, "person"
        if status.level is not None:
            yield status, ("level",), who, status.level, "level"
    for event in playbook.calendar.events:
        who = lang("the calendar event '{id}'", id=event.id)
        for i, channel in enumerate(event.channels):
            yield event, ("channels", i), who, channel, "channel"
        if event.owner is not None:
            yield event, ("owner",), who, event.owner, "profile"


# What a reference names, as a message says it (the article included: languages differ there).
_TARGETS = {"profile": N_("the profile"), "person": N_("the person"), "channel": N_("the channel"),
            "audience": N_("the audience")}


def _unknown(playbook: Playbook, lang: Language) -> Iterator[Finding]:
    targets: dict[str, tuple[set[str | int], str]] = {
        "profile": ({profile.id for profile in playbook.roles.profiles}, "roles"),
        "person": ({person.id for person in playbook.roles.people}, "roles"),
        "channel": ({channel.id for channel in playbook.channels}, "channels"),
        "audience": ({audience.id for audience in playbook.audiences}, "audiences"),
        "level": ({level.id for level in playbook.crisis.levels}, "crisis"),
    }
    for entity, path, who, value, kind in _references(playbook, lang):
        known, concern = targets[kind]
        if value in known:
            continue
        where = file_name(playbook, concern)
        if kind == "level":
            listed = ", ".join(str(level) for level in sorted(known)) or lang("none")
            yield UNKNOWN_REFERENCE.at(
                entity.where(*path),
                lang("{who} is at level {value}, but {file} defines no level {value}", who=who, value=value,
                     file=where),
                lang("Use one of the levels listed under `levels` in {file} ({levels}).", file=where, levels=listed),
            )
            continue
        yield UNKNOWN_REFERENCE.at(
            entity.where(*path),
            lang("{who} names {kind} '{value}', which {file} does not define", who=who, kind=lang(_TARGETS[kind]),
                 value=value, file=where),
            did_you_mean(str(value), known, where, lang),
        )


def check(playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    yield from _duplicates(playbook, ctx.lang)
    yield from _unknown(playbook, ctx.lang)
