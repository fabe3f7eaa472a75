"""PB303-PB306: length, hashtags, mentions and emoji against each channel's limits."""

from __future__ import annotations

import pytest
from draft_helpers import BODY_LINE, codes, draft_text, lint_body, positions, with_channel, with_tone
from hypothesis import given, settings
from hypothesis import strategies as st


def test_length_counts_graphemes_not_code_points():
    playbook = with_channel("x", max_chars=10, url_length=None, max_emoji=None, counting="graphemes")
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
    assert "X counts each link as 23" in findings[0].hint


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
    assert codes(lint_body(body, channel="x")) & {"PB303", "PB304", "PB305", "PB306"} == set()


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


# -- counting as each network counts (linter.drafts.counting) ---------------------------------

def _x_conformance_cases():
    import yaml
    from draft_helpers import ROOT

    data = yaml.safe_load((ROOT / "tests" / "data" / "twitter-text-validate.yml").read_text(encoding="utf-8"))
    sections = (("WeightedTweetsCounterTest", False), ("WeightedTweetsWithDiscountedEmojiCounterTest", True),
                ("UnicodeDirectionalMarkerCounterTest", True))
    return [pytest.param(case, emoji, id=f"{section}: {case['description']}")
            for section, emoji in sections for case in data["tests"][section]]


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize(("case", "emoji"), _x_conformance_cases())
def test_x_agrees_with_twitter_text_conformance(case, emoji):
    """twitter-text's parseTweet, rebuilt from our pieces: weighted length, validity, valid range."""
    import unicodedata

    from linter.drafts import counting

    text = case["text"]
    normal = unicodedata.normalize("NFC", text)
    total, valid, last_valid = 0, True, 0
    for piece in counting.x_pieces(normal, 23, emoji):
        steps = [(piece.start + k + 1, piece.each) for k in range(piece.end - piece.start)] if piece.each \
            else [(piece.end, piece.weight)]
        for end, weight in steps:
            total += weight
            valid = valid and counting.x_invalid(normal[end - 1:end]) is None
            if valid and total <= 280:
                last_valid = _utf16(normal[:end]) - 1
    expected = case["expected"]
    assert total == expected["weightedLength"]
    assert (valid and 0 < total <= 280) == expected["valid"]
    assert last_valid + _utf16(text) - _utf16(normal) == expected["validRangeEnd"]
    assert int(total / 280 * 1000) == expected["permillage"]
    if emoji:  # X today (config v3): the rule's own functions say the same
        assert counting.length(text, counting.X) == expected["weightedLength"]
        over = counting.first_over(text, counting.X, 280)
        if expected["weightedLength"] <= 280:
            assert over is None
        elif text == normal:
            assert _utf16(text[:over]) == expected["validRangeEnd"] + 1


def test_x_weighs_emoji_and_signs_outside_the_latin_ranges():
    """Ten emoji near the limit: 270 + 10 graphemes fit 280, but X weighs each emoji 2."""
    body = "a" * 269 + " " + "🍎" * 10 + "\n"
    findings = lint_body(body, channel="x", audience="journalistes")
    assert positions(findings, "PB303") == [(BODY_LINE + 1, 276)]  # the sixth apple passes 280
    too_long = [finding for finding in findings if finding.code == "PB303"]
    assert too_long[0].message.startswith("the post is 290 characters long as X counts it;")
    assert codes(lint_body(body, with_channel("x", counting="graphemes", max_emoji=None), channel="x")) - {"PB306"} \
        == set()


def test_x_counts_the_narrow_no_break_space_euro_and_ellipsis_two():
    from linter.drafts import counting

    assert counting.length("Prix\u202f: 4,50\u202f€…", counting.X) == 4 + 2 + 1 + 5 + 2 + 2 + 2
    assert counting.length("« Oui » — l’été’", counting.X) == len("« Oui » — l’été’")  # all in the light ranges
    # 27 light characters (© alone is a sign, not an emoji), then 🍎, ☺️, 1️⃣ and 🇫🇷 at 2 each
    assert counting.length("Le cidre 🍎 et © 2027, ☺️ 1️⃣ 🇫🇷", counting.X) == 23 + 2 * 4


def test_links_as_x_finds_them():
    from linter.drafts import counting

    def links(text):
        return [text[start:end] for start, end in counting.extract_links(text)]

    assert links("Voir https://www.pressoir-flume.example/carnet?utm_source=x, merci.") == [
        "https://www.pressoir-flume.example/carnet?utm_source=x"]
    assert links("Sur pressoir-flume.fr/boutique. Et www.exemple.com!") == ["pressoir-flume.fr/boutique",
                                                                            "www.exemple.com"]
    assert links("(voir https://fr.wikipedia.org/wiki/Cidre_(boisson)).") == [
        "https://fr.wikipedia.org/wiki/Cidre_(boisson)"]
    # Not links: an unknown ending without scheme, an e-mail address, a sentence without a space,
    # a hashtag, a label longer than 63 characters.
    assert links("fin.Le jour, contact@pressoir.fr, #exemple.fr, 4.50, "
                 + "a" * 64 + ".com https://" + "b" * 64 + ".fr") == []
    # Long runs of labels are read once (the quadratic cases of issue #16) and judged whole.
    assert links("https://" + "a." * 40_000) == []
    assert links("www." * 150_000) == []
    assert links("https://" + "www." * 150_000 + "fr") == []  # longer than twitter-text's 4,096
    assert links("https://" + "www." * 1_000 + "fr") == ["https://" + "www." * 1_000 + "fr"]


def test_each_network_counts_its_own_way():
    from linter.drafts import counting

    text = "Bonjour 🍎 https://www.pressoir-flume.example/" + "p" * 40 + " @anne@exemple.social"
    assert counting.length(text, counting.GRAPHEMES) == 8 + 1 + 1 + 75 + 1 + 20
    assert counting.length(text, counting.MASTODON) == 8 + 1 + 1 + 23 + 1 + 5  # link 23, server not counted
    assert counting.length(text, counting.THREADS) == 8 + 4 + 1 + 75 + 1 + 20  # 🍎 is 4 UTF-8 bytes
    assert counting.length(text, counting.UTF16) == 8 + 2 + 1 + 75 + 1 + 20
    assert counting.counting_of("x") == counting.X
    assert counting.counting_of("bluesky") == counting.GRAPHEMES
    assert counting.counting_of("tiktok") == counting.UTF16
    assert counting.counting_of("blog") == counting.GRAPHEMES
    assert counting.counting_of("x", "graphemes") == counting.GRAPHEMES


def test_a_channel_without_max_chars_has_its_networks_limit():
    playbook = with_channel("instagram", max_chars=None)
    body = "Verger " * 320 + "\n"  # 2,240 characters: over Instagram's own 2,200
    findings = lint_body(body, playbook, channel="instagram")
    assert [finding.message.split(";")[1].strip() for finding in findings if finding.code == "PB303"] == [
        "Pressoir de la Flume sur Instagram allows 2,200 (the text from here on is over)"]


def test_comments_and_crlf_are_not_counted_on_x():
    body = "<!-- " + "n" * 400 + " -->\r\n" + "a\r\n" * 139 + "b\r\n"  # 139 × 2 + 1 = 279 once published
    assert codes(lint_body(body, channel="x", audience="journalistes")) == set()
    findings = lint_body(body.replace("b\r\n", "bcd\r\n"), channel="x", audience="journalistes")
    assert positions(findings, "PB303") == [(BODY_LINE + 141, 3)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_BODY_PIECES + ["🍎", "\u202f€…", "e\u0301"]), max_size=20))
def test_the_published_text_of_a_plain_post_is_one_slice(pieces):
    """The quick way (one slice when there is no comment and no \\r\\n) gives what the segments give."""
    from linter.drafts.length import Published
    from linter.drafts.parse import parse_draft

    draft = parse_draft("drafts/x.md", draft_text("".join(pieces)))
    quick, slow = Published.of(draft), Published.by_segments(draft)
    assert quick.text == slow.text
    assert [quick.place(offset) for offset in range(len(quick.text))] == \
        [slow.place(offset) for offset in range(len(slow.text))]
