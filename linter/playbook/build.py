"""Turn the schema-checked YAML documents into the frozen ``Playbook`` the checks read.

Why a separate build step: the schema guarantees types, not meaning. Here every value is
parsed exactly once (dates, durations, weekly hours, time zones, recurrence rules) and every
entity learns where it was written. A value the schema cannot judge (``25:00``, an unknown time
zone, a time range that ends before it starts) never raises: the build keeps what is usable and
records a ``ValueIssue`` that a playbook check reports with its position.

The parsing helpers live in ``linter.playbook.values`` so that other consumers (the draft queue, the
site's calendar) parse values the same way.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, overload

from linter.core.findings import FieldPath, Loc
from linter.core.i18n import Language
from linter.playbook.model import (
    ALWAYS,
    DAYS,
    KPI,
    MINUTES_PER_DAY,
    Absence,
    Audience,
    BannedTerm,
    Cadence,
    Calendar,
    CalendarEvent,
    Channel,
    CharterRule,
    Contacts,
    Crisis,
    CrisisStatus,
    EscalationStep,
    Example,
    GuardedTerms,
    HoldingStatement,
    Level,
    Limits,
    Objective,
    OnCall,
    Organisation,
    Person,
    Phase,
    Playbook,
    Profile,
    RegulatedProduct,
    Replies,
    ResponsePromise,
    Roles,
    SensitiveSubject,
    TermList,
    Tone,
    Tracking,
    UsageCharter,
    ValueIssue,
    VocabularyEntry,
    WeeklyHours,
)
from linter.playbook.source import Document
from linter.playbook.values import (
    FIRST_YEAR,
    LAST_YEAR,
    merge_intervals,
    outside_years,
    parse_date,
    parse_datetime,
    parse_duration,
    parse_range,
    parse_rrule,
    too_long,
    zone,
    zone_choices,
)

__all__ = ["build_playbook"]


# -- positions -----------------------------------------------------------------------------
class _Positions:
    """Every position of one document grouped under each mapping that contains it.

    Built in one pass over ``doc.positions`` (and ``doc.key_positions``): each position is filed
    under its mapping ancestors only, so the cost is linear in the file's size times its depth,
    which the schema bounds.
    """

    def __init__(self, doc: Document):
        self.doc = doc
        owners = _mapping_paths(doc.data)
        self.values: dict[FieldPath, dict[FieldPath, Loc]] = {path: {} for path in owners}
        self.keys: dict[FieldPath, dict[FieldPath, Loc]] = {path: {} for path in owners}
        for source, target in ((doc.positions, self.values), (doc.key_positions, self.keys)):
            for path, loc in source.items():
                for cut in range(len(path)):
                    bucket = target.get(path[:cut])
                    if bucket is not None:
                        bucket[path[cut:]] = loc

    def loc(self, path: FieldPath) -> Loc:
        return self.doc.loc(*path)

    def of(self, path: FieldPath) -> dict:
        """Keyword arguments ``loc``, ``locs``, ``key_locs`` for the entity at ``path``."""
        return {"loc": self.doc.loc(*path), "locs": self.values.get(path, {}), "key_locs": self.keys.get(path, {})}


def _mapping_paths(data: object) -> set[FieldPath]:
    paths: set[FieldPath] = set()
    stack: list[tuple[FieldPath, object]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            paths.add(path)
            stack.extend((path + (key,), child) for key, child in value.items())
        elif isinstance(value, list):
            stack.extend((path + (index,), child) for index, child in enumerate(value))
    return paths


# -- small readers (the schema already checked types; stay lenient anyway) ------------------
def _map(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


@overload
def _str(value: object) -> str | None: ...
@overload
def _str(value: object, default: str) -> str: ...
@overload
def _str(value: object, default: str | None) -> str | None: ...


def _str(value: object, default: str | None = None) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return default
    return str(value)


def _strs(value: object) -> tuple[str, ...]:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return (str(value),)
    return tuple(str(item) for item in _list(value) if item is not None and not isinstance(item, (dict, list)))


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def _bool(value: object, default: bool = False) -> bool:
    return value if isinstance(value, bool) else default


# -- the builder -------------------------------------------------------------------------------
@dataclass
class _Build:
    """State of one build: the documents, their position indexes and the issues found."""

    root: str
    documents: Mapping[str, Document]
    issues: list[ValueIssue] = field(default_factory=list)
    tz: dt.tzinfo = dt.UTC
    positions: dict[str, _Positions] = field(default_factory=dict)
    lang: Language = field(default_factory=Language)
    """The language of the issues' subjects and details (they become findings' messages)."""

    def doc(self, concern: str) -> Document:
        found = self.documents.get(concern)
        if found is None:
            found = Document(os.path.join(self.root, f"{concern}.yml"), "", {}, {}, {})
        return found

    def index(self, concern: str) -> _Positions:
        if concern not in self.positions:
            self.positions[concern] = _Positions(self.doc(concern))
        return self.positions[concern]

    def data(self, concern: str) -> dict:
        return _map(self.doc(concern).data)

    def issue(self, loc: Loc, kind: str, value: object, detail: str, subject: str = "",
              choices: tuple[str, ...] = ()) -> None:
        self.issues.append(ValueIssue(loc, kind, "" if value is None else str(value), detail, subject, choices))

    # -- typed readers that record what they cannot use -------------------------------------
    def date(self, concern: str, path: tuple, value: object, subject: str) -> dt.date | None:
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.issue(self.index(concern).loc(path), "date", value, self._year_detail(value) or
                       self.lang("a date is written as year-month-day, like 2027-06-30"), subject)
        return parsed

    def _year_detail(self, value: object) -> str | None:
        """Why a well-formed date is refused: its year (9999-12-31 plus a day overflows the calendar)."""
        if not outside_years(value):
            return None
        return self.lang("the year must be between {first} and {last}", first=FIRST_YEAR, last=LAST_YEAR)

    def datetime(self, concern: str, path: tuple, value: object, subject: str) -> dt.datetime | None:
        if value is None:
            return None
        parsed = parse_datetime(value, self.tz)
        if parsed is None:
            self.issue(self.index(concern).loc(path), "datetime", value, self._year_detail(value) or
                       self.lang("a date and time is written like 2027-06-30T14:30 (optionally with +02:00)"), subject)
        return parsed

    def duration(self, concern: str, path: tuple, value: object, subject: str) -> int | None:
        if value is None:
            return None
        parsed = parse_duration(value)
        if parsed is None:
            detail = self.lang("a duration longer than a year cannot be used") if too_long(value) else \
                self.lang("a duration is a number followed by min, h or d, like 30min, 2h or 1d")
            self.issue(self.index(concern).loc(path), "duration", value, detail, subject)
        return parsed

    def weekly(self, concern: str, path: tuple, value: object, subject: str, overlaps: bool) -> WeeklyHours:
        """A schedule ``{mon: ["09:00-12:30"], ...}`` as merged minutes since Monday 00:00."""
        index = self.index(concern)
        intervals: list[tuple[int, int]] = []
        for day, ranges in _map(value).items():
            if day not in DAYS:
                self.issue(self.doc(concern).key_loc(*path, day), "day", day,
                           self.lang("days are written mon, tue, wed, thu, fri, sat, sun"), subject,
                           tuple(difflib.get_close_matches(str(day).lower(), DAYS, n=1, cutoff=0.5)))
                continue
            offset = DAYS.index(day) * MINUTES_PER_DAY
            items = [ranges] if isinstance(ranges, str) else _list(ranges)
            usable: list[tuple[int, int, int]] = []
            for position, text in enumerate(items):
                item_path = path + (day,) if isinstance(ranges, str) else path + (day, position)
                parsed, problem = parse_range(text, self.lang)
                if problem == "order" and parsed is not None:
                    self.issue(index.loc(item_path), "time-order", text,
                               self.lang("{end} is not after {start}", end=_hhmm(parsed[1]), start=_hhmm(parsed[0])),
                               self._on_day(subject, day))
                elif problem is not None:
                    self.issue(index.loc(item_path), "time", text, problem, self._on_day(subject, day))
                elif parsed is not None:  # always, without a problem
                    usable.append((parsed[0], parsed[1], position))
            if overlaps:
                self._overlaps(index, path + (day,), usable, items, subject, day)
            intervals.extend((offset + start, offset + end) for start, end, _ in usable)
        return WeeklyHours(merge_intervals(intervals))

    def _on_day(self, subject: str, day: str) -> str:
        """``the service hours 'standard' on Monday``: written only for a problem (a weekday's name costs Babel)."""
        return self.lang("{subject} on {day}", subject=subject, day=self.lang.weekday(DAYS.index(day)))

    def _overlaps(self, index: _Positions, day_path: tuple, usable: list, items: list, subject: str, day: str) -> None:
        latest: tuple[int, int, int] | None = None
        for start, end, position in sorted(usable):
            if latest is not None and start < latest[1]:
                later = max(position, latest[2])
                other = latest[2] if later == position else position
                self.issue(index.loc(day_path + (later,)), "overlap", items[later],
                           self.lang("overlaps '{other}'", other=items[other]), self._on_day(subject, day))
            if latest is None or end > latest[1]:
                latest = (start, end, position)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# -- one function per file ----------------------------------------------------------------------
def _organisation(b: _Build) -> Organisation:
    data, index = b.data("organisation"), b.index("organisation")
    tz_name = _str(data.get("timezone"), "Europe/Paris")
    found = zone(tz_name)
    if found is None:
        b.issue(index.loc(("timezone",)), "timezone", tz_name, b.lang("it is not a time zone of the IANA database"),
                b.lang("the organisation's time zone"), zone_choices(tz_name or ""))
    else:
        b.tz = found
    contacts = None
    if isinstance(data.get("contacts"), dict):
        raw = data["contacts"]
        contacts = Contacts(**index.of(("contacts",)), emails=_strs(raw.get("emails")),
                            phones=_strs(raw.get("phones")), website=_str(raw.get("website")))
    hours = {
        str(name): b.weekly("organisation", ("service_hours", name), week,
                            b.lang("the service hours '{name}'", name=name), False)
        for name, week in _map(data.get("service_hours")).items()
    }
    return Organisation(
        **index.of(()), name=_str(data.get("name"), ""), sector=_str(data.get("sector")),
        language=_str(data.get("language"), "fr"), timezone=tz_name, values=_strs(data.get("values")),
        contacts=contacts, service_hours=hours,
    )


def _objectives(b: _Build) -> tuple[Objective, ...]:
    index, result = b.index("objectives"), []
    for i, raw in enumerate(_list(b.data("objectives").get("objectives"))):
        if not isinstance(raw, dict):
            continue
        path = ("objectives", i)
        kpi = None
        if isinstance(raw.get("kpi"), dict):
            k = raw["kpi"]
            kpi = KPI(**index.of(path + ("kpi",)), metric=_str(k.get("metric")), baseline=_number(k.get("baseline")),
                      target=_number(k.get("target")), unit=_str(k.get("unit")),
                      deadline=b.date("objectives", path + ("kpi", "deadline"), k.get("deadline"),
                                      b.lang("the deadline of the objective '{id}'", id=raw.get("id"))))
        tier = _int(raw.get("tier"))
        result.append(Objective(
            **index.of(path), id=_str(raw.get("id"), ""), title=_str(raw.get("title"), ""), kind=_str(raw.get("kind")),
            tier=1 if tier is None else tier, owner=_str(raw.get("owner")), channels=_strs(raw.get("channels")),
            audiences=_strs(raw.get("audiences")), description=_str(raw.get("description")), kpi=kpi,
        ))
    return tuple(result)


def _audiences(b: _Build) -> tuple[Audience, ...]:
    index = b.index("audiences")
    return tuple(
        Audience(**index.of(("audiences", i)), id=_str(raw.get("id"), ""), name=_str(raw.get("name"), ""),
                 description=_str(raw.get("description")), expectations=_strs(raw.get("expectations")),
                 channels=_strs(raw.get("channels")))
        for i, raw in enumerate(_list(b.data("audiences").get("audiences"))) if isinstance(raw, dict)
    )


def _channels(b: _Build) -> tuple[Channel, ...]:
    index, result = b.index("channels"), []
    for i, raw in enumerate(_list(b.data("channels").get("channels"))):
        if not isinstance(raw, dict):
            continue
        path = ("channels", i)
        cid = _str(raw.get("id"), "")

        def part(key: str, build: Callable[..., Any], path: tuple[Any, ...] = path,
                 raw: dict[str, Any] = raw) -> Any:  # bound now: called within this iteration only
            return build(index.of(path + (key,)), raw[key]) if isinstance(raw.get(key), dict) else None

        result.append(Channel(
            **index.of(path), id=cid, network=_str(raw.get("network"), "other"), name=_str(raw.get("name")),
            handle=_str(raw.get("handle")), url=_str(raw.get("url")), status=_str(raw.get("status"), "active"),
            purpose=_str(raw.get("purpose")), added_value=_str(raw.get("added_value")),
            audiences=_strs(raw.get("audiences")),
            cadence=part("cadence", lambda at, c: Cadence(
                **at, min_per_week=_int(c.get("min_per_week")), max_per_week=_int(c.get("max_per_week")),
                max_gap_days=_int(c.get("max_gap_days")))),
            limits=part("limits", lambda at, c: Limits(
                **at, max_chars=_int(c.get("max_chars")), url_length=_int(c.get("url_length")),
                counting=_str(c.get("counting")),
                max_hashtags=_int(c.get("max_hashtags")), max_emoji=_int(c.get("max_emoji")),
                max_mentions=_int(c.get("max_mentions")))),
            tracking=part("tracking", lambda at, c: Tracking(
                **at, required=_bool(c.get("required")), params=_strs(c.get("params")))),
            response=part("response", lambda at, c, path=path, cid=cid: ResponsePromise(
                **at, delay_minutes=b.duration("channels", path + ("response", "delay"), c.get("delay"),
                                               b.lang("the response delay of the channel '{id}'", id=cid)),
                hours=_str(c.get("hours"), ALWAYS))),
            replies_only=_bool(raw.get("replies_only")),
        ))
    return tuple(result)


def _roles(b: _Build) -> Roles:
    data, index = b.data("roles"), b.index("roles")
    profiles = tuple(
        Profile(**index.of(("profiles", i)), id=_str(raw.get("id"), ""), name=_str(raw.get("name"), ""),
                kind=_str(raw.get("kind"), "community-manager"), profile=_str(raw.get("profile")),
                description=_str(raw.get("description")), responsibilities=_strs(raw.get("responsibilities")))
        for i, raw in enumerate(_list(data.get("profiles"))) if isinstance(raw, dict)
    )
    people = []
    for i, raw in enumerate(_list(data.get("people"))):
        if not isinstance(raw, dict):
            continue
        path = ("people", i)
        pid = _str(raw.get("id"), "")
        who = f"{raw.get('name')} ({pid})" if raw.get("name") else b.lang.quoted(pid)
        absent = b.lang("an absence of {person}", person=who)
        absences = tuple(
            Absence(**index.of(path + ("absences", j)),
                    start=b.date("roles", path + ("absences", j, "from"), item.get("from"), absent),
                    end=b.date("roles", path + ("absences", j, "to"), item.get("to"), absent),
                    reason=_str(item.get("reason")))
            for j, item in enumerate(_list(raw.get("absences"))) if isinstance(item, dict)
        )
        people.append(Person(
            **index.of(path), id=pid, name=_str(raw.get("name"), ""), roles=_strs(raw.get("roles")),
            languages=_strs(raw.get("languages")), email=_str(raw.get("email")), intern=_bool(raw.get("intern")),
            schedule=b.weekly("roles", path + ("schedule",), raw.get("schedule"),
                              b.lang("the schedule of {person}", person=who), True),
            absences=absences, phone=_str(raw.get("phone")),
        ))
    return Roles(**index.of(()), profiles=profiles, people=tuple(people), on_call=_on_call(b, data))


def _on_call(b: _Build, data: dict) -> tuple[OnCall, ...]:
    index, rotas = b.index("roles"), []
    for i, raw in enumerate(_list(data.get("on_call"))):
        if not isinstance(raw, dict):
            continue
        path = ("on_call", i)
        rota = raw.get("id") or i + 1
        rotas.append(OnCall(
            **index.of(path), id=_str(raw.get("id"), ""), name=_str(raw.get("name")), people=_strs(raw.get("people")),
            hours=b.weekly("roles", path + ("hours",), raw.get("hours"),
                           b.lang("the hours of the on-call rota '{rota}'", rota=rota), True),
            delay_minutes=b.duration("roles", path + ("delay",), raw.get("delay"),
                                     b.lang("the delay of the on-call rota '{rota}'", rota=rota))))
    return tuple(rotas)


def _term_lists(index: _Positions, key: str, items: object) -> tuple[TermList, ...]:
    return tuple(
        TermList(**index.of((key, i)), name=_str(raw.get("name"), ""), terms=_strs(raw.get("terms")),
                 exceptions=_strs(raw.get("exceptions")))
        for i, raw in enumerate(_list(items)) if isinstance(raw, dict)
    )


def _guarded(index: _Positions, path: tuple, raw: dict) -> GuardedTerms:
    return GuardedTerms(**index.of(path), name=_str(raw.get("name"), ""), terms=_strs(raw.get("terms")),
                        exceptions=_strs(raw.get("exceptions")))


def _products(index: _Positions, items: object) -> tuple[RegulatedProduct, ...]:
    return tuple(
        RegulatedProduct(
            **index.of(("regulated_products", i)), name=_str(raw.get("name"), ""), terms=_strs(raw.get("terms")),
            exceptions=_strs(raw.get("exceptions")), required_mention=_str(raw.get("required_mention")),
            forbidden_associations=tuple(
                _guarded(index, ("regulated_products", i, "forbidden_associations", j), item)
                for j, item in enumerate(_list(raw.get("forbidden_associations"))) if isinstance(item, dict)))
        for i, raw in enumerate(_list(items)) if isinstance(raw, dict)
    )


def _tone(b: _Build) -> Tone:
    data, index = b.data("tone"), b.index("tone")
    promotion, links, shouting = _map(data.get("promotion")), _map(data.get("links")), _map(data.get("shouting"))
    window = _int(promotion.get("window_days"))
    min_posts = _int(promotion.get("min_posts"))
    replies = _map(data.get("replies"))
    banned = []
    for i, raw in enumerate(_list(data.get("banned_terms"))):
        if isinstance(raw, dict):
            banned.append(BannedTerm(**index.of(("banned_terms", i)), term=_str(raw.get("term"), ""),
                                     reason=_str(raw.get("reason")), exceptions=_strs(raw.get("exceptions"))))
        elif isinstance(raw, str):
            banned.append(BannedTerm(loc=index.loc(("banned_terms", i)), term=raw))
    return Tone(
        **index.of(()), voice=_str(data.get("voice")), register=_str(data.get("register")),
        french_spacing=_str(_map(data.get("typography")).get("french_spacing"), "off"),
        vocabulary=tuple(
            VocabularyEntry(**index.of(("vocabulary", i)), use=_str(raw.get("use"), ""), avoid=_strs(raw.get("avoid")),
                            note=_str(raw.get("note")), exceptions=_strs(raw.get("exceptions")),
                            fix=_bool(raw.get("fix"), True))
            for i, raw in enumerate(_list(data.get("vocabulary"))) if isinstance(raw, dict)
        ),
        banned_terms=tuple(banned),
        forbidden_topics=_term_lists(index, "forbidden_topics", data.get("forbidden_topics")),
        competitors=_term_lists(index, "competitors", data.get("competitors")),
        emoji_policy=_str(_map(data.get("emoji")).get("policy"), "free"),
        hashtag_case=_str(_map(data.get("hashtags")).get("case"), "any"),
        promo_max_share=_number(promotion.get("max_share")),
        promo_window_days=7 if window is None else window,
        promo_min_posts=3 if min_posts is None else min_posts,
        reaction_window_minutes=b.duration("tone", ("reaction_window",), data.get("reaction_window"),
                                           b.lang("the reaction window")),
        disclosure_markers=_strs(data.get("disclosure_markers")),
        require_https=_bool(links.get("require_https")), shorteners=_strs(links.get("shorteners")),
        max_caps_words=_int(shouting.get("max_caps_words")), acronyms=_strs(shouting.get("acronyms")),
        posting_rules=_strs(data.get("posting_rules")),
        examples=tuple(
            Example(**index.of(("examples", i)), do=_str(raw.get("do"), ""), dont=_str(raw.get("dont"), ""),
                    why=_str(raw.get("why")))
            for i, raw in enumerate(_list(data.get("examples"))) if isinstance(raw, dict)
        ),
        speak_as=_str(data.get("speak_as")),
        replies=Replies(**index.of(("replies",)), signature=_str(replies.get("signature")),
                        complaint_terms=_strs(replies.get("complaint_terms"))) if replies else None,
        regulated_products=_products(index, data.get("regulated_products")),
        partnerships=_guarded(index, ("partnerships",), data["partnerships"])
        if isinstance(data.get("partnerships"), dict) else None,
    )


def _charter(b: _Build) -> UsageCharter:
    data, index = b.data("usage-charter"), b.index("usage-charter")
    subjects = _subjects(b, index, data.get("sensitive_subjects"))
    return UsageCharter(
        **index.of(()), version=_str(data.get("version")),
        last_reviewed=b.date("usage-charter", ("last_reviewed",), data.get("last_reviewed"),
                             b.lang("the date of the usage charter's last review")),
        review_interval_months=_int(data.get("review_interval_months")),
        written_with=_strs(data.get("written_with")),
        sensitive_subjects=tuple(subject.subject for subject in subjects), subjects=subjects,
        rules=tuple(
            CharterRule(**index.of(("rules", i)), id=_str(raw.get("id"), ""), title=_str(raw.get("title"), ""),
                        do=_strs(raw.get("do")), dont=_strs(raw.get("dont")), rationale=_str(raw.get("rationale")))
            for i, raw in enumerate(_list(data.get("rules"))) if isinstance(raw, dict)
        ),
    )


def _subjects(b: _Build, index: _Positions, items: object) -> tuple[SensitiveSubject, ...]:
    """Each sensitive subject, written as a sentence or as ``{subject, terms, exceptions, until}``."""
    subjects = []
    for i, raw in enumerate(_list(items)):
        path = ("sensitive_subjects", i)
        if isinstance(raw, dict):
            subjects.append(SensitiveSubject(
                **index.of(path), subject=_str(raw.get("subject"), ""), terms=_strs(raw.get("terms")),
                exceptions=_strs(raw.get("exceptions")),
                until=b.date("usage-charter", path + ("until",), raw.get("until"),
                             b.lang("the end of a sensitive subject"))))
        elif raw is not None and not isinstance(raw, list):
            subjects.append(SensitiveSubject(loc=index.loc(path), subject=str(raw)))
    return tuple(subjects)


def _crisis(b: _Build) -> Crisis:
    data, index = b.data("crisis"), b.index("crisis")
    levels = []
    for i, raw in enumerate(_list(data.get("levels"))):
        if isinstance(raw, dict):
            level = _int(raw.get("id"))
            levels.append(Level(**index.of(("levels", i)), id=1 if level is None else level,
                                name=_str(raw.get("name"), ""), criteria=_strs(raw.get("criteria"))))
    phases = tuple(
        Phase(**index.of(("phases", i)), id=_str(raw.get("id"), ""), name=_str(raw.get("name"), ""),
              description=_str(raw.get("description")), signals=_strs(raw.get("signals")),
              actions=_strs(raw.get("actions")), owner=_str(raw.get("owner")),
              max_delay_minutes=b.duration("crisis", ("phases", i, "max_delay"), raw.get("max_delay"),
                                           b.lang("the max_delay of the crisis phase '{id}'", id=raw.get("id"))))
        for i, raw in enumerate(_list(data.get("phases"))) if isinstance(raw, dict)
    )
    escalation = tuple(
        EscalationStep(**index.of(("escalation", i)), role=_str(raw.get("role"), ""), when=_str(raw.get("when")),
                       hours=_str(raw.get("hours")))
        for i, raw in enumerate(_list(data.get("escalation"))) if isinstance(raw, dict)
    )
    statements = tuple(
        HoldingStatement(**index.of(("holding_statements", i)), id=_str(raw.get("id"), ""),
                         language=_str(raw.get("language"), "fr"), title=_str(raw.get("title")),
                         text=_str(raw.get("text"), ""))
        for i, raw in enumerate(_list(data.get("holding_statements"))) if isinstance(raw, dict)
    )
    status = None
    if isinstance(data.get("status"), dict):
        raw = data["status"]
        status = CrisisStatus(
            **index.of(("status",)), active=_bool(raw.get("active")), level=_int(raw.get("level")),
            started_at=b.datetime("crisis", ("status", "started_at"), raw.get("started_at"),
                                  b.lang("the start of the crisis")),
            frozen_channels=_strs(raw.get("frozen_channels")), lead=_str(raw.get("lead")),
            summary=_str(raw.get("summary")),
        )
    return Crisis(**index.of(()), levels=tuple(levels), phases=phases, escalation=escalation,
                  holding_statements=statements, status=status)


def _calendar(b: _Build) -> Calendar:
    index, events = b.index("calendar"), []
    for i, raw in enumerate(_list(b.data("calendar").get("events"))):
        if not isinstance(raw, dict):
            continue
        eid = _str(raw.get("id"), "")
        subject = b.lang("the calendar event '{id}'", id=eid)
        start = b.date("calendar", ("events", i, "start"), raw.get("start"),
                       b.lang("the start date of the calendar event '{id}'", id=eid))
        recurrence = _str(raw.get("recurrence"))
        if recurrence is not None:
            try:
                parse_rrule(recurrence, start, b.tz)
            except ValueError as error:
                b.issue(index.loc(("events", i, "recurrence")), "rrule", recurrence, str(error), subject)
        events.append(CalendarEvent(
            **index.of(("events", i)), id=eid, title=_str(raw.get("title"), ""),
            date=b.date("calendar", ("events", i, "date"), raw.get("date"),
                        b.lang("the date of the calendar event '{id}'", id=eid)), start=start,
            recurrence=recurrence, channels=_strs(raw.get("channels")), theme=_str(raw.get("theme")),
            owner=_str(raw.get("owner")), kind=_str(raw.get("kind")),
            publish_from_minutes=b.duration("calendar", ("events", i, "publish_from"), raw.get("publish_from"),
                                            b.lang("publish_from of the calendar event '{id}'", id=eid)),
        ))
    return Calendar(**index.of(()), events=tuple(events))


def build_playbook(root: str, documents: Mapping[str, Document], lang: Language | None = None) -> Playbook:
    """Build the model from documents keyed by concern ("channels", "usage-charter"…).

    The documents have passed the JSON Schema. Optional concerns may be absent and become
    empty. Never raises on a user's value: what cannot be used is in ``Playbook.issues``,
    described in ``lang``.
    """
    b = _Build(root, documents, lang=lang or Language())
    organisation = _organisation(b)  # first: it sets the time zone naive date-times use
    return Playbook(
        root=root,
        organisation=organisation,
        objectives=_objectives(b),
        audiences=_audiences(b),
        channels=_channels(b),
        roles=_roles(b),
        tone=_tone(b),
        charter=_charter(b),
        crisis=_crisis(b),
        calendar=_calendar(b),
        files={concern: doc.path for concern, doc in documents.items()},
        issues=tuple(b.issues),
    )
