"""PB326 reply signature, PB327 emoji in a reply to a complaint, PB328 a post on a replies-only channel.

Replies (``kind: reply``) follow the charter's own rules: they end with the signature tone.yml
``replies.signature`` gives ("{prénom}, pour le Pressoir": a first name, then the fixed words),
and a reply to a complaint carries no emoji when the emoji policy is ``sparing``. Whether a reply
answers a complaint is the draft's ``complaint: true|false`` when given, otherwise the charter's
``replies.complaint_terms`` (apologies) found in its text. A channel marked ``replies_only``
(a review page) takes nothing but replies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.drafts.parse import Draft
from linter.drafts.tokens import TermIndex, fold
from linter.playbook.model import Playbook
from linter.rules.draft._common import channels_of, span_finding
from linter.rules.draft._terms import find_terms

_HEADER = """---
channel: avis-google
kind: reply
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
---"""

REPLY_SIGNATURE = rule(
    "PB326", "reply-signature", "A reply does not end with the signature the charter asks for", Severity.WARNING,
    what="""A draft with `kind: reply` must end with tone.yml `replies.signature`: its last line holds
    the signature, where the word in braces (`{prénom}`) stands for a first name and the other words
    are compared with case, accents and punctuation aside (words may follow them: "pour le Pressoir de
    la Flume"). The finding stands on the reply's last line.""",
    why="""A signed reply shows a person who listened, not a faceless brand, and it tells the customer
    whom to ask for next time; the charter fixes the form so that every reply reads alike.""",
    example=_HEADER + """
Bonjour Hugo, merci pour votre retour. Le parking est trop petit les jours de marché\u202f:
nous cherchons une solution avec la mairie.
""",
    fixed=_HEADER + """
Bonjour Hugo, merci pour votre retour. Le parking est trop petit les jours de marché\u202f:
nous cherchons une solution avec la mairie. Sophie, pour le Pressoir
""",
    options="tone.yml `replies.signature` (the rule is off when it is not set).",
)

REPLY_EMOJI = rule(
    "PB327", "reply-emoji", "A reply to a complaint carries an emoji", Severity.WARNING,
    what="""When tone.yml `emoji.policy` is `sparing`, a draft with `kind: reply` that answers a complaint
    carries no emoji; the finding points at the first one. A reply answers a complaint when its front
    matter says `complaint: true`, or, without that field, when it uses one of tone.yml
    `replies.complaint_terms` (désolés, excuses…), unless the reply denies it (« ne soyez pas
    désolée », "don't be sorry"). `complaint: false` says it does not.""",
    why="""An emoji next to an apology reads as making light of the customer's trouble; the charter
    keeps them for happy exchanges ("jamais dans une réponse à une réclamation").""",
    example=_HEADER + """
Bonjour Élodie, toutes nos excuses pour ce bouchon défectueux 😔
Une nouvelle bouteille vous attend à la boutique dès demain. Sophie, pour le Pressoir
""",
    fixed=_HEADER + """
Bonjour Élodie, toutes nos excuses pour ce bouchon défectueux.
Une nouvelle bouteille vous attend à la boutique dès demain. Sophie, pour le Pressoir
""",
    options="""tone.yml `emoji.policy` (`sparing` turns the rule on) and `replies.complaint_terms`; the
    draft's `complaint` field.""",
)

REPLY_ONLY_CHANNEL = rule(
    "PB328", "reply-only-channel", "A post that is not a reply is planned on a channel meant for replies only",
    Severity.ERROR,
    what="""A channel marked `replies_only: true` in channels.yml (a review page) only takes drafts with
    `kind: reply`; any other kind (an announcement, a promotion) is reported on the draft's channel.""",
    why="""On a review page we answer each customer; an announcement posted there reads as advertising
    slipped between the reviews, and the platforms' rules forbid it.""",
    example="""
---
channel: avis-google
kind: event
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
---
Portes ouvertes du verger en fleurs le samedi 24 avril, de 10 h à 17 h. Entrée libre.
""",
    fixed="""
---
channel: facebook
kind: event
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
---
Portes ouvertes du verger en fleurs le samedi 24 avril, de 10 h à 17 h. Entrée libre.
""",
    options="channels.yml `replies_only` of each channel; the draft's `kind`.",
)

RULES = (REPLY_SIGNATURE, REPLY_EMOJI, REPLY_ONLY_CHANNEL)

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_NAME = r"[^\W\d_]+(?:[-'’ ][^\W\d_]+)?"  # a first name, compound ones included (Anne-Sophie)
_MAYBE_EMOJI = re.compile(r"[\u2194-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001faff\u20e3\ufe0f]")


@dataclass(frozen=True)
class Prepared:
    signature: re.Pattern[str] | None  # searched in the folded last line
    complaint: TermIndex


def signature_pattern(template: str) -> re.Pattern[str] | None:
    """The folded template as a pattern: a placeholder matches a first name, and the words are
    compared one by one whatever stands between them (spaces, commas, dashes)."""
    parts: list[str] = []
    for index, literal in enumerate(_PLACEHOLDER.split(template)):
        if index:
            parts.append(_NAME)
        words = re.findall(r"\w+", fold(literal))
        if words:
            parts.append(r"\W+".join(map(re.escape, words)) + r"\b")
    if all(part == _NAME for part in parts):
        return None  # nothing but a first name: any last line would do
    return re.compile(r"(?<!\w)" + r"\W*".join(parts))


def prepare(playbook: Playbook) -> Prepared:
    replies = playbook.tone.replies
    signature = signature_pattern(replies.signature) if replies is not None and replies.signature else None
    terms = replies.complaint_terms if replies is not None else ()
    return Prepared(signature, TermIndex((term, term) for term in terms))


def check(draft: Draft, playbook: Playbook, ctx: CheckContext, prepared: Prepared | None = None) -> Iterator[Finding]:
    lang = ctx.lang
    if draft.kind != "reply":
        yield from _reply_only(draft, playbook, lang)
        return
    ready = prepared if prepared is not None else prepare(playbook)
    if ready.signature is not None:
        yield from _signature(draft, playbook, ready.signature, lang)
    if playbook.tone.emoji_policy == "sparing" and _answers_complaint(draft, ready.complaint):
        found = first_emoji(draft)
        if found is not None:
            yield span_finding(
                REPLY_EMOJI, draft, found[0], found[1],
                lang("the reply answers a complaint and carries the emoji {emoji}",
                     emoji=draft.text[found[0]:found[1]]),
                lang("Remove it: the charter keeps emoji out of replies to complaints (tone.yml, emoji). If the "
                     "message is not a complaint, say so with `complaint: false`."))


def _reply_only(draft: Draft, playbook: Playbook, lang: Language) -> Iterator[Finding]:
    for position, channel in enumerate(channels_of(draft, playbook)):
        if channel.replies_only:
            where = draft.meta_loc("channel") if "channel" in draft.meta else draft.meta_loc(
                "channels", draft.channels.index(channel.id) if channel.id in draft.channels else position)
            yield REPLY_ONLY_CHANNEL.at(
                where, lang("{channel} takes replies only, and this draft is `kind: {kind}`", channel=channel.label,
                            kind=draft.kind or "?"),
                lang("Publish it on another channel, or write it as an answer to a customer (`kind: reply`)."))


def _last_line(draft: Draft) -> tuple[int, int] | None:
    text = draft.text
    end = len(text)
    while end > draft.body_start:
        start = text.rfind("\n", draft.body_start, end) + 1
        start = max(start, draft.body_start)
        if text[start:end].strip():
            return start, end
        end = start - 1
    return None


def _signature(draft: Draft, playbook: Playbook, pattern: re.Pattern[str], lang: Language) -> Iterator[Finding]:
    last = _last_line(draft)
    if last is None:
        return
    start, end = last
    if pattern.search(fold(draft.text[start:end])):
        return
    template = playbook.tone.replies.signature if playbook.tone.replies else None
    line = draft.text[start:end]
    first = start + len(line) - len(line.lstrip())
    shown = _PLACEHOLDER.sub(_first_name(draft, playbook, lang), template or "")
    yield span_finding(REPLY_SIGNATURE, draft, first, start + len(line.rstrip()),
                       lang("the reply does not end with the charter's signature « {signature} »", signature=template),
                       lang("End the reply with it, e.g. « {example} » (tone.yml, replies.signature).", example=shown))


def _first_name(draft: Draft, playbook: Playbook, lang: Language) -> str:
    person = playbook.person(draft.author) if draft.author else None
    return person.name.split()[0] if person is not None and person.name else lang("First name")


def _answers_complaint(draft: Draft, complaint: TermIndex) -> bool:
    said = draft.meta.get("complaint")
    if isinstance(said, bool):
        return said
    return bool(complaint) and any(not _negated(draft.text, hit.start)
                                   for hit in find_terms(complaint, draft, tags=False))


_NEGATION = re.compile(r"(?:\bpas(?:\s+(?:surtout|du\s+tout|trop|forcément))?|\bdon['’]t\s+be|\bno\s+need\s+to\s+be)"
                       r"\s+$", re.IGNORECASE)


def _negated(text: str, offset: int) -> bool:
    """An apology the writer denies is no apology: « ne soyez pas désolée » thanks a happy customer
    who apologised for a late review, and "don't be sorry" answers no complaint."""
    start = max(text.rfind("\n", 0, offset) + 1, offset - 40)
    return _NEGATION.search(text, start, offset) is not None


def first_emoji(draft: Draft) -> tuple[int, int] | None:
    """(start, end) of the first emoji of the post's prose (©, ®, ™ are signs, not emoji)."""
    if _MAYBE_EMOJI.search(draft.prose) is None:
        return None
    import emoji

    for span in draft.spans:
        if span.kind != "prose" or _MAYBE_EMOJI.search(draft.text, span.start, span.end) is None:
            continue
        for item in emoji.emoji_list(draft.text[span.start:span.end]):
            text = item["emoji"]
            if (len(text) == 1 and ord(text) < 0x2190) or text in ("\u2122", "\u2139"):
                continue
            return span.start + item["match_start"], span.start + item["match_end"]
    return None
