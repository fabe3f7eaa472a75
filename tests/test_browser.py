"""The published site in a real browser: Playwright driving the machine's Chromium.

The sample site is built into a temporary folder and served on 127.0.0.1 (Material's search
runs in a web worker, which needs http://). Every request that leaves 127.0.0.1 is blocked and
recorded: the site must work offline. Screenshots go to tests/artifacts/ (git-ignored).
Accessibility is checked with axe-core (vendored under tests/vendor/axe-core/): no serious or
critical violation on any generated page, in the light and the dark theme.

Chromium is required: the test fails, never skips, when it cannot be found (`.ci/run`
installs Debian's `chromium`). `playwright install` is never used.
"""

from __future__ import annotations

import functools
import http.server
import os
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
GENERATED = ("", "objectifs.html", "publics.html", "canaux.html", "roles/", "roles/astreinte.html", "ton.html",
             "charte.html", "crise.html", "calendrier.html", "reference/regles.html", "reference/champs.html")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      "/usr/bin/chromium", "/usr/lib/chromium/chromium"):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail("Chromium is not installed: the browser tests need Debian's `chromium` package "
                "(`apt-get install chromium`, as .ci/run does).")


def build_site(workdir: Path, playbook_dir: Path) -> Path:
    config = {"INHERIT": str(REPO / "mkdocs.yml"), "docs_dir": str(REPO / "docs"), "site_dir": "site",
              "plugins": {"playbook": {"playbook_dir": str(playbook_dir), "today": TODAY}}}
    (workdir / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"], cwd=workdir,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return workdir / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Base URL of the sample site, served from a temporary folder on 127.0.0.1."""
    site = build_site(tmp_path_factory.mktemp("browser-site"), REPO / "playbook")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
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
    """A factory of pages in fresh contexts; requests leaving 127.0.0.1 are blocked and recorded."""
    contexts, outside = [], []

    def factory(viewport=DESKTOP, color_scheme="light", mobile=False):
        context = browser.new_context(viewport=viewport, color_scheme=color_scheme, is_mobile=mobile,
                                      has_touch=mobile, device_scale_factor=1, locale="fr-FR")

        def guard(route):
            host = urlparse(route.request.url).hostname
            if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: (outside.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        return page

    yield factory
    for context in contexts:
        context.close()
    assert not outside, f"the site tried to reach outside or opened a dialog: {outside}"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def search(page, words: str, anchor: str, phone: bool = False):
    """Type ``words`` in the search box (as a person does, key by key); the result linking to ``anchor``."""
    if phone:
        page.locator('label.md-header__button[for="__search"]').click()
    else:
        page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(words, delay=20)
    result = page.locator(f'.md-search-result__link[href*="#{anchor}"]').first
    result.wait_for(state="visible", timeout=20_000)
    return result


def test_desktop_navigation_to_runbook_and_search(open_page, served):
    page = open_page()
    page.goto(served)
    assert page.locator("h1").first.inner_text().startswith("Notre playbook")
    shot(page, "desktop-home")
    page.locator(".md-sidebar--primary .md-nav__link", has_text="Crise").first.click()
    page.wait_for_url(f"{served}crise.html")
    assert page.locator("h1").first.inner_text().startswith("Plan de crise")
    birth = page.locator("#phase-birth")
    assert birth.is_visible()
    checklist = page.locator(".pb-phase").first.locator(".task-list-item")
    assert checklist.count() >= 1 and checklist.first.is_visible()
    copy = page.locator('.pb-statement button[data-md-type="copy"], .pb-statement button.md-clipboard')
    assert copy.count() >= 1, "holding statements need copy buttons"
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
    copy.first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == page.locator(".pb-statement code").first.inner_text().strip()
    assert len(copied) > 40
    shot(page, "desktop-crise")
    # find a phase by its name with the search box
    result = search(page, "Propagation", "phase-propagation")
    assert "Propagation" in result.inner_text()
    shot(page, "desktop-search")
    result.click()
    page.wait_for_url(lambda url: "/crise.html" in url and url.endswith("#phase-propagation"))
    assert page.locator("#phase-propagation").is_visible()


def test_phone_navigation_to_runbook_and_search(open_page, served):
    page = open_page(viewport=PHONE, mobile=True)
    page.goto(served)
    assert not page.locator(".md-sidebar--primary").is_visible() or page.locator(
        'label.md-header__button[for="__drawer"]').is_visible()
    shot(page, "phone-home")
    page.locator('label.md-header__button[for="__drawer"]').click()
    page.locator(".md-sidebar--primary .md-nav__link", has_text="Crise").first.click()
    page.wait_for_url(f"{served}crise.html")
    assert page.locator("#phase-birth").is_visible()
    # nothing wider than the phone: no sideways scrolling on the runbook
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the runbook is {width}px wide on a {PHONE['width']}px screen"
    shot(page, "phone-crise")
    result = search(page, "Viralité", "phase-virality", phone=True)
    shot(page, "phone-search")
    result.click()
    page.wait_for_url(lambda url: "/crise.html" in url and url.endswith("#phase-virality"))
    assert page.locator("#phase-virality").is_visible()


def test_phone_coverage_picture_answers_saturday_night(open_page, served):
    page = open_page(viewport=PHONE, mobile=True)
    page.goto(f"{served}roles/astreinte.html")
    picture = page.locator("svg.pb-cov").first
    assert picture.is_visible()
    box = picture.bounding_box()
    assert box["width"] <= PHONE["width"]
    team = page.locator("#equipe ~ div table, #equipe + div table").first
    assert "Samedi" in team.inner_text()
    shot(page, "phone-astreinte")


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [violation for violation in results["violations"] if violation["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation(open_page, served, scheme):
    assert AXE.is_file(), "axe-core is vendored in tests/vendor/axe-core/"
    page = open_page(color_scheme=scheme)
    problems = []
    for path in GENERATED:
        page.goto(served + path)
        for violation in _axe(page):
            targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
            problems.append(f"/{path} {violation['impact']} {violation['id']}: {violation['help']} -> {targets}")
    assert not problems, "\n".join(problems)


def test_phone_accessibility_of_the_runbook(open_page, served):
    page = open_page(viewport=PHONE, mobile=True)
    page.goto(f"{served}crise.html")
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
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        page = open_page(viewport=PHONE, mobile=True)
        page.goto(f"{base}ton.html")
        banner = page.locator(".pb-crisis-banner")
        assert banner.is_visible()
        assert "Crise en cours" in banner.inner_text() and "niveau 2" in banner.inner_text()
        shot(page, "phone-crisis-banner")
        problems = [f"{v['id']}: {v['help']}" for v in _axe(page)]
        assert not problems, problems
        banner.locator("a").click()
        page.wait_for_url(f"{base}crise.html")
        assert "Crise en cours" in page.locator(".admonition.danger").first.inner_text()
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
