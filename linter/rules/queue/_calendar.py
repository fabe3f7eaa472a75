"""An event's dates as PB407 reads them: the date nearest a post, the next one on or after a day.

Private (leading underscore): the registry skips it. The dates are those of
``linter.playbook.values.occurrences`` (the one expansion, shared with PB408 and the site's
calendar), expanded once per run over the dates the queue spans, never once per draft.
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
