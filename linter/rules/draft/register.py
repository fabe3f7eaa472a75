"""PB311 register: tutoiement or vouvoiement, as the charter chose, and never both at once.

French addresses the reader as *tu* or *vous*; the charter picks one for the whole brand. The
rule looks at the pronouns and possessives of the second person (tu, te, t', toi, ton, ta, tes /
vous, votre, vos, vôtre), skips quotations in « » or “ ”, and the noun "ton" (le ton, notre
ton, ton sur ton). Plural "vous" cannot be told from the polite one, so a `tu` charter may see a deliberate
plural reported: disable the rule for that line.

Imperatives address the reader without any pronoun ("Retrouve la liste", "Passe plutôt
vendredi"), so the verbs a post calls its readers with are known in both registers. The -ez form
is the vous register wherever it stands; the tu form only counts where a clause starts (after a
full stop, a comma, a colon, an emoji or « ne »), since elsewhere it is the same word as the
first or third person ("Yannick goûte"). Verbs whose tu form is also a noun ("Commande",
"Réserve", "Offre") count only before what an imperative is followed by ("Commande la tienne",
not "Commande passée" nor "Offre spéciale").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import compress, count
from typing import TYPE_CHECKING, overload

from linter.core.context import CheckContext
from linter.core.findings import Finding, Severity
from linter.core.rule import rule
from linter.drafts.tokens import Tokens, folds_of, span_of, texts_of, token_fold
from linter.rules.draft._common import Memo, span_finding

if TYPE_CHECKING:
    from linter.drafts.parse import Draft
    from linter.playbook.model import Playbook

_TU = frozenset({"tu", "te", "toi", "ton", "ta", "tes"})
_VOUS = frozenset({"vous", "votre", "vos", "votres"})
_NOUN_BEFORE_TON = frozenset({"le", "un", "du", "au", "ce", "cet", "mon", "son", "notre", "votre", "leur", "quel",
                              "meme", "bon", "de", "en", "chaque"})
_OPEN_QUOTES = frozenset("«“")
_CLOSE_QUOTES = frozenset("»”")
# Imperatives of the verbs posts call their readers with, folded. The tu forms, which are also
# the first and third person, count at the start of a clause only (see _tu_imperative).
_TU_IMPERATIVES = frozenset({
    "viens", "decouvre", "retrouve", "goute", "profite", "rejoins", "participe", "clique", "fonce",
    "regarde", "ecris", "prends", "essaie", "essaye", "teste", "choisis", "craque", "savoure", "envoie",
    "contacte", "abonne", "inscris", "achete", "trouve", "ecoute", "dis", "fais", "sois",
    "pense", "laisse", "attends", "ose", "oublie", "appelle", "imagine", "raconte",
})
# Tu forms that are nouns too ("Commande passée", "Offre spéciale", "Mets de saison"): an
# imperative only before one of the words that follow a verb (an article, a pronoun, an adverb).
_TU_IMPERATIVES_IF_FOLLOWED = {
    **dict.fromkeys(("commande", "reserve", "offre", "note", "demande", "partage", "tente", "mets", "montre"),
                    frozenset({"la", "le", "les", "l", "un", "une", "vite", "plutot", "nous", "moi", "lui", "leur",
                               "y", "donc", "maintenant", "ici", "vos", "nos"})),
    **dict.fromkeys(("passe", "cours", "file"),
                    frozenset({"a", "au", "aux", "chez", "nous", "me", "moi", "voir", "vite", "plutot", "y",
                               "donc", "maintenant", "la", "les", "l", "un", "une"})),
}
# After « ne » only a verb can stand: "Ne rate pas", "N'hésite pas".
_AFTER_NE = frozenset({"rate", "manque", "hesite", "oublie", "attends", "tarde"})
_VOUS_IMPERATIVES = frozenset({
    "venez", "decouvrez", "retrouvez", "goutez", "profitez", "rejoignez", "participez", "cliquez", "foncez",
    "regardez", "ecrivez", "prenez", "essayez", "testez", "choisissez", "craquez", "savourez", "envoyez",
    "contactez", "abonnez", "inscrivez", "achetez", "trouvez", "ecoutez", "dites", "faites", "mettez",
    "soyez", "pensez", "laissez", "attendez", "osez", "oubliez", "appelez", "imaginez", "racontez",
    "montrez", "commandez", "reservez", "offrez", "notez", "demandez", "partagez", "tentez", "passez",
    "courez", "filez", "ratez", "manquez", "hesitez", "tardez",
})
_NE = frozenset({"ne", "n"})
_INCISE_AFTER = frozenset({",", "»", "”", "\"", "—", "–"})
_WATCHED = (_TU | _VOUS | _OPEN_QUOTES | _CLOSE_QUOTES | {"t"} | _TU_IMPERATIVES | _TU_IMPERATIVES_IF_FOLLOWED.keys()
            | _AFTER_NE | _VOUS_IMPERATIVES)

REGISTER = rule(
    "PB311", "register", "A French post addresses the reader as tu when the charter says vous (or the "
    "reverse), or mixes both", Severity.WARNING,
    what="""In posts written in French, reports each word that addresses the reader in the register the
    charter did not choose (tu, te, t', toi, ton, ta, tes against vous, votre, vos). Without a register in
    the charter, a post that mixes both has the words of its minority register reported. Quotations
    between « » or “ ” are skipped.""",
    why="""The register is part of the brand's voice: switching between tu and vous from one post to the
    next, or within a post, sounds careless and can offend readers who expect to be addressed
    politely.""",
    example="""
---
channel: instagram
kind: information
publish_at: 2027-03-02T10:00+01:00
author: gaelle-rouxel
---
Viens goûter ton premier jus de la saison à la boutique de la ferme.
""",
    fixed="""
---
channel: instagram
kind: information
publish_at: 2027-03-02T10:00+01:00
author: gaelle-rouxel
---
Venez goûter votre premier jus de la saison à la boutique de la ferme.
""",
    options="tone.yml `register` (`tu` or `vous`); the post's `language` (only `fr` posts are checked).",
)

RULES = (REGISTER,)


def _ton_sur_ton(folds: Sequence[str], index: int) -> bool:
    """« ton sur ton » (shades of one colour) is the noun twice, not the reader's possessive."""
    return tuple(folds[index:index + 3]) == ("ton", "sur", "ton") or (
        index >= 2 and tuple(folds[index - 2:index + 1]) == ("ton", "sur", "ton"))


class _FoldsOf(Sequence[str]):
    """The folds of a draft's Tokens, each read when asked: the rule reads those of the few words
    around the ones it watches, so the draft's column of folds is not made for them."""

    __slots__ = ("_tokens",)

    def __init__(self, tokens: Tokens):
        self._tokens = tokens

    def __len__(self) -> int:
        return len(self._tokens.texts)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            first, end, step = index.indices(len(self._tokens.texts))
            return self._tokens.folds_between(first, end)[::step]
        return self._tokens.fold(index)


def _watched(token: str) -> str:
    """The fold of a token the rule watches (_WATCHED), "" for any other."""
    folded = token_fold(token)
    return folded if folded in _WATCHED else ""


Prepared = Memo[str, str]


def prepare(playbook: Playbook) -> Prepared:
    """A memo, token as written -> its fold when it is one of the words the rule watches, else ""."""
    return Memo(_watched)


def _second_person(draft: Draft, watched: Prepared | None = None) -> list[tuple[str, int, bool]]:
    """(register, index of the word, elided) of each word addressing the reader, quotations left out.

    ``elided`` marks a "t'" whose apostrophe belongs to what is reported. Words are named by
    their index: most posts address the reader in the charter's register, and where a word
    stands is only worked out for the words reported (``_where``).
    """
    found: list[tuple[str, int, bool]] = []
    quoted = 0
    words = draft.words
    text = draft.text
    # Only the words below can change anything: visit just them (found by C-level iteration, one
    # look-up per token as written); the word before each one is still at hand for the "le ton" exception.
    written = texts_of(words)
    folds: Sequence[str]
    marks: Sequence[str]  # the fold of each token the rule watches, "" for the others
    if isinstance(words, Tokens):
        folds = _FoldsOf(words)
        marks = list(map((watched if watched is not None else Memo(_watched)).__getitem__, written))
    else:
        folds = folds_of(words)
        marks = [folded if folded in _WATCHED else "" for folded in folds]
    for index in compress(count(), marks):
        folded = marks[index]
        if folded in _OPEN_QUOTES:
            quoted += 1
        elif folded in _CLOSE_QUOTES:
            quoted = max(0, quoted - 1)
        elif not quoted:
            if folded in _VOUS or folded in _VOUS_IMPERATIVES:
                found.append(("vous", index, False))
            elif folded in _TU and not (folded == "ton" and ((folds[index - 1] if index else "") in _NOUN_BEFORE_TON
                                                             or _ton_sur_ton(folds, index))):
                found.append(("tu", index, False))
            elif folded in _TU_IMPERATIVES or folded in _TU_IMPERATIVES_IF_FOLLOWED or folded in _AFTER_NE:
                if _tu_imperative(folds, written, index):
                    found.append(("tu", index, False))
            elif folded == "t":
                end = span_of(words, index)[1]
                if end < len(text) and text[end] in "'’ʼ" and (
                        index + 1 < len(words) and span_of(words, index + 1)[0] == end + 1):
                    found.append(("tu", index, True))
    return found


def _clause_starts_before(folds: Sequence[str], index: int) -> bool:
    """Whether a clause starts right before the word at ``index``: the first word of a piece of
    prose, or a word after a symbol (. , : ; ! ? … an emoji, a bullet) rather than after a word."""
    if index == 0 or not folds[index - 1]:  # the start, or a BREAK between two pieces of prose
        return True
    return not folds[index - 1][:1].isalnum()


def _tu_imperative(folds: Sequence[str], texts: Sequence[str], index: int) -> bool:
    """Whether the word at ``index`` (a tu form of _TU_IMPERATIVES, _TU_IMPERATIVES_IF_FOLLOWED or
    _AFTER_NE) is the imperative that calls the reader.

    After a comma or a closing quotation mark, a verb followed by a name is an incise, whose
    subject is the name ("… », raconte Jean-Luc"; "Le cidre, imagine Yannick, …").
    """
    folded = folds[index]
    if index > 0 and folds[index - 1] in _NE:
        return _clause_starts_before(folds, index - 1)
    if not _clause_starts_before(folds, index):
        return False
    following = texts[index + 1] if index + 1 < len(texts) else ""
    if index > 0 and folds[index - 1] in _INCISE_AFTER and following[:1].isupper():
        return False
    if folded in _TU_IMPERATIVES:
        return True
    followers = _TU_IMPERATIVES_IF_FOLLOWED.get(folded)
    return followers is not None and index + 1 < len(folds) and folds[index + 1] in followers


def _where(draft: Draft, index: int, elided: bool) -> tuple[int, int, str]:
    """(start, end, as written) of a word ``_second_person`` found, with its apostrophe when elided."""
    start, end = span_of(draft.words, index)
    if elided:
        end += 1
    return start, end, draft.text[start:end]


def check(draft: Draft, playbook: Playbook, ctx: CheckContext, prepared: Prepared | None = None
          ) -> Iterator[Finding]:
    if not draft.language.startswith("fr") or not draft.words:
        return
    found = _second_person(draft, prepared)
    if not found:
        return
    lang = ctx.lang
    register = playbook.tone.register
    if register in ("tu", "vous"):
        for used, index, elided in found:
            if used != register:
                start, end, written = _where(draft, index, elided)
                yield span_finding(
                    REGISTER, draft, start, end,
                    lang("'{written}' addresses the reader as '{used}'; the charter's register is '{register}'",
                         written=written, used=used, register=register),
                    lang("Address the reader with 'vous' (vous, votre, vos) throughout.") if register == "vous" else
                    lang("Address the reader with 'tu' (tu, te, ton, ta, tes) throughout."))
        return
    counts = {"tu": 0, "vous": 0}
    for used, *_ in found:
        counts[used] += 1
    if not counts["tu"] or not counts["vous"]:
        return
    if counts["tu"] == counts["vous"]:
        minority = found[-1][0]  # the register the post switched to last
    else:
        minority = min(counts, key=counts.__getitem__)
    majority = "vous" if minority == "tu" else "tu"
    for used, index, elided in found:
        if used == minority:
            start, end, written = _where(draft, index, elided)
            yield span_finding(
                REGISTER, draft, start, end,
                lang("the post mixes 'tu' and 'vous': '{written}' uses '{used}' while most of it uses '{majority}'",
                     written=written, used=used, majority=majority),
                lang("Choose one register for the whole post (and record the brand's choice in tone.yml `register`)."))
