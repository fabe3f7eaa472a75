"""Baselines: findings a team has accepted, so only new ones fail a run.

A baseline is a report written by ``--format json`` (or its ``findings`` list). A finding
matches an entry with the same code, path and message; lines and columns are ignored so that
editing a file above a known finding does not resurface it. Each entry absorbs one finding.
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


class BaselineError(CannotRun):
    """The baseline file cannot be used: the run cannot go on (exit 2)."""

    hint = "A baseline is a report written by `--format json --output FILE`."


@dataclass(frozen=True)
class Entry:
    code: str
    path: str
    message: str
    line: int = 1
    column: int = 1


def _key(code: str, path: str, message: str) -> tuple[str, str, str]:
    return code, os.path.normpath(path).replace(os.sep, "/"), message


def load_baseline(path: str) -> tuple[Entry, ...]:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise BaselineError(f"the baseline {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"the baseline {path} cannot be read: {error}") from None
    except json.JSONDecodeError as error:
        raise BaselineError(f"the baseline {path} is not JSON ({error.msg} at line {error.lineno}, "
                            f"column {error.colno})") from None
    items = data.get("findings") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise BaselineError(f"the baseline {path} must be a report of `--format json` (with a `findings` list)")
    entries = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not all(isinstance(item.get(key), str) for key in ("code", "path", "message")):
            raise BaselineError(f"entry {index} of the baseline {path} needs `code`, `path` and `message` as text")
        line, column = item.get("line", 1), item.get("column", 1)
        entries.append(Entry(item["code"], item["path"], item["message"],
                             line if isinstance(line, int) else 1, column if isinstance(column, int) else 1))
    return tuple(entries)


def apply_baseline(findings: Iterable[Finding], entries: Iterable[Entry], registry) -> list[Finding]:
    """Drop findings the baseline expects; report each expected finding that did not occur."""
    from linter.rules.config.settings import STALE_BASELINE

    entries = list(entries)
    remaining = Counter(_key(entry.code, entry.path, entry.message) for entry in entries)
    kept = []
    for finding in findings:
        key = _key(finding.code, finding.path, finding.message)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            kept.append(finding)
    for entry in entries:
        key = _key(entry.code, entry.path, entry.message)
        if remaining[key] > 0:
            remaining[key] -= 1
            kept.append(STALE_BASELINE.at(
                Loc(entry.path, entry.line, entry.column),
                f"the baseline expects {entry.code} here, but it no longer occurs: {entry.message}",
                "Remove the entry from the baseline (or regenerate it with --format json --output FILE)."))
    return kept
