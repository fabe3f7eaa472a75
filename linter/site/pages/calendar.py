"""The publication calendar page: important and recurring publications, month by month.

Recurring events (RFC 5545 RRULE text) are expanded over the next twelve months as the queue rules
expand them (``linter.playbook.values.occurrences``, with the validator's parser), and described in
plain French.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from linter.core.i18n import N_, Language, _babel_locale
from linter.playbook.model import CalendarEvent, Playbook
from linter.playbook.values import occurrences
from linter.site.markup import (
    admonition,
    inline,
    show_date,
    show_month,
    table,
)
from linter.site.pages.common import CALENDAR, EVENT_KINDS, FEED_CALENDAR, channel_link, href, label, profile_link

HERE = CALENDAR
WINDOW_MONTHS = 12
_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_UNITS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_ORDINAL_WORDS = {-1: N_("last"), -2: N_("second to last")}
# The ordinal of a number by the language's CLDR ordinal category: 1st, 2nd, 3rd, 4th (1er, 2e, 3e, 4e).
_ORDINAL_FORMS = {"one": N_("{n}st"), "two": N_("{n}nd"), "few": N_("{n}rd")}
_ORDINAL_OTHER = N_("{n}th")
_OF_MONTH = (N_("of January"), N_("of February"), N_("of March"), N_("of April"), N_("of May"), N_("of June"),
             N_("of July"), N_("of August"), N_("of September"), N_("of October"), N_("of November"),
             N_("of December"))


def _every(lang: Language, freq: str, interval: int) -> str:
    if freq == "DAILY":
        return lang.plural("every day", "every {count} days", interval)
    if freq == "WEEKLY":
        return lang.plural("every week", "every {count} weeks", interval)
    if freq == "MONTHLY":
        return lang.plural("every month", "every {count} months", interval)
    return lang.plural("every year", "every {count} years", interval)


def _ordinal(lang: Language, number: int) -> str:
    if number in _ORDINAL_WORDS:
        return lang(_ORDINAL_WORDS[number])
    from babel import Locale

    form = Locale.parse(_babel_locale(lang.code)).ordinal_form(number)
    return lang(_ORDINAL_FORMS.get(form, _ORDINAL_OTHER)).format(n=number)


def _month_name(lang: Language, month: int) -> str:
    from babel.dates import get_month_names

    return str(get_month_names("wide", locale=_babel_locale(lang.code))[month])


def window(today: dt.date) -> tuple[dt.date, dt.date]:
    """From the first day of the current month, twelve months ahead (end excluded)."""
    start = today.replace(day=1)
    return start, start + relativedelta(months=WINDOW_MONTHS)


def describe_rrule(text: str | None, lang: Language) -> str:
    """A reading of the common RRULE forms in ``lang``; the rule as written when it is unusual."""
    if not text:
        return ""
    raw = lang("rule {rule}", rule=lang.quote(text.strip()))
    parts = {}
    for item in text.strip().split(";"):
        key, _, value = item.partition("=")
        parts[key.strip().upper()] = value.strip().upper()
    freq, interval = parts.get("FREQ"), parts.get("INTERVAL", "1")
    if (freq not in _UNITS or not interval.isdigit()
            or set(parts) - {"FREQ", "INTERVAL", "BYMONTH", "BYDAY", "BYMONTHDAY"}):
        return raw
    sentence = _every(lang, str(freq), max(int(interval), 1))
    first = lang.typography.first_of_month
    try:
        days = []
        for day in filter(None, parts.get("BYDAY", "").split(",")):
            name, number = lang.weekday(_DAYS[day[-2:]]), day[:-2]
            days.append(lang("the {ordinal} {day}", ordinal=_ordinal(lang, int(number)), day=name) if number
                        else lang("on {day}", day=name))
        month_days = [(first if int(day) == 1 and first else str(int(day)))
                      for day in filter(None, parts.get("BYMONTHDAY", "").split(","))]
        month_numbers = [int(month) for month in filter(None, parts.get("BYMONTH", "").split(","))]
        months = [_month_name(lang, month) for month in month_numbers]
    except (KeyError, ValueError, IndexError):
        return raw
    ordinal = any(day[:-2] for day in parts.get("BYDAY", "").split(",") if day)
    of_the_month = lang(" of the month")
    if month_days and months:
        return lang("{every}, on {month} {days}", every=sentence, days=lang.and_list(month_days),
                    month=lang.and_list(months))
    if days and months:
        suffix = (" " + lang(_OF_MONTH[month_numbers[0] - 1]) if len(months) == 1
                  else lang(", in {months}", months=lang.and_list(months)))
        return f"{sentence}, {lang.and_list(days)}{suffix}"
    if days:
        return f"{sentence}, {lang.and_list(days)}" + (of_the_month if ordinal and freq == "MONTHLY" else "")
    if month_days:
        return (lang("{every}, on day {days}", every=sentence, days=lang.and_list(month_days))
                + (of_the_month if freq == "MONTHLY" else ""))
    if months:
        return lang("{every}, in {months}", every=sentence, months=lang.and_list(months))
    return sentence


def _row(playbook: Playbook, event: CalendarEvent, day: dt.date | None, lang: Language) -> list[str]:
    channels = ", ".join(channel_link(playbook, HERE, c) for c in event.channels) or "—"
    title = f"**{inline(event.title or event.id)}**"
    if event.theme:
        title += f"<br>{inline(event.theme)}"
    return [show_date(lang, day) if day else "—", title, channels, profile_link(playbook, HERE, event.owner),
            label(lang, EVENT_KINDS, event.kind)]


def _headers(lang: Language) -> list[str]:
    return [lang("Date"), lang("Post"), lang("Channels"), lang("Owner"), lang("Type")]


def render(playbook: Playbook, today: dt.date, lang: Language) -> str:
    events = playbook.calendar.events
    start, end = window(today)
    feed = href(HERE, FEED_CALENDAR)
    last = end - dt.timedelta(days=1)
    first_month = f"{_month_name(lang, start.month)} {start.year}"
    last_month = f"{_month_name(lang, last.month)} {last.year}"
    out = ["# " + lang("Publishing calendar"),
           lang("The important posts and the recurring ones, prepared in advance. The dates go from {first} to "
                "{last}.", first=first_month, last=last_month),
           admonition("tip", lang("The calendar in your diary"),
                      lang("[Download a copy of the calendar (publications.ics)]({feed})", feed=feed)
                      + '{ .md-button data-pb-feed="calendrier" }\n\n'
                      + lang("A copy is downloaded once and never changes: import it into your calendar and every "
                             "planned post shows in it, recurring ones included. For a calendar that follows the "
                             "playbook's changes, subscribe to its address (the {button} button, when the site is "
                             "published on a server).", button=lang.quote(lang("Subscribe"))))]
    if not events:
        out.append(lang("*No post is planned in `calendar.yml` yet.*"))
        return "\n\n".join(out) + "\n"
    dated: dict[tuple[int, int], list[tuple[dt.date, CalendarEvent]]] = {}
    for event in events:
        for day in occurrences(event, start, last):
            dated.setdefault((day.year, day.month), []).append((day, event))
    for year, month in sorted(dated):
        out.append(f"## {show_month(lang, year, month)} {{#mois-{year}-{month:02d}}}")
        items = sorted(dated[(year, month)], key=lambda item: (item[0], item[1].id))
        out.append(table(_headers(lang), [_row(playbook, event, day, lang) for day, event in items]))
    recurring = [event for event in events if event.recurrence]
    if recurring:
        out.append("## " + lang("Recurring posts") + " {#recurrents}")
        rows = []
        for event in recurring:
            rows.append([f"**{inline(event.title or event.id)}**",
                         inline(describe_rrule(event.recurrence, lang)),
                         lang("since {date}", date=show_date(lang, event.start)),
                         ", ".join(channel_link(playbook, HERE, c) for c in event.channels) or "—"])
        out.append(table([lang("Recurring post"), lang("Rhythm"), lang("Begins"), lang("Channels")], rows))
    past = sorted(((event.date, event) for event in events if event.date is not None and event.date < start),
                  key=lambda item: item[0])
    if past:
        out.append("## " + lang("Already past") + " {#passees}")
        out.append(table(_headers(lang), [_row(playbook, event, day, lang) for day, event in past]))
    return "\n\n".join(out) + "\n"
