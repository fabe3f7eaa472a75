"""Parse the values a playbook writes as text: durations, time ranges, dates, zones, RRULEs,
and the interval arithmetic on weekly hours.

One place for each kind of value, so that the model builder, the queue rules, the site's
calendar and the coverage picture read `2h`, `09:00-18:00` or an RRULE the same way.
None of these raise on a user's value: they return None (or an explanation) instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from linter.core.i18n import Language
from linter.playbook.model import MINUTES_PER_DAY, CalendarEvent, WeeklyHours

if TYPE_CHECKING:
    from dateutil.rrule import rrule, rruleset

_DURATION = re.compile(r"^\s*(\d+)\s*(min|h|d)\s*$")
_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_UNIT_MINUTES = {"min": 1, "h": 60, "d": MINUTES_PER_DAY}


# -- parsing helpers: one place for each kind of value --------------------------------------
MAX_DURATION = 366 * MINUTES_PER_DAY  # longer is never a delay or a window, and overflows date arithmetic


def parse_duration(text: object) -> int | None:
    """``"30min"``, ``"2h"``, ``"1d"`` -> minutes; None when it is not a duration (or over a year)."""
    if not isinstance(text, str):
        return None
    match = _DURATION.match(text)
    if match is None or len(match.group(1)) > 9:
        return None
    minutes = int(match.group(1)) * _UNIT_MINUTES[match.group(2)]
    return minutes if minutes <= MAX_DURATION else None


def format_duration(minutes: int) -> str:
    """Minutes back to the playbook's own notation, for messages (``90`` -> ``"1h30"``)."""
    if minutes % MINUTES_PER_DAY == 0 and minutes:
        return f"{minutes // MINUTES_PER_DAY}d"
    if minutes % 60 == 0 and minutes:
        return f"{minutes // 60}h"
    if minutes > 60:
        return f"{minutes // 60}h{minutes % 60:02d}"
    return f"{minutes}min"


def parse_range(text: object, lang: Language | None = None) -> tuple[tuple[int, int] | None, str | None]:
    """``"09:00-12:30"`` -> ``((540, 750), None)``, or ``(None, why it cannot be used)`` in ``lang``.

    Ranges stay within one day: the end may be ``24:00`` and must come after the start
    (``"order"`` when it does not).
    """
    lang = lang or Language()
    if not isinstance(text, str):
        return None, lang("a time range is written as text like \"09:00-12:30\"")
    match = _RANGE.match(text)
    if match is None:
        return None, lang("a time range is written like \"09:00-12:30\"")
    start_h, start_m, end_h, end_m = (int(group) for group in match.groups())
    for hour, minute, is_end in ((start_h, start_m, False), (end_h, end_m, True)):
        if minute > 59 or hour > 24 or (hour == 24 and (minute or not is_end)):
            limit = "24:00" if is_end else "23:59"
            written = f"{hour:02d}:{minute:02d}"
            return None, lang("{time} is not a time of day (from 00:00 to {limit})", time=written, limit=limit)
    start, end = start_h * 60 + start_m, end_h * 60 + end_m
    if end <= start:
        return (start, end), "order"
    return (start, end), None


def parse_date(value: object) -> dt.date | None:
    """An ISO date, or None (also for a year outside FIRST_YEAR..LAST_YEAR: 9999-12-31 plus a day overflows)."""
    if isinstance(value, dt.datetime):
        parsed = value.date()
    elif isinstance(value, dt.date):
        parsed = value
    elif not isinstance(value, str):
        return None
    else:
        try:
            parsed = dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return parsed if within_years(parsed) else None


def parse_datetime(value: object, tz: dt.tzinfo) -> dt.datetime | None:
    """An ISO date-time; a naive one is read in the organisation's time zone ``tz``."""
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    if not within_years(parsed):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=tz)


# Dates a playbook or a draft may name. Far from any real post or plan, and far enough from the
# ends of Python's calendar (years 1 to 9999) that the queue's arithmetic (a reaction window
# added, weeks counted, a time zone applied) can never overflow.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def within_years(value: dt.date) -> bool:
    """Whether ``value`` (a date or a date-time, in any zone) falls in FIRST_YEAR..LAST_YEAR."""
    return FIRST_YEAR <= value.year <= LAST_YEAR


def outside_years(value: object) -> bool:
    """Whether ``value`` is a well-formed date or date-time whose year is outside FIRST_YEAR..LAST_YEAR
    (``parse_date``/``parse_datetime`` gave None for that reason, not for its shape)."""
    if isinstance(value, dt.date):
        return not within_years(value)
    if not isinstance(value, str):
        return False
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            return not within_years(parse(value.strip()))
        except ValueError:
            continue
    return False


def too_long(text: object) -> bool:
    """Whether ``text`` is written as a duration but lasts over MAX_DURATION (``parse_duration`` gave None)."""
    return isinstance(text, str) and _DURATION.match(text) is not None and parse_duration(text) is None


def local_moment(naive: dt.datetime, tz: dt.tzinfo) -> tuple[dt.datetime, str | None]:
    """The instant a wall-clock time names in ``tz``, and ``"gap"``/``"fold"`` when that is a guess.

    Why: on the night clocks go forward, 02:30 does not exist in Europe/Paris; on the night they
    go back, 02:30 happens twice. Python quietly picks one (the offset before the change); the
    caller says which instant it was taken as, so a post is never moved without a word. The
    result is normalised (a time in a gap comes back as the wall-clock time it really is).
    """
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first, None
    moment = first.astimezone(dt.UTC).astimezone(tz)
    if moment.replace(tzinfo=None) != naive:
        return moment, "gap"
    return first, "fold"


def zone(name: object) -> ZoneInfo | None:
    """The IANA time zone called ``name``, or None when there is no such zone."""
    if not isinstance(name, str) or not name.strip():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone_choices(name: str) -> tuple[str, ...]:
    import zoneinfo

    names = zoneinfo.available_timezones()
    by_lower = {candidate.lower(): candidate for candidate in names}
    if name.lower() in by_lower:
        return (by_lower[name.lower()],)
    close = difflib.get_close_matches(name.lower(), list(by_lower), n=3, cutoff=0.6)
    return tuple(by_lower[candidate] for candidate in close)


def parse_rrule(text: object, start: dt.date | None, tz: dt.tzinfo | None = None) -> rrule | rruleset:
    """A ``dateutil`` rule from RFC 5545 RRULE text (``FREQ=YEARLY;BYMONTH=6``), or a ValueError.

    Without ``start`` the rule is only checked (anchored on an arbitrary date). An UNTIL given in
    UTC needs an aware start, a date-only UNTIL a naive one: try both before giving up.
    """
    from dateutil.rrule import rrulestr

    if not isinstance(text, str) or not text.strip():
        raise ValueError("the rule is empty")
    base = dt.datetime.combine(start or dt.date(2000, 1, 1), dt.time())
    try:
        return rrulestr(text.strip(), dtstart=base)
    except ValueError as first:
        if "UNTIL" not in str(first):
            raise
    except (TypeError, OverflowError, IndexError, KeyError) as error:
        raise ValueError(str(error) or type(error).__name__) from error
    try:
        return rrulestr(text.strip(), dtstart=base.replace(tzinfo=tz or dt.UTC))
    except (TypeError, OverflowError, IndexError, KeyError) as error:
        raise ValueError(str(error) or type(error).__name__) from error


_MAX_OCCURRENCES = 2000  # a daily rule over five years; more is not a calendar a team keeps


def occurrences(event: CalendarEvent, first: dt.date, last: dt.date) -> list[dt.date]:
    """The days of ``event`` from ``first`` to ``last`` (both included), in order, each once: its
    date, or its recurrence expanded. A rule that cannot be read gives none (the playbook checks
    report it); a rule that repeats within a day (``FREQ=HOURLY``) gives that day once.

    One expansion for the queue rules (PB407, PB408) and the site's calendar page, which once
    each had their own and disagreed on the end of the span and on how many to expand.
    """
    if event.date is not None:
        return [event.date] if first <= event.date <= last else []
    if not event.recurrence or event.start is None:
        return []
    try:
        rule = parse_rrule(event.recurrence, event.start)
    except ValueError:
        return []
    for tz in (None, dt.UTC):  # a rule with a UTC UNTIL is anchored on an aware start
        low = dt.datetime.combine(first, dt.time(), tz)
        try:
            days: list[dt.date] = []
            for moment in rule.xafter(low, count=_MAX_OCCURRENCES, inc=True):
                day = moment.date()
                if day > last:
                    break
                if not days or days[-1] != day:
                    days.append(day)
            return days
        except TypeError:
            continue
    return []


# -- interval arithmetic on weekly hours ---------------------------------------------------
def merge_intervals(intervals: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sort and merge overlapping or touching ``[start, end)`` intervals."""
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)


def union_hours(hours: Iterable[WeeklyHours]) -> WeeklyHours:
    return WeeklyHours(merge_intervals(interval for item in hours for interval in item.intervals))


def subtract_hours(wanted: WeeklyHours, available: WeeklyHours) -> WeeklyHours:
    """The part of ``wanted`` that ``available`` does not cover (both sorted and merged)."""
    result: list[tuple[int, int]] = []
    cover = available.intervals
    index = 0
    for start, end in wanted.intervals:
        cursor = start
        while index < len(cover) and cover[index][1] <= cursor:
            index += 1
        probe = index
        while probe < len(cover) and cover[probe][0] < end:
            cover_start, cover_end = cover[probe]
            if cover_start > cursor:
                result.append((cursor, cover_start))
            cursor = max(cursor, cover_end)
            if cursor >= end:
                break
            probe += 1
        if cursor < end:
            result.append((cursor, end))
    return WeeklyHours(tuple(result))
