"""The text engine of the draft rules: fold, tokenise once, look many terms up in one pass.

Why not one regular expression per term: playbook terms are text written by non-developers
(``C++``, ``(+*)``, ``100 %``), so they must never be read as patterns, and a post must not be
scanned once per term. A draft is tokenised once into words and symbols; every term is
tokenised the same way and stored in a trie keyed by *folded* tokens (case and accents
removed, light plural/feminine stemming), so finding every term of a kind costs one walk
over the post whatever the number of terms — 10 or 1,000 terms take the same time.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, compress, count, repeat
from operator import add, itemgetter, sub
from typing import NamedTuple, overload

import regex

# Invisible characters that may sit inside a word without splitting it: zero-width space, (non-)
# joiner, word joiner, byte-order mark, soft hyphen. "Nec\u200dtar" is the word "Nectar" (written so
# by accident, or to slip past a filter); offsets still count them, so positions stay those of the
# text. Outside a word they are skipped like spaces.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = f"[{INVISIBLE}]"
_WORD = rf"[\p{{L}}\p{{M}}\p{{N}}]++(?:{_INVISIBLE}++[\p{{L}}\p{{M}}\p{{N}}]++)*+"
_NO_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))

# A word is a run of letters, marks and digits (invisible characters between them included).
# Apostrophes, hyphens and backslashes only separate words ("l'offre" -> l, offre; "week-end" ->
# week, end), and so do runs of * _ ~ that touch a word, which is how Markdown emphasis is
# written ("**prix**" -> prix). Any other visible character is a one-character symbol token, so
# that terms such as "C++" or "(+*" keep their meaning and "prix. Cassé" never matches the term "prix cassé".
_TOKEN = regex.compile(
    rf"(?P<word>{_WORD})"
    r"|(?P<markup>(?<=[\p{L}\p{M}\p{N}])[*_~]++|(?<![*_~])[*_~]++(?=[\p{L}\p{N}]))"
    rf"|[^\s\p{{L}}\p{{M}}\p{{N}}'’ʼ‘\-‐‑\\{INVISIBLE}]"
)

# The same tokens once more, each found with everything skipped before it (spaces, apostrophes,
# Markdown emphasis) as a (skipped, token) pair: ``findall`` then gives a draft's tokens as plain
# strings without a Python-level step per token, and their offsets only when a rule asks for
# them (the skipped parts and the tokens tile the text). Markup is skipped exactly where _TOKEN
# finds it, and the repetition is possessive, so a markup run at the very end is never given
# back to be read as symbols.
_MARKUP = r"(?<=[\p{L}\p{M}\p{N}])[*_~]++|(?<![*_~])[*_~]++(?=[\p{L}\p{N}])"
_PARTS = regex.compile(
    rf"((?:(?![\p{{L}}\p{{M}}\p{{N}}])[\s'’ʼ‘\-‐‑\\{INVISIBLE}]|{_MARKUP})*+)"
    rf"({_WORD}|[^\s\p{{L}}\p{{M}}\p{{N}}'’ʼ‘\-‐‑\\{INVISIBLE}]|\Z)"
)

# The same (skipped, token) pairs as _PARTS, found by the standard library's faster engine for
# pieces made only of the characters of _DOMAIN (Latin letters, general punctuation: nearly every
# post): what cuts a chunk into tokens, and placing a token reads its chunk again (Tokens._place). Its
# character classes are not written by hand: they list the very characters of the domain that
# _PARTS's classes match, asked of ``regex`` itself when this module loads, so both patterns find
# the same tokens in such a text (the lookarounds only ever see characters of the text).
_DOMAIN = "".join(map(chr, (*range(0x250), *range(0x2000, 0x2070))))
_OUTSIDE_DOMAIN = re.compile("[^\x00-\u024f\u2000-\u206f]")


def _domain_class(pattern: str) -> str:
    """A ``re`` character class of the characters of _DOMAIN that the ``regex`` class matches."""
    codes = [ord(char) for char in regex.findall(pattern, _DOMAIN)]
    ranges: list[str] = []
    index = 0
    while index < len(codes):
        last = index
        while last + 1 < len(codes) and codes[last + 1] == codes[last] + 1:
            last += 1
        first_char, last_char = re.escape(chr(codes[index])), re.escape(chr(codes[last]))
        ranges.append(first_char if last == index else f"{first_char}-{last_char}")
        index = last + 1
    return "[" + "".join(ranges) + "]" if ranges else "(?!)"


_LMN = _domain_class(r"[\p{L}\p{M}\p{N}]")  # _TOKEN's word characters
_LN = _domain_class(r"[\p{L}\p{N}]")
_SYMBOL = _domain_class(rf"[^\s\p{{L}}\p{{M}}\p{{N}}'’ʼ‘\-‐‑\\{INVISIBLE}]")  # _TOKEN's symbols
_SKIPPED = _domain_class(rf"(?![\p{{L}}\p{{M}}\p{{N}}])[\s'’ʼ‘\-‐‑\\{INVISIBLE}]")  # all the others: never a token
_INVISIBLE_IN_DOMAIN = _domain_class(_INVISIBLE)
_WORD_IN_DOMAIN = rf"{_LMN}++(?:{_INVISIBLE_IN_DOMAIN}++{_LMN}++)*+"
_PARTS_IN_DOMAIN = re.compile(
    rf"((?:{_SKIPPED}|(?<={_LMN})[*_~]++|(?<![*_~])[*_~]++(?={_LN}))*+)"
    rf"({_WORD_IN_DOMAIN}|{_SYMBOL}|\Z)"
)
# And for a text of the domain without any of * _ ~, where there is no markup to skip: the
# loop over what is skipped is then a single character class (a third fewer steps).
_PARTS_PLAIN = re.compile(rf"({_SKIPPED}*+)({_WORD_IN_DOMAIN}|{_SYMBOL}|\Z)")
_SPECIAL = re.compile("[^\x00-\u024f\u2000-\u206f]|[*_~]")  # outside the domain, or markup
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
    decomposed = unicodedata.normalize("NFKD", text.translate(_NO_INVISIBLE).casefold())
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
    if (word.endswith("s") and not word.endswith("ss")) or word.endswith(("aux", "eux", "oux")):
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

    ``memo`` (raw word -> (raw, fold, key, key)) may be shared by the caller across many texts:
    posts repeat the same words, and folding is the costly part of tokenising.
    """
    return _scan(text, base, {} if memo is None else memo)


def _scan(text: str, base: int, memo: dict) -> list[Word]:
    """The tokens of any text, found by _TOKEN."""
    words: list[Word] = []
    append = words.append
    for match in _TOKEN.finditer(text):
        kind = match.lastindex  # 1: word, 2: markup (skipped), None: symbol
        if kind == 1:
            raw = match.group()
            known = memo.get(raw)
            if known is None:
                folded = fold(raw)
                key = stem(folded)
                known = memo[raw] = (raw, folded, key, key)
            start, end = match.span()
            append(_new(Word, (base + start, base + end) + known))
        elif kind is None:
            raw = match.group()
            start, end = match.span()
            key = raw.casefold()
            link = _ATTACHED + key if start and not text[start - 1].isspace() else key
            append(_new(Word, (base + start, base + end, raw, key, key, link)))
    return words


def tokenize_pieces(text: str, pieces: Iterable[tuple[int, int]], lexicon: Lexicon | None = None) -> Tokens:
    """Tokenise several pieces of one text, with a BREAK token between pieces.

    The same tokens as ``tokenize`` on each piece, kept as columns (see Tokens). No token holds a
    space and no pattern looks across one, so a piece's tokens are those of its space-separated
    chunks, in order: each distinct chunk is read once per run (linter.drafts.tokens.Lexicon) and a
    draft's tokens are chunks looked up at C level, without a pattern or a Python-level step per word.
    """
    lexicon = Lexicon() if lexicon is None else lexicon
    chunk_tokens = lexicon.chunks.__getitem__
    texts: list[str] = []
    chunks: list[str] = []
    placed: list[tuple[int, int, int, int]] = []
    for start, end in pieces:
        if texts:
            texts.append("")  # the BREAK
        first = len(texts)
        piece_chunks = text[start:end].split(" ")
        texts.extend(chain.from_iterable(map(chunk_tokens, piece_chunks)))
        chunks += piece_chunks
        placed.append((first, len(texts), start, end))
    return Tokens(text, texts, tuple(placed), lexicon, chunks)


def _parts(piece: str) -> list[tuple[str, str]]:
    """(skipped before, token) of each token of a piece of prose, by the quickest pattern that reads it."""
    special = _SPECIAL.search(piece)
    if special is None:
        found = _PARTS_PLAIN.findall(piece)
    else:
        found = (_PARTS if _OUTSIDE_DOMAIN.search(piece, special.start()) else _PARTS_IN_DOMAIN).findall(piece)
    while found and not found[-1][1]:  # the end of the piece (one or two empty matches): not a token
        found.pop()
    return found


def _is_word(token: str) -> bool:
    """A word token (letters, marks, digits) rather than a one-character symbol."""
    return unicodedata.category(token[0])[0] in "LMN"


_SKIPPED_OF = itemgetter(0)
_TOKEN_OF = itemgetter(1)
_PIECE_END = itemgetter(1)


def _token_places(chunk: str, offset: int) -> list[tuple[int, int]]:
    """(start, end) of each token of a chunk that starts at ``offset``: its skipped parts and tokens tile it."""
    parts = _parts(chunk)
    tokens = list(map(len, map(_TOKEN_OF, parts)))
    ends = list(accumulate(map(add, map(len, map(_SKIPPED_OF, parts)), tokens), initial=offset))
    del ends[0]
    return list(zip(map(sub, ends, tokens), ends))


class _Folds(dict):
    """token -> its fold, filled on first sight (a pure memo: the same token always folds alike)."""

    __slots__ = ()

    def __missing__(self, token: str) -> str:
        value = BREAK if not token else fold(token) if _is_word(token) else token.casefold()
        self[token] = value
        return value


class _Keys(dict):
    """token -> the key terms are matched on, filled on first sight (a pure memo)."""

    __slots__ = ("folds",)

    def __init__(self, folds: _Folds):
        super().__init__()
        self.folds = folds

    def __missing__(self, token: str) -> str:
        value = BREAK if not token else stem(self.folds[token]) if _is_word(token) else token.casefold()
        self[token] = value
        return value


class _Chunks(dict):
    """Text between two spaces -> its tokens (a tuple of str), filled on first sight (a pure memo)."""

    __slots__ = ()

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        value = self[chunk] = tuple(map(_TOKEN_OF, _parts(chunk)))
        return value


class Lexicon:
    """The tokens, folds and keys of every chunk and token met so far, shared by the drafts one process reads.

    Posts repeat the same words, and reading and folding them is the costly part of tokenising:
    each distinct chunk of text is cut into tokens once per run, and each distinct token folded
    once. Looking a column of tokens up is then a C-level ``map`` over these dicts (their
    ``__missing__`` fills them), not a Python step per word.
    """

    __slots__ = ("chunks", "folds", "keys")

    def __init__(self) -> None:
        self.chunks = _Chunks()
        self.folds = _Folds()
        self.keys = _Keys(self.folds)


def token_fold(token: str) -> str:
    """Word.fold of a token as written (what the Lexicon's folds hold; "" is the BREAK)."""
    return BREAK if not token else fold(token) if _is_word(token) else token.casefold()


def token_key(token: str) -> str:
    """Word.key of a token as written (what the Lexicon's keys hold; "" is the BREAK)."""
    return BREAK if not token else stem(fold(token)) if _is_word(token) else token.casefold()


class Tokens(Sequence[Word]):
    """The tokens of a draft's prose, as ``tokenize_pieces`` finds them: a sequence of Word.

    Why columns: a rule reads one or two things of every token (its key, its text) and the rest
    only of the few tokens it reports. So the tokens are kept as their texts, one list, and their
    keys and folds as lists made on first use from the Lexicon; a token's offsets are computed only
    when a rule asks for them (``_place``), which it does for the few tokens it reports.
    Indexing or iterating still gives Word tuples, equal to what ``tokenize`` gives.
    """

    __slots__ = ("_chunk_places", "_folds", "_keys", "_lexicon", "_piece_chunks", "_pieces", "_placed", "_text",
                 "chunks", "texts")

    def __init__(self, text: str, texts: list[str], pieces: tuple[tuple[int, int, int, int], ...],
                 lexicon: Lexicon, chunks: list[str]):
        self.texts = texts
        """Each token as written ("" for a BREAK)."""
        self.chunks = chunks
        """The texts between two spaces of every piece, in order (their hashes already computed)."""
        self._text = text
        self._pieces = pieces  # (first index, end index, start and end offsets in the text) of each piece
        self._lexicon = lexicon
        self._keys: list[str] | None = None
        self._folds: list[str] | None = None
        self._piece_chunks: list[int] | None = None  # index in ``chunks`` of each piece's first chunk
        self._chunk_places: dict[int, tuple[list[int], list[int]]] = {}  # piece -> its chunks' first tokens, offsets
        self._placed: dict[int, list[tuple[int, int]]] = {}  # chunk -> the offsets of its tokens

    @property
    def keys(self) -> list[str]:
        """Each token's key (Word.key)."""
        if self._keys is None:
            self._keys = list(map(self._lexicon.keys.__getitem__, self.texts))
        return self._keys

    @property
    def folds(self) -> list[str]:
        """Each token's fold (Word.fold)."""
        if self._folds is None:
            self._folds = list(map(self._lexicon.folds.__getitem__, self.texts))
        return self._folds

    def key(self, index: int) -> str:
        """One token's key (Word.key), read from the Lexicon when the column is not made: a rule that
        reads the keys of a few tokens does not make the keys of all."""
        keys = self._keys
        return keys[index] if keys is not None else self._lexicon.keys[self.texts[index]]

    def fold(self, index: int) -> str:
        """One token's fold (Word.fold), read from the Lexicon when the column is not made."""
        folds = self._folds
        return folds[index] if folds is not None else self._lexicon.folds[self.texts[index]]

    def folds_between(self, first: int, end: int) -> list[str]:
        """The folds of the tokens ``first`` to ``end`` (excluded)."""
        folds = self._folds
        return folds[first:end] if folds is not None else list(map(self._lexicon.folds.__getitem__,
                                                                   self.texts[first:end]))

    def link(self, index: int) -> str:
        """Word.link of one token: a symbol written right after the previous character of its piece is marked."""
        key = self.key(index)
        token = self.texts[index]
        if not token or _is_word(token):
            return key
        start = self.start(index)
        piece_start = self._pieces[bisect_right(self._pieces, index, key=_PIECE_END)][2]
        attached = start > piece_start and not self._text[start - 1].isspace()
        return _ATTACHED + key if attached else key

    def span(self, index: int) -> tuple[int, int]:
        """(start, end) offsets of one token, without making the rest of its Word."""
        return self._place(index)

    def start(self, index: int) -> int:
        return self._place(index)[0]

    def end(self, index: int) -> int:
        return self._place(index)[1]

    def _place(self, index: int) -> tuple[int, int]:
        """(start, end) offsets of one token, found from its chunk alone.

        Why not every token's at once: rules ask for the offsets of the few tokens they report, and
        reading a whole draft again to place them all cost more than the search that found them.
        The token's piece is found among the pieces, its chunk by the count of tokens of each chunk
        of that piece (looked up in the Lexicon, at C level), and only that chunk is read again; a
        chunk's offsets are kept, so a long chunk with many reported tokens is read once.
        """
        if index < 0:
            index += len(self.texts)
        piece = bisect_right(self._pieces, index, key=_PIECE_END)  # the first piece that ends after the token
        first, _, start, _ = self._pieces[piece]
        if index < first:  # the BREAK before this piece, placed where the piece starts
            return start, start
        firsts, offsets = self._chunks_of(piece)
        at = bisect_right(firsts, index) - 1
        chunk = self._first_chunk(piece) + at
        places = self._placed.get(chunk)
        if places is None:
            places = self._placed[chunk] = _token_places(self.chunks[chunk], offsets[at])
        return places[index - firsts[at]]

    def _first_chunk(self, piece: int) -> int:
        """Index in ``chunks`` of the first chunk of a piece (a piece has one chunk more than spaces)."""
        if self._piece_chunks is None:
            text = self._text
            counts = [text.count(" ", start, end) + 1 for _, _, start, end in self._pieces]
            self._piece_chunks = list(accumulate(counts, initial=0))
        return self._piece_chunks[piece]

    def _chunks_of(self, piece: int) -> tuple[list[int], list[int]]:
        """(index of the first token, offset in the text) of each chunk of one piece, made on first use."""
        known = self._chunk_places.get(piece)
        if known is None:
            first, _, start, _ = self._pieces[piece]
            chunks = self.chunks[self._first_chunk(piece):self._first_chunk(piece + 1)]
            firsts = list(accumulate(map(len, map(self._lexicon.chunks.__getitem__, chunks)), initial=first))
            offsets = list(accumulate(map(add, map(len, chunks), repeat(1)), initial=start))
            known = self._chunk_places[piece] = (firsts, offsets)
        return known

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> Word: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Word, ...]: ...

    def __getitem__(self, index: int | slice) -> Word | tuple[Word, ...]:
        if isinstance(index, slice):
            return tuple(self[position] for position in range(*index.indices(len(self.texts))))
        if index < 0:
            index += len(self.texts)
        return _new(Word, (*self._place(index), self.texts[index], self.fold(index), self.key(index),
                           self.link(index)))

    def __iter__(self) -> Iterator[Word]:
        return map(self.__getitem__, range(len(self.texts)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Tokens, tuple, list)):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Tokens({list(self)!r})"


def span_of(words: Sequence[Word], index: int) -> tuple[int, int]:
    """(start, end) of one token (Tokens place it without making its Word)."""
    if isinstance(words, Tokens):
        return words.span(index)
    word = words[index]
    return word.start, word.end


def texts_of(words: Sequence[Word]) -> Sequence[str]:
    """The text of every token (Tokens keep them as a column already)."""
    return words.texts if isinstance(words, Tokens) else [word.text for word in words]


def folds_of(words: Sequence[Word]) -> Sequence[str]:
    """The fold of every token (Tokens make them from their Lexicon, without Word tuples)."""
    return words.folds if isinstance(words, Tokens) else [word.fold for word in words]


def term_tokens(term: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (keys, folds) a term is matched by."""
    tokens = tokenize(term)
    keys = tuple(word.key if index == 0 else word.link for index, word in enumerate(tokens))
    return keys, tuple(word.fold for word in tokens)


def graphemes(text: str) -> int:
    """Characters as a person (and every network) counts them: "é", "👍🏽" and "🇫🇷" count 1."""
    return len(_GRAPHEME.findall(text))


class Match(NamedTuple):
    """A term found in a post: the words it covers and what the term stands for (a tuple: a post of
    many terms makes many, and a tuple is made without a Python-level ``__init__``)."""

    first: int  # index of the first word in the word list
    last: int  # index of the last word (inclusive)
    start: int  # character offsets in the draft's text
    end: int
    term: str  # the term as the playbook wrote it
    payload: object
    exact: bool  # written exactly as the term (up to case and accents), not an inflected form


_KEY = itemgetter(Word._fields.index("key"))  # words are tuples: a C-level getter
_END = 0  # trie key of "a term ends here": an int, so no token key (a str, even empty) is taken for it
_EXPANDED = str.maketrans({"œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae"})


def forms(folded: str) -> frozenset[str]:
    """The folded forms a word of a strict term stands for: itself, its plural, its feminine.

    Controlled inflections, unlike ``stem``: "élection" stands for "élections", "électoral" for
    "électorale(s)" and "électoraux", "religieux" for "religieuse(s)", and nothing else — a verb's
    other forms, or another word that happens to share a stem, are not the term.
    """
    bases = {folded}
    if len(folded) > 3 and folded.endswith(("s", "x")):
        bases.add(folded[:-1])
    if len(folded) > 4 and folded.endswith("aux"):
        bases.add(folded[:-3] + "al")
    if len(folded) > 5 and folded.endswith("euse"):
        bases.add(folded[:-4] + "eux")
    result = set(bases)
    for base in bases:
        result.update((base + "s", base + "x"))
        if not base.endswith("e"):
            result.update((base + "e", base + "es"))
        if base.endswith("e"):
            result.add(base + "s")
        if base.endswith("al"):
            result.add(base[:-2] + "aux")
        if base.endswith("eux"):
            result.update((base[:-1] + "se", base[:-1] + "ses"))
        if base.endswith("if"):
            result.update((base[:-1] + "ve", base[:-1] + "ves"))
        if base.endswith(("en", "on", "el")):
            result.update((base + base[-1] + "e", base + base[-1] + "es"))
        if base.endswith("er"):
            result.update((base[:-2] + "ere", base[:-2] + "eres"))
    return frozenset(result)


def _letters(word: str) -> list[str]:
    """Each letter of a word with its accents ("é" -> "e\u0301"), case and invisible characters aside."""
    letters: list[str] = []
    for char in unicodedata.normalize("NFD", word.translate(_NO_INVISIBLE).casefold().translate(_EXPANDED)):
        if unicodedata.combining(char) and letters:
            letters[-1] += char
        else:
            letters.append(char)
    return letters


def accents_agree(written: str, term: str) -> bool:
    """Whether a word as written can be the term's word, accents considered.

    A missing accent is forgiven (people type "eglise"); an accent the term does not have marks
    another word when the term is written with accents elsewhere, and always on a final e:
    "soigné" is not "soigne", "pêcher" is not "pécher".
    """
    if written.isascii():
        return True
    letters, wanted = _letters(written), _letters(term)
    accented = any(len(letter) > 1 for letter in wanted)
    for index, (letter, other) in enumerate(zip(letters, wanted)):
        if len(letter) > 1 and letter != other and (accented or (other == "e" and index == len(wanted) - 1)):
            return False
    return True


@dataclass(frozen=True)
class _Term:
    """A term in the trie: as the charter wrote it, its tokens, what it stands for."""

    term: str
    folds: tuple[str, ...]
    texts: tuple[str, ...]
    payload: object
    forms: tuple[frozenset[str], ...] | None  # strict terms only: the forms each word may take

    def fits(self, written: Sequence[str], folded: Sequence[str]) -> bool:
        """Whether the words found (as written, and folded) are this term: accents, and for a strict
        term each word's inflection."""
        if self.forms is not None and any(fold_ not in allowed for fold_, allowed in zip(folded, self.forms)):
            return False
        return all(accents_agree(text, wanted) for text, wanted in zip(written, self.texts))


class TermIndex:
    """Every term of one kind in a trie of folded tokens; built once per playbook, then read-only.

    ``find`` reports the leftmost-longest, non-overlapping occurrences in a single walk: each
    word starts at most one lookup chain, as long as the longest term that could match there.
    Terms written as a hashtag (``#concurrent``) or a mention (``@concurrent``) are compared with
    the post's hashtags and mentions instead, which prose matching never looks into.

    ``strict`` terms match their own words in their plural and feminine forms only (see
    ``forms``), not every word of the same stem. ``exceptions`` are (phrase, payload) pairs: a term
    found inside one of the phrases is not reported when the phrase excuses its payload (the
    payload itself, compared by identity, or ``None`` for every term). Accents written in the post
    must agree with the term's (``accents_agree``).
    """

    def __init__(self, terms: Iterable[tuple[str, object]], exceptions: Iterable[tuple[str, object]] = (),
                 strict: bool = False):
        self._root: dict = {}
        self._tags: dict[tuple[str, str], tuple[str, object]] = {}
        self._excuses: dict = {}
        self._excuse_depth = 0
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
            tokens = tokenize(stripped)
            if not tokens:
                continue
            node = self._root
            for index, word in enumerate(tokens):
                node = node.setdefault(word.key if index == 0 else word.link, {})
            if _END not in node:
                folds = tuple(word.fold for word in tokens)
                node[_END] = _Term(term, folds, tuple(word.text for word in tokens), payload,
                                   tuple(map(forms, folds)) if strict else None)
                self.size += 1
        for phrase, owner in exceptions:
            if not isinstance(phrase, str):
                continue
            keys, _ = term_tokens(phrase.strip())
            if not keys:
                continue
            node = self._excuses
            for phrase_key in keys:
                node = node.setdefault(phrase_key, {})
            node.setdefault(_END, []).append(owner)
            self._excuse_depth = max(self._excuse_depth, len(keys))

    def __bool__(self) -> bool:
        return self.size > 0

    @property
    def first_keys(self) -> frozenset[str]:
        """The keys a term can start with: a word with another key starts no term of this index."""
        return frozenset(self._root)

    def find(self, words: Sequence[Word], candidates: Iterable[int] | None = None) -> list[Match]:
        """The terms in ``words``; ``candidates`` (Tokens only): ascending positions that include
        every word whose key is one of ``first_keys`` (several indexes may share one scan)."""
        root = self._root
        found: list[Match] = []
        if not root:
            return found
        if isinstance(words, Tokens):
            return self._find_tokens(words, found, candidates)
        total = len(words)
        # The positions of the words that start some term, found without a Python-level loop.
        starts = compress(count(), map(root.__contains__, map(_KEY, words)))
        keys = [word.key for word in words]
        links = [word.link for word in words]
        for index in starts:
            if found and index <= found[-1].last:
                continue
            node = root.get(words[index].key)
            ends: list[tuple[int, _Term]] = []
            cursor = index
            while node is not None:
                if _END in node:
                    ends.append((cursor, node[_END]))
                cursor += 1
                if cursor >= total:
                    break
                node = node.get(words[cursor].link)
            for last, entry in reversed(ends):
                chosen = words[index:last + 1]
                folded = [word.fold for word in chosen]
                if not entry.fits([word.text for word in chosen], folded) \
                        or self._excused(keys.__getitem__, links.__getitem__, index, last, entry.payload, total):
                    continue
                found.append(Match(index, last, words[index].start, words[last].end, entry.term, entry.payload,
                                   tuple(folded) == entry.folds))
                break
        return found

    def _find_tokens(self, tokens: Tokens, found: list[Match], candidates: Iterable[int] | None) -> list[Match]:
        """``find`` on a draft's Tokens: the same walk (``_trie_ends``), reading only the columns it needs."""
        root = self._root
        key_of = tokens.key
        link = tokens.link
        total = len(tokens.texts)
        starts: Iterable[int]
        if candidates is None:
            starts = compress(count(), map(root.__contains__, tokens.keys))
        else:
            starts = (index for index in candidates if key_of(index) in root)
        for index in starts:
            if found and index <= found[-1].last:
                continue
            ends: list[tuple[int, _Term]] = _trie_ends(root.get(key_of(index)), key_of, link, index, total)
            for last, entry in reversed(ends):
                folded = tokens.folds_between(index, last + 1)
                if not entry.fits(tokens.texts[index:last + 1], folded) \
                        or self._excused(key_of, link, index, last, entry.payload, total):
                    continue
                found.append(Match(index, last, tokens.start(index), tokens.end(last), entry.term, entry.payload,
                                   tuple(folded) == entry.folds))
                break
        return found

    def _excused(self, key_of: Callable[[int], str], link: Callable[[int], str], first: int, last: int,
                 payload: object, total: int) -> bool:
        """Whether an exception phrase that excuses ``payload`` covers the words ``first..last`` (of ``total``).

        Only phrases that start at most as many words before ``first`` as the longest phrase has
        are tried, each walk as long as a phrase: the cost per match is bounded, whatever the post.
        """
        if not self._excuses:
            return False
        for start in range(max(0, first - self._excuse_depth + 1), first + 1):
            node = self._excuses.get(key_of(start))
            cursor = start
            while node is not None:
                if cursor >= last and _END in node and any(owner is None or owner is payload for owner in node[_END]):
                    return True
                cursor += 1
                if cursor >= total:
                    break
                node = node.get(link(cursor))
        return False

    def find_tags(self, spans: Iterable) -> Iterator[tuple[object, str, object]]:
        """(span, term, payload) for each hashtag or mention span that is one of the terms."""
        if not self._tags:
            return
        for span in spans:
            if span.kind in ("hashtag", "mention"):
                hit = self._tags.get((span.kind, fold(span.value)))
                if hit is not None:
                    yield span, hit[0], hit[1]


def _trie_ends(node: dict | None, key_of: Callable[[int], str], link: Callable[[int], str], index: int,
               total: int) -> list:
    """(last token, end mark) of each term of a trie that the tokens from ``index`` on spell,
    shortest first; ``node`` is the trie's child for the token at ``index`` (or None).

    A token's link differs from its key only for a symbol written right after the previous
    character (``_ATTACHED`` + key): when the node holds neither, the walk stops without asking
    which it is. Shared by ``TermIndex`` (a list's end marks) and ``TermIndexes`` (merged tries).
    """
    ends = []
    cursor = index
    while node is not None:
        if _END in node:
            ends.append((cursor, node[_END]))
        cursor += 1
        if cursor >= total:
            break
        key = key_of(cursor)
        if key not in node and _ATTACHED + key not in node:
            break
        node = node.get(link(cursor))
    return ends


class TermIndexes:
    """Several TermIndexes searched in one walk over a draft's Tokens: ``find`` gives each index's
    ``TermIndex.find``.

    Why: a post's rules look up several lists whose terms start with the same common words
    ("prix", "jus"): each list walked from each such word. Here the lists' tries are merged (a
    node's end mark holds each list's term), so each word starts one walk, as long as the longest
    term of any list that could match there, and each list keeps its own leftmost-longest choice,
    accents, forms and exceptions (tests/test_fast_paths.py checks it against each index's ``find``).
    """

    def __init__(self, indexes: Sequence[TermIndex]):
        self.indexes = tuple(indexes)
        self._root: dict = {}
        for number, index in enumerate(self.indexes):
            self._merge(self._root, index._root, number)

    def _merge(self, into: dict, node: dict, number: int) -> None:
        for key, child in node.items():
            if isinstance(key, int):  # the end mark: this index's term
                into.setdefault(_END, [None] * len(self.indexes))[number] = child
            else:
                self._merge(into.setdefault(key, {}), child, number)

    def find(self, words: Sequence[Word], candidates: Iterable[int] | None = None) -> list[list[Match]]:
        """Each index's ``find(words, candidates)``, in the order of the indexes."""
        if not isinstance(words, Tokens):
            return [index.find(words, candidates) for index in self.indexes]
        found: list[list[Match]] = [[] for _ in self.indexes]
        root = self._root
        if not root:
            return found
        key_of = words.key
        link = words.link
        total = len(words.texts)
        searched = [number for number, index in enumerate(self.indexes) if index._root]
        starts = compress(count(), map(root.__contains__, words.keys)) if candidates is None else candidates
        for index in starts:
            ends: list[tuple[int, list]] = _trie_ends(root.get(key_of(index)), key_of, link, index, total)
            if not ends:
                continue
            # the indexes whose last match does not cover this word (a walk has no other effect)
            for number in [number for number in searched if not found[number] or index > found[number][-1].last]:
                index_ = self.indexes[number]
                for last, entries in reversed(ends):
                    entry = entries[number]
                    if entry is None:
                        continue
                    folded = words.folds_between(index, last + 1)
                    if not entry.fits(words.texts[index:last + 1], folded) \
                            or index_._excused(key_of, link, index, last, entry.payload, total):
                        continue
                    found[number].append(Match(index, last, words.start(index), words.end(last), entry.term,
                                               entry.payload, tuple(folded) == entry.folds))
                    break
        return found


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
