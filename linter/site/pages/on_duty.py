"""Who is on duty when: the week's coverage as a picture (SVG), a table, and gaps.

The site's answer to "who answers on Saturday night?". On duty means: holding a
community-manager profile, during one's weekly schedule — the same definition as the PB210
coverage check, so the picture and the validator never disagree. Channels that share the
same promised hours share one picture; what they promise but nobody covers is a gap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from linter.core.i18n import Language
from linter.playbook.model import MINUTES_PER_DAY, Channel, Person, Playbook, WeeklyHours
from linter.playbook.values import subtract_hours, union_hours
from linter.site.markup import (
    admonition,
    clock_range,
    fact,
    html_text,
    inline,
    show_date,
    show_duration,
    show_list,
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


def ranges_text(ranges: list[tuple[int, int]], lang: Language) -> str:
    return ", ".join(clock_range(lang, start, end) for start, end in ranges)


def describe_hours(hours: WeeklyHours, lang: Language) -> str:
    """``lun.–ven. 9 h–18 h ; sam. 10 h–16 h`` — consecutive days with the same hours merged."""
    if hours.intervals == WeeklyHours.always().intervals:
        return lang("24 hours a day, 7 days a week")
    groups: list[tuple[int, int, str]] = []
    for day in range(7):
        text = ranges_text(day_ranges(hours, day), lang)
        if groups and groups[-1][2] == text and groups[-1][1] == day - 1:
            groups[-1] = (groups[-1][0], day, text)
        else:
            groups.append((day, day, text))
    parts = []
    for first, last, text in groups:
        if not text:
            continue
        short = lang.weekday(first, "abbreviated")
        days = short if first == last else f"{short}–{lang.weekday(last, 'abbreviated')}"
        parts.append(f"{days} {text}")
    return lang("; ").join(parts) or lang("no hours")


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
                 key: str, title: str, description: str, lang: Language) -> str:
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
                   f'font-size="{_FONT}" fill="{_COLORS["text"]}">{html_text(lang.weekday(day, "abbreviated"))}</text>')
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
                   f'font-size="{_FONT}" fill="{_COLORS["text"]}">{html_text(lang.clock(hour * 60))}</text>')
    legend = [("pb-cov-on", _COLORS["on"], lang("on duty")),
              ("pb-cov-gap", f"url(#{key}-hatch)", lang("promised, nobody")),
              ("pb-cov-off", _COLORS["off"], lang("nobody"))]
    for index, (css, fill, text) in enumerate(legend):
        lx = (4, 146, 318)[index]
        out.append(f'<rect class="{css}" x="{lx}" y="{legend_y}" width="14" height="14" fill="{fill}"/>')
        out.append(f'<text class="pb-cov-text" x="{lx + 19}" y="{legend_y + 12}" font-size="{_FONT}" '
                   f'fill="{_COLORS["text"]}">{html_text(text)}</text>')
    if promise_hours is not None:
        frame = lang("frame: promised response hours")
        out.append(f'<rect class="pb-cov-promise" x="5" y="{legend_y + 25}" width="12" height="12" fill="none" '
                   f'stroke="{_COLORS["text"]}" stroke-width="2"/>')
        out.append(f'<text class="pb-cov-text" x="23" y="{legend_y + 36}" font-size="{_FONT}" '
                   f'fill="{_COLORS["text"]}">{html_text(frame)}</text>')
    out.append("</svg>")
    return "".join(out)


def _figure(svg: str, caption: str) -> str:
    return f'<figure class="pb-figure">\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>'


# -- the page ---------------------------------------------------------------------------------------
def _who(playbook: Playbook, people: tuple[Person, ...], day: int, lang: Language) -> str:
    entries = []
    for person in people:
        ranges = day_ranges(person.schedule, day)
        if ranges:
            intern = " " + lang("(intern)") if person.intern else ""
            entries.append(f"{person_link(playbook, HERE, person.id)}{intern} {ranges_text(ranges, lang)}")
    return "<br>".join(entries) or lang("nobody")


def _gap_lines(gaps: WeeklyHours, lang: Language) -> list[str]:
    lines = []
    for day in range(7):
        for start, end in day_ranges(gaps, day):
            when = f"{lang.weekday(day)} {clock_range(lang, start, end)}"
            lines.append(f"- **{when}** ({show_duration(lang, end - start)})")
    return lines


def _promise_section(playbook: Playbook, promise: Promise, on_duty: WeeklyHours, lang: Language) -> str:
    names = show_list(lang, [inline(channel_short(channel)) for channel in promise.channels])
    delays = sorted({channel.response.delay_minutes for channel in promise.channels
                     if channel.response and channel.response.delay_minutes})
    # The hours' name is an id of organisation.yml (``etendu``): the reader gets the hours themselves below.
    heading = names + " — " + lang("24 hours a day") if promise.name == "always" else names
    out = [f"## {heading} {{#{promise.key}}}"]
    facts = [fact(lang, lang("Promised hours"), inline(describe_hours(promise.hours, lang)))]
    if delays:
        facts.append(fact(lang, lang("Promised response time"),
                          lang.or_list(show_duration(lang, delay) for delay in delays)))
    out.append("\n".join(facts))
    gap_lines = _gap_lines(promise.gaps, lang)
    total = promise.gaps.minutes()
    plain_names = show_list(lang, [channel_short(channel) for channel in promise.channels])
    if gap_lines:
        description = lang("On {channels}, {duration} a week are promised with nobody on duty. Day by day details in "
                           "the table after the picture.", channels=plain_names, duration=show_duration(lang, total))
    else:
        description = lang("Every hour promised on {channels} has someone on duty.", channels=plain_names)
    svg = coverage_svg(promise.hours, on_duty, promise.gaps, promise.key,
                       lang("Typical week: on duty for {channels}", channels=plain_names), description, lang)
    out.append(_figure(svg, lang("Typical week, from Monday to Sunday, from {start} to {end}.",
                                 start=lang.clock(0), end=lang.clock(MINUTES_PER_DAY)) + " "
                       + html_text(description)))
    if gap_lines:
        out.append(admonition("danger", lang("Promised hours with nobody on duty"),
                              lang("The public expects an answer at these hours, but nobody is on duty:") + "\n\n"
                              + "\n".join(gap_lines) + "\n\n"
                              + lang("Add these slots to the schedule (`schedule`) of someone in the team in "
                                     "`roles.yml`, or reduce the promise in `channels.yml`.")))
    else:
        out.append(admonition("success", lang("Promise covered"),
                              lang("Every promised hour has at least one person on duty.")))
    rows = []
    for day in range(7):
        promised = ranges_text(day_ranges(promise.hours, day), lang) or "—"
        uncovered = ranges_text(day_ranges(promise.gaps, day), lang)
        rows.append([f"**{lang.weekday(day).capitalize()}**", promised, f"**{uncovered}**" if uncovered else "—"])
    out.append(lang("Text of the picture, day by day (who is on duty: see [the team's table](#equipe)):") + "\n\n"
               + table([lang("Day"), lang("Promised hours"), lang("Promised, nobody")], rows))
    return "\n\n".join(out)


def _absences(playbook: Playbook, people: tuple[Person, ...], today: dt.date, lang: Language) -> str:
    lines = []
    for person in people:
        for absence in person.absences:
            if absence.end is None or absence.end < today:
                continue
            reason = f" — {inline(absence.reason)}" if absence.reason else ""
            lines.append((absence.start or today,
                          "- " + lang("{person}: from {start} to {end}", person=person_link(playbook, HERE, person.id),
                                      start=show_date(lang, absence.start), end=show_date(lang, absence.end))
                          + reason))
    if not lines:
        return lang("No absence planned in the playbook.")
    return "\n".join(line for _, line in sorted(lines, key=lambda item: item[0]))


def render(playbook: Playbook, today: dt.date, lang: Language) -> str:
    people = on_duty_people(playbook)
    on_duty = union_hours(person.schedule for person in people)
    groups, unknown = promises(playbook)
    feed = href(HERE, FEED_ROTA)
    out = [
        "# " + lang("On call and on duty"),
        lang("Who answers the public, and when? This page crosses the response hours each channel promises with the "
             "schedule of the people who hold a community manager role. A promised hour with nobody on duty is an "
             "hour when a message stays unanswered."),
        admonition("tip", lang("The on-duty schedule in your calendar"),
                   lang("[Download a copy of the schedule (astreinte.ics)]({feed})", feed=feed)
                   + '{ .md-button data-pb-feed="planning" }\n\n'
                   + lang("A copy is downloaded once and never changes: import it into your calendar (Outlook, "
                          "Google Calendar, Thunderbird, phone) and every on-duty slot shows in it, absences taken "
                          "out. For a calendar that follows the schedule's changes, subscribe to its address "
                          "(the {button} button, when the site is published on a server).",
                          button=lang.quote(lang("Subscribe")))),
    ]
    if not people:
        out.append(admonition("danger", lang("Nobody on duty"),
                              lang("Nobody in `roles.yml` holds a community manager role.")))
    for promise in groups:
        out.append(_promise_section(playbook, promise, on_duty, lang))
    if unknown:
        out.append(admonition("warning", lang("Unknown hours"),
                              lang("These channels refer to hours that are not defined in `organisation.yml`: "
                                   "{channels}.", channels=", ".join(inline(c.label) for c in unknown))))
    out.append("## " + lang("Who is on duty, day by day") + " {#equipe}")
    if not groups:
        description = lang("No active channel promises a response time; the picture only shows who is on duty.")
        svg = coverage_svg(None, on_duty, WeeklyHours(), "equipe-image", lang("Typical week: the team on duty"),
                           description, lang)
        out.append(_figure(svg, html_text(description)))
    rows = []
    for day in range(7):
        nobody = ranges_text(day_ranges(subtract_hours(WeeklyHours.always(), on_duty), day), lang)
        rows.append([f"**{lang.weekday(day).capitalize()}**", _who(playbook, people, day, lang), nobody or "—"])
    out.append(table([lang("Day"), lang("On duty"), lang("No one on duty")], rows))
    out.append("## " + lang("Planned absences") + " {#absences}")
    out.append(_absences(playbook, people, today, lang))
    return "\n\n".join(out) + "\n"


__all__ = ["coverage_svg", "describe_hours", "on_duty_people", "promises", "render"]
