"""Why a calendar recurrence (RFC 5545 RRULE) cannot be read, in the run's language (PB215's detail).

``dateutil.rrule.rrulestr`` says it in English, and Python's ``datetime`` and tuple unpacking speak
through it (``hour must be in 0..23``, ``not enough values to unpack``). Each known wording maps to a
message id of our catalog, its variable part (a rule part's name, a value) kept; one a newer dateutil
adds keeps the library's text, quoted and introduced by our own words.
"""

from __future__ import annotations

import re

from linter.core.i18n import N_, Language

_PAIRS = N_("each part of the rule is written NAME=value, the parts separated by ';'")
_NO_OCCURRENCE = N_("the rule's parts exclude each other: it has no occurrence")

# (full match of the library's text, message id); named groups fill the message's placeholders
PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern, re.S), message) for pattern, message in (
    (r"the rule is empty|empty string", N_("the rule is empty")),
    (r"invalid '(?P<name>[^']*)': (?P<value>.+)", N_("{value} is not a valid value for {name}")),
    (r"invalid '(?P<name>[^']*)':\s*", N_("{name} has no value")),
    (r"unknown parameter '(?P<name>.*)'", N_("{name} is not a part of a recurrence rule")),
    (r"unknown parameter name", N_("only `RRULE:` may stand before the rule")),
    (r"unsupported property: (?P<name>.*)", N_("only `RRULE:` may stand before the rule, not {name}")),
    (r"(?:not enough|too many) values to unpack.*", _PAIRS),
    (r"Invalid \(empty\) BYDAY specification\.", N_("an entry of BYDAY has no day of the week")),
    (r"Can't create weekday with n==0", N_("a day of the week cannot be numbered 0 (like 0TU): count from 1, "
                                           "or from -1 for the last one")),
    (r"RRULE UNTIL values must be specified in UTC when DTSTART is timezone-aware",
     N_("UNTIL must be written in UTC (ending with Z), like 20271231T230000Z")),
    (r"invalid until date", N_("UNTIL is not a valid date")),
    (r"bysetpos must be between 1 and 366, or between -366 and -1",
     N_("BYSETPOS must be between 1 and 366, or between -366 and -1")),
    (r"Invalid combination of interval(?:,| and) byhour.*", _NO_OCCURRENCE),
    (r"Invalid rrule byxxx generates an empty set\.", _NO_OCCURRENCE),
    (r"(?P<name>hour|minute|second) must be in (?P<low>\d+)\.\.(?P<high>\d+)",
     N_("{name} must be between {low} and {high}")),
    (r"year (?P<value>-?\d+) is out of range", N_("the year {value} is out of range")),
    (r"month must be in 1\.\.12", N_("the month must be between 1 and 12")),
    (r"day is out of range for month", N_("this day does not exist in its month")),
))


def rrule_problem(text: str, lang: Language) -> str:
    """dateutil's reason in ``lang``; one this module does not know, quoted after our own words."""
    text = text.strip()
    for pattern, message in PROBLEMS:
        match = pattern.fullmatch(text)
        if match:
            values = {name: value.strip() for name, value in match.groupdict().items()}
            if "name" in values and values["name"] in ("hour", "minute", "second"):
                values["name"] = lang(_TIME_UNITS[values["name"]])
            return lang(message, **values)
    return lang("the recurrence reader says {text}", text=lang.quote(text))


_TIME_UNITS = {"hour": N_("the hour"), "minute": N_("the minute"), "second": N_("the second")}
