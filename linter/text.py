"""The text engine of the draft rules: fold, tokenise once, look many terms up in one pass.

Why not one regular expression per term: playbook terms are text written by non-developers
(``C++``, ``(+*)``, ``100 %``), so they must never be read as patterns, and a post must not be
scanned once per term. A draft is tokenised once into words and symbols; every term is
tokenised the same way and stored in a trie keyed by *folded* tokens (case and accents
removed, light plural/feminine stemming), so finding every term of a kind costs one walk
over the post whatever the number of terms — 10 or 1,000 terms take the same time.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import regex

# A word is a run of letters, marks and digits. Apostrophes, hyphens and backslashes only
# separate words ("l'offre" -> l, offre; "week-end" -> week, end), and so do runs of * _ ~
# that touch a word, which is how Markdown emphasis is written ("**prix**" -> prix). Any other
# visible character is a one-character symbol token, so that terms such as "C++" or "(+*"
# keep their meaning and "prix. Cassé" never matches the term "prix cassé".
_TOKEN = regex.compile(
    r"(?P<word>[\p{L}\p{M}\p{N}]++)"
    r"|(?P<markup>(?<=[\p{L}\p{M}\p{N}])[*_~]++|(?<![*_~])[*_~]++(?=[\p{L}\p{N}]))"
    r"|[^\s\p{L}\p{M}\p{N}'’ʼ‘\-‐‑\\]"
)
_GRAPHEME = regex.compile(r"\X")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i"})
_VOWELS = frozenset("aeiouy")

_ATTACHED = "\x01"
BREAK = "\x00"
"""Key of the token placed between two pieces of prose: no term ever spans it."""


class Word(NamedTuple):
    """One token of prose: where it is, how it was written and the keys it is matched by."""

    start: int  # character offset in the draft's text
    end: int
    text: str  # as written
    fold: str  # case and accents removed
    key: str  # fold, lightly stemmed: what terms are matched on
    link: str  # key used when the word is not the first of a term: a symbol written right
    # after the previous character keeps that in its link key, so "C++" matches "C++" and
    # not "C + +"

    @property
    def is_word(self) -> bool:
        return bool(self.text) and unicodedata.category(self.text[0])[0] in "LMN"


def fold(text: str) -> str:
    """Lower case without accents or ligatures: "Élève", "ELEVE" and "élève" fold alike."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).translate(_LIGATURES)


def stem(folded: str) -> str:
    """Merge the commonest inflections (plural, feminine) of French and English words.

    Deliberately light: it must never merge unrelated words, so it only removes a final
    plural ``s`` (``x`` after au/eu/ou), then a final ``e`` (with the doubled consonant of
    "bonne", "nulle"), turns ``aux`` into ``al`` and a final ``y`` into ``i`` ("companies" /
    "company"). Stems are never shorter than three letters, so "us" and "use" stay apart.
    """
    word = folded
    if len(word) < 4 or not word.isalpha():
        return word
    if word.endswith("aux") and len(word) > 4:
        return word[:-3] + "al"
    if word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    elif word.endswith(("aux", "eux", "oux")):
        word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _VOWELS:
            word = word[:-1]
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    return word


_new = tuple.__new__  # builds a Word without the Python-level __new__ of NamedTuple: tokenising is hot


def tokenize(text: str, base: int = 0, memo: dict | None = None) -> list[Word]:
    """Words and symbols of ``text``; offsets are shifted by ``base`` (the text's place in the file).

    ``memo`` (raw word -> (fold, key)) may be shared by the caller across many texts: posts
    repeat the same words, and folding is the costly part of tokenising.
    """
    if memo is None:
        memo = {}
    words = []
    append = words.append
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "markup":
            continue
        raw = match.group()
        start, end = match.span()
        if kind == "word":
            known = memo.get(raw)
            if known is None:
                folded = fold(raw)
                known = memo[raw] = (folded, stem(folded))
            append(_new(Word, (base + start, base + end, raw, known[0], known[1], known[1])))
        else:
            key = raw.casefold()
            link = _ATTACHED + key if start and not text[start - 1].isspace() else key
            append(_new(Word, (base + start, base + end, raw, key, key, link)))
    return words


def tokenize_pieces(text: str, pieces: Iterable[tuple[int, int]], memo: dict | None = None) -> tuple[Word, ...]:
    """Tokenise several pieces of one text, with a BREAK token between pieces."""
    words: list[Word] = []
    memo = {} if memo is None else memo
    for start, end in pieces:
        if words:
            words.append(Word(start, start, "", BREAK, BREAK, BREAK))
        words.extend(tokenize(text[start:end], start, memo))
    return tuple(words)


def term_tokens(term: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (keys, folds) a term is matched by."""
    tokens = tokenize(term)
    keys = tuple(word.key if index == 0 else word.link for index, word in enumerate(tokens))
    return keys, tuple(word.fold for word in tokens)


def graphemes(text: str) -> int:
    """Characters as a person (and every network) counts them: "é", "👍🏽" and "🇫🇷" count 1."""
    return len(_GRAPHEME.findall(text))


@dataclass(frozen=True)
class Match:
    """A term found in a post: the words it covers and what the term stands for."""

    first: int  # index of the first word in the word list
    last: int  # index of the last word (inclusive)
    start: int  # character offsets in the draft's text
    end: int
    term: str  # the term as the playbook wrote it
    payload: object
    exact: bool  # written exactly as the term (up to case and accents), not an inflected form


_END = ""  # trie key of "a term ends here": no token ever has an empty key


class TermIndex:
    """Every term of one kind in a trie of folded tokens; built once per playbook, then read-only.

    ``find`` reports the leftmost-longest, non-overlapping occurrences in a single walk: each
    word starts at most one lookup chain, as long as the longest term that could match there.
    Terms written as a hashtag (``#concurrent``) or a mention (``@concurrent``) are compared with
    the post's hashtags and mentions instead, which prose matching never looks into.
    """

    def __init__(self, terms: Iterable[tuple[str, object]]):
        self._root: dict = {}
        self._tags: dict[tuple[str, str], tuple[str, object]] = {}
        self.size = 0
        for term, payload in terms:
            if not isinstance(term, str):
                continue
            stripped = term.strip()
            if len(stripped) > 1 and stripped[0] in "#@" and "\x20" not in stripped:
                key = ("hashtag" if stripped[0] == "#" else "mention", fold(stripped[1:]))
                self._tags.setdefault(key, (term, payload))
                self.size += 1
                continue
            keys, folds = term_tokens(stripped)
            if not keys:
                continue
            node = self._root
            for key in keys:
                node = node.setdefault(key, {})
            if _END not in node:
                node[_END] = (term, folds, payload)
                self.size += 1

    def __bool__(self) -> bool:
        return self.size > 0

    def find(self, words: Sequence[Word]) -> list[Match]:
        root = self._root
        found: list[Match] = []
        if not root:
            return found
        count = len(words)
        candidates = [position for position, word in enumerate(words) if word.key in root]
        for index in candidates:
            if found and index <= found[-1].last:
                continue
            node = root.get(words[index].key)
            best = None
            cursor = index
            while node is not None:
                if _END in node:
                    best = (cursor, node[_END])
                cursor += 1
                if cursor >= count:
                    break
                node = node.get(words[cursor].link)
            if best is None:
                continue
            last, (term, folds, payload) = best
            exact = tuple(word.fold for word in words[index:last + 1]) == folds
            found.append(Match(index, last, words[index].start, words[last].end, term, payload, exact))
        return found

    def find_tags(self, spans: Iterable) -> Iterator[tuple[object, str, object]]:
        """(span, term, payload) for each hashtag or mention span that is one of the terms."""
        if not self._tags:
            return
        for span in spans:
            if span.kind in ("hashtag", "mention"):
                hit = self._tags.get((span.kind, fold(span.value)))
                if hit is not None:
                    yield span, hit[0], hit[1]


def match_case(written: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation of ``written``: PRIX -> TARIF, Prix -> Tarif."""
    letters = [char for char in written if char.isalpha()]
    if len(letters) > 1 and all(char.isupper() for char in letters):
        return replacement.upper()
    if letters and letters[0].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def is_capitalised_word(text: str) -> bool:
    """A word written all in capitals, with at least two letters ("PROMO", not "A" or "4G")."""
    if len(text) < 2 or not text.isupper():
        return False
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)
