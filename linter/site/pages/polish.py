"""Finishing touches to every page's HTML: French spacing, unbreakable time ranges, tables on phones.

Applied by the plugin after Markdown, to generated and hand-written pages alike, so a rule
of the house holds everywhere without each renderer remembering it:

- French typography (on a site in a language whose typography asks for it, ``Typography.spaced_punctuation``):
  a narrow no-break space (U+202F) before ``; : ! ?`` and inside « », so a colon or a closing guillemet
  never starts a line on a phone;
- a time range (``09:00–18:00``, ``9 h–18 h 30``) never breaks across lines;
- each table cell carries its column's name (``data-label``), which the stylesheet shows when
  the table is laid out as one card per row on a phone instead of scrolling sideways.

Only text nodes are changed, never code, preformatted text, scripts or attribute values.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Iterator

from linter.core.i18n import Language

NNBSP = "\u202f"

# Comments, then tags (attribute values never hold a raw ">": Markdown and our renderers escape it).
_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)")
# Where text is shown verbatim (or is not text at all): left alone.
_VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "title"})
# Where an inline <span> must not be inserted.
_NO_SPAN = frozenset({"svg", "option", "select"})

# A space (plain or no-break, maybe written as an entity) between a word (or the end of the element
# before: "<a>Lucas</a> : du…") and ; : ! ? followed by a space or the end: made narrow. A missing
# space is left alone (English text, "http://").
_SPACE = r"(?: |\u00a0|&nbsp;|&#160;|&#xa0;)"
_SPACE_BEFORE = re.compile(rf"(?:(?<![\s\u202f\u00a0])|^){_SPACE}([;:?]|!|&#33;)(?=\s|\u202f|\u00a0|&nbsp;|&#160;|$)")
_AFTER_OPENING = re.compile(rf"«(?:{_SPACE}|\u202f)?")
_BEFORE_CLOSING = re.compile(rf"(?:{_SPACE}|\u202f)?»")
# A number and its unit stay together: "2 h", "30 min", "3 jours", "90 %", "4,50 €".
_NUMBER_UNIT = re.compile(r"(?<=\d) (?=(?:h|min|jours?|semaines?|mois|ans?|%|€|km)(?![\w-]))")
# A time of day: ``09:00``, ``14 h 30``, ``9 h`` (the spaces may be no-break ones).
_TIME = r"\d{1,2}(?::\d{2}|\s?h(?:\s?\d{2})?)"
_TIME_RANGE = re.compile(rf"(?<![\w:]){_TIME}\s?[–-]\s?{_TIME}(?![\w:])")


def _tag(token: str) -> tuple[str, bool, bool] | None:
    """(name, closing, self-closing) of a tag token; None for comments and declarations."""
    match = _TAG_NAME.match(token)
    if match is None:
        return None
    return match.group(1).lower(), token.startswith("</"), token.endswith("/>")


def text_nodes(html: str, change: Callable[[str, frozenset[str]], str], skip: frozenset[str] = _VERBATIM) -> str:
    """``html`` with each text node replaced by ``change(text, open_tags)``.

    ``open_tags`` holds the names of the ``skip`` and span-less elements the text is inside;
    text inside ``skip`` elements (verbatim ones by default) is never passed to ``change``.
    """
    out: list[str] = []
    stack: list[str] = []
    position = 0
    for match in _TOKEN.finditer(html):
        text = html[position:match.start()]
        if text:
            out.append(text if skip.intersection(stack) else change(text, frozenset(stack)))
        token = match.group(0)
        out.append(token)
        position = match.end()
        parsed = _tag(token)
        if parsed is None:
            continue
        name, closing, self_closing = parsed
        if name not in skip and name not in _NO_SPAN:
            continue
        if closing:
            if name in stack:
                while stack and stack.pop() != name:
                    pass
        elif not self_closing:
            stack.append(name)
    rest = html[position:]
    if rest:
        out.append(rest if skip.intersection(stack) else change(rest, frozenset(stack)))
    return "".join(out)


def french_spacing_text(text: str) -> str:
    """Narrow no-break spaces before ; : ! ? and inside « »; a number kept with its unit (text is HTML)."""
    text = _SPACE_BEFORE.sub(lambda match: NNBSP + match.group(1), text)
    text = _NUMBER_UNIT.sub("\u00a0", text)
    text = _AFTER_OPENING.sub("«" + NNBSP, text)
    return _BEFORE_CLOSING.sub(NNBSP + "»", text)


def _keep_ranges(text: str, inside: frozenset[str]) -> str:
    if inside & _NO_SPAN:
        return text
    return _TIME_RANGE.sub(lambda match: f'<span class="pb-nowrap">{match.group(0)}</span>', text)


def typography(html: str) -> str:
    """French spacing in every text node, and time ranges kept on one line."""
    return text_nodes(html, lambda text, inside: _keep_ranges(french_spacing_text(text), inside))


# -- tables on phones -------------------------------------------------------------------------------
_TABLE = re.compile(r"<table(?P<attrs>[^>]*)>(?P<body>.*?)</table>", re.S)
_HEAD_CELL = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"(<tr[^>]*>)(.*?)(</tr>)", re.S)
_CELL = re.compile(r"<td(?P<attrs>[^>]*)>", re.S)


def _plain(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]*>", "", fragment)).split())


def _label_rows(body: str, labels: list[str]) -> Iterator[str]:
    position = 0
    for row in _ROW.finditer(body):
        yield body[position:row.start()]
        column = 0

        def label(cell: re.Match) -> str:
            nonlocal column
            index, column = column, column + 1
            if index >= len(labels) or "data-label" in cell.group("attrs"):
                return cell.group(0)
            return f'<td{cell.group("attrs")} data-label="{html_lib.escape(labels[index], quote=True)}">'

        yield row.group(1) + _CELL.sub(label, row.group(2)) + row.group(3)
        position = row.end()
    yield body[position:]


def stack_tables(html: str) -> str:
    """Mark plain data tables (a header row, no class) so a phone shows one card per row."""

    def stack(match: re.Match) -> str:
        attrs, body = match.group("attrs"), match.group("body")
        if "class=" in attrs or "data-pb-stack" in attrs or "<thead" not in body:
            return match.group(0)
        head = body[:body.find("</thead>")] if "</thead>" in body else ""
        labels = [_plain(cell) for cell in _HEAD_CELL.findall(head)]
        if len(labels) < 2:
            return match.group(0)
        return f"<table{attrs} data-pb-stack>{''.join(_label_rows(body, labels))}</table>"

    return _TABLE.sub(stack, html)


def polish(html: str, lang: Language) -> str:
    """Every page's finishing touches; the spacing of French punctuation only where the language has it."""
    if lang.typography.spaced_punctuation:
        html = typography(html)
    else:
        html = text_nodes(html, _keep_ranges)
    return stack_tables(html)


# -- glossary terms linked on first use -------------------------------------------------------------
_NOT_IN_LINKS = _VERBATIM | {"a", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "summary", "svg", "select",
                             "figcaption", "nav", "dt"}


def link_terms(html: str, terms: list[tuple[re.Pattern[str], str]], glossary_url: str) -> str:
    """The first use of each glossary term in running text linked to its definition (once per page)."""
    pending = list(terms)

    def change(text: str, inside: frozenset[str]) -> str:
        if not pending or inside & _NO_SPAN:
            return text
        found: list[tuple[int, int, str]] = []
        for pattern, anchor in pending:
            match = pattern.search(text)
            if match:
                found.append((match.start(), match.end(), anchor))
        if not found:
            return text
        found.sort()
        out, position = [], 0
        for start, end, anchor in found:
            if start < position:
                continue
            out.append(text[position:start])
            out.append(f'<a class="pb-term" href="{html_lib.escape(glossary_url, quote=True)}#{anchor}">'
                       f"{text[start:end]}</a>")
            position = end
            pending[:] = [item for item in pending if item[1] != anchor]
        out.append(text[position:])
        return "".join(out)

    return text_nodes(html, change, _NOT_IN_LINKS)


__all__ = ["french_spacing_text", "link_terms", "polish", "stack_tables", "text_nodes", "typography"]
