"""The texts of the site's script (theme/assets/playbook/playbook.js), in the site's language.

The script writes sentences at the reader's moment (« qui appeler maintenant », the print date of
the crisis card, the subscribe button of the calendar feeds). It has no catalog of its own: the
plugin puts these texts, translated, in every page as JSON (theme/main.html, ``pb-texts``) and
the script fills their ``{placeholders}``. A key is the English text itself.
"""

from __future__ import annotations

from linter.core.i18n import Language, _babel_locale


def texts(lang: Language) -> dict[str, object]:
    from babel.dates import get_month_names

    months = get_month_names("wide", locale=_babel_locale(lang.code))
    messages = [
        lang("today"), lang("tomorrow"), lang("{date} at {time}"), lang("{weekday} {day} {month}"),
        lang("{weekday} {day} {month} {year}, {time}"), lang("{day} {month} {year}"), lang("(intern)"),
        lang("call {phone}"), lang("— no phone in the playbook"), lang("{items} or {last}"), lang("; "),
        lang("On call {name}, to act within {delay}: call the person on call this week, one of these:"),
        lang("On call {name}: call the person on call this week, one of these:"),
        lang("It is"), lang("(the organisation's time, {zone})."), lang("Answering the public"),
        lang("On duty right now:"), lang("(until {time})"), lang("Nobody is on duty right now."),
        lang("(answer within {delays})"), lang("{channels}: answer promised right now{delay}, covered."),
        lang("{channels}: answer promised right now{delay}, but nobody is on duty."),
        lang("Next promised slot: {when}."), lang("{channels}: no answer promised right now.{next}"),
        lang("Next change of team: {when} — {then}."), lang("on duty next: {names}"),
        lang("nobody on duty any more"), lang("Next person on duty: {name}, {when}."),
        lang("No on-call rota covers this moment. In a crisis, call the people of the alert chain below in order, "
             "even outside their hours."),
        lang("A promised hour with nobody on duty"),
        lang("An answer is promised right now on {channels}, but nobody is on duty."), lang("In a crisis"),
        lang("(at work until {time})"), lang("(at work)"), lang("Nobody in this role is at work right now."),
        lang("Back {when}: "), lang("Nobody holds this role in the playbook."), lang("A promised hour with nobody"),
        lang("The alert chain promises this role {hours}, but nobody is at work or on call right now."),
        lang("24 hours a day"), lang("at this time"),
        lang("Subscribe (the calendar updates itself)"),
        lang("Or add a calendar “from a web address (URL)” with this one: "),
        lang("This site is opened from a copied folder: only the copy works here. To subscribe, open the published "
             "version of the site."),
    ]
    keys = [
        "today", "tomorrow", "{date} at {time}", "{weekday} {day} {month}", "{weekday} {day} {month} {year}, {time}",
        "{day} {month} {year}", "(intern)", "call {phone}", "— no phone in the playbook", "{items} or {last}", "; ",
        "rota with delay", "rota", "It is", "(the organisation's time, {zone}).", "Answering the public",
        "On duty right now:", "(until {time})", "Nobody is on duty right now.", "(answer within {delays})",
        "covered", "uncovered", "Next promised slot: {when}.", "not promised", "Next change of team: {when} — {then}.",
        "on duty next: {names}", "nobody on duty any more", "Next person on duty: {name}, {when}.", "no rota",
        "A promised hour with nobody on duty", "promised, nobody", "In a crisis", "(at work until {time})",
        "(at work)", "Nobody in this role is at work right now.", "Back {when}: ",
        "Nobody holds this role in the playbook.", "A promised hour with nobody", "role promised, nobody",
        "24 hours a day", "at this time", "subscribe", "add by address", "copied folder",
    ]
    result: dict[str, object] = dict(zip(keys, messages, strict=True))
    result["days"] = [lang.weekday(day) for day in range(7)]
    result["months"] = [str(months[month]) for month in range(1, 13)]
    result["first"] = lang.typography.first_of_month or "1"
    result["clock"] = _js_pattern(lang.typography.clock)
    result["clock on the hour"] = _js_pattern(lang.typography.clock_on_the_hour)
    return result


def _js_pattern(pattern: str) -> str:
    """A ``Typography`` clock pattern for the script: ``{hour:02d}`` becomes ``{hh}``, ``{minute:02d}`` ``{mm}``.

    The script writes a time of day as ``Language.clock`` does (``14 h 30``, ``14:30``), from the same pattern.
    """
    import re

    return re.sub(r"\{(hour|minute):02d\}", lambda match: "{hh}" if match.group(1) == "hour" else "{mm}", pattern)
