"""The `playbook` MkDocs plugin: the published site is always exactly the validated YAML.

Once per build it loads and validates the playbook with the same code as `playbook validate`
(so the site and the CLI report the same findings), fails the build on errors with
``path:line:col`` messages, logs warnings as MkDocs warnings (``mkdocs build --strict`` then
fails on them), and adds the generated pages and calendar feeds as in-memory files: nothing
is written into ``docs/``. ``mkdocs serve`` watches the playbook folder and rebuilds when a
file in it changes.

This is the only module of the package that imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

    from linter.core.findings import Finding
    from linter.core.i18n import Language
    from linter.site.pages import Site
    from linter.site.version import History

log = logging.getLogger("mkdocs.plugins.playbook")

THEME_DIR = Path(__file__).resolve().parent / "theme"
IFRAME_WORKER = "assets/playbook/iframe-worker.js"

# What the generated pages are written with; added when a site's mkdocs.yml lacks one (never changed).
MARKDOWN_EXTENSIONS: dict[str, dict[str, Any]] = {
    "admonition": {},
    "attr_list": {},
    "md_in_html": {},
    "tables": {},
    "toc": {"permalink": True},
    "pymdownx.details": {},
    "pymdownx.highlight": {},
    "pymdownx.superfences": {},
    "pymdownx.tabbed": {"alternate_style": True},
    "pymdownx.tasklist": {"custom_checkbox": True, "clickable_checkbox": True},
}


class PlaybookConfig(Config):
    playbook_dir = c.Type(str, default="playbook")
    """The playbook folder, relative to mkdocs.yml."""
    today = c.Optional(c.Type((str, dt.date)))
    """Pretend today is this date (YYYY-MM-DD): overdue reviews, past deadlines, calendar window."""


def _format(finding: Finding) -> str:
    line = f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.value} {finding.code} {finding.message}"
    return f"{line}\n  hint: {finding.hint}" if finding.hint else line


def _display_path(path: str) -> str:
    """Relative to the working directory when below it, like the CLI's paths."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def _speak(config: MkDocsConfig, lang: Language) -> None:
    """Material's own texts (buttons, search box) and the search's stemming follow the playbook's language."""
    config.theme["language"] = lang.code
    search = config.plugins.get("search") or config.plugins.get("material/search")
    if search is not None and hasattr(search, "config"):
        search.config["lang"] = [lang.code]


def _space_toc(items: Any) -> None:
    """French spacing in the titles of a page's table of contents (``« bureau »``, ``pour quoi ?``)."""
    from linter.site.pages.polish import french_spacing_text

    for item in items or ():
        item.title = french_spacing_text(item.title)
        _space_toc(item.children)


def theme_texts(lang: Language) -> dict[str, object]:
    """The texts of our templates (theme/main.html, theme/404.html) and of our script, in the site's language."""
    from linter.site.script import texts

    return {
        "script": texts(lang),
        "updated": lang("Page updated on"),
        "playbook": lang("Playbook:"),
        "not_found_title": lang("Page not found"),
        "not_found": lang("This page does not exist, or no longer does: the link you followed may be old or "
                          "mistyped."),
        "crisis_button": lang("Crisis under way? Open the crisis plan"),
        "home_button": lang("Back to the home page"),
        "search_hint": lang("You can also look for what you need with the search, at the top of the page."),
    }


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Validate the playbook, then generate its pages. State lives for one build only."""

    def __init__(self) -> None:
        super().__init__()
        self._site: Site | None = None  # what render_site produced for the current build
        self._history: History | None = None  # git dates of the playbook and docs (version.py)
        self._root = ""

    def _built(self) -> Site:
        """The site on_config generated: MkDocs calls every other event after it."""
        if self._site is None:
            raise PluginError("playbook plugin: the pages were not generated (on_config did not run)")
        return self._site

    def _today(self, lang: Language) -> dt.date | None:
        """The pinned date, or None for the real one (then the checks see the real clock, as the CLI does)."""
        value = self.config.today
        if value in (None, ""):
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError as error:
            raise PluginError("playbook plugin: " + lang("`today` must be a date written YYYY-MM-DD, got {value}",
                                                         value=repr(value))) from error

    def _playbook_root(self, config: MkDocsConfig) -> str:
        """``playbook_dir`` is relative to the folder of mkdocs.yml, like ``docs_dir``."""
        base = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        return os.path.normpath(os.path.join(base, self.config.playbook_dir))

    @event_priority(50)  # before Material's offline plugin, which otherwise adds a shim from a CDN
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from linter import api
        from linter.core.context import CheckContext
        from linter.core.findings import Severity
        from linter.core.pipeline import Filters
        from linter.core.settings import ConfigError, resolve_settings
        from linter.playbook.loader import PlaybookNotFound
        from linter.rules import build_registry
        from linter.site.pages import render_site

        root = self._playbook_root(config)
        registry = build_registry()
        from linter.playbook.language import language_for

        lang = language_for(None, root)
        ctx = CheckContext.create(registry, self._today(lang), lang=lang)
        # The CLI's settings too (lint.yml `disable`/`enable`, [tool.playbook] of pyproject.toml), so a
        # rule switched off for `playbook validate --strict` does not fail `mkdocs build --strict`.
        try:
            settings = resolve_settings(".", _display_path(root), lang=ctx.lang)
            result = api.validate(_display_path(root), ctx, Filters(settings))
        except ConfigError as error:
            raise PluginError(f"playbook plugin: {error}") from error
        except PlaybookNotFound as error:
            raise PluginError("playbook plugin: " + lang("{error} (set `playbook_dir` in mkdocs.yml)", error=error)
                              ) from error
        findings = result.findings
        errors = [finding for finding in findings if finding.severity is Severity.ERROR]
        for finding in findings:
            if finding.severity is Severity.WARNING:
                log.warning(_format(finding))
            elif finding.severity is Severity.INFO:
                log.info(_format(finding))
        if errors or result.playbook is None:
            lines = "\n".join(_format(finding) for finding in errors)
            raise PluginError(lang.plural("the playbook has {count} error; fix it (`playbook validate` shows the same) "
                                          "before building the site:",
                                          "the playbook has {count} errors; fix them (`playbook validate` shows the "
                                          "same) before building the site:", len(errors)) + "\n" + lines)
        from linter.site.pages.upcoming import read_drafts

        drafts = read_drafts(settings.drafts, result.playbook)  # the queue shown on « Publications prévues »
        self._site = render_site(result.playbook, registry, ctx.today, ctx.lang, drafts=drafts)
        _speak(config, ctx.lang)
        from linter.site.version import read_history

        self._root = root
        self._history = read_history([root, config.docs_dir], ctx.today)
        for name, options in MARKDOWN_EXTENSIONS.items():
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
                config.mdx_configs.setdefault(name, dict(options))
        # Search from a copied folder (file://) needs a Worker stand-in; ours is local (see the file).
        polyfills = config.extra.get("polyfills") or []
        if not any("iframe-worker" in str(url) for url in polyfills):
            config.extra["polyfills"] = [*polyfills, IFRAME_WORKER]
        theme_dirs = config.theme.dirs
        if str(THEME_DIR) not in theme_dirs:
            theme_dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        site = self._built()
        generated: list[tuple[str, str | bytes]] = [*site.pages.items(), *site.files.items()]
        for src_uri, content in generated:
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                where = os.path.join(_display_path(config.docs_dir), src_uri)
                raise PluginError("playbook plugin: " + site.lang(
                    "{path} would hide the page generated from the playbook; rename or delete {path}", path=where))
            files.append(File.generated(config, src_uri, content=content))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        for marker, snippet in self._built().snippets.items():
            if marker in markdown:
                markdown = markdown.replace(marker, snippet)
        if self._history is not None:  # « Mis à jour le … » under the page (theme/main.html)
            from linter.site.markup import show_date
            from linter.site.version import page_sources

            sources = page_sources(page.file.src_uri, self._root, config.docs_dir)
            page.meta["pb_updated"] = show_date(self._built().lang, self._history.revision(sources).date)
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        from linter.site.pages.html import label_task_checkboxes
        from linter.site.pages.polish import polish

        lang = self._built().lang
        html = polish(label_task_checkboxes(html), lang)
        if lang.typography.spaced_punctuation:  # the table of contents repeats the headings: spaced the same way
            _space_toc(page.toc)
        from linter.site.pages import glossary

        definitions = files.get_file_from_path(glossary.PATH)
        if definitions is not None and page.file.src_uri != glossary.PATH:
            from linter.site.pages.polish import link_terms

            html = link_terms(html, glossary.compiled(lang), definitions.url_relative_to(page.file))
        if self._history is not None:
            import html as html_lib

            from linter.site.pages.crisis_card import VERSION_MARKER

            html = html.replace(VERSION_MARKER, html_lib.escape(self._history.revision([self._root]).version(lang)))
        return html

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        site = self._built()
        lang = site.lang
        banner = site.banner
        if banner is not None:
            page = files.get_file_from_path(banner.page)
            env.globals["playbook_crisis"] = {"html": banner.html, "url": page.url if page else "",
                                              "link": lang("Open the crisis plan")}
        else:
            env.globals["playbook_crisis"] = None
        if self._history is not None:
            env.globals["playbook_version"] = self._history.revision([self._root]).version(lang)
        env.globals["playbook_text"] = theme_texts(lang)
        return env

    @event_priority(-50)  # after the search plugin writes its index, before the offline plugin inlines it
    def on_post_build(self, config: MkDocsConfig) -> None:
        from linter.site.search import fold_search_index

        fold_search_index(config.site_dir)

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
                 ) -> LiveReloadServer:
        """``mkdocs serve`` rebuilds (and reloads the browser) when a playbook file changes."""
        server.watch(self._playbook_root(config))
        return server
