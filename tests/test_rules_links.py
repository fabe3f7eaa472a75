"""PB316 http links, PB317 shorteners, PB318 tracking parameters on links to our site."""

from __future__ import annotations

from draft_helpers import BODY_LINE, codes, lint_body, positions, with_tone

TRACKED = "?utm_source=facebook&utm_medium=social&utm_campaign=mars"


def test_http_link_fires():
    findings = lint_body(f"Lisez http://www.pressoir-flume.example/carnet{TRACKED}\n")
    assert positions(findings, "PB316") == [(BODY_LINE, 7)]
    assert findings[0].message == "the link uses http://, not https://"


def test_http_near_misses():
    body = f"Lisez https://www.pressoir-flume.example/carnet{TRACKED} et `http://exemple.local`.\n"
    assert codes(lint_body(body)) == set()
    assert "PB316" not in codes(lint_body(f"http://www.pressoir-flume.example/{TRACKED}\n",
                                          with_tone(require_https=False)))


def test_shorteners_with_and_without_scheme():
    findings = lint_body("Voir https://bit.ly/abc, www.tinyurl.com/x et aussi ow.ly/recolte.\n")
    assert positions(findings, "PB317") == [(BODY_LINE, 6), (BODY_LINE, 26), (BODY_LINE, 53)]
    assert findings[0].message == "the link goes through the shortener bit.ly"


def test_shortener_near_misses():
    body = "Voir https://habit.ly.example/a, contact@bit.ly.example et le mot bit.ly seul.\n"
    assert "PB317" not in codes(lint_body(body))


def test_missing_tracking_on_our_site_only():
    body = ("Lire https://www.pressoir-flume.example/carnet?utm_source=facebook et "
            "https://boutique.pressoir-flume.example/coffret ; ailleurs https://www.rennes.example/agenda\n")
    findings = lint_body(body)
    assert positions(findings, "PB318") == [(BODY_LINE, 6), (BODY_LINE, 71)]
    assert findings[0].message == ("the link lacks utm_medium, utm_campaign, which Pressoir de la Flume sur Facebook "
                                   "requires")


def test_tracking_not_required_on_the_blog_and_markdown_links():
    assert "PB318" not in codes(lint_body("[Le Carnet](https://www.pressoir-flume.example/carnet)\n", channel="blog"))
    findings = lint_body("[Le Carnet](https://www.pressoir-flume.example/carnet)\n")
    assert positions(findings, "PB318") == [(BODY_LINE, 13)]


def test_english_post_links():
    findings = lint_body("Read http://www.pressoir-flume.example/en\n", language="en")
    assert positions(findings, "PB316") == [(BODY_LINE + 1, 6)]
    assert positions(findings, "PB318") == [(BODY_LINE + 1, 6)]
