"""Escaping, and the dates, numbers and durations of the site's language, shared by every page renderer.

Everything that comes from the playbook's YAML is *text*: a value such as ``<script>`` or
``*gras*`` must appear on the page exactly as written, never as markup. The pages are Markdown
that MkDocs renders with Python-Markdown and a few extensions (attr_list, tables, task lists,
admonitions), so a value has to survive two interpreters: Markdown and HTML. The helpers here
turn every character with a meaning in either into a numeric HTML entity, which both leave
alone and the browser shows as the character itself. Renderers never put a YAML value on a
page without going through one of them:

- ``inline(text)``: a value inside a line of Markdown (a heading, a list item, a table cell);
- ``block(text)``: a multi-paragraph value (a description);
- ``attr(text)``: a value inside an HTML attribute (``title="..."``, ``href="..."``);
- ``html_text(text)``: a value inside raw HTML that Markdown does not touch (SVG, banner);
- ``code_block(text)``: a value shown verbatim in a fenced code block (copyable statements).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata

from linter.core.i18n import Language, _babel_locale

# Characters with a meaning in Markdown or HTML wherever they appear in a line. `&` first: it
# is also what the replacements start with.
_ALWAYS = "&<>\\`*_{}[]|!~^=$#\""
_TABLE = {ord(char): f"&#{ord(char)};" for char in _ALWAYS}
_ATTR_TABLE = {**_TABLE, ord("'"): "&#39;"}
# At the start of a line these start a list, a quote, a heading, a definition, a rule.
_LINE_START = re.compile(r"^(\s*)([-+:>#]|\d+[.)])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BREAKABLE_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def _clean(text: object) -> str:
    return _CONTROL.sub("", "" if text is None else str(text))


def _escape_line(line: str) -> str:
    line = line.translate(_TABLE)
    match = _LINE_START.match(line)
    if match:
        lead, marker = match.group(1), match.group(2)
        head = marker[:-1] + f"&#{ord(marker[-1])};"
        line = head + line[len(lead) + len(marker):]
    return line


def inline(text: object) -> str:
    """A value on one line of Markdown: whitespace (newlines too) collapsed, all syntax inert.

    No-break spaces are kept: ``14 h 30`` and ``lun. 9 h`` must not break on a phone.
    """
    return _escape_line(" ".join(_BREAKABLE_SPACES.split(_clean(text))).strip())


def block(text: object) -> str:
    """A long value as Markdown paragraphs: blank lines separate paragraphs, nothing else counts."""
    paragraphs = re.split(r"\n\s*\n", _clean(text).strip())
    return "\n\n".join(inline(paragraph) for paragraph in paragraphs if paragraph.strip())


def attr(text: object) -> str:
    """A value inside a double-quoted HTML attribute, also safe from Markdown."""
    return " ".join(_clean(text).split()).translate(_ATTR_TABLE)


def html_text(text: object) -> str:
    """A value inside raw HTML or SVG that Markdown leaves alone (no-break spaces kept, as in ``inline``)."""
    return html.escape(" ".join(_BREAKABLE_SPACES.split(_clean(text))).strip(), quote=True)


def code_block(text: object, lang: str = "text", indent: str = "", title: str | None = None,
               classes: tuple[str, ...] = ()) -> str:
    """A fenced code block showing ``text`` verbatim (the fence is longer than any run inside)."""
    body = _clean(text).replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    options = [f".{lang}"] + [f".{name}" for name in classes]
    if title:
        options.append(f'title="{attr(title)}"')
    lines = [f"{fence} {{ {' '.join(options)} }}", *body.split("\n"), fence]
    return "\n".join(f"{indent}{line}" if line else "" for line in lines)


def rich_inline(text: object) -> str:
    """Trusted documentation text (rule docs, schema descriptions): only `code` spans kept."""
    parts = re.split(r"(`[^`\n]+`)", " ".join(_clean(text).split()))
    out = []
    for index, part in enumerate(parts):
        if part.startswith("`") and part.endswith("`") and len(part) > 2:
            out.append(f"<code>{part[1:-1].translate(_TABLE)}</code>")
        else:
            out.append(_escape_line(part) if index == 0 else part.translate(_TABLE))
    return "".join(out)


def rich_block(text: object) -> str:
    paragraphs = re.split(r"\n\s*\n", _clean(text).strip())
    return "\n\n".join(rich_inline(paragraph) for paragraph in paragraphs if paragraph.strip())


def slug(text: object) -> str:
    """An ASCII anchor id (``"Viralité !"`` -> ``"viralite"``)."""
    folded = unicodedata.normalize("NFKD", _clean(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


def is_web_url(value: object) -> bool:
    return isinstance(value, str) and re.match(r"^https?://[^\s<>\"']+$", value.strip()) is not None


def link(url: object, label: object) -> str:
    """An external link when ``url`` is a plain http(s) address, else the label as text."""
    if is_web_url(url):
        return f'<a href="{attr(str(url).strip())}">{inline(label)}</a>'
    return inline(label)


def mail_link(email: object) -> str:
    value = _clean(email).strip()
    if re.fullmatch(r"[^@\s<>\"'&]+@[^@\s<>\"'&]+", value):
        return f'<a href="mailto:{attr(value)}">{inline(value)}</a>'
    return inline(value)


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped (they are Markdown)."""
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(cell if cell.strip() else " " for cell in cells) + " |"

    lines = [row(headers), "|" + "|".join("---" for _ in headers) + "|"]
    lines.extend(row(cells) for cells in rows)
    return "\n".join(lines)


def indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.split("\n"))


def admonition(kind: str, title: str, body: str, collapsible: bool = False) -> str:
    """``!!! kind "title"`` (``???`` when collapsible); ``title`` is escaped, ``body`` is Markdown."""
    marker = "???" if collapsible else "!!!"
    return f'{marker} {kind} "{attr(title)}"\n\n{indent(body)}\n'


# -- dates, numbers and durations in the site's language ----------------------------------------
NARROW_NBSP = "\u202f"


def show_date(lang: Language, day: dt.date | None) -> str:
    """``18 mars 2027``, ``March 18, 2027``; a dash when there is no date."""
    return "—" if day is None else lang.date(day)


def show_datetime(lang: Language, moment: dt.datetime | None) -> str:
    if moment is None:
        return "—"
    return lang("{date} at {time}", date=lang.date(moment.date()), time=lang.clock(moment.hour * 60 + moment.minute))


def show_month(lang: Language, year: int, month: int) -> str:
    """``Mars 2027``, ``March 2027``: a month heading."""
    from babel.dates import format_skeleton

    text = str(format_skeleton("yMMMM", dt.date(year, month, 1), locale=_babel_locale(lang.code)))
    return text[:1].upper() + text[1:]


def show_number(lang: Language, value: float | int | None) -> str:
    """``1 200``, ``4,6`` in French; ``1,200``, ``4.6`` in English; a true minus sign."""
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = lang.number(value)
    return "−" + text[1:] if text.startswith("-") else text


def show_duration(lang: Language, minutes: int | None) -> str:
    """``2 jours``, ``1 h 30``, ``30 min``: how long, not a time of day."""
    if minutes is None:
        return "—"
    if minutes and minutes % (24 * 60) == 0:
        return lang.plural("{count} day", "{count} days", minutes // (24 * 60))
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return lang("{hours} h {minutes} min", hours=hours, minutes=str(rest).zfill(2))
    if hours:
        return lang("{hours} h", hours=hours)
    return lang("{minutes} min", minutes=rest)


def clock_range(lang: Language, start: int, end: int) -> str:
    """``9 h–18 h``, ``09:00–18:00``: two times of day (minutes since midnight) joined by an unspaced en dash.

    The en dash without spaces is the house's range (``lun.–ven.``, PB210's ``{start}–{end}``); the
    site's finishing touches keep the whole range on one line.
    """
    return f"{lang.clock(start)}–{lang.clock(end)}"


def show_list(lang: Language, items: list[str]) -> str:
    """``a, b et c``, ``a, b and c`` (items already escaped)."""
    return lang.and_list(item for item in items if item)


def fact(lang: Language, name: str, value: str) -> str:
    """A ``- **Nom :** valeur`` list item (``name`` is ours, ``value`` already escaped)."""
    return lang("- **{name}:** {value}", name=name, value=value)
