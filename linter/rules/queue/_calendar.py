"""The calendar's dates, for the queue rules that compare the queue with it (PB407, PB408).

Private (leading underscore): the registry skips it. Recurring events are expanded once per run
over the dates the queue spans, never once per draft.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from linter.playbook.model import CalendarEvent
from linter.playbook.values import parse_rrule

_MAX_OCCURRENCES = 2000  # a daily rule over five years; more is not a calendar a team keeps


def occurrences(event: CalendarEvent, start: dt.date, end: dt.date) -> list[dt.date]:
    """The event's dates in ``[start, end]``: its date, or its recurrence expanded (an unusable rule
    gives none: the playbook checks report it)."""
    if event.date is not None:
        return [event.date] if start <= event.date <= end else []
    if not event.recurrence or event.start is None:
        return []
    try:
        rule = parse_rrule(event.recurrence, event.start)
    except ValueError:
        return []
    for tz in (None, dt.UTC):  # a rule with a UTC UNTIL is anchored on an aware start
        low = dt.datetime.combine(start, dt.time(), tz)
        try:
            found: list[dt.date] = []
            for moment in rule.xafter(low, count=_MAX_OCCURRENCES, inc=True):
                if moment.date() > end:
                    break
                found.append(moment.date())
            return found
        except TypeError:
            continue
    return []


@dataclass(frozen=True)
class Dates:
    """One event and its dates over the span the queue covers, sorted."""

    event: CalendarEvent
    days: tuple[dt.date, ...]

    def nearest(self, day: dt.date) -> dt.date | None:
        """The date closest to ``day`` (the earlier one of two equally close)."""
        index = bisect.bisect_left(self.days, day)
        before = self.days[index - 1] if index else None
        after = self.days[index] if index < len(self.days) else None
        if before is None or (after is not None and (after - day) < (day - before)):
            return after
        return before

    def next_on_or_after(self, day: dt.date) -> dt.date | None:
        index = bisect.bisect_left(self.days, day)
        return self.days[index] if index < len(self.days) else None
