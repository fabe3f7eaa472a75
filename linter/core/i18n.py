"""The tool speaks the playbook's language: gettext catalogs, Babel's dates, numbers and plurals.

Every text a user reads is written once in the code, in English (the message id), and
translated by a catalog per language: ``linter/locale/<lang>/LC_MESSAGES/playbook.po``.
Catalogs are compiled to ``.mo`` when the wheel is built (``hatch_build.py``); a source tree
without compiled catalogs reads the ``.po`` files directly, so a checkout works as it is.

Which language: ``--lang``, else the ``PLAYBOOK_LANG`` environment variable (for CI), else
the playbook's ``organisation.language``, else French. Rule codes never depend on it.

Adding a language takes a catalog (``pybabel init``, see docs/guides/architecture.md) and a
line in ``TYPOGRAPHY``: nothing else in the code names a language.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DOMAIN = "playbook"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT_LANGUAGE = "fr"
ENVIRONMENT_VARIABLE = "PLAYBOOK_LANG"


@dataclass(frozen=True)
class Typography:
    """What a language's typography puts around punctuation, used by the messages' quotes."""

    open_quote: str
    close_quote: str


NNBSP = "\u202f"  # narrow no-break space: before ; : ! ? and inside « » in French
TYPOGRAPHY: Mapping[str, Typography] = {
    "fr": Typography("«" + NNBSP, NNBSP + "»"),
    "en": Typography("“", "”"),
}


def available() -> tuple[str, ...]:
    """The languages with a catalog (English needs none: its texts are the message ids)."""
    found = {"en"}
    if LOCALE_DIR.is_dir():
        found.update(path.name for path in LOCALE_DIR.iterdir() if (path / "LC_MESSAGES").is_dir())
    return tuple(sorted(found))


def choose(option: str | None, playbook_language: str | None) -> str:
    """``--lang``, else PLAYBOOK_LANG, else the playbook's language, else French; unknown -> English."""
    for wanted in (option, os.environ.get(ENVIRONMENT_VARIABLE), playbook_language):
        if wanted:
            code = wanted.strip().lower().replace("_", "-").split("-")[0]
            return code if code in available() else "en"
    return DEFAULT_LANGUAGE


@functools.lru_cache(maxsize=8)
def _catalog(code: str) -> gettext.NullTranslations:
    """The compiled catalog of a language, or its .po read directly (a source tree)."""
    folder = LOCALE_DIR / code / "LC_MESSAGES"
    compiled, source = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if compiled.is_file() and (not source.is_file() or compiled.stat().st_mtime >= source.stat().st_mtime):
        with open(compiled, "rb") as handle:
            return gettext.GNUTranslations(handle)
    if source.is_file():
        return _from_po(source)
    return gettext.NullTranslations()


def _from_po(path: Path) -> gettext.NullTranslations:
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(path, "rb") as handle:
        catalog = read_po(handle)
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

    @property
    def _translations(self) -> gettext.NullTranslations:
        return _catalog(self.code)

    def __call__(self, message: str, /, **values: object) -> str:
        """The translation of ``message`` with ``{name}`` placeholders filled in."""
        text = self._translations.gettext(message)
        return text.format(**values) if values else text

    def plural(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The form for ``count`` (``{count}`` is available in both forms)."""
        text = self._translations.ngettext(singular, plural, count)
        return text.format(count=self.number(count), **values)

    def quote(self, text: object) -> str:
        marks = TYPOGRAPHY.get(self.code, TYPOGRAPHY["en"])
        return f"{marks.open_quote}{text}{marks.close_quote}"

    def number(self, value: float | int) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self._locale)

    def date(self, value: dt.date, format: str = "long") -> str:
        from babel.dates import format_date

        return format_date(value, format=format, locale=self._locale)

    def time(self, value: dt.time | dt.datetime) -> str:
        """``14 h 30`` in French, ``2:30 PM`` in English."""
        if self.code == "fr":
            return f"{value.hour}{NNBSP}h{NNBSP}{value.minute:02d}" if value.minute else f"{value.hour}{NNBSP}h"
        from babel.dates import format_time

        return format_time(value, format="short", locale=self._locale)

    @property
    def _locale(self) -> str:
        return self.code.replace("-", "_")


ENGLISH = Language("en")
FRENCH = Language("fr")


def N_(message: str) -> str:
    """Mark a text for extraction where it is translated later (a table of labels)."""
    return message
