"""What every check may know besides the playbook: the date, the clock, the rules, the settings, the language.

Passed in explicitly (never read from globals) so that ``--today``/``--now`` make every run
reproducible and tests can pin time without patching.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from linter.core.i18n import Language
from linter.core.registry import Registry
from linter.core.repeats import MAX_PER_RULE
from linter.core.settings import Settings


@dataclass(frozen=True)
class CheckContext:
    registry: Registry
    today: dt.date
    now: dt.datetime  # timezone-aware
    settings: Settings = field(default_factory=Settings)
    """Which rules are on: the checks of rules switched off are not run."""
    lang: Language = field(default_factory=Language)
    """The language findings are written in (``linter.core.i18n.choose``); codes never depend on it."""
    repeat_limit: int | None = MAX_PER_RULE
    """Findings of one rule a draft reports before the rest are only counted (linter.core.repeats);
    None: every one, each with its fix (what --fix needs)."""

    @staticmethod
    def create(registry: Registry, today: dt.date | None = None, now: dt.datetime | None = None,
               settings: Settings | None = None, lang: Language | None = None) -> CheckContext:
        if now is None:
            now = dt.datetime.now(dt.UTC)
            if today is not None:
                now = dt.datetime.combine(today, dt.time(12, 0), dt.UTC)
        if today is None:
            today = now.date()
        return CheckContext(registry, today, now, settings or Settings(), lang or Language())
