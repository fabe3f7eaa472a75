"""The playbook as frozen dataclasses: what the checks, the draft linter and the site read.

Every entity keeps ``loc`` (where it starts) and ``locs`` (where each of its fields was
written, keyed by its field path relative to the entity such as ``("kpi", "target")`` or
``("channels", 1)``, the tuples the YAML reader records), so any consumer can point a
finding at the exact value it is about.
Times are minutes since midnight; weekly hours are minute intervals since Monday 00:00,
which makes coverage a matter of interval arithmetic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from linter.core.findings import FieldPath, Loc

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
PHASES = ("birth", "virality", "propagation", "lassitude", "resolution")
CM_PROFILES = ("transverse", "specialist", "relational", "passionate", "technical", "blogger")
ALWAYS = "always"


@dataclass(frozen=True)
class Located:
    """Base for entities: where the entity starts and where each field was written."""

    loc: Loc
    locs: Mapping[FieldPath, Loc] = field(default_factory=dict, compare=False, repr=False)
    key_locs: Mapping[FieldPath, Loc] = field(default_factory=dict, compare=False, repr=False)
    """Same keys as ``locs`` but the position of the mapping *key* (``phases:``), not its value."""

    def where(self, *parts: str | int) -> Loc:
        """Position of a field (``where("kpi", "target")``), else of the closest parent."""
        path = parts
        while path:
            found = self.locs.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.loc

    def where_key(self, *parts: str | int) -> Loc:
        """Position of the key that introduces a field (``phases:``), else as ``where``."""
        found = self.key_locs.get(parts)
        return found if found is not None else self.where(*parts)

    def wrote(self, *parts: str | int) -> bool:
        """Whether the field was written at all: a field the reader could not use is still written."""
        return parts in self.locs


@dataclass(frozen=True)
class WeeklyHours:
    """Half-open minute intervals ``[start, end)`` since Monday 00:00, sorted and merged."""

    intervals: tuple[tuple[int, int], ...] = ()

    @staticmethod
    def always() -> WeeklyHours:
        return WeeklyHours(((0, MINUTES_PER_WEEK),))

    def minutes(self) -> int:
        return sum(end - start for start, end in self.intervals)

    def contains(self, minute_of_week: int) -> bool:
        return any(start <= minute_of_week < end for start, end in self.intervals)


# -- organisation -------------------------------------------------------------------
@dataclass(frozen=True)
class Contacts(Located):
    """The official ways to reach the company (organisation.yml): the only e-mail addresses and phone
    numbers a post may show."""

    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    website: str | None = None


@dataclass(frozen=True)
class Organisation(Located):
    """Who the company is (organisation.yml): its language and time zone decide how drafts are read and
    in which language the tool speaks; its service hours are named for the channels' response promises."""

    name: str = ""
    sector: str | None = None
    language: str = "fr"
    timezone: str = "Europe/Paris"
    values: tuple[str, ...] = ()
    contacts: Contacts | None = None
    service_hours: Mapping[str, WeeklyHours] = field(default_factory=dict)


# -- objectives and audiences ---------------------------------------------------------
@dataclass(frozen=True)
class KPI(Located):
    """How an objective is measured: from ``baseline`` to ``target`` by ``deadline`` (an objective
    without one cannot be judged)."""

    metric: str | None = None
    baseline: float | None = None
    target: float | None = None
    unit: str | None = None
    deadline: dt.date | None = None


@dataclass(frozen=True)
class Objective(Located):
    """One communication objective (objectives.yml); ``tier`` orders several, as the charter advises
    introducing them in steps."""

    id: str = ""
    title: str = ""
    kind: str | None = None
    tier: int = 1
    owner: str | None = None
    channels: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    description: str | None = None
    kpi: KPI | None = None


@dataclass(frozen=True)
class Audience(Located):
    """One audience segment (audiences.yml): what it expects and where it is, since one account for
    everyone speaks to no one."""

    id: str = ""
    name: str = ""
    description: str | None = None
    expectations: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()


# -- channels ----------------------------------------------------------------------
@dataclass(frozen=True)
class Cadence(Located):
    """How often a channel publishes: a floor and a ceiling per week, and the longest silence allowed."""

    min_per_week: int | None = None
    max_per_week: int | None = None
    max_gap_days: int | None = None


@dataclass(frozen=True)
class Limits(Located):
    """What a network accepts in one post: its length as the network counts it, hashtags, emoji, mentions."""

    max_chars: int | None = None
    url_length: int | None = None
    counting: str | None = None  # how the network counts (linter.drafts.counting); None: the network's own way
    max_hashtags: int | None = None
    max_emoji: int | None = None
    max_mentions: int | None = None


@dataclass(frozen=True)
class Tracking(Located):
    """Whether a channel's links carry campaign parameters, and which."""

    required: bool = False
    params: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResponsePromise(Located):
    """How fast a channel promises to answer, and during which named hours."""

    delay_minutes: int | None = None
    hours: str = ALWAYS


@dataclass(frozen=True)
class Channel(Located):
    """One account on one network (channels.yml): why it exists, for whom, and the limits and promises
    the drafts published there are checked against."""

    id: str = ""
    network: str = "other"
    name: str | None = None
    handle: str | None = None
    url: str | None = None
    status: str = "active"
    purpose: str | None = None
    added_value: str | None = None
    audiences: tuple[str, ...] = ()
    cadence: Cadence | None = None
    limits: Limits | None = None
    tracking: Tracking | None = None
    response: ResponsePromise | None = None
    replies_only: bool = False  # a reviews page: we answer there, we never post of our own accord

    @property
    def label(self) -> str:
        return self.name or self.id

    @property
    def active(self) -> bool:
        return self.status == "active"


# -- roles and people ----------------------------------------------------------------
@dataclass(frozen=True)
class Profile(Located):
    """A role of the team (roles.yml), such as the six community-manager profiles; ``kind`` tells the
    community managers, who post and answer, from the business experts, who support without posting."""

    id: str = ""
    name: str = ""
    kind: str = "community-manager"
    profile: str | None = None
    description: str | None = None
    responsibilities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Absence(Located):
    """A stretch of days (both included) a person is away: holidays and sickness are why a team is needed."""

    start: dt.date | None = None
    end: dt.date | None = None
    reason: str | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start is not None and self.end is not None and self.start <= day <= self.end


@dataclass(frozen=True)
class Person(Located):
    """A member of the team (roles.yml): the roles they hold, when they work and when they are away, which
    decide whether a scheduled post has someone on duty."""

    id: str = ""
    name: str = ""
    roles: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    email: str | None = None
    intern: bool = False
    schedule: WeeklyHours = field(default_factory=WeeklyHours)
    absences: tuple[Absence, ...] = ()
    phone: str | None = None  # how the crisis team reaches the person when on call

    def absent_on(self, day: dt.date) -> bool:
        return any(absence.covers(day) for absence in self.absences)


@dataclass(frozen=True)
class OnCall(Located):
    """An on-call rota: outside their schedule, one of ``people`` (in turn) can be called and act
    within ``delay_minutes`` during ``hours``. Who is on call in a given week is not recorded, so a
    profile counts as reachable only when every person of the rota holds it."""

    id: str = ""
    name: str | None = None
    people: tuple[str, ...] = ()
    hours: WeeklyHours = field(default_factory=WeeklyHours)
    delay_minutes: int | None = None


@dataclass(frozen=True)
class Roles(Located):
    """The team (roles.yml): profiles, people and on-call rotas."""

    profiles: tuple[Profile, ...] = ()
    people: tuple[Person, ...] = ()
    on_call: tuple[OnCall, ...] = ()


# -- tone -------------------------------------------------------------------------------
@dataclass(frozen=True)
class VocabularyEntry(Located):
    """A preferred word and the words it replaces (tone.yml, vocabulary): reported, and replaced by
    ``--fix`` when ``fix`` allows."""

    use: str = ""
    avoid: tuple[str, ...] = ()
    note: str | None = None
    exceptions: tuple[str, ...] = ()  # phrases in which an avoided word is fine ("fournisseur de bouteilles")
    fix: bool = True  # False: reported, never replaced by --fix (the right word depends on the sentence)


@dataclass(frozen=True)
class BannedTerm(Located):
    """A term the charter forbids in any post (tone.yml, banned_terms), with the reason shown to the writer."""

    term: str = ""
    reason: str | None = None
    exceptions: tuple[str, ...] = ()  # phrases in which the term is fine


@dataclass(frozen=True)
class TermList(Located):
    """A named list of terms: a forbidden topic or a competitor."""

    name: str = ""
    terms: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()  # phrases in which its terms are innocent ("l'église de Pacé")


@dataclass(frozen=True)
class GuardedTerms(Located):
    """Words that betray something, and the phrases in which those words mean something else
    ("fête" betrays a party, "fête des pères" is a date)."""

    name: str = ""
    terms: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegulatedProduct(Located):
    """A product family the law frames (cider): a mention every post about it carries, and what
    such a post must never associate it with."""

    name: str = ""
    terms: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    required_mention: str | None = None
    forbidden_associations: tuple[GuardedTerms, ...] = ()


@dataclass(frozen=True)
class Replies(Located):
    """How replies to the community are written: the signature they end with, and the words that show a
    reply answers a complaint."""

    signature: str | None = None  # "{prénom}, pour le Pressoir": the placeholder stands for a first name
    complaint_terms: tuple[str, ...] = ()  # words that show a reply answers a complaint


@dataclass(frozen=True)
class Example(Located):
    """A do / don't pair of the tone guide, shown on the site to teach by example."""

    do: str = ""
    dont: str = ""
    why: str | None = None


@dataclass(frozen=True)
class Tone(Located):
    """The editorial charter (tone.yml): voice, register, typography, vocabulary and the lists of what is
    never written; most draft rules read their options here."""

    voice: str | None = None
    register: str | None = None  # "tu" | "vous" | None
    french_spacing: str = "off"  # "narrow" | "normal" | "off"
    vocabulary: tuple[VocabularyEntry, ...] = ()
    banned_terms: tuple[BannedTerm, ...] = ()
    forbidden_topics: tuple[TermList, ...] = ()
    competitors: tuple[TermList, ...] = ()
    emoji_policy: str = "free"
    hashtag_case: str = "any"
    promo_max_share: float | None = None
    promo_window_days: int = 7
    promo_min_posts: int = 3  # fewer posts in a window say nothing about a share
    reaction_window_minutes: int | None = None
    disclosure_markers: tuple[str, ...] = ()
    require_https: bool = False
    shorteners: tuple[str, ...] = ()
    max_caps_words: int | None = None
    acronyms: tuple[str, ...] = ()
    posting_rules: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    speak_as: str | None = None  # "company": never the first-person singular; "person"; None: not checked
    replies: Replies | None = None
    regulated_products: tuple[RegulatedProduct, ...] = ()
    partnerships: GuardedTerms | None = None  # words that show a partner gave or paid for something


# -- usage charter -------------------------------------------------------------------------
@dataclass(frozen=True)
class CharterRule(Located):
    """One rule of the staff usage charter (usage-charter.yml): what to do and not to do, and why (a
    vague rule cannot be defended)."""

    id: str = ""
    title: str = ""
    do: tuple[str, ...] = ()
    dont: tuple[str, ...] = ()
    rationale: str | None = None


@dataclass(frozen=True)
class SensitiveSubject(Located):
    """A subject of the usage charter nobody talks about, with the words that betray it;
    ``until``: the day it stops being secret (results once published)."""

    subject: str = ""
    terms: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    until: dt.date | None = None


@dataclass(frozen=True)
class UsageCharter(Located):
    """The usage charter every employee follows (usage-charter.yml), with when it was last reviewed: a
    charter that is not kept up to date is flagged."""

    version: str | None = None
    last_reviewed: dt.date | None = None
    review_interval_months: int | None = None
    written_with: tuple[str, ...] = ()
    sensitive_subjects: tuple[str, ...] = ()
    subjects: tuple[SensitiveSubject, ...] = ()  # the same subjects, with their words when given
    rules: tuple[CharterRule, ...] = ()

    @property
    def next_review(self) -> dt.date | None:
        if self.last_reviewed is None or self.review_interval_months is None:
            return None
        from dateutil.relativedelta import relativedelta

        return self.last_reviewed + relativedelta(months=self.review_interval_months)


# -- crisis ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Level(Located):
    """A crisis severity level (crisis.yml) and the criteria that name it."""

    id: int = 1
    name: str = ""
    criteria: tuple[str, ...] = ()


@dataclass(frozen=True)
class Phase(Located):
    """A phase of a crisis (birth, virality, propagation, lassitude, resolution): its signals, its actions,
    who owns them and how fast they must start."""

    id: str = ""
    name: str = ""
    description: str | None = None
    signals: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    owner: str | None = None
    max_delay_minutes: int | None = None


@dataclass(frozen=True)
class EscalationStep(Located):
    """Who is called next as a crisis grows, when, and during which hours they promise to act."""

    role: str = ""
    when: str | None = None
    hours: str | None = None  # when this step promises to act: service hours' name or "always"


@dataclass(frozen=True)
class HoldingStatement(Located):
    """A statement written before any crisis, ready to publish while the facts are checked."""

    id: str = ""
    language: str = "fr"
    title: str | None = None
    text: str = ""


@dataclass(frozen=True)
class CrisisStatus(Located):
    """Whether a crisis is under way now: while it is, the frozen channels take no scheduled post."""

    active: bool = False
    level: int | None = None
    started_at: dt.datetime | None = None
    frozen_channels: tuple[str, ...] = ()
    lead: str | None = None
    summary: str | None = None


@dataclass(frozen=True)
class Crisis(Located):
    """The crisis procedure (crisis.yml): levels, phases, escalation and holding statements, and the
    current status."""

    levels: tuple[Level, ...] = ()
    phases: tuple[Phase, ...] = ()
    escalation: tuple[EscalationStep, ...] = ()
    holding_statements: tuple[HoldingStatement, ...] = ()
    status: CrisisStatus | None = None


# -- calendar -----------------------------------------------------------------------------
@dataclass(frozen=True)
class CalendarEvent(Located):
    """A date of the publication calendar (calendar.yml), one-off or recurring; posts of its ``kind``
    come no earlier than ``publish_from_minutes`` before it."""

    id: str = ""
    title: str = ""
    date: dt.date | None = None
    start: dt.date | None = None
    recurrence: str | None = None
    channels: tuple[str, ...] = ()
    theme: str | None = None
    owner: str | None = None
    kind: str | None = None
    publish_from_minutes: int | None = None  # posts of its kind come at the earliest this long before


@dataclass(frozen=True)
class Calendar(Located):
    """The annual publication calendar (calendar.yml): important and recurring publications prepared ahead."""

    events: tuple[CalendarEvent, ...] = ()


# -- values the build could not use ----------------------------------------------------------
@dataclass(frozen=True)
class ValueIssue:
    """A value the schema let through but the build could not use (``25:00``, an unknown zone).

    The build parses each value once; instead of raising it records the problem here and builds
    with what is usable, and a playbook check turns the issue into a finding. ``kind`` is one of
    ``time``, ``time-order``, ``overlap``, ``day``, ``timezone``, ``date``, ``datetime``,
    ``duration``, ``rrule``.
    """

    loc: Loc
    kind: str
    value: str
    detail: str
    subject: str = ""  # what the value belongs to, for messages: "Léa's schedule"
    choices: tuple[str, ...] = ()  # valid values close to this one, for a did-you-mean


# -- the whole playbook ---------------------------------------------------------------------
@dataclass(frozen=True)
class Playbook:
    """The whole playbook as the rules read it: one typed, immutable view of the YAML files, with the
    position of every value kept in each entity (``Located``)."""

    root: str
    organisation: Organisation
    objectives: tuple[Objective, ...]
    audiences: tuple[Audience, ...]
    channels: tuple[Channel, ...]
    roles: Roles
    tone: Tone
    charter: UsageCharter
    crisis: Crisis
    calendar: Calendar
    files: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Concern name ("channels") -> path of the file it came from, as given."""
    issues: tuple[ValueIssue, ...] = field(default=(), compare=False, repr=False)
    """Values the build could not use; reported by the PB212/PB215 checks."""

    def channel(self, channel_id: str) -> Channel | None:
        return next((channel for channel in self.channels if channel.id == channel_id), None)

    def person(self, person_id: str) -> Person | None:
        return next((person for person in self.roles.people if person.id == person_id), None)

    def profile(self, profile_id: str) -> Profile | None:
        return next((profile for profile in self.roles.profiles if profile.id == profile_id), None)

    def objective(self, objective_id: str) -> Objective | None:
        return next((objective for objective in self.objectives if objective.id == objective_id), None)

    def audience(self, audience_id: str) -> Audience | None:
        return next((audience for audience in self.audiences if audience.id == audience_id), None)

    def people_with_role(self, role_id: str) -> tuple[Person, ...]:
        return tuple(person for person in self.roles.people if role_id in person.roles)

    def hours(self, name: str) -> WeeklyHours | None:
        """A named set of service hours; ``always`` is built in."""
        if name == ALWAYS:
            return WeeklyHours.always()
        return self.organisation.service_hours.get(name)
