"""PB406: the same (or nearly the same) text is not scheduled on different channels."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from fractions import Fraction
from itertools import chain, compress, count, islice, repeat
from operator import add
from typing import Any

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.drafts.parse import Draft
from linter.drafts.queue import Post, Queue
from linter.drafts.tokens import Tokens
from linter.playbook.model import Playbook
from linter.rules.queue._common import _VINTAGE, _file, _files, _label, _when

SIMILARITY = Fraction(4, 5)  # PB406: word-shingle Jaccard at or above this is "the same text"
SHINGLE_WORDS = 2  # word pairs: one changed word in a 25-word post still leaves it 85 % alike
MIN_WORDS = 5  # shorter texts ("Bonne année !") are allowed to be the same everywhere
_MAX_CHECKS_PER_DRAFT = 64  # bound on candidates examined per draft (pathological queues of near-copies)
SPLIT_AT = 2000  # texts from which PB406, when told it may, shares its search out with a forked copy

SAME_TEXT = rule(
    "PB406", "same-text-everywhere", "The same (or nearly the same) text is scheduled on different channels.",
    Severity.WARNING,
    what="Compares the bodies of dated drafts on different channels after setting aside case, spacing, "
             "punctuation, links, hashtags and mentions. Two texts that share at least 80 % of their pairs of "
             "consecutive words are reported on the later draft, naming the earlier file. Texts of fewer than "
             "five words are not compared, and a single draft listing several channels is not reported (its front "
             "matter already says so).",
    why="Each channel must bring something the others do not: its own audience, format and tone. The same "
            "text pasted everywhere tells followers of several channels that following more than one is "
            "pointless.",
    example=_files(
            _file("2027-01-04-cuvee-facebook.md", "facebook", "information", "2027-01-04T10:00", _VINTAGE),
            _file("2027-01-04-cuvee-linkedin.md", "linkedin", "information", "2027-01-04T12:00",
                  _VINTAGE + " #cidre")),
    fixed=_files(
            _file("2027-01-04-cuvee-facebook.md", "facebook", "information", "2027-01-04T10:00", _VINTAGE),
            _file("2027-01-04-cuvee-linkedin.md", "linkedin", "information", "2027-01-04T12:00",
                  "Après deux ans d’essais avec nos producteurs partenaires, nous lançons une cuvée fermière. "
                  "Retour sur le projet et sur les métiers qui l’ont rendue possible.")),
    options="None in the playbook: the threshold (80 % alike) and the minimum length (five words) are fixed. "
                "Severity in lint.yml.",
    example_file="drafts/")


RULES = (SAME_TEXT,)


ASIDE = True  # the slowest queue rule: on a large queue it runs in a forked process beside the others


def per_draft() -> SameTextEncoder:
    """A fresh encoder for one batch of drafts: workers encode the drafts they parse (see Check)."""
    return SameTextEncoder()


def check(queue: Queue, playbook: Playbook, ctx: CheckContext) -> Iterator[Finding]:
    yield from _same_text(list(queue.posts), playbook, queue.split, ctx.lang)

_STRIP = re.compile(
    r"(?:https?://|www\.)\S+"          # links (tracking parameters differ per channel)
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"   # e-mail addresses
    r"|(?<![\w&])[#@][\w-]+"           # hashtags and mentions
    r"|<[^>]*>",                       # HTML tags
    re.IGNORECASE)
_WORD = re.compile(r"\w+")


def _normal(text: str) -> str:
    """PB406's reading of text: compatibility forms and case set aside."""
    return unicodedata.normalize("NFKC", text).casefold()


def _words(draft: Draft) -> list[str]:
    """The words of the post's prose in lower case: from the parser's prose spans when it made them."""
    if draft.spans:  # the parser already set links, hashtags, mentions and code apart
        text = " ".join(draft.text[span.start:span.end] for span in draft.spans if span.kind == "prose")
        return _WORD.findall(_normal(text))
    text = _normal(draft.body)
    return _WORD.findall(_STRIP.sub(" ", text))


class _Numbering(dict):
    """PB406 word -> its number in one encoder (from 1, in order of first sight); ``names`` by number."""

    __slots__ = ("names",)

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = [""]

    def __missing__(self, word: str) -> int:
        number = self[word] = len(self.names)
        self.names.append(word)
        return number


class _ChunkNumbers(dict):
    """Text between two spaces -> the numbers of its PB406 words, in order (a tuple): a pure memo.

    Why chunks: a space is a starter that composes with nothing under NFKC, folds to itself and
    is no word character, so PB406's words of a prose (``_words``) are the words of its
    space-separated chunks, in order. Posts repeat the same chunks, so each distinct one is
    normalised and searched once per encoder and a draft's words are chunks looked up at C level.
    """

    __slots__ = ("numbering",)

    def __init__(self, numbering: _Numbering):
        super().__init__()
        self.numbering = numbering

    def __missing__(self, chunk: str) -> tuple[int, ...]:
        value = self[chunk] = tuple(map(self.numbering.__getitem__, _WORD.findall(_normal(chunk))))
        return value


class _ShingleNumbers(dict):
    """Shingle (tuple of word numbers) -> its number in one encoder, from 0 in order of first sight."""

    __slots__ = ()

    def __missing__(self, shingle: tuple[int, ...]) -> int:
        number = self[shingle] = len(self)
        return number


_Source = tuple[list[str], bool]  # a held draft's prose: its chunks (True) or its words (False), as read
Item = tuple["_Vocabulary", int]  # what the encoder gives a draft that may take part: where its text is read


class _Vocabulary:
    """What one encoder read: the texts of its drafts as numbers, and the words and shingles numbered.

    ``texts[n]`` is the n-th text's words in order and its distinct shingles, two lists of
    numbers, arrays once sent to another process (None when it has fewer than MIN_WORDS
    words); ``names`` are the words by number;
    ``frequency`` counts, per shingle number, the texts that hold it and ``items`` the texts
    counted. A shingle is the tuple of its words' numbers (``numbers``, shingle -> number).

    Why the texts are held here, not in what the encoder gives each draft: a batch of drafts
    sent between processes then carries one object, with each word and shingle named once
    (see ``__reduce__``), and the drafts' items are mere positions in it. The global order of
    shingles (rarest first) is then summed from a few thousand counts per batch, in the process
    that runs PB406, instead of counted again from every text.
    """

    __slots__ = ("_chunks", "_numbering", "frequency", "items", "joined", "names", "numbers", "sources", "texts")

    def __init__(self) -> None:
        self._numbering = _Numbering()
        self._chunks = _ChunkNumbers(self._numbering)
        self.names: list[str] = self._numbering.names
        self.numbers: dict[tuple[int, ...], int] = _ShingleNumbers()
        self.frequency: Counter[int] | list[int] = Counter()
        self.items = 0
        self.texts: list[tuple[Sequence[int], Sequence[int]] | None] = []
        self.sources: list[_Source] = []
        """The texts held, not read yet (see ``read``)."""
        self.joined: list[str] | None = None
        """The shingles' names by number, once joined (``shingle_names``) or as another process sent them."""

    def hold(self, source: _Source) -> Item:
        """Take a draft's prose, to be read with the next ones (``read``): its item."""
        position = len(self.texts) + len(self.sources)
        self.sources.append(source)
        if len(self.sources) >= _HELD:
            self.read()
        return self, position

    def read(self) -> None:
        """Read the texts held: their words, shingles and counts.

        Why a few dozen at once rather than each as it comes: between two drafts the per-post
        rules run and push this vocabulary's tables out of the processor's caches; read in a row,
        the texts find them there (a third less time, measured on the bench's corpora).
        """
        if not self.sources:
            return
        self.joined = None  # new shingles may come: joined again when asked
        chunk_numbers, word_numbers = self._chunks.__getitem__, self._numbering.__getitem__
        shingle_number, frequency = self.numbers.__getitem__, self.frequency
        assert isinstance(frequency, Counter), "a vocabulary that crossed between processes has nothing held"
        for prose, chunked in self.sources:
            words = list(chain.from_iterable(map(chunk_numbers, prose))) if chunked else list(map(word_numbers, prose))
            if len(words) < MIN_WORDS:
                self.texts.append(None)
                continue
            # Each run of words looked up once (a new one numbered on the way), then deduplicated
            # as numbers: ints hash faster than the tuples, and the order of the shingles does not matter.
            ids = set(map(shingle_number, zip(words, islice(words, 1, None))))
            frequency.update(ids)
            self.items += 1
            self.texts.append((words, list(ids)))  # arrays only if sent (see __reduce__)
        self.sources.clear()

    def frequencies(self) -> list[int]:
        """How many texts hold each shingle, by shingle number."""
        if isinstance(self.frequency, list):
            return self.frequency
        return list(map(self.frequency.__getitem__, range(len(self.numbers))))

    def shingle_name(self, key: tuple[int, ...]) -> str:
        """The shingle's words joined by spaces (what orders shingles alike in every process)."""
        return " ".join(map(self.names.__getitem__, key))

    def shingle_names(self) -> list[str]:
        """The names of the shingles, by shingle number."""
        if self.joined is None:
            self.joined = list(map(self.shingle_name, self.numbers))
        return self.joined

    def __reduce__(self) -> tuple[Callable[..., _Vocabulary], tuple[Any, ...]]:
        """Sent as the texts' arrays, the words' names and the shingles' names: the receiver only
        orders shingles by their names and compares words by name, and joining the words here,
        in a worker, keeps that work off the process that runs the queue rules."""
        self.read()
        # Arrays of 2-byte numbers, a fifth of a list's size to pickle; only here, for the batches
        # that cross: those linted in the process that runs PB406 are read as they are.
        words, shingles = ("H" if len(self.names) <= 1 << 16 else "I"), ("H" if len(self.numbers) <= 1 << 16 else "I")
        texts = [(array(words, text[0]), array(shingles, text[1])) if text is not None else None for text in self.texts]
        return _received, (self.names, self.shingle_names(), self.frequencies(), self.items, texts)


def _received(names: list[str], sent: list[str], frequency: list[int], items: int,
              texts: list[tuple[Sequence[int], Sequence[int]] | None]) -> _Vocabulary:
    """A vocabulary as another process sent it (see ``_Vocabulary.__reduce__``): read, nothing held."""
    vocabulary = _Vocabulary.__new__(_Vocabulary)
    vocabulary.names, vocabulary.joined, vocabulary.frequency, vocabulary.items = names, sent, frequency, items
    vocabulary.texts, vocabulary.sources = texts, []
    vocabulary.numbers = _ShingleNumbers()
    return vocabulary


_HELD = 64  # drafts an encoder holds before reading them in a row (see _Vocabulary.read)


class SameTextEncoder:
    """PB406's view of drafts: their normalised words and shingles, numbered per encoder.

    Calling it on a draft gives None when the draft takes no part (no channel, or no date),
    else its item: ``(vocabulary, n)``, the n-th text of the encoder's _Vocabulary. The text is
    read a little later, with the next drafts (``_Vocabulary.read``; at the latest when the
    vocabulary is sent to another process or used), and may then prove too short (fewer than
    MIN_WORDS words: no arrays). ``_same_text`` renumbers the shingles in one global order.

    Why numbers: word pairs are then pairs of integers, not joined strings, and the words
    themselves are read chunk by chunk from a memo (``_ChunkNumbers``). Why the words are kept
    as numbers (2 bytes each) rather than a digest of the text: they are only compared, for
    equality, when a match is found, and hashing every text's words costs more than sending them.
    """

    def __init__(self) -> None:
        self.vocabulary = _Vocabulary()

    def __call__(self, draft: Draft) -> Item | None:
        if not draft.channels or not isinstance(draft.publish_at, dt.datetime):  # undated: not in the queue
            return None
        return self.vocabulary.hold(_prose(draft))

    def finish(self) -> None:
        """The batch is encoded: read the texts still held (see ``_Vocabulary.read``) and name their shingles.

        Named here, where the batch was linted (a worker, or this process among its chunks), not
        in the process that ranks every shingle once all drafts are read, while one core waits."""
        self.vocabulary.read()
        self.vocabulary.shingle_names()

    def _word_numbers(self, draft: Draft) -> list[int]:
        """The numbers of the draft's PB406 words (``_words``), read as ``_Vocabulary.read`` reads them."""
        prose, chunked = _prose(draft)
        if not chunked:
            return list(map(self.vocabulary._numbering.__getitem__, prose))
        return list(chain.from_iterable(map(self.vocabulary._chunks.__getitem__, prose)))


def _prose(draft: Draft) -> _Source:
    """What the encoder reads of a draft: its prose's chunks, or its words when the parser made no spans."""
    if not draft.spans:
        return _words(draft), False
    if isinstance(draft.words, Tokens):
        return draft.words.chunks, True
    return [chunk for span in draft.spans if span.kind == "prose"
            for chunk in draft.text[span.start:span.end].split(" ")], True


def _same_text(posts: list[Post], playbook: Playbook, split: bool = False,
               lang: Language | None = None) -> Iterator[Finding]:
    """Near-duplicate search with prefix filtering (an exact set-similarity join).

    Two sets whose Jaccard similarity is at least t share a shingle among the first
    ``n - ceil(t*n) + 1`` shingles of each, once every set is sorted by one global order (rarest
    first, then alphabetical). So each text is indexed under a few rare shingles only and is
    compared with the few earlier texts found under them: no all-pairs comparison. Each distinct
    shingle is replaced by its rank in that global order, and each text by the sorted list of its
    ranks (its prefix is then just the list's first items): 10,000 drafts make few objects to
    track, and small ones.

    With ``split`` and at least SPLIT_AT texts, once the sets are made the later half of the texts
    is searched in a forked copy (which first indexes the earlier half): the two halves' findings,
    one after the other, are those of a single search.
    """
    kept: list[Post] = []
    texts: list[tuple[list[str], Sequence[int]]] = []  # each text's words: their names and numbers (see _same_words)
    local: list[tuple[list, Sequence[int]]] = []  # each text's vocabulary entry and distinct shingles, by their numbers
    channel_keys: list[int] = []  # the draft's channels, numbered: equal means a repost
    channel_numbers: defaultdict[str, int] = defaultdict(count().__next__)
    channel_of_tuple: dict[tuple[str, ...], int] = {}  # a memo of the channel keys, by the tuple as written
    vocabularies: dict[int, list] = {}  # id of a _Vocabulary -> [it, texts kept from it]
    items: list[tuple[Post, _Vocabulary, int]] = []
    encoder = None
    for post in posts:
        item = post.views.get(__name__, False)
        if item is False:
            encoder = encoder or SameTextEncoder()
            item = encoder(post.draft)
        if item is not None:
            items.append((post, *item))
    for vocabulary in {id(vocabulary): vocabulary for _, vocabulary, _ in items}.values():
        vocabulary.read()  # the texts still held where they were encoded (this process, or a fork of it)
    for post, vocabulary, position in items:
        text = vocabulary.texts[position]
        if text is None:
            continue  # too short
        words, ids = text
        entry = vocabularies.get(id(vocabulary))
        if entry is None:
            entry = vocabularies[id(vocabulary)] = [vocabulary, 0]
        entry[1] += 1
        kept.append(post)
        texts.append((vocabulary.names, words))
        local.append((entry, ids))
        channels = post.draft.channels
        key = channel_of_tuple.get(channels)
        if key is None:  # the channels as a set: the same ones in another order are the same key
            key = channel_of_tuple[channels] = channel_numbers["\x1f".join(sorted(channels))]
        channel_keys.append(key)
    del items
    sets = _ranked_sets(local, vocabularies)
    del local, vocabularies
    channel_of = {number: key for key, number in channel_numbers.items()}
    search = (kept, sets, texts, channel_keys, channel_of, playbook, lang or Language())
    if split and len(kept) >= SPLIT_AT:
        from linter.core.aside import Aside

        half = len(kept) // 2
        later = Aside(_search, *search, half, len(kept))
        yield from _search(*search, 0, half)
        yield from later.result()
    else:
        yield from _search(*search, 0, len(kept))


def _search(kept: list[Post], sets: list[list[int]], texts: list[tuple[list[str], Sequence[int]]],
            channel_keys: list[int], channel_of: dict[int, str], playbook: Playbook, lang: Language, first: int,
            last: int) -> list[Finding]:
    """PB406's findings on the texts numbered ``first`` to ``last - 1``, the earlier texts indexed first."""
    num, den = SIMILARITY.numerator, SIMILARITY.denominator
    findings: list[Finding] = []
    index: defaultdict[int, list[int]] = defaultdict(list)
    sizes = list(map(len, sets))
    allowed: dict[int, Callable[[int], bool]] = {}  # a text's size -> the sizes it can be compared with
    for number in range(last):
        shingles = sets[number]
        size = len(shingles)
        prefix = shingles[:size - (-(-num * size // den)) + 1]
        post = kept[number]
        if number >= first and post.upcoming:
            sizes_allowed = allowed.get(size)
            if sizes_allowed is None:
                sizes_allowed = allowed[size] = _sizes_allowed(size, num, den)
            match = _earliest_match(number, sets, channel_keys, prefix, index, num, den, sizes, sizes_allowed)
            if match is not None:
                findings.append(_same_text_finding(
                    post, kept[match], _same_words(texts[number], texts[match]), frozenset(shingles),
                    frozenset(sets[match]), channel_of[channel_keys[match]].split("\x1f"), playbook, lang))
        for shingle in prefix:
            index[shingle].append(number)
    return findings


_SIZES_AS_SET = 512  # the widest range of sizes looked up in a set (quicker than a range); wider ones are rare


def _sizes_allowed(size: int, num: int, den: int) -> Callable[[int], bool]:
    """Whether a text of that size may be ``num/den`` alike with one of ``size`` shingles (a size filter).

    A set's ``__contains__`` rather than a range's, when the range is not too wide: mapped over a
    run of candidates at C level, it costs half (a range's is a slot wrapper, called with a tuple).
    """
    sizes = range(-(-num * size // den), den * size // num + 1)
    return frozenset(sizes).__contains__ if len(sizes) <= _SIZES_AS_SET else sizes.__contains__


def _same_words(text: tuple[list[str], Sequence[int]], other: tuple[list[str], Sequence[int]]) -> bool:
    """Whether two texts have the very same words in the same order (``texts`` of ``_same_text``).

    Numbers are compared within one vocabulary, names across two (each numbers words its own way).
    """
    (names, words), (other_names, other_words) = text, other
    if names is other_names:
        return words == other_words
    return len(words) == len(other_words) and \
        list(map(names.__getitem__, words)) == list(map(other_names.__getitem__, other_words))


def _ranked_sets(local: list[tuple[list, Sequence[int]]], vocabularies: dict[int, list]) -> list[list[int]]:
    """Each text's distinct shingles as their ranks in one global order, sorted (its prefix first).

    The order: rarest first (in how many texts), then alphabetical. Each vocabulary counted its
    shingles over the items it made; when some of these items are not among the texts kept, its
    shingles are counted again over the texts kept. Only shingles of some text are ranked.
    ``local`` holds (vocabulary entry, shingle numbers) per text, ``vocabularies`` the entries
    ([vocabulary, texts kept from it]).
    """
    totals: dict[str, int] = {}
    names = {id(entry): entry[0].shingle_names() for entry in vocabularies.values()}  # joined once per vocabulary
    for entry in vocabularies.values():
        vocabulary = entry[0]
        frequencies = vocabulary.frequencies()
        if entry[1] != vocabulary.items:
            counted = Counter(chain.from_iterable(ids for owner, ids in local if owner is entry))
            frequencies = list(map(counted.__getitem__, range(len(frequencies))))
        held = list(compress(names[id(entry)], frequencies))  # the shingles some kept text holds
        totals.update(zip(held, map(add, map(totals.get, held, repeat(0)), filter(None, frequencies))))
    # Rarest first, then alphabetical: two stable sorts on plain keys (names, then counts), which
    # compare faster than (count, name) tuples.
    order = sorted(totals)
    order.sort(key=totals.__getitem__)
    rank = dict(zip(order, range(len(order))))
    del totals, order
    # A shingle that no kept text holds has no rank (-1): no kept text looks it up.
    ranks = {key: list(map(rank.get, shingles, repeat(-1))).__getitem__ for key, shingles in names.items()}
    return [sorted(map(ranks[id(entry)], ids)) for entry, ids in local]


def _earliest_match(number: int, sets: list[list[int]], channel_keys: list[int], prefix: list[int],
                    index: Mapping[int, list[int]], num: int, den: int, sizes: list[int] | None = None,
                    allowed: Callable[[int], bool] | None = None) -> int | None:
    """The earliest earlier text on other channels at least as similar as the threshold.

    The candidates are visited in a fixed order: each prefix shingle's texts, in queue order,
    only those earlier than the best match so far, and at most _MAX_CHECKS_PER_DRAFT of them in
    all (the bound that keeps a queue of near-copies linear). Each shingle's run of candidates is
    first narrowed at C level to those whose size allows the threshold (most are not), and only
    these are compared; the count of visited candidates is kept exactly as a one-by-one visit
    keeps it, so the bound cuts the search at the very same place.

    A candidate is compared only when the shingles the two texts may share leave room for the
    threshold (positional filtering). The shingle it is found under is the first they share:
    one earlier in this text would be in the candidate's prefix too, and the candidate would have
    been judged under it already (``seen``). So every shared shingle is at or after that shingle's
    place in both sorted sets, which bounds how many they share before any counting, and every
    shingle of the other's tail that this text lacks lowers that bound by one.
    """
    shingles, channels = sets[number], channel_keys[number]
    if sizes is None:
        sizes = list(map(len, sets))
    size, best, examined, seen = len(shingles), None, 0, set()
    sizes_of = sizes.__getitem__
    if allowed is None:
        allowed = _sizes_allowed(size, num, den)  # len(other) within the ratio
    if not _any_alike_among_first(number, sets, channel_keys, prefix, index, num, den, sizes_of, allowed):
        return None
    mine: frozenset[int] | None = None
    for place, shingle in enumerate(prefix):
        found = index.get(shingle)
        if not found:
            continue
        limit = bisect.bisect_left(found, best) if best is not None else len(found)
        if not limit:
            continue
        budget = _MAX_CHECKS_PER_DRAFT - examined
        if budget <= 0:
            return best
        window = found[:min(limit, budget)]
        hit = None
        left = size - place  # the shingles of this text from this one on
        for candidate in compress(window, map(allowed, map(sizes_of, window))):
            if candidate in seen or channel_keys[candidate] == channels:
                continue  # already judged, or the same channels: a repost, not the same text elsewhere
            seen.add(candidate)
            other = sets[candidate]
            need = -(-num * (size + len(other)) // (num + den))  # at least num/den alike: that many in common
            tail = len(other) - bisect.bisect_left(other, shingle)  # the other's shingles from the first shared on
            if min(left, tail) < need:
                continue
            if mine is None:
                mine = frozenset(shingles)
            # A few of the other's shingles first: when more of them are missing here than the
            # tail can spare, the texts cannot be alike (most candidates end here, for a fraction
            # of the whole count).
            probe = other[len(other) - tail:len(other) - tail + 2 * (tail - need) + 2]
            common = len(mine.intersection(probe))
            if len(probe) - common > tail - need:
                continue
            if len(probe) < tail:
                common = len(mine.intersection(other))
            if common >= need:
                hit = candidate
                break
        if hit is not None:  # visited up to it; the rest of this shingle's texts are later than it
            best = hit
            examined += window.index(hit) + 1
        else:
            examined += len(window)
            if limit > budget:  # the next candidate would be one too many
                return best
    return best


def _any_alike_among_first(number: int, sets: list[list[int]], channel_keys: list[int], prefix: list[int],
                           index: Mapping[int, list[int]], num: int, den: int, sizes_of: Callable[[int], int],
                           allowed: Callable[[int], bool]) -> bool:
    """Whether one of the first _MAX_CHECKS_PER_DRAFT candidates of ``_earliest_match`` is alike.

    Until it finds a match, the search visits exactly these: the prefix shingles' texts one run
    after the other, up to the bound. So when none of them is alike, the search finds nothing,
    and most texts have no match: they are told so here from one run of candidates taken at C
    level, without walking the shingles one by one (the search itself runs only for the others).
    A candidate is rejected, before counting every shared shingle, when the first few of its own
    miss in this text more than it can spare (without the place of the first shared shingle: an
    earlier shingle of the candidate that this text lacks is one more it lacks).
    """
    shingles, channels = sets[number], channel_keys[number]
    visited = list(islice(chain.from_iterable(map(index.get, prefix, repeat(()))), _MAX_CHECKS_PER_DRAFT))
    size, seen, mine = len(shingles), set(), None
    for candidate in compress(visited, map(allowed, map(sizes_of, visited))):
        if candidate in seen or channel_keys[candidate] == channels:
            continue
        seen.add(candidate)
        other = sets[candidate]
        need = -(-num * (size + len(other)) // (num + den))
        if mine is None:
            mine = frozenset(shingles)
        probe = other[:3 * (len(other) - need) // 2 + 2]
        if len(probe) - len(mine.intersection(probe)) <= len(other) - need and \
                len(mine.intersection(other)) >= need:
            return True
    return False


def _same_text_finding(post: Post, other: Post, identical: bool, shingles: frozenset[int],
                       other_shingles: frozenset[int], other_channels: list[str], playbook: Playbook,
                       lang: Language) -> Finding:
    labels = ", ".join(_label(playbook, cid) for cid in other_channels)
    when = _when(other.local, lang)
    if identical:
        message = lang("the same text as {path} (on {channels}, {when})", path=other.path, channels=labels, when=when)
    else:
        common = len(shingles & other_shingles)
        alike = common / (len(shingles) + len(other_shingles) - common)
        message = lang("almost the same text ({share} % alike) as {path} (on {channels}, {when})",
                       share=round(alike * 100), path=other.path, channels=labels, when=when)
    return SAME_TEXT.at(
        post.draft.loc_at(post.draft.body_start), message,
        lang("Give each channel its own text: what its audience expects, in its format and tone. Links, hashtags "
             "and mentions do not count as a difference."))
