"""The tone page (editorial charter) and the staff usage charter.

Tone: how the company speaks — voice, register, examples to follow and to avoid side by side,
the vocabulary, banned terms and forbidden topics the draft linter enforces. Charter: the
rules every employee follows, with the date it was last reviewed and a warning when the
review is overdue, because an out-of-date charter protects nobody.
"""

from __future__ import annotations

import datetime as dt

from linter.core.i18n import N_, Language
from linter.playbook.model import Playbook
from linter.site.markup import (
    admonition,
    block,
    fact,
    inline,
    show_date,
    show_duration,
    show_list,
    show_number,
    table,
)
from linter.site.pages.common import anchor, label

_REGISTER = {"vous": N_("formal address: we say “vous” to everyone"),
             "tu": N_("informal address: we say “tu” to our community")}
_SPACING = {"narrow": N_("narrow no-break space before ; : ! ? and inside « guillemets »"),
            "normal": N_("no-break space before : ; ! ? and inside « guillemets »"),
            "off": N_("no spacing rule checked")}
_EMOJI = {"free": N_("free"), "sparing": N_("sparingly"), "none": N_("no emoji")}
_HASHTAGS = {"any": N_("written freely"), "camel": N_("a capital letter at each word (#AppleJuice), easier to read "
                                                      "and better read by screen readers")}


def _side_by_side(do: str, dont: str, do_title: str, dont_title: str) -> str:
    """Two admonitions in a grid: next to each other on a wide screen, one above the other on a phone."""
    return ('<div class="grid pb-do-dont" markdown>\n\n'
            + admonition("success", do_title, do) + "\n"
            + admonition("failure", dont_title, dont)
            + "\n</div>")


def render_tone(playbook: Playbook, lang: Language) -> str:
    tone = playbook.tone
    out = ["# " + lang("Tone and vocabulary"),
           lang("How we speak on behalf of the company. The linter checks every draft post against these rules: "
                "words to avoid, banned terms, forbidden topics, register, typography.")]
    if tone.voice:
        out += ["## " + lang("Our voice") + " {#voix}", block(tone.voice)]
    facts = []
    if tone.register:
        facts.append(fact(lang, lang("Register"), label(lang, _REGISTER, tone.register)))
    facts.append(fact(lang, lang("Typography"), label(lang, _SPACING, tone.french_spacing)))
    facts.append(fact(lang, lang("Emojis"), label(lang, _EMOJI, tone.emoji_policy)))
    facts.append(fact(lang, lang("Hashtags"), label(lang, _HASHTAGS, tone.hashtag_case)))
    if tone.promo_max_share is not None:
        share = show_number(lang, round(tone.promo_max_share * 100))
        facts.append(fact(lang, lang("Commercial posts"), lang.plural(
            "at most {share} % of the posts over a sliding {count} day",
            "at most {share} % of the posts over a sliding {count} days", tone.promo_window_days, share=share)))
    if tone.reaction_window_minutes:
        facts.append(fact(lang, lang("After each post"),
                          lang("someone stays available {duration} to answer the first reactions",
                               duration=show_duration(lang, tone.reaction_window_minutes))))
    if tone.require_https:
        facts.append(fact(lang, lang("Links"), lang("always https://")))
    if tone.shorteners:
        facts.append(fact(lang, lang("Banned link shorteners"), ", ".join(inline(item) for item in tone.shorteners)))
    if tone.max_caps_words is not None:
        acronyms = (" " + lang("(acronyms allowed: {acronyms})", acronyms=", ".join(inline(a) for a in tone.acronyms))
                    if tone.acronyms else "")
        facts.append(fact(lang, lang("Capitals"), lang.plural(
            "at most {count} word in capitals per post", "at most {count} words in capitals per post",
            tone.max_caps_words) + acronyms))
    if tone.disclosure_markers:
        facts.append(fact(lang, lang("Partnership disclosures"), ", ".join(inline(m) for m in tone.disclosure_markers)))
    out += ["## " + lang("In practice") + " {#en-pratique}", "\n".join(facts)]
    if tone.posting_rules:
        out += ["## " + lang("Posting rules") + " {#regles-de-publication}",
                "\n".join(f"{index}. {inline(rule)}" for index, rule in enumerate(tone.posting_rules, 1))]
    if tone.examples:
        out.append("## " + lang("Examples") + " {#exemples}")
        for index, example in enumerate(tone.examples, 1):
            out.append("### " + lang("Example {number}", number=index) + f" {{#exemple-{index}}}")
            out.append(_side_by_side(block(example.do), block(example.dont), lang("To write"), lang("To avoid")))
            if example.why:
                out.append("**" + lang("Why.") + "** " + inline(example.why))
    if tone.vocabulary:
        out.append("## " + lang("Vocabulary") + " {#vocabulaire}")
        out.append(table([lang("Say"), lang("Rather than"), lang("Why")],
                         [[f"**{inline(entry.use)}**", ", ".join(inline(word) for word in entry.avoid) or "—",
                           inline(entry.note) if entry.note else "—"] for entry in tone.vocabulary]))
    if tone.banned_terms:
        out.append("## " + lang("Banned terms") + " {#termes-interdits}")
        out.append(lang("These words must never appear in a post."))
        out.append(table([lang("Term"), lang("Reason")],
                         [[f"**{inline(item.term)}**", inline(item.reason) if item.reason else "—"]
                                               for item in tone.banned_terms]))
    if tone.forbidden_topics:
        out.append("## " + lang("Forbidden topics") + " {#sujets-interdits}")
        out.append(lang("We never speak on these topics. The linter spots the words that give them away."))
        out.append(table([lang("Topic"), lang("Words spotted")],
                         [[f"**{inline(topic.name)}**", ", ".join(inline(t) for t in topic.terms)]
                          for topic in tone.forbidden_topics]))
    if tone.competitors:
        out.append("## " + lang("Competitors") + " {#concurrents}")
        out.append(lang("We do not name our competitors and never criticise them."))
        out.append(table([lang("Competitor"), lang("Words spotted")],
                         [[f"**{inline(item.name)}**", ", ".join(inline(t) for t in item.terms)]
                          for item in tone.competitors]))
    return "\n\n".join(out) + "\n"


def charter_overdue(playbook: Playbook, today: dt.date) -> bool:
    next_review = playbook.charter.next_review
    return next_review is not None and next_review < today


def render_charter(playbook: Playbook, today: dt.date, lang: Language) -> str:
    charter = playbook.charter
    out = ["# " + lang("Social media usage charter"),
           lang("The rules every employee follows when speaking about the company online, at work as on their "
                "personal accounts.")]
    facts = []
    if charter.version:
        facts.append(fact(lang, lang("Version"), inline(charter.version)))
    facts.append(fact(lang, lang("Last review"), show_date(lang, charter.last_reviewed)))
    if charter.next_review is not None:
        facts.append(fact(lang, lang("Next review planned"), show_date(lang, charter.next_review)))
    out.append("\n".join(facts))
    if charter_overdue(playbook, today):
        out.append(admonition("warning", lang("Review overdue"),
                              lang("This charter was due for review by {date}. A charter that is out of date no longer "
                                   "protects anybody: gather the people who wrote it, review it, then update "
                                   "`last_reviewed` in `usage-charter.yml`.",
                                   date=show_date(lang, charter.next_review))))
    elif charter.last_reviewed is None:
        out.append(admonition("warning", lang("Review date unknown"),
                              lang("`usage-charter.yml` does not say when the charter was last reviewed.")))
    if charter.written_with:
        out.append("## " + lang("Written with") + " {#ecrite-avec}")
        out.append("\n".join(f"- {inline(item)}" for item in charter.written_with))
    if charter.sensitive_subjects:
        out.append("## " + lang("Sensitive subjects") + " {#sujets-sensibles}")
        out.append(lang("Nobody speaks about them online, neither on behalf of the company nor about it:"))
        out.append("\n".join(f"- {inline(item)}" for item in charter.sensitive_subjects))
    if charter.rules:
        out.append("## " + lang("The rules") + " {#regles}")
        links = show_list(lang, [f"[{inline(rule.title or rule.id)}](#{anchor('regle', rule.id)})"
                                 for rule in charter.rules])
        out.append(lang.plural("{count} rule: {rules}.", "{count} rules: {rules}.", len(charter.rules), rules=links))
    for rule in charter.rules:
        out.append(f"### {inline(rule.title or rule.id)} {{#{anchor('regle', rule.id)}}}")
        do = "\n".join(f"- {inline(item)}" for item in rule.do) or "—"
        dont = "\n".join(f"- {inline(item)}" for item in rule.dont) or "—"
        out.append(_side_by_side(do, dont, lang("Do"), lang("Do not")))
        if rule.rationale:
            out.append("**" + lang("Why.") + "** " + inline(rule.rationale))
    return "\n\n".join(out) + "\n"


