"""The publication calendar page: important and recurring publications, month by month.

Recurring events (RFC 5545 RRULE text) are expanded over the next twelve months with the same
parser the validator uses (``linter.playbook.values.parse_rrule``), and described in plain French.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from linter.playbook.model import CalendarEvent, Playbook
from linter.playbook.values import parse_rrule
from linter.site.markup import (
    DAY_NAMES,
    MONTHS,
    admonition,
    fr_date,
    fr_month,
    inline,
    table,
)
from linter.site.pages.common import CALENDAR, EVENT_KINDS, FEED_CALENDAR, channel_link, href, label, profile_link

HERE = CALENDAR
WINDOW_MONTHS = 12
_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_ORDINALS = {1: "1er", -1: "dernier", -2: "avant-dernier"}
_UNITS = {"DAILY": ("chaque jour", "tous les {n} jours"), "WEEKLY": ("chaque semaine", "toutes les {n} semaines"),
          "MONTHLY": ("chaque mois", "tous les {n} mois"), "YEARLY": ("chaque année", "tous les {n} ans")}


def window(today: dt.date) -> tuple[dt.date, dt.date]:
    """From the first day of the current month, twelve months ahead (end excluded)."""
    start = today.replace(day=1)
    return start, start + relativedelta(months=WINDOW_MONTHS)


def occurrences(event: CalendarEvent, start: dt.date, end: dt.date) -> list[dt.date]:
    """The event's dates in ``[start, end)``: its date, or its recurrence expanded."""
    if event.date is not None:
        return [event.date] if start <= event.date < end else []
    if not event.recurrence or event.start is None:
        return []
    try:
        rule = parse_rrule(event.recurrence, event.start)
    except ValueError:
        return []
    for tz in (None, dt.UTC):  # a rule with a UTC UNTIL is anchored on an aware start
        low = dt.datetime.combine(start, dt.time(), tz)
        try:
            result = []
            for moment in rule.xafter(low, count=400, inc=True):
                if moment.date() >= end:
                    break
                result.append(moment.date())
            return result
        except TypeError:
            continue
    return []


def _of_month(month: str) -> str:
    return f"d'{month}" if month[0] in "aeiouéèâ" else f"de {month}"


def describe_rrule(text: str | None) -> str:
    """A French reading of the common RRULE forms; the rule as written when it is unusual."""
    if not text:
        return ""
    raw = f"règle « {text.strip()} »"
    parts = {}
    for item in text.strip().split(";"):
        key, _, value = item.partition("=")
        parts[key.strip().upper()] = value.strip().upper()
    freq, interval = parts.get("FREQ"), parts.get("INTERVAL", "1")
    if (freq not in _UNITS or not interval.isdigit()
            or set(parts) - {"FREQ", "INTERVAL", "BYMONTH", "BYDAY", "BYMONTHDAY"}):
        return raw
    every, many = _UNITS[freq]
    sentence = every if int(interval) <= 1 else many.format(n=int(interval))
    try:
        days = []
        for day in filter(None, parts.get("BYDAY", "").split(",")):
            name, number = DAY_NAMES[_DAYS[day[-2:]]], day[:-2]
            days.append(f"le {_ORDINALS.get(int(number), f'{int(number)}e')} {name}" if number else f"le {name}")
        month_days = [("1er" if int(day) == 1 else str(int(day)))
                      for day in filter(None, parts.get("BYMONTHDAY", "").split(","))]
        months = [MONTHS[int(month) - 1] for month in filter(None, parts.get("BYMONTH", "").split(","))]
    except (KeyError, ValueError, IndexError):
        return raw
    ordinal = any(day[:-2] for day in parts.get("BYDAY", "").split(",") if day)
    if month_days and months:
        return f"{sentence}, le {' et '.join(month_days)} {' et '.join(months)}"
    if days and months:
        suffix = " " + _of_month(months[0]) if len(months) == 1 else ", en " + " et ".join(months)
        return f"{sentence}, {' et '.join(days)}{suffix}"
    if days:
        return f"{sentence}, {' et '.join(days)}" + (" du mois" if ordinal and freq == "MONTHLY" else "")
    if month_days:
        return f"{sentence}, le {' et '.join(month_days)}" + (" du mois" if freq == "MONTHLY" else "")
    if months:
        return f"{sentence}, en {' et '.join(months)}"
    return sentence


def _row(playbook: Playbook, event: CalendarEvent, day: dt.date | None) -> list[str]:
    channels = ", ".join(channel_link(playbook, HERE, c) for c in event.channels) or "—"
    title = f"**{inline(event.title or event.id)}**"
    if event.theme:
        title += f"<br>{inline(event.theme)}"
    return [fr_date(day) if day else "—", title, channels, profile_link(playbook, HERE, event.owner),
            label(EVENT_KINDS, event.kind)]


def render(playbook: Playbook, today: dt.date) -> str:
    events = playbook.calendar.events
    start, end = window(today)
    feed = href(HERE, FEED_CALENDAR)
    out = ["# Calendrier de publication",
           "Les publications importantes et les rendez-vous récurrents, préparés à l'avance. "
           f"Les dates vont de {MONTHS[start.month - 1]} {start.year} à "
           f"{MONTHS[(end - dt.timedelta(days=1)).month - 1]} {(end - dt.timedelta(days=1)).year}.",
           admonition("tip", "Le calendrier dans votre agenda",
                      f"[Télécharger une copie du calendrier (publications.ics)]({feed})"
                      '{ .md-button data-pb-feed="calendrier" }\n\n'
                      "Une copie se télécharge une fois et ne change plus : importez-la dans votre agenda, "
                      "chaque publication prévue y apparaît, rendez-vous récurrents compris. Pour un agenda qui suit "
                      "les changements du playbook, abonnez-vous à son adresse (bouton « S'abonner », quand le site "
                      "est publié sur un serveur).")]
    if not events:
        out.append("*Aucune publication n'est encore prévue dans `calendar.yml`.*")
        return "\n\n".join(out) + "\n"
    dated: dict[tuple[int, int], list[tuple[dt.date, CalendarEvent]]] = {}
    for event in events:
        for day in occurrences(event, start, end):
            dated.setdefault((day.year, day.month), []).append((day, event))
    for year, month in sorted(dated):
        out.append(f"## {fr_month(year, month)} {{#mois-{year}-{month:02d}}}")
        items = sorted(dated[(year, month)], key=lambda item: (item[0], item[1].id))
        out.append(table(["Date", "Publication", "Canaux", "Responsable", "Type"],
                         [_row(playbook, event, day) for day, event in items]))
    recurring = [event for event in events if event.recurrence]
    if recurring:
        out.append("## Rendez-vous récurrents {#recurrents}")
        rows = []
        for event in recurring:
            rows.append([f"**{inline(event.title or event.id)}**",
                         inline(describe_rrule(event.recurrence)), f"depuis le {fr_date(event.start)}",
                         ", ".join(channel_link(playbook, HERE, c) for c in event.channels) or "—"])
        out.append(table(["Rendez-vous", "Rythme", "Début", "Canaux"], rows))
    past = sorted(((event.date, event) for event in events if event.date is not None and event.date < start),
                  key=lambda item: item[0])
    if past:
        out.append("## Déjà passées {#passees}")
        out.append(table(["Date", "Publication", "Canaux", "Responsable", "Type"],
                         [_row(playbook, event, day) for day, event in past]))
    return "\n\n".join(out) + "\n"
