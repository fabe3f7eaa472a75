"""The draft parser: front matter with file positions, Markdown-aware spans, never a crash."""

from __future__ import annotations

import datetime as dt

from draft_helpers import draft_text, sample
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.drafts.parse import parse_draft, read_draft
from linter.rules.draft import front_matter, markup
from linter.rules.draft.front_matter import FRONT_MATTER
from linter.rules.draft.markup import UNCLOSED_COMMENT

PARIS_WINTER = dt.timezone(dt.timedelta(hours=1))


def parse(text: str):
    """The draft and what the rules that judge its form (PB301, PB392) report from the parser's notes."""
    playbook, ctx = sample()
    draft = parse_draft("drafts/test.md", text, playbook.organisation, lang=ctx.lang)  # the sample's English
    assert draft is not None
    form = (FRONT_MATTER.code, UNCLOSED_COMMENT.code)
    reported = [*front_matter.check(draft, playbook, ctx), *markup.check(draft, playbook, ctx)]
    return draft, [finding for finding in reported if finding.code in form]


def kinds(draft) -> list[tuple[str, str]]:
    return [(span.kind, draft.text[span.start:span.end]) for span in draft.spans]


# -- front matter ------------------------------------------------------------------------------
def test_fields_are_typed():
    draft, findings = parse(draft_text("Bonjour.\n", channel=None, channels="[facebook, instagram]",
                                       objective="repondre-vite", audience="grand-public", sponsored="true",
                                       language="en"))
    assert findings == []
    assert draft.channels == ("facebook", "instagram")
    assert (draft.kind, draft.author) == ("information", "sophie-guegan")
    assert (draft.objective, draft.audience, draft.language, draft.sponsored) == (
        "repondre-vite", "grand-public", "en", True)
    assert draft.publish_at == dt.datetime(2027, 3, 2, 10, 0, tzinfo=PARIS_WINTER)
    assert draft.body == "Bonjour.\n"


def test_publish_at_without_offset_takes_the_organisation_time_zone():
    winter, _ = parse(draft_text("x\n", publish_at="2027-03-02T10:00"))
    summer, _ = parse(draft_text("x\n", publish_at="2027-07-02 10:00"))
    assert winter.publish_at.utcoffset() == dt.timedelta(hours=1)
    assert summer.publish_at.utcoffset() == dt.timedelta(hours=2)  # Europe/Paris in summer


def test_language_defaults_to_the_organisation():
    draft, _ = parse(draft_text("x\n"))
    assert draft.language == "fr"


def test_missing_fields_are_reported_at_the_top():
    draft, findings = parse("---\nchannel: facebook\n---\nBonjour.\n")
    assert [(f.code, f.line, f.column) for f in findings] == [("PB301", 1, 1)] * 3
    assert {f.message for f in findings} == {"the front matter has no `kind`", "the front matter has no `publish_at`",
                                             "the front matter has no `author`"}
    assert draft.body == "Bonjour.\n"


def test_no_front_matter_at_all():
    draft, findings = parse("Bonjour à tous.\n")
    assert [(f.code, f.line, f.column, f.message) for f in findings] == [
        ("PB301", 1, 1, "the draft has no front matter")]
    assert draft.body == "Bonjour à tous.\n" and draft.meta == {}


def test_unclosed_front_matter():
    _, findings = parse("---\nchannel: facebook\nBonjour.\n")
    assert [(f.code, f.line, f.message) for f in findings] == [
        ("PB301", 1, "the front matter opened on line 1 is never closed")]


def test_yaml_errors_point_into_the_file():
    _, findings = parse("---\nchannel: facebook\nkind: [promo\n---\nBonjour.\n")
    assert len(findings) == 1 and findings[0].code == "PB301"
    assert findings[0].message.startswith("the front matter is not valid YAML")
    assert findings[0].line >= 3


def test_duplicate_key_in_front_matter():
    _, findings = parse(draft_text("x\n") .replace("kind: information", "kind: information\nkind: promo"))
    assert [(f.code, f.line, f.column) for f in findings] == [("PB301", 4, 1)]
    assert "twice" in findings[0].message


def test_front_matter_must_be_a_mapping():
    _, findings = parse("---\n- facebook\n---\nx\n")
    assert [(f.code, f.line, f.column) for f in findings] == [("PB301", 2, 1)]


def test_wrong_types_are_reported_on_the_value():
    text = draft_text("x\n", sponsored="oui", channel="[facebook, x]", author="{name: sophie}")
    _, findings = parse(text)
    assert [(f.line, f.column, f.message) for f in findings] == [
        (2, 10, "`channel` holds a list"),
        (5, 9, "`author` must be a single value, not a mapping"),
        (6, 12, "`sponsored` must be true or false, not text"),
    ]


def test_publish_at_problems():
    _, date_only = parse(draft_text("x\n", publish_at="2027-03-02"))
    _, garbage = parse(draft_text("x\n", publish_at="mardi matin"))
    _, number = parse(draft_text("x\n", publish_at="20270302"))
    assert [(f.line, f.column, f.message) for f in date_only] == [
        (4, 13, "`publish_at` (2027-03-02) has a date but no time")]
    assert [(f.line, f.column) for f in garbage] == [(4, 13)] and "cannot be read" in garbage[0].message
    assert [(f.line, f.column) for f in number] == [(4, 13)] and "not a number" in number[0].message


def test_probable_typo_in_a_field_name_is_a_warning():
    _, findings = parse(draft_text("x\n", audiance="grand-public", title="Titre libre"))
    assert [(f.code, f.severity.value, f.line, f.column, f.hint) for f in findings] == [
        ("PB301", "warning", 6, 1, "Did you mean `audience`?")]


def test_crlf_and_bom_positions():
    _, findings = parse(draft_text("Bonjour #Pacé\r\n", kind="promo: x").replace("\n", "\r\n"))
    assert [(f.code, f.line, f.column) for f in findings] == [("PB301", 3, 12)]
    draft, _ = parse(draft_text("ligne un\r\nligne #deux\r\n").replace("\n", "\r\n").replace("\r\r", "\r"))
    hashtag = draft.spans_of("hashtag")[0]
    assert draft.loc_at(hashtag.start).line == 8 and draft.loc_at(hashtag.start).column == 7


# -- the body ---------------------------------------------------------------------------------
def test_spans_of_a_rich_body():
    body = ("Bonjour @pressoir.flume, lisez [le Carnet](https://www.pressoir-flume.example/carnet) "
            "et `#pas-un-hashtag` <!-- note -->\n"
            "contact@pressoir-flume.example #JusDePomme #1 C# \\#echappe https://bit.ly/abc).\n"
            "\n```\ncode #x @y\n```\n\n    bloc indenté #z\n")
    draft, findings = parse(draft_text(body))
    assert findings == []
    non_prose = [item for item in kinds(draft) if item[0] != "prose"]
    assert non_prose == [
        ("mention", "@pressoir.flume"),
        ("url", "https://www.pressoir-flume.example/carnet"),
        ("code", "`#pas-un-hashtag`"),
        ("html", "<!-- note -->"),
        ("email", "contact@pressoir-flume.example"),
        ("hashtag", "#JusDePomme"),
        ("url", "https://bit.ly/abc"),
        ("code", "```\ncode #x @y\n```"),
        ("code", "    bloc indenté #z"),
    ]
    assert draft.spans_of("hashtag")[0].value == "JusDePomme"
    assert draft.spans_of("mention")[0].value == "pressoir.flume"


def test_html_block_and_multiline_comment_are_not_prose():
    body = "<!--\nune note\nsur deux lignes -->\nTexte visible.\n"
    draft, _ = parse(draft_text(body))
    assert kinds(draft) == [("html", "<!--\nune note\nsur deux lignes -->"), ("prose", "Texte visible.")]


def test_unmatched_backticks_and_comments_stay_prose():
    draft, _ = parse(draft_text("Un ` seul et <!-- jamais fermé\n"))
    assert kinds(draft) == [("prose", "Un ` seul et <!-- jamais fermé")]


def test_words_skip_everything_that_is_not_prose():
    draft, _ = parse(draft_text("Le **prix** `code` https://x.example/prix #Prix cassé\n"))
    assert [word.text for word in draft.words if word.text] == ["Le", "prix", "cassé"]
    assert all(draft.text[word.start:word.end] == word.text for word in draft.words)


def test_read_draft_reports_unreadable_files(tmp_path):
    """The reader notes why a file cannot be read; the loading rules report it (PB003, PB001)."""
    from linter.rules import build_registry

    registry = build_registry()
    path = tmp_path / "latin1.md"
    path.write_bytes(draft_text("Caf\xe9\n").encode("latin-1"))
    draft, notes = read_draft(str(path))
    assert draft is None and [f.code for f in registry.findings_of(notes)] == ["PB003"]
    missing, notes = read_draft(str(tmp_path / "absent.md"))
    assert missing is None and [f.code for f in registry.findings_of(notes)] == ["PB001"]


# -- robustness -------------------------------------------------------------------------------
_markdown = st.lists(st.sampled_from([
    "Bonjour", " ", "\n", "\r\n", "\n\n", "`", "```", "~~~", "    ", "\t", "<!--", "-->", "<b>", "</b>", "<", ">",
    "[", "]", "(", ")", "](", "http://", "https://x.example/a?b=c", "www.", "@", "#", "\\", "*", "_", "«", "»",
    " !", "?", ":", ";", "é", "É", "👍🏽", "🇫🇷", "\u202f", "\u00a0", "06 12 34 56 78", "a@b.example", "---", "...",
    "- ", "> ", "# ", "1. ", "&#35;", "\x00", "\ufeff", "\u2028", "̀",
]), max_size=40).map("".join)
_front = st.lists(st.sampled_from([
    "channel: facebook\n", "channels: [facebook, x]\n", "channel: [\n", "kind: promo\n", "publish_at: 2027-03-02\n",
    "publish_at: 2027-03-02T25:00\n", "publish_at: 12\n", "author: sophie-guegan\n", "author:\n", "sponsored: 3\n",
    "disable: [PB313, nope]\n", "disable: {a: 1}\n", "language: français\n", "- liste\n", "&a [*a]\n",
    "key: !!python/object x\n",
    "\t\n", "  indent: x\n", ": :\n", "'\n",
]), max_size=8).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=_front, body=_markdown, framed=st.booleans())
def test_arbitrary_drafts_never_raise(front, body, framed):
    from draft_helpers import lint_text

    text = f"---\n{front}---\n{body}" if framed else front + body
    draft, _ = parse(text)
    assert draft is not None
    line_count = len(draft.line_starts)
    for span in draft.spans:
        assert 0 <= span.start <= span.end <= len(text)
    for finding in lint_text(text, per_post=False):
        assert 1 <= finding.line <= line_count + 1 and finding.column >= 1
        if finding.fix is not None:
            assert 0 <= finding.fix.start <= finding.fix.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses(text):
    draft, _ = parse(text)
    assert draft is not None and draft.text == text
