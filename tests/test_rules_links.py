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


# -- issue #16: links without a scheme, tracking values of another channel, long hosts ---------------
def test_links_without_a_scheme_are_links_for_every_rule():
    findings = lint_body("Réservez sur www.pressoir-flume.example/boutique/pomme-rhubarbe dès ce soir.\n")
    assert positions(findings, "PB316") == [(BODY_LINE, 14)]
    assert findings[0].message == "the link has no https:// (networks open it as http://)"
    assert findings[0].hint == "Write the full address: https://www.pressoir-flume.example/boutique/pomme-rhubarbe"
    assert positions(findings, "PB318") == [(BODY_LINE, 14)]
    bare = lint_body("Réservez sur pressoir-flume.fr/boutique?utm_source=x, merci.\n")
    assert positions(bare, "PB316") == [(BODY_LINE, 14)]
    assert positions(bare, "PB332") == [(BODY_LINE, 14)]


def test_names_that_look_like_addresses_are_not_links():
    body = "Notre appli en ASP.NET, le mot bit.ly, la fin.Le jour suivant, contact@pressoir.fr, 4.50 €.\n"
    assert codes(lint_body(body)) & {"PB316", "PB317", "PB318", "PB332"} == set()


def test_a_shortened_link_is_reported_once():
    findings = lint_body("Programme\u202f: bit.ly/verger-2027 et www.tinyurl.com/x\n")
    assert [(finding.code, finding.column) for finding in findings if finding.code.startswith("PB31")] == [
        ("PB317", 13), ("PB317", 35)]


def test_tracking_values_of_another_channel():
    link = "https://www.pressoir-flume.example/presse?utm_source=facebook&utm_medium=social&utm_campaign=mars"
    findings = lint_body(f"Nos photos\u202f: {link}\n", channel="x", audience="journalistes")
    assert positions(findings, "PB332") == [(BODY_LINE + 1, 14)]
    assert findings[0].message == "the link says utm_source=facebook, but the post goes to Pressoir de la Flume sur X"
    several = lint_body(f"Nos photos\u202f: {link}\n", channel=None, channels="[facebook, instagram]")
    assert [finding.message.rsplit(" ", 1)[-1] for finding in several if finding.code == "PB332"] == ["Instagram"]


def test_tracking_values_that_name_the_channel():
    for source in ("x", "X", "twitter"):
        link = f"https://www.pressoir-flume.example/presse?utm_source={source}&utm_medium=social&utm_campaign=mars"
        assert "PB332" not in codes(lint_body(f"Nos photos : {link}\n", channel="x", audience="journalistes"))
    # No utm_source at all is PB318's business, and a shortener hides the parameters (PB317).
    findings = lint_body("Voir https://www.pressoir-flume.example/presse et https://bit.ly/a?utm_source=ig\n")
    assert "PB332" not in codes(findings)


def test_hosts_of_many_labels():
    """The quadratic cases of issue #16: a host of 40,000 labels is judged from its last labels."""
    from linter.rules.draft.links import _matches

    assert _matches("a." * 40_000 + "bit.ly", frozenset({"bit.ly"}))
    assert not _matches("a." * 40_000 + "ly", frozenset({"bit.ly"}))
    assert _matches("bit.ly", frozenset({"bit.ly"})) and not _matches("habit.ly", frozenset({"bit.ly"}))
    findings = lint_body("https://" + "a." * 40_000 + "\n")
    assert codes(findings) & {"PB316", "PB317", "PB318", "PB332"} == set()  # not our site, not a shortener
    findings = lint_body("www." * 150_000 + "\n")
    assert positions(findings, "PB316") == [(BODY_LINE, 1)]
