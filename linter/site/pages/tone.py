"""The tone page (editorial charter) and the staff usage charter.

Tone: how the company speaks — voice, register, examples to follow and to avoid side by side,
the vocabulary, banned terms and forbidden topics the draft linter enforces. Charter: the
rules every employee follows, with the date it was last reviewed and a warning when the
review is overdue, because an out-of-date charter protects nobody.
"""

from __future__ import annotations

import datetime as dt

from linter.playbook.model import Playbook
from linter.site.markup import (
    admonition,
    block,
    fact,
    fr_date,
    fr_duration,
    fr_list,
    inline,
    plural,
    table,
)
from linter.site.pages.common import anchor

_REGISTER = {"vous": "vouvoiement : nous disons « vous » à tout le monde",
             "tu": "tutoiement : nous disons « tu » à notre communauté"}
_SPACING = {"narrow": "espace fine insécable avant ; : ! ? et dans les « guillemets »",
            "normal": "espace insécable avant : ; ! ? et dans les « guillemets »",
            "off": "pas de règle d'espacement vérifiée"}
_EMOJI = {"free": "libre", "sparing": "avec parcimonie", "none": "aucun émoji"}
_HASHTAGS = {"any": "écriture libre", "camel": "une majuscule à chaque mot (#JusDePomme), plus lisible et mieux lu "
                                                "par les lecteurs d'écran"}


def _side_by_side(do: str, dont: str, do_title: str = "À écrire", dont_title: str = "À éviter") -> str:
    """Two admonitions in a grid: next to each other on a wide screen, one above the other on a phone."""
    return ('<div class="grid pb-do-dont" markdown>\n\n'
            + admonition("success", do_title, do) + "\n"
            + admonition("failure", dont_title, dont)
            + "\n</div>")


def render_tone(playbook: Playbook) -> str:
    tone = playbook.tone
    out = ["# Ton et vocabulaire",
           "Comment nous parlons au nom de l'entreprise. Le linter vérifie chaque brouillon de publication "
           "à partir de ces règles : mots à éviter, termes interdits, sujets interdits, registre, typographie."]
    if tone.voice:
        out += ["## Notre voix {#voix}", block(tone.voice)]
    facts = []
    if tone.register:
        facts.append(fact("Registre", inline(_REGISTER.get(tone.register, tone.register))))
    facts.append(fact("Typographie", inline(_SPACING.get(tone.french_spacing, tone.french_spacing))))
    facts.append(fact("Émojis", inline(_EMOJI.get(tone.emoji_policy, tone.emoji_policy))))
    facts.append(fact("Hashtags", inline(_HASHTAGS.get(tone.hashtag_case, tone.hashtag_case))))
    if tone.promo_max_share is not None:
        share = round(tone.promo_max_share * 100)
        facts.append(fact("Publications commerciales", f"au plus {share}\u202f% des publications sur "
                                                       f"{plural(tone.promo_window_days, 'jour')} glissants"))
    if tone.reaction_window_minutes:
        facts.append(fact("Après chaque publication",
                          f"quelqu'un reste disponible {fr_duration(tone.reaction_window_minutes)} "
                          "pour répondre aux premières réactions"))
    if tone.require_https:
        facts.append(fact("Liens", "toujours en https://"))
    if tone.shorteners:
        facts.append(fact("Raccourcisseurs de liens interdits", ", ".join(inline(item) for item in tone.shorteners)))
    if tone.max_caps_words is not None:
        acronyms = " (sigles admis : " + ", ".join(inline(a) for a in tone.acronyms) + ")" if tone.acronyms else ""
        facts.append(fact("Majuscules",
                          f"au plus {plural(tone.max_caps_words, 'mot')} tout en capitales par publication" + acronyms))
    if tone.disclosure_markers:
        facts.append(fact("Mentions de partenariat", ", ".join(inline(m) for m in tone.disclosure_markers)))
    out += ["## En pratique {#en-pratique}", "\n".join(facts)]
    if tone.posting_rules:
        out += ["## Règles de publication {#regles-de-publication}",
                "\n".join(f"{index}. {inline(rule)}" for index, rule in enumerate(tone.posting_rules, 1))]
    if tone.examples:
        out.append("## Exemples {#exemples}")
        for index, example in enumerate(tone.examples, 1):
            out.append(f"### Exemple {index} {{#exemple-{index}}}")
            out.append(_side_by_side(block(example.do), block(example.dont)))
            if example.why:
                out.append(f"**Pourquoi.** {inline(example.why)}")
    if tone.vocabulary:
        out.append("## Vocabulaire {#vocabulaire}")
        out.append(table(["Dire", "Plutôt que", "Pourquoi"],
                         [[f"**{inline(entry.use)}**", ", ".join(inline(word) for word in entry.avoid) or "—",
                           inline(entry.note) if entry.note else "—"] for entry in tone.vocabulary]))
    if tone.banned_terms:
        out.append("## Termes interdits {#termes-interdits}")
        out.append("Ces mots ne doivent jamais apparaître dans une publication.")
        out.append(table(["Terme", "Raison"], [[f"**{inline(item.term)}**", inline(item.reason) if item.reason else "—"]
                                               for item in tone.banned_terms]))
    if tone.forbidden_topics:
        out.append("## Sujets interdits {#sujets-interdits}")
        out.append("Nous ne nous exprimons jamais sur ces sujets. Le linter repère les mots qui les trahissent.")
        out.append(table(["Sujet", "Mots repérés"],
                         [[f"**{inline(topic.name)}**", ", ".join(inline(t) for t in topic.terms)]
                          for topic in tone.forbidden_topics]))
    if tone.competitors:
        out.append("## Concurrents {#concurrents}")
        out.append("Nous ne citons pas nos concurrents et ne les critiquons jamais.")
        out.append(table(["Concurrent", "Mots repérés"],
                         [[f"**{inline(item.name)}**", ", ".join(inline(t) for t in item.terms)]
                          for item in tone.competitors]))
    return "\n\n".join(out) + "\n"


def charter_overdue(playbook: Playbook, today: dt.date) -> bool:
    next_review = playbook.charter.next_review
    return next_review is not None and next_review < today


def render_charter(playbook: Playbook, today: dt.date) -> str:
    charter = playbook.charter
    out = ["# Charte d'utilisation des réseaux sociaux",
           "Les règles que chaque salarié applique quand il parle de l'entreprise en ligne, au travail comme "
           "sur ses comptes personnels."]
    facts = []
    if charter.version:
        facts.append(fact("Version", inline(charter.version)))
    facts.append(fact("Dernière relecture", fr_date(charter.last_reviewed)))
    if charter.next_review is not None:
        facts.append(fact("Prochaine relecture prévue", fr_date(charter.next_review)))
    out.append("\n".join(facts))
    if charter_overdue(playbook, today):
        out.append(admonition("warning", "Relecture en retard",
                              f"Cette charte devait être relue au plus tard le {fr_date(charter.next_review)}. "
                              "Une charte qui n'est plus à jour ne protège plus personne : réunissez les personnes "
                              "qui l'ont écrite, relisez-la, puis mettez à jour `last_reviewed` dans "
                              "`usage-charter.yml`."))
    elif charter.last_reviewed is None:
        out.append(admonition("warning", "Date de relecture inconnue",
                              "`usage-charter.yml` n'indique pas quand la charte a été relue pour la dernière fois."))
    if charter.written_with:
        out.append("## Écrite avec {#ecrite-avec}")
        out.append("\n".join(f"- {inline(item)}" for item in charter.written_with))
    if charter.sensitive_subjects:
        out.append("## Sujets sensibles {#sujets-sensibles}")
        out.append("Personne n'en parle en ligne, ni au nom de l'entreprise ni à son sujet :")
        out.append("\n".join(f"- {inline(item)}" for item in charter.sensitive_subjects))
    if charter.rules:
        out.append("## Les règles {#regles}")
        out.append(f"{plural(len(charter.rules), 'règle')} : "
                   + fr_list([f"[{inline(rule.title or rule.id)}](#{anchor('regle', rule.id)})"
                              for rule in charter.rules]) + ".")
    for rule in charter.rules:
        out.append(f"### {inline(rule.title or rule.id)} {{#{anchor('regle', rule.id)}}}")
        do = "\n".join(f"- {inline(item)}" for item in rule.do) or "—"
        dont = "\n".join(f"- {inline(item)}" for item in rule.dont) or "—"
        out.append(_side_by_side(do, dont, "À faire", "À ne pas faire"))
        if rule.rationale:
            out.append(f"**Pourquoi.** {inline(rule.rationale)}")
    return "\n\n".join(out) + "\n"


