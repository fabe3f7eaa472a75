"""Baselines: findings a team has accepted, so only new ones fail a run.

A baseline is a report written by ``--format json`` (or its ``findings`` list). A finding
matches an entry with the same code, path and message; lines and columns are ignored so that
editing a file above a known finding does not resurface it. Each entry absorbs one finding.
Messages depend on the language (the report's ``language``; a report without one predates it
and is English): an entry written in another language than the run's matches by code, path and
line instead, so switching ``--lang`` keeps a baseline valid.
Entries that match nothing any more are reported (PB903), so a baseline never silently
outlives the problems it lists — with ``--strict`` a run passes only when the findings are
exactly the expected ones, which is how the sample drafts are checked.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from linter.core.errors import CannotRun
from linter.core.findings import Finding, Loc
from linter.core.i18n import N_, Language
from linter.core.registry import Registry
from linter.core.rule import Role


class BaselineError(CannotRun):
    """The baseline file cannot be used: the run cannot go on (exit 2)."""

    hint = N_("A baseline is a report written by `--format json --output FILE`.")


@dataclass(frozen=True)
class Entry:
    code: str
    path: str
    message: str
    line: int = 1
    column: int = 1
    language: str = "en"
    """The language the baseline's report was written in (English before reports recorded it)."""


def _key(code: str, path: str, message: str | int) -> tuple[str, str, str | int]:
    return code, os.path.normpath(path).replace(os.sep, "/"), message


def load_baseline(path: str, lang: Language | None = None) -> tuple[Entry, ...]:
    lang = lang or Language()
    try:
        data = json.loads(_read_regular(path, lang).decode("utf-8-sig"))
    except FileNotFoundError:
        raise BaselineError(lang("the baseline {path} does not exist", path=path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(lang("the baseline {path} cannot be read: {reason}", path=path, reason=error)) from None
    except json.JSONDecodeError as error:
        raise BaselineError(lang("the baseline {path} is not JSON ({reason} at line {line}, column {column})",
                                 path=path, reason=error.msg, line=error.lineno, column=error.colno)) from None
    except RecursionError:  # 100,000 nested `[`: no report is shaped like that
        raise BaselineError(lang("the baseline {path} is nested too deeply to be a report", path=path)) from None
    items = data.get("findings") if isinstance(data, dict) else data
    language = data.get("language") if isinstance(data, dict) else None
    language = language if isinstance(language, str) and language else "en"
    if not isinstance(items, list):
        raise BaselineError(lang("the baseline {path} must be a report of `--format json` (with a `findings` list)",
                                 path=path))
    entries = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not all(isinstance(item.get(key), str) for key in ("code", "path", "message")):
            raise BaselineError(lang("entry {index} of the baseline {path} needs `code`, `path` and `message` as text",
                                     index=index, path=path))
        entries.append(Entry(item["code"], item["path"], item["message"],
                             _position(item.get("line")), _position(item.get("column")), language))
    return tuple(entries)


def _read_regular(path: str, lang: Language) -> bytes:
    """The bytes of the baseline, which must be a regular file: a named pipe would block the run forever.

    It is checked with ``stat`` before it is opened, and opened non-blocking in case it was swapped since.
    """
    import stat

    if not stat.S_ISREG(os.stat(path).st_mode):
        raise BaselineError(lang("the baseline {path} is not a regular file (a folder, a named pipe?): "
                                 "it was not opened", path=path))
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise BaselineError(lang("the baseline {path} is not a regular file (a folder, a named pipe?): "
                                     "it was not opened", path=path))
        return handle.read()


def _position(value: object) -> int:
    """An entry's line or column: a whole number of at least 1, else 1 (a hand-edited baseline must not
    put negative columns in every report)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else 1


def apply_baseline(findings: Iterable[Finding], entries: Iterable[Entry], registry: Registry,
                   lang: Language | None = None) -> list[Finding]:
    """Drop findings the baseline expects; report each expected finding that did not occur.

    Entries in the run's language match by message, the others by line (see the module's doc).
    """
    stale = registry.for_role(Role.STALE_BASELINE)
    lang = lang or Language()
    entries = list(entries)

    def entry_key(entry: Entry) -> tuple[str, str, str | int]:
        return _key(entry.code, entry.path, entry.message if entry.language == lang.code else entry.line)

    remaining = Counter(entry_key(entry) for entry in entries)
    by_line = any(entry.language != lang.code for entry in entries)
    kept = []
    for finding in findings:
        key = _key(finding.code, finding.path, finding.message)
        line_key = _key(finding.code, finding.path, finding.line)
        if remaining[key] > 0:
            remaining[key] -= 1
        elif by_line and remaining[line_key] > 0:
            remaining[line_key] -= 1
        else:
            kept.append(finding)
    for entry in entries:
        key = entry_key(entry)
        if remaining[key] > 0:
            remaining[key] -= 1
            if stale is None:
                continue
            kept.append(stale.at(
                Loc(entry.path, entry.line, entry.column),
                lang("the baseline expects {code} here, but it no longer occurs: {message}",
                     code=entry.code, message=entry.message),
                lang("Remove the entry from the baseline (or regenerate it with --format json --output FILE).")))
    return kept
