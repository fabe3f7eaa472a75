"""Term lists with exceptions, for the charter rules that look for tell-tale words (PB321-PB324, PB331).

Why exceptions: a word that betrays a subject often has an innocent meaning in a fixed phrase
("fête" and "fête des pères", "cidre" and "vinaigre de cidre"). The charter lists those phrases
beside the words, and a word found inside one of them does not count. Both lists go through the
text engine (``linter.drafts.tokens.TermIndex``): case, accents and plurals are ignored, and a
post is read once per list whatever its length.

Private (leading underscore): the registry skips it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from linter.drafts.tokens import Match, TermIndex

if TYPE_CHECKING:
    from linter.drafts.parse import Draft, Span


@dataclass(frozen=True)
class Hit:
    """A term found in a post, outside every exception: where, as the charter wrote it, and for what."""

    start: int
    end: int
    term: str
    payload: object


@dataclass(frozen=True)
class GuardedIndex:
    """Terms, each with what it stands for, and the phrases (exceptions) in which they do not count."""

    terms: TermIndex
    exceptions: TermIndex

    @staticmethod
    def of(terms: Iterable[tuple[str, object]], exceptions: Iterable[str] = ()) -> GuardedIndex:
        return GuardedIndex(TermIndex(terms), TermIndex((phrase, phrase) for phrase in exceptions))

    def __bool__(self) -> bool:
        return bool(self.terms)

    def find(self, draft: Draft, tags: bool = True) -> list[Hit]:
        """Every term of the post's prose (and, with ``tags``, every hashtag or mention that is a
        term), in the order of the text, leaving out those inside an exception phrase."""
        if not self.terms:
            return []
        found = self.terms.find(draft.words)
        hits: list[Hit] = []
        if found:
            hits = _outside(found, self.exceptions.find(draft.words) if self.exceptions else [])
        if tags:
            for span, term, payload in self.terms.find_tags(draft.spans):
                tag = cast("Span", span)
                hits.append(Hit(tag.start, tag.end, term, payload))
            hits.sort(key=lambda hit: hit.start)
        return hits


def _outside(found: Sequence[Match], exceptions: Sequence[Match]) -> list[Hit]:
    """The matches that no exception covers; both lists are in text order, so one merge suffices."""
    hits: list[Hit] = []
    cursor = 0
    for match in found:
        while cursor < len(exceptions) and exceptions[cursor].end <= match.start:
            cursor += 1
        covered = cursor < len(exceptions) and exceptions[cursor].start <= match.start \
            and match.end <= exceptions[cursor].end
        if not covered:
            hits.append(Hit(match.start, match.end, match.term, match.payload))
    return hits


def line_of(draft: Draft, offset: int) -> tuple[int, int]:
    """The (start, end) offsets of the line that holds ``offset``, without its line break."""
    text = draft.text
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    return start, end - 1 if end > start and text[end - 1] == "\r" else end


def is_heading(draft: Draft, offset: int) -> bool:
    """Whether ``offset`` stands on a Markdown heading line (``# Title``)."""
    start, end = line_of(draft, offset)
    stripped = draft.text[start:end].lstrip()
    marks = len(stripped) - len(stripped.lstrip("#"))
    return 0 < marks <= 6 and (len(stripped) == marks or stripped[marks] in " \t")
