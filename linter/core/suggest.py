""""Did you mean" suggestions, worded the same way everywhere.

Ids, keys, rule codes and file names are all short words where a typo is the usual mistake;
one helper keeps the threshold and the wording consistent across the loader, the schema
messages, the checks, the draft rules and the CLI.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: object, choices: Iterable[object], cutoff: float = 0.6) -> str | None:
    """The known choice closest to ``word`` (case-insensitive as a fallback), if any is close."""
    known = [str(choice) for choice in choices]
    matches = difflib.get_close_matches(str(word), known, n=1, cutoff=cutoff)
    if not matches:
        lowered = {choice.lower(): choice for choice in known}
        matches = [lowered[match] for match in
                   difflib.get_close_matches(str(word).lower(), list(lowered), n=1, cutoff=cutoff)]
    return matches[0] if matches else None


def did_you_mean(value: object, choices: Iterable[object], where: str) -> str:
    """A hint naming the closest valid id, or listing a few when none is close."""
    known = sorted({str(choice) for choice in choices if str(choice)})
    close = closest(value, known)
    if close:
        return f"Did you mean '{close}'? Otherwise add '{value}' to {where}."
    if not known:
        return f"{where} defines nothing yet: add '{value}' there."
    shown = ", ".join(known[:8]) + (", …" if len(known) > 8 else "")
    return f"Use one of the ids defined in {where} ({shown}), or add '{value}' there."
