"""The tool speaks the playbook's language: gettext catalogs, Babel's dates, numbers and plurals.

Every text a user reads is written once in the code, in English (the message id), and
translated by a catalog per language: ``linter/locale/<lang>/LC_MESSAGES/playbook.po``.
Catalogs are compiled to ``.mo`` when the wheel is built (``hatch_build.py``) and by ``make`` in a
checkout (git-ignored); a source tree without compiled catalogs, or with a ``.po`` newer than its
``.mo``, reads the ``.po`` files directly (a fifth of a second more), so a checkout works as it is.

Which language: ``--lang``, else the ``PLAYBOOK_LANG`` environment variable (for CI), else
the playbook's ``organisation.language``, else French. Rule codes never depend on it.

Adding a language takes a catalog (see docs/guides/architecture.md) and a line in
``TYPOGRAPHY``: nothing else in the code names a language. The ``PLAYBOOK_LOCALE_DIR``
environment variable points the tool at another catalog folder (a translator's work in
progress, the tests' pseudo-language).
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

DOMAIN = "playbook"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT_LANGUAGE = "fr"
ENVIRONMENT_VARIABLE = "PLAYBOOK_LANG"
LOCALE_VARIABLE = "PLAYBOOK_LOCALE_DIR"


def locale_dir() -> Path:
    """The catalogs' folder: the package's own, unless PLAYBOOK_LOCALE_DIR names another."""
    override = os.environ.get(LOCALE_VARIABLE)
    return Path(override) if override else LOCALE_DIR


@dataclass(frozen=True)
class Typography:
    """What a language's typography puts around punctuation and in a time of day."""

    open_quote: str
    close_quote: str
    clock: str = "{hour:02d}:{minute:02d}"
    """A time of day, from ``hour`` and ``minute`` (the playbook's own HH:MM by default)."""
    clock_on_the_hour: str = "{hour:02d}:00"
    """A time of day when ``minute`` is 0."""
    first_of_month: str = ""
    """How a date writes the first day of a month when it is not just ``1`` (``1er`` in French)."""
    spaced_punctuation: bool = False
    """A narrow no-break space before ``; : ! ?`` and inside quotes (French): the site's pages get it everywhere."""


NNBSP = "\u202f"  # narrow no-break space: before ; : ! ? and inside « » in French
TYPOGRAPHY: Mapping[str, Typography] = {
    "fr": Typography("«" + NNBSP, NNBSP + "»", "{hour}" + NNBSP + "h" + NNBSP + "{minute:02d}", "{hour}" + NNBSP + "h",
                     "1er", spaced_punctuation=True),
    "en": Typography("“", "”"),
}


def available() -> tuple[str, ...]:
    """The languages with a catalog (English needs none: its texts are the message ids)."""
    found = {"en"}
    folder = locale_dir()
    if folder.is_dir():
        found.update(path.name for path in folder.iterdir() if (path / "LC_MESSAGES").is_dir())
    return tuple(sorted(found))


def choose(option: str | None, playbook_language: str | None) -> str:
    """``--lang``, else PLAYBOOK_LANG, else the playbook's language, else French; unknown -> English."""
    for wanted in (option, os.environ.get(ENVIRONMENT_VARIABLE), playbook_language):
        if wanted:
            code = wanted.strip().lower().replace("_", "-").split("-")[0]
            return code if code in available() else "en"
    return DEFAULT_LANGUAGE


@functools.lru_cache(maxsize=8)
def _catalog(code: str, root: Path) -> gettext.NullTranslations:
    """The compiled catalog of a language, or its .po read directly (a source tree)."""
    folder = root / code / "LC_MESSAGES"
    compiled, source = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if compiled.is_file() and (not source.is_file() or compiled.stat().st_mtime >= source.stat().st_mtime):
        with open(compiled, "rb") as handle:
            return gettext.GNUTranslations(handle)
    if source.is_file():
        return _from_po(source, code)
    return gettext.NullTranslations()


def _from_po(path: Path, code: str) -> gettext.NullTranslations:
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=_babel_locale(code))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@dataclass(frozen=True)
class Language:
    """One language: its translations, its typography, its dates and numbers.

    Frozen and made of a code only, so it pickles to worker processes for nothing; the catalog
    is loaded once per process on first use.
    """

    code: str = DEFAULT_LANGUAGE

    @functools.cached_property
    def _translations(self) -> gettext.NullTranslations:
        """Looked up once per instance: a report translates thousands of messages, and finding the
        catalog (the environment, a path, the cache keyed by it) cost more than translating."""
        return _catalog(self.code, locale_dir())

    def __reduce__(self) -> tuple[type[Language], tuple[str]]:
        """Pickled as its code alone: the catalog kept by ``_translations`` stays in this process."""
        return Language, (self.code,)

    def ready(self) -> Language:
        """Load the catalog now: a process about to fork its workers loads it once for them all."""
        self._translations.gettext("")
        return self

    def __call__(self, message: str, /, **values: object) -> str:
        """The translation of ``message`` with ``{name}`` placeholders filled in."""
        text = self._translations.gettext(message) if message else message
        return text.format(**values) if values else text

    def plural(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The form for ``count`` (``{count}`` is available in both forms, unless ``values`` gives it)."""
        text = self._translations.ngettext(singular, plural, count)
        values.setdefault("count", self.number(count))
        return text.format(**values)

    def ngettext(self, singular: str, plural: str, count: int, /) -> str:
        """The form for ``count``, placeholders left as they are: for a library that fills in its own (click)."""
        return self._translations.ngettext(singular, plural, count)

    @property
    def typography(self) -> Typography:
        return TYPOGRAPHY.get(self.code, TYPOGRAPHY["en"])

    def quote(self, text: object) -> str:
        marks = self.typography
        return f"{marks.open_quote}{text}{marks.close_quote}"

    def quoted(self, value: object) -> str:
        """An id or a value quoted inside a finding's message: ``'facebook'``, ``« facebook »``."""
        return self(N_("'{value}'")).format(value=value)

    def clock(self, minute_of_day: int) -> str:
        """A time of day given in minutes since midnight (24:00 included): ``14 h 30``, ``14:30``."""
        hour, minute = divmod(minute_of_day, 60)
        pattern = self.typography.clock if minute else self.typography.clock_on_the_hour
        return pattern.format(hour=hour, minute=minute)

    def and_list(self, items: Iterable[object]) -> str:
        """``a, b and c`` (``a, b et c``): the last two joined by the language's word."""
        return self._joined(list(items), self(N_("{items} and {last}")))

    def or_list(self, items: Iterable[object]) -> str:
        """``a, b or c`` (``a, b ou c``)."""
        return self._joined(list(items), self(N_("{items} or {last}")))

    def _joined(self, items: list[object], pattern: str) -> str:
        if len(items) <= 1:
            return "".join(str(item) for item in items)
        return pattern.format(items=", ".join(str(item) for item in items[:-1]), last=items[-1])

    def weekday(self, index: int, width: Literal["abbreviated", "wide"] = "wide") -> str:
        """The name of a weekday (0 is Monday): ``lundi``/``Monday``, ``lun.``/``Mon`` when abbreviated."""
        from babel.dates import get_day_names

        return str(get_day_names(width, locale=self._locale)[index])

    def number(self, value: float | int) -> str:
        if type(value) is int and value >= 0:  # counts and lengths: most numbers a report writes
            separator = _thousands(self._locale)
            if separator is not None:
                return f"{value:,}".replace(",", separator)
        return _number(self._locale, value)

    def date(self, value: dt.date, format: str = "long") -> str:
        """``18 mars 2027``, ``March 18, 2027`` (``1er juin 2027``: the language's first of the month)."""
        from babel.dates import format_date

        text = str(format_date(value, format=format, locale=self._locale))
        first = self.typography.first_of_month
        if value.day == 1 and first and format in ("long", "full"):
            import re

            text = re.sub(r"(?<!\d)1(?!\d)", first, text, count=1)
        return text

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """``4–10 janv. 2027``, ``Jan 4 – 10, 2027``: two dates, what they share written once."""
        from babel.dates import format_interval

        return str(format_interval(start, end, "yMMMMd", locale=self._locale))

    def time(self, value: dt.time | dt.datetime) -> str:
        """``14 h 30`` in French, ``2:30 PM`` in English."""
        if self.code == "fr":
            return f"{value.hour}{NNBSP}h{NNBSP}{value.minute:02d}" if value.minute else f"{value.hour}{NNBSP}h"
        from babel.dates import format_time

        return format_time(value, format="short", locale=self._locale)

    @property
    def _locale(self) -> str:
        return _babel_locale(self.code)


@functools.lru_cache(maxsize=8)
def _babel_locale(code: str) -> str:
    """Babel's name for a language; a language Babel does not know writes numbers and dates as English."""
    from babel import Locale, UnknownLocaleError

    name = code.replace("-", "_")
    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return "en"
    return name


@functools.lru_cache(maxsize=8)
def _thousands(locale: str) -> str | None:
    """The separator Babel puts between each group of three digits of a whole number in ``locale``,
    or None when its whole numbers are not written that way (groups of two, no group under 10,000…).

    Why: a finding-heavy report writes thousands of different lengths ("the post is 3,412
    characters"), each a miss of ``_number``'s cache costing Babel 60 to 80 µs; a whole number
    grouped by three is Python's own ``{:,}`` with the locale's separator. Found by asking Babel
    itself, and used only if Babel writes every probe that very way."""
    from babel.numbers import format_decimal

    text = format_decimal(1234567890, locale=locale)
    separator = text[1:text.find("2")] if text.startswith("1") and "2" in text else None
    probes = (0, 7, 999, 1000, 10_000, 1_234_567_890)
    if separator is None or any(format_decimal(probe, locale=locale) != f"{probe:,}".replace(",", separator)
                                for probe in probes):
        return None
    return separator


@functools.lru_cache(maxsize=1024, typed=True)
def _number(locale: str, value: float | int) -> str:
    """Babel's ``format_decimal``, kept per value: a report writes the same few numbers (a channel's
    limits, counts) thousands of times, and Babel takes longer to write one than a rule to find it."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale)


ENGLISH = Language("en")
FRENCH = Language("fr")


def N_(message: str) -> str:
    """Mark a text for extraction where it is translated later (a table of labels)."""
    return message
