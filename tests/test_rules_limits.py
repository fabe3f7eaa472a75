"""PB303-PB306: length, hashtags, mentions and emoji against each channel's limits."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from draft_helpers import BODY_LINE, codes, draft_text, lint_body, positions, with_channel, with_tone


def test_length_counts_graphemes_not_code_points():
    playbook = with_channel("x", max_chars=10, url_length=None, max_emoji=None)
    ok = "é" * 5 + "👍🏽🇫🇷" + "e\u0301" * 3  # 10 user-perceived characters, 16 code points
    assert codes(lint_body(ok + "\n", playbook, channel="x")) == set()
    findings = lint_body(ok + "!\n", playbook, channel="x")
    assert positions(findings, "PB303") == [(BODY_LINE, 16)]  # columns count code points
    assert findings[0].message.startswith("the post is 11 characters long; Pressoir de la Flume sur X allows 10")


def test_links_count_the_channel_url_length():
    url = "https://www.pressoir-flume.example/" + "a" * 100 + "?utm_source=x&utm_medium=social&utm_campaign=c"
    body = "x" * 250 + " " + url + "\n"  # 250 + 1 + 23 = 274 on X, whatever the link's length
    assert codes(lint_body(body, channel="x")) == set()
    findings = lint_body("y" * 7 + body, channel="x")  # 281
    assert positions(findings, "PB303") == [(BODY_LINE, 259)]  # the link itself passes the limit
    assert "each link counts 23" in findings[0].hint


def test_comments_do_not_count_and_the_limit_applies_per_channel():
    body = "<!-- " + "n" * 400 + " -->\n" + "Texte court.\n"
    assert codes(lint_body(body, channel="x")) == set()
    long_text = "mot " * 100 + "\n"  # 400 characters: over X (280), under Facebook (800)
    findings = lint_body(long_text, channel=None, channels="[facebook, x]")
    assert [(f.code, f.message.split(";")[1].strip()) for f in findings] == [
        ("PB303", "Pressoir de la Flume sur X allows 280 (the text from here on is over)")]


def test_hashtags_over_the_limit():
    findings = lint_body("Récolte terminée #Verger #Pomme #Cidre\n", channel="x")
    assert positions(findings, "PB304") == [(BODY_LINE, 33)]
    assert findings[0].message == "the post has 3 hashtags; Pressoir de la Flume sur X allows 2"


def test_hashtag_near_misses():
    body = "Récolte #Verger #Pomme, numéro #1, C#, `#code` https://x.example/#ancre\n"
    assert codes(lint_body(body, channel="x")) == set()


def test_mentions_over_the_limit():
    body = "Merci @RennesMetropole @IlleEtVilaine @RegionBretagne @CCI_Rennes.\n"
    findings = lint_body(body, channel="x")
    assert positions(findings, "PB305") == [(BODY_LINE, 55)]


def test_email_addresses_are_not_mentions():
    body = "Merci @a @b @c, écrivez à contact@pressoir-flume.example.\n"
    assert codes(lint_body(body, channel="x")) == set()


def test_emoji_over_the_channel_limit():
    findings = lint_body("La récolte est finie 🍎🍐\n", channel="x")
    assert positions(findings, "PB306") == [(BODY_LINE, 23)]
    assert findings[0].message == "the post has 2 emoji; Pressoir de la Flume sur X allows 1"


def test_emoji_near_misses():
    body = "Cidre® de la Flume™ © 2027 — un seul 👍🏽 et un drapeau, `🍎🍐` en code\n"
    assert codes(lint_body(body, channel="x")) == set()


def test_emoji_policy_none_forbids_all():
    findings = lint_body("Bonne journée 🙂\n", with_tone(emoji_policy="none"))
    assert positions(findings, "PB306") == [(BODY_LINE, 15)]
    assert "the charter allows no emoji" in findings[0].message


def test_english_post_limits():
    findings = lint_body("Harvest is over 🍎🍐 #Orchard #Apples #Cider\n", channel="x", language="en")
    assert positions(findings, "PB304") == [(BODY_LINE + 1, 37)]  # `language: en` adds a line
    assert positions(findings, "PB306") == [(BODY_LINE + 1, 18)]


_BODY_PIECES = ["Cidre", " ", "  ", "\n", "\r\n", "\n\n", "\r\n\r\n", "é", "https://ex.fr/a?b=1", "www.ex.fr",
                "<!-- note -->", "<!-- playbook-disable PB303 -->", "<b>", "`code`", "\n```\nx = 1\n```\n", "#cidre",
                "@verger", "jo@ex.fr", "[lien](https://ex.fr)", "\t", "    retrait", "«\u202fOui\u202f»", ".", "\u00a0"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_BODY_PIECES), max_size=20), st.sampled_from([None, 0, 23]))
@example(["Texte", "\r\n\r\n", "<div>\r\nligne\r\n</div>", "\r\n\r\n", "Fin https://ex.fr/a"], 23)
@example(["\r\n", "  ", "<!-- a -->", " Oui", "\r\n"], None)
def test_a_plain_body_is_counted_as_piece_by_piece(pieces, url_length):
    """The length of a body without marks or emoji is worked out from its links and comments alone."""
    from linter.drafts.parse import parse_draft
    from linter.rules.draft import limits

    draft, _ = parse_draft("drafts/x.md", draft_text("".join(pieces)))
    piece_by_piece = sum(fixed if fixed is not None else limits._count(draft.text, start, end)
                         for start, end, fixed in limits._segments(draft, url_length))
    assert limits._plain_length(draft, url_length) == piece_by_piece
    assert limits.post_length(draft, url_length) == piece_by_piece
