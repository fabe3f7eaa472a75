"""The published site: real `mkdocs build` runs on the sample and on small crafted playbooks.

Each build runs the real MkDocs command line (as `make site` does) into a temporary folder,
through a small mkdocs.yml that INHERITs the repository's one and points the plugin at the
playbook under test with a pinned `today`. Assertions read the generated HTML the way a
reader sees it: text content, links, what is (not) markup.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from linter.core.context import CheckContext
from linter.playbook.loader import load_playbook
from linter.playbook.schema import load_schema, schema_names
from linter.rules import build_registry

REPO = Path(__file__).resolve().parents[1]
TODAY = "2027-01-15"
# Page links end in .html (Material's offline plugin): the site also works from a copied folder.
PAGES = ("index.html", "objectifs.html", "publics.html", "canaux.html", "roles/index.html",
         "roles/astreinte.html", "ton.html", "charte.html", "crise.html",
         "calendrier.html", "reference/regles.html", "reference/champs.html")
XSS = ('<script>alert("xss")</script> <img src=x onerror=alert(1)> [clic](javascript:alert(1)) '
       '*gras* {: onclick="alert(2)" }')

pytestmark = pytest.mark.slow


# -- helpers ---------------------------------------------------------------------------------
def write_config(workdir: Path, playbook_dir: str, today: str | None = TODAY) -> Path:
    """A mkdocs.yml that inherits the repository's one and points the plugin at ``playbook_dir``."""
    plugin = {"playbook_dir": playbook_dir}
    if today:
        plugin["today"] = today
    config = {"INHERIT": str(REPO / "mkdocs.yml"), "docs_dir": str(REPO / "docs"), "site_dir": "site",
              "plugins": {"playbook": plugin}}
    path = workdir / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def run_mkdocs(workdir: Path, playbook_dir: str, *, strict: bool = True, today: str | None = TODAY
               ) -> subprocess.CompletedProcess:
    """`mkdocs build` with the repository's configuration, on another playbook, in ``workdir``."""
    write_config(workdir, playbook_dir, today)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    env.pop("PLAYBOOK_TODAY", None)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", *(["--strict"] if strict else [])]
    return subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=300)


def copy_sample(workdir: Path, name: str = "pb") -> Path:
    target = workdir / name
    shutil.copytree(REPO / "playbook", target)
    return target


def edit(playbook: Path, concern: str, change) -> None:
    """Load a playbook file, let ``change`` modify the data, write it back (comments are lost)."""
    path = playbook / f"{concern}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


class Page(HTMLParser):
    """What a reader gets from a page: its text, its elements and their attributes."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.chunks: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.chunks).append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def page(site: Path, path: str) -> Page:
    return Page((site / path).read_text(encoding="utf-8"))


def section_text(html: str, anchor: str) -> str:
    """The text from the heading with id ``anchor`` to the next heading of the same level."""
    match = re.search(rf'<h([1-6]) id="{re.escape(anchor)}"', html)
    assert match, f"no heading #{anchor}"
    level = match.group(1)
    end = re.search(rf"<h[1-{level}][ >]", html[match.end():])
    chunk = html[match.start(): match.end() + end.start()] if end else html[match.start():]
    return Page(chunk).text


def sample_model():
    registry = build_registry()
    ctx = CheckContext.create(registry, dt.date.fromisoformat(TODAY))
    result = load_playbook(str(REPO / "playbook"), registry, ctx)
    assert result.playbook is not None, result.findings
    return result.playbook


# -- the sample ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("sample-site")
    docs_before = sorted(p.relative_to(REPO) for p in (REPO / "docs").rglob("*"))
    result = run_mkdocs(workdir, str(REPO / "playbook"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.relative_to(REPO) for p in (REPO / "docs").rglob("*")) == docs_before, "the build wrote into docs/"
    return workdir / "site", result.stdout + result.stderr


def test_sample_builds_strict_without_warnings(sample):
    site, output = sample
    assert "WARNING" not in output, output
    for path in PAGES:
        assert (site / path).is_file(), path
    assert (site / "flux" / "publications.ics").is_file()
    assert (site / "flux" / "astreinte.ics").is_file()


def test_repository_configuration_builds_strict(tmp_path):
    """`mkdocs build --strict` exactly as `make site` runs it (mkdocs.yml at the top)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAYBOOK_TODAY": TODAY}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "crise.html").is_file()


def test_crisis_page_has_each_phase_checklist_owner_and_delay(sample):
    site, _ = sample
    playbook = sample_model()
    html = (site / "crise.html").read_text(encoding="utf-8")
    for phase in playbook.crisis.phases:
        text = section_text(html, f"phase-{phase.id}")
        assert phase.name in text
        owner = playbook.profile(phase.owner)
        assert owner.name in text
        assert "Délai maximal pour agir" in text
        for action in phase.actions:
            assert action in text
    # the checklist is a task list, one box per action
    boxes = len(re.findall(r'class="task-list-item"', html))
    assert boxes == sum(len(phase.actions) for phase in playbook.crisis.phases)
    # the timeline is an image with a text alternative naming every phase, in order
    svg = re.search(r'<svg class="pb-timeline".*?</svg>', html, re.S).group(0)
    title = Page(re.search(r"<title[^>]*>.*?</title>", svg, re.S).group(0)).text
    positions = [title.index(phase.name) for phase in playbook.crisis.phases]
    assert positions == sorted(positions)
    # escalation chain and holding statements (in code blocks, which get copy buttons)
    assert all(playbook.profile(step.role).name in section_text(html, "alerte") for step in playbook.crisis.escalation)
    statements = section_text(html, "messages")
    for statement in playbook.crisis.holding_statements:
        assert " ".join(statement.text.split()) in statements
    assert html.count('class="pb-statement highlight"') == len(playbook.crisis.holding_statements)


def test_objectives_page_shows_kpi_targets_by_tier(sample):
    site, _ = sample
    playbook = sample_model()
    html = (site / "objectifs.html").read_text(encoding="utf-8")
    for objective in playbook.objectives:
        tier = section_text(html, f"palier-{objective.tier}")
        assert objective.title in tier
        assert objective.kpi.metric in tier
    objective = playbook.objectives[0]
    found = re.search(rf'<tr>(?:(?!</tr>).)*#objectif-{objective.id}"(?:(?!</tr>).)*</tr>', html, re.S)
    row = Page(found.group(0)).text
    target = objective.kpi.target
    shown = f"{int(target)}" if float(target).is_integer() else f"{target}".replace(".", ",")
    assert shown in row
    deadline = objective.kpi.deadline
    assert f"{deadline.day} " in row and str(deadline.year) in row


def test_channels_audiences_and_roles_pages(sample):
    site, _ = sample
    playbook = sample_model()
    channels = (site / "canaux.html").read_text(encoding="utf-8")
    for channel in playbook.channels:
        text = section_text(channels, f"canal-{channel.id}")
        if channel.purpose:
            assert " ".join(channel.purpose.split()) in text
    matrix = page(site, "publics.html")
    assert len(matrix.find("span", **{"class": "pb-yes"})) >= len(playbook.audiences)
    roles = (site / "roles" / "index.html").read_text(encoding="utf-8")
    for profile in playbook.roles.profiles:
        assert profile.name in section_text(roles, f"profil-{profile.id}")
    for person in playbook.roles.people:
        assert f'id="personne-{person.id}"' in roles


def test_coverage_page_answers_who_is_on_duty(sample):
    site, _ = sample
    html = (site / "roles" / "astreinte.html").read_text(encoding="utf-8")
    assert html.count('<svg class="pb-cov"') >= 1
    svg = re.search(r'<svg class="pb-cov".*?</svg>', html, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    team = section_text(html, "equipe")
    assert "Samedi" in team and "Dimanche" in team
    assert "../flux/astreinte.ics" in html


def test_tone_and_charter_pages(sample):
    site, _ = sample
    playbook = sample_model()
    tone = page(site, "ton.html").text
    for entry in playbook.tone.vocabulary:
        assert entry.use in tone
    for term in playbook.tone.banned_terms:
        assert term.term in tone
    for example in playbook.tone.examples:
        assert " ".join(example.do.split()) in tone and " ".join(example.dont.split()) in tone
    charter = page(site, "charte.html").text
    assert "Dernière relecture" in charter
    assert "Relecture en retard" not in charter  # reviewed within its interval on the pinned date


def test_reference_lists_every_rule_and_every_field(sample):
    site, _ = sample
    rules = (site / "reference" / "regles.html").read_text(encoding="utf-8")
    registry = build_registry()
    for rule in registry:
        assert f'id="{rule.code.lower()}"' in rules, rule.code
        assert rule.code in section_text(rules, rule.code.lower())
    fields = page(site, "reference/champs.html").text
    for name in schema_names():
        schema = load_schema(name)
        assert f"{name}.yml" in fields
        for key in schema.get("properties", {}):
            assert key in fields, (name, key)


def test_calendar_page_and_feeds_are_valid_icalendar(sample):
    from icalendar import Calendar

    site, _ = sample
    playbook = sample_model()
    text = page(site, "calendrier.html").text
    dated = [event for event in playbook.calendar.events if event.date and event.date >= dt.date(2027, 1, 1)]
    for event in dated:
        assert event.title in text
    html = (site / "calendrier.html").read_text(encoding="utf-8")
    assert "flux/publications.ics" in html
    feed = Calendar.from_ical((site / "flux" / "publications.ics").read_bytes())
    events = feed.walk("VEVENT")
    assert len(events) == len(playbook.calendar.events)
    uids = {str(event["UID"]) for event in events}
    assert len(uids) == len(events)
    recurring = [event for event in events if "RRULE" in event]
    assert len(recurring) == sum(1 for event in playbook.calendar.events if event.recurrence)
    rota = Calendar.from_ical((site / "flux" / "astreinte.ics").read_bytes())
    shifts = rota.walk("VEVENT")
    assert shifts and all(event["RRULE"]["FREQ"] == ["WEEKLY"] for event in shifts)
    assert rota.walk("VTIMEZONE"), "times need their time zone"


def test_site_is_offline(sample):
    site, _ = sample
    pattern = re.compile(r'<script[^>]+src="https?:|<link[^>]+href="https?:|@import url\(["\']?https?:|'
                         r'fonts\.googleapis|fonts\.gstatic|cdn\.|<img[^>]+src="https?:', re.I)
    offenders = []
    for path in site.rglob("*"):
        if path.suffix in (".html", ".css", ".js") and path.is_file():
            for match in pattern.finditer(path.read_text(encoding="utf-8", errors="replace")):
                offenders.append(f"{path.relative_to(site)}: {match.group(0)}")
    assert not offenders, offenders


def test_no_banner_when_no_crisis(sample):
    site, _ = sample
    for path in PAGES:
        assert "pb-crisis-banner" not in (site / path).read_text(encoding="utf-8"), path
    assert "Aucune crise en cours" in page(site, "crise.html").text


# -- crafted playbooks ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The sample with a crisis going on and HTML/Markdown payloads in many text fields."""
    workdir = tmp_path_factory.mktemp("hostile-site")
    playbook = copy_sample(workdir)
    edit(playbook, "organisation", lambda d: d.update(name="Org " + XSS, values=[XSS, *d["values"]]))

    def crisis(d):
        d["phases"][0]["actions"].insert(0, XSS)
        d["phases"][1]["name"] = "Viralité " + XSS
        d["holding_statements"][0]["text"] = XSS + "\n```\n</code></pre><script>alert(3)</script>\n"
        d["status"] = {"active": True, "level": 2, "started_at": "2027-01-14T21:30:00+01:00", "lead": "claire-le-gall",
                       "frozen_channels": ["facebook"], "summary": "Vidéo virale " + XSS}
    edit(playbook, "crisis", crisis)
    edit(playbook, "objectives", lambda d: d["objectives"][0].update(title=XSS, description=XSS + "\n\n# titre"))
    edit(playbook, "channels", lambda d: d["channels"][0].update(purpose=XSS))
    edit(playbook, "tone", lambda d: d["vocabulary"][0].update(note=XSS))
    edit(playbook, "roles", lambda d: d["profiles"][0].update(description=XSS))
    edit(playbook, "calendar", lambda d: d["events"][0].update(title=XSS))
    result = run_mkdocs(workdir, "pb", strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return workdir / "site"


def test_yaml_values_are_text_never_markup(hostile):
    for path in PAGES:
        parsed = page(hostile, path)
        for tag, attrs in parsed.elements:
            assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
            assert not (tag == "img" and attrs.get("src") == "x"), path
            assert not str(attrs.get("href", "")).startswith("javascript:"), (path, attrs)
        assert not any("alert(" in script for script in parsed.scripts), path
    # the payload is shown, as typed, where it was written
    assert XSS in page(hostile, "index.html").text
    crisis = page(hostile, "crise.html").text
    assert XSS in crisis
    assert "</code></pre><script>alert(3)</script>" in crisis
    assert XSS in page(hostile, "objectifs.html").text
    assert "# titre" in page(hostile, "objectifs.html").text
    assert XSS in page(hostile, "canaux.html").text
    assert XSS in page(hostile, "ton.html").text
    assert XSS in page(hostile, "roles/index.html").text
    assert XSS in page(hostile, "calendrier.html").text
    # nothing in the payload became emphasis or a heading
    objectives = (hostile / "objectifs.html").read_text(encoding="utf-8")
    assert "<em>gras</em>" not in objectives and "<h1>titre" not in objectives


def test_active_crisis_banner_on_every_page(hostile):
    for path in (*PAGES, "guides/modifier-le-playbook.html"):
        html = (hostile / path).read_text(encoding="utf-8")
        banner = re.search(r'<div class="pb-crisis-banner">.*?</div>', html, re.S)
        assert banner, path
        parsed = Page(banner.group(0))
        assert "Crise en cours" in parsed.text and "niveau 2" in parsed.text
        assert XSS in parsed.text
        link = parsed.find("a", **{"class": "pb-crisis-banner__link"})[0]["href"]
        target = (hostile / path).parent / link
        assert target.resolve() == (hostile / "crise.html").resolve(), (path, link)
    crisis = page(hostile, "crise.html").text
    assert "Crise en cours" in crisis and "Claire Le Gall" in crisis


def test_coverage_gap_is_highlighted(tmp_path):
    playbook = copy_sample(tmp_path)
    # promise answers 24/7 on Facebook: nobody is on duty at night
    edit(playbook, "channels", lambda d: d["channels"][0]["response"].update(hours="always"))
    edit(playbook, "lint", lambda d: d.update(rules={"PB210": {"severity": "warning"}}))
    result = run_mkdocs(tmp_path, "pb", strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PB210" in result.stderr  # the gap is still reported, as a warning
    html = (tmp_path / "site" / "roles" / "astreinte.html").read_text(encoding="utf-8")
    section = section_text(html, "promesse-always")
    assert "Heures promises sans personne de permanence" in section
    assert "samedi 18 h–24 h" in section  # French times (issue #17); Page.text makes every space a plain one
    assert "pb-cov-gap" in html and 'fill="url(#promesse-always-hatch)"' in html
    strict = run_mkdocs(tmp_path, "pb", strict=True)
    assert strict.returncode != 0
    assert "PB210" in strict.stderr


def test_overdue_charter_warns_on_its_page(tmp_path):
    playbook = copy_sample(tmp_path)
    result = run_mkdocs(tmp_path, "pb", strict=False, today="2031-01-01")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PB209" in result.stderr
    assert "Relecture en retard" in page(tmp_path / "site", "charte.html").text
    assert playbook.is_dir()


def test_errors_fail_the_build_with_the_cli_findings(tmp_path):
    playbook = copy_sample(tmp_path)
    edit(playbook, "objectives", lambda d: d["objectives"][0].update(owner="personne-inconnue"))
    text = (playbook / "crisis.yml").read_text(encoding="utf-8")
    (playbook / "crisis.yml").write_text(text.replace("max_delay: 30min", "max_delay: bientôt", 1), encoding="utf-8")
    cli = subprocess.run([sys.executable, "-m", "linter", "validate", "pb", "--format", "text", "--color", "never",
                          "--today", TODAY], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert cli.returncode == 1, cli.stdout + cli.stderr
    findings = [line for line in cli.stdout.splitlines() if re.match(r"^pb/\S+:\d+:\d+: error PB\d{3} ", line)]
    assert findings, cli.stdout
    build = run_mkdocs(tmp_path, "pb", strict=False)
    assert build.returncode != 0
    output = build.stdout + build.stderr
    for line in findings:
        assert line in output, (line, output)
    assert not (tmp_path / "site" / "crise.html").exists()


def test_warnings_are_mkdocs_warnings(tmp_path):
    playbook = copy_sample(tmp_path)
    edit(playbook, "objectives", lambda d: d["objectives"][0]["kpi"].update(deadline="2026-01-31"))
    cli = subprocess.run([sys.executable, "-m", "linter", "validate", "pb", "--color", "never", "--today", TODAY],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    warnings = [line for line in cli.stdout.splitlines() if re.match(r"^pb/\S+:\d+:\d+: warning PB\d{3} ", line)]
    assert warnings, cli.stdout
    lenient = run_mkdocs(tmp_path, "pb", strict=False)
    assert lenient.returncode == 0
    for line in warnings:
        assert f"WARNING -  {line}" in lenient.stderr, lenient.stderr
    assert "Échéance dépassée" in page(tmp_path / "site", "objectifs.html").text
    strict = run_mkdocs(tmp_path, "pb", strict=True)
    assert strict.returncode != 0
    assert "strict mode" in strict.stdout + strict.stderr


def test_missing_playbook_folder_is_a_clear_error(tmp_path):
    result = run_mkdocs(tmp_path, "nowhere", strict=False)
    assert result.returncode != 0
    assert "dossier du playbook introuvable" in result.stderr and "playbook_dir" in result.stderr


def test_serve_watches_the_playbook_folder(tmp_path):
    """`mkdocs serve` rebuilds when a playbook file changes: the plugin adds the folder to the watch list."""
    from mkdocs.config import load_config

    copy_sample(tmp_path)
    config = load_config(str(write_config(tmp_path, "pb")))
    watched: list[str] = []

    class Server:
        def watch(self, path, func=None, *, recursive=True):
            watched.append(os.path.abspath(path))

    config.plugins.on_serve(Server(), config=config, builder=lambda: None)
    assert str((tmp_path / "pb").resolve()) in [str(Path(path).resolve()) for path in watched]


def test_a_hand_written_page_cannot_hide_a_generated_one(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    (docs / "crise.md").write_text("# Mon plan de crise à moi\n", encoding="utf-8")
    config = write_config(tmp_path, str(REPO / "playbook"))
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["docs_dir"] = "docs"
    config.write_text(yaml.safe_dump(data), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "crise.md cacherait la page générée à partir du playbook" in result.stderr


# -- for a reader in a hurry (issue #18) -----------------------------------------------------------
def test_every_page_says_when_it_was_updated_and_which_playbook_it_shows(sample):
    site, _ = sample
    for path in (*PAGES, "glossaire.html", "publications.html", "guides/brouillons.html"):
        meta = re.search(r'<p class="pb-page-meta">(.*?)</p>', (site / path).read_text(encoding="utf-8"), re.S)
        assert meta, path
        text = Page(meta.group(1)).text
        # git dates in the repository (the build date for files not committed as they are)
        assert re.fullmatch(r"Page mise à jour le \d{1,2}(er)? \w+ \d{4} · Playbook\u202f?\s?: version du "
                            r"\d{1,2}(er)? \w+ \d{4}( \((modifiée depuis )?[0-9a-f]{4,}\))?", text), text


def test_outside_git_pages_are_dated_on_the_build_date(tmp_path):
    result = run_mkdocs(tmp_path, str(copy_sample(tmp_path)))
    assert result.returncode == 0, result.stdout + result.stderr
    text = page(tmp_path / "site", "crise.html").text
    assert "Page mise à jour le 15 janvier 2027" in text and "Playbook : version du 15 janvier 2027" in text


def test_not_found_page_is_french_and_points_to_the_crisis_page(sample):
    site, _ = sample
    html = (site / "404.html").read_text(encoding="utf-8")
    text = Page(html).text
    assert '<html lang="fr"' in html and "Page introuvable" in text and "404 - Not found" not in text
    assert any(link.get("href", "").endswith("crise.html") for link in Page(html).find("a"))


def test_search_index_forgives_accents_and_works_from_a_folder(sample):
    site, _ = sample
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {"pb_title", "pb_text"} <= set(index["config"]["fields"])
    folded = " ".join(doc.get("pb_text", "") + " " + doc.get("pb_title", "") for doc in index["docs"]).split()
    for word in ("detox", "equipe", "reseaux", "viralite", "telephone", "evin"):
        assert word in folded, word
    inline = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert json.loads(inline[len("var __index = "):]) == index
    # Material's offline plugin would fetch its worker shim from a CDN: ours is local
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/playbook/iframe-worker.js"' in home and "unpkg" not in home


def test_glossary_and_draft_queue_pages(sample):
    site, _ = sample
    glossary = page(site, "glossaire.html").text
    for term in ("Bad buzz", "Astreinte", "Palier", "UTM", "Loi Évin"):
        assert term in glossary, term
    crisis = (site / "crise.html").read_text(encoding="utf-8")
    assert 'class="pb-term" href="glossaire.html#terme-bad-buzz"' in crisis
    assert "Aucun brouillon daté" in page(site, "publications.html").text  # no drafts/ next to this build


def test_crisis_page_has_the_card_and_the_live_answer(sample):
    site, _ = sample
    html = (site / "crise.html").read_text(encoding="utf-8")
    assert '<section class="pb-card" data-search-exclude' in html
    assert re.search(r'<p class="pb-card-meta">Imprimé le <span class="pb-print-date">15 janvier 2027</span> · '
                     r"Playbook\u202f: version du \d", html)
    assert "<!-- playbook:version -->" not in html
    assert 'class="pb-now-data"' in html and '<details class="pb-now-week" open' in html
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'id="qui-appeler"' in home and "<!-- playbook:qui-appeler -->" not in home
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    crisis_text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("crise.html"))
    assert "Fiche réflexe crise" not in crisis_text  # the printed card is not searched twice
