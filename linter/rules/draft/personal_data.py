"""PB315 personal data: e-mail addresses, phone numbers, order numbers and home addresses in a public post.

Only the organisation's official contacts (organisation.yml `contacts`) may appear: any other
address or number is someone's personal data — a customer's, or a colleague's direct line —
and a public post is the wrong place for it. Phone numbers are recognised with phonenumbers
(national formats of the organisation's country, and every international +format).
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from types import ModuleType
from typing import TYPE_CHECKING

import regex

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.repeats import Tally
from linter.core.rule import rule
from linter.drafts.tokens import Tokens
from linter.rules.draft import _private_details
from linter.rules.draft._common import span_finding

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber, PhoneNumberMatch

    from linter.drafts.parse import Draft
    from linter.playbook.model import Playbook

PERSONAL_DATA = rule(
    "PB315", "personal-data", "A public post shows someone's contact details, address or order number", Severity.ERROR,
    what="""Reports e-mail addresses (plain or as `mailto:` links) and phone numbers (national formats of
    the organisation's country such as 06 12 34 56 78, and any number written with its + prefix such as
    +44 20 7946 0958) that are not among organisation.yml `contacts`; order, parcel or invoice numbers
    ("commande n° 2027-10482", "numéro de suivi : 6A123456789"); a street address written after
    "chez" or in a reply ("14 rue des Lilas"), unless the sentence gives it as ours ("vous nous
    trouverez au 12 chemin de la Flume"); and a reply that asks the customer to write their address,
    phone number, e-mail or order number in public ("indiquez-nous en commentaire votre adresse") — asking
    for it "en message privé" is what the charter wants and is not reported. Code and links are not
    read.""",
    why="""A post is public and copied instantly: publishing a customer's or an employee's contact
    details exposes them and breaks data-protection law. We move such exchanges to private messages and
    only ever publish the company's official contacts.""",
    example="""
---
channel: facebook
kind: reply
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
---
Bonjour Martine, Sophie vous rappelle dans la journée au 06 12 34 56 78.
""",
    fixed="""
---
channel: facebook
kind: reply
publish_at: 2027-03-02T10:00+01:00
author: sophie-guegan
---
Bonjour Martine, nous vous répondons en message privé dans la journée. Sophie, pour le Pressoir
""",
    options="""organisation.yml `contacts.emails` and `contacts.phones` (allowed); the country of
    national numbers comes from the official phone numbers, else from `timezone`.""",
)

RULES = (PERSONAL_DATA,)

# A phone number worth reporting has at least seven digits, and the library only reads digits
# as one number when at most four characters separate each digit block from the next (its
# _PUNCTUATION_LIMIT). Prose without seven such digits holds no number: the library, which
# costs about a millisecond a paragraph, is not asked. Prices, hours and dates rarely pass.
# Written as seven digits in a row with at most four non-digits between neighbours (the same
# texts pass: the digits between two of a chain form such a row), which needs no backtracking;
# the ``regex`` engine scans for it faster than ``re``.
_SEVEN_DIGITS = regex.compile(r"\d(?:\D{0,4}+\d){6}")


@dataclass(frozen=True)
class Prepared:
    """The official contacts. The phone numbers are read on first use: importing the phone
    library costs about 40 ms, and most runs (a pre-commit hook on one post) meet no number."""

    emails: frozenset[str]
    official_phones: tuple[str, ...]
    timezone: str
    marks: _private_details.Marks = field(default_factory=_private_details.Marks, compare=False, repr=False)
    """The personal-detail marks of each chunk met so far (_private_details.possible)."""

    @functools.cached_property
    def _numbers(self) -> tuple[frozenset[str], str | None]:
        return _official_numbers(self.official_phones, self.timezone)

    @property
    def phones(self) -> frozenset[str]:
        """The official numbers in E.164, as written and as national spellings."""
        return self._numbers[0]

    @property
    def region(self) -> str | None:
        """The country of numbers written without a +: the official numbers', else the time zone's."""
        return self._numbers[1]


def _region_of_zone(timezone: str) -> str | None:
    """The country of an IANA zone, from the system's zone table (zone1970.tab lists several)."""
    for name in ("/usr/share/zoneinfo/zone.tab",):
        try:
            with open(name, encoding="utf-8") as handle:
                for line in handle:
                    parts = line.split("\t")
                    if len(parts) >= 3 and not line.startswith("#") and parts[2].strip() == timezone:
                        return parts[0].strip()
        except OSError:
            continue
    return None


def _e164(number: PhoneNumber) -> str:
    import phonenumbers

    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def prepare(playbook: Playbook) -> Prepared:
    organisation = playbook.organisation
    contacts = organisation.contacts
    emails = frozenset(email.strip().lower() for email in (contacts.emails if contacts else ()))
    return Prepared(emails, tuple(contacts.phones) if contacts else (), organisation.timezone)


def _official_numbers(official: tuple[str, ...], timezone: str) -> tuple[frozenset[str], str | None]:
    import phonenumbers

    region = None
    phones = set()
    for raw in official:
        try:
            number = phonenumbers.parse(raw, None if raw.strip().startswith("+") else "ZZ")
        except phonenumbers.NumberParseException:
            continue
        phones.add(_e164(number))
        region = region or phonenumbers.region_code_for_number(number)
    region = region or _region_of_zone(timezone)
    if region:  # national spellings of the official numbers too
        for raw in official:
            try:
                phones.add(_e164(phonenumbers.parse(raw, region)))
            except phonenumbers.NumberParseException:
                continue
    return frozenset(phones), region


def check(draft: Draft, playbook: Playbook, ctx: CheckContext, prepared: Prepared | None = None,
          ) -> Iterator[Finding]:
    prepared = prepared or prepare(playbook)
    lang = ctx.lang
    text = draft.text
    tally = Tally(PERSONAL_DATA, draft, ctx.repeat_limit)  # a pasted list of contacts
    for span in draft.spans:
        address = None
        if span.kind == "email":
            address = span.value
        elif span.kind == "url" and span.value.lower().startswith("mailto:"):
            address = span.value[7:].split("?", 1)[0]
        if address is not None and address.strip().lower() not in prepared.emails:
            if not tally.room(span.start):
                tally.skip(span.start)
                continue
            yield span_finding(PERSONAL_DATA, draft, span.start, span.end,
                               lang("the post shows the e-mail address {address}, which is not an official contact",
                                    address=address),
                               _hint(prepared, lang))
    yield from _phones(draft, prepared, text, lang, tally)
    yield from _details(draft, lang, prepared.marks)
    yield from tally.rest()


def _chunks(draft: Draft) -> Sequence[str]:
    """The texts between two spaces of the draft's prose spans: its tokens' when parsed (Tokens.chunks)."""
    if isinstance(draft.words, Tokens):
        return draft.words.chunks
    return list(chain.from_iterable(draft.text[span.start:span.end].split(" ") for span in draft.spans
                                    if span.kind == "prose"))


def _details(draft: Draft, lang: Language, marks: _private_details.Marks) -> Iterator[Finding]:
    """Order numbers, home addresses and public requests for contact details (_private_details)."""
    kinds = _private_details.possible(_chunks(draft), marks)
    if not kinds:
        return  # most posts: no piece is read
    reply = draft.kind == "reply"
    for span in draft.spans:
        if span.kind != "prose":
            continue
        for detail in _private_details.find(draft.text, span.start, span.end, reply, kinds):
            if detail.kind == _private_details.ORDER:
                message = lang("the post shows the order number in '{written}', which identifies a customer",
                               written=detail.written)
                hint = lang("Speak of the order without its number; ask for the number in a private message.")
            elif detail.kind == _private_details.ADDRESS:
                message = lang("the post shows a home address ({written})", written=detail.written)
                hint = lang("An address is exchanged in a private message, never in a public post.")
            else:
                message = lang("the reply asks the customer to write {written} in public", written=detail.written)
                hint = lang("Ask for it in a private message: what a customer writes under a post, everyone reads.")
            yield span_finding(PERSONAL_DATA, draft, detail.start, detail.end, message, hint)


def _phones(draft: Draft, prepared: Prepared, text: str, lang: Language, tally: Tally) -> Iterator[Finding]:
    """Private phone numbers; past the limit, one more is enough: recognising a number is what costs
    (62,500 numbers in a 1 MB draft took 10 s), so the rule then stops and says "at least"."""
    if _SEVEN_DIGITS.search(draft.prose) is None:
        return
    for span in draft.spans:
        if span.kind != "prose" or _SEVEN_DIGITS.search(text, span.start, span.end) is None:
            continue
        import phonenumbers

        piece = text[span.start:span.end]
        for match in _phone_matches(phonenumbers, piece, prepared.region):
            if _e164(match.number) in prepared.phones:
                continue
            start = span.start + match.start
            if tally.stops_at(start):
                tally.stop(start)
                return
            if not tally.room(start):
                tally.skip(start)
                continue
            yield span_finding(PERSONAL_DATA, draft, start, span.start + match.end,
                               lang("the post shows the phone number {number}, which is not an official contact",
                                    number=match.raw_string), _hint(prepared, lang))


def _phone_matches(phonenumbers: ModuleType, piece: str, region: str | None) -> Iterator[PhoneNumberMatch]:
    """The phone numbers of a piece of prose: the valid ones, and any number written with its + prefix
    (a UK mobile of the 07700 900 drama range is no valid number, yet someone's), in text order.

    Lazily, both searches merged as they go: a caller that has seen enough stops the search."""
    found = phonenumbers.PhoneNumberMatcher(piece, region, leniency=phonenumbers.Leniency.VALID)
    if "+" not in piece:
        yield from found
        return
    prefixed = (match for match in phonenumbers.PhoneNumberMatcher(piece, region,
                                                                   leniency=phonenumbers.Leniency.POSSIBLE)
                if match.raw_string.startswith("+"))
    last = None
    for match in heapq.merge(found, prefixed, key=lambda match: match.start):  # a valid one first on a tie
        if match.start != last:
            yield match
        last = match.start


def _hint(prepared: Prepared, lang: Language) -> str:
    official = sorted(prepared.emails)
    if official:
        return lang("Continue the exchange in a private message or give an official contact ({contacts}); never "
                    "publish personal contact details.", contacts=", ".join(official[:2]))
    return lang("Continue the exchange in a private message; never publish personal contact details.")
