"""PB307 banned terms, PB308 terms to avoid, PB309 competitors, PB310 forbidden topics.

All four read lists from tone.yml and share the text engine (linter.drafts.tokens): the post is
tokenised once (draft.words) and each list is a TermIndex built once per run (``prepare``),
so the cost stays flat however long the lists grow. Matching ignores case and missing accents,
accepts plural and feminine forms, respects word boundaries and never looks inside links or
code. A hashtag is read as the words it joins (``#SpringDetox`` is "Spring Detox"); a term
written as a hashtag or mention (`#concurrent`, `@concurrent`) is compared with the post's
hashtags and mentions. Each entry may list `exceptions`, phrases in which its words are fine.

Forbidden topics are matched strictly: the term's own words in their plural and feminine forms,
not every word that shares a stem ("soigné" is not "soigne"), because their words are ordinary
French that a reader only takes for the topic in that exact form.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, compress, count
from typing import TYPE_CHECKING, cast

import regex

from linter.core.context import CheckContext
from linter.core.findings import Finding, Fix, Severity
from linter.core.i18n import Language
from linter.core.rule import rule
from linter.drafts.tokens import (
    TermIndex,
    TermIndexes,
    Tokens,
    Word,
    fold,
    match_case,
    token_key,
    tokenize,
)
from linter.rules.draft._common import Memo, Tallies, excerpt, span_finding, starts_sentence

if TYPE_CHECKING:
    from linter.drafts.parse import Draft, Span
    from linter.playbook.model import BannedTerm, Playbook, TermList, VocabularyEntry

_HEADER = """---
channel: facebook
kind: information
publish_at: 2027-03-02T10:00+01:00
author: yannick-morvan
---"""

BANNED_TERM = rule(
    "PB307", "banned-term", "A post uses a term the charter bans", Severity.ERROR,
    what="""Reports every occurrence of a term of tone.yml `banned_terms`, with the reason the charter
    gives, in the text and inside hashtags (`#SpringDetox`). Matching ignores case and missing
    accents, accepts plural and feminine forms and respects word boundaries; a term is plain text,
    never a pattern. A term inside one of its `exceptions` is not reported.""",
    why="""Some words expose the company: a health claim the law forbids, a superlative nobody can
    prove, a promise we cannot keep. The charter lists them once so nobody has to remember them.""",
    example=_HEADER + """
Notre jus de pomme est une vraie cure détox pour l'hiver.
""",
    fixed=_HEADER + """
Notre jus de pomme est pressé à froid, sans sucre ajouté, avec des pommes cueillies à moins de 40 km.
""",
    options="tone.yml `banned_terms` (`term`, `reason`, `exceptions`).",
)

AVOID_TERM = rule(
    "PB308", "term-to-avoid", "A post uses a word the charter replaces by a preferred one", Severity.WARNING,
    what="""Reports each word of a tone.yml `vocabulary[].avoid` list and proposes the entry's `use` term,
    except inside one of the entry's `exceptions` ("fournisseur de bouteilles" when « fournisseur » is
    only avoided for fruit growers). When the word is written exactly as listed (any case), `--fix`
    replaces it, keeping its capitalisation (NECTAR → JUS PRESSÉ, Nectar → Jus pressé); inflected
    forms are reported without a fix, since the replacement may need agreeing, and so are the words of
    an entry with `fix: false`, whose right word depends on the sentence.""",
    why="""A shared vocabulary makes the brand recognisable and avoids words that say something we do not
    mean. The charter records the team's choices so every writer applies them.""",
    example=_HEADER + """
Goûtez notre nectar de poire, fait avec les fruits de nos fournisseurs.
""",
    fixed=_HEADER + """
Goûtez notre jus pressé de poire, fait avec les fruits de nos producteurs partenaires.
""",
    options="tone.yml `vocabulary` (`use`, `avoid`, `note`, `exceptions`, `fix`).",
    fixable=True,
)

COMPETITOR = rule(
    "PB309", "competitor-named", "A post names a competitor", Severity.WARNING,
    what="""Reports every mention of a competitor from tone.yml `competitors`: its `name` or one of its
    `terms`, in the text or inside a hashtag (`#MaisonPomdor`), outside the competitor's `exceptions`.
    A term written as `@compte` or `#motdiese` is compared with the post's mentions or hashtags. The
    last word of a competitor's name written alone after a given name is a person's surname, not the
    competitor (« Jean-Yves Kerbrat, arboriculteur », when the competitor is the Vergers Kerbrat).""",
    why="""The usage charter forbids inappropriate content about competitors: naming them gives them
    visibility at best and starts a quarrel at worst. We talk about what we do.""",
    example=_HEADER + """
Nos jus sont pressés à froid, contrairement à ceux de Maison Pomdor.
""",
    fixed=_HEADER + """
Nos jus sont pressés à froid, le jour même de la cueillette.
""",
    options="tone.yml `competitors` (`name`, `terms`, `exceptions`).",
)

FORBIDDEN_TOPIC = rule(
    "PB310", "forbidden-topic", "A post touches a topic the charter keeps us away from", Severity.WARNING,
    what="""Reports words that belong to a topic of tone.yml `forbidden_topics` (its `terms`; the topic's
    `name` when it has no terms), in the text or inside a hashtag, and names the topic. A term matches
    its own words in their plural and feminine forms only ("élection", "élections"; "religieux",
    "religieuse"), never a word that merely shares a stem: "soigné" (an accent the term does not have)
    is not "soigne". The charter lists the `exceptions` in which a term is innocent: "prière de vous
    garer" is a polite request, "l'église de Pacé" a landmark.""",
    why="""The charter names the sensitive subjects on which the company never speaks: a post there
    exposes the company and its staff, whatever the intention.""",
    example=_HEADER + """
Notre jus de pomme soigne les petits rhumes de l'hiver.
""",
    fixed=_HEADER + """
Notre jus de pomme se boit chaud en hiver, avec un bâton de cannelle.
""",
    options="tone.yml `forbidden_topics` (`name`, `terms`, `exceptions`).",
)

RULES = (BANNED_TERM, AVOID_TERM, COMPETITOR, FORBIDDEN_TOPIC)


@dataclass(frozen=True)
class Prepared:
    banned: TermIndex
    vocabulary: TermIndex
    competitors: TermIndex
    topics: TermIndex
    first_keys: frozenset[str] = frozenset()
    """Every key a term of the four lists starts with: one scan of a post finds where any may start."""
    tags: Memo[str, _TagTerms] | None = field(default=None, compare=False, repr=False)
    """A memo, hashtag as written -> the banned term, competitor and topic its words name (or None):
    posts repeat the same hashtags, and reading one as words costs a tokenising and three searches."""
    lists: TermIndexes | None = field(default=None, compare=False, repr=False)
    """The four indexes searched in one walk (``find`` gives each one's matches)."""
    starters: Memo[str, bool] | None = field(default=None, compare=False, repr=False)
    """A memo, token as written -> whether its key is one of ``first_keys``: where a term may start
    is found with one look-up per token, without making the draft's keys."""


_PREFERRED = object()  # payload of a `use` term: matched so that an avoided word inside it is not reported


def _excused(entries: Iterable) -> list[tuple[str, object]]:
    """(phrase, entry) for each exception of each entry: a phrase excuses its own entry's words only."""
    return [(phrase, entry) for entry in entries for phrase in entry.exceptions]


def prepare(playbook: Playbook) -> Prepared:
    tone = playbook.tone
    vocabulary: list[tuple[str, object]] = []
    for entry in tone.vocabulary:
        vocabulary.append((entry.use, _PREFERRED))
        vocabulary.extend((word, entry) for word in entry.avoid)
    competitors = [(term, item) for item in tone.competitors for term in (item.name, *item.terms)]
    topics = [(term, item) for item in tone.forbidden_topics for term in (item.terms or (item.name,))]
    indexes = (TermIndex(((item.term, item) for item in tone.banned_terms), _excused(tone.banned_terms)),
               TermIndex(vocabulary, _excused(tone.vocabulary)),
               TermIndex(competitors, _excused(tone.competitors)),
               TermIndex(topics, _excused(tone.forbidden_topics), strict=True))
    first_keys = frozenset().union(*(index.first_keys for index in indexes))
    banned, _, competing, touchy = indexes  # the lists a hashtag is searched in
    tag_keys = frozenset().union(banned.first_keys, competing.first_keys, touchy.first_keys)
    tag_starts: Memo[str, bool] = Memo(lambda word: token_key(word) in tag_keys)  # hashtags repeat their words
    return Prepared(*indexes, first_keys, lists=TermIndexes(indexes),
                    starters=Memo(lambda token: token_key(token) in first_keys),
                    tags=Memo(functools.partial(_tag_search, (banned, competing, touchy), tag_starts.__getitem__)))


_HASHTAG_WORDS = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]++|\p{Lu}++(?![\p{Ll}\p{M}])|[\p{Ll}\p{M}]++|\p{N}++")


def _hashtag_pieces(tag: str) -> list[str]:
    """The words a hashtag joins, read as prose: "#SpringDetox" is "Spring Detox",
    "#MaisonPomdor2027" is "Maison Pomdor 2027". Each is a run of letters or of digits, so each
    is one token of its own once they are joined by spaces (see ``_hashtag_words``)."""
    return _HASHTAG_WORDS.findall(tag)


def _hashtag_words(pieces: list[str]) -> list[Word]:
    """The hashtag's words as tokens. Their offsets are those of the joined words, which only
    serve to match: a finding covers the whole hashtag."""
    return tokenize(" ".join(pieces)) if pieces else []


_TagTerms = tuple[object | None, object | None, object | None]
_NO_TERMS: _TagTerms = (None, None, None)


def _tag_terms(prepared: Prepared, tag: str) -> _TagTerms:
    """The first banned term, competitor and forbidden topic that a hashtag's words name (or None)."""
    if prepared.tags is not None:
        return prepared.tags[tag]
    return _tag_search((prepared.banned, prepared.competitors, prepared.topics),
                       lambda piece: token_key(piece) in prepared.first_keys, tag)


def _tag_search(indexes: tuple[TermIndex, TermIndex, TermIndex], starts: Callable[[str], bool],
                tag: str) -> _TagTerms:
    """``_tag_terms`` worked out: ``starts`` tells a word that starts some term of the three lists."""
    pieces = _hashtag_pieces(tag)
    # Most hashtags start no term of the three lists with any of their words: they are left
    # without tokenising the hashtag.
    if not any(map(starts, pieces)):
        return _NO_TERMS
    words = _hashtag_words(pieces)
    banned, competitor, topic = (index.find(words)[:1] for index in indexes)
    return (banned[0].payload if banned else None, competitor[0].payload if competitor else None,
            topic[0].payload if topic else None)


def _plural_mismatch(written: str, use: str) -> bool:
    """True when the written word is plural (s/x) and the replacement is not, or the reverse."""
    def plural(text: str) -> bool:
        last = text.rstrip().split()[-1].lower() if text.strip() else ""
        return last.endswith(("s", "x"))

    return plural(written) != plural(use)


_MARKED = frozenset({"hashtag", "mention"})


def check(draft: Draft, playbook: Playbook, ctx: CheckContext, prepared: Prepared | None = None,
          ) -> Iterator[Finding]:
    prepared = prepared or prepare(playbook)
    lang = ctx.lang
    words = draft.words
    text = draft.text
    # Where any term may start, found in one scan for the four lists (Tokens keep keys as a column).
    starts = None
    if isinstance(words, Tokens):
        starters = prepared.starters if prepared.starters is not None else \
            Memo(lambda token: token_key(token) in prepared.first_keys)
        starts = list(compress(count(), map(starters.__getitem__, words.texts)))
    # a term pasted 20,000 times: past the limit, each rule counts its findings instead of making them
    tallies = Tallies(RULES, draft, ctx.repeat_limit)
    # The post's hashtags and mentions, and those that are a term written as one (read once for all the lists).
    marked = [span for span in draft.spans if span.kind in _MARKED]
    banned_tags, competitor_tags, topic_tags = (
        list(index.find_tags(marked)) if marked else []
        for index in (prepared.banned, prepared.competitors, prepared.topics))
    lists = prepared.lists or TermIndexes((prepared.banned, prepared.vocabulary, prepared.competitors, prepared.topics))
    banned_matches, avoided_matches, competitor_matches, topic_matches = lists.find(words, starts)
    if prepared.banned:
        for match in banned_matches:
            if not tallies(BANNED_TERM).admit(match.start):
                continue
            term = cast("BannedTerm", match.payload)
            written = text[match.start:match.end]
            yield span_finding(BANNED_TERM, draft, match.start, match.end,
                               _banned(lang, lang.quoted(excerpt(written)), term.reason),
                               lang("Rephrase without it (tone.yml, banned_terms)."))
    tags = [span for span in marked if span.kind == "hashtag"]
    tagged = {id(span) for span, _, _ in chain(banned_tags, competitor_tags, topic_tags)}
    for span in tags:
        if id(span) in tagged:
            continue  # a term written as this hashtag: reported below
        tag_banned, tag_competitor, tag_topic = _tag_terms(prepared, span.value)
        if tag_banned is None and tag_competitor is None and tag_topic is None:
            continue
        written = text[span.start:span.end]
        if tag_banned is not None:
            term = cast("BannedTerm", tag_banned)
            yield span_finding(BANNED_TERM, draft, span.start, span.end, _banned(lang, written, term.reason),
                               lang("Remove the hashtag or choose another (tone.yml, banned_terms)."))
        if tag_competitor is not None:
            yield span_finding(COMPETITOR, draft, span.start, span.end,
                               lang("the post names the competitor {name} ({written})",
                                    name=cast("TermList", tag_competitor).name, written=written),
                               lang("We do not name or tag competitors: say what we do instead."))
        if tag_topic is not None:
            yield span_finding(FORBIDDEN_TOPIC, draft, span.start, span.end,
                               lang("{written} touches the forbidden topic '{topic}'", written=written,
                                    topic=cast("TermList", tag_topic).name),
                               lang("The charter keeps the company out of this subject: remove or rephrase."))
    if prepared.vocabulary:
        for match in avoided_matches:
            if match.payload is _PREFERRED or not tallies(AVOID_TERM).admit(match.start):
                continue
            entry = cast("VocabularyEntry", match.payload)
            written = text[match.start:match.end]
            fix = None
            if entry.fix and match.exact and not _plural_mismatch(written, entry.use):
                fix = Fix(match.start, match.end, match_case(written, entry.use))
            yield span_finding(AVOID_TERM, draft, match.start, match.end,
                               lang("write '{use}' rather than '{written}'", use=entry.use, written=excerpt(written)),
                               lang("The charter prefers '{use}' ({note}).", use=entry.use, note=entry.note.strip())
                               if entry.note else lang("The charter prefers '{use}'.", use=entry.use), fix)
    if prepared.competitors:
        for match in competitor_matches:
            if namesake(text, match.start, match.end, cast("TermList", match.payload).name):
                continue
            if not tallies(COMPETITOR).admit(match.start):
                continue
            yield span_finding(COMPETITOR, draft, match.start, match.end,
                               lang("the post names the competitor {name}", name=cast("TermList", match.payload).name),
                               lang("We do not name or compare ourselves with competitors: say what we do instead."))
        for tag, _, item in competitor_tags:
            span, competitor = cast("Span", tag), cast("TermList", item)
            yield span_finding(COMPETITOR, draft, span.start, span.end,
                               lang("the post names the competitor {name} ({written})", name=competitor.name,
                                    written=text[span.start:span.end]),
                               lang("We do not name or tag competitors: say what we do instead."))
    if prepared.topics:
        for match in topic_matches:
            if not tallies(FORBIDDEN_TOPIC).admit(match.start):
                continue
            yield span_finding(FORBIDDEN_TOPIC, draft, match.start, match.end,
                               lang("{written} touches the forbidden topic '{topic}'",
                                    written=lang.quoted(excerpt(text[match.start:match.end])),
                                    topic=cast("TermList", match.payload).name),
                               lang("The charter keeps the company out of this subject: remove or rephrase."))
        for tag, _, item in topic_tags:
            span, topic = cast("Span", tag), cast("TermList", item)
            yield span_finding(FORBIDDEN_TOPIC, draft, span.start, span.end,
                               lang("{written} touches the forbidden topic '{topic}'",
                                    written=text[span.start:span.end], topic=topic.name),
                               lang("The charter keeps the company out of this subject: remove or rephrase."))
    for tag, _, item in banned_tags:
        span, banned_term = cast("Span", tag), cast("BannedTerm", item)
        yield span_finding(BANNED_TERM, draft, span.start, span.end,
                           _banned(lang, text[span.start:span.end], banned_term.reason),
                           lang("Remove it (tone.yml, banned_terms)."))
    yield from tallies.rest()


_GIVEN_NAME = regex.compile(r"(\p{Lu}[\p{Ll}\p{M}]++(?:-\p{Lu}[\p{Ll}\p{M}]++)*+)[ \u00a0]$")


def namesake(text: str, start: int, end: int, name: str) -> bool:
    """A person who shares a word of a competitor's name: « Jean-Yves Kerbrat, arboriculteur », where
    the competitor is the Vergers Kerbrat and « Kerbrat » a common surname. Only the last word of a
    name of several words, written alone after a given name (a capitalised word that is not the
    name's and does not merely open the sentence), is taken for a person."""
    words = name.split()
    if len(words) < 2 or fold(text[start:end]) != fold(words[-1]):
        return False
    given = _GIVEN_NAME.search(text, max(0, start - 40), start)
    if given is None or fold(given.group(1)) in {fold(word) for word in words}:
        return False
    return "-" in given.group(1) or not starts_sentence(text, given.start())


def _banned(lang: Language, written: str, reason: str | None) -> str:
    """PB307's message: the term (quoted or a hashtag) and the charter's reason when it gives one."""
    if reason and reason.strip():
        return lang("{written} is banned by the charter: {reason}", written=written, reason=reason.strip())
    return lang("{written} is banned by the charter", written=written)
