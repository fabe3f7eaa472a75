"""The crisis runbook: what to do when a bad buzz starts, readable in seconds on a phone.

Reacting at birth can stop a crisis; in propagation it is already late. The page therefore
opens with the current status and three links (which phase, whom to alert, what to post),
then the levels, the five phases as a timeline and, for each phase, a checklist with its
owner and maximum delay, the escalation chain and the holding statements (copy buttons).
While crisis.yml says a crisis is active, the plugin shows a banner on every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.core.i18n import Language
from linter.playbook.model import Phase, Playbook
from linter.site.markup import (
    admonition,
    block,
    code_block,
    fact,
    html_text,
    indent,
    inline,
    mail_link,
    show_datetime,
    show_duration,
    table,
)
from linter.site.pages.common import (
    CRISIS,
    PHASE_ORDER,
    anchor,
    channel_link,
    channel_short,
    language_name,
    person_link,
    profile_link,
)

HERE = CRISIS
_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_PHASE_COLORS = {"birth": "#f9a825", "virality": "#ef6c00", "propagation": "#c62828",
                 "lassitude": "#5e35b1", "resolution": "#2e7d32"}


def ordered_phases(playbook: Playbook) -> list[Phase]:
    return sorted(playbook.crisis.phases, key=lambda phase: PHASE_ORDER.get(phase.id, 99))


@dataclass(frozen=True)
class Banner:
    """The site-wide notice shown while a crisis is active (``html`` is escaped, ready to insert)."""

    html: str
    page: str = CRISIS


def banner(playbook: Playbook, lang: Language) -> Banner | None:
    status = playbook.crisis.status
    if status is None or not status.active:
        return None
    text = "<strong>" + html_text(lang("Crisis under way")) + "</strong>"
    if status.level is not None:
        level = next((item for item in playbook.crisis.levels if item.id == status.level), None)
        text += html_text(lang(" — level {level}: {name}", level=status.level, name=level.name) if level and level.name
                          else lang(" — level {level}", level=status.level))
    text += "."
    if status.summary:
        text += f" {html_text(status.summary)}"
    if status.frozen_channels:
        names = ", ".join(channel_short(channel) if (channel := playbook.channel(c)) else c
                          for c in status.frozen_channels)
        text += " " + html_text(lang("Posts suspended on: {channels}.", channels=names))
    return Banner(text)


def _people_of(playbook: Playbook, profile_id: str | None) -> str:
    if not profile_id:
        return ""
    people = playbook.people_with_role(profile_id)
    return ", ".join(person_link(playbook, HERE, person.id) + (f" ({mail_link(person.email)})" if person.email else "")
                     for person in people)


def timeline_svg(phases: list[Phase], playbook: Playbook, lang: Language) -> str:
    """The five phases top to bottom, each with its maximum delay and owner."""
    row, width = 66, 420
    height = 16 + row * len(phases)
    names = ", ".join(f"{index}. {phase.name or phase.id}" for index, phase in enumerate(phases, 1))
    title = lang("The phases of a crisis, in order: {phases}", phases=names)
    out = [f'<svg class="pb-timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
           f'aria-labelledby="pb-timeline-title" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="pb-timeline-title">{html_text(title)}</title>']
    if len(phases) > 1:
        out.append(f'<line class="pb-timeline-line" x1="24" y1="{16 + 20}" x2="24" '
                   f'y2="{16 + row * (len(phases) - 1) + 20}" stroke="#9e9e9e" stroke-width="4"/>')
    for index, phase in enumerate(phases):
        cy = 16 + index * row + 20
        color = _PHASE_COLORS.get(phase.id, "#546e7a")
        text_color = "#000000" if phase.id == "birth" else "#ffffff"
        out.append(f'<circle cx="24" cy="{cy}" r="18" fill="{color}"/>')
        out.append(f'<text x="24" y="{cy + 6}" text-anchor="middle" font-size="17" font-weight="bold" '
                   f'fill="{text_color}">{index + 1}</text>')
        out.append(f'<text class="pb-timeline-name" x="54" y="{cy - 2}" font-size="18" font-weight="bold" '
                   f'fill="#212121">{html_text(phase.name or phase.id)}</text>')
        details = []
        if phase.max_delay_minutes:
            details.append(lang("act within {duration}", duration=show_duration(lang, phase.max_delay_minutes)))
        if phase.owner:
            owner = playbook.profile(phase.owner)
            details.append(owner.name if owner and owner.name else phase.owner)
        if details:
            out.append(f'<text class="pb-timeline-detail" x="54" y="{cy + 19}" font-size="15" '
                       f'fill="#424242">{html_text(" · ".join(details))}</text>')
    out.append("</svg>")
    return "".join(out)


def _status(playbook: Playbook, lang: Language) -> str:
    status = playbook.crisis.status
    if status is None or not status.active:
        return admonition("success", lang("No crisis under way"),
                          lang("The crisis plan says no crisis is under way. Read this page now, before you need it: "
                               "reacting as soon as a crisis is born is how it is avoided."))
    lines = []
    if status.summary:
        lines.append(block(status.summary))
    facts = []
    if status.level is not None:
        level = next((item for item in playbook.crisis.levels if item.id == status.level), None)
        facts.append(fact(lang, lang("Level"),
                          f"{status.level}" + (f" — {inline(level.name)}" if level and level.name else "")))
    if status.started_at is not None:
        facts.append(fact(lang, lang("Since"), show_datetime(lang, status.started_at)))
    if status.lead:
        facts.append(fact(lang, lang("Crisis lead"), person_link(playbook, HERE, status.lead)))
    if status.frozen_channels:
        facts.append(fact(lang, lang("Posts suspended on"),
                          ", ".join(channel_link(playbook, HERE, c) for c in status.frozen_channels)))
    if facts:
        lines.append("\n".join(facts))
    lines.append(lang("No scheduled post goes out on the suspended channels. Follow the current phase below and go "
                      "through the person leading the crisis before saying anything."))
    return admonition("danger", lang("Crisis under way"), "\n\n".join(lines))


def _phase(playbook: Playbook, number: int, phase: Phase, lang: Language) -> str:
    heading = lang("Phase {number} — {name}", number=number, name=inline(phase.name or phase.id))
    out = ['<div class="pb-phase" markdown>', "",
           f"## {heading} {{#{anchor('phase', phase.id)}}}", ""]
    facts = [fact(lang, lang("Owner"), profile_link(playbook, HERE, phase.owner)
                  + (f" — {_people_of(playbook, phase.owner)}" if _people_of(playbook, phase.owner) else "")),
             fact(lang, lang("Longest delay to act"),
                  f"**{show_duration(lang, phase.max_delay_minutes)}**" if phase.max_delay_minutes
                  else lang("not given"))]
    out += ["\n".join(facts), ""]
    if phase.description:
        out += [block(phase.description), ""]
    if phase.signals:
        out += ["**" + lang("Signals that show we are there:") + "**", "",
                "\n".join(f"- {inline(signal)}" for signal in phase.signals), ""]
    if phase.actions:
        out += ["**" + lang("To do, in order:") + "**", "",
                "\n".join(f"- [ ] {inline(action)}" for action in phase.actions), ""]
    else:
        out += [lang("*No action is planned for this phase yet.*"), ""]
    out.append("</div>")
    return "\n".join(out)


def render(playbook: Playbook, lang: Language) -> str:
    crisis = playbook.crisis
    phases = ordered_phases(playbook)
    jump = " · ".join(f"[{inline(phase.name or phase.id)}](#{anchor('phase', phase.id)})" for phase in phases)
    out = ["# " + lang("Crisis plan"), _status(playbook, lang),
           admonition("tip", lang("In a bad buzz, right away"),
                      lang("1. **Find the phase**: {phases}", phases=jump or "—") + "\n"
                      + lang("2. **Alert** in the order of the [alert chain](#alerte).") + "\n"
                      + lang("3. **Post a [holding statement](#messages)** if the subject spreads, then check the "
                             "facts."))]
    from linter.site.pages import call_now, crisis_card  # they read the phases' order from this module

    out.append(crisis_card.print_button(lang))
    out.append(call_now.render(playbook, HERE, lang))
    if crisis.levels:
        out.append("## " + lang("Severity levels") + " {#niveaux}")
        out.append(table([lang("Level"), lang("Name"), lang("Criteria")],
                         [[str(level.id), f"**{inline(level.name)}**",
                           "<br>".join(inline(item) for item in level.criteria) or "—"]
                          for level in sorted(crisis.levels, key=lambda item: item.id)]))
    if phases:
        out.append("## " + lang("The five phases") + " {#phases}")
        out.append(lang("A crisis goes through five phases. Acting at birth can avoid everything; once in propagation, "
                        "it is already late."))
        caption = lang("The phases in order, with the longest delay to act and the role in charge.")
        out.append(f'<figure class="pb-figure">\n{timeline_svg(phases, playbook, lang)}\n'
                   f'<figcaption>{html_text(caption)}</figcaption>\n</figure>')
        out.extend(_phase(playbook, number, phase, lang) for number, phase in enumerate(phases, 1))
    out.append("## " + lang("Alert chain") + " {#alerte}")
    if crisis.escalation:
        out.append(lang("Whom to warn, in this order:"))
        steps = []
        for number, step in enumerate(crisis.escalation, 1):
            people = _people_of(playbook, step.role)
            line = f"{number}. **{profile_link(playbook, HERE, step.role)}**"
            if step.when:
                line += f" — {inline(step.when)}"
            if people:
                line += "\n\n" + indent(lang("Contact: {email}", email=people))
            steps.append(line)
        out.append("\n\n".join(steps))
    else:
        out.append(lang("*The alert chain is not defined yet.*"))
    out.append("## " + lang("Holding statements") + " {#messages}")
    if crisis.holding_statements:
        out.append(lang("Texts ready to post while we check the facts. The copy button, at the top right of each "
                        "text, copies it as it is; adapt it if needed before posting."))
        for statement in crisis.holding_statements:
            # A statement in another language than the page's is marked, so screen readers speak it right.
            tag = statement.language if statement.language and _LANG_TAG.fullmatch(statement.language) else None
            lang_attr = f' lang="{tag}"' if tag and tag != lang.code else ""
            ident = anchor("message", statement.id)
            out.append(f"### {inline(statement.title or statement.id)} {{#{ident}{lang_attr}}}")
            out.append("*" + lang("Language: {language}", language=inline(language_name(lang, statement.language)))
                       + "*")
            text = code_block(statement.text, classes=("pb-statement",))
            out.append(f'<div class="pb-statement-text"{lang_attr} markdown>\n\n{text}\n\n</div>'
                       if lang_attr else text)
    else:
        out.append(lang("*No holding statement is ready yet.*"))
    return "\n\n".join(out) + "\n"
