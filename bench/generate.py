"""Seedable generator of synthetic benchmark workloads: a playbook and N draft posts.

Why synthetic: the sample playbook has a handful of terms and the sample drafts a few dozen
posts, while a large brand keeps thousands of scheduled drafts and hundreds of terms. The
benchmark needs workloads of any size, identical from one run (and one machine) to the next,
so everything here derives from one ``random.Random(seed)``: same seed, same bytes.

What is generated:

* a playbook folder (the eight required files plus ``calendar.yml``) that ``playbook
  validate`` accepts, with a configurable number of people, channels, vocabulary terms and
  forbidden topics. Terms are invented words (``brivaloche``) or a common word followed by an
  invented one (``offre talmusque``), so they never collide with the prose by accident and
  the multi-word (n-gram) path of the matcher is exercised;
* N drafts (Markdown + YAML front matter), French and English, whose length follows the
  channel they are for (a short post for X, a long article for the blog), scheduled over
  months. A known share of them carry exactly one injected rule violation; what was injected
  is written to ``manifest.json`` so a run can be sanity-checked;
* ``terms.json``: every banned/avoided/forbidden/competitor term, which the peers (textlint
  + ng-word) and the floor are given as their "equivalent banned-term list".

Every text is written for this file (French prose for a fictitious company, English for the
English drafts); nothing is copied from elsewhere.

Usage::

    python bench/generate.py OUT --drafts 1000 --terms 300 --seed 7
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

NNBSP = "\u202f"  # narrow no-break space: French typography before ; : ! ? and inside « »
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_START = dt.date(2027, 1, 4)  # a Monday; drafts are scheduled from here on
DEFAULT_TODAY = dt.date(2027, 1, 1)  # the date validate/lint are told it is (--today/--now)


# --------------------------------------------------------------------------- words
# Syllables of the invented words. Every invented word carries a "k", "z" or "w" cluster
# that no French or English word of the prose below contains, so a term never matches
# the prose by accident, even after stemming.
_ONSETS = ("br", "k", "z", "tr", "v", "gl", "m", "s", "pl", "d", "f", "l", "n", "gr", "ch", "t")
_NUCLEI = ("a", "o", "i", "u", "e", "ou", "ai", "é", "an", "on")
_CODAS = ("kor", "zine", "wal", "kette", "zan", "vok", "rzel", "kine", "zol", "wenne", "kast", "zour")

COMMON_FR = ("offre", "prix", "jus", "gamme", "atelier", "visite", "saison", "coffret", "recette",
             "produit", "service", "marché", "label", "promesse", "méthode")
COMMON_EN = ("offer", "price", "juice", "range", "workshop", "season", "box", "recipe", "product",
             "service", "market", "label")


def invented_word(rng: random.Random) -> str:
    return rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_ONSETS[:8]) + rng.choice(_NUCLEI[:5]) \
        + rng.choice(_CODAS)


def invented_terms(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct terms: 70 % one word, 25 % two words, 5 % three words."""
    terms: list[str] = []
    seen: set[str] = set()
    while len(terms) < count:
        roll = rng.random()
        if roll < 0.70:
            term = invented_word(rng)
        elif roll < 0.95:
            term = f"{rng.choice(COMMON_FR + COMMON_EN)} {invented_word(rng)}"
        else:
            term = f"{rng.choice(COMMON_FR)} {invented_word(rng)} {invented_word(rng)}"
        # distinct also up to a final s/e, so the linter's light stemming keeps them apart
        key = " ".join(word.rstrip("se") for word in term.split())
        if key not in seen:
            seen.add(key)
            terms.append(term)
    return terms


# --------------------------------------------------------------------------- prose
# Sentence templates with slots. French ones address readers as "vous" and use only
# full stops and commas (French typography needs a narrow space before ; : ! ?, which
# the generator adds itself where it uses them).
FR_SENTENCES = (
    "Cette semaine, {team} prépare {product} pour la boutique de {place}.",
    "Nous avons reçu {count} commandes depuis lundi, merci pour votre confiance.",
    "La boutique de {place} vous accueille du mardi au samedi, de 9 h à 18 h 30.",
    "Vous pouvez retrouver {product} chez nos revendeurs de {place} dès {day}.",
    "Notre atelier ouvre ses portes {day} pour une visite commentée d'une heure.",
    "Chaque lot est contrôlé deux fois avant de quitter l'entrepôt.",
    "{person} vous explique comment nous choisissons les fruits de {product}.",
    "Les inscriptions pour l'atelier de {day} sont ouvertes sur notre site.",
    "Nous travaillons avec {count} producteurs installés à moins de cinquante kilomètres.",
    "Merci à toutes celles et ceux qui sont passés nous voir samedi dernier.",
    "La récolte a commencé plus tôt que prévu à cause de la chaleur de septembre.",
    "Vous nous avez posé beaucoup de questions sur {product}, voici nos réponses.",
    "Le coffret de saison réunit {count} bouteilles et une fiche de dégustation.",
    "Notre équipe s'agrandit et cherche une personne pour la logistique à {place}.",
    "Les livraisons reprendront normalement {day}, après l'inventaire annuel.",
    "Nous vous conseillons de conserver {product} au frais après ouverture.",
    "{person} a rejoint l'équipe du service client le mois dernier.",
    "Le marché de {place} accueille notre stand tous les premiers dimanches du mois.",
    "Nos étiquettes indiquent désormais la parcelle d'origine de chaque fruit.",
    "Un grand merci à l'école de {place} pour sa visite de jeudi matin.",
    "Les horaires changent pendant les vacances, pensez à vérifier avant de venir.",
    "Vous trouverez la fiche technique complète de {product} dans notre espace professionnel.",
    "Nous avons remplacé les cartons d'expédition par un emballage recyclé.",
    "La dégustation de {day} se tiendra dans la cour, même en cas de pluie.",
    "Nos producteurs partenaires récoltent à la main les variétés les plus fragiles.",
    "{team} a testé trois nouvelles recettes avant de retenir celle de {product}.",
    "Les commandes passées avant midi partent le jour même depuis {place}.",
    "Nous publions chaque trimestre nos volumes achetés dans le département.",
    "Votre avis compte, et nous lisons chaque commentaire laissé sur nos pages.",
    "La nouvelle salle de pressage sera terminée avant la fin du printemps.",
)
EN_SENTENCES = (
    "This week {team} is getting {product} ready for our shop in {place}.",
    "We received {count} orders since Monday, thank you for your trust.",
    "Our shop in {place} is open from Tuesday to Saturday, 9 am to 6:30 pm.",
    "You can find {product} at our partner shops in {place} from {day}.",
    "Our workshop opens its doors on {day} for a one-hour guided tour.",
    "Every batch is checked twice before it leaves the warehouse.",
    "{person} explains how we pick the fruit that goes into {product}.",
    "Bookings for the {day} workshop are open on our website.",
    "We work with {count} growers based less than fifty kilometres away.",
    "Thanks to everyone who came to see us last Saturday.",
    "Harvest started earlier than planned because of the warm September.",
    "You asked us many questions about {product}, here are our answers.",
    "The seasonal box holds {count} bottles and a tasting card.",
    "Our team is growing and looking for someone in logistics in {place}.",
    "Deliveries will be back to normal on {day}, after the yearly stock count.",
    "We recommend keeping {product} in the fridge once opened.",
    "Orders placed before noon leave {place} the same day.",
    "Our labels now show the orchard each fruit comes from.",
    "We replaced our shipping cartons with recycled packaging.",
    "Your feedback matters, and we read every comment left on our pages.",
)
FR_SLOTS = {
    "team": ("l'équipe du pressoir", "notre équipe", "l'atelier", "le service qualité", "la boutique"),
    "product": ("le jus de pomme", "le jus pomme-poire", "le cidre doux", "le coffret d'hiver",
                "la gelée de pomme", "le vinaigre de cidre", "le jus de poire"),
    "place": ("Rennes", "Vitré", "Fougères", "Redon", "Saint-Malo", "Dinan", "Pacé", "Janzé"),
    "day": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "le 12 mars", "le 3 avril"),
    "person": ("Sophie", "Yannick", "Inès", "Gaëlle", "Erwan", "Nathalie", "Lucas", "Claire"),
}
EN_SLOTS = {
    "team": ("the press team", "our team", "the workshop", "the quality team", "the shop"),
    "product": ("the apple juice", "the apple and pear juice", "the sweet cider", "the winter box",
                "the apple jelly", "the cider vinegar"),
    "place": ("Rennes", "Vitré", "Fougères", "Redon", "Saint-Malo", "Dinan"),
    "day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "March 12"),
    "person": ("Sophie", "Yannick", "Inès", "Gaëlle", "Erwan", "Nathalie", "Lucas", "Claire"),
}
FR_HEADINGS = ("Ce que nous avons appris cette saison", "Comment nous travaillons", "Les questions du mois",
               "Dans les coulisses de l'atelier", "Nos prochains rendez-vous")
EN_HEADINGS = ("What we learnt this season", "How we work", "Questions of the month",
               "Behind the scenes", "Coming up")
HASHTAGS = ("#JusDePomme", "#CidreDoux", "#FaitMain", "#Bretagne", "#CircuitCourt", "#Verger",
            "#Recolte", "#Atelier", "#BoutiqueDeLaFerme", "#Saisonniers")
EMOJI = ("🍎", "🍐", "🌳", "🙂")

# Networks with their length limits, the length mix of their posts (min, max characters of
# prose) and how often a draft targets them.
NETWORKS = {
    #            max_chars, url_len, hashtags, emoji, mentions, body range,   weight
    "facebook":  (800, None, 3, 3, 5, (250, 700), 30),
    "instagram": (2200, None, 8, 5, 5, (300, 1500), 20),
    "linkedin":  (1500, None, 5, 2, 5, (400, 1300), 15),
    "x":         (280, 23, 2, 1, 3, (90, 200), 25),
    "blog":      (15000, None, 0, 0, 0, (3000, 9000), 10),
}
NETWORK_ORDER = ("facebook", "instagram", "linkedin", "x", "blog", "mastodon", "threads", "youtube")
OTHER_NETWORK = (2000, None, 5, 3, 5, (300, 1200), 5)  # the row of a network the table does not list
KINDS = ("information", "event", "promo", "recruitment")
KIND_WEIGHTS = (55, 20, 18, 7)


# French articles contract after "de" and "à" once a slot is filled ("de le jus" -> "du jus")
_CONTRACTIONS = ((" de le ", " du "), (" de les ", " des "), (" à le ", " au "))


def _fill(template: str, slots: dict, rng: random.Random) -> str:
    values = {name: rng.choice(options) for name, options in slots.items()}
    values["count"] = str(rng.randint(3, 120))
    text = template.format(**values)
    for wrong, right in _CONTRACTIONS:
        text = text.replace(wrong, right)
    return text[0].upper() + text[1:]


def prose(rng: random.Random, language: str, length: int, per_paragraph: tuple[int, int] = (2, 5)) -> list[str]:
    """Paragraphs of about ``length`` characters of clean prose, of ``per_paragraph`` sentences."""
    sentences, slots = (FR_SENTENCES, FR_SLOTS) if language == "fr" else (EN_SENTENCES, EN_SLOTS)
    paragraphs: list[str] = []
    current: list[str] = []
    total = 0
    while total < length:
        sentence = _fill(rng.choice(sentences), slots, rng)
        current.append(sentence)
        total += len(sentence) + 1
        if len(current) >= rng.randint(*per_paragraph):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


# --------------------------------------------------------------------------- profiles
# The linter was tuned on the default corpus; a profile changes one thing about it, to see
# whether a fast path that pays there pays elsewhere. Every profile keeps the playbook valid
# and the drafts readable; only the default one is byte-identical to what this file wrote
# before profiles existed (its random draws are unchanged), so cached figures stay comparable.
# Richer material for the hashtag-heavy profile: compound CamelCase tags, and emoji that are
# several code points (skin tones, ZWJ sequences, flags, variation selectors).
TAG_WORDS = ("Jus", "Pomme", "Poire", "Cidre", "Doux", "Verger", "Bretagne", "Fait", "Main", "Circuit", "Court",
             "Recolte", "Atelier", "Boutique", "Ferme", "Local", "Saison", "Bio", "Terroir", "Rennes", "Gout",
             "Famille", "Artisan", "Producteurs", "Automne", "Printemps", "Vitre", "Degustation")
EMOJI_RICH = ("🍎", "🍐", "🌳", "🙂", "🍏", "🎉", "✨", "😍", "🥤", "🙏", "❤️", "☀️", "👍🏽", "👏🏼", "👩‍🌾",
              "🧑‍🍳", "👨‍👩‍👧", "🇫🇷", "🇬🇧", "🏳️‍🌈")
# LinkedIn style: a short hook, one or two sentences a paragraph, sometimes a list.
FR_HOOKS = ("Une question revient souvent.", "Trois chiffres pour commencer.", "Ce matin, une bonne nouvelle.",
            "On nous demande souvent comment nous travaillons.", "Un an déjà.")
EN_HOOKS = ("One question keeps coming back.", "Three figures to start with.", "Good news this morning.",
            "People often ask how we work.", "One year already.")


@dataclass(frozen=True)
class Profile:
    """A corpus shape: what changes against the default corpus (None or False: as by default)."""

    name: str
    about: str
    terms: int | None = None  # vocabulary size when the caller does not set one
    french: float = 0.8  # share of drafts in French (the rest in English)
    networks: tuple[tuple[str, tuple], ...] = ()  # rows of NETWORKS replaced (limits, lengths, weight)
    hashtag_heavy: bool = False  # hashtags and emoji up to the channel's limits, some inside sentences
    linkedin_style: bool = False  # short paragraphs, a hook, lists: how long LinkedIn posts are written
    violations_per_draft: tuple[int, ...] = ()  # weights of 0, 1, 2… violations in every draft

    def network(self, name: str) -> tuple:
        """The row of NETWORKS for ``name`` (max_chars, url_len, hashtags, emoji, mentions, body, weight)."""
        for network, row in self.networks:
            if network == name:
                return row
        return NETWORKS.get(name, OTHER_NETWORK)


PROFILES = {profile.name: profile for profile in (
    Profile("default", "the corpus the linter was tuned on: 80 % French, posts sized for their channel, one "
            "violation in 20 % of the drafts"),
    Profile("hashtags", "hashtag- and emoji-heavy posts: channels allow up to 30 hashtags and 10 emoji, posts "
            "use half to all of them, some inside sentences, emoji of several code points (skin tones, ZWJ, "
            "flags)",
            networks=(("facebook", (800, None, 10, 8, 5, (250, 600), 30)),
                      ("instagram", (2200, None, 30, 10, 5, (300, 1400), 20)),
                      ("linkedin", (1500, None, 10, 5, 5, (400, 1200), 15)),
                      ("x", (280, 23, 3, 3, 3, (60, 150), 25))),
            hashtag_heavy=True),
    Profile("findings", "a finding-heavy queue: every draft gets 0 to 5 violations of 18 kinds (terms, French "
            "spacing, tu/vous, shouting, links, phone numbers, e-mail addresses, hashtags, emoji, sponsored "
            "posts…), about 2.5 findings per draft with the queue's",
            violations_per_draft=(8, 18, 26, 24, 15, 9)),
    Profile("english", "half of the drafts in English (`language: en`)", french=0.5),
    Profile("linkedin", "long LinkedIn posts: three drafts in four go to LinkedIn, 1,500–3,000 characters "
            "(the channel allows 3,000), in short paragraphs with a hook and lists",
            networks=(("linkedin", (3000, None, 5, 2, 5, (1500, 2800), 300)),), linkedin_style=True),
    Profile("vocabulary", "a vocabulary of 2,000 terms (banned, to avoid, forbidden topics, competitors)",
            terms=2000),
)}


# --------------------------------------------------------------------------- playbook
@dataclass
class PlaybookSpec:
    """What a generated playbook holds; kept to write matching drafts and the term list."""

    seed: int
    people: list[str] = field(default_factory=list)
    channels: list[tuple[str, str]] = field(default_factory=list)  # (id, network)
    audiences: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    banned: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    competitors: list[str] = field(default_factory=list)
    shorteners: tuple[str, ...] = ("bit.ly", "tinyurl.com", "ow.ly")
    site: str = "https://www.verger-synthetique.example"
    profile: Profile = PROFILES["default"]

    @property
    def terms(self) -> list[str]:
        return self.banned + self.avoid + self.topics + self.competitors


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _list(items) -> str:
    return "[" + ", ".join(_q(item) for item in items) + "]"


AUDIENCES = (
    ("grand-public", "Grand public", "Les familles et les visiteurs de la boutique."),
    ("revendeurs", "Revendeurs", "Épiceries fines, cavistes et magasins bio qui vendent nos produits."),
    ("journalistes", "Journalistes", "Presse régionale, radios locales et blogs culinaires."),
    ("partenaires", "Partenaires", "Producteurs, associations et fournisseurs de longue date."),
    ("elus", "Élus locaux", "Communes, intercommunalités, département et région."),
    ("candidats", "Candidats", "Personnes qui pourraient rejoindre l'équipe pour une saison ou plus."),
)
NETWORK_AUDIENCES = {
    "facebook": ("grand-public", "partenaires"), "instagram": ("grand-public", "candidats"),
    "linkedin": ("revendeurs", "partenaires", "candidats", "elus", "journalistes"),
    "x": ("journalistes", "elus"), "blog": ("grand-public", "revendeurs", "journalistes"),
    "mastodon": ("grand-public",), "threads": ("grand-public",), "youtube": ("grand-public", "candidats"),
}
CM_PROFILES = (("cm-transverse", "transverse"), ("cm-specialiste", "specialist"),
               ("cm-relationnel", "relational"), ("cm-passionne", "passionate"),
               ("cm-technique", "technical"), ("cm-blogueur", "blogger"))
EXPERT_PROFILES = ("expert-marketing", "expert-service-client", "expert-technique", "expert-rh",
                   "expert-communication", "expert-commercial")
OBJECTIVE_KINDS = ("customer-service", "brand", "sales", "traffic", "awareness", "leads", "e-reputation",
                   "recruitment", "community")
FIRST_NAMES = ("Anne", "Bruno", "Chloé", "David", "Élise", "Fabien", "Gwen", "Hugo", "Iris", "Jules", "Katell",
               "Loïc", "Maëlle", "Nolan", "Océane", "Pierre", "Rozenn", "Simon", "Tifenn", "Yann")
LAST_NAMES = ("Le Bihan", "Morvan", "Guillou", "Le Roux", "Tanguy", "Hamon", "Jégou", "Riou", "Cadiou",
              "Le Goff", "Pichon", "Daniel", "Prigent", "Kerhervé", "Le Meur")
# Weekly shifts: together, any two consecutive people cover the extended hours, so every
# profile (held by at least two people) covers them too.
SHIFTS = (
    {day: ["07:30-14:00"] for day in DAYS[:5]} | {"sat": ["08:00-14:00"], "sun": ["08:00-14:00"]},
    {day: ["13:00-21:00"] for day in DAYS[:5]} | {"sat": ["13:00-21:00"], "sun": ["13:00-21:00"]},
)


def banned_count(terms: int) -> int:
    """How many of a playbook's ``terms`` vocabulary terms are banned ones (the first of terms.json's list)."""
    return max(1, round(max(terms, 4) * 0.2))


def generate_playbook(out: str | os.PathLike, *, seed: int = 1, people: int = 12, channels: int = 8,
                      terms: int = 300, topics: int = 30, today: dt.date = DEFAULT_TODAY,
                      profile: str = "default") -> PlaybookSpec:
    """Write a playbook folder into ``out`` and return what it holds.

    ``terms`` is the total number of vocabulary terms (banned, to avoid, of forbidden topics
    and naming competitors); ``topics`` the number of forbidden-topic groups.
    """
    rng = random.Random(f"playbook-{seed}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    spec = PlaybookSpec(seed=seed, profile=PROFILES[profile])
    people = max(people, 4)
    channels = max(channels, 1)
    topics = max(1, min(topics, max(1, terms // 2)))

    # terms: 20 % banned, 40 % to avoid, 30 % forbidden topics, 10 % competitors
    all_terms = invented_terms(rng, max(terms, 4))
    n_banned = banned_count(terms)
    n_avoid = max(1, round(len(all_terms) * 0.4))
    n_topics = max(1, round(len(all_terms) * 0.3))
    spec.banned = all_terms[:n_banned]
    spec.avoid = all_terms[n_banned:n_banned + n_avoid]
    spec.topics = all_terms[n_banned + n_avoid:n_banned + n_avoid + n_topics]
    spec.competitors = all_terms[n_banned + n_avoid + n_topics:]

    # ---- organisation.yml
    (out / "organisation.yml").write_text(f"""\
# Playbook synthétique généré pour les mesures de performance (graine {seed}).
name: Verger synthétique {seed}
sector: Jus de fruits et cidres fermiers
language: fr
timezone: Europe/Paris
values:
  - Le fruit d'abord.
  - Nous répondons à chacun.
contacts:
  emails: [contact@verger-synthetique.example]
  website: {spec.site}
service_hours:
  bureau:
{chr(10).join(f'    {day}: ["09:00-18:00"]' for day in DAYS[:5])}
  etendu:
{chr(10).join(f'    {day}: ["08:30-19:00"]' for day in DAYS[:5])}
    sat: ["10:00-18:00"]
    sun: ["10:00-12:00", "17:00-19:00"]
""", encoding="utf-8")

    # ---- audiences.yml and channels.yml
    networks = [NETWORK_ORDER[index % len(NETWORK_ORDER)] for index in range(channels)]
    ids: list[tuple[str, str]] = []
    for index, network in enumerate(networks):
        count = networks[:index].count(network)
        ids.append((network if count == 0 else f"{network}-{count + 1}", network))
    spec.channels = ids
    audience_channels: dict[str, list[str]] = {audience: [] for audience, _, _ in AUDIENCES}
    channel_blocks = []
    for channel_id, network in ids:
        limits = spec.profile.network(network)
        max_chars, url_length, max_tags, max_emoji, max_mentions = limits[:5]
        audiences = NETWORK_AUDIENCES[network]
        for audience in audiences:
            audience_channels[audience].append(channel_id)
        tracking = network != "blog"
        channel_blocks.append(f"""\
  - id: {channel_id}
    network: {network if network in ("facebook", "x", "linkedin", "instagram", "youtube", "tiktok",
                                          "mastodon", "threads", "blog") else "other"}
    name: {_q(f"Verger synthétique sur {network} ({channel_id})")}
    handle: "@verger{channel_id.replace('-', '')}"
    url: https://{network}.example/verger-{channel_id}
    status: active
    purpose: {_q(f"Publier sur {network} ce qui intéresse ses publics.")}
    added_value: {_q(f"Un contenu propre à {network}, jamais recopié d'un autre canal.")}
    audiences: {_list(audiences)}
    cadence:
      min_per_week: 0
      max_per_week: 500
      max_gap_days: 60
    limits:
      max_chars: {max_chars}
{f"      url_length: {url_length}{chr(10)}" if url_length else ""}\
      max_hashtags: {max_tags}
      max_emoji: {max_emoji}
      max_mentions: {max_mentions}
    tracking:
      required: {"true" if tracking else "false"}
      params: {_list(["utm_source", "utm_medium", "utm_campaign"] if tracking else [])}
    response:
      delay: 2h
      hours: etendu
""")
    (out / "channels.yml").write_text("channels:\n" + "\n".join(channel_blocks), encoding="utf-8")
    used_audiences = [audience for audience, _, _ in AUDIENCES if audience_channels[audience]]
    spec.audiences = used_audiences
    (out / "audiences.yml").write_text("audiences:\n" + "".join(f"""\
  - id: {audience}
    name: {_q(name)}
    description: {_q(description)}
    expectations:
      - Des informations exactes et à jour.
    channels: {_list(audience_channels[audience])}
""" for audience, name, description in AUDIENCES if audience in used_audiences), encoding="utf-8")

    # ---- roles.yml: every profile held by at least two people on complementary shifts
    profile_ids = [pid for pid, _ in CM_PROFILES] + list(EXPERT_PROFILES)
    profiles = "".join(f"""\
  - id: {pid}
    name: {_q("Animateur " + kind)}
    kind: community-manager
    profile: {kind}
    description: {_q(f"Profil {kind} de l'équipe d'animation.")}
    responsibilities:
      - Publier et répondre dans les délais promis.
""" for pid, kind in CM_PROFILES) + "".join(f"""\
  - id: {pid}
    name: {_q(pid.replace('-', ' ').capitalize())}
    kind: business-expert
    description: Appuie l'équipe d'animation sans publier.
    responsibilities:
      - Répondre aux questions de son domaine dans la journée.
""" for pid in EXPERT_PROFILES)
    person_blocks = []
    names_seen: set[str] = set()
    for index in range(people):
        while True:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if name not in names_seen:
                break
            name = f"{name} {len(names_seen)}"
            if name not in names_seen:
                break
        names_seen.add(name)
        person_id = f"personne-{index + 1:03d}"
        spec.people.append(person_id)
        # person i holds profiles i and i+1 (mod 12): each profile has two holders on
        # opposite shifts (i even/odd), so each profile alone covers the extended hours
        roles = [profile_ids[index % len(profile_ids)], profile_ids[(index + 1) % len(profile_ids)]]
        if people < len(profile_ids):
            roles = [profile_ids[j] for j in range(len(profile_ids)) if j % people == index % people]
            roles = roles or [profile_ids[0]]
        schedule = SHIFTS[index % 2]
        absences = ""
        if rng.random() < 0.3:
            start = today + dt.timedelta(days=rng.randint(20, 200))
            absences = f"""\
    absences:
      - from: {start.isoformat()}
        to: {(start + dt.timedelta(days=rng.randint(2, 14))).isoformat()}
        reason: Congés
"""
        person_blocks.append(f"""\
  - id: {person_id}
    name: {_q(name)}
    roles: {_list(roles)}
    languages: {_list(["fr", "en"] if rng.random() < 0.6 else ["fr"])}
    email: {person_id}@verger-synthetique.example
    intern: false
    schedule:
{"".join(f'      {day}: {_list(hours)}{chr(10)}' for day, hours in schedule.items())}{absences}""")
    (out / "roles.yml").write_text("profiles:\n" + profiles + "\npeople:\n" + "".join(person_blocks),
                                   encoding="utf-8")

    # ---- objectives.yml
    channel_ids = [cid for cid, _ in ids]
    objective_blocks = []
    for index, kind in enumerate(OBJECTIVE_KINDS):
        objective_id = f"objectif-{kind}"
        spec.objectives.append(objective_id)
        chosen = rng.sample(channel_ids, k=min(len(channel_ids), 2))
        audience_pool = sorted({a for cid, net in ids if cid in chosen for a in NETWORK_AUDIENCES[net]})
        objective_blocks.append(f"""\
  - id: {objective_id}
    title: {_q(f"Objectif {kind} numéro {index + 1}")}
    kind: {kind}
    tier: {1 + index // 3}
    owner: {CM_PROFILES[index % len(CM_PROFILES)][0]}
    channels: {_list(chosen)}
    audiences: {_list(audience_pool[:2])}
    description: Un objectif mesurable, suivi chaque mois par l'équipe.
    kpi:
      metric: {_q(f"Indicateur {kind}")}
      baseline: {rng.randint(5, 50)}
      target: {rng.randint(60, 150)}
      unit: unités
      deadline: {(today + dt.timedelta(days=365 + index)).isoformat()}
""")
    (out / "objectives.yml").write_text("objectives:\n" + "".join(objective_blocks), encoding="utf-8")

    # ---- tone.yml
    vocab_blocks = []
    avoid = list(spec.avoid)
    group = 0
    while avoid:
        size = rng.randint(1, 4)
        chunk, avoid = avoid[:size], avoid[size:]
        group += 1
        vocab_blocks.append(f"  - use: {_q(f'terme conseillé {group}')}\n    avoid: {_list(chunk)}\n")
    topic_terms = list(spec.topics)
    topic_blocks = []
    for index in range(topics):
        share = topic_terms[index::topics]
        if share:
            topic_blocks.append(f"  - name: {_q(f'sujet interdit {index + 1}')}\n    terms: {_list(share)}\n")
    competitor_blocks = []
    rest = list(spec.competitors)
    index = 0
    while rest:
        chunk, rest = rest[:3], rest[3:]
        index += 1
        competitor_blocks.append(f"  - name: {_q(f'Concurrent {index}')}\n    terms: {_list(chunk)}\n")
    (out / "tone.yml").write_text(f"""\
voice: Chaleureuse, précise et proche du terrain.
register: vous
typography:
  french_spacing: narrow
vocabulary:
{"".join(vocab_blocks)}banned_terms:
{"".join(f"  - term: {_q(term)}{chr(10)}    reason: Terme interdit par la charte.{chr(10)}" for term in spec.banned)}\
forbidden_topics:
{"".join(topic_blocks)}competitors:
{"".join(competitor_blocks) if competitor_blocks else "  []" + chr(10)}\
emoji:
  policy: sparing
hashtags:
  case: camel
promotion:
  max_share: 0.3
  window_days: 7
reaction_window: 2h
disclosure_markers: ["#publicité", "#partenariat", "#sponsorisé", "#ad"]
links:
  require_https: true
  shorteners: {_list(spec.shorteners)}
shouting:
  max_caps_words: 1
  acronyms: [AB, AOP, IGP, PME, SAV, RGPD, UE, TVA]
posting_rules:
  - Les réponses aux clients sont signées d'un prénom.
""", encoding="utf-8")

    # ---- usage-charter.yml
    (out / "usage-charter.yml").write_text(f"""\
version: "1.0"
last_reviewed: {(today - dt.timedelta(days=60)).isoformat()}
review_interval_months: 12
written_with:
  - La responsable communication
  - Deux représentants du personnel
sensitive_subjects:
  - Les prix d'achat des fruits.
  - Les résultats financiers avant leur publication.
rules:
  - id: parler-au-nom
    title: Seule l'équipe désignée parle au nom de l'entreprise
    do:
      - Transmettre à l'équipe d'animation toute question reçue sur un compte personnel.
    dont:
      - Répondre à un client comme si vous représentiez l'entreprise.
    rationale: Une parole officielle doit être cohérente et validée.
  - id: confidentialite
    title: Rien de confidentiel ne sort de l'entreprise
    do:
      - Demander à votre responsable en cas de doute.
    dont:
      - Publier une photo où apparaît un planning ou un écran.
    rationale: Une photo anodine peut révéler un prix ou un client.
""", encoding="utf-8")

    # ---- crisis.yml
    cm = [pid for pid, _ in CM_PROFILES]
    phases = ("birth", "virality", "propagation", "lassitude", "resolution")
    phase_names = ("Naissance", "Viralité", "Propagation", "Lassitude", "Résolution")
    (out / "crisis.yml").write_text("""\
levels:
  - id: 1
    name: Vigilance
    criteria:
      - Une critique isolée mais visible.
  - id: 2
    name: Alerte
    criteria:
      - Plus de vingt commentaires négatifs sur le même sujet en une heure.
  - id: 3
    name: Crise majeure
    criteria:
      - Un média national reprend le sujet.
phases:
""" + "".join(f"""\
  - id: {phase}
    name: {name}
    description: {_q(f"Phase {name.lower()} d'une crise.")}
    signals:
      - Un signal observable de la phase {name.lower()}.
    actions:
      - Une action précise confiée au responsable de la phase.
    owner: {cm[index % len(cm)]}
    max_delay: {("1h", "30min", "30min", "4h", "2d")[index]}
""" for index, (phase, name) in enumerate(zip(phases, phase_names))) + f"""\
escalation:
  - role: {cm[2]}
    when: Dès le premier signal.
  - role: {cm[0]}
    when: Dès le niveau 1.
  - role: expert-communication
    when: Dès le niveau 2.
holding_statements:
  - id: attente-fr
    language: fr
    title: Message d'attente
    text: Nous vérifions les faits et revenons vers vous avant ce soir.
  - id: attente-en
    language: en
    title: Holding statement
    text: We are checking the facts and will reply here before tonight.
status:
  active: false
""", encoding="utf-8")

    # ---- calendar.yml
    events = []
    for index in range(max(4, channels)):
        day = DEFAULT_START + dt.timedelta(days=rng.randint(0, 300))
        events.append(f"""\
  - id: evenement-{index + 1:03d}
    title: {_q(f"Temps fort {index + 1}")}
    date: {day.isoformat()}
    channels: {_list(rng.sample(channel_ids, k=1))}
    theme: Vie de l'entreprise
    owner: {cm[index % len(cm)]}
    kind: {rng.choice(("promo", "information", "event", "recruitment"))}
""")
    (out / "calendar.yml").write_text("events:\n" + "".join(events), encoding="utf-8")
    return spec


# --------------------------------------------------------------------------- drafts
VIOLATIONS = ("banned_term", "avoided_term", "forbidden_topic", "competitor", "shortener", "plain_http",
              "too_long", "shouting", "missing_tracking")
VIOLATION_WEIGHTS = (20, 20, 15, 10, 8, 7, 8, 7, 5)
# The finding-heavy profile draws several violations per draft from a wider set: what a real
# queue written in a hurry holds. French-only kinds go to French drafts; a draft gets at most
# one of the link kinds (each replaces the post's link).
FINDING_KINDS = VIOLATIONS + ("french_spacing", "register", "phone", "email", "repeated_punctuation",
                              "hashtag_case", "too_many_hashtags", "too_many_emoji", "undisclosed")
FINDING_WEIGHTS = (12, 12, 8, 6, 4, 4, 3, 8, 6, 10, 5, 6, 4, 5, 5, 4, 4, 3)
FRENCH_ONLY = frozenset({"french_spacing", "register"})
LINK_KINDS = frozenset({"shortener", "plain_http", "missing_tracking"})
SENTENCE_KINDS = frozenset({"french_spacing", "register", "phone", "email", "repeated_punctuation"})
# Sentences that break one rule each, put at the start of the post.
FR_BAD_SPACING = ("Venez nombreux !", "Au programme : dégustation et visite du verger.",
                  "Une question ? Écrivez-nous en message privé.", "Bonne nouvelle : la boutique rouvre samedi.")
FR_TU = ("Tu peux aussi passer nous voir samedi.", "Pose ta question en commentaire, nous répondons à tous.")
REPEATED = {"fr": f"Merci à toutes et à tous{NNBSP}!!", "en": "Thank you all!!"}
# Characters each kind may add to a post, kept free in its prose so that nothing injected has
# to be cut to fit the channel's limit.
ROOM = {"banned_term": 30, "avoided_term": 30, "forbidden_topic": 30, "competitor": 30, "french_spacing": 50,
        "register": 60, "phone": 60, "email": 60, "repeated_punctuation": 30, "hashtag_case": 15,
        "too_many_hashtags": 60, "too_many_emoji": 10, "shortener": 0, "plain_http": 0, "missing_tracking": 0}
LOWER_TAGS = ("#jusDePomme", "#verger", "#recolte2027", "#faitMaison", "#cidreDoux")


def _link(spec: PlaybookSpec, channel: str, tracked: bool, rng: random.Random) -> str:
    path = rng.choice(("boutique", "carnet/recolte", "atelier", "coffrets", "equipe"))
    if tracked:
        return f"{spec.site}/{path}?utm_source={channel}&utm_medium=social&utm_campaign=bench"
    return f"{spec.site}/{path}"


def _tags(rng: random.Random, count: int, taken: tuple[str, ...] = ()) -> list[str]:
    """``count`` distinct CamelCase hashtags of one to three words, none of ``taken``."""
    tags: list[str] = []
    while len(tags) < count:
        tag = "#" + "".join(rng.sample(TAG_WORDS, k=rng.randint(1, 3)))
        if tag not in tags and tag not in taken:
            tags.append(tag)
    return tags


def _pick_violations(rng: random.Random, count: int, language: str) -> list[str]:
    """``count`` distinct violation kinds for one draft of the finding-heavy profile."""
    pool = [(kind, weight) for kind, weight in zip(FINDING_KINDS, FINDING_WEIGHTS)
            if language == "fr" or kind not in FRENCH_ONLY]
    chosen: list[str] = []
    while len(chosen) < count and pool:
        kind = rng.choices([k for k, _ in pool], weights=[w for _, w in pool])[0]
        chosen.append(kind)
        pool = [(k, w) for k, w in pool if k != kind and not (kind in LINK_KINDS and k in LINK_KINDS)]
    return chosen


@dataclass
class _Post:
    """The parts of a draft's body while violations are put into it."""

    paragraphs: list[str]
    link: str | None
    tags: list[str]
    emoji_over: int = 0  # emoji the tail must carry (a violation of the channel's limit), 0: as drawn
    sponsored: bool = False
    caused: list[str] = field(default_factory=list)  # violations that one put in brings along


_KEEP = "\x00"  # joins the words of an injected term while other violations go in


def _inject(spec: PlaybookSpec, rng: random.Random, violation: str, post: _Post, *, channel: str, language: str,
            tracked: bool, limits: tuple) -> None:
    """Put one violation of kind ``violation`` into ``post``."""
    max_chars, _, max_tags, max_emoji = limits[:4]
    paragraphs = post.paragraphs
    if violation in ("banned_term", "avoided_term", "forbidden_topic", "competitor"):
        pool = {"banned_term": spec.banned, "avoided_term": spec.avoid, "forbidden_topic": spec.topics,
                "competitor": spec.competitors}[violation] or spec.banned
        term = rng.choice(pool)
        words = paragraphs[0].split(" ")
        place = rng.randint(1, max(1, len(words) - 1))
        words.insert(place, term.replace(" ", _KEEP))  # one "word" until all are in: the next never splits it
        paragraphs[0] = " ".join(words)
    elif violation == "shortener":
        post.link = f"https://{rng.choice(spec.shorteners)}/{rng.randint(10000, 99999):x}"
    elif violation == "plain_http":
        post.link = _link(spec, channel, tracked, rng).replace("https://", "http://")
    elif violation == "missing_tracking":
        if tracked:
            post.link = _link(spec, channel, False, rng)
        else:
            post.link = "http://" + _link(spec, channel, False, rng)[len("https://"):]
    elif violation == "too_long":
        more = prose(rng, language, max_chars + 200)
        paragraphs.extend(more)
    elif violation == "shouting":
        words = paragraphs[0].split(" ")
        for position in rng.sample(range(len(words)), k=min(3, len(words))):
            words[position] = words[position].upper()
        paragraphs[0] = " ".join(words)
    elif violation in SENTENCE_KINDS:
        person = rng.choice(FR_SLOTS["person"])
        mobile = rng.choice((f"6 {rng.randint(10, 38)}", f"7 {rng.randint(50, 89)}"))  # valid in France
        digits = f"{mobile} " + " ".join(str(rng.randint(10, 99)) for _ in range(3))
        address = f"{person.lower().replace('ë', 'e').replace('è', 'e')}.{rng.randint(1, 99)}@courriel.example"
        sentence = {
            "french_spacing": lambda: rng.choice(FR_BAD_SPACING),
            "register": lambda: rng.choice(FR_TU),
            "phone": lambda: (f"Pour réserver, appelez {person} au 0{digits}." if language == "fr"
                              else f"To book, call {person} on +33 {digits}."),
            "email": lambda: (f"Écrivez à {address} pour réserver." if language == "fr"
                              else f"Write to {address} to book."),
            "repeated_punctuation": lambda: REPEATED[language],
        }[violation]()
        paragraphs[0] = f"{sentence} {paragraphs[0]}"
    elif violation == "hashtag_case":
        tag = rng.choice(LOWER_TAGS)
        if post.tags and len(post.tags) >= max_tags:
            post.tags[-1] = tag
        else:
            post.tags.append(tag)
            if len(post.tags) > max_tags:  # a channel without hashtags (the blog): one is too many
                post.caused.append("too_many_hashtags")
    elif violation == "too_many_hashtags":
        post.tags.extend(_tags(rng, max_tags + rng.randint(1, 2) - len(post.tags), tuple(post.tags)))
    elif violation == "too_many_emoji":
        post.emoji_over = max_emoji + rng.randint(1, 2)
    elif violation == "undisclosed":
        post.sponsored = True
    else:
        raise ValueError(f"unknown violation kind {violation!r}")


_SENTENCE_END = re.compile(r"\.(?= )")  # a full stop followed by another sentence


def _decorate(rng: random.Random, paragraphs: list[str], inline_tags: list[str], emoji: int) -> None:
    """Hashtags before the full stop of some paragraphs, emoji after some sentences (hashtag-heavy posts)."""
    for tag in inline_tags:
        number = rng.randrange(len(paragraphs))
        paragraph = paragraphs[number]
        paragraphs[number] = f"{paragraph[:-1]} {tag}." if paragraph.endswith(".") else f"{paragraph} {tag}"
    for _ in range(emoji):
        number = rng.randrange(len(paragraphs))
        paragraph = paragraphs[number]
        at = rng.choice([match.end() for match in _SENTENCE_END.finditer(paragraph)] + [len(paragraph)])
        paragraphs[number] = f"{paragraph[:at]} {rng.choice(EMOJI_RICH)}{paragraph[at:]}"


def _draft_text(spec: PlaybookSpec, rng: random.Random, index: int, start: dt.date, span_days: int,
                violation: str | None, violations: int = 0) -> tuple[str, str, list[str]]:
    """(relative path, text, kinds of the violations put in) of one draft.

    ``violation`` is the one violation of a draft of the usual profiles; ``violations`` the
    number of them the finding-heavy profile puts in (their kinds drawn once the language is).
    """
    profile = spec.profile
    weights = [profile.network(net)[6] for _, net in spec.channels]
    channel, network = rng.choices(spec.channels, weights=weights)[0]
    limits = profile.network(network)
    max_chars, _, max_tags, max_emoji, _, (low, high), _ = limits
    language = "fr" if rng.random() < profile.french else "en"
    kinds = [violation] if violation else []
    if violations:
        kinds = _pick_violations(rng, violations, language)
    kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
    day = start + dt.timedelta(days=rng.randrange(span_days))
    weekend = day.weekday() >= 5
    hour = rng.randint(10, 15) if weekend else rng.randint(9, 17)
    minute = rng.choice((0, 15, 30, 45))
    offset = "+02:00" if 4 <= day.month <= 10 else "+01:00"
    when = f"{day.isoformat()}T{hour:02d}:{minute:02d}:00{offset}"
    tracked = network != "blog"
    long_form = profile.linkedin_style and network == "linkedin"

    # the body: prose sized for the channel, a link, hashtags, sometimes an emoji
    link = _link(spec, channel, tracked, rng) if rng.random() < 0.6 else None
    budget = rng.randint(low, high)
    inline_tags: list[str] = []
    emoji = 0
    if profile.hashtag_heavy:  # half the channel's allowance or more, some of it inside sentences
        tags = _tags(rng, rng.randint(max_tags // 2, max_tags)) if max_tags else []
        inline = rng.randint(0, min(2, len(tags)))
        inline_tags, tags = tags[:inline], tags[inline:]
        emoji = rng.randint(max_emoji // 2, max_emoji) if max_emoji else 0
    else:
        tags = rng.sample(HASHTAGS, k=min(max_tags, rng.randint(0, 2))) if max_tags else []
    extra = (23 if network == "x" else len(link or "")) + sum(len(tag) + 1 for tag in tags) + 4
    extra += sum(len(tag) + 1 for tag in inline_tags) + emoji * 8
    if kinds and profile.name != "default":  # room for what is injected below: the post need not be cut
        extra += sum(ROOM.get(kind_of_violation, 0) for kind_of_violation in kinds)
    paragraphs = prose(rng, language, max(40, min(budget, max_chars - extra - 40)),
                       per_paragraph=(1, 2) if long_form else (2, 5))
    if long_form:  # a hook first, sometimes a list of three points
        paragraphs.insert(0, rng.choice(FR_HOOKS if language == "fr" else EN_HOOKS))
        if rng.random() < 0.5:
            sentences, slots = (FR_SENTENCES, FR_SLOTS) if language == "fr" else (EN_SENTENCES, EN_SLOTS)
            paragraphs.insert(min(2, len(paragraphs)),
                              "\n".join(f"→ {_fill(rng.choice(sentences), slots, rng)}" for _ in range(3)))
    if network == "x":  # one short sentence or two, never over the limit
        body = paragraphs[0]
        while len(body) + extra > max_chars and ". " in body:
            body = body.rsplit(". ", 1)[0] + "."
        paragraphs = [body]
    if network == "blog":
        headings = FR_HEADINGS if language == "fr" else EN_HEADINGS
        out: list[str] = []
        for number, paragraph in enumerate(paragraphs):
            if number and number % 3 == 0:
                out.append("## " + rng.choice(headings))
            out.append(paragraph)
        if rng.random() < 0.4:
            out.insert(2 if len(out) > 2 else len(out), "\n".join(
                "- " + _fill(rng.choice(FR_SENTENCES if language == 'fr' else EN_SENTENCES),
                             FR_SLOTS if language == 'fr' else EN_SLOTS, rng)
                for _ in range(3)))
        paragraphs = out
    if profile.hashtag_heavy:
        inline_emoji = rng.randint(0, emoji)
        _decorate(rng, paragraphs, inline_tags, inline_emoji)
        emoji -= inline_emoji

    # inject the violations
    post = _Post(paragraphs, link, tags)
    for kind_of_violation in sorted(kinds, key=SENTENCE_KINDS.__contains__):  # words first, then sentences
        _inject(spec, rng, kind_of_violation, post, channel=channel, language=language, tracked=tracked,
                limits=limits)
    paragraphs, link, tags = [paragraph.replace(_KEEP, " ") for paragraph in post.paragraphs], post.link, post.tags
    kinds += [kind_of_violation for kind_of_violation in dict.fromkeys(post.caused) if kind_of_violation not in kinds]

    extras = []
    if link:
        label = "En savoir plus" if language == "fr" else "Read more"
        extras.append(f"[{label}]({link})" if network == "blog" else link)
    tail = " ".join(tags)
    if max_emoji and not profile.hashtag_heavy and rng.random() < 0.25:
        tail = (tail + " " + rng.choice(EMOJI)).strip()
    if emoji:  # hashtag-heavy posts: the rest of their emoji at the end
        tail = (tail + " " + " ".join(rng.choice(EMOJI_RICH) for _ in range(emoji))).strip()
    if post.emoji_over:  # more emoji than the channel allows, whatever the tail held
        tail = " ".join(tags + [rng.choice(EMOJI) for _ in range(post.emoji_over)])
    if tail:
        extras.append(tail)
    if violations:  # the prose left room: nothing injected is cut; a post still too long says so
        published = len("\n\n".join(paragraphs + extras))
        if link and limits[1]:
            published += limits[1] - len(link)
        if published > max_chars and "too_long" not in kinds:
            kinds.append("too_long")
    elif "too_long" not in kinds:  # clean posts stay within the channel's limit, sentence by sentence
        fixed = sum(len(part) + 2 for part in extras) + 10
        while len("\n\n".join(paragraphs)) + fixed > max_chars:
            if ". " in paragraphs[-1]:
                paragraphs[-1] = paragraphs[-1].rsplit(". ", 1)[0] + "."
            elif len(paragraphs) > 1:
                paragraphs.pop()
            else:
                break
    body = "\n\n".join(paragraphs + extras)

    author = rng.choice(spec.people)
    objective = rng.choice(spec.objectives)
    audience = rng.choice(NETWORK_AUDIENCES.get(network, ("grand-public",)))
    front = (
        "---\n"
        f"channels: [{channel}]\n"
        f"publish_at: {when}\n"
        f"kind: {kind}\n"
        f"author: {author}\n"
        f"objective: {objective}\n"
        f"audience: {audience}\n"
        f"language: {language}\n"
        + ("sponsored: true\n" if post.sponsored else "") +
        "---\n\n"
    )
    path = f"{day.year}/{day.month:02d}/{day.isoformat()}-{channel}-{index:06d}.md"
    return path, front + body + "\n", kinds


def generate_drafts(out: str | os.PathLike, spec: PlaybookSpec, count: int, *, seed: int = 1,
                    violation_share: float = 0.2, start: dt.date = DEFAULT_START,
                    span_days: int | None = None) -> dict:
    """Write ``count`` drafts under ``out`` and return the manifest (also written as JSON).

    Drafts are spread over ``span_days`` (default: about six weeks per thousand drafts, at
    least three months). Exactly ``round(count * violation_share)`` drafts get one violation,
    except in the finding-heavy profile, where every draft gets a drawn number of them (and
    ``violation_share`` is not used).
    """
    rng = random.Random(f"drafts-{seed}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if span_days is None:
        span_days = max(90, min(730, math.ceil(count / 1000 * 42)))
    per_draft = spec.profile.violations_per_draft
    violating = set() if per_draft else set(rng.sample(range(count), k=round(count * violation_share)))
    injected: Counter = Counter()
    where: dict[str, str | list[str]] = {}
    total_bytes = 0
    for index in range(count):
        violation = rng.choices(VIOLATIONS, weights=VIOLATION_WEIGHTS)[0] if index in violating else None
        several = rng.choices(range(len(per_draft)), weights=per_draft)[0] if per_draft else 0
        relative, text, kinds = _draft_text(spec, rng, index, start, span_days, violation, several)
        injected.update(kinds)
        if kinds:
            where[relative] = kinds if per_draft else kinds[0]
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        target.write_bytes(data)
        total_bytes += len(data)
    manifest = {
        "drafts": count, "bytes": total_bytes, "seed": seed,
        "violation_share": round(len(where) / count, 4) if per_draft and count else violation_share,
        "violating_drafts": len(where), "injected": dict(sorted(injected.items())),
        "start": start.isoformat(), "span_days": span_days,
        # draft path (relative to the drafts folder) -> kind (a list of kinds in the finding-heavy profile)
        "violations": dict(sorted(where.items())),
    }
    if spec.profile.name != "default":  # the default manifest stays byte-identical to older ones
        manifest = {"profile": spec.profile.name} | manifest
    return manifest


def generate(out: str | os.PathLike, *, drafts: int = 1000, seed: int = 1, people: int = 12, channels: int = 8,
             terms: int | None = None, topics: int = 30, violation_share: float = 0.2,
             profile: str = "default") -> dict:
    """``out/playbook`` + ``out/drafts`` + ``out/terms.json`` + ``out/manifest.json``.

    ``terms`` defaults to the profile's vocabulary size (300 but for the ``vocabulary`` profile).
    """
    out = Path(out)
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r} (known: {', '.join(PROFILES)})")
    if terms is None:
        terms = PROFILES[profile].terms or 300
    spec = generate_playbook(out / "playbook", seed=seed, people=people, channels=channels, terms=terms,
                             topics=topics, profile=profile)
    manifest = generate_drafts(out / "drafts", spec, drafts, seed=seed, violation_share=violation_share)
    manifest["playbook"] = {"people": len(spec.people), "channels": len(spec.channels), "terms": len(spec.terms),
                            "topics": topics, "banned": len(spec.banned)}
    (out / "terms.json").write_text(json.dumps({"all": spec.terms, "banned": spec.banned}, ensure_ascii=False,
                                               indent=1), encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog="profiles: " + "; ".join(
        f"{profile.name}: {profile.about}" for profile in PROFILES.values()))
    parser.add_argument("out", help="folder to write playbook/, drafts/, terms.json and manifest.json into")
    parser.add_argument("--drafts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--people", type=int, default=12)
    parser.add_argument("--channels", type=int, default=8)
    parser.add_argument("--terms", type=int, help="vocabulary terms in total (default: 300, 2000 for the "
                                                  "vocabulary profile)")
    parser.add_argument("--topics", type=int, default=30, help="forbidden-topic groups")
    parser.add_argument("--violations", type=float, default=0.2,
                        help="share of drafts with one violation (not used by the findings profile)")
    parser.add_argument("--profile", choices=list(PROFILES), default="default",
                        help="corpus shape (default: the one the linter was tuned on)")
    args = parser.parse_args(argv)
    manifest = generate(args.out, drafts=args.drafts, seed=args.seed, people=args.people, channels=args.channels,
                        terms=args.terms, topics=args.topics, violation_share=args.violations, profile=args.profile)
    manifest.pop("violations")
    print(json.dumps(manifest, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
