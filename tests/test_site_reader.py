"""The site for a reader in a hurry (issue #18), as pure functions: fast checks of what the
browser tests (test_browser.py) see in Chromium.

Search folding, French spacing, phone tables, glossary links, the « qui appeler » data, the
crisis card, the « publications prévues » cut and the git dates are each checked on small
inputs here, hostile ones included.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest

from linter.core.context import CheckContext
from linter.core.i18n import FRENCH
from linter.drafts.parse import parse_draft
from linter.playbook.loader import load_playbook
from linter.rules import build_registry
from linter.site import search
from linter.site.pages import call_now, crisis_card, glossary, upcoming
from linter.site.pages.polish import link_terms, stack_tables, typography
from linter.site.version import read_history

REPO = Path(__file__).resolve().parents[1]
NNBSP, NBSP = "\u202f", "\u00a0"
HOSTILE = '</script><script>alert("x")</script> <img src=x onerror=alert(1)> & « »'


@pytest.fixture(scope="module")
def sample():
    registry = build_registry()
    result = load_playbook(str(REPO / "playbook"), registry, CheckContext.create(registry, dt.date(2027, 1, 15)))
    assert result.playbook is not None, result.findings
    return result.playbook


# -- search that forgives accents ------------------------------------------------------------------
@pytest.mark.parametrize(("word", "folded"), [("détox", "detox"), ("Équipe", "equipe"), ("réseaux", "reseaux"),
                                              ("viralité", "viralite"), ("téléphone", "telephone"),
                                              ("Évin", "evin"), ("cœur", "coeur")])
def test_fold_removes_accents_and_ligatures(word, folded):
    assert search.fold(word) == folded


def test_folded_fields_hold_only_the_accented_words_once():
    words = search.folded_words("<p>L'équipe répond : l’équipe, <b>réseaux</b> et Pacé, pas paris.</p>")
    assert words.split() == ["equipe", "repond", "reseaux", "pace"]


def test_search_index_gets_folded_fields_and_its_offline_copy(tmp_path):
    folder = tmp_path / "search"
    folder.mkdir()
    index = {"config": {"lang": ["fr"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
             "docs": [{"location": "crise.html", "title": "Viralité", "text": "<p>Prévenir l'équipe</p>"},
                      {"location": "x.html", "title": "Plain", "text": "nothing here"}]}
    (folder / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    (folder / "search_index.js").write_text("var __index = {}", encoding="utf-8")
    assert search.fold_search_index(str(tmp_path))
    written = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    assert written["config"]["fields"]["pb_title"] == {"boost": 1000.0}
    assert written["docs"][0]["pb_title"] == "viralite" and written["docs"][0]["pb_text"] == "prevenir equipe"
    assert "pb_text" not in written["docs"][1]
    assert written["docs"][0]["text"] == "<p>Prévenir l'équipe</p>"  # what is shown is unchanged
    inline = (folder / "search_index.js").read_text(encoding="utf-8")
    assert inline.startswith("var __index = ") and json.loads(inline[len("var __index = "):]) == written
    assert not search.fold_search_index(str(tmp_path / "nowhere"))


# -- French typography and phones ---------------------------------------------------------------------
def test_french_spacing_in_text_never_in_code_or_attributes():
    html = ('<p title="a : b">Note : voir « ici » ! Puis <a href="x">Lucas</a> : du 2 au 5 ; délai 2 h, 30 min. '
            'http://a.b?c=d</p><pre><code>key : value « x »</code></pre>')
    out = typography(html)
    assert f"Note{NNBSP}: voir «{NNBSP}ici{NNBSP}»{NNBSP}!" in out
    assert f"</a>{NNBSP}: du 2 au 5{NNBSP};" in out
    assert f"2{NBSP}h, 30{NBSP}min" in out
    assert 'title="a : b"' in out and "http://a.b?c=d" in out
    assert "<code>key : value « x »</code>" in out


def test_time_ranges_are_kept_on_one_line_except_in_svg():
    out = typography("<p>lun. 09:00–18:00 et 9 h 30-12 h 00</p><svg><text>09:00–18:00</text></svg>")
    assert '<span class="pb-nowrap">09:00–18:00</span>' in out
    assert out.count("pb-nowrap") == 2 and "<text>09:00–18:00</text>" in out
    # The French clock (Language.clock): on the hour too.
    out = typography(f"<p>sam. 9{NNBSP}h–18{NNBSP}h, 8{NNBSP}h{NNBSP}30–19{NNBSP}h{NNBSP}; lun. 14:30</p>")
    assert f'<span class="pb-nowrap">9{NNBSP}h–18{NNBSP}h</span>' in out
    assert f'<span class="pb-nowrap">8{NNBSP}h{NNBSP}30–19{NNBSP}h</span>' in out and out.count("pb-nowrap") == 2
    # Not a range of times: a word after the hour, a duration, digits run into a word.
    assert "pb-nowrap" not in typography("<p>de 9 h–18 heures, 2 h, 3 h à 5 h, v12:00-13:00</p>")


def test_tables_get_column_labels_for_phones():
    html = ('<table>\n<thead>\n<tr>\n<th>Nom</th>\n<th>Heures <em>promises</em></th>\n</tr>\n</thead>\n<tbody>\n'
            '<tr>\n<td>Lundi</td>\n<td>09:00</td>\n</tr>\n</tbody>\n</table><table class="highlighttable"></table>')
    out = stack_tables(html)
    assert "<table data-pb-stack>" in out
    assert '<td data-label="Nom">Lundi</td>' in out and '<td data-label="Heures promises">09:00</td>' in out
    assert '<table class="highlighttable"></table>' in out


# -- glossary -----------------------------------------------------------------------------------------
def test_glossary_links_each_term_once_outside_headings_links_code_and_addresses():
    html = ("<h2>Astreinte</h2><p>Une astreinte, puis une autre astreinte ; le <a href='x'>bad buzz</a>, "
            "le bad buzz. <code>UTM</code> https://a.fr/?utm_source=x UTM</p>")
    out = link_terms(html, glossary.compiled(FRENCH), "../glossaire.html")
    assert out.count("#terme-astreinte") == 1 and "<h2>Astreinte</h2>" in out
    assert '<a class="pb-term" href="../glossaire.html#terme-astreinte">astreinte</a>, puis' in out
    assert out.count("#terme-bad-buzz") == 1 and "<a href='x'>bad buzz</a>" in out
    assert "<code>UTM</code>" in out and "?utm_source=x" in out and out.count("#terme-utm") == 1


def test_glossary_page_defines_every_term():
    page = glossary.render(FRENCH)
    for term in glossary.TERMS:
        assert f"{{#{term.anchor}}}" in page
    assert {term.anchor for term in glossary.TERMS} >= {"terme-bad-buzz", "terme-astreinte", "terme-palier",
                                                         "terme-utm", "terme-loi-evin"}


# -- « qui appeler maintenant » ------------------------------------------------------------------------
@pytest.mark.parametrize(("phone", "href"), [("+33 6 12 34 56 78", "tel:+33612345678"),
                                              ("02 61 91 42 17", "tel:0261914217"),
                                              ("+33 (0)6.12-34", "tel:+33061234"),
                                              ("", None), ("poste", None)])
def test_tel_links_keep_digits_and_a_leading_plus(phone, href):
    assert call_now.tel_href(phone) == href


def test_rota_data_is_safe_inside_a_script_element(sample):
    people = tuple(dataclasses.replace(person, name=HOSTILE) for person in sample.roles.people)
    playbook = dataclasses.replace(sample, roles=dataclasses.replace(sample.roles, people=people))
    section = call_now.render(playbook, "crise.md", FRENCH)
    script = section[section.index('<script type="application/json"'):]
    script = script[:script.index("</script>") + len("</script>")]
    body = script[script.index(">") + 1:-len("</script>")]
    assert "<" not in body and ">" not in body and "&" not in body
    data = json.loads(body)
    assert all(person["name"] == HOSTILE for person in data["people"].values())


def test_rota_data_has_the_organisations_zone_roles_and_rotas(sample):
    data = call_now.rota_data(sample, FRENCH)
    assert data["zone"] == "Europe/Paris"
    assert [role["id"] for role in data["roles"]][:1] == [sample.crisis.escalation[0].role]
    assert {group["hours_name"] for group in data["groups"]} == {"etendu", "bureau"}
    assert data["on_duty"] and all(person_id in data["people"] for person_id in data["on_duty"])
    if sample.roles.on_call:
        assert data["rotas"] and all(rota["people"] for rota in data["rotas"])


def test_without_scripts_the_week_is_open_with_numbers(sample):
    section = call_now.render(sample, "index.md", FRENCH)
    assert '<details class="pb-now-week" open markdown>' in section
    assert '<div class="pb-now" data-pb-now hidden></div>' in section
    with_phone = [person for person in sample.roles.people if person.phone]
    for person in with_phone[:2]:
        assert call_now.tel_href(person.phone) in section


# -- the crisis card ----------------------------------------------------------------------------------
def test_crisis_card_holds_levels_phases_chain_and_statements(sample):
    card = crisis_card.render(sample, "15 janvier 2027", FRENCH)
    assert card.startswith('<section class="pb-card" data-search-exclude') and card.endswith("</section>")
    assert crisis_card.VERSION_MARKER in card and "15 janvier 2027" in card
    for level in sample.crisis.levels:
        assert level.name in card
    for phase in sample.crisis.phases:
        assert phase.name in card and phase.actions[0].replace("'", "&#x27;") in card
    for statement in sample.crisis.holding_statements:
        assert statement.title.replace("'", "&#x27;") in card
    assert '<p lang="en">' in card
    assert "\n\n" not in card  # one raw HTML block for Markdown


def test_crisis_card_escapes_every_value(sample):
    crisis = dataclasses.replace(sample.crisis, levels=tuple(dataclasses.replace(level, name=HOSTILE)
                                                             for level in sample.crisis.levels))
    card = crisis_card.render(dataclasses.replace(sample, crisis=crisis), HOSTILE, FRENCH)
    assert "<script>" not in card and "<img" not in card and "&lt;/script&gt;" in card


# -- « publications prévues » --------------------------------------------------------------------------
def test_queue_preview_is_cut_where_pb303_says(sample):
    from linter.drafts.length import channel_length

    x = sample.channel("x")
    assert x is not None and x.limits is not None and x.limits.max_chars
    body = "Le pressoir " + "tourne encore " * 40
    text = f"---\nchannel: x\nkind: information\npublish_at: 2027-03-02T10:00:00+01:00\n---\n{body}\n"
    draft = parse_draft("drafts/long.md", text, sample.organisation)
    assert draft is not None
    page = upcoming.render(sample, [draft], dt.date(2027, 1, 15), FRENCH)
    total = channel_length(draft, x)
    assert total > x.limits.max_chars
    assert f"{total}{NNBSP}/{NNBSP}{x.limits.max_chars} signes" in page
    assert '<span class="pb-post-cut" role="note">coupé ici</span><del class="pb-post-over">' in page
    shown = page.split('<div class="pb-post-text">')[1].split('<span class="pb-post-cut"')[0]
    assert len(shown) <= x.limits.max_chars and body.startswith(shown)
    assert "Mardi 2 mars 2027" in page


@pytest.mark.parametrize(("after_front_matter", "shown"), [
    ("\n\n   \nLe cidre nouveau arrive.\n\n", "Le cidre nouveau arrive."),  # from its first visible character
    ("\n  \n\t\n", ""),  # a blank body shows nothing
    ("", ""),  # nothing after the front matter
])
def test_queue_preview_shows_the_body_from_its_first_visible_character(sample, after_front_matter, shown):
    front = "---\nchannel: facebook\nkind: information\npublish_at: 2027-03-05T11:30:00+01:00\n---\n"
    text = front + after_front_matter
    draft = parse_draft("drafts/blank.md", text, sample.organisation)
    assert draft is not None
    page = upcoming.render(sample, [draft], dt.date(2027, 1, 15), FRENCH)
    assert page.split('<div class="pb-post-text">')[1].split("</div>")[0] == shown


def test_queue_without_drafts_says_so(sample):
    assert "Aucun brouillon daté" in upcoming.render(sample, [], dt.date(2027, 1, 15), FRENCH)


# -- last updated and version ---------------------------------------------------------------------------
def _git(cwd: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=60)


def test_dates_and_version_come_from_git_else_the_build_date(tmp_path):
    today = dt.date(2027, 1, 15)
    repo = tmp_path / "repo"
    (repo / "playbook").mkdir(parents=True)
    (repo / "playbook" / "crisis.yml").write_text("levels: []\n", encoding="utf-8")
    (repo / "playbook" / "roles.yml").write_text("people: []\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first", date="2026-11-02T10:00:00+01:00")
    (repo / "playbook" / "roles.yml").write_text("people: [] # changed\n", encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "second", date="2026-12-01T10:00:00+01:00")
    history = read_history([str(repo / "playbook")], today)
    crisis = history.revision([str(repo / "playbook" / "crisis.yml")])
    assert crisis.date == dt.date(2026, 11, 2) and crisis.commit and not crisis.modified
    whole = history.revision([str(repo / "playbook")])
    assert whole.date == dt.date(2026, 12, 1) and whole.version(FRENCH).startswith("version du 1er décembre 2026 (")
    (repo / "playbook" / "crisis.yml").write_text("levels: [] # not committed\n", encoding="utf-8")
    changed = read_history([str(repo / "playbook")], today).revision([str(repo / "playbook")])
    assert changed.modified and changed.date == today and "modifiée depuis" in changed.version(FRENCH)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "crisis.yml").write_text("", encoding="utf-8")
    plain = read_history([str(outside)], today).revision([str(outside)])
    assert plain.date == today and plain.commit is None and plain.version(FRENCH) == "version du 15 janvier 2027"


def test_queue_preview_leaves_out_comments_the_network_never_sees(sample):
    text = ("---\nchannel: facebook\nkind: information\npublish_at: 2027-03-05T11:30:00+01:00\n---\n"
            "<!-- playbook-disable-next-line PB313 -->\nLe Pressoir accueille les élus <b>mardi</b>.\n")
    draft = parse_draft("drafts/comment.md", text, sample.organisation)
    assert draft is not None
    page = upcoming.render(sample, [draft], dt.date(2027, 1, 15), FRENCH)
    assert "playbook-disable" not in page
    assert "Le Pressoir accueille les élus &lt;b&gt;mardi&lt;/b&gt;." in page
