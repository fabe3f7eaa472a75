"""Draft posts: YAML front matter + Markdown body, turned into prose spans with positions.

The model first (``Span``, a named tuple, and the ``Draft`` dataclass), then the parsing.
All offsets are character offsets into ``Draft.text`` (the whole decoded file, BOM removed),
so a finding or a fix anywhere in the file needs no translation between front matter and body.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import add, itemgetter, methodcaller
from typing import TYPE_CHECKING, NamedTuple

import regex

from linter.core.disables import directives_of
from linter.core.findings import FieldPath, Loc, Severity
from linter.core.i18n import N_, Language
from linter.drafts.tokens import Lexicon, Word, tokenize_pieces

# Imported once with the module rather than in the functions: a run reads thousands of drafts.
from linter.playbook.source import Document, parse_flat_yaml, parse_yaml_text, read_text
from linter.playbook.values import FIRST_YEAR, LAST_YEAR, local_moment, within_years, zone

if TYPE_CHECKING:
    from linter.core.disables import Directive
    from linter.core.rule import Note
    from linter.playbook.model import Organisation


class Span(NamedTuple):
    """A piece of the file: ``text[start:end]``; ``kind`` says what it is.

    A named tuple rather than a frozen dataclass (like Loc and Word): a draft has a span per
    paragraph, and a tuple is made without a Python-level ``__init__``; it is just as immutable.
    """

    start: int
    end: int
    kind: str  # "prose" | "url" | "hashtag" | "mention" | "code" | "html" | "email" ...
    value: str = ""


@dataclass(frozen=True)
class FrontMatterProblem:
    """Something wrong with the front matter, as the parser found it; PB301 reports it.

    The parser types the fields and knows what went wrong and where; the rule decides that it
    is a finding (and is not run when the settings switch it off).
    """

    loc: Loc
    message: str
    hint: str | None = None
    severity: Severity | None = None  # None: the rule's own (an unknown field is only a warning)


@dataclass(frozen=True)
class Draft:
    path: str
    text: str
    meta: Mapping[str, object]            # front matter as plain data ({} when absent)
    meta_doc: Document | None             # positions of front-matter values, in FILE lines
    body_start: int                       # offset of the first body character
    channels: tuple[str, ...] = ()
    kind: str | None = None
    publish_at: dt.datetime | None = None  # aware; naive values took the organisation's zone
    author: str | None = None
    objective: str | None = None
    audience: str | None = None
    language: str = "fr"
    sponsored: bool = False
    spans: tuple[Span, ...] = ()          # body pieces in order (prose, url, hashtag, ...)
    line_starts: tuple[int, ...] = field(default=(0,), repr=False)  # offset of each line
    words: Sequence[Word] = field(default=(), repr=False, compare=False)
    """Tokens of the prose spans (linter.drafts.tokens.tokenize_pieces: a linter.drafts.tokens.Tokens), computed once
    for every rule."""
    front_matter_problems: tuple[FrontMatterProblem, ...] = ()
    unclosed_comments: tuple[int, ...] = ()
    """Offsets of ``<!--`` openers never closed (the text after them is still read as prose)."""

    @property
    def body(self) -> str:
        return self.text[self.body_start:]

    def loc_at(self, offset: int) -> Loc:
        """1-based line and column of a character offset (columns count characters)."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return Loc(self.path, index + 1, offset - self.line_starts[index] + 1)

    def meta_loc(self, *path: str | int) -> Loc:
        """Position of a front-matter value, or of the file's first line."""
        if self.meta_doc is None:
            return Loc(self.path, 1, 1)
        return self.meta_doc.loc(*path)

    def spans_of(self, kind: str) -> tuple[Span, ...]:
        return tuple(span for span in self.spans if span.kind == kind)

    @functools.cached_property
    def prose(self) -> str:
        """The prose spans' texts joined by line breaks, made once per draft.

        For the rules' quick tests: a pattern that finds nothing in it finds nothing in any prose
        span (it holds each of them whole), so such a rule is spared a search per span.
        """
        return "\n".join(self.text[span.start:span.end] for span in self.spans if span.kind == "prose")

    @functools.cached_property
    def directives(self) -> tuple[Directive, ...]:
        """The disables the draft declares (linter.core.disables.directives_of), read once per draft.

        Asked by the runner (what silences a finding, what travels with the draft) and by each
        rule's Tally that has a finding to make: reading the front matter and the comments again
        for each of them was work done three to five times per draft.
        """
        return directives_of(self)


# ==========================================================================================
# Parsing. Never raises on user input: every problem becomes a finding of the front-matter rule.
# ==========================================================================================
_NEWLINE = re.compile(r"\r\n|\r|\n")
_OPENING = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSING = re.compile(r"(?:---|\.\.\.)[ \t]*")
# A line of an unclosed front matter: a `key:` line, an indented or list line, a comment, a blank.
_FIELD_LIKE = re.compile(r"[ \t]*(?:[A-Za-z_][\w.-]*[ \t]*:(?:[ \t]|$)|[-#]|$)")
_DATE_ONLY = re.compile(r"\s*\d{4}-?\d{2}-?\d{2}\s*")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{2,4})?")

KNOWN_FIELDS = ("channel", "channels", "kind", "publish_at", "author", "objective", "audience", "language",
                "sponsored", "disable", "title",
                # read by the rules that need them (from Draft.meta): review-missing, reply-emoji,
                # too-early-for-calendar
                "reviewed_by", "complaint", "event")

# Inline constructs that are not prose, tried left to right (CommonMark's leftmost wins).
_INLINE = regex.compile(
    r"(?P<escape>\\[!-/:-@\[-`{-~])"
    r"|(?P<code>`++)"
    r"|(?P<comment><!--)"
    r"|(?P<autolink><(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*+|[\w.!#$%&'*+/=?^`{|}~-]++@[\w-]++(?:\.[\w-]++)*+)>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*+(?:\s[^<>]*+)?/?>)"
    r"|(?P<dest>\]\()"
    r"|(?P<url>(?<![\w.@/])(?:[Hh][Tt][Tt][Pp][Ss]?://|www\.)[^\s<>]++)"
    r"|(?P<email>(?<=[\w.+-])@[\w-]++(?:\.[\w-]++)++)"
    r"|(?P<mention>(?<![\w@])@[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?)"
    r"|(?P<hashtag>(?<![\w&#])#(?=[\p{N}_]*\p{L})[\p{L}\p{M}\p{N}_]++)"
)
_TRAILING = ".,;:!?'\"»’)*_"
_new = tuple.__new__  # makes a Span without the Python-level __new__ of NamedTuple (see _prose_spans)
_BACKTICKS = regex.compile(r"`+")
_MAX_DESTINATION = 1024
_MAX_NESTING = 8  # parentheses nested in a link target (CommonMark allows 32; real links use 1)
_LINE_BREAK = regex.compile(r"[\r\n]")
_PARENS = regex.compile(r"[()]")


def _line_starts(text: str) -> tuple[int, ...]:
    """The offset of each line (a line ends with \\r\\n, \\r or \\n).

    Without \\r (nearly every file), each line ends with \\n: each start is the one before plus
    that line's length and 1, summed at C level instead of a match object per line.
    """
    if "\r" in text:
        return _line_starts_of_any(text)
    starts = list(accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))
    starts.pop()  # where a line after the last would start
    return tuple(starts)


def _line_starts_of_any(text: str) -> tuple[int, ...]:
    """``_line_starts`` of any text, whatever its line breaks."""
    return (0, *(match.end() for match in _NEWLINE.finditer(text)))


def _line_end(text: str, starts: tuple[int, ...], index: int) -> int:
    """Offset of the end of line ``index`` (0-based), before its line break."""
    end = starts[index + 1] if index + 1 < len(starts) else len(text)
    while end > starts[index] and text[end - 1] in "\r\n":
        end -= 1
    return end


def _front_matter(text: str, starts: tuple[int, ...], path: str, lang: Language,
                 ) -> tuple[Mapping[str, object], Document | None, int, list[FrontMatterProblem]]:
    """(meta, meta_doc, body_start, problems) of the YAML block between the --- lines."""
    opening = _OPENING.match(text)
    if opening is None:
        return {}, None, 0, [FrontMatterProblem(
            Loc(path, 1, 1), lang("the draft has no front matter"),
            lang("Start the file with a `---` line, the fields (channel, kind, publish_at, author), then `---`."))]
    closing_line = _closing_line(text, starts)
    if closing_line is None:
        # The body starts after the lines that look like fields: they are not prose, and --fix
        # once put no-break spaces before every key's colon (`channel\u202f: facebook`).
        line = 1
        while line < len(starts) and _FIELD_LIKE.match(text, starts[line], _line_end(text, starts, line)):
            line += 1
        body_start = starts[line] if line < len(starts) else len(text)
        return {}, None, body_start, [FrontMatterProblem(
            Loc(path, 1, 1), lang("the front matter opened on line 1 is never closed"),
            lang("Add a line with `---` after the last field, before the text of the post."))]
    body_start = starts[closing_line + 1] if closing_line + 1 < len(starts) else len(text)
    # One empty line stands for the opening `---`, so YAML positions are positions in the file.
    yaml_text = "\n" + text[starts[1]:starts[closing_line]]
    if yaml_text.isspace():  # (it starts with a line break)
        return {}, None, body_start, []
    # The plainest front matter (`key: value` lines) is read without the YAML parser, same result.
    flat = parse_flat_yaml(yaml_text, path)
    document, problems = (flat, []) if flat is not None else parse_yaml_text(yaml_text, path, lang)
    if document is None and _holds_nothing(yaml_text):  # only comments, or `~`: same as no field at all
        return {}, None, body_start, []
    found = [FrontMatterProblem(problem.loc, lang("the front matter is not valid YAML: {problem}",
                                                  problem=problem.message), problem.hint) for problem in problems]
    if document is None:
        return {}, None, body_start, found
    if not isinstance(document.data, dict):
        found.append(FrontMatterProblem(document.loc(), lang("the front matter must be a list of `field: value` lines"),
                                        lang("Write one field per line, such as `channel: facebook`.")))
        return {}, document, body_start, found
    return document.data, document, body_start, found


def _holds_nothing(yaml_text: str) -> bool:
    """Whether a YAML text that gave no document is empty rather than broken (comments, ``~``)."""
    import yaml

    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    return node is None or node.tag == "tag:yaml.org,2002:null"


def _closing_line(text: str, starts: tuple[int, ...]) -> int | None:
    """Index of the line that closes the front matter (``---`` or ``...``), or None."""
    for index in range(1, len(starts)):
        if _CLOSING.fullmatch(text, starts[index], _line_end(text, starts, index)):
            return index
    return None


class _Fields:
    """Reads and types the front-matter fields, noting each problem for PB301."""

    def __init__(self, meta: Mapping[str, object], doc: Document | None, path: str, lang: Language):
        self.lang = lang
        self.meta = meta
        self.doc = doc
        self.path = path
        self.problems: list[FrontMatterProblem] = []

    def loc(self, *where: str | int) -> Loc:
        return self.doc.loc(*where) if self.doc is not None else Loc(self.path, 1, 1)

    def problem(self, where: FieldPath, message: str, hint: str | None = None,
                severity: Severity | None = None) -> None:
        """A problem with the value at ``where``; ``()`` (a missing field) is the opening ``---``."""
        loc = self.loc(*where) if where else Loc(self.path, 1, 1)
        self.problems.append(FrontMatterProblem(loc, message, hint, severity))

    def hint(self, name: str) -> str | None:
        return self.lang(_HINTS[name]) if name in _HINTS else None

    def text(self, name: str, required: bool = False) -> str | None:
        lang = self.lang
        value = self.meta.get(name)
        if value is None:
            if required:
                self.problem((), lang("the front matter has no `{field}`", field=name), self.hint(name))
            elif name in self.meta:
                self.problem((name,), lang("`{field}` is empty", field=name), self.hint(name))
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem((name,), lang("`{field}` must be a single value, not {value}", field=name,
                                       value=_describe(value, lang)), self.hint(name))
            return None
        value = str(value).strip()
        if not value:
            self.problem((name,), lang("`{field}` is empty", field=name), self.hint(name))
            return None
        return value

    def kind(self) -> str | None:
        """``kind`` in lower case: the rules compare it with ids (``promo``, ``reply``, the calendar's
        event kinds), and ``kind: Promo`` written by hand is a promotion all the same (before, it
        slipped past the promotion share and the crisis freeze)."""
        value = self.text("kind", required=True)
        return value.casefold() if value is not None else None

    def channels(self) -> tuple[str, ...]:
        has_one, has_many = "channel" in self.meta, "channels" in self.meta
        lang = self.lang
        if has_one and has_many:
            self.problem(("channels",), lang("the front matter has both `channel` and `channels`"),
                         lang("Keep one: `channel: facebook`, or `channels: [facebook, instagram]` for several."))
        if not has_one and not has_many:
            self.problem((), lang("the front matter has no `{field}`", field="channel"), self.hint("channel"))
            return ()
        if has_one:
            value = self.meta.get("channel")
            if isinstance(value, list):
                self.problem(("channel",), lang("`channel` holds a list"),
                             lang("Write `channels: [a, b]` (with an s) to publish on several channels."))
                return self._channel_list(value, "channel")
            single = self.text("channel")
            return (single,) if single else ()
        value = self.meta.get("channels")
        if isinstance(value, str):
            return self._channel_list([value], "channels")
        if not isinstance(value, list) or not value:
            self.problem(("channels",), lang("`channels` must be a non-empty list of channel ids"),
                         lang("For example `channels: [facebook, instagram]`."))
            return ()
        return self._channel_list(value, "channels")

    def _channel_list(self, values: list, name: str) -> tuple[str, ...]:
        result: list[str] = []
        for index, item in enumerate(values):
            if isinstance(item, bool) or not isinstance(item, (str, int)) or not str(item).strip():
                self.problem((name, index), self.lang("each channel must be a channel id, not {value}",
                                                      value=_describe(item, self.lang)), self.hint("channel"))
            elif str(item).strip() in result:
                self.problem((name, index), self.lang("the channel '{channel}' is listed twice", channel=item),
                             self.lang("Remove the repeated id."))
            else:
                result.append(str(item).strip())
        return tuple(result)

    def publish_at(self, timezone: str) -> dt.datetime | None:
        lang = self.lang
        raw = self.meta.get("publish_at")
        if raw is None:
            self.text("publish_at", required=True)
            return None
        if isinstance(raw, dt.datetime):  # pragma: no cover - the YAML reader keeps timestamps as text
            value = raw
        elif isinstance(raw, str):
            if _DATE_ONLY.fullmatch(raw):
                self.problem(("publish_at",), lang("`publish_at` ({value}) has a date but no time", value=raw.strip()),
                             lang("Add the time of publication: `publish_at: {value}T09:00`.", value=raw.strip()))
                return None
            try:
                value = dt.datetime.fromisoformat(raw.strip().replace("z", "Z"))
            except ValueError:
                self.problem(("publish_at",), lang("`publish_at` cannot be read as a date and time: {value}",
                                                   value=repr(raw)), self.hint("publish_at"))
                return None
        else:
            self.problem(("publish_at",), lang("`publish_at` must be a date and time, not {value}",
                                               value=_describe(raw, lang)), self.hint("publish_at"))
            return None
        if not within_years(value):
            self.problem(("publish_at",), lang("`publish_at` ({value}) is not a date between {first} and {last}",
                                               value=str(raw), first=FIRST_YEAR, last=LAST_YEAR),
                         self.hint("publish_at"))
            return None
        if value.tzinfo is None:
            tz = zone(timezone) or dt.UTC
            value, guess = local_moment(value, tz)
            if guess is not None:
                self._dst_note(str(raw).strip(), value, guess, timezone)
        return value

    def _dst_note(self, raw: str, value: dt.datetime, guess: str, timezone: str) -> None:
        """Say which instant a wall-clock time that does not exist, or exists twice, was taken as."""
        taken = value.isoformat(timespec="minutes")
        lang = self.lang
        if guess == "gap":
            self.problem(("publish_at",), lang("`publish_at` {value} does not exist in {zone} (the clocks go forward "
                                               "that night); it was taken as {taken}", value=raw, zone=timezone,
                                               taken=taken),
                         lang("Write a time that exists, or give the offset: `publish_at: {taken}`.", taken=taken),
                         severity=Severity.WARNING)
        else:
            self.problem(("publish_at",), lang("`publish_at` {value} happens twice in {zone} (the clocks go back "
                                               "that night); it was taken as the first, {taken}", value=raw,
                                               zone=timezone, taken=taken),
                         lang("Give the offset to choose: `publish_at: {taken}` or the hour after it.", taken=taken),
                         severity=Severity.INFO)

    def sponsored(self) -> bool:
        value = self.meta.get("sponsored", False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(("sponsored",), self.lang("`sponsored` must be true or false, not {value}",
                                                   value=_describe(value, self.lang)),
                         self.lang("Write `sponsored: true` for a paid or gifted partnership, otherwise leave it out."))
            return False
        return value

    def language(self, default: str) -> str:
        value = self.text("language")
        if value is None:
            return default
        if not _LANGUAGE.fullmatch(value):
            self.problem(("language",), self.lang("`language` must be a language code such as fr or en, not {value}",
                                                  value=repr(value)),
                         self.lang("Use the two-letter code of the language of the post: fr, en, de…"))
            return default
        return value

    def disable(self) -> None:
        value = self.meta.get("disable")
        if value is None or isinstance(value, str):
            return
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.problem(("disable",), self.lang("`disable` must be a list of rule codes"),
                         self.lang("For example `disable: [PB313]`."))

    def unknown_keys(self) -> None:
        for key in self.meta:
            if key in KNOWN_FIELDS:
                continue
            close = difflib.get_close_matches(str(key), KNOWN_FIELDS, n=1, cutoff=0.75)
            if close:
                at = self.doc.key_loc(key) if self.doc is not None else Loc(self.path, 1, 1)
                self.problems.append(FrontMatterProblem(
                    at, self.lang("unknown front-matter field `{field}`", field=key),
                    self.lang("Did you mean `{field}`?", field=close[0]),
                    severity=Severity.WARNING))


_HINTS = {
    "channel": N_("Name the channel by its id in playbook/channels.yml, e.g. `channel: facebook`."),
    "kind": N_("Say what the post is: promo, information, reply, event, recruitment, crisis…"),
    "publish_at": N_("Write an ISO date and time, e.g. `publish_at: 2027-03-02T09:30+01:00` "
                     "(without an offset, the organisation's time zone applies)."),
    "author": N_("Give the id of a person from playbook/roles.yml (people), e.g. `author: claire-le-gall`."),
    "objective": N_("Give the id of an objective from playbook/objectives.yml, or remove the line."),
    "audience": N_("Give the id of an audience from playbook/audiences.yml, or remove the line."),
}


def _describe(value: object, lang: Language) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return lang("a mapping")
    if isinstance(value, list):
        return lang("a list")
    if isinstance(value, (int, float)):
        return lang("a number")
    return lang("an empty value") if value is None else lang("text")


# -- the body ------------------------------------------------------------------------------
def _block_ranges(body: str) -> tuple[list[tuple[int, int, str]], list[int]]:
    """(first line, end line, kind) of code and HTML blocks of the body, as markdown-it sees them,
    and the offsets in ``body`` of the ``<!--`` of comment blocks that are never closed.

    Only these blocks need the full CommonMark parser: without a backtick/tilde fence, an
    indented line or a `<`, no such block can exist and the (costly) parse is skipped.

    Why the unclosed comments: CommonMark runs a comment block without ``-->`` to the end of the
    document, which would hide the rest of the post from every rule (issue #14). Such an opener
    is reported (PB392) and blanked in a copy of the body, which is parsed again: the text after
    it is then read as what it is (prose, code, other blocks), with the same line numbers.
    """
    if "```" not in body and "~~~" not in body and "<" not in body and "\t" not in body and "    " not in body:
        return [], []
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    unclosed: list[int] = []
    while True:
        ranges = []
        opener = None
        for token in parser.parse(body):
            if token.map and token.type in ("fence", "code_block", "html_block"):
                if token.type == "html_block" and opener is None:
                    opener = _unclosed_comment(body, token.map[0], token.content)
                    if opener is not None:
                        break
                ranges.append((token.map[0], token.map[1], "html" if token.type == "html_block" else "code"))
        if opener is None or len(unclosed) >= _MAX_UNCLOSED:
            return ranges, unclosed
        unclosed.append(opener)
        body = body[:opener] + " " + body[opener + 1:]  # "<!--" -> " !--": same length, no block


_MAX_UNCLOSED = 16  # each needs a parse of the body; after this many, the rest stays hidden (never seen)


def _unclosed_comment(body: str, first_line: int, content: str) -> int | None:
    """The offset of the ``<!--`` opening an HTML block that is a comment never closed, or None."""
    stripped = content.lstrip(" ")
    if not stripped.startswith("<!--") or "-->" in content:
        return None
    starts = _line_starts(body)
    return body.index("<!--", starts[min(first_line, len(starts) - 1)])


def _paragraphs(text: str, starts: tuple[int, ...], first_line: int, blocks: list[tuple[int, int, str]],
                ) -> tuple[list[Span], list[tuple[int, int]]]:
    """Split the body into block spans (code/html) and paragraph ranges of inline text."""
    block_spans: list[Span] = []
    paragraphs: list[tuple[int, int]] = []
    skip: dict[int, tuple[int, str]] = {first_line + start: (first_line + end, kind) for start, end, kind in blocks}
    line = first_line
    current: tuple[int, int] | None = None
    total = len(starts)
    while line < total:
        if line in skip:
            end_line, kind = skip[line]
            end_line = min(max(end_line, line + 1), total)
            if current:
                paragraphs.append(current)
                current = None
            start = starts[line]
            end = _line_end(text, starts, end_line - 1)
            if end > start:
                block_spans.append(Span(start, end, kind, text[start:end] if kind == "html" else ""))
            line = end_line
            continue
        start, end = starts[line], _line_end(text, starts, line)
        if text[start:end].strip():
            current = (current[0], end) if current else (start, end)
        elif current:
            paragraphs.append(current)
            current = None
        line += 1
    if current:
        paragraphs.append(current)
    return block_spans, paragraphs


# Every alternative of _INLINE needs one of these markers: \ ` < ]( :// www. @, or a "#"
# followed by a word character (so not a heading's "## "). A paragraph without any is one
# piece of prose, found by a few substring tests instead of the pattern.
_HASH_BEFORE_WORD = re.compile(r"#[^\s#]")


def _scan_inline(text: str, start: int, end: int) -> list[Span]:
    """Spans of one paragraph: code, HTML, URLs, e-mails, mentions, hashtags and the prose between."""
    paragraph = text[start:end]
    # The markers above, tested one by one without a generator (a paragraph costs a few
    # substring tests).
    if ("://" in paragraph or "@" in paragraph or "<" in paragraph or "](" in paragraph or "`" in paragraph
            or "\\" in paragraph or "www." in paragraph or ("#" in paragraph and _HASH_BEFORE_WORD.search(paragraph))):
        return _scan_inline_full(text, start, end)
    return [] if not paragraph or paragraph.isspace() else [_new(Span, (start, end, "prose", ""))]


def _scan_inline_full(text: str, start: int, end: int) -> list[Span]:
    """``_scan_inline`` by the pattern, for a paragraph that may hold inline constructs."""
    spans: list[Span] = []
    runs: dict[int, list[int]] = {}
    if "`" in text[start:end]:
        for run in _BACKTICKS.finditer(text, start, end):
            runs.setdefault(len(run.group()), []).append(run.start())
    comment_end_missing = False
    pos = prose_from = start
    while pos < end:
        match = _INLINE.search(text, pos, end)
        if match is None:
            break
        kind = match.lastgroup
        span: Span | None = None
        # Hashtags and mentions first: the commonest constructs of a post (a hashtag-heavy post has
        # dozens), then the others; the kinds exclude one another, so the order only spares comparisons.
        if kind == "hashtag" or kind == "mention":
            span = _new(Span, (match.start(), match.end(), kind, match.group()[1:]))
        elif kind == "code":
            length = len(match.group())
            positions = runs.get(length, [])
            after = bisect.bisect_right(positions, match.start())
            if after < len(positions):
                close = positions[after] + length
                span = Span(match.start(), close, "code", text[match.end():positions[after]])
        elif kind == "comment":
            close = -1 if comment_end_missing else text.find("-->", match.start() + 2, end)
            if close < 0:
                comment_end_missing = True
            else:
                span = Span(match.start(), close + 3, "html", text[match.start():close + 3])
        elif kind in ("autolink", "tag"):
            inner = match.group()[1:-1]
            if kind == "autolink":
                span = Span(match.start(), match.end(), "email" if "@" in inner and ":" not in inner else "url",
                            inner)
            else:
                span = Span(match.start(), match.end(), "html", match.group())
        elif kind == "dest":
            span = _destination(text, match.end(), end)
        elif kind == "url":
            url = _trim_url(match.group())
            span = Span(match.start(), match.start() + len(url), "url", url)
        elif kind == "email":  # the pattern matched "@domain": the address starts before it
            local = match.start()
            while local > prose_from and (text[local - 1].isalnum() or text[local - 1] in "._+-"):
                local -= 1
            span = Span(local, match.end(), "email", text[local:match.end()])
        if span is None:  # an escape, or an opener without its closer: plain text
            pos = match.end()
            continue
        if span.start > prose_from:
            spans.append(_new(Span, (prose_from, span.start, "prose", "")))
        spans.append(span)
        pos = prose_from = span.end
    if end > prose_from:
        spans.append(_new(Span, (prose_from, end, "prose", "")))
    return [span for span in spans if span.kind != "prose" or not text[span.start:span.end].isspace()]


def _destination(text: str, start: int, end: int) -> Span | None:
    """The URL part of ``[label](url "title")``: up to the matching closing parenthesis.

    The search stays on the line and is bounded (a link target is never that long), and only
    parentheses are visited, so a paragraph full of "](" without ")" stays linear.
    """
    limit = min(end, start + _MAX_DESTINATION)
    line_break = _LINE_BREAK.search(text, start, limit)
    if line_break is not None:
        limit = line_break.start()
    if text.find(")", start, limit) < 0:
        return None
    depth = 0
    for paren in _PARENS.finditer(text, start, limit):
        if paren.group() == "(":
            depth += 1
            if depth > _MAX_NESTING:
                return None
        elif depth:
            depth -= 1
        else:
            inner = text[start:paren.start()]
            target = inner.split(maxsplit=1)[0] if inner.strip() else ""
            return Span(start, paren.start(), "url", target.strip("<>"))
    return None


def _trim_url(url: str) -> str:
    """Drop punctuation that ends the sentence rather than the URL (keeps balanced parentheses)."""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _body_spans(text: str, starts: tuple[int, ...], body_start: int,
                ) -> tuple[tuple[Span, ...], list[tuple[int, int]], list[int]]:
    """The body's spans, the (start, end) of its prose spans, and the file offsets of unclosed
    ``<!--`` (see ``_block_ranges``)."""
    if body_start >= len(text):
        return (), [], []
    body = text[body_start:]
    blocks, unclosed = _block_ranges(body)
    # The whole file is tested for \r: after a front matter that ends with one, the body's first
    # line starts after a \r, where the paragraph pattern's ^ would not see a line start.
    if blocks or "\r" in text:
        spans = _spans_by_lines(text, starts, body_start, blocks)
        pieces = [(span.start, span.end) for span in spans if span.kind == "prose"]
    else:
        spans, pieces = _plain_spans(text, body_start)
    return tuple(spans), pieces, [body_start + offset for offset in unclosed]


def _spans_by_lines(text: str, starts: tuple[int, ...], body_start: int, blocks: list[tuple[int, int, str]],
                    ) -> list[Span]:
    """The spans of any body, line by line: its blocks, then each paragraph's inline spans, in order."""
    first_line = bisect.bisect_right(starts, body_start) - 1
    block_spans, paragraphs = _paragraphs(text, starts, first_line, blocks)
    spans = list(block_spans)
    for start, end in paragraphs:
        spans.extend(_scan_inline(text, start, end))
    spans.sort(key=_START)
    return spans


_START = itemgetter(0)  # a span's start (spans are tuples)
# A paragraph of a body without \r: lines holding a non-space character, one after the other
# (str.strip and the pattern's \s agree on what a space is). ^ starts a line: the body starts one.
_PARAGRAPH = re.compile(r"^[^\S\n]*+\S[^\n]*+(?:\n[^\S\n]*+\S[^\n]*+)*+", re.MULTILINE)


def _plain_spans(text: str, body_start: int) -> tuple[list[Span], list[tuple[int, int]]]:
    """``_spans_by_lines`` for a body without blocks or \\r, and its prose pieces, in a few passes.

    Why: most bodies are paragraphs of plain text. The paragraphs are found by one pattern
    instead of a Python step per line, and the markers of inline constructs by one pattern
    instead of a few substring tests per paragraph (``_marked``): a paragraph without
    any is one piece of prose, and those are made at C level. Only the paragraphs holding a
    marker are scanned by the pattern.
    """
    paragraphs = list(map(_SPAN_OF, _PARAGRAPH.finditer(text, body_start)))
    marked = _marked(text, paragraphs)
    if not marked:
        return list(_prose_spans(paragraphs)), paragraphs
    spans: list[Span] = []
    pieces: list[tuple[int, int]] = []
    done = 0
    for index in marked:
        spans += _prose_spans(paragraphs[done:index])
        pieces += paragraphs[done:index]
        start, end = paragraphs[index]
        found = _scan_inline_full(text, start, end)
        spans += found
        pieces += [(span.start, span.end) for span in found if span.kind == "prose"]
        done = index + 1
    spans += _prose_spans(paragraphs[done:])
    pieces += paragraphs[done:]
    return spans, pieces


_SPAN_OF = methodcaller("span")
_PROSE = ("prose", "")


def _prose_spans(pieces: list[tuple[int, int]]) -> Iterator[Span]:
    """A prose span for each (start, end), made at C level."""
    return map(_new, repeat(Span), map(add, pieces, repeat(_PROSE)))


def _marked(text: str, paragraphs: list[tuple[int, int]]) -> list[int]:
    """The index of each paragraph holding a marker of an inline construct, in order.

    One search finds the next marker of any kind, and the next search starts past the
    paragraph that holds it: a body without markers is read by one search, at C level. A marker
    is a paragraph's when it is before the paragraph's end: every non-space character of a body
    without blocks is in a paragraph, and no marker holds a space.
    """
    if not paragraphs:
        return []
    firsts = list(map(_START, paragraphs))
    marked = []
    found = _ANY_MARKER.search(text, firsts[0])
    while found is not None:
        index = bisect.bisect_right(firsts, found.start()) - 1
        marked.append(index)
        found = _ANY_MARKER.search(text, paragraphs[index][1])
    return marked


# What _scan_inline tests, in one pattern: every alternative of _INLINE needs one of these.
_ANY_MARKER = re.compile(r"://|@|<|\]\(|`|\\|www\.|#[^\s#]")


def parse_draft(path: str, text: str | None, organisation: Organisation | None = None, memo: Lexicon | None = None,
                lang: Language | None = None) -> Draft | None:
    """A draft from its decoded text: typed front matter, body spans and words.

    What is wrong with its form is kept on the draft (``front_matter_problems``,
    ``unclosed_comments``) for the rules that report it (PB301, PB392): the parser finds, the
    rules judge, and a rule switched off is not run.

    ``organisation`` (linter.playbook.model.Organisation) gives the default language and the time zone
    of a ``publish_at`` written without an offset. ``memo`` is the tokeniser's word cache,
    which a caller parsing many drafts may share (see linter.drafts.tokens.Lexicon).
    """
    if text is None:
        return None
    lang = lang or Language()
    starts = _line_starts(text)
    meta, meta_doc, body_start, problems = _front_matter(text, starts, path, lang)
    fields = _Fields(meta, meta_doc, path, lang)
    language = getattr(organisation, "language", None) or "fr"
    timezone = getattr(organisation, "timezone", None) or "UTC"
    if meta or (meta_doc is None and not problems):
        channels = fields.channels()
        kind = fields.kind()
        publish_at = fields.publish_at(timezone)
        author = fields.text("author", required=True)
        objective = fields.text("objective")
        audience = fields.text("audience")
        language = fields.language(language)
        sponsored = fields.sponsored()
        fields.disable()
        fields.unknown_keys()
        problems.extend(fields.problems)
    else:
        channels, kind, publish_at, author, objective, audience, sponsored = (), None, None, None, None, None, False
    spans, pieces, unclosed = _body_spans(text, starts, body_start)
    words = tokenize_pieces(text, pieces, memo)
    draft = Draft(path, text, meta, meta_doc, body_start, channels, kind, publish_at, author, objective, audience,
                  language, sponsored, spans, starts, words, tuple(problems), tuple(unclosed))
    return draft


def read_draft(path: str, organisation: Organisation | None = None, memo: Lexicon | None = None,
               lang: Language | None = None) -> tuple[Draft | None, list[Note]]:
    """Read and parse one draft file; an unreadable file gives what the reader noted (PB001-PB003, PB011, PB012)."""
    text, notes = read_text(path, lang=lang)
    if text is None:
        return None, notes
    return parse_draft(path, text, organisation, memo, lang), notes
