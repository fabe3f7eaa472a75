"""The published site in a real browser: Playwright driving the machine's Chromium.

Two sites are built once per run into temporary folders and served on 127.0.0.1: the sample
(playbook/ and drafts/ as they are) and a crafted copy with phone numbers, a weekend on-call
rota and an absence that leaves a promised Saturday afternoon uncovered. Every request that
leaves 127.0.0.1 (or, for the copied-folder test, that folder) is blocked and recorded: the
site must work offline. Screenshots go to tests/artifacts/ (git-ignored). Accessibility is
checked with axe-core (vendored under tests/vendor/axe-core/): no violation of any impact on
any page, light and dark, desktop and phone.

The reader's moment is pinned with ``window.PLAYBOOK_NOW`` (set before the page's scripts run)
and the browser runs in another time zone than the organisation's, so the answer to « qui
appeler maintenant » is shown to come from the organisation's clock.

Waits are for elements and URLs, with generous timeouts, never fixed sleeps: the suite runs on
two shared cores, sometimes loaded. Chromium is required: the test fails, never skips, when it
cannot be found (`.ci/run` installs Debian's `chromium`). `playwright install` is never used.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "tests" / "artifacts"
AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"
TODAY = "2027-01-15"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# Every page of the site (links end in .html: the site also works from a copied folder).
PAGES = ("index.html", "objectifs.html", "publics.html", "canaux.html", "roles/index.html", "roles/astreinte.html",
         "ton.html", "charte.html", "crise.html", "calendrier.html", "publications.html", "reference/regles.html",
         "reference/champs.html", "glossaire.html", "guides/modifier-le-playbook.html", "guides/brouillons.html",
         "guides/integration-continue.html", "guides/integration.html", "404.html")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TIMEOUT = 60_000  # ms: an element or a search result, even on a loaded machine
NAVIGATION = 90_000
# The moments of the « qui appeler » tests, in UTC: the page must convert them to Paris time.
WEEKDAY = "2027-01-19T09:00:00Z"          # mardi 19 janvier, 10:00 à Paris
SATURDAY = "2027-01-16T14:00:00Z"         # samedi 16 janvier, 15:00 à Paris
SUNDAY_NIGHT = "2027-01-17T22:30:00Z"     # dimanche 17 janvier, 23:30 à Paris
PHONES = {"claire-le-gall": "+33 6 12 34 56 78", "sophie-guegan": "+33 6 23 45 67 89",
          "gaelle-rouxel": "06 34 56 78 90", "erwan-tanguy": "+33 6 45 67 89 01",
          "yannick-morvan": "+33 6 56 78 90 12", "ines-bertrand": "+33 6 67 89 01 23"}

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      "/usr/bin/chromium", "/usr/lib/chromium/chromium"):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail("Chromium is not installed: the browser tests need Debian's `chromium` package "
                "(`apt-get install chromium`, as .ci/run does).")


def build_site(workdir: Path, playbook_dir: Path, drafts: Path | None = None) -> Path:
    config = {"INHERIT": str(REPO / "mkdocs.yml"), "docs_dir": str(REPO / "docs"), "site_dir": "site",
              "plugins": {"playbook": {"playbook_dir": str(playbook_dir), "today": TODAY}}}
    (workdir / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    if drafts is not None:  # the queue of « Publications prévues » is read from ./drafts
        shutil.copytree(drafts, workdir / "drafts")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"], cwd=workdir,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return workdir / "site"


def crafted_playbook(target: Path) -> Path:
    """The sample with known phone numbers and Gaëlle absent on Saturday 16 January (its on-call rotas kept)."""
    shutil.copytree(REPO / "playbook", target)
    path = target / "roles.yml"
    roles = yaml.safe_load(path.read_text(encoding="utf-8"))
    for person in roles["people"]:
        if person["id"] in PHONES:
            person["phone"] = PHONES[person["id"]]
        if person["id"] == "gaelle-rouxel":
            person["absences"] = [*person.get("absences", []),
                                  {"from": "2027-01-16", "to": "2027-01-16", "reason": "Mariage de sa sœur"}]
    path.write_text(yaml.safe_dump(roles, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser dropped a transfer it no longer needed (a page left mid-load): no traceback in the log
        super().handle_error(request, client_address)


def serve(site: Path):
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("browser-site"), REPO / "playbook", REPO / "drafts")


@pytest.fixture(scope="module")
def served(sample_site):
    """Base URL of the sample site, served from a temporary folder on 127.0.0.1."""
    server, thread, base = serve(sample_site)
    yield base
    server.shutdown()
    server.server_close()
    thread.join()


def rota_name() -> str:
    """The sample's first on-call rota (Claire Le Gall and Sophie Guégan, weekends included)."""
    roles = yaml.safe_load((REPO / "playbook" / "roles.yml").read_text(encoding="utf-8"))
    rota = roles["on_call"][0]
    assert {"claire-le-gall", "sophie-guegan"} <= set(rota["people"]) and "sat" in rota["hours"]
    return rota.get("name") or rota["id"]


@pytest.fixture(scope="module")
def rota_served(tmp_path_factory):
    """Base URL of the crafted site (phones, on-call rota, an uncovered Saturday afternoon)."""
    workdir = tmp_path_factory.mktemp("browser-rota")
    site = build_site(workdir, crafted_playbook(workdir / "pb"))
    server, thread, base = serve(site)
    yield base
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def open_page(browser):
    """A factory of pages in fresh contexts; requests leaving 127.0.0.1 (or ``folder``) are blocked and recorded."""
    contexts, outside = [], []

    def factory(viewport=DESKTOP, color_scheme="light", mobile=False, now: str | None = None,
                folder: Path | None = None, scripts: bool = True, timezone: str = "America/New_York"):
        context = browser.new_context(viewport=viewport, color_scheme=color_scheme, is_mobile=mobile,
                                      has_touch=mobile, device_scale_factor=1, locale="fr-FR",
                                      timezone_id=timezone, java_script_enabled=scripts)
        context.set_default_timeout(TIMEOUT)
        context.set_default_navigation_timeout(NAVIGATION)
        inside = str(folder.resolve()) if folder is not None else None

        def guard(route):
            url = route.request.url
            parsed = urlparse(url)
            if url.startswith(("data:", "blob:", "about:")) or parsed.hostname == "127.0.0.1" or (
                    inside is not None and parsed.scheme == "file" and parsed.path.startswith(inside)):
                route.continue_()
            else:
                outside.append(url)
                route.abort()

        context.route("**/*", guard)
        if now is not None:
            context.add_init_script(f"window.PLAYBOOK_NOW = {json.dumps(now)};")
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: (outside.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        return page

    yield factory
    for context in contexts:
        context.close()
    assert not outside, f"the site tried to reach outside or opened a dialog: {outside}"


def shot(page, name: str, full_page: bool = True) -> None:
    """Save a screenshot in tests/artifacts (the whole page, or the screen alone with ``full_page=False``).

    Chromium takes a full-page screenshot by resizing the viewport to the page's size and back. With
    the search open on a phone, Material's search overlay (a circle drawn from -538 px to 1262 px,
    measured on the sample) makes the page 1262 px wide, past Material's 1220 px breakpoint: the
    capture would resize a phone into a desktop and back under an open search. A phone with its
    search open is therefore shot as its screen shows it. The page answers a resize after the
    capture returns, so the results are let settle again, as search() lets them before returning one.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)
    _settle(page)


def go(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")


def search(page, words: str, anchor: str | None = None, phone: bool = False):
    """Type ``words`` in the search box (as a person does, key by key); the first result (linking to ``anchor``)."""
    if phone:
        page.locator('label.md-header__button[for="__search"]').click()
    else:
        page.locator(".md-search__input").click()
    box = page.locator(".md-search__input")
    box.fill("")
    box.press_sequentially(words, delay=20)
    # The search worker answers each keystroke's query, and on a busy machine its answers keep
    # arriving after the typing ends: a click on a result list being replaced can press on one
    # link and release on its replacement, which is no click. So the list is let settle first.
    _settle(page)
    selector = f'.md-search-result__link[href*="#{anchor}"]' if anchor else ".md-search-result__link"
    result = page.locator(selector).first
    result.wait_for(state="visible")
    return result


_QUIET_MS = 400
# True once the search results have not changed for ``quiet`` ms; false if they still change after ``limit`` ms.
_RESULTS_SETTLED = """([quiet, limit]) => new Promise(resolve => {
  const results = document.querySelector(".md-search-result") || document.body;
  let timer;
  const observer = new MutationObserver(() => settle());
  const done = (value) => { observer.disconnect(); clearTimeout(timer); clearTimeout(cap); resolve(value); };
  const settle = () => { clearTimeout(timer); timer = setTimeout(() => done(true), quiet); };
  const cap = setTimeout(() => done(false), limit);
  observer.observe(results, {childList: true, subtree: true, characterData: true, attributes: true});
  settle();
})"""


def _settle(page) -> None:
    assert page.evaluate(_RESULTS_SETTLED, [_QUIET_MS, TIMEOUT]), "the search results kept changing"


def follow(result) -> None:
    """Follow a search result: it must be where a finger or a pointer can reach it, then it is
    activated in one step.

    Why not ``click()``: Playwright presses and releases in two steps, and on a loaded machine the
    result list was rendered again in between (an event log of a failed phone run: pointerdown on
    one item, pointerup 25 ms later on its replacement, no click). A press and a release on two
    different nodes make no click, and the run waited 90 s for a page that never came. The trial
    click keeps every check a click makes (visible, stable, enabled, not covered at its centre);
    the click event is then sent to the result as it is at that moment.
    """
    result.click(trial=True)
    result.dispatch_event("click")


def close_search(page) -> None:
    page.keyboard.press("Escape")


# -- reaching the runbook ------------------------------------------------------------------------
def test_desktop_navigation_to_runbook_and_search(open_page, served):
    page = open_page()
    go(page, served)
    assert page.locator("h1").first.inner_text().startswith("Notre playbook")
    shot(page, "desktop-home")
    page.locator(".md-sidebar--primary .md-nav__link", has_text="Crise").first.click()
    page.wait_for_url(f"{served}crise.html", wait_until="domcontentloaded")
    assert page.locator("h1").first.inner_text().startswith("Plan de crise")
    page.locator("#phase-birth").wait_for(state="visible")
    checklist = page.locator(".pb-phase").first.locator(".task-list-item")
    assert checklist.count() >= 1 and checklist.first.is_visible()
    copy = page.locator('.pb-statement button[data-md-type="copy"], .pb-statement button.md-clipboard')
    copy.first.wait_for(state="attached")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
    copy.first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == page.locator(".pb-statement code").first.inner_text().strip()
    assert len(copied) > 40
    shot(page, "desktop-crise")
    result = search(page, "Propagation", "phase-propagation")
    assert "Propagation" in result.inner_text()
    shot(page, "desktop-search")
    follow(result)
    page.wait_for_url(lambda url: "/crise.html" in url and url.endswith("#phase-propagation"),
                      wait_until="domcontentloaded")
    page.locator("#phase-propagation").wait_for(state="visible")


def test_phone_navigation_to_runbook_and_search(open_page, served):
    page = open_page(viewport=PHONE, mobile=True)
    go(page, served)
    drawer = page.locator('label.md-header__button[for="__drawer"]')
    drawer.wait_for(state="visible")
    shot(page, "phone-home")
    drawer.click()
    link = page.locator(".md-sidebar--primary .md-nav__link", has_text="Crise").first
    link.wait_for(state="visible")
    link.click()
    page.wait_for_url(f"{served}crise.html", wait_until="domcontentloaded")
    page.locator("#phase-birth").wait_for(state="visible")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the runbook is {width}px wide on a {PHONE['width']}px screen"
    shot(page, "phone-crise")
    result = search(page, "Viralité", "phase-virality", phone=True)
    shot(page, "phone-search", full_page=False)  # the search is open: see shot()
    follow(result)
    page.wait_for_url(lambda url: "/crise.html" in url and url.endswith("#phase-virality"),
                      wait_until="domcontentloaded")
    page.locator("#phase-virality").wait_for(state="visible")


# -- search that forgives accents --------------------------------------------------------------------
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_search_without_accents_finds_the_accented_words(open_page, served, viewport):
    phone = viewport == "phone"
    page = open_page(viewport=PHONE if phone else DESKTOP, mobile=phone)
    go(page, served)
    found = {}
    for typed, accented in (("detox", "détox"), ("equipe", "équipe"), ("reseaux", "réseaux"),
                            ("viralite", "viralité"), ("telephone", "téléphone"), ("evin", "évin")):
        search(page, typed, phone=phone)
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        texts = page.locator(".md-search-result__item").all_inner_texts()
        found[typed] = any(accented in text.lower() for text in texts[:10])
        close_search(page)
    assert all(found.values()), found
    # typed with its accents, a word is still found as written
    result = search(page, "Équipe", phone=phone)
    assert "équipe" in result.inner_text().lower()


# -- « qui appeler maintenant » -----------------------------------------------------------------------
def _now_box(page):
    box = page.locator("[data-pb-now][data-pb-now-ready]").first
    box.wait_for(state="visible")
    return box


def test_who_to_call_on_a_weekday_morning(open_page, rota_served):
    page = open_page(viewport=PHONE, mobile=True, now=WEEKDAY)
    go(page, rota_served + "index.html")
    box = _now_box(page)
    text = box.inner_text()
    assert "mardi 19 janvier 2027, 10\u202fh" in text  # Paris time, though the browser runs in New York
    assert not re.search(r"(?<![\w:])\d{1,2}:\d{2}(?![\w:])", text), text  # French times only: « 9 h », « 12 h 30 »
    on_duty = box.locator(".pb-now-list").first
    assert "Claire Le Gall" in on_duty.inner_text() and "Yannick Morvan" in on_duty.inner_text()
    assert on_duty.locator('a[href="tel:+33612345678"]').count() == 1
    assert on_duty.locator('a[href="mailto:claire.legall@pressoir-flume.example"]').count() == 1
    assert "jusqu’à 12\u202fh\u202f30" in on_duty.inner_text()
    assert "réponse promise en ce moment" in text and "assurée" in text
    assert "Prochain changement d’équipe" in text
    assert page.locator(".pb-now-alert").count() == 0
    roles = box.locator(".pb-now-roles > li")
    assert "Animatrice relation client" in roles.first.inner_text() and "en poste" in roles.first.inner_text()
    # the weekly tables stay in the page, folded, for whoever wants them
    assert page.locator("details.pb-now-week").get_attribute("open") is None
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "phone-qui-appeler-semaine")


def test_who_to_call_on_a_saturday_afternoon_nobody_on_a_promised_hour(open_page, rota_served):
    page = open_page(now=SATURDAY)
    go(page, rota_served + "crise.html")
    box = _now_box(page)
    text = box.inner_text()
    assert "samedi 16 janvier 2027, 15\u202fh" in text
    assert "Personne n’est de permanence en ce moment." in text
    alert = box.locator(".pb-now-alert").first
    alert.wait_for(state="visible")
    assert "Heure promise sans personne de permanence" in alert.inner_text()
    assert "Facebook" in alert.inner_text()
    # the fallback: the weekend on-call rota, with numbers to call
    assert rota_name() in alert.inner_text()
    assert alert.locator('a[href="tel:+33612345678"]').count() >= 1
    assert alert.locator('a[href="tel:+33623456789"]').count() >= 1
    assert "Prochaine personne de permanence" in alert.inner_text()
    shot(page, "desktop-qui-appeler-samedi")


def test_who_to_call_on_a_sunday_night(open_page, rota_served):
    page = open_page(viewport=PHONE, mobile=True, color_scheme="dark", now=SUNDAY_NIGHT)
    go(page, rota_served + "crise.html")
    box = _now_box(page)
    text = box.inner_text()
    assert "dimanche 17 janvier 2027, 23\u202fh\u202f30" in text
    assert "Personne n’est de permanence en ce moment." in text
    assert "pas de réponse promise en ce moment" in text
    assert "Prochaine plage promise\u202f: demain à 8\u202fh\u202f30" in text
    assert "Prochaine personne de permanence\u202f: Yannick Morvan, demain à 8\u202fh." in text
    assert rota_name() in text and box.locator('a[href="tel:+33612345678"]').count() >= 1
    # a crisis role nobody holds at this hour: who comes back first, with a number
    expert = box.locator(".pb-now-roles > li", has_text="Experte communication").first
    assert "Personne de ce rôle n’est en poste" in expert.inner_text()
    assert "De retour demain à 8\u202fh\u202f30" in expert.inner_text() and "Erwan Tanguy" in expert.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "phone-qui-appeler-dimanche-soir")


def test_who_to_call_without_scripts_is_a_weekly_table(open_page, rota_served):
    page = open_page(scripts=False)
    go(page, rota_served + "crise.html")
    week = page.locator("details.pb-now-week")
    assert week.get_attribute("open") is not None
    week.locator("table").first.wait_for(state="visible")
    assert week.locator('a[href="tel:+33612345678"]').first.is_visible()
    assert f"Astreinte «\u202f{rota_name()}\u202f»" in week.inner_text()
    assert not page.locator("[data-pb-now]").is_visible()


# -- the crisis card ----------------------------------------------------------------------------------
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


@pytest.mark.parametrize("site", ["sample", "crafted"])
def test_crisis_card_prints_on_at_most_two_a4_pages(open_page, served, rota_served, site):
    base = served if site == "sample" else rota_served
    page = open_page(now=SATURDAY)
    go(page, base + "crise.html")
    _now_box(page)
    button = page.locator("[data-pb-print]")
    assert button.is_visible() and "Imprimer la fiche réflexe" in button.inner_text()
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"fiche-reflexe-{site}.pdf").write_bytes(pdf)
    pages = len(PDF_PAGE.findall(pdf))
    assert 1 <= pages <= 2, f"the crisis card prints on {pages} pages"
    card = page.locator(".pb-card")
    assert card.is_visible()
    text = card.inner_text()
    for word in ("Niveaux de gravité", "Vigilance", "Crise majeure", "Naissance", "Viralité", "Propagation",
                 "Lassitude", "Résolution", "Chaîne d’alerte", "Messages d’attente", "General holding statement"):
        assert word in text, word
    assert "Imprimé le 16 janvier 2027 à 15\u202fh" in text
    assert re.search(r"Playbook\u202f: version du \d", text), text[:300]
    assert "1\u00a0h" in text and "30\u00a0min" in text and "Lire le message en entier" in text
    # nothing else of the page prints: no copy button over the statements, no timeline, no live answer
    assert not page.locator("#phases").is_visible() and not page.locator("[data-pb-now]").is_visible()
    assert page.locator(".md-code__button").evaluate_all("els => els.filter(e => e.offsetParent).length") == 0
    assert card.locator('[lang="en"]').count() >= 1
    if site == "crafted":
        assert "+33 6 12 34 56 78" in text and rota_name() in text


# -- phones first ------------------------------------------------------------------------------------
_LAYOUT = """() => {
  const wide = [...document.querySelectorAll('.md-typeset__scrollwrap')]
    .filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1).map(e => e.innerText.slice(0, 40));
  const broken = [...document.querySelectorAll('.pb-nowrap')]
    .filter(e => e.offsetParent && e.getClientRects().length > 1).map(e => e.textContent);
  const guillemets = [];
  const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('code, pre, script, title, desc, style')) continue;
    if (/« | »| [;:!?](\\s|$)/.test(node.textContent)) guillemets.push(node.textContent.trim().slice(0, 60));
  }
  const small = [...document.querySelectorAll('svg text')].filter(t => t.getBoundingClientRect().width > 0)
    .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)
    .filter(size => size < 11.95);
  return {width: document.documentElement.scrollWidth, wide, broken, guillemets, small};
}"""


def test_phones_never_scroll_sideways_and_keep_text_together(open_page, served):
    page = open_page(viewport=PHONE, mobile=True)
    problems = []
    for path in PAGES:
        go(page, served + path)
        page.locator(".md-content").wait_for(state="visible")
        found = page.evaluate(_LAYOUT)
        if found["width"] > PHONE["width"]:
            problems.append(f"/{path} is {found['width']}px wide")
        for key in ("wide", "broken", "guillemets", "small"):
            if found[key]:
                problems.append(f"/{path} {key}: {found[key][:3]}")
    assert not problems, "\n".join(problems)


def test_phone_coverage_picture_answers_saturday_night(open_page, served):
    page = open_page(viewport=PHONE, mobile=True)
    go(page, f"{served}roles/astreinte.html")
    picture = page.locator("svg.pb-cov").first
    picture.wait_for(state="visible")
    assert picture.bounding_box()["width"] <= PHONE["width"]
    team = page.locator("#equipe ~ div table, #equipe ~ table").first
    assert "Samedi" in team.inner_text()
    shot(page, "phone-astreinte")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_copy_button_never_covers_text(open_page, served, viewport):
    phone = viewport == "phone"
    page = open_page(viewport=PHONE if phone else DESKTOP, mobile=phone)
    for path in ("crise.html", "guides/integration.html"):
        go(page, served + path)
        page.locator(".md-code__button").first.wait_for(state="attached")
        overlaps = page.evaluate("""() => [...document.querySelectorAll('pre')].flatMap(pre => {
          const button = pre.querySelector('.md-code__nav');
          const code = pre.querySelector('code');
          if (!button || !code) return [];
          const b = button.getBoundingClientRect();
          const range = document.createRange();
          range.selectNodeContents(code);
          return [...range.getClientRects()].filter(r => r.width > 0 && r.left < b.right && r.right > b.left
            && r.top < b.bottom && r.bottom > b.top).map(r => code.textContent.slice(0, 30));
        })""")
        assert not overlaps, (path, overlaps)


# -- from a copied folder ----------------------------------------------------------------------------
def test_works_from_a_copied_folder(open_page, sample_site, tmp_path):
    folder = tmp_path / "cle-usb" / "playbook"
    shutil.copytree(sample_site, folder)
    page = open_page(folder=folder)
    go(page, (folder / "index.html").as_uri())
    page.locator(".md-sidebar--primary .md-nav__link", has_text="Crise").first.click()
    page.wait_for_url((folder / "crise.html").as_uri(), wait_until="domcontentloaded")
    page.locator("#phase-birth").wait_for(state="visible")
    result = search(page, "equipe")
    assert "équipe" in result.inner_text().lower()
    href = result.get_attribute("href")
    assert href.startswith("file://") and ".html" in href
    follow(result)
    page.wait_for_url(lambda url: url.startswith(folder.as_uri()) and ".html" in url, wait_until="domcontentloaded")
    page.locator("h1").first.wait_for(state="visible")
    # the calendar feeds: only the copy is possible here, and the page says so
    go(page, (folder / "roles" / "astreinte.html").as_uri())
    note = page.locator(".pb-feed-subscribe").first
    note.wait_for(state="visible")
    assert "seule la copie est possible" in note.inner_text()


# -- what readers of good handbooks expect --------------------------------------------------------------
def test_feeds_offer_a_subscription_when_served(open_page, served):
    page = open_page()
    go(page, served + "roles/astreinte.html")
    download = page.locator("a[data-pb-feed]").first
    assert "Télécharger une copie" in download.inner_text()
    subscribe = page.locator('.pb-feed-subscribe a[href^="webcal://127.0.0.1"]').first
    subscribe.wait_for(state="visible")
    assert "S’abonner" in subscribe.inner_text() and subscribe.get_attribute("href").endswith("/flux/astreinte.ics")
    assert page.locator(".pb-feed-url").inner_text().startswith("http://127.0.0.1")


def test_glossary_term_links_to_its_definition(open_page, served):
    page = open_page(viewport=PHONE, mobile=True)
    go(page, served + "crise.html")
    term = page.locator('a.pb-term[href*="#terme-bad-buzz"]').first
    term.wait_for(state="visible")
    term.click()
    page.wait_for_url(lambda url: url.endswith("glossaire.html#terme-bad-buzz"), wait_until="domcontentloaded")
    page.locator("#terme-bad-buzz").wait_for(state="visible")


def test_draft_queue_preview_is_cut_where_the_network_cuts(open_page, served):
    page = open_page(viewport=PHONE, mobile=True)
    go(page, served + "publications.html")
    post = page.locator("li.pb-post", has_text="pb303-trop-long-pour-x.md").first
    post.wait_for(state="visible")
    assert "de trop" in post.locator(".pb-post-size").inner_text()
    assert post.locator(".pb-post-cut").is_visible() and post.locator("del.pb-post-over").inner_text().strip()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "phone-publications")


# -- accessibility -------------------------------------------------------------------------------------
def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return results["violations"]


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violation_on_any_page(open_page, served, scheme, size):
    assert AXE.is_file(), "axe-core is vendored in tests/vendor/axe-core/"
    phone = size == "phone"
    page = open_page(viewport=PHONE if phone else DESKTOP, mobile=phone, color_scheme=scheme, now=SATURDAY)
    problems = []
    for path in PAGES:
        go(page, served + path)
        page.locator(".md-content").wait_for(state="visible")
        if path in ("index.html", "crise.html"):
            _now_box(page)
        for violation in _axe(page):
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            problems.append(f"/{path} {violation['impact']} {violation['id']}: {violation['help']} -> {targets}")
    assert not problems, "\n".join(problems)


def test_who_to_call_alert_is_accessible(open_page, rota_served):
    page = open_page(viewport=PHONE, mobile=True, color_scheme="dark", now=SATURDAY)
    go(page, rota_served + "crise.html")
    _now_box(page).locator(".pb-now-alert").first.wait_for(state="visible")
    problems = [f"{v['id']}: {v['help']}" for v in _axe(page)]
    assert not problems, problems


def test_active_crisis_banner_on_a_phone(open_page, tmp_path):
    playbook = tmp_path / "pb"
    shutil.copytree(REPO / "playbook", playbook)
    crisis = yaml.safe_load((playbook / "crisis.yml").read_text(encoding="utf-8"))
    crisis["status"] = {"active": True, "level": 2, "started_at": "2027-01-14T21:30:00+01:00",
                        "lead": "claire-le-gall", "frozen_channels": ["facebook"],
                        "summary": "Une vidéo sur un lot abîmé circule depuis hier soir."}
    (playbook / "crisis.yml").write_text(yaml.safe_dump(crisis, allow_unicode=True), encoding="utf-8")
    site = build_site(tmp_path, playbook)
    server, thread, base = serve(site)
    try:
        page = open_page(viewport=PHONE, mobile=True)
        go(page, f"{base}ton.html")
        banner = page.locator(".pb-crisis-banner")
        banner.wait_for(state="visible")
        assert "Crise en cours" in banner.inner_text() and "niveau 2" in banner.inner_text()
        shot(page, "phone-crisis-banner")
        problems = [f"{v['id']}: {v['help']}" for v in _axe(page)]
        assert not problems, problems
        banner.locator("a").click()
        page.wait_for_url(f"{base}crise.html", wait_until="domcontentloaded")
        page.locator(".admonition.danger").first.wait_for(state="visible")
        assert "Crise en cours" in page.locator(".admonition.danger").first.inner_text()
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
