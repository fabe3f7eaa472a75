"""Personal details a public post must not carry besides e-mail addresses and phone numbers (PB315).

An order number ("commande n° 2027-10482") identifies a customer to anyone who knows them; a
street address written after "chez" or in a reply is where someone lives (unless the sentence
gives it as ours: « vous nous trouverez au 12 chemin de la Flume »); and a reply that asks a
customer to write their address, phone or order number in the comments makes them publish it. The
good reply asks for it "en message privé" — the charter's own example — and is left alone.

Each pattern is searched once per piece of prose and bounded, so the cost stays linear in the
post's length. Most posts hold none of the words these details need: ``possible`` rules them out
for a whole post from its chunks (texts between two spaces), each distinct chunk read once per
run, before any pattern reads a piece. Private (leading underscore): the registry skips it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import filterfalse

import regex

ORDER = "order"
ADDRESS = "address"
REQUEST = "request"
KINDS = frozenset((ORDER, ADDRESS, REQUEST))


@dataclass(frozen=True)
class Detail:
    """A personal detail found in ``text[start:end]``."""

    start: int
    end: int
    kind: str  # ORDER, ADDRESS or REQUEST
    written: str


_NUMBER = r"(?P<number>\#?[A-Z0-9](?:[A-Z0-9]|[\-/.](?=[A-Z0-9])){3,24}+)"
# "commande n° 2027-10482", "numéro de commande : AB-12345", "order #48213", "colis 6A123456789".
_ORDER = regex.compile(
    r"(?<![\p{L}\p{N}])(?:"
    r"(?:commande|facture|colis|dossier|réclamation|reclamation|order|invoice|parcel|ticket)s?"
    r"\s*+(?:n\s*°|nº|n\.|no\.?|num(?:éro|ero)?\.?|number|\#)"
    r"|(?:num(?:éro|ero)|n°)\s++de\s++(?:commande|suivi|colis|dossier|facture)"
    r"|(?:order|tracking|invoice|parcel)\s++number"
    r"|(?:commande|order|colis|parcel)\s++(?=\#?\p{N}[\p{N}\-]{4,}))"
    rf"\s*+:?\s*+{_NUMBER}",
    regex.IGNORECASE,
)
_STREET = (r"rue|avenue|av\.|boulevard|bd|allée|allees|allées|impasse|chemin|route|quai|square|place|"
           r"lotissement|résidence|residence|hameau|lieu-dit|cours|passage|sentier|street|road|lane|avenue")
# "14 rue des Lilas", "3 bis, allée du Verger", "12 Lilac Street"
_ADDRESS = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])\p{{N}}{{1,4}}+(?:\s?(?:bis|ter))?,?\s++(?:{_STREET})\s++"
    r"(?:(?:de\s+la|du|des|de|d['’]|de\s+l['’]|la|le|les)\s*+)?[\p{L}][\p{L}\-'’]*+",
    regex.IGNORECASE,
)
# The company giving its own address: « vous nous trouverez au 12 chemin… », "find us at…".
_OURS = regex.compile(
    r"(?<![\p{L}])(?:nous\s++(?:trouverez|trouver|retrouverez|retrouver|rejoindre|attendons)|chez\s++nous"
    r"|nous\s++sommes\s++(?:désormais\s++|maintenant\s++|aujourd['’]hui\s++)?(?:au|à|installés|situés)"
    r"|(?:notre|nos)\s++(?:nouvelle\s++|nouvelles\s++|nouveau\s++|nouveaux\s++)?"
    r"(?:adresse|boutique|magasin|pressoir|ferme|siège|locaux|bureaux|entrepôt|atelier|stand)"
    r"|(?:find|visit|meet|join)\s++us|our\s++(?:new\s++)?(?:address|shop|store|farm|office|offices)"
    r"|we\s++are\s++(?:now\s++)?(?:at|located)"
    # « la boutique de la ferme est au 12 chemin… », "the farm shop is at…": a place, not a person
    r"|(?:boutique|magasin|pressoir|atelier|entrepôt|siège|locaux|bureaux)(?:\s++de\s++la\s++ferme)?\s++"
    r"(?:est|sont|se\s++trouve|se\s++trouvent|sera|seront)(?:\s++(?:désormais|maintenant|toujours))?\s++(?:au|à)"
    r"|(?:shop|store|office|press)\s++is\s++(?:now\s++)?at)(?![\p{L}])",
    regex.IGNORECASE,
)
_HOME = regex.compile(r"(?<![\p{L}])(?:chez|at\s+(?:her|his|their)\s+(?:home|parents))(?![\p{L}])", regex.IGNORECASE)
# The details a reply must not ask for in public, with the possessive that shows they are the reader's.
_ASKED = regex.compile(
    r"(?<![\p{L}])(?:votre|vos|ton|ta|tes|your)\s++(?:"
    r"adresse(?:\s++(?:postale|complète|complete|e-?mail|mail|électronique|electronique|de\s+livraison))?"
    r"|numéro\s++de\s++(?:téléphone|telephone|portable|mobile)|téléphone|telephone|portable"
    r"|coordonnées|coordonnees|e-?mail|courriel|num(?:éro|ero)\s++de\s++(?:commande|suivi|colis)|(?:order|tracking)\s+number"
    r"|(?:home\s+|postal\s+|delivery\s+)?address|phone(?:\s+number)?|mobile(?:\s+number)?|email(?:\s+address)?"
    r"|contact\s+details)(?![\p{L}])",
    regex.IGNORECASE,
)
_REQUEST = regex.compile(
    r"(?<![\p{L}])(?:indiquez|donnez|envoyez|communiquez|laissez|écrivez|ecrivez|partagez|précisez|precisez|"
    r"transmettez|mettez|notez|postez|pouvez-vous|pourriez-vous|merci\s+de|n'hésitez\s+pas|"
    r"send|give|share|leave|tell|post|write|drop|can\s+you|could\s+you|please)(?![\p{L}])",
    regex.IGNORECASE,
)
_PRIVATE = regex.compile(
    r"(?<![\p{L}])(?:privée?s?|privately|mp|dm|private|direct\s+message|messagerie|formulaire|form|inbox)(?![\p{L}])",
    regex.IGNORECASE,
)
_IN_PUBLIC = regex.compile(r"(?<![\p{L}])(?:en\s+commentaires?|sous\s+(?:ce|cette)\s+\p{L}+|in\s+the\s+comments|"
                           r"below|ci-dessous)(?![\p{L}])", regex.IGNORECASE)
_SENTENCE = regex.compile(r"[^.!?\n]++[.!?]*+")
# Quick tests with the standard library's engine, which scans literals fast: a piece of prose
# without any of these words is spared the patterns above (most posts).
_DIGIT = re.compile(r"\d")
_ORDER_WORDS = re.compile(r"commande|factur|colis|dossier|clamation|order|invoice|parcel|ticket|tracking|num[ée]ro|n°",
                          re.IGNORECASE)
_STREET_WORDS = re.compile(r"rue|avenue|boulevard|all[ée]e|impasse|chemin|route|quai|square|place|lotissement|"
                           r"r[ée]sidence|hameau|lieu-dit|cours|passage|sentier|street|road|lane|av\.|bd",
                           re.IGNORECASE)
_POSSESSIVE = re.compile(r"votre|vos|ton|ta|tes|your", re.IGNORECASE)
# The same, case-sensitive, for a piece in lower case: several times faster than IGNORECASE, which
# tries every alternative at every position. The characters that IGNORECASE matches to an ASCII
# letter but str.lower() does not lower to it (İ, ı, ſ) keep the patterns above.
_LOWER_ORDER_WORDS, _LOWER_STREET_WORDS, _LOWER_POSSESSIVE = (
    re.compile(pattern.pattern) for pattern in (_ORDER_WORDS, _STREET_WORDS, _POSSESSIVE))
_FOLDS_APART = re.compile("[\u0130\u0131\u017f]")


def _quick_tests(piece: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], str]:
    """The order, street and possessive quick tests, and the text they read."""
    if _FOLDS_APART.search(piece) is not None:
        return _ORDER_WORDS, _STREET_WORDS, _POSSESSIVE, piece
    return _LOWER_ORDER_WORDS, _LOWER_STREET_WORDS, _LOWER_POSSESSIVE, piece.lower()


def find(text: str, start: int, end: int, reply: bool, kinds: Collection[str] = KINDS) -> Iterator[Detail]:
    """The personal details of the prose ``text[start:end]``; ``reply``: the post answers someone;
    ``kinds``: the kinds of detail the post may hold (``possible``), the others are not looked for."""
    piece = text[start:end]
    order_words, street_words, possessive, quick = _quick_tests(piece)
    digits = _DIGIT.search(piece) is not None
    order = ORDER in kinds and digits and order_words.search(quick) is not None
    street = ADDRESS in kinds and digits and street_words.search(quick) is not None
    asking = REQUEST in kinds and possessive.search(quick) is not None
    return _found(piece, start, reply, order, street, asking)


def _found(piece: str, start: int, reply: bool, order: bool, street: bool, asking: bool) -> Iterator[Detail]:
    """The details of ``piece`` (at ``start`` in the text) as the patterns find them, of the kinds not
    ruled out (``order``, ``street``, ``asking`` false: that kind is not looked for). With all three
    true, the general version that the quick tests of ``find`` and ``possible`` must agree with."""
    if order:
        for match in _ORDER.finditer(piece):
            number = match.group("number")
            if sum(char.isdigit() for char in number) >= 4:
                yield Detail(start + match.start(), start + match.end(), ORDER, match.group())
    asking = asking and _ASKED.search(piece) is not None and (reply or _IN_PUBLIC.search(piece) is not None)
    # Only a piece with a decimal digit (\d) is read for an address, although _ADDRESS's number is any
    # \p{N}: "chez eux, ² rue de la Paix" in a piece without a digit is left alone, as it always was.
    street = street and _DIGIT.search(piece) is not None and _ADDRESS.search(piece) is not None
    if not asking and not street:
        return  # no request, no street address: no sentence to read
    private = _PRIVATE.search(piece) is not None  # "… en message privé": the exchange moves out of sight
    for sentence in _SENTENCE.finditer(piece):
        words = sentence.group()
        at = start + sentence.start()
        address = _ADDRESS.search(words) if street else None
        if address is not None and (reply or _HOME.search(words, 0, address.start()) is not None) \
                and _OURS.search(words, 0, address.start()) is None:
            yield Detail(at + address.start(), at + address.end(), ADDRESS, address.group())
        asked = _ASKED.search(words) if asking else None
        if asked is None or private:
            continue
        if _REQUEST.search(words) is None and not words.rstrip().endswith("?"):
            continue
        if reply or _IN_PUBLIC.search(words) is not None:
            yield Detail(at + asked.start(), at + asked.end(), REQUEST, asked.group())


# What a post needs for each kind of detail, read in its chunks (texts between two ASCII spaces). Each
# word of a pattern below lies inside one chunk, since it holds no space; so a post whose chunks lack
# these marks holds no such detail, whatever its other chunks. A chunk is marked:
_MARK_ORDER = 1  # by a word of _ORDER_WORDS (every alternative of _ORDER holds one)
_MARK_NUMBER = 2  # by four ASCII digits: _ORDER's number has four, and no space
_MARK_DIGIT = 4  # by a digit (\d): an address is only read in a piece with one
_MARK_STREET = 8  # by a word of _STREET between two whitespaces (_ADDRESS: "\s++(?:_STREET)\s++")
_MARK_DETAIL = 16  # by a detail of _ASKED after a whitespace ("\s++(?:adresse…"), ended as there
_MARK_OWNER = 32  # by a possessive of _ASKED not after a letter, before a whitespace ("(?:votre|…)\s++")
_MARK_ALL = 63
# The same words in lower case, read in a chunk in lower case (``_marks``); re's \s (str.isspace)
# holds every whitespace of ``regex``, and [a-z] a part of the letters (\p{L}): each test is looser
# than the words it stands for. A detail word of _ASKED followed by a whitespace in every
# alternative ("order number", "numéro de…", "contact details"; "home/postal/delivery address" holds
# "address") must end its word here; the others must not go on with a letter (?![\p{L}]).
_STREET_BETWEEN_SPACES = re.compile(
    r"(?<!\S)(?:rue|avenue|av\.|boulevard|bd|allée|allees|allées|impasse|chemin|route|quai|square|place|"
    r"lotissement|résidence|residence|hameau|lieu-dit|cours|passage|sentier|street|road|lane)(?!\S)")
_DETAIL_AFTER_SPACE = re.compile(
    r"(?<!\S)(?:(?:adresse|address|e-?mail|t[ée]l[ée]phone|portable|coordonn[ée]es|courriel|phone|mobile)(?![a-z])"
    r"|(?:order|tracking|num[ée]ro|contact)(?!\S))")
_OWNER_BEFORE_SPACE = re.compile(r"(?<![a-z])(?:votre|vos|ton|ta|tes|your)(?!\S)")
_ASCII_DIGITS = re.compile("[0-9]")


_NEEDS = ((ORDER, _MARK_ORDER | _MARK_NUMBER), (ADDRESS, _MARK_STREET | _MARK_DIGIT),
          (REQUEST, _MARK_DETAIL | _MARK_OWNER))


def _kinds_of(marks: int) -> frozenset[str]:
    """The kinds of detail that a post whose chunks carry ``marks`` may hold."""
    return frozenset(kind for kind, needs in _NEEDS if marks & needs == needs)


_KINDS_OF = tuple(map(_kinds_of, range(_MARK_ALL + 1)))


def _marks(chunk: str) -> int:
    """The marks of a chunk. A chunk with a character that IGNORECASE matches to a letter of the
    patterns but ``str.lower`` does not lower to it (İ, ı, ſ) carries every mark: its post is read
    by ``find`` itself. The others are read in lower case: the patterns' words are all lower case, and
    ``str.lower`` neither makes nor unmakes a whitespace, an ASCII digit or a letter."""
    if _FOLDS_APART.search(chunk) is not None:
        return _MARK_ALL
    lowered = chunk.lower()
    marks = _MARK_ORDER if _LOWER_ORDER_WORDS.search(lowered) is not None else 0
    if len(_ASCII_DIGITS.findall(chunk)) >= 4:
        marks |= _MARK_NUMBER
    if _DIGIT.search(chunk) is not None:
        marks |= _MARK_DIGIT
    if _STREET_BETWEEN_SPACES.search(lowered) is not None:
        marks |= _MARK_STREET
    if _DETAIL_AFTER_SPACE.search(lowered) is not None:
        marks |= _MARK_DETAIL
    if _OWNER_BEFORE_SPACE.search(lowered) is not None:
        marks |= _MARK_OWNER
    return marks


class Marks(dict[str, int]):
    """A memo, chunk -> its marks, filled on first sight: posts repeat the same chunks, so a run reads
    each once. It starts afresh past ``LIMIT`` chunks: an editor session meets new ones forever."""

    LIMIT = 100_000

    def __missing__(self, chunk: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        marks = self[chunk] = _marks(chunk)
        return marks


# Marking a chunk costs a few times more than reading it in a piece, so it pays only for chunks that
# come again: a post with more new chunks than this (a long text of numbers or names, a 1 MB paste)
# is read piece by piece by ``find``, as if every kind were possible, and teaches the memo nothing.
_NEW_PER_POST = 1000


def possible(chunks: Sequence[str], marks: Marks) -> frozenset[str]:
    """The kinds of detail (ORDER, ADDRESS, REQUEST) that a post may hold, from the chunks of its
    prose: a kind missing here is missing from every piece. Most posts hold none, and are then
    spared ``find`` (a piece, a lower-case copy and three quick tests each) for a lookup per chunk."""
    seen: set[int | None] = set(map(marks.get, chunks))
    if None in seen:  # chunks never met (not set.difference: it would walk the whole memo)
        new = set(filterfalse(marks.__contains__, chunks))
        if len(new) > _NEW_PER_POST:
            return KINDS
        seen.update(map(marks.__getitem__, new))
    found = 0
    for mark in seen:
        found |= mark or 0  # None stood for the chunks marked just above
    return _KINDS_OF[found]
