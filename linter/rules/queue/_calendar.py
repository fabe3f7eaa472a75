"""The calendar's dates, for the queue rules that compare the queue with it (PB407, PB408).

Private (leading underscore): the registry skips it. Recurring events are expanded once per run
over the dates the queue spans, never once per draft.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from linter.playbook.model import CalendarEvent


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
