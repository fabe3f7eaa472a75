"""The site speaks its playbook's language: real builds, read as a visitor reads them.

`playbook init --language en` must give an English site (pages, navigation, feeds, 404, Material's
own buttons, search language) with no French sentence; the French sample must stay French with no
English sentence. A sentence is caught by its small words: two or more French function words (or a
French date, a guillemet) on one line of an English page, and the reverse. Values written in the
playbook (a holding statement in English, marked ``lang="en"``) and code are not our sentences.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from linter.core.context import CheckContext
from linter.core.i18n import ENGLISH, FRENCH, NNBSP
from linter.playbook.loader import load_playbook
from linter.rules import build_registry
from linter.site.pages import render_site

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-23"
# The generated pages (file names are ids: the same in every language), the home page, the 404.
PAGES = ("index.html", "objectifs.html", "publics.html", "canaux.html", "roles/index.html", "roles/astreinte.html",
         "ton.html", "charte.html", "crise.html", "calendrier.html", "publications.html", "glossaire.html",
         "reference/regles.html", "reference/champs.html", "404.html")
FEEDS = ("flux/publications.ics", "flux/astreinte.ics")

FRENCH_WORDS = re.compile(r"\b(le|la|les|des|du|et|pour|une|est|sur|dans|avec|nous|aucun|aucune|chaque|qui|quand)\b")
FRENCH_ALWAYS = re.compile(r"\b(janvier|février|avril|juillet|août|septembre|octobre|novembre|décembre|lundi|mardi|"
                           r"mercredi|jeudi|vendredi|samedi|dimanche|Page introuvable|mise à jour)\b", re.I)
ENGLISH_WORDS = re.compile(r"\b(the|and|with|which|when|should|must|every|this|that|of|to|is|are|for|on|in|it)\b")
ENGLISH_ALWAYS = re.compile(r"\b(January|February|April|June|July|August|September|October|November|December|Monday|"
                            r"Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Page not found|updated on)\b")


def visible_lines(text: str) -> list[str]:
    """The lines a visitor reads: no scripts, styles or code; nothing marked as another language."""
    text = re.sub(r"<(script|style|pre|code|title)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", text, flags=re.S) if '<html lang="fr"' in text \
        else text
    text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    return [re.sub(r"[ \t\r]+", " ", line).strip() for line in text.split("\n") if line.strip()]


def ics_lines(raw: bytes) -> list[str]:
    text = raw.decode("utf-8").replace("\r\n ", "")
    return [line.split(":", 1)[1].replace("\\n", "\n").replace("\\,", ",")
            for line in text.splitlines() if line.startswith(("SUMMARY", "DESCRIPTION", "X-WR-CAL", "CATEGORIES"))]


def _words(pattern: re.Pattern[str], line: str) -> int:
    return len(set(pattern.findall(line.lower())))


def french_sentences(lines: list[str]) -> list[str]:
    """Lines written in French: a French date, or more French small words than English ones (an English
    sentence may quote French: « nous », « fournisseur de bouteilles »)."""
    return [line for line in lines if FRENCH_ALWAYS.search(line)
            or (_words(FRENCH_WORDS, line) >= 2 and _words(FRENCH_WORDS, line) > _words(ENGLISH_WORDS, line))]


def english_sentences(lines: list[str]) -> list[str]:
    return [line for line in lines if ENGLISH_ALWAYS.search(line)
            or (_words(ENGLISH_WORDS, line) >= 2 and _words(ENGLISH_WORDS, line) > _words(FRENCH_WORDS, line))]


def build(folder: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {key: value for key, value in os.environ.items() if key not in ("PLAYBOOK_LANG", "PLAYBOOK_TODAY")}
    environ.update({"NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "PLAYBOOK_TODAY": TODAY, **env})
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=folder, env=environ,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("english") / "starter"
    environ = {key: value for key, value in os.environ.items() if key != "PLAYBOOK_LANG"}
    made = subprocess.run([sys.executable, "-m", "linter", "init", "--language", "en", "--name", "Orchard Juice Co",
                           str(folder)], env=environ, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    built = build(folder)
    assert built.returncode == 0, built.stderr
    return folder / "site"


@pytest.fixture(scope="module")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("french")
    for name in ("mkdocs.yml", "playbook", "docs", "drafts"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    built = build(folder)
    assert built.returncode == 0, built.stderr
    return folder / "site"


def page(site: Path, name: str) -> str:
    path = site / name
    if not path.is_file():  # the starter's site uses folder URLs (objectifs/index.html)
        path = site / name.replace(".html", "/index.html")
    return path.read_text(encoding="utf-8")


def script_texts(site: Path) -> list[str]:
    """The sentences playbook.js writes (« qui appeler maintenant », the feeds' subscribe button), as the page
    gives them to it."""
    import json

    found = re.search(r'<script type="application/json" id="pb-texts">(.*?)</script>', page(site, "index.html"), re.S)
    assert found is not None
    values = json.loads(found.group(1))
    return [value for value in values.values() if isinstance(value, str)] + values["days"] + values["months"]


# -- the English starter ----------------------------------------------------------------------------------------
def test_english_starter_pages_are_english_with_no_french_sentence(english_site: Path) -> None:
    found = {}
    for name in PAGES:
        text = page(english_site, name)
        assert '<html lang="en"' in text, name
        bad = french_sentences(visible_lines(text))
        if bad:
            found[name] = bad[:3]
    assert found == {}


def test_english_starter_titles_dates_and_chrome(english_site: Path) -> None:
    titles = {"objectifs.html": "Objectives", "publics.html": "Target audiences", "canaux.html": "Channels",
              "roles/index.html": "Roles and team", "roles/astreinte.html": "On call and on duty",
              "ton.html": "Tone and vocabulary", "charte.html": "Social media usage charter",
              "crise.html": "Crisis plan", "calendrier.html": "Publishing calendar",
              "publications.html": "Scheduled posts", "glossaire.html": "Glossary",
              "reference/regles.html": "Linter rules", "reference/champs.html": "Playbook fields"}
    for name, title in titles.items():
        assert re.search(rf"<h1[^>]*>{re.escape(title)}", page(english_site, name)), name
    home = page(english_site, "index.html")
    assert "Page updated on November 23, 2026" in home and 'placeholder="Search"' in home
    assert re.search(r'"lang":\["en"\]', (english_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    not_found = page(english_site, "404.html")
    assert "<h1>Page not found</h1>" in not_found and "Crisis under way? Open the crisis plan" in not_found
    assert "Default severity" in page(english_site, "reference/regles.html")
    script = script_texts(english_site)
    assert french_sentences(script) == [] and "Monday" in script and "Answering the public" in script


def test_english_starter_feeds_are_english(english_site: Path) -> None:
    for name in FEEDS:
        lines = ics_lines((english_site / name).read_bytes())
        assert lines and french_sentences(lines) == [], name
    rota = "\n".join(ics_lines((english_site / "flux" / "astreinte.ics").read_bytes()))
    assert "On duty — Orchard Juice Co" in rota and "On duty: " in rota
    assert b"PRODID:-//playbook-linter//Playbook//EN" in (english_site / "flux" / "publications.ics").read_bytes()


# -- the French sample ------------------------------------------------------------------------------------------
def test_french_sample_pages_are_french_with_no_english_sentence(french_site: Path) -> None:
    found = {}
    for name in PAGES:
        text = page(french_site, name)
        assert '<html lang="fr"' in text, name
        bad = english_sentences(visible_lines(text))
        if bad:
            found[name] = bad[:3]
    assert found == {}


def test_french_sample_typography_dates_and_404(french_site: Path) -> None:
    crisis = page(french_site, "crise.html")
    assert "Chaîne d’alerte" in crisis and f"«{NNBSP}Astreinte de direction{NNBSP}»" in page(french_site, "index.html")
    loose = {}  # an ordinary (breakable) space before ; : ! ? or inside « »: the mark may start a line on a phone
    for name in (*PAGES, "guides/modifier-le-playbook.html"):
        lines = [line for line in visible_lines(page(french_site, name))
                 if re.search(r"« | »|[ \u00a0][:;!?](\s|$)", line)]
        if lines:
            loose[name] = lines[:3]
    assert loose == {}
    shown = "\n".join(visible_lines(page(french_site, "roles/astreinte.html")))
    assert "etendu" not in shown  # an hours id of organisation.yml is never shown to readers
    assert "Page mise à jour le 23 novembre 2026" in page(french_site, "objectifs.html")
    not_found = page(french_site, "404.html")
    assert "<h1>Page introuvable</h1>" in not_found and f"Crise en cours{NNBSP}? Ouvrir le plan de crise" in not_found
    script = script_texts(french_site)
    assert english_sentences(script) == [] and "lundi" in script and "Répondre au public" in script


# A time of day written the playbook's way (09:00, 9:30), not inside a longer run of digits and colons.
CLOCK_TIME = re.compile(r"(?<![\w:])\d{1,2}:\d{2}(?![\w:])")
# Notation, not a time of day: the rule reference says how a time range is *typed* in the YAML
# (``09:00-18:00``) and which notations the draft typography rule leaves alone (``14:30``, ``3:2``).
NOTATION = ("plages horaires (09:00-18:00)", "heures (14:30)")


def prose(site: Path, name: str) -> list[str]:
    """``visible_lines`` of a page, a time range kept on one line (``pb-nowrap`` unwrapped) to be read whole."""
    return visible_lines(re.sub(r'<span class="pb-nowrap">(.*?)</span>', r"\1", page(site, name)))


def test_french_sample_times_of_day_are_french(french_site: Path) -> None:
    """``9 h–18 h``, ``14 h 30`` everywhere a French reader reads a time (issue #17); HH:MM only in code."""
    found = {}
    for name in (*PAGES, "guides/modifier-le-playbook.html"):
        lines = [line for line in prose(french_site, name)
                 if CLOCK_TIME.search(functools.reduce(lambda text, quoted: text.replace(quoted, ""), NOTATION, line))]
        if lines:
            found[name] = lines[:3]
    assert found == {}
    on_duty = "\n".join(prose(french_site, "roles/astreinte.html"))
    assert f"lun.–ven. 8{NNBSP}h{NNBSP}30–19{NNBSP}h{NNBSP}; sam. 10{NNBSP}h–18{NNBSP}h" in on_duty
    assert f"de lundi à dimanche, de 0{NNBSP}h à 24{NNBSP}h." in on_duty
    assert f">12{NNBSP}h</text>" in page(french_site, "roles/astreinte.html")  # the picture's hours
    assert f"11{NNBSP}h{NNBSP}30" in "\n".join(prose(french_site, "publications.html"))
    # A time range never breaks across lines on a phone.
    assert f'<span class="pb-nowrap">8{NNBSP}h{NNBSP}30–19{NNBSP}h</span>' in page(french_site, "canaux.html")
    texts = script_texts(french_site)  # playbook.js writes its times from the same patterns
    assert f"{{hour}}{NNBSP}h{NNBSP}{{mm}}" in texts and f"{{hour}}{NNBSP}h" in texts


def test_english_starter_times_of_day_keep_the_24_hour_clock(english_site: Path) -> None:
    on_duty = "\n".join(prose(english_site, "roles/astreinte.html"))
    assert "Mon–Fri 09:00–12:30, 13:30–17:30" in on_duty and "from Monday to Sunday, from 00:00 to 24:00." in on_duty
    assert ">12:00</text>" in page(english_site, "roles/astreinte.html")
    assert f"{NNBSP}h" not in "\n".join(prose(english_site, "canaux.html"))  # the French clock's mark
    texts = script_texts(english_site)
    assert "{hh}:{mm}" in texts and "{hh}:00" in texts


def test_french_sample_feeds_are_french(french_site: Path) -> None:
    for name in FEEDS:
        lines = ics_lines((french_site / name).read_bytes())
        assert lines and english_sentences(lines) == [], name
    rota = "\n".join(ics_lines((french_site / "flux" / "astreinte.ics").read_bytes()))
    assert f"Permanence{NNBSP}: " in rota and f"Rôles{NNBSP}: " in rota


# -- the renderers: the language is the one given, not the playbook's (PLAYBOOK_LANG=en on the French sample) ------
def test_the_french_sample_renders_in_english_when_asked() -> None:
    registry = build_registry()
    today = dt.date(2026, 11, 23)
    loaded = load_playbook(str(REPO / "playbook"), registry, CheckContext.create(registry, today, lang=ENGLISH))
    assert loaded.playbook is not None
    english = render_site(loaded.playbook, registry, today, ENGLISH)
    french = render_site(loaded.playbook, registry, today, FRENCH)
    assert english.lang == ENGLISH and french.lang == FRENCH
    assert english.pages["objectifs.md"].startswith("# Objectives") and french.pages["objectifs.md"].startswith(
        "# Objectifs")
    assert "## Tier 1 {#palier-1}" in english.pages["objectifs.md"]  # the anchors are ids: the same in both
    assert "## Palier 1 {#palier-1}" in french.pages["objectifs.md"]
    assert "Who is on duty, day by day" in english.pages["roles/astreinte.md"]
    assert "every year" in english.pages["calendrier.md"] and "chaque année" in french.pages["calendrier.md"]
    assert b"SUMMARY:On duty: " in english.files["flux/astreinte.ics"]
    assert "Permanence\u202f: ".encode() in french.files["flux/astreinte.ics"]
