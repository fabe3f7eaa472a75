"""Disables in drafts: whole file, next line, front matter; PB390 unused, PB391 unknown code."""

from __future__ import annotations

from draft_helpers import BODY_LINE, codes, draft_text, lint_body, lint_text, positions

LOUD = "ATTENTION, boutique FERMÉE lundi\u202f!!!\n"


def test_disable_comment_covers_the_whole_file():
    findings = lint_body("<!-- playbook-disable PB313 PB314 -- annonce urgente -->\n" + LOUD)
    assert codes(findings) == set()


def test_disable_next_line_covers_only_the_next_non_blank_line():
    body = "<!-- playbook-disable-next-line PB314 -->\n\n" + LOUD + LOUD
    findings = lint_body(body)
    assert positions(findings, "PB314") == [(BODY_LINE + 3, 34)]
    assert "PB390" not in codes(findings)


def test_front_matter_list():
    findings = lint_body(LOUD, disable="[PB313, pb314]")
    assert codes(findings) == set()


def test_comment_without_codes_silences_everything():
    assert codes(lint_body("<!-- playbook-disable -->\n" + LOUD)) == set()


def test_unused_disable_is_reported_per_code():
    findings = lint_body("<!-- playbook-disable PB313 PB307 -->\n" + LOUD)
    assert positions(findings, "PB390") == [(BODY_LINE, 29)]
    unused = [finding for finding in findings if finding.code == "PB390"]
    assert unused[0].message == "this disable of PB307 silences nothing: the file has no PB307 finding"
    next_line = lint_body("<!-- playbook-disable-next-line PB313 -->\nBonjour.\n")
    assert positions(next_line, "PB390") == [(BODY_LINE, 33)]
    assert next_line[0].message == f"this disable of PB313 silences nothing: line {BODY_LINE + 1} has no PB313 finding"


def test_unused_disable_in_front_matter_points_at_the_item():
    findings = lint_body("Bonjour.\n", disable="[PB313]")
    assert positions(findings, "PB390") == [(6, 11)]


def test_unknown_code():
    findings = lint_body("<!-- playbook-disable PB3013 -->\nBonjour.\n", disable="[PB999]")
    assert positions(findings, "PB391") == [(6, 11), (BODY_LINE + 1, 23)]  # `disable:` adds a line
    assert findings[1].message == "PB3013 is not a rule code: this disable silences nothing"
    assert "PB390" not in codes(findings)


def test_disable_in_code_is_not_a_disable_and_queue_findings_can_be_disabled():
    findings = lint_body("`<!-- playbook-disable PB313 -->`\n" + LOUD)
    assert "PB313" in codes(findings)
    # Whichever queue rules fire on a lone promotional post, its own disable list silences them.
    alone = lint_text(draft_text("Offre du jour.\n", kind="promo", channel="x"), per_post=False)
    queue_codes = sorted({finding.code for finding in alone if finding.code.startswith("PB4")})
    assert queue_codes, "the lone post should draw at least one queue finding"
    promo = draft_text("Offre du jour.\n", kind="promo", channel="x", disable=f"[{', '.join(queue_codes)}]")
    everything = lint_text(promo, per_post=False)
    assert not any(finding.code.startswith("PB4") for finding in everything)
    assert "PB390" not in codes(everything)


def test_pb390_can_itself_be_disabled():
    assert codes(lint_body("Bonjour.\n", disable="[PB313, PB390]")) == set()


def test_a_drafts_disables_are_read_once_however_many_rules_have_findings(monkeypatch, tmp_path):
    """The runner, the disable rules and each rule's Tally all ask for the draft's disables: they are
    read from the front matter and the comments once per draft (Draft.directives), and still
    silence what they name."""
    from draft_helpers import sample

    from linter.core.pipeline import Filters, report
    from linter.drafts import parse, run

    reads = []
    real = parse.directives_of  # linter.core.disables's, as the parser calls it
    monkeypatch.setattr(parse, "directives_of", lambda draft: reads.append(draft.path) or real(draft))
    path = tmp_path / "loud.md"
    # PB313 and PB314 both have findings (each with its Tally); PB314's on the first line is silenced.
    path.write_text(draft_text("<!-- playbook-disable-next-line PB314 -->\n" + LOUD + LOUD), encoding="utf-8")
    playbook, ctx = sample()
    checker = run.Checker.build(playbook, ctx)
    result = run._linted_chunk(checker, [str(path)])[0]
    assert reads == [str(path)]
    assert len(result.directives) == 1 and result.directives[0].codes == ("PB314",)
    assert {"PB313", "PB314"} <= codes(result.findings)
    findings = run.finish_queue([result], playbook, ctx).findings
    shown = report(findings, ctx.registry, Filters(ctx.settings), {result.path: result.directives}, ctx.lang)
    assert positions(shown, "PB314") == [(BODY_LINE + 2, 34)] and "PB313" in codes(shown)
    assert reads == [str(path)]
