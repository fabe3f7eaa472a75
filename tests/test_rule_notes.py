"""A rule's example is a file shown verbatim in every language; what is said about it is a translated note.

`playbook explain` in French used to print English sentences tucked into examples ("(made with
mkfifo)", YAML comments, "(roles.yml: the community managers work…)"). Those sentences now live
in ``example_note`` / ``fixed_note``, which go through the catalog like ``what`` and ``why``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import cli
from linter.core.findings import Finding, Report, Severity
from linter.core.i18n import Language
from linter.output import render
from linter.output.place import Place
from linter.rules import build_registry
from linter.rules.load.access import SPECIAL_FILE
from linter.rules.playbook.coverage_gap import COVERAGE_GAP
from linter.rules.queue.unattended_post import COVERAGE
from linter.rules.schema.shape import INVALID_VALUE
from linter.site.pages.reference import render_rules

REGISTRY = build_registry()
FRENCH = Language("fr")

# Words that only an English sentence uses. Words French shares are left out ("a", "an", "on",
# "or", "as", "but"), so French draft bodies never trip it. A token glued to `_` or `-` is part of
# an identifier (publish_at, reviewed_by, publish_from): YAML keys and ids are not sentences, so no
# line needs an exception.
ENGLISH = {"the", "of", "and", "is", "are", "was", "with", "by", "to", "from", "that", "which", "this", "its", "it",
           "not", "no", "for", "only", "in", "made", "written", "saved", "held", "holds"}
WORD = re.compile(r"(?<![\w-])[A-Za-z]+(?![\w-])")


def english_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if any(word.lower() in ENGLISH for word in WORD.findall(line))]


def test_the_detector_sees_the_sentences_that_used_to_hide_in_examples():
    assert english_lines("drafts/pipe.md (made with mkfifo)")
    assert english_lines("  - role: expert-juridique   # a profile of roles.yml that no person holds")
    assert english_lines("(roles.yml: the community managers work Monday to Friday, 09:00-18:00)")
    assert not english_lines("publish_at: 2027-03-02T10:00+01:00\nreviewed_by: claire-le-gall")
    assert not english_lines("On a reçu le trophée : c'est un an de travail, or le but est atteint.")


@pytest.mark.parametrize("rule", list(REGISTRY), ids=lambda rule: rule.code)
def test_no_example_holds_an_english_sentence(rule):
    assert english_lines(rule.doc.example) == [], "move the sentence to example_note"
    assert english_lines(rule.doc.fixed) == [], "move the sentence to fixed_note"


NOTED = [rule for rule in REGISTRY if rule.doc.example_note or rule.doc.fixed_note]


def test_the_rules_that_needed_a_note_have_one():
    assert {"PB002", "PB003", "PB011", "PB012", "PB109", "PB208", "PB210", "PB213", "PB404", "PB408", "PB903",
            "PB904"} <= {rule.code for rule in NOTED}


@pytest.mark.parametrize("rule", NOTED, ids=lambda rule: rule.code)
def test_every_note_is_translated_and_the_example_is_not(rule):
    french = rule.in_language(FRENCH).doc
    for english, translated in ((rule.doc.example_note, french.example_note),
                                (rule.doc.fixed_note, french.fixed_note)):
        assert (translated != english) if english else translated == ""
    assert (french.example, french.fixed) == (rule.doc.example, rule.doc.fixed)


def test_explain_in_french_shows_the_french_note_above_the_verbatim_example():
    result = CliRunner().invoke(cli, ["explain", COVERAGE.code, "--lang", "fr"])
    assert result.exit_code == 0, result.output
    section = result.output.split("Exemple qui déclenche la règle (dans drafts/)\n", 1)[1]
    assert section.startswith("    Dans roles.yml, les community managers travaillent du lundi au vendredi, "
                              "de 9\u00a0h à 18\u00a0h\u202f; la publication part un samedi.\n\n"
                              "    (tone.yml: reaction_window: 2h)\n    ==> drafts/2027-01-09-atelier.md <==\n")
    assert "the community managers" not in result.output
    english = CliRunner().invoke(cli, ["explain", SPECIAL_FILE.code, "--lang", "en"]).output
    assert "Example that fires (in drafts/pipe.md)\n    A named pipe, made with mkfifo.\n\n    drafts/pipe.md\n" \
        in english
    assert "Use instead\n    A regular file.\n\n    drafts/post.md\n" in english


def test_sarif_rule_help_puts_the_note_before_the_example(tmp_path):
    finding = Finding(COVERAGE_GAP.code, Severity.WARNING, "playbook/channels.yml", 7, 14, "gap", None)
    log = json.loads(render("sarif", Report((finding,), ("playbook/channels.yml",), "1.0", FRENCH), REGISTRY,
                            place=Place(str(tmp_path), str(tmp_path), None, {})))
    [descriptor] = [rule for rule in log["runs"][0]["tool"]["driver"]["rules"] if rule["id"] == COVERAGE_GAP.code]
    markdown = descriptor["help"]["markdown"]
    note = "Le canal promet une réponse à toute heure, mais l’équipe ne travaille qu’en semaine."
    assert f"{note}\n\n```\nchannels:\n" in markdown
    assert "# but the team" not in markdown


def test_the_site_reference_shows_the_note_in_the_tab_above_the_code():
    english = render_rules(REGISTRY, Language("en")).split(f"### {SPECIAL_FILE.code} ", 1)[1].split("\n### ", 1)[0]
    assert '=== "Example that triggers it"\n\n    A named pipe, made with mkfifo.\n\n    ```' in english
    assert '=== "Fixed"\n\n    A regular file.\n\n    ```' in english
    french = render_rules(REGISTRY, Language("fr")).split(f"### {SPECIAL_FILE.code} ", 1)[1].split("\n### ", 1)[0]
    assert '=== "Exemple qui la déclenche"\n\n    Un tube nommé' in french


def test_the_invalid_value_example_that_replaced_depends_on_the_constraint_fires(tmp_path):
    """PB109's example used to be a sentence; it is now a calendar.yml that really breaks a constraint."""
    codes = {}
    for kind in ("example", "fixed"):
        folder = tmp_path / kind
        shutil.copytree(Path(__file__).resolve().parent.parent / "playbook", folder)
        (folder / INVALID_VALUE.doc.example_file).write_text(getattr(INVALID_VALUE.doc, kind), encoding="utf-8")
        result = CliRunner().invoke(cli, ["validate", str(folder), "--format", "json", "--lang", "en"])
        codes[kind] = {finding["code"] for finding in json.loads(result.output)["findings"]}
    assert INVALID_VALUE.code in codes["example"] and codes["fixed"] == set()
