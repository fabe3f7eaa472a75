"""The page renderers as pure functions: escaping, French wording, coverage, feeds.

Fast checks of what the site builds rely on; the real `mkdocs build` runs are in
test_site_build.py and the browser in test_browser.py.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from linter.core.context import CheckContext
from linter.core.i18n import ENGLISH, FRENCH
from linter.playbook.loader import load_playbook
from linter.playbook.model import WeeklyHours
from linter.rules import build_registry
from linter.site.markup import attr, block, code_block, inline, show_date, show_duration, show_number
from linter.site.pages import render_site
from linter.site.pages.calendar import describe_rrule
from linter.site.pages.html import label_task_checkboxes
from linter.site.pages.on_duty import coverage_svg, describe_hours

REPO = Path(__file__).resolve().parents[1]
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.superfences",
              "pymdownx.tasklist"]


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS,
                             extension_configs={"pymdownx.tasklist": {"custom_checkbox": True,
                                                                      "clickable_checkbox": True}})


@pytest.mark.parametrize("value", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[clic](javascript:alert(1))",
    "![image](https://example.org/x.png)",
    "*gras* __souligné__ `code`",
    "texte {: onclick=\"alert(1)\" }",
    "- un tiret en tête",
    "1. un numéro en tête",
    "# un titre",
    "> une citation",
    "a | b | c",
    "&amp; &lt;déjà échappé&gt;",
    "<https://example.org>",
    "[ ] case à cocher",
])
def test_inline_values_render_as_the_same_text(value):
    html = render(f"Valeur : {inline(value)}")
    assert html.startswith("<p>") and html.count("<") == 2, html
    from html import unescape

    assert unescape(html[3:-4]) == f"Valeur : {value}"
    alone = render(inline(value))
    assert unescape(alone[3:-4]) == value, alone


def test_block_keeps_paragraphs_and_nothing_else():
    html = render(block("Premier <b>paragraphe</b>\nsuite\n\n# pas un titre\n===\n\n    pas du code"))
    assert html.count("<p>") == 3
    assert "<h1" not in html and "<b>" not in html and "<pre>" not in html


def test_code_block_cannot_be_closed_from_inside():
    text = "ligne\n```\n</code></pre><script>alert(1)</script>\n````"
    html = render(code_block(text))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<pre") == 1


def test_attribute_escaping():
    assert attr('a "b" <c> & \'d\'') == "a &#34;b&#34; &#60;c&#62; &#38; &#39;d&#39;"


def test_task_checkboxes_get_their_item_text_as_label():
    html = render("- [ ] Appeler la direction\n- [ ] Publier le message d'attente\n")
    labelled = label_task_checkboxes(html)
    assert labelled.count('aria-labelledby="tache-') == 2
    assert '<span id="tache-1"> Appeler la direction</span>' in labelled
    plain = label_task_checkboxes(markdown.markdown("- [x] Fait\n", extensions=["pymdownx.tasklist"]))
    assert 'aria-labelledby="tache-1"' in plain and '<span id="tache-1"> Fait</span>' in plain


def test_dates_numbers_and_durations_in_each_language():
    assert show_date(FRENCH, dt.date(2027, 6, 1)) == "1er juin 2027"
    assert show_date(FRENCH, dt.date(2027, 12, 31)) == "31 décembre 2027"
    assert show_date(ENGLISH, dt.date(2027, 3, 18)) == "March 18, 2027"
    assert show_number(FRENCH, 1200) == "1\u202f200" and show_number(ENGLISH, 1200) == "1,200"
    assert show_number(FRENCH, 4.6) == "4,6" and show_number(ENGLISH, 4.6) == "4.6"
    assert show_number(FRENCH, 90.0) == "90" and show_number(FRENCH, -3) == "−3"
    assert show_duration(FRENCH, 30) == "30 min"
    assert show_duration(FRENCH, 90) == "1 h 30" and show_duration(ENGLISH, 90) == "1 h 30 min"
    assert show_duration(FRENCH, 2 * 24 * 60) == "2 jours" and show_duration(ENGLISH, 24 * 60) == "1 day"


def test_rrules_read_in_french_and_english():
    def fr(rule: str) -> str:
        return describe_rrule(rule, FRENCH)

    assert fr("FREQ=YEARLY;BYMONTH=10;BYDAY=3SA") == "chaque année, le 3e samedi d’octobre"
    assert fr("FREQ=MONTHLY;BYDAY=1TU") == "chaque mois, le 1er mardi du mois"
    assert fr("FREQ=YEARLY;BYMONTH=4;BYDAY=-1SA") == "chaque année, le dernier samedi d’avril"
    assert fr("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO") == "toutes les 2 semaines, le lundi"
    assert fr("FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=21") == "chaque année, le 21 juin"
    assert fr("FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1") == "chaque année, le 1er juin"
    assert fr("FREQ=DAILY;COUNT=3") == "règle «\u202fFREQ=DAILY;COUNT=3\u202f»"
    assert describe_rrule("FREQ=YEARLY;BYMONTH=10;BYDAY=3SA", ENGLISH) == "every year, the 3rd Saturday of October"
    assert describe_rrule("FREQ=MONTHLY;BYDAY=1TU", ENGLISH) == "every month, the 1st Tuesday of the month"
    assert describe_rrule("FREQ=YEARLY;BYMONTH=4;BYDAY=-1SA", ENGLISH) == "every year, the last Saturday of April"
    assert describe_rrule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", ENGLISH) == "every 2 weeks, on Monday"
    assert describe_rrule("FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=21", ENGLISH) == "every year, on June 21"
    assert describe_rrule("FREQ=MONTHLY;BYDAY=2WE", ENGLISH) == "every month, the 2nd Wednesday of the month"


def test_hours_described_day_by_day():
    office = WeeklyHours(tuple((day * 1440 + 540, day * 1440 + 1080) for day in range(5)))
    assert describe_hours(office, FRENCH) == "lun.–ven. 9\u202fh–18\u202fh"
    assert describe_hours(WeeklyHours.always(), FRENCH) == "24 h sur 24, 7 jours sur 7"
    assert describe_hours(office, ENGLISH) == "Mon–Fri 09:00–18:00"
    assert describe_hours(WeeklyHours.always(), ENGLISH) == "24 hours a day, 7 days a week"
    weekend = WeeklyHours(((5 * 1440 + 510, 5 * 1440 + 750), (6 * 1440, 7 * 1440)))  # Sat 8:30-12:30, Sun all day
    assert describe_hours(weekend, FRENCH) == "sam. 8\u202fh\u202f30–12\u202fh\u202f30\u202f; dim. 0\u202fh–24\u202fh"
    assert describe_hours(weekend, ENGLISH) == "Sat 08:30–12:30; Sun 00:00–24:00"
    # Put in a Markdown line, the narrow no-break spaces stay (a time never breaks on a phone).
    assert inline(describe_hours(weekend, FRENCH)) == describe_hours(weekend, FRENCH)


def test_coverage_picture_marks_gaps_and_has_a_text_alternative():
    promised = WeeklyHours(((5 * 1440 + 600, 5 * 1440 + 1320),))  # Saturday 10:00-22:00
    on_duty = WeeklyHours(((5 * 1440 + 600, 5 * 1440 + 1080),))   # Saturday 10:00-18:00
    gaps = WeeklyHours(((5 * 1440 + 1080, 5 * 1440 + 1320),))
    svg = coverage_svg(promised, on_duty, gaps, "k", "Titre <b>", "Samedi 18:00–22:00 sans personne", FRENCH)
    assert 'role="img"' in svg and 'aria-labelledby="k-title k-desc"' in svg
    assert "<title id=\"k-title\">Titre &lt;b&gt;</title>" in svg
    assert svg.count('class="pb-cov-gap"') == 2  # the gap and its legend swatch
    assert svg.count('class="pb-cov-on"') == 2
    # The hours down the side, as the language writes them.
    assert ">0\u202fh</text>" in svg and ">24\u202fh</text>" in svg and ":00</text>" not in svg
    english = coverage_svg(promised, on_duty, gaps, "k", "Title", "Saturday 18:00–22:00 nobody", ENGLISH)
    assert ">00:00</text>" in english and ">24:00</text>" in english


@pytest.fixture(scope="module")
def sample_site():
    registry = build_registry()
    today = dt.date(2027, 1, 15)
    result = load_playbook(str(REPO / "playbook"), registry, CheckContext.create(registry, today))
    assert result.playbook is not None
    return result.playbook, render_site(result.playbook, registry, today, FRENCH)


def test_render_site_is_reproducible(sample_site):
    playbook, site = sample_site
    again = render_site(playbook, build_registry(), dt.date(2027, 1, 15), FRENCH)
    assert dict(site.pages) == dict(again.pages)
    assert dict(site.files) == dict(again.files)
    assert site.banner is None


def test_rota_feed_skips_absences(sample_site):
    from icalendar import Calendar

    playbook, site = sample_site
    rota = Calendar.from_ical(site.files["flux/astreinte.ics"])
    absent = next(person for person in playbook.roles.people if person.absences)
    excluded = set()
    for event in rota.walk("VEVENT"):
        if absent.name in str(event["SUMMARY"]):
            dates = event.get("EXDATE")
            for item in dates if isinstance(dates, list) else [dates] if dates else []:
                excluded.update(moment.dt.date() for moment in item.dts)
    absence = absent.absences[0]
    scheduled_days = {day for day in range(7)
                      if any(absent.schedule.contains(day * 1440 + m) for m in range(0, 1440, 30))}
    expected = {absence.start + dt.timedelta(days=offset) for offset in range((absence.end - absence.start).days + 1)}
    expected = {day for day in expected if day.weekday() in scheduled_days}
    assert expected and expected <= excluded


def test_pages_and_cli_do_not_import_mkdocs():
    code = ("import sys, linter.site.pages, linter.cli; "
            "assert not any(name == 'mkdocs' or name.startswith('mkdocs.') for name in sys.modules), "
            "sorted(n for n in sys.modules if n.startswith('mkdocs'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_documentation_text_keeps_code_spans_and_spaces():
    from linter.site.markup import rich_inline

    html = render(rich_inline("Set `response.hours` to <b>bureau</b> or `always`."))
    from html import unescape

    assert html.startswith("<p>Set <code>response.hours</code> to ") and html.endswith(" or <code>always</code>.</p>")
    assert "<b>" not in html
    assert unescape(html) == "<p>Set <code>response.hours</code> to <b>bureau</b> or <code>always</code>.</p>"
