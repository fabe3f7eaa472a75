"""Escaping and French formatting shared by every page renderer.

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

# Characters with a meaning in Markdown or HTML wherever they appear in a line. `&` first: it
# is also what the replacements start with.
_ALWAYS = "&<>\\`*_{}[]|!~^=$#\""
_TABLE = {ord(char): f"&#{ord(char)};" for char in _ALWAYS}
_ATTR_TABLE = {**_TABLE, ord("'"): "&#39;"}
# At the start of a line these start a list, a quote, a heading, a definition, a rule.
_LINE_START = re.compile(r"^(\s*)([-+:>#]|\d+[.)])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
    """A value on one line of Markdown: whitespace (newlines too) collapsed, all syntax inert."""
    return _escape_line(" ".join(_clean(text).split()))


def block(text: object) -> str:
    """A long value as Markdown paragraphs: blank lines separate paragraphs, nothing else counts."""
    paragraphs = re.split(r"\n\s*\n", _clean(text).strip())
    return "\n\n".join(inline(paragraph) for paragraph in paragraphs if paragraph.strip())


def attr(text: object) -> str:
    """A value inside a double-quoted HTML attribute, also safe from Markdown."""
    return " ".join(_clean(text).split()).translate(_ATTR_TABLE)


def html_text(text: object) -> str:
    """A value inside raw HTML or SVG that Markdown leaves alone."""
    return html.escape(" ".join(_clean(text).split()), quote=True)


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


# -- French formatting ----------------------------------------------------------------------
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
DAY_SHORT = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
NARROW_NBSP = "\u202f"


def fr_date(day: dt.date | None) -> str:
    if day is None:
        return "—"
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def fr_datetime(moment: dt.datetime | None) -> str:
    if moment is None:
        return "—"
    return f"{fr_date(moment.date())} à {moment.hour:02d}:{moment.minute:02d}"


def fr_month(year: int, month: int) -> str:
    return f"{MONTHS[month - 1].capitalize()} {year}"


def fr_number(value: float | int | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = f"{value:,}".replace(",", NARROW_NBSP)
    else:
        whole, _, frac = f"{value:,.6f}".rstrip("0").partition(".")
        text = whole.replace(",", NARROW_NBSP) + ("," + frac if frac else "")
    return text.replace("-", "−") if text.startswith("-") else text


def fr_duration(minutes: int | None) -> str:
    if minutes is None:
        return "—"
    if minutes and minutes % (24 * 60) == 0:
        days = minutes // (24 * 60)
        return f"{days} jour{'s' if days > 1 else ''}"
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest:02d}"
    if hours:
        return f"{hours} h"
    return f"{rest} min"


def clock(minute_of_day: int) -> str:
    return f"{minute_of_day // 60:02d}:{minute_of_day % 60:02d}"


def fr_list(items: list[str]) -> str:
    """``a, b et c`` (items already escaped)."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count <= 1 else (plural_form or singular + 's')}"


def fact(name: str, value: str) -> str:
    """A ``- **Nom :** valeur`` list item (``name`` is ours, ``value`` already escaped)."""
    return f"- **{name}\u00a0:** {value}"
