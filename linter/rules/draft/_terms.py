"""Tell-tale words in a post, for the charter rules that look for them (PB321-PB327).

A word that betrays a subject often has an innocent meaning in a fixed phrase ("fête" and "fête
des pères", "cidre" and "vinaigre de cidre"): the charter lists those phrases beside the words,
and the text engine's ``TermIndex`` (linter.drafts.tokens) leaves out a word found inside a
phrase of its own entry. ``find_terms`` reads a post's prose and its hashtags and mentions with
one index and gives the hits in text order; case, accents and plurals are ignored, and a post is
read once per list whatever its length.

Private (leading underscore): the registry skips it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from linter.drafts.tokens import TermIndex

if TYPE_CHECKING:
    from linter.drafts.parse import Draft, Span


@dataclass(frozen=True)
class Hit:
    """A term found in a post, outside every exception: where, as the charter wrote it, and for what."""

    start: int
    end: int
    term: str
    payload: object


def find_terms(index: TermIndex, draft: Draft, tags: bool = True) -> list[Hit]:
    """Every term of the post's prose (and, with ``tags``, every hashtag or mention that is a term),
    in the order of the text; the index leaves out those inside an exception of their entry."""
    if not index:
        return []
    hits = [Hit(match.start, match.end, match.term, match.payload) for match in index.find(draft.words)]
    if tags:
        for span, term, payload in index.find_tags(draft.spans):
            tag = cast("Span", span)
            hits.append(Hit(tag.start, tag.end, term, payload))
        hits.sort(key=lambda hit: hit.start)
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
