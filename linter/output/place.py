"""Where a run happened: the one path rule every CI format follows, and where rule help lives.

GitHub (annotations, code scanning) and GitLab (Code Quality) attach a finding to a file
only by its path from the repository root, whatever folder the command ran in. So SARIF,
github and gitlab write paths relative to the root of the git repository holding the current
folder (else the current folder itself), with ``/`` separators; a file outside that root keeps
the path as given (SARIF: an absolute ``file:`` URI). Text, JSON and JUnit keep the paths as
the user gave them, so they still match the command line and the baseline files.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from linter.core.sandbox import repository_root


@dataclass(frozen=True)
class Place:
    """The folder the command ran in, its repository root, and the site's address if known."""

    cwd: str
    root: str
    site_url: str | None = None
    environ: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)
    page_suffix: str = "/"
    """How the site names a page: ``regles/`` with MkDocs' directory URLs, ``regles.html`` when
    mkdocs.yml turns them off or uses the offline plugin (which turns them off)."""

    @staticmethod
    def here(cwd: str = ".", environ: Mapping[str, str] | None = None) -> Place:
        """The place of a run in ``cwd``; reads the site's URL from the settings (see site_url)."""
        from linter.core.settings import site_url

        root = repository_root(cwd)
        return Place(os.path.realpath(cwd), root, site_url(cwd, root), dict(os.environ if environ is None else environ),
                     _page_suffix(root))

    def repo_path(self, path: str) -> str | None:
        """``path`` (as a finding carries it) from the repository root with ``/``, or None when outside it."""
        full = os.path.realpath(os.path.join(self.cwd, path))
        relative = os.path.relpath(full, self.root)
        if relative == os.curdir:
            return "."
        if relative == os.pardir or relative.startswith(os.pardir + os.sep) or os.path.isabs(relative):
            return None
        return relative.replace(os.sep, "/")

    def shown_path(self, path: str) -> str:
        """The path CI formats write: from the repository root, else as given."""
        inside = self.repo_path(path)
        return inside if inside is not None else path.replace(os.sep, "/")

    def absolute(self, path: str) -> str:
        return os.path.realpath(os.path.join(self.cwd, path))

    def help_url(self, code: str) -> str | None:
        """The rule's entry on the published site's rule reference, when the site's URL is known."""
        if not self.site_url:
            return None
        return f"{self.site_url.rstrip('/')}/reference/regles{self.page_suffix}#{code.lower()}"


_FLAT_URLS = re.compile(r"^use_directory_urls:[ \t]*(false|no|off)\b"  # pages as files
                        r"|^[ \t]+-[ \t]*offline\b|^[ \t]+offline:", re.M | re.I)  # the offline plugin turns them off


def _page_suffix(root: str) -> str:
    """``.html`` when the repository's mkdocs.yml builds pages as files, else ``/`` (MkDocs' default).

    Read as lines, like linter.core.settings reads ``site_url``: mkdocs.yml holds tags a plain
    YAML reader refuses.
    """
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        try:
            with open(os.path.join(root, name), encoding="utf-8") as handle:
                text = handle.read(1024 * 1024)
        except (OSError, UnicodeDecodeError):
            continue
        return ".html" if _FLAT_URLS.search(text) else "/"
    return "/"
