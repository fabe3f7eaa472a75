"""« Mis à jour le … » and the playbook's version, from git where the files are committed.

A reader holding a printed crisis card, or a page on a phone, must be able to tell whether it
is current: each page says when its sources last changed, and every page (and the card) says
which version of the playbook it shows. Dates come from git (the last commit touching the
file); a file that is not in git, or has changes not yet committed, counts as changed on the
build date (the plugin's pinned ``today`` when set, so a test build is reproducible).

Two ``git`` calls per build, whatever the number of pages; no git, no repository or a git
error all mean "use the build date", never a failed build.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from linter.core.i18n import Language
from linter.site.markup import show_date
from linter.site.pages import common

# The playbook files each generated page is made from (the reference pages come from the code).
SOURCES: Mapping[str, tuple[str, ...]] = {
    common.OBJECTIVES: ("objectives", "organisation"),
    common.AUDIENCES: ("audiences", "channels"),
    common.CHANNELS: ("channels", "organisation"),
    common.ROLES: ("roles",),
    common.COVERAGE: ("roles", "channels", "organisation"),
    common.TONE: ("tone",),
    common.CHARTER: ("usage-charter",),
    common.CRISIS: ("crisis", "roles", "organisation"),
    common.CALENDAR: ("calendar", "channels"),
}


@dataclass(frozen=True)
class Revision:
    """When a set of files last changed, and the commit that changed them (None outside git)."""

    date: dt.date
    commit: str | None = None
    modified: bool = False  # changes not yet committed: dated on the build

    def version(self, lang: Language) -> str:
        """``version du 3 décembre 2026 (1b81293)``: what the footer and the crisis card print."""
        day = show_date(lang, self.date)
        if self.commit is None:
            return lang("version of {date}", date=day)
        if self.modified:
            return lang("version of {date} (changed since {commit})", date=day, commit=self.commit)
        return lang("version of {date} ({commit})", date=day, commit=self.commit)


def _git(args: list[str], cwd: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=30,
                                encoding="utf-8", errors="replace")
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


@dataclass(frozen=True)
class History:
    """Last commit date and hash of each committed file, and the files with uncommitted changes."""

    commits: Mapping[str, tuple[dt.date, str]]  # absolute real path -> (date, short hash)
    modified: frozenset[str]
    today: dt.date

    def revision(self, paths: Iterable[str]) -> Revision:
        """The latest change among ``paths`` (files or folders, absolute): the newest commit touching
        them, or the build date when one of them is not committed as it is."""
        dates: list[tuple[dt.date, str]] = []
        changed = False
        for path in paths:
            real = os.path.realpath(path)
            prefix = real.rstrip(os.sep) + os.sep
            found = [entry for file, entry in self.commits.items() if file == real or file.startswith(prefix)]
            dates.extend(found)
            if any(file == real or file.startswith(prefix) for file in self.modified):
                changed = True
            elif not found and os.path.exists(real):
                changed = True  # outside git, or never committed
        if not dates:
            return Revision(self.today)
        day, commit = max(dates)
        if changed:
            return Revision(max(day, self.today), commit, modified=True)
        return Revision(day, commit)


def read_history(paths: Iterable[str], today: dt.date) -> History:
    """One ``git log`` and one ``git status`` over ``paths`` (absolute folders of one repository)."""
    folders = [os.path.realpath(path) for path in paths if os.path.isdir(path)]
    empty = History({}, frozenset(), today)
    if not folders:
        return empty
    top = _git(["rev-parse", "--show-toplevel"], folders[0])
    if top is None:
        return empty
    root = os.path.realpath(top.strip())
    inside = [folder for folder in folders if folder == root or folder.startswith(root + os.sep)]
    if not inside:
        return empty
    log = _git(["log", "--format=%x00%h %cs", "--name-only", "--no-renames", "--", *inside], root)
    status = _git(["status", "--porcelain", "-z", "--untracked-files=all", "--", *inside], root)
    commits: dict[str, tuple[dt.date, str]] = {}
    for entry in (log or "").split("\x00")[1:]:
        head, _, names = entry.partition("\n")
        commit, _, day = head.strip().partition(" ")
        try:
            date = dt.date.fromisoformat(day)
        except ValueError:
            continue
        for name in names.splitlines():
            if name.strip():
                commits.setdefault(os.path.join(root, name.strip()), (date, commit))
    modified = set()
    for item in (status or "").split("\x00"):
        if len(item) > 3:
            modified.add(os.path.join(root, item[3:]))
    return History(commits, frozenset(modified), today)


def page_sources(src_uri: str, playbook_root: str, docs_dir: str) -> list[str]:
    """The files a page is made from: its playbook files when generated, else its Markdown file."""
    concerns = SOURCES.get(src_uri)
    if concerns is not None:
        return [os.path.join(playbook_root, f"{concern}{ext}") for concern in concerns for ext in (".yml", ".yaml")
                if os.path.exists(os.path.join(playbook_root, f"{concern}{ext}"))]
    return [os.path.join(docs_dir, src_uri)]


__all__ = ["SOURCES", "History", "Revision", "page_sources", "read_history"]
