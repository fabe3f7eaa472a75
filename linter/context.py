"""What every check may know besides the playbook: the date, the clock and the rules.

Passed in explicitly (never read from globals) so that ``--today``/``--now`` make every run
reproducible and tests can pin time without patching.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from linter.registry import Registry


@dataclass(frozen=True)
class CheckContext:
    registry: Registry
    today: dt.date
    now: dt.datetime  # timezone-aware

    @staticmethod
    def create(registry: Registry, today: dt.date | None = None, now: dt.datetime | None = None) -> CheckContext:
        if now is None:
            now = dt.datetime.now(dt.timezone.utc)
            if today is not None:
                now = dt.datetime.combine(today, dt.time(12, 0), dt.timezone.utc)
        if today is None:
            today = now.date()
        return CheckContext(registry, today, now)
