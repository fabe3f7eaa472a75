""""Did you mean" suggestions, worded the same way everywhere.

Ids, keys, rule codes and file names are all short words where a typo is the usual mistake;
one helper keeps the threshold and the wording consistent across the loader, the schema
messages, the checks, the draft rules and the CLI.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from linter.core.i18n import Language


def closest(word: object, choices: Iterable[object], cutoff: float = 0.6) -> str | None:
    """The known choice closest to ``word`` (case-insensitive as a fallback), if any is close."""
    known = [str(choice) for choice in choices]
    matches = difflib.get_close_matches(str(word), known, n=1, cutoff=cutoff)
    if not matches:
        lowered = {choice.lower(): choice for choice in known}
        matches = [lowered[match] for match in
                   difflib.get_close_matches(str(word).lower(), list(lowered), n=1, cutoff=cutoff)]
    return matches[0] if matches else None


def did_you_mean(value: object, choices: Iterable[object], where: str, lang: Language | None = None) -> str:
    """A hint naming the closest valid id, or listing a few when none is close."""
    lang = lang or Language()
    known = sorted({str(choice) for choice in choices if str(choice)})
    close = closest(value, known)
    if close:
        return lang("Did you mean '{close}'? Otherwise add '{value}' to {where}.", close=close, value=value,
                    where=where)
    if not known:
        return lang("{where} defines nothing yet: add '{value}' there.", where=where, value=value)
    shown = ", ".join(known[:8]) + (", …" if len(known) > 8 else "")
    return lang("Use one of the ids defined in {where} ({shown}), or add '{value}' there.", where=where, shown=shown,
                value=value)
