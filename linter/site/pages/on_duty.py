"""Who is on duty when: the week's coverage as a picture (SVG), a table, and gaps.

The site's answer to "who answers on Saturday night?". On duty means: holding a
community-manager profile, during one's weekly schedule — the same definition as the PB210
coverage check, so the picture and the validator never disagree. Channels that share the
same promised hours share one picture; what they promise but nobody covers is a gap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from linter.playbook.model import MINUTES_PER_DAY, Channel, Person, Playbook, WeeklyHours
from linter.playbook.values import subtract_hours, union_hours
from linter.site.markup import (
    DAY_NAMES,
    DAY_SHORT,
    admonition,
    clock,
    fact,
    fr_date,
    fr_duration,
    fr_list,
    html_text,
    inline,
    table,
)
from linter.site.pages.common import COVERAGE, FEED_ROTA, anchor, channel_short, href, person_link

HERE = COVERAGE


# -- computing ----------------------------------------------------------------------------------
def on_duty_people(playbook: Playbook) -> tuple[Person, ...]:
    """People holding at least one community-manager profile (they answer the public)."""
    cm = {profile.id for profile in playbook.roles.profiles if profile.kind == "community-manager"}
    return tuple(person for person in playbook.roles.people if any(role in cm for role in person.roles))


def day_ranges(hours: WeeklyHours, day: int) -> list[tuple[int, int]]:
    """The intervals of one day (0 = Monday) as minutes since that day's midnight."""
    low, high = day * MINUTES_PER_DAY, (day + 1) * MINUTES_PER_DAY
    return [(max(start, low) - low, min(end, high) - low)
            for start, end in hours.intervals if start < high and end > low]


def ranges_text(ranges: list[tuple[int, int]]) -> str:
    return ", ".join(f"{clock(start)}–{clock(end)}" for start, end in ranges)


def describe_hours(hours: WeeklyHours) -> str:
    """``lun.–ven. 09:00–18:00 ; sam. 10:00–16:00`` — consecutive days with the same hours merged."""
    if hours.intervals == WeeklyHours.always().intervals:
        return "24 h sur 24, 7 jours sur 7"
    groups: list[tuple[int, int, str]] = []
    for day in range(7):
        text = ranges_text(day_ranges(hours, day))
        if groups and groups[-1][2] == text and groups[-1][1] == day - 1:
            groups[-1] = (groups[-1][0], day, text)
        else:
            groups.append((day, day, text))
    parts = []
    for first, last, text in groups:
        if not text:
            continue
        days = DAY_SHORT[first] if first == last else f"{DAY_SHORT[first]}–{DAY_SHORT[last]}"
        parts.append(f"{days} {text}")
    return " ; ".join(parts) or "aucune heure"


@dataclass(frozen=True)
class Promise:
    """Channels sharing the same promised hours, and what the team leaves uncovered."""

    name: str  # the service-hours name, or "always"
    channels: tuple[Channel, ...]
    hours: WeeklyHours
    gaps: WeeklyHours

    @property
    def key(self) -> str:
        return anchor("promesse", self.name)


def promises(playbook: Playbook) -> tuple[tuple[Promise, ...], tuple[Channel, ...]]:
    """The promises of active channels, grouped by hours; and channels whose hours are unknown."""
    on_duty = union_hours(person.schedule for person in on_duty_people(playbook))
    grouped: dict[str, list[Channel]] = {}
    unknown: list[Channel] = []
    for channel in playbook.channels:
        if not channel.active or channel.response is None:
            continue
        if playbook.hours(channel.response.hours) is None:
            unknown.append(channel)
        else:
            grouped.setdefault(channel.response.hours, []).append(channel)
    result = []
    for name, channels in grouped.items():
        hours = playbook.hours(name) or WeeklyHours()
        result.append(Promise(name, tuple(channels), hours, subtract_hours(hours, on_duty)))
    return tuple(result), tuple(unknown)


# -- the picture ------------------------------------------------------------------------------
# Text sizes keep at least 12 px once the picture is shrunk to a 390 px phone (about 0.86 times).
_LABEL_W, _COL_W, _COL_GAP, _TOP, _HOUR_H = 52, 52, 4, 28, 14
_FONT = 14
_COLORS = {"off": "#e6e6e6", "on": "#2e7d32", "gap": "#c62828", "line": "#757575", "text": "#212121"}


def coverage_svg(promise_hours: WeeklyHours | None, on_duty: WeeklyHours, gaps: WeeklyHours,
                 key: str, title: str, description: str) -> str:
    """A 7-day × 24-hour picture: days in columns, hours downwards (fits a phone held upright).

    Grey: nobody on duty; green: someone on duty; red and hatched: promised but nobody on duty;
    a dark frame marks the promised hours. Colours come from CSS classes (light and dark
    themes), with fills as attributes so the picture also reads without the stylesheet.
    """
    width = _LABEL_W + 7 * _COL_W
    grid_h = 24 * _HOUR_H
    legend_y = _TOP + grid_h + 18
    height = legend_y + 44
    scale = _HOUR_H / 60

    def y(minute: int) -> float:
        return round(_TOP + minute * scale, 2)

    out = [f'<svg class="pb-cov" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'role="img" aria-labelledby="{key}-title {key}-desc" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{key}-title">{html_text(title)}</title>',
           f'<desc id="{key}-desc">{html_text(description)}</desc>',
           f'<defs><pattern id="{key}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
           f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{_COLORS["gap"]}"/>'
           f'<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>']
    for day in range(7):
        x = _LABEL_W + day * _COL_W + _COL_GAP / 2
        w = _COL_W - _COL_GAP
        out.append(f'<text class="pb-cov-text" x="{x + w / 2}" y="{_TOP - 8}" text-anchor="middle" '
                   f'font-size="{_FONT}" fill="{_COLORS["text"]}">{DAY_SHORT[day]}</text>')
        out.append(f'<rect class="pb-cov-off" x="{x}" y="{_TOP}" width="{w}" height="{grid_h}" '
                   f'fill="{_COLORS["off"]}"/>')
        for start, end in day_ranges(on_duty, day):
            out.append(f'<rect class="pb-cov-on" x="{x}" y="{y(start)}" width="{w}" height="{y(end) - y(start)}" '
                       f'fill="{_COLORS["on"]}"/>')
        for start, end in day_ranges(gaps, day):
            out.append(f'<rect class="pb-cov-gap" x="{x}" y="{y(start)}" width="{w}" height="{y(end) - y(start)}" '
                       f'fill="url(#{key}-hatch)"/>')
        if promise_hours is not None:
            for start, end in day_ranges(promise_hours, day):
                out.append(f'<rect class="pb-cov-promise" x="{x + 1}" y="{y(start) + 1}" width="{w - 2}" '
                           f'height="{max(y(end) - y(start) - 2, 1)}" fill="none" stroke="{_COLORS["text"]}" '
                           f'stroke-width="2"/>')
    for hour in range(0, 25, 3):
        line_y = y(hour * 60)
        out.append(f'<line class="pb-cov-line" x1="{_LABEL_W - 4}" y1="{line_y}" x2="{width}" y2="{line_y}" '
                   f'stroke="{_COLORS["line"]}" stroke-width="0.5"/>')
        out.append(f'<text class="pb-cov-text" x="{_LABEL_W - 6}" y="{line_y + 5}" text-anchor="end" '
                   f'font-size="{_FONT}" fill="{_COLORS["text"]}">{hour:02d}:00</text>')
    legend = [("pb-cov-on", _COLORS["on"], "de permanence"), ("pb-cov-gap", f"url(#{key}-hatch)", "promis, personne"),
              ("pb-cov-off", _COLORS["off"], "personne")]
    for index, (css, fill, text) in enumerate(legend):
        lx = (4, 146, 318)[index]
        out.append(f'<rect class="{css}" x="{lx}" y="{legend_y}" width="14" height="14" fill="{fill}"/>')
        out.append(f'<text class="pb-cov-text" x="{lx + 19}" y="{legend_y + 12}" font-size="{_FONT}" '
                   f'fill="{_COLORS["text"]}">{text}</text>')
    if promise_hours is not None:
        out.append(f'<rect class="pb-cov-promise" x="5" y="{legend_y + 25}" width="12" height="12" fill="none" '
                   f'stroke="{_COLORS["text"]}" stroke-width="2"/>')
        out.append(f'<text class="pb-cov-text" x="23" y="{legend_y + 36}" font-size="{_FONT}" '
                   f'fill="{_COLORS["text"]}">cadre : heures de réponse promises</text>')
    out.append("</svg>")
    return "".join(out)


def _figure(svg: str, caption: str) -> str:
    return f'<figure class="pb-figure">\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>'


# -- the page ---------------------------------------------------------------------------------------
def _who(playbook: Playbook, people: tuple[Person, ...], day: int) -> str:
    entries = []
    for person in people:
        ranges = day_ranges(person.schedule, day)
        if ranges:
            intern = " (stagiaire)" if person.intern else ""
            entries.append(f"{person_link(playbook, HERE, person.id)}{intern} {ranges_text(ranges)}")
    return "<br>".join(entries) or "personne"


def _gap_lines(gaps: WeeklyHours) -> list[str]:
    lines = []
    for day in range(7):
        for start, end in day_ranges(gaps, day):
            lines.append(f"- **{DAY_NAMES[day]} {clock(start)}–{clock(end)}** ({fr_duration(end - start)})")
    return lines


def _promise_section(playbook: Playbook, promise: Promise, on_duty: WeeklyHours) -> str:
    names = fr_list([inline(channel_short(channel)) for channel in promise.channels])
    delays = sorted({channel.response.delay_minutes for channel in promise.channels
                     if channel.response and channel.response.delay_minutes})
    hours_label = "24 h sur 24" if promise.name == "always" else f"horaires « {inline(promise.name)} »"
    out = [f"## {names} — {hours_label} {{#{promise.key}}}"]
    facts = [fact("Heures promises", inline(describe_hours(promise.hours)))]
    if delays:
        facts.append(fact("Délai de réponse promis", " ou ".join(fr_duration(delay) for delay in delays)))
    out.append("\n".join(facts))
    gap_lines = _gap_lines(promise.gaps)
    total = promise.gaps.minutes()
    plain_names = fr_list([channel_short(channel) for channel in promise.channels])
    if gap_lines:
        description = (f"Sur {plain_names}, {fr_duration(total)} par semaine sont promises sans personne de "
                       f"permanence. Détail jour par jour dans le tableau qui suit l'image.")
    else:
        description = f"Toutes les heures promises sur {plain_names} ont quelqu'un de permanence."
    svg = coverage_svg(promise.hours, on_duty, promise.gaps, promise.key,
                       f"Semaine type : permanence pour {plain_names}", description)
    out.append(_figure(svg, f"Semaine type, de lundi à dimanche, de 00:00 à 24:00. {html_text(description)}"))
    if gap_lines:
        out.append(admonition("danger", "Heures promises sans personne de permanence",
                              "Le public attend une réponse à ces heures, mais personne n'est de permanence :\n\n"
                              + "\n".join(gap_lines)
                              + "\n\nAjoutez ces plages au planning (`schedule`) d'une personne de l'équipe dans "
                                "`roles.yml`, ou réduisez la promesse dans `channels.yml`."))
    else:
        out.append(admonition("success", "Promesse couverte",
                              "Chaque heure promise a au moins une personne de permanence."))
    rows = []
    for day in range(7):
        promised = ranges_text(day_ranges(promise.hours, day)) or "—"
        uncovered = ranges_text(day_ranges(promise.gaps, day))
        rows.append([f"**{DAY_NAMES[day].capitalize()}**", promised, f"**{uncovered}**" if uncovered else "—"])
    out.append("Texte de l'image, jour par jour (qui est de permanence : voir [le tableau de l'équipe](#equipe)) :\n\n"
               + table(["Jour", "Heures promises", "Promises sans personne"], rows))
    return "\n\n".join(out)


def _absences(playbook: Playbook, people: tuple[Person, ...], today: dt.date) -> str:
    lines = []
    for person in people:
        for absence in person.absences:
            if absence.end is None or absence.end < today:
                continue
            reason = f" — {inline(absence.reason)}" if absence.reason else ""
            lines.append((absence.start or today,
                          f"- {person_link(playbook, HERE, person.id)} : du {fr_date(absence.start)} au "
                          f"{fr_date(absence.end)}{reason}"))
    if not lines:
        return "Aucune absence prévue dans le playbook."
    return "\n".join(line for _, line in sorted(lines, key=lambda item: item[0]))


def render(playbook: Playbook, today: dt.date) -> str:
    people = on_duty_people(playbook)
    on_duty = union_hours(person.schedule for person in people)
    groups, unknown = promises(playbook)
    feed = href(HERE, FEED_ROTA)
    out = [
        "# Astreinte et permanences",
        "Qui répond au public, et quand ? Cette page croise les heures de réponse que chaque canal "
        "promet avec le planning des personnes qui tiennent un rôle d'animateur de communauté. "
        "Une heure promise sans personne de permanence est une heure où un message reste sans réponse.",
        admonition("tip", "Le planning de permanence dans votre agenda",
                   f"[Télécharger une copie du planning (astreinte.ics)]({feed})"
                   '{ .md-button data-pb-feed="planning" }\n\n'
                   "Une copie se télécharge une fois et ne change plus : importez-la dans votre agenda (Outlook, "
                   "Google Agenda, Thunderbird, téléphone), chaque créneau de permanence y apparaît, absences "
                   "déduites. Pour un agenda qui suit les changements du planning, abonnez-vous à son adresse "
                   "(bouton « S'abonner », quand le site est publié sur un serveur)."),
    ]
    if not people:
        out.append(admonition("danger", "Personne de permanence",
                              "Aucune personne de `roles.yml` ne tient un rôle d'animateur de communauté."))
    for promise in groups:
        out.append(_promise_section(playbook, promise, on_duty))
    if unknown:
        out.append(admonition("warning", "Horaires inconnus", "Ces canaux renvoient à des horaires qui ne sont pas "
                              "définis dans `organisation.yml` : " + ", ".join(inline(c.label) for c in unknown) + "."))
    out.append("## Qui est de permanence, jour par jour {#equipe}")
    if not groups:
        description = ("Aucun canal actif ne promet de délai de réponse ; l'image montre seulement qui est de "
                       "permanence.")
        svg = coverage_svg(None, on_duty, WeeklyHours(), "equipe-image", "Semaine type : permanences de l'équipe",
                           description)
        out.append(_figure(svg, html_text(description)))
    rows = []
    for day in range(7):
        nobody = ranges_text(day_ranges(subtract_hours(WeeklyHours.always(), on_duty), day))
        rows.append([f"**{DAY_NAMES[day].capitalize()}**", _who(playbook, people, day), nobody or "—"])
    out.append(table(["Jour", "De permanence", "Aucune permanence"], rows))
    out.append("## Absences prévues {#absences}")
    out.append(_absences(playbook, people, today))
    return "\n\n".join(out) + "\n"


__all__ = ["coverage_svg", "describe_hours", "on_duty_people", "promises", "render"]
