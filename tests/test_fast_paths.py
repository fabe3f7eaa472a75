"""The linter's fast paths give exactly what the general ones give.

Large queues are read with shortcuts: a draft's words read chunk by chunk from a memo, front
matter of plain ``key: value`` lines read without the YAML parser, paragraphs without inline
markers taken whole (a plain body's paragraphs found by one pattern, its markers by another),
line starts summed from the lines' lengths, emoji looked for only around a likely one, personal
details (PB315) ruled out from a post's chunks before any piece is read, and worker processes
that send back only what the queue rules and the disables read. Each must be invisible
to users: the same tokens, the same data and positions, the same findings. A shortcut stays only
where the benchmark shows it pays on more than one corpus (bench/results.md, "Fast paths").
"""

from __future__ import annotations

import codecs
import dataclasses
import pickle
import random
from itertools import pairwise

import pytest
from draft_helpers import ROOT, draft_text, sample
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.core.findings import Finding, Severity
from linter.drafts import parse as drafts
from linter.drafts import tokens as text
from linter.drafts.find import find_drafts
from linter.drafts.run import lint_files
from linter.playbook.source import parse_flat_yaml, parse_yaml_text

_TRICKY = "*_~ '’ʼ‘-‐‑\\\u202f\u00a0\n\t.,!?#@+()éÉa1²ªZ«»…–—"
_LATIN = "".join(map(chr, (*range(0x250), *range(0x2000, 0x2070))))  # Latin letters, general punctuation


def _pieces_the_general_way(sample_text: str, pieces) -> tuple:
    """What a draft's tokens are: ``_scan`` on each piece, a BREAK token between pieces."""
    words: list = []
    for start, end in pieces:
        if words:
            words.append(text.Word(start, start, "", text.BREAK, text.BREAK, text.BREAK))
        words.extend(text._scan(sample_text[start:end], start, {}))
    return tuple(words)


def _pieces_from_cuts(sample_text: str, cuts) -> list[tuple[int, int]]:
    """(start, end) pieces of ``sample_text`` in order, from drawn (gap, size) pairs clipped to the text."""
    pieces, position = [], 0
    for gap, size in cuts:
        start = min(position + gap, len(sample_text))
        end = min(start + size, len(sample_text))
        pieces.append((start, end))
        position = end
    return pieces


def _assert_same_tokens(sample_text: str, pieces) -> None:
    tokens = text.tokenize_pieces(sample_text, pieces)
    expected = _pieces_the_general_way(sample_text, pieces)
    # one token's key and fold, and a range of folds, before the columns are made, then after
    for _ in range(2):
        assert [tokens.key(index) for index in range(len(tokens))] == [word.key for word in expected]
        assert [tokens.fold(index) for index in range(len(tokens))] == [word.fold for word in expected]
        assert tokens.folds_between(1, len(tokens) - 1) == [word.fold for word in expected[1:-1]]
        assert [text.token_key(word.text) for word in expected] == [word.key for word in expected]
        assert [text.token_fold(word.text) for word in expected] == [word.fold for word in expected]
        tokens.keys, tokens.folds  # noqa: B018 (made: the second round reads the columns)
    assert tuple(tokens) == expected, (sample_text, pieces)
    assert len(tokens) == len(expected)
    assert tokens.texts == [word.text for word in expected]
    assert tokens.keys == [word.key for word in expected]
    assert tokens.folds == [word.fold for word in expected]
    assert [tokens.link(index) for index in range(len(tokens))] == [word.link for word in expected]
    assert [tokens[index] for index in range(-len(tokens), 0)] == list(expected)


def test_draft_tokens_are_the_words_of_the_general_pattern_for_every_character():
    """Tokens (columns, offsets made on demand) hold exactly the Words of the general tokeniser."""
    for char in _LATIN + "🍏\u0301ʰΣ\x1c\u3000":
        for shape in ("{0}", "a{0}b", "*{0}*", " {0} ", "{0}{0}", "a{0}", "{0}a", "**{0}", "{0}**", "_{0}_a",
                      "1{0}~", "a*{0}", "{0}*a", "ab** {0}", "x {0}+"):
            sample_text = shape.format(char)
            _assert_same_tokens(sample_text, [(0, len(sample_text))])
            _assert_same_tokens("..." + sample_text, [(1, 2), (3, 3 + len(sample_text))])


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY + _LATIN[::7] + "🍏\u0301\x1c"), max_size=40),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=4))
def test_draft_tokens_of_any_pieces_are_the_words_of_the_general_pattern(sample_text, cuts):
    pieces = _pieces_from_cuts(sample_text, cuts)
    _assert_same_tokens(sample_text, pieces)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY + "  " + _LATIN[::11] + "🍏\u0301"), max_size=60),
       st.lists(st.tuples(st.integers(0, 30), st.integers(0, 25)), max_size=4), st.randoms(use_true_random=False))
def test_a_token_is_placed_alone_where_the_general_pattern_finds_it(sample_text, cuts, rng):
    """Tokens place one token from its chunk alone (``Tokens._place``): in any order, any subset,
    each token's offsets and link are those of the general tokeniser, BREAKs and empty pieces included."""
    pieces = _pieces_from_cuts(sample_text, cuts)
    expected = _pieces_the_general_way(sample_text, pieces)
    tokens = text.tokenize_pieces(sample_text, pieces)
    order = list(range(len(expected)))
    rng.shuffle(order)
    for index in order[:rng.randint(0, len(order))]:
        assert (tokens.start(index), tokens.end(index), tokens.link(index)) == \
            (expected[index].start, expected[index].end, expected[index].link), (sample_text, pieces, index)
    assert tuple(tokens) == expected


def test_tokens_of_a_long_chunk_are_placed_by_reading_it_once():
    """Thousands of terms in one chunk without a space (a pasted list): each placed where it is; the chunk's
    offsets are kept, so it is read once, not once per token asked for."""
    sample_text = "nectar," * 20_000
    tokens = text.tokenize_pieces(sample_text, [(0, len(sample_text))])
    assert [tokens.start(index) for index in range(0, len(tokens), 2)] == list(range(0, len(sample_text), 7))
    assert tokens.end(len(tokens) - 1) == len(sample_text)


_TERM_WORDS = ["prix", "Prix", "PRIX", "prix.", "jus", "jus pressé", "pressé", "pressée", "presse", "C++", "C + +",
               "élection", "elections", "soigné", "soigne", "l'offre", "offre", "de", "la", "nectar", "nectars", "(+*)",
               "100 %",
               "#tag", "@rival", "a-b", "\u0301", "café", "cafe", "**prix**", "…", "🍏"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(st.lists(st.sampled_from(_TERM_WORDS), min_size=1, max_size=3).map(" ".join),
                                   st.integers(0, 3)), max_size=6), min_size=1, max_size=4),
       st.lists(st.tuples(st.lists(st.sampled_from(_TERM_WORDS), min_size=1, max_size=3).map(" ".join),
                          st.integers(0, 4)), max_size=3),
       st.lists(st.sampled_from(_TERM_WORDS + [" ", "\n", ", "]), max_size=40).map(" ".join), st.booleans())
def test_several_term_indexes_searched_in_one_walk_find_what_each_finds(lists, exceptions, sample_text, strict):
    """Vocabulary searches its four lists in one walk (``TermIndexes``): each list's matches are its own ``find``'s."""
    indexes = [text.TermIndex(terms, [(phrase, payload if payload < 4 else None) for phrase, payload in exceptions],
                              strict=strict and number % 2 == 0) for number, terms in enumerate(lists)]
    tokens = text.tokenize_pieces(sample_text, [(0, len(sample_text))])
    together = text.TermIndexes(indexes)
    first_keys = frozenset().union(*(index.first_keys for index in indexes))
    candidates = [position for position, key in enumerate(tokens.keys) if key in first_keys]
    expected = [index.find(text.tokenize_pieces(sample_text, [(0, len(sample_text))]), candidates) for index in indexes]
    assert together.find(tokens, candidates) == expected
    assert together.find(text.tokenize_pieces(sample_text, [(0, len(sample_text))])) == \
        [index.find(tokens) for index in indexes]


_REGISTER_WORDS = ["vous", "Vous", "VOTRE", "vos", "tu", "Tu", "ton", "le", "ton", "sur", "t", "'", "’", "«", "»",
                   "“", "”", "ne", "n", "hésite", "Découvrez", "découvre", "Commande", "la", ",", ".", "Jean",
                   "raconte", "offre", "spéciale", "passe", "chez", "nous", "!"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_REGISTER_WORDS + [" ", "\n"]), max_size=40).map(" ".join))
def test_register_visits_the_same_words_from_the_memo_of_tokens_as_from_their_folds(body):
    """PB311 finds the words it watches with a memo of tokens as written and reads the folds around
    them one by one (``_FoldsOf``): the same words as from the whole column of folds."""
    from linter.rules.draft import register

    playbook, ctx = sample()
    draft = drafts.parse_draft("drafts/x.md", draft_text(body), playbook.organisation, None, ctx.lang)
    assert draft is not None
    general = dataclasses.replace(draft, words=tuple(draft.words))
    assert register._second_person(draft, register.prepare(playbook)) == register._second_person(general)


_VALUES = ["facebook", "1", "07", "0x1F", "1_000", "1:30", "true", "yes", "Off", "null", "1.5", "1e3", "2027-01-04",
           "2027-03-02T10:00:00+01:00", "2027-03-02T10:00", "a.b", "a-b", "b:c", "foo:", "-a", "0o17", "inf", ".inf",
           "é", "a b", "a #b", "'q'", "~", "[x]", "a,b"]
_KEYS = ["channel", "channels", "kind", "publish_at", "author", "sponsored", "title", "disable", "true", "<<", "Kind"]


def _front_matter(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 5)):
        value = rng.choice(_VALUES)
        if rng.random() < 0.35:
            value = "[" + ", ".join(rng.choice(_VALUES) for _ in range(rng.randint(0, 3))) + "]"
        lines.append(rng.choice(_KEYS) + rng.choice([": "] * 8 + [":", ":  ", " : "]) + value)
    return "\n" + "\n".join(lines) + "\n"


def test_flat_front_matter_reads_as_the_yaml_parser_reads_it():
    rng = random.Random(2027)
    read = 0
    for _ in range(3000):
        source = _front_matter(rng)
        flat = parse_flat_yaml(source, "drafts/x.md")
        if flat is None:
            continue
        read += 1
        parsed, problems = parse_yaml_text(source, "drafts/x.md")
        assert problems == [] and parsed is not None, source
        assert flat.data == parsed.data and list(flat.data) == list(parsed.data), source
        assert [type(value) for value in flat.data.values()] == [type(value) for value in parsed.data.values()]
        for key, value in flat.data.items():
            if isinstance(value, list):
                assert [type(item) for item in value] == [type(item) for item in parsed.data[key]], source
        assert dict(flat.positions) == dict(parsed.positions), source
        assert dict(flat.key_positions) == dict(parsed.key_positions), source
        assert flat.text == parsed.text
    assert read > 300  # the shortcut is really taken


def test_flat_front_matter_lists_are_never_shared_between_drafts():
    """Lines are read once per run (a memo): each draft still gets lists of its own."""
    one = parse_flat_yaml("\nchannels: [facebook, x]\n", "a.md")
    other = parse_flat_yaml("\nchannels: [facebook, x]\n", "b.md")
    one.data["channels"].append("blog")
    assert other.data["channels"] == ["facebook", "x"] and other.positions[("channels", 1)].path == "b.md"


def test_front_matter_that_is_not_flat_goes_to_the_parser():
    for source in ("\nkind: promo # soldes\n", "\nkind: promo\n\nauthor: a\n", "\nkind: promo\nkind: info\n",
                   "\ntitle: 'Soldes'\n", "\nchannels:\n  - facebook\n", "\nkind: promo\r\n", "\nkind:\n"):
        assert parse_flat_yaml(source, "drafts/x.md") is None, source


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_queue_with_near_copies_and_disables_matches_serial(tmp_path, jobs):
    """Workers send back light drafts and PB406's view of them, while the parent lints chunks of its
    own (PB406 then reads vocabularies sent and vocabularies made here): same queue findings, same disables."""
    playbook, ctx = sample()
    rng = random.Random(7)
    words = ["cidre", "pomme", "verger", "récolte", "pressoir", "boutique", "atelier", "samedi", "cuvée", "fermier",
             "dégustation", "coffret", "printemps", "floraison", "cave", "fûts", "chêne", "recette", "poulet", "cheffe"]
    folder = tmp_path / "drafts"
    folder.mkdir()
    channels = ["facebook", "instagram", "linkedin", "x", "blog"]
    for index in range(260):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(3, 30)))
        if index % 3 and index > 5:  # a near copy of an earlier draft, on another channel
            earlier = (folder / f"d{rng.randrange(index - 5, index):03d}.md").read_text(encoding="utf-8")
            body = earlier.split("---\n", 2)[2].replace("cidre", "jus", 1) + " #cidre https://exemple.fr"
        if index % 40 == 7:
            body = "<!-- playbook-disable PB406 -->\n" + body
        if index % 40 == 9:
            body = "<!-- playbook-disable-next-line PB406 -->\n" + body
        when = f"2027-03-{2 + index // 10:02d}T{8 + index % 10}:00:00+01:00"
        (folder / f"d{index:03d}.md").write_text(draft_text(body, channel=rng.choice(channels), publish_at=when),
                                                 encoding="utf-8")
    files, _ = find_drafts([str(folder)])
    parallel = sorted(lint_files(files, playbook, ctx, jobs=jobs), key=lambda f: f.sort_key())
    serial = sorted(lint_files(files, playbook, ctx, jobs=1), key=lambda f: f.sort_key())
    assert parallel == serial
    same = [finding.message.split(" (")[0].split(" as ")[0] for finding in serial if finding.code == "PB406"]
    assert "the same text" in same and "almost the same text" in same  # digests and shingles both compared
    # Views from an encoder that also read drafts left out of the queue: its counts of shingles
    # are then not the queue's, and PB406 counts them again over the texts it keeps.
    from linter.drafts.parse import read_draft
    from linter.rules.queue.same_text import SameTextEncoder

    read = [read_draft(path, playbook.organisation)[0] for path in files]
    encoder = SameTextEncoder()
    views = [encoder(draft) for draft in read]
    encoder.vocabulary.read()
    made = encoder.vocabulary.items
    for number in range(5):  # drafts with words of their own, left out of the queue
        extra = drafts.parse_draft(f"x{number}.md", draft_text(f"Le zorglub {number} quantique brille sous "
                                                                  f"la lune {number} du verger"))
        assert encoder(extra) is not None
    encoder.vocabulary.read()
    assert encoder.vocabulary.items > made == sum(_read(view) is not None for view in views)
    expected = check_same_text(read, playbook, ctx)  # no views: drafts encoded on the way, counts exact
    assert len(expected) >= len(same)  # before the disables
    assert check_same_text(read, playbook, ctx, views) == expected
    import pytest

    from linter.rules.queue import same_text as queue

    with pytest.MonkeyPatch.context() as patch:  # the search shared out with a forked copy
        patch.setattr(queue, "SPLIT_AT", 10)
        assert check_same_text(read, playbook, ctx, views, True) == expected
        for size in range(30, 60, 3):  # other texts on either side of the cut
            assert check_same_text(read[:size], playbook, ctx, views[:size], True) == \
                check_same_text(read[:size], playbook, ctx, views[:size])
    exact = [SameTextEncoder()(draft) for draft in read]
    assert _ranked_sets(views) == _ranked_sets(exact) == _ranked_sets(pickle.loads(pickle.dumps(exact))) \
        == _ranked_sets_counted(exact)


def _read(view: tuple | None) -> tuple | None:
    """A PB406 view as (vocabulary, distinct shingles) once read, or None when the text takes no part."""
    if view is None:
        return None
    vocabulary, position = view
    vocabulary.read()
    text = vocabulary.texts[position]
    return None if text is None else (vocabulary, text[1])


def _ranked_sets(views: list) -> list:
    """PB406's ranked shingle sets of these views (queue._ranked_sets, fed as _same_text feeds it)."""
    from linter.rules.queue import same_text as queue

    vocabularies: dict = {}
    local = []
    for view in map(_read, views):
        if view is not None:
            entry = vocabularies.setdefault(id(view[0]), [view[0], 0])
            entry[1] += 1
            local.append((entry, view[1]))
    return queue._ranked_sets(local, vocabularies)


def _ranked_sets_counted(views: list) -> list:
    """The same sets worked out plainly: shingles by name, counted over the texts, rarest first then by name."""
    from collections import Counter

    texts = [[view[0].shingle_names()[number] for number in view[1]] for view in map(_read, views)
             if view is not None]
    counts = Counter(name for names in texts for name in names)
    rank = {name: position for position, name in enumerate(sorted(counts, key=lambda name: (counts[name], name)))}
    return [sorted(rank[name] for name in names) for names in texts]


def test_light_drafts_keep_every_field_the_queue_reads():
    """``_light`` builds the draft field by field: a field added to Draft must not be lost on the way."""
    from linter.drafts.run import _light

    playbook, _ = sample()
    for body in ("Du cidre bio.", "<!-- playbook-disable-next-line PB406 -->\nDu cidre bio."):
        draft = drafts.parse_draft("a.md", draft_text(body, disable="[PB313]"), playbook.organisation)
        light = _light(draft)
        dropped = {"text", "meta", "meta_doc", "spans", "line_starts", "words"}
        for item in dataclasses.fields(drafts.Draft):
            if item.name not in dropped:
                assert getattr(light, item.name) == getattr(draft, item.name), item.name
        assert light.loc_at(light.body_start) == draft.loc_at(draft.body_start)
        assert light.meta_loc("publish_at") == draft.meta_loc("publish_at")
        # The disables are read in the worker, before the draft is made light.
        assert light.meta == {} and light.spans == () and light.text == ""


def test_light_drafts_share_their_zone_and_path_and_pickle_back_equal():
    """Light drafts of one offset share one zone object (written once per pickled batch); the time, its zone's
    name and the positions stay what they were, and the batch comes back from pickle equal."""
    import datetime as dt
    import pickle

    from linter.drafts.run import _light

    playbook, _ = sample()
    times = ("2027-03-02T10:00:00+01:00", "2027-03-03T11:30:00+01:00", "2027-07-01T09:00:00+02:00",
             "2027-03-04T08:00:00Z", "2027-03-05T08:00:00")
    parsed = [drafts.parse_draft(f"drafts/d{number}.md", draft_text("Du cidre bio.", publish_at=value),
                                 playbook.organisation) for number, value in enumerate(times)]
    light = [_light(draft) for draft in parsed]
    for before, after in zip(parsed, light, strict=True):
        assert after.publish_at == before.publish_at
        assert after.publish_at.tzinfo.tzname(None) == before.publish_at.tzinfo.tzname(None)
        assert after.meta_loc("publish_at") == before.meta_loc("publish_at")
        assert all(loc.path is after.path for loc in after.meta_doc.positions.values())
    assert light[0].publish_at.tzinfo is light[1].publish_at.tzinfo
    assert light[2].publish_at.utcoffset() == dt.timedelta(hours=2)
    assert pickle.loads(pickle.dumps(light)) == light
    named = dt.datetime(2027, 3, 2, 10, tzinfo=dt.timezone(dt.timedelta(hours=1), "CET"))
    draft = dataclasses.replace(parsed[0], publish_at=named)
    assert _light(draft).publish_at.tzname() == "CET"


def test_a_space_normalises_and_folds_alone_next_to_any_character():
    """What lets PB406 read its words chunk by chunk: NFKC and case folding never join a space to a neighbour."""
    import sys
    import unicodedata

    from linter.rules.queue.same_text import _normal

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        alone = _normal(char)
        assert _normal(char + " ") == alone + " " and _normal(" " + char) == " " + alone, hex(code)
        assert unicodedata.combining(" ") == 0


_PROSE = ("Cidre", "cidre", "pomme", "ŒUVRE", "élève", "l'offre", "week-end", "**prix**", "_bio_", "snake_case",
          "¼", "paraŀlel", "İl", "ǰa", "ŉ", "ﬁn", "x²", "ª", "C++", "🍏", "❤\ufe0f", "a\ufe0fb", "👍🏽", "e\u0301t",
          "Ωmega", "ß", "\u202f!", "\u00a0:", "…", "‼", "«\u202fvous\u202f»", "#cidre", "@verger", "https://ex.fr/a_b",
          "`code_x`", "<!-- playbook-disable PB308 -->", "1_000", "__", "\\", "~~", "\u3000", "\u2011", ".", "\n\n",
          "\u00b4", "\u0301", " \u0301", "\u1100\u1161", "\u1161", "각", "\u0308a", "\u00a0", "\u2028", "\x1c", "ﾊﾟ", "ﾟ")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PROSE), min_size=0, max_size=30), st.randoms(use_true_random=False))
def test_pb406_reads_the_words_of_the_whole_prose_chunk_by_chunk(pieces, rng):
    """PB406's encoder reads a parsed draft's words chunk by chunk from its memo: the words of the whole prose."""
    from linter.drafts.parse import parse_draft
    from linter.rules.queue.same_text import SameTextEncoder, _words

    body = "".join(piece + rng.choice(("", " ", " ", "  ", "\n", ", ")) for piece in pieces)
    draft = parse_draft("drafts/x.md", draft_text(body))
    encoder = SameTextEncoder()
    untokenised = dataclasses.replace(draft, words=())  # a draft made without the tokeniser: its spans are split
    for item in (draft, draft, untokenised):  # the second time from the memo
        numbers = encoder._word_numbers(item)
        assert [encoder.vocabulary.names[number] for number in numbers] == _words(draft), body


_SAME_PIECES = ("Cidre", "cidre", "cidre,", "CIDRE !", "pomme", "pomme-poire", "#cidre", "https://ex.fr/a", "l'offre",
                "ﬁn", "fin", "—", "verger.", "Verger", "é", "e\u0301")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_SAME_PIECES), max_size=9), min_size=1, max_size=10),
       st.integers(1, 4), st.randoms(use_true_random=False))
def test_pb406_texts_read_a_few_at_once_are_each_text_read_alone(bodies, held, rng):
    """PB406's encoders hold drafts and read them a few at once (_Vocabulary.read), in one vocabulary or
    several, sent between processes or not: each text's words and shingles are its own words (``_words``),
    and two texts have the same words exactly when ``_same_words`` says so (what a digest of the words said)."""
    import pytest

    from linter.rules.queue import same_text as queue

    read = [drafts.parse_draft(f"drafts/x{number}.md", draft_text(" ".join(pieces)))
            for number, pieces in enumerate(bodies)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(queue, "_HELD", held)
        encoders = [queue.SameTextEncoder() for _ in range(rng.randint(1, 3))]
        items = [rng.choice(encoders)(draft) for draft in read]
    if rng.random() < 0.5:  # as a worker sends them
        items = pickle.loads(pickle.dumps(items))
    texts = []
    for draft, (vocabulary, position) in zip(read, items):
        vocabulary.read()
        expected = queue._words(draft)
        text = vocabulary.texts[position]
        if len(expected) < queue.MIN_WORDS:
            assert text is None
            continue
        assert text is not None
        words, ids = text
        assert [vocabulary.names[number] for number in words] == expected
        names = vocabulary.shingle_names()
        assert sorted(names[number] for number in ids) == sorted({" ".join(pair) for pair in pairwise(expected)})
        texts.append((expected, (vocabulary.names, words)))
    for expected, text in texts:
        for other_expected, other in texts:
            assert queue._same_words(text, other) == (expected == other_expected)


@pytest.mark.parametrize("with_progress", [False, True])
def test_a_worker_reads_every_text_its_pb406_encoder_holds_before_the_chunk_goes_back(tmp_path, with_progress):
    """A chunk's encoder reads what it still holds when the chunk is done (``finish``): in the
    process that runs PB406 the texts are then read already, and the words are each draft's own.
    The same with a progress callback (the one-process run of ``collect_files``), told of each file."""
    from linter.drafts import run
    from linter.rules.queue import same_text as queue

    playbook, ctx = sample()
    paths = []
    for number in range(70):  # more than _HELD, and not a multiple of it: some are held at the end
        path = tmp_path / f"post-{number}.md"
        path.write_text(draft_text(f"Notre jus de pomme numéro {number} arrive au marché de Rennes ce samedi matin."),
                        encoding="utf-8")
        paths.append(str(path))
    told: list[tuple[int, int]] = []
    results = run._linted_chunk(run.Checker.build(playbook, ctx), paths,
                                (lambda done, total: told.append((done, total))) if with_progress else None)
    assert told == ([(number, 70) for number in range(1, 71)] if with_progress else [])
    items = [result.views[queue.__name__] for result in results]
    vocabulary = items[0][0]
    assert all(item[0] is vocabulary for item in items) and vocabulary.sources == []
    for result, (_, position) in zip(results, items):
        words, _ = vocabulary.texts[position]
        number = result.path.rsplit("-", 1)[1].removesuffix(".md")
        assert [vocabulary.names[word] for word in words][:5] == ["notre", "jus", "de", "pomme", "numéro"]
        assert number in [vocabulary.names[word] for word in words]


def _earliest_match_one_by_one(number, sets, channel_keys, prefix, index, num, den, bound):
    """PB406's candidate search written plainly, one candidate at a time: what the fast one must give."""
    shingles, channels = sets[number], channel_keys[number]
    size, best, examined = len(shingles), None, 0
    for shingle in prefix:
        for candidate in index.get(shingle, ()):
            if best is not None and candidate >= best:
                break
            examined += 1
            if examined > bound:
                return best
            if channel_keys[candidate] == channels:
                continue
            other = sets[candidate]
            if num * size <= den * len(other) and num * len(other) <= den * size:
                common = len(set(shingles) & set(other))
                if common * den >= num * (size + len(other) - common):
                    best = candidate
                    break
    return best


def test_pb406_candidate_search_stops_where_a_one_by_one_search_stops():
    """Same match, including where the bound on visited candidates cuts the search short."""
    rng = random.Random(406)
    checked = 0
    for _ in range(1500):
        num, den = rng.choice([(4, 5), (1, 2), (2, 3), (1, 1)])
        universe = rng.randint(3, 12)
        sets = [tuple(sorted(rng.sample(range(universe), rng.randint(1, min(universe, 6)))))
                for _ in range(rng.randint(1, 40))]
        checked += _matches_as_one_by_one(sets, [rng.randint(0, 2) for _ in sets], num, den,
                                          rng.choice([1, 2, 3, 4, 6, 64]))
    assert checked > 1000


def test_pb406_candidate_search_on_long_near_copies_matches_as_one_by_one():
    """Long texts, each a near copy of an earlier one, alike or not by a few shingles: the filters
    that reject a candidate before counting every shared shingle (by place, then on a few of the
    other's shingles) never reject one that the whole count accepts."""
    rng = random.Random(4060)
    matched = missed = 0
    for _ in range(150):
        num, den = rng.choice([(4, 5), (4, 5), (1, 2), (2, 3)])
        sets: list = []
        for _ in range(rng.randint(2, 40)):
            if sets and rng.random() < 0.8:
                shingles = set(rng.choice(sets))
                for _ in range(rng.randint(0, 12)):  # a few shingles changed, dropped or added
                    shingles.symmetric_difference_update({rng.randrange(120)})
            else:
                shingles = set(rng.sample(range(120), rng.randint(5, 70)))
            sets.append(tuple(sorted(shingles or {0})))
        found = _matches_as_one_by_one(sets, [rng.randint(0, 3) for _ in sets], num, den, rng.choice([3, 8, 64]))
        matched += found
        missed += len(sets) - found
    assert matched > 1000 and missed > 1000


def _matches_as_one_by_one(sets: list, channel_keys: list, num: int, den: int, bound: int) -> int:
    """PB406's search over these sets gives, text by text, the plain search's match: how many matched."""
    import pytest

    from linter.rules.queue import same_text as queue

    sizes = [len(shingles) for shingles in sets]
    index: dict = {}
    matched = 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(queue, "_MAX_CHECKS_PER_DRAFT", bound)
        for number, shingles in enumerate(sets):
            size = len(shingles)
            prefix = shingles[:size - (-(-num * size // den)) + 1]
            expected = _earliest_match_one_by_one(number, sets, channel_keys, prefix, index, num, den, bound)
            got = queue._earliest_match(number, sets, channel_keys, prefix, index, num, den, sizes)
            assert got == expected, (sets[:number + 1], channel_keys[:number + 1], bound, num, den)
            matched += expected is not None
            for shingle in prefix:
                index.setdefault(shingle, []).append(number)
    return matched


_INLINE_ALPHABET = "ab \n\t\u00a0\\`<>@##]()[:/w.hHtTpPsS!-é1_"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_INLINE_ALPHABET), max_size=30), st.integers(0, 4), st.integers(0, 4))
def test_paragraphs_without_markers_are_one_piece_of_prose_as_the_pattern_finds(sample_text, cut, trim):
    """``_scan_inline`` skips the pattern when no marker is in the paragraph: same spans either way."""
    start, end = min(cut, len(sample_text)), max(min(cut, len(sample_text)), len(sample_text) - trim)
    assert drafts._scan_inline(sample_text, start, end) == drafts._scan_inline_full(sample_text, start, end)


def test_each_inline_construct_is_found_with_the_marker_check():
    for paragraph in ("a \\* b", "le `code` ici", "<b>gras</b>", "[lien](https://x.example)", "HTTPS://X.EXAMPLE/a",
                      "www.pressoir.example", "ecrire a jo@pressoir.example", "merci @jo", "#cidre bio", "## Titre",
                      "#_1a", "#1", "# #x", "   ", ""):
        end = len(paragraph)
        assert drafts._scan_inline(paragraph, 0, end) == drafts._scan_inline_full(paragraph, 0, end)
    assert drafts._scan_inline("Du cidre bio.", 0, 13) == [drafts.Span(0, 13, "prose")]


def test_drafts_with_any_line_breaks_read_alike():
    """The same draft with \\n, \\r\\n or \\r line breaks has the same spans, words and front matter."""
    text = "---\nchannel: facebook\nkind: promo\n---\n\nDu cidre  bio.\n  \nUn verger, des pommes.\n   \n\nFin.\n"
    unix = drafts.parse_draft("a.md", text)
    for newline in ("\r\n", "\r"):
        other = drafts.parse_draft("a.md", text.replace("\n", newline))
        assert other.meta == unix.meta and list(other.words.texts) == list(unix.words.texts)
        assert [(span.kind, other.text[span.start:span.end]) for span in other.spans] == \
            [(span.kind, unix.text[span.start:span.end]) for span in unix.spans]


def _drafts_by_os_walk(folder: str) -> list[str]:
    """The drafts under a folder as ``os.walk`` lists them: what ``find_drafts`` must give."""
    import os

    found: dict[str, str] = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("."):
                found.setdefault(os.path.realpath(os.path.join(root, name)), os.path.join(root, name))
    return list(found.values())


def test_drafts_are_found_as_os_walk_finds_them(tmp_path):
    """Folders read by scandir: the same files, in the same order, links and hidden names included."""
    import os

    root = tmp_path / "drafts"
    for relative in ("b.md", "a.md", "notes.txt", ".hidden.md", "z/late.md", "m/2027/03/one.md", "m/2027/03/Two.md",
                     "m/2027/04/three.md", ".git/x.md", "m/.cache/y.md", "m.md"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("---\n---\n", encoding="utf-8")
    os.symlink(root / "m" / "2027", root / "linked")  # a link to a folder: listed, not followed
    os.symlink(root / "a.md", root / "c.md")  # a link to a draft already found: counted once
    os.symlink(root / "missing.md", root / "d.md")  # a broken link
    (root / "e").mkdir()
    os.symlink(tmp_path / "elsewhere.md", root / "e" / "f.md")
    (tmp_path / "elsewhere.md").write_text("---\n---\n", encoding="utf-8")
    files, findings = find_drafts([str(root)])
    assert findings == [] and files == _drafts_by_os_walk(str(root))
    assert [os.path.relpath(path, root) for path in files] == [
        "a.md", "b.md", "d.md", "m.md", os.path.join("e", "f.md"), os.path.join("m", "2027", "03", "Two.md"),
        os.path.join("m", "2027", "03", "one.md"), os.path.join("m", "2027", "04", "three.md"),
        os.path.join("z", "late.md")]


def check_same_text(drafts: list, playbook, ctx, views: list | None = None, split: bool = False) -> list:
    """PB406's findings on these drafts, with the views a worker made of them when given."""
    from linter.drafts.queue import build_queue
    from linter.rules.queue import same_text

    wrapped = [{same_text.__name__: view} for view in views] if views is not None else None
    queue = build_queue(drafts, playbook.organisation.timezone, ctx.now, wrapped, split)
    return list(same_text.check(queue, playbook, ctx))


_EMOJI_PIECES = ["👍", "🏽", "🏿", "\u200d", "\ufe0f", "\ufe0e", "\u20e3", "👩", "👨", "👧", "💻", "🔥", "❤", "☺",
                 "🇫", "🇷", "🇪", "🇸", "🏴", "\U000e0067", "\U000e0062", "\U000e0065", "\U000e006e", "\U000e007f",
                 "#", "*", "1", "0", "©", "®", "™", "ℹ", "‼", "↔", "⬛", "🏳", "🌈", "⚧", "🤝", "a", "é", " ", "\n",
                 "👨‍👩‍👧‍👦", "🇫🇷", "1️⃣", "#️⃣", "🏳️‍🌈", "👍🏽", "🧑🏿‍💻", "☺️",
                 "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_EMOJI_PIECES), max_size=40).map("".join), st.integers(0, 6), st.integers(0, 6))
def test_emoji_are_found_as_the_emoji_library_finds_them_in_the_whole_text(sample_text, cut, trim):
    import emoji

    from linter.rules.draft.limits import emoji_in

    start, end = min(cut, len(sample_text)), max(min(cut, len(sample_text)), len(sample_text) - trim)
    expected = [(start + item["match_start"], start + item["match_end"])
                for item in emoji.emoji_list(sample_text[start:end])
                if not ((len(item["emoji"]) == 1 and ord(item["emoji"]) < 0x2190) or item["emoji"] in "\u2122\u2139")]
    assert emoji_in(sample_text, start, end) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_EMOJI_PIECES), max_size=12).map("".join), min_size=1, max_size=6))
def test_emoji_found_with_a_memo_shared_between_texts_are_those_found_without(texts):
    """PB306 keeps the emoji of each run of emoji characters for the whole run (``emoji_in``'s memo)."""
    from linter.rules.draft import limits
    from linter.rules.draft.limits import emoji_in

    memo: dict = {}
    for sample_text in texts * 2:
        assert emoji_in(sample_text, 0, len(sample_text), memo) == emoji_in(sample_text, 0, len(sample_text))
    # and a text without any character from U+20E3 on (the quick test) has no likely emoji
    assert not limits._MAYBE_EMOJI.search("".join(map(chr, range(0x20e3))))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab.Z/?#=&:é ly"), max_size=40))
def test_links_read_addresses_as_the_general_readers_do(sample_text):
    """PB316-PB332 look for a bare shortener's ".ly/" with the standard engine, and read no query
    where there is no "?": what ``regex`` and ``urlsplit`` find."""
    from urllib.parse import parse_qsl, urlsplit

    import regex

    from linter.rules.draft import links

    general = regex.compile(links._DOMAIN_END.pattern)
    assert [match.span() for match in links._DOMAIN_END.finditer(sample_text, 1)] == \
        [match.span() for match in general.finditer(sample_text, 1)]
    try:
        expected = parse_qsl(urlsplit(sample_text if "://" in sample_text else "https://" + sample_text).query,
                             keep_blank_values=True)
    except ValueError:
        expected = []
    assert links._query(sample_text) == expected


_SPACING_PIECES = [";", ":", "!", "?", "«", "»", "\u202f", "\u00a0", "\u2007", "\u2060", " ", "\t", "\n", "a", "1", ")",
                   "*", "\"", "’", "-", "/", "`x`", "https://x.fr/a?b=1", "<!-- c -->", "#tag", "14:30", ":-)"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SPACING_PIECES), max_size=40).map("".join), st.sampled_from(["narrow", "normal"]))
def test_french_spacing_visits_the_candidate_marks_only_and_finds_what_every_mark_gives(body, spacing):
    """PB312 counts marks and spaced pairs to skip a post typed right (``_has_candidate``) and visits
    only the marks its pattern finds (``_CANDIDATE``): the same as the pattern, and as every mark."""
    from linter.rules.draft import typography

    playbook, ctx = sample()
    draft = drafts.parse_draft("drafts/x.md", draft_text(body, language="fr"), playbook.organisation, None, ctx.lang)
    assert draft is not None
    assert typography._has_candidate(draft.prose) == (typography._CANDIDATE.search(draft.prose) is not None)
    wanted = typography._SPACES[spacing]
    assert list(typography._spacing(draft, wanted, ctx)) == \
        list(typography._spacing(draft, wanted, ctx, typography._PUNCTUATION))


def test_the_lower_case_quick_tests_of_personal_details_miss_nothing_ignorecase_finds():
    import re

    from linter.rules.draft import _private_details as details

    letters = re.compile("[a-zé]", re.IGNORECASE)
    apart = [chr(code) for code in range(0x80, 0x110000) if not 0xD800 <= code < 0xE000 and letters.match(chr(code))
             and chr(code).lower() not in "abcdefghijklmnopqrstuvwxyzé"]
    assert all(details._FOLDS_APART.match(char) for char in apart)
    words = ["RUE", "Rue", "AVENUE", "Allée", "ALLÉE", "RÉSIDENCE", "Commande", "NUMÉRO", "N°", "VOTRE", "Your",
             "ſquare", "TİCKET", "tıcket", "\u212aitchen", "la", "42"]
    for word in words:
        for sample_text in (word, f"au {word} 12", f"x{word}y"):
            order, street, possessive, quick = details._quick_tests(sample_text)
            for general, fast in ((details._ORDER_WORDS, order), (details._STREET_WORDS, street),
                                  (details._POSSESSIVE, possessive)):
                assert (general.search(sample_text) is None) == (fast.search(quick) is None), (sample_text, general)


# Personal details (PB315): a post is read piece by piece only when its chunks carry what a detail
# needs (_private_details.possible), then each piece only when its quick tests pass (find). Both
# must agree with the patterns alone (_found with every kind looked for) on any text: case, the
# characters that fold apart (İ ı ſ and the Kelvin sign), digits of other scripts, numbers such as
# ² and Ⅻ, every kind of space, words glued to digits, marks and invisible characters.
_ORDER_PARTS = (["commande", "commandes", "facture", "colis", "dossier", "réclamation", "order", "invoice", "parcel",
                 "ticket", "numéro de commande", "n° de suivi", "numero de colis", "tracking number", "order number"],
                ["", "s"], ["", " ", "  ", "\u00a0"],
                ["n°", "n °", "nº", "n.", "no", "no.", "num.", "numéro", "number", "#", ""],
                ["", " ", ":", " : ", "\u202f:\u00a0"],
                ["2027-10482", "#48213", "6A123456789", "AB-12345", "12", "2027"])
_ORDER_AFTER_PARTS = (["numéro de", "n° de", "numero de", "N°\u00a0de", "n°  de"], [" ", "\n"],
                      ["commande", "suivi", "colis", "dossier", "facture"], ["", " ", ":", " : "],
                      ["2027-10482", "#48213", "6A123456789", "12"])
_ADDRESS_PARTS = (["chez ses parents,", "chez elle", "chez", "at her home", "nous sommes au", "vous nous trouverez au",
                   "Bonjour,", "livré"],
                  [" ", "\u00a0", " ", "\n"], ["12", "3", "1234", "²", "١٢", "１２", "Ⅻ"], ["", " bis", "ter", ","],
                  [" ", "\u00a0", "\t", "  "], ["rue", "avenue", "av.", "bd", "allée", "allées", "lieu-dit", "place",
                                                "street", "Lane", "cours", "chemin"],
                  [" ", "\u00a0", ""], ["des Lilas", "du Verger", "de la Flume", "d'Orge", "Lilac", "Paix"])
_REQUEST_PARTS = (["Indiquez-nous", "Donnez", "please send", "merci de laisser", "Pouvez-vous écrire", "", "tell us"],
                  [" en commentaire", " below", " ci-dessous", " in the comments", " en message privé", ""],
                  [" ", "\n", "("], ["votre", "vos", "ton", "ta", "tes", "your", "notre", "2votre"],
                  [" ", "\u00a0", "  ", "\t", ""],
                  ["adresse", "adresse postale", "adresse e-mail", "numéro de téléphone", "téléphone", "portable",
                   "coordonnées", "e-mail", "email", "courriel", "numéro de commande", "numero de suivi",
                   "order number", "tracking number", "home address", "postal address", "address", "phone number",
                   "mobile", "email address", "contact details", "adresses", "phones", "contact"],
                  ["", " en commentaire", " below", " ci-dessous"], [" ?", ".", "", "!", "2 ?"])
_DETAIL_ODD = ["İ", "ı", "ſ", "\u212a", "²", "½", "Ⅻ", "١", "１", "\u0301", "\u200b", "é", "É", "x", "2", "?", ".",
               ",", "'", "’", "-", " ", "\u00a0", "\u202f", "\t", "\n", "\x1c", "\u3000"]
_FOLD_APART = {"s": "ſ", "i": "İ", "k": "\u212a", "I": "ı"}


@st.composite
def _detail_texts(draw) -> tuple[str, list[tuple[int, int]]]:
    """Sentences made to hold an order number, an address or a request, then bent: a stretch put in
    capitals or written with the characters that fold apart, odd characters put in or swapped in;
    and the text's pieces of prose (every other stretch between random cuts)."""
    sentences = []
    for _ in range(draw(st.integers(1, 3))):
        parts = draw(st.sampled_from([_ORDER_PARTS, _ORDER_AFTER_PARTS, _ADDRESS_PARTS, _REQUEST_PARTS]))
        sentences.append("".join(draw(st.sampled_from(choices)) for choices in parts))
    whole = draw(st.sampled_from([" ", "\n", ". ", " ? "])).join(sentences)
    if draw(st.integers(0, 3)) == 0:  # one letter written with its look-alike throughout
        letter = draw(st.sampled_from(sorted(_FOLD_APART)))
        whole = whole.replace(letter, _FOLD_APART[letter])
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(whole)))
        end = draw(st.integers(start, len(whole)))
        change = draw(st.sampled_from(["upper", "apart", "insert", "swap"]))
        if change == "upper":
            whole = whole[:start] + whole[start:end].upper() + whole[end:]
        elif change == "apart":
            whole = whole[:start] + "".join(_FOLD_APART.get(char, char) for char in whole[start:end]) + whole[end:]
        else:
            odd = draw(st.sampled_from(_DETAIL_ODD))
            whole = whole[:start] + odd + whole[start + (change == "swap"):]
    cuts = sorted(draw(st.lists(st.integers(0, len(whole)), max_size=5)))
    bounds = [0, *cuts, len(whole)]
    return whole, [(bounds[index], bounds[index + 1]) for index in range(0, len(bounds) - 1, 2)]


def _details_the_general_way(sample_text: str, pieces, reply: bool) -> list:
    from linter.rules.draft import _private_details as details

    return [detail for start, end in pieces
            for detail in details._found(sample_text[start:end], start, reply, True, True, True)]


def _details_the_quick_way(sample_text: str, pieces, reply: bool, marks=None) -> list:
    from linter.rules.draft import _private_details as details

    chunks = [chunk for start, end in pieces for chunk in sample_text[start:end].split(" ")]
    kinds = details.possible(chunks, details.Marks() if marks is None else marks)
    return [detail for start, end in pieces for detail in details.find(sample_text, start, end, reply, kinds)]


_DETAIL_EXAMPLES = [
    "Votre commande n° 2027-10482 est partie.", "COMMANDE N°\u00a02027-10482", "commande#48213 et order  #48213",
    "numéro de suivi : 6A123456789", "NUMÉRO DE COMMANDE : AB-12345", "colis 6A123456789", "tracking number 1234-5678",
    "Nous l'apportons chez ses parents, 14 rue des Lilas.", "chez elle au 3 bis, allée du Verger",
    "chez lui, 12\u00a0rue\u00a0des Lilas", "at her home, 12 Lilac Street",
    "vous nous trouverez au 12 chemin de la Flume",
    "Indiquez-nous en commentaire votre adresse complète.", "Donnez votre\u00a0numéro de commande en commentaire",
    "please send your home address below", "your contact details in the comments?", "2votre adresse en commentaire ?",
    "votre adresse2 en commentaire ?", "votre e-mail en commentaire ?", "vos coordonnées ci-dessous ?",
    "voſ coordonnées ci-deſſous ?", "TİCKET N° 2027-10482", "chez ſa mère, 12 rue des Lilas",
    "chez eux, ² rue de la Paix",
    "chez eux, 12\x1crue\x1cde la Paix", "Votre adresse en message privé, en commentaire ?",
    "Donne ta adresse en commentaire ?", "TİCKET #2027-10482", "Dossier 2027-10482, n°1234", "colis 12345",
    "réclamation n° 1234", "chez nous, 4 Cours Dajot", "commande n°1234", "votre adreſſe en commentaire ?",
    "N° de suivi : 6A123456789", "chez elle, 12 RUE des Lilas",
]


def test_personal_details_quick_tests_on_written_examples():
    from linter.rules.draft import _private_details as details

    found = 0
    for sample_text in _DETAIL_EXAMPLES:
        half = len(sample_text) // 2
        for pieces in ([(0, len(sample_text))], [(0, half), (half + 1, len(sample_text))]):
            for reply in (False, True):
                general = _details_the_general_way(sample_text, pieces, reply)
                assert _details_the_quick_way(sample_text, pieces, reply) == general, (sample_text, pieces, reply)
                assert [detail for start, end in pieces
                        for detail in details.find(sample_text, start, end, reply)] == general
                found += len(general)
    assert found > 40  # the examples do hold details


@settings(max_examples=1000, deadline=None)
@given(_detail_texts(), st.booleans())
def test_personal_details_quick_tests_never_miss_what_the_patterns_find(sample, reply):
    sample_text, pieces = sample
    assert _details_the_quick_way(sample_text, pieces, reply) == _details_the_general_way(sample_text, pieces, reply)


def test_personal_details_marks_memo_starts_afresh_and_stays_right():
    """The memo of chunk marks is bounded (an editor session meets new chunks forever) and a fresh
    one reads what the full one read."""
    from linter.rules.draft import _private_details as details

    class Small(details.Marks):
        LIMIT = 3

    marks = Small()
    for sample_text in _DETAIL_EXAMPLES * 2:
        pieces = [(0, len(sample_text))]
        assert _details_the_quick_way(sample_text, pieces, True, marks) == \
            _details_the_general_way(sample_text, pieces, True)
        assert len(marks) <= Small.LIMIT


def test_personal_details_chunk_marks_rest_on_what_lower_case_keeps():
    """What ``_marks`` assumes of every character: ``regex``'s whitespace is str.isspace's (so re's
    \\s and str.split find it), lowering neither makes nor unmakes a whitespace, an ASCII digit or a
    letter, and the characters that ``regex`` IGNORECASE matches to a letter of the patterns but
    lowering does not turn into it are those of _FOLDS_APART."""
    import regex

    from linter.rules.draft import _private_details as details

    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    assert all(char.isspace() for char in regex.findall(r"\s", every))
    letters = set(regex.findall(r"\p{L}", every))
    for char in (char for char in every if char.lower() != char):  # lowering changes only these
        lowered = char.lower()
        assert not char.isspace() and not any(part.isspace() for part in lowered), hex(ord(char))
        assert not any("0" <= part <= "9" for part in lowered), hex(ord(char))
        assert (char in letters) == any(part in letters for part in lowered), hex(ord(char))
    for char in regex.findall("[a-zé]", every, regex.IGNORECASE):
        assert char.lower() in "abcdefghijklmnopqrstuvwxyzé" or details._FOLDS_APART.match(char), hex(ord(char))


def test_personal_details_of_a_post_of_new_chunks_are_read_piece_by_piece(monkeypatch):
    """A post with more new chunks than _NEW_PER_POST is not marked (marking costs more than reading
    a piece once): every kind is possible, find reads each piece, and the findings stay the same."""
    from linter.rules.draft import _private_details as details

    names = " ".join(f"Client{number} {number * 7919}" for number in range(800))
    sample_text = f"{names} chez elle, 12 rue des Lilas. Votre commande n° 2027-10482. Votre adresse en commentaire ?"
    pieces = [(0, len(sample_text))]
    marks = details.Marks()
    assert details.possible(sample_text.split(" "), marks) == details.KINDS and len(marks) == 0
    general = _details_the_general_way(sample_text, pieces, False)
    assert [detail.kind for detail in general] == ["order", "address", "request"]
    assert _details_the_quick_way(sample_text, pieces, False, marks) == general
    monkeypatch.setattr(details, "_NEW_PER_POST", 2)
    for sample_text in _DETAIL_EXAMPLES:
        pieces = [(0, len(sample_text))]
        assert _details_the_quick_way(sample_text, pieces, True) == _details_the_general_way(sample_text, pieces, True)


def _corpus_drafts():
    from linter.drafts.tokens import Lexicon

    playbook, ctx = sample()
    memo = Lexicon()
    corpora = (ROOT / "tests" / "corpus", ROOT / "tests" / "corpus-heldout")
    for path in sorted(path for corpus in corpora for path in corpus.rglob("*.md")):
        draft = drafts.parse_draft(str(path), path.read_text(encoding="utf-8"), playbook.organisation, memo, ctx.lang)
        if draft is not None:
            yield draft


def test_personal_details_of_real_drafts_are_the_general_ones():
    """The labelled corpora (which hold order numbers, home addresses and requests) read alike either
    way, and a draft's chunks are its tokens' (or, without them, read from its prose spans)."""
    from linter.rules.draft import _private_details as details
    from linter.rules.draft import personal_data

    playbook, ctx = sample()
    prepared = personal_data.prepare(playbook)
    kinds_seen = set()
    for draft in _corpus_drafts():
        pieces = [(span.start, span.end) for span in draft.spans if span.kind == "prose"]
        reply = draft.kind == "reply"
        general = _details_the_general_way(draft.text, pieces, reply)
        assert _details_the_quick_way(draft.text, pieces, reply) == general, draft.path
        assert list(personal_data._chunks(draft)) == list(personal_data._chunks(dataclasses.replace(draft, words=())))
        spans = [(finding.line, finding.column, finding.end_line, finding.end_column)
                 for finding in personal_data._details(draft, ctx.lang, prepared.marks)]
        assert spans == [(*_line_column(draft, detail.start), *_line_column(draft, detail.end)) for detail in general]
        kinds_seen.update(detail.kind for detail in general)
    assert kinds_seen == set(details.KINDS)


def _line_column(draft, offset: int) -> tuple[int, int]:
    loc = draft.loc_at(offset)
    return loc.line, loc.column


_COUNTED_PIECES = ["a", "é", "e\u0301", " ", "\n", "\r\n", "\r", "👍", "👍🏽", "👨‍👩‍👧‍👦", "🇫🇷", "1️⃣", "#", "©", "©️",
                   "☺", "☺️", "€", "…", "\u202f", "ก", "ี", "https://ex.fr/a", "www.ex.fr", "ex.fr/b",
                   "@anne@exemple.social", "@bob", ".", "x", "\u200d", "\ufe0f", "\u20e3", "\u0600", "🇫", "©\u200d©",
                   "\U0001f3fd", "\u1100", "\u2049", "’", "–", "•", "’\u0301", "\u202f\u0301", "‘", "‧", "‐", "\u2028"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_COUNTED_PIECES), max_size=30).map("".join),
       st.sampled_from(["graphemes", "mastodon", "threads", "utf16", "x"]), st.sampled_from([None, 0, 23, 30]))
def test_a_length_is_the_sum_of_the_weights_of_its_pieces(sample_text, way, url_length):
    import regex

    from linter.drafts import counting

    expected = sum(piece.weight for piece in counting.pieces(sample_text, way, url_length))
    assert counting.length(sample_text, way, url_length) == expected
    # X's quick test: below U+203C, only © and ® may start an emoji sequence
    starts = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}]")
    assert [char for char in map(chr, range(0x203c)) if starts.match(char)] == ["\u00a9", "\u00ae"]


def test_the_lone_characters_are_a_cluster_of_their_own_beside_any_character_that_does_not_join():
    """counting.JOINED leaves out the characters from U+0300 on that never join a neighbour below
    U+0300 or of their own set (French punctuation, the narrow no-break space, €): checked here
    against the segmentation itself, for every such pair."""
    import regex

    from linter.drafts import counting

    lone = [char for char in map(chr, range(0x300, 0x10000)) if not counting.JOINING.match(char)
            and not 0xD800 <= ord(char) < 0xE000]
    assert lone and all(not regex.match(r"\p{Extended_Pictographic}", char) for char in lone)
    apart = [*map(chr, range(0x300)), *lone]
    for char in lone:
        for other in apart:
            assert len(regex.findall(r"\X", char + other)) == 2 and len(regex.findall(r"\X", other + char)) == 2, \
                (char, other)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_COUNTED_PIECES + _EMOJI_PIECES), max_size=30).map("".join),
       st.sampled_from(["graphemes", "mastodon", "threads", "utf16", "x", "blog"]), st.sampled_from([None, 0, 23, 30]),
       st.integers(0, 60))
def test_the_first_character_over_a_limit_is_found_run_by_run_where_piece_by_piece(sample_text, way, url_length,
                                                                                   limit):
    """PB303 weighs the runs that fit whole and cuts only the one that goes past (``first_over``)."""
    from linter.drafts import counting

    assert counting.first_over(sample_text, way, limit, url_length) == \
        counting._first_over_by_pieces(sample_text, way, limit, url_length)


_BODY_PIECES = _COUNTED_PIECES + ["#tag", "#café", " #a\u0301", "`x`", "`\u0301`", "<!-- c -->", "<b>", "\r\n",
                                   "https://ex.fr/é", "@jo", "\u0600", "\u200d", "©", " ", "\n\n"]


_PLAIN_BODY_PIECES = [piece for piece in _BODY_PIECES if piece.isascii() and "\r" not in piece]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from([_BODY_PIECES, _PLAIN_BODY_PIECES]).flatmap(
    lambda pieces: st.lists(st.sampled_from(pieces), max_size=30).map("".join)), st.sampled_from([None, 23]))
def test_a_post_length_is_the_sum_of_its_segments(body, url_length):
    """PB303 counts following segments as one stretch where no cluster can join them, and a plain
    post without comments or links of a set length as its characters (``post_length``)."""
    from linter.drafts import length

    playbook, ctx = sample()
    draft = drafts.parse_draft("drafts/x.md", draft_text(body), playbook.organisation, None, ctx.lang)
    assert draft is not None
    expected = sum(fixed if fixed is not None else length.clusters(draft.text, start, end)
                   for start, end, fixed in length.segments(draft, url_length))
    assert length.post_length(draft, url_length) == expected


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_COUNTED_PIECES + _EMOJI_PIECES), max_size=30).map("".join), st.integers(0, 8),
       st.integers(0, 8))
def test_a_stretch_counts_the_grapheme_clusters_of_the_whole_stretch(sample_text, cut, trim):
    """PB303 segments only the places where characters may join (``length.clusters``)."""
    import regex

    from linter.drafts.length import clusters

    start, end = min(cut, len(sample_text)), max(min(cut, len(sample_text)), len(sample_text) - trim)
    assert clusters(sample_text, start, end) == len(regex.findall(r"\X", sample_text[start:end]))


# The report on its way out (pipeline, size bound, format): each step skips work when the findings
# show it would change nothing; the general way is the step without its shortcut.
_FINDING_PATHS = ["drafts/a.md", "drafts/b.md", "drafts/\udcff.md", "drafts/\ud83d.md"]
_FINDINGS = st.builds(
    lambda code, severity, path, line, column, message, hint, repeats: Finding(code, severity, path, line, column,
                                                                               message, hint, repeats=repeats),
    st.sampled_from(["PB301", "PB307", "PB315"]), st.sampled_from(list(Severity)), st.sampled_from(_FINDING_PATHS),
    st.integers(1, 4), st.integers(1, 3), st.sampled_from(["m", "é", "\udce9", ""]),
    st.sampled_from([None, "h", "\ud800"]), st.sampled_from([0, 0, 0, 2]))


@settings(max_examples=500, deadline=None)
@given(st.lists(_FINDINGS, max_size=30), st.booleans(), st.booleans())
def test_findings_sorted_and_grouped_as_the_general_way_sorts_and_groups_them(findings, presorted, as_tuple):
    from linter.core import findings as found
    from linter.core import repeats
    from linter.core.i18n import Language
    from linter.output.safe import _printable_finding, bounded

    if presorted:  # what the format receives from the pipeline: the shortcuts' case
        findings = sorted(set(findings), key=found.FINDING_ORDER)
    given_findings = tuple(findings) if as_tuple else findings
    assert found.sorted_findings(given_findings) == sorted(set(findings), key=found.FINDING_ORDER)
    for limit in (1, 2, 50):
        grouped = repeats.group_repeats(given_findings, Language("en"), limit)
        # a generator never takes the shortcut
        assert grouped == repeats.group_repeats(iter(findings), Language("en"), limit)
    report = found.Report(tuple(findings), lang=Language("en"))
    general = [_printable_finding(finding) for finding in
               repeats.group_repeats(iter(sorted(findings, key=found.FINDING_ORDER)), report.lang)]
    assert list(bounded(report).findings) == general
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.severity.value] += 1 + finding.repeats
    assert found.count_by_severity(given_findings) == found.count_by_severity(iter(findings)) == counts


@settings(max_examples=300, deadline=None)
@given(st.lists(_FINDINGS, max_size=20), st.dictionaries(st.sampled_from(["PB301", "PB307", "PB315"]),
                                                         st.sampled_from(["off", "error", "warning", "info"])),
       st.lists(st.sampled_from(["PB3", "PB30", "PB315"]), max_size=2))
def test_settings_grade_each_finding_as_they_grade_it_alone(findings, rules, disable):
    from linter.core.settings import Settings

    configured = Settings(rules=rules, disable=tuple(disable))
    alone = [dataclasses.replace(finding, severity=severity) if severity is not finding.severity else finding
             for finding in findings
             if (severity := configured.severity(finding.code, finding.severity)) is not None]
    assert configured.apply(findings) == alone


# -- reading a draft (linter.drafts.parse, linter.playbook.source) -----------------------------
_LINE_ALPHABET = "a é\t\n\r\x0b\x0c\x1c\x85\u2028"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_LINE_ALPHABET), max_size=30))
def test_line_starts_of_a_text_are_those_of_any_line_breaks(sample_text):
    """Without \\r, lines are cut at \\n only, as the general pattern cuts them (not at \\x85, \\u2028...)."""
    assert drafts._line_starts(sample_text) == drafts._line_starts_of_any(sample_text)


_BODY_ALPHABET = _INLINE_ALPHABET + "\n\n\n    \x1c\u2028\x85*ç<!-->`~#@"


def _body_the_general_way(text: str, body_start: int) -> tuple[list, list]:
    """What the line-by-line reading gives a body without blocks: spans, and the prose spans' offsets."""
    spans = drafts._spans_by_lines(text, drafts._line_starts_of_any(text), body_start, [])
    return spans, [(span.start, span.end) for span in spans if span.kind == "prose"]


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_BODY_ALPHABET), max_size=80), st.integers(0, 6))
def test_a_plain_body_reads_in_a_few_passes_as_line_by_line(sample_text, first_line):
    """``_plain_spans`` (one pattern for the paragraphs, one for the markers of any construct)
    against the reading line by line, from any line of the text."""
    starts = drafts._line_starts_of_any(sample_text)
    body_start = starts[min(first_line, len(starts) - 1)]
    expected = _body_the_general_way(sample_text, body_start)
    assert drafts._plain_spans(sample_text, body_start) == expected


def test_a_plain_body_reads_as_line_by_line_on_written_examples():
    for body in ("Du cidre.\n\nDes pommes #bio @jo\nfin", "a\n \nb\n\x1c\nc", "#x\n\n#y #z\n\n##\n\n# t",
                 "[lien](https://a.example) et `code` \\* <b>x</b>", "jo@a.example\n\nwww.a.example",
                 "x\u2028y\x85z\n\n\n", "", "\n\n", "   ", "<!-- note -->\n\nfin", "<!-- jamais fermé\n\nfin"):
        text = "---\nkind: promo\n---\n" + body
        assert drafts._plain_spans(text, 20) == _body_the_general_way(text, 20), body


def _draft_body_the_general_way(draft) -> tuple:
    """A parsed draft's line starts, spans and words as the general readers make them (every line
    break, blocks from the CommonMark parser, paragraphs line by line)."""
    source, body_start = draft.text, draft.body_start
    starts = drafts._line_starts_of_any(source)
    spans: list = []
    if body_start < len(source):
        blocks = drafts._block_ranges(source[body_start:])[0]
        spans = drafts._spans_by_lines(source, starts, body_start, blocks)
    pieces = [(span.start, span.end) for span in spans if span.kind == "prose"]
    return starts, tuple(spans), list(text.tokenize_pieces(source, pieces, text.Lexicon()).texts)


_EDGE_DRAFTS = [
    "---\nchannel: facebook\nkind: promo\n---\nDu cidre #bio.\n",
    "---\r\nchannel: facebook\r\nkind: promo\r\n---\r\nDu cidre\r\n\r\n#bio @jo\r\n",
    "---\rkind: promo\r---\rDu cidre\rbio\r",
    "---\nkind: promo\n---\rDu cidre\nbio\n",  # a \r only where the front matter ends
    "---\n---\nDu cidre.\n",  # empty front matter
    "---\n\n   \n---\nDu cidre.\n",
    "---\n# rien\n---\nDu cidre.\n",
    "---\nkind: promo\nDu cidre sans fin d'en-tête\n\nbio\n",  # unterminated front matter
    "---\nkind: promo\n",
    "---\n",
    "",
    "Du cidre sans en-tête.\n\n#bio",
    "---\nkind: promo\n---\n",
    "---\nkind: promo\n...\nDu cidre.\n",
    "---\nkind:\tpromo\n---\n\tDu cidre\ten retrait\n\nbio\tfin\n",  # tabs
    "---\nkind: promo\n---\nAvant\n\n<!-- un commentaire -->\n\nAprès #bio\n",
    "---\nkind: promo\n---\nAvant <!-- en ligne --> après\n\n<!-- jamais fermé\n\nAprès @jo\n",
    "---\nkind: promo\n---\nAvant\n\n```\ncode #pas @tag\n```\n\n    en retrait #x\n\nAprès `a` fin\n",
    "---\nkind: promo\n---\n~~~\nnon fermé\n",
    "---\nkind: promo\n---\n\x1c\n\u2028 Du\x85cidre\n\x0c\nbio\n",
    "---\nkind: promo\n---\n\n\n\n",
]


def test_edge_drafts_read_as_the_general_readers_read_them():
    """\\r\\n, \\r, empty or unterminated front matter, tabs, comments and code blocks: each draft's
    line starts, spans and words are what the general readers give."""
    for source in _EDGE_DRAFTS:
        draft = drafts.parse_draft("drafts/x.md", source)
        starts, spans, words = _draft_body_the_general_way(draft)
        assert draft.line_starts == starts, source
        assert draft.spans == spans, source
        assert list(draft.words.texts) == words, source


def test_a_draft_after_a_front_matter_ending_in_a_lone_carriage_return_keeps_its_first_line():
    draft = drafts.parse_draft("drafts/x.md", "---\nkind: promo\n---\rDu cidre\nbio\n")
    assert list(draft.words.texts) == ["Du", "cidre", "bio"]


def test_real_drafts_read_as_the_general_readers_read_them():
    for draft in _corpus_drafts():
        assert (draft.line_starts, draft.spans, list(draft.words.texts)) == _draft_body_the_general_way(draft), \
            draft.path


def test_a_draft_file_with_a_byte_order_mark_reads_as_without(tmp_path):
    source = "---\r\nkind: promo\r\n---\r\nDu cidre #bio\r\n"
    plain, marked = tmp_path / "plain.md", tmp_path / "marked.md"
    plain.write_bytes(source.encode())
    marked.write_bytes(codecs.BOM_UTF8 + source.encode())
    one, other = drafts.read_draft(str(plain))[0], drafts.read_draft(str(marked))[0]
    assert one.text == other.text == source and one.spans == other.spans and one.meta == other.meta


_TAG_PIECES = ["Detox", "détox", "DÉTOX", "Miracle", "Maison", "Pomdor", "Vergers", "Kerbrat", "Parti", "Politique",
               "Élection", "elections", "Programme", "Electoral", "Jus", "Pressé", "Pomme", "Spring", "2027", "Bio",
               "Homme", "_", "x"]


@pytest.fixture(scope="module")
def tag_searches():
    """The sample playbook's vocabulary preparation, and the hashtag search without its word test."""
    from linter.rules.draft import vocabulary

    prepared = vocabulary.prepare(sample()[0])

    def searched(tag: str) -> tuple[object | None, ...]:
        words = vocabulary._hashtag_words(vocabulary._hashtag_pieces(tag))
        first = [index.find(words)[:1] for index in (prepared.banned, prepared.competitors, prepared.topics)]
        return tuple(found[0].payload if found else None for found in first)
    return prepared, searched


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TAG_PIECES), min_size=1, max_size=5).map("".join))
def test_a_hashtag_whose_words_start_no_term_is_left_without_being_searched(tag_searches, tag):
    """Vocabulary asks a memo whether any word of a hashtag starts a banned term, competitor or
    topic before tokenising it: the hashtag names what the full search finds, and nothing else."""
    from linter.rules.draft import vocabulary

    prepared, searched = tag_searches
    assert vocabulary._tag_terms(prepared, tag) == searched(tag)


def test_hashtags_naming_terms_are_found_and_innocent_ones_are_not(tag_searches):
    from linter.rules.draft import vocabulary

    prepared, _ = tag_searches
    banned, competitor, topic = (vocabulary._tag_terms(prepared, tag)
                                 for tag in ("SpringDétox", "MaisonPomdor2027", "PartiPolitique"))
    assert getattr(banned[0], "term", None) == "détox" and banned[1:] == (None, None)
    assert getattr(competitor[1], "name", None) == "Maison Pomdor" and competitor[0] is competitor[2] is None
    assert getattr(topic[2], "name", None) == "politique" and topic[:2] == (None, None)
    # Words of the vocabulary's preferred terms, or a competitor's word alone that is not its name
    assert vocabulary._tag_terms(prepared, "JusPressé") == (None, None, None)
    assert vocabulary._tag_terms(prepared, "MaisonBio") == (None, None, None)


def test_pb406_shingles_named_at_the_end_of_a_batch_are_named_again_when_more_texts_come():
    """finish() names a batch's shingles where it was linted; texts read after that (an encoder fed on)
    bring new shingles, and every shingle of every text must still have its name, in or out of a pickle."""
    from linter.rules.queue.same_text import SameTextEncoder

    first = drafts.parse_draft("drafts/a.md", draft_text("Le verger ouvre ses portes samedi matin aux familles"))
    later = drafts.parse_draft("drafts/b.md", draft_text("Une cuvée fermière arrive chez nos cavistes partenaires"))
    encoder = SameTextEncoder()
    items = [encoder(first)]
    encoder.finish()
    named = len(encoder.vocabulary.shingle_names())
    items.append(encoder(later))
    encoder.finish()
    for vocabulary, position in [*items, *pickle.loads(pickle.dumps(items))]:
        names = vocabulary.shingle_names()
        assert len(names) > named
        words = [vocabulary.names[number] for number in vocabulary.texts[position][0]]
        assert sorted(names[number] for number in vocabulary.texts[position][1]) == \
            sorted({" ".join(pair) for pair in pairwise(words)})


# The runner reads drafts by batches and runs each rule over a batch before the next rule
# (linter.drafts.run.Checker.rules_of): the findings must be those of one draft at a time.
@settings(max_examples=300, deadline=None)
@given(st.lists(_FINDINGS, max_size=40), st.lists(st.integers(0, 40), max_size=6), st.sampled_from([1, 2, 50, None]),
       st.booleans())
def test_repeats_grouped_in_parts_are_grouped_as_in_one_pass(findings, cuts, limit, silence_line_2):
    """``Grouping.add`` fed the findings in parts gives ``group_repeats`` of them all, in one pass."""
    from linter.core import repeats
    from linter.core.i18n import Language

    def on_line_2(finding: Finding) -> object:
        return ("line 2", finding.code) if finding.line == 2 else None

    silenced = on_line_2 if silence_line_2 else None
    grouping = repeats.Grouping(Language("en"), limit, silenced)
    bounds = [0, *sorted(cut for cut in cuts if cut <= len(findings)), len(findings)]
    for start, end in pairwise(bounds):
        grouping.add(iter(findings[start:end]))
    assert grouping.result() == repeats.group_repeats(iter(findings), Language("en"), limit, silenced)


def test_a_batch_of_drafts_checked_rule_after_rule_gives_each_drafts_own_findings(tmp_path, monkeypatch):
    """Every sample draft, drafts that flood one rule past the repeat limit (with and without a
    disable), a file that cannot be read, one read for the queue alone and one larger than a
    batch: linted by batches, each gets the findings it gets checked alone, in the same order."""
    from itertools import chain

    from linter.core.repeats import group_repeats
    from linter.drafts import run

    playbook, ctx = sample()
    flood = " ".join(["IMPORTANT : une offre DÉTOX miracle !"] * 80)
    texts = {
        "flood.md": draft_text(flood),
        "flood-disabled.md": draft_text("<!-- playbook-disable PB313 -->\n" + flood),
        "flood-line.md": draft_text(f"Bonjour.\n\n<!-- playbook-disable-next-line PB307 -->\n{flood}\n\n{flood}"),
        "large.md": draft_text("\n\n".join(["Nos pommes DÉTOX arrivent au marché de Rennes ce samedi."] * 3000)),
        "queue-only.md": draft_text(flood, channel="linkedin"),
    }
    for name, content in texts.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    (tmp_path / "folder.md").mkdir()  # cannot be read: the loading rules report it
    paths = [*find_drafts([str(ROOT / "drafts")])[0], *(str(tmp_path / name) for name in [*texts, "folder.md"])]
    assert len(texts["large.md"]) > run.BATCH_CHARS
    checker = run.Checker.build(playbook, ctx)
    quiet = {str(tmp_path / "queue-only.md")}


    def alone(draft: drafts.Draft) -> list[Finding]:  # one draft, every rule's findings in one pass, grouped
        produced = chain.from_iterable(check(draft, playbook, ctx, prepared) if takes else check(draft, playbook, ctx)
                                       for check, prepared, takes in checker.steps)
        return group_repeats(produced, ctx.lang, ctx.repeat_limit, run._silencer(draft.directives))

    one_by_one = []
    for path in paths:
        draft, findings = checker.read(path)
        if draft is not None and path not in quiet:
            findings = alone(draft)
            assert checker.rules(draft) == findings
        one_by_one.append((path, findings))
    assert {f.code for path, found in one_by_one for f in found} >= {"PB307", "PB313"}
    assert one_by_one[-1][1] and not [f for path, found in one_by_one if path in quiet for f in found]
    assert any(f.repeats for path, found in one_by_one for f in found)  # the floods were grouped
    for batch in (2, 7, 32):
        monkeypatch.setattr(run, "BATCH_DRAFTS", batch)
        batched = run._linted_chunk(run.Checker.build(playbook, ctx), paths, queue_only=quiet)
        assert [(result.path, result.findings) for result in batched] == one_by_one
