"""Find the draft files a run reads: Markdown files under the folders and the files it is given."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from linter.core.findings import Loc
from linter.core.i18n import Language
from linter.core.rule import Note, Role

DEFAULT_PATH = "drafts"


def find_drafts(paths: Sequence[str] = (), lang: Language | None = None) -> tuple[list[str], list[Note]]:
    """Draft files under ``paths`` (``**/*.md`` in folders, files as given), sorted, without repeats.

    With no paths the default ``drafts`` folder is used, and its absence just means no drafts.
    A path the user named that does not exist is noted (PB001 reports it), not a crash.
    """
    found, notes = find_drafts_by_real_path(paths, lang)
    return list(found.values()), notes


def find_drafts_by_real_path(paths: Sequence[str], lang: Language | None = None
                             ) -> tuple[dict[str, str], list[Note]]:
    """``find_drafts`` as {real path: the path as the user will see it (first spelling wins)}.

    A folder's real path is resolved once: a file in it that is not a symbolic link has the
    folder's real path followed by its name, which spares resolving every file's full path.
    """
    notes: list[Note] = []
    found: dict[str, str] = {}
    explicit = bool(paths)
    for path in paths or (DEFAULT_PATH,):
        if os.path.isdir(path):
            for root, files, links in _walk(path):
                notes.extend(_outside_links(links, lang or Language()))
                real_root = None
                for entry in files:
                    if entry.is_symlink():
                        real = os.path.realpath(entry.path)
                    else:
                        if real_root is None:
                            real_root = os.path.realpath(root)
                        real = os.path.join(real_root, entry.name)
                    found.setdefault(real, entry.path)
        elif os.path.exists(path):
            found.setdefault(os.path.realpath(path), path)
        elif explicit:
            lang = lang or Language()
            notes.append(Note(Role.MISSING_FILE, Loc(path, 1, 1), lang("the path does not exist"),
                              lang("Give a draft file or a folder of drafts (default: drafts/).")))
    return found, notes


def _outside_links(links: list[str], lang: Language) -> Iterable[Note]:
    """A note (PB012) for each link to a folder that leads out of the repository (linter.core.sandbox).

    Links to folders are never followed; one that stays inside the repository is just skipped
    (its folder is read where it is), one that leaves it is said, so nobody believes it checked.
    """
    from linter.core.sandbox import leaves_root

    for link in links:
        target = leaves_root(link)
        if target is not None:
            yield Note(Role.OUTSIDE_LINK, Loc(link, 1, 1), lang("the folder is a symbolic link to {target}, outside "
                                                                "the repository: it was not read", target=target),
                       lang("Move the drafts into the repository, or name that folder on the command line."))


def _walk(top: str) -> Iterable[tuple[str, list, list[str]]]:
    """(folder, its Markdown files as os.DirEntry by name, its links to folders) of ``top`` and its
    folders, top-down, by name.

    What ``os.walk`` gives, hidden files and folders left out, with each entry's kind read from
    the folder listing: telling a symbolic link from a file then costs no system call per file.
    Like ``os.walk``, a link to a folder is not followed and an unreadable folder is skipped.
    """
    pending = [top]
    while pending:
        root = pending.pop()
        try:
            with os.scandir(root) as listing:
                entries = sorted((entry for entry in listing if not entry.name.startswith(".")),
                                 key=lambda entry: entry.name)
        except OSError:
            continue
        files: list[os.DirEntry[str]] = []
        folders: list[str] = []
        links: list[str] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                (links if entry.is_symlink() else folders).append(entry.path)
            elif entry.name.endswith(".md"):
                files.append(entry)
        yield root, files, links
        pending.extend(reversed(folders))


