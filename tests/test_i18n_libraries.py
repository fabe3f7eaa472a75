"""The libraries' words in the run's language (#17): click's help and usage errors, PyYAML's syntax
problems (PB004), jsonschema's (PB1xx) and dateutil's recurrence errors, in French on the French
sample and in English with --lang en; a problem the tool does not know keeps the library's text, quoted.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.core.i18n import NNBSP, Language
from linter.playbook.rrule_wording import rrule_problem
from linter.playbook.yaml_wording import CONTEXTS, _known, yaml_context, yaml_problem

ROOT = Path(__file__).resolve().parent.parent
CLICK_ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message", "Show the version", "Error:", "Try '",
                 "No such option", "Missing argument", "Invalid value", "Did you mean")


def run(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    environ = {key: value for key, value in os.environ.items() if key not in ("PLAYBOOK_LANG", "GITHUB_ACTIONS")}
    environ.update({"NO_COLOR": "1", **env})
    return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True, text=True, env=environ,
                          cwd=cwd)


# -- click ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [(), ("lint",), ("validate",)])
def test_help_is_french_on_the_french_sample_and_english_with_lang_en(command):
    french = run(*command, "--help")
    assert french.returncode == 0
    assert [words for words in CLICK_ENGLISH if words in french.stdout] == []
    assert french.stdout.startswith(f"Utilisation{NNBSP}: playbook")
    assert f"\nOptions{NNBSP}:\n" in french.stdout
    assert "Afficher cette aide, puis quitter." in french.stdout
    english = run(*command, "--help", PLAYBOOK_LANG="en")
    assert english.stdout.startswith("Usage: playbook") and "\nOptions:\n" in english.stdout
    assert "Show this message and exit." in english.stdout


def test_the_group_lists_its_commands_and_version_option_in_french():
    french = run("--help").stdout
    assert f"\nCommandes{NNBSP}:\n" in french and "Afficher la version, puis quitter." in french
    english = run("--help", PLAYBOOK_LANG="en").stdout
    assert "\nCommands:\n" in english and "Show the version and exit." in english


def test_an_unknown_option_is_a_french_usage_error_exit_2():
    result = run("lint", "--nope")
    assert result.returncode == 2
    assert f"Erreur{NNBSP}: option inconnue{NNBSP}: --nope." in result.stderr
    assert f"Essayez «{NNBSP}playbook lint --help{NNBSP}» pour l’aide." in result.stderr
    assert f"Utilisation{NNBSP}: playbook lint" in result.stderr
    assert [words for words in CLICK_ENGLISH if words in result.stderr] == []
    english = run("lint", "--nope", "--lang", "en")
    assert english.returncode == 2
    assert "Error: No such option '--nope'." in english.stderr and "Usage: playbook lint" in english.stderr


@pytest.mark.parametrize(("args", "french", "english"), [
    (("lint", "--format", "xml"), f"Erreur{NNBSP}: valeur invalide pour '--format'{NNBSP}: «{NNBSP}xml{NNBSP}» ne fait "
                                  "pas partie des choix", "Error: Invalid value for '--format': 'xml' is not one of"),
    (("init",), "Erreur\u202f: il manque l’argument 'DIRECTORY'.", "Error: Missing argument 'DIRECTORY'."),
    (("nope",), f"Erreur{NNBSP}: commande inconnue{NNBSP}: «{NNBSP}nope{NNBSP}».", "Error: No such command 'nope'."),
    (("lint", "--fix=yes"), f"Erreur{NNBSP}: l’option --fix ne prend pas de valeur.",
     "Error: Option '--fix' does not take a value."),
])
def test_click_s_usage_errors_in_both_languages(args, french, english):
    result = run(*args)
    assert result.returncode == 2 and french in result.stderr, result.stderr
    result = run(*args, PLAYBOOK_LANG="en")
    assert result.returncode == 2 and english in result.stderr, result.stderr


def test_click_is_given_back_its_own_words_after_a_run():
    """The rebinding lasts for one command only: click's modules speak gettext again afterwards."""
    import click.exceptions
    from click.testing import CliRunner

    from linter.cli import cli

    before = click.exceptions._
    result = CliRunner().invoke(cli, ["lint", "--nope", "--lang", "fr"])
    assert result.exit_code == 2 and "option inconnue" in result.output
    assert click.exceptions._ is before


# -- PyYAML (PB004) ---------------------------------------------------------------------------------------
def _broken_playbook(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", folder)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _messages(result: subprocess.CompletedProcess, code: str) -> list[str]:
    assert result.returncode == 1, result.stderr
    return [finding["message"] for finding in json.loads(result.stdout)["findings"] if finding["code"] == code]


@pytest.mark.parametrize(("text", "french", "english"), [
    ("slots:\n\tmonday: 1\n",
     "un caractère qui ne peut pas commencer une valeur à cet endroit (en cherchant ce qui suit)",
     "a character that cannot start a value here (while looking for what comes next)"),
    ("slots: [monday, tuesday\nother: 1\n",
     f"«{NNBSP},{NNBSP}» ou «{NNBSP}]{NNBSP}» attendu{NNBSP}: une liste ouverte par «{NNBSP}[{NNBSP}» n’est pas fermée "
     "(en lisant une liste entre crochets)",
     "expected ',' or ']': a list opened with '[' is not closed (while reading a list in square brackets)"),
    ("slots:\n  monday: 1\n  tuesday\n  friday: 2\n",
     f"il manque «{NNBSP}:{NNBSP}» après cette clé (en lisant une clé)",
     "expected ':' after this key (while reading a key)"),
])
def test_yaml_syntax_errors_in_french_and_english(tmp_path, text, french, english):
    folder = _broken_playbook(tmp_path, "channels.yml", text)
    result = run("validate", str(folder), "--format", "json")
    assert _messages(result, "PB004") == [f"erreur de syntaxe YAML{NNBSP}: {french}"]
    result = run("validate", str(folder), "--format", "json", "--lang", "en")
    assert _messages(result, "PB004") == [f"YAML syntax error: {english}"]


BAD_YAML = ["a:\n\tb: 1\n", "a: [1, 2\nb: 3\n", "{a: 1", "a:\n  b: 1\n  c\n  d: 2\n", "a: b: c\n", 'a: "x\n',
            "a: @x\n", 'a: "\\q"\n', "- a\nb: 1\n", "a:\n  - x\n - y\n", "%YAML 2.0\n---\na: 1\n", "a: |0\n x\n",
            "a: &\n", "a: *\n", "a: !<x\n", "? a\n- b\n", "a:\n  - b\n  c: d\n", "a: 'x\n", "a: >x\n b\n",
            "--- a\n... b\n", "[a, b}\n", "a: \"\\x4\"\n", "%FOO\n---\na: 1\n", "a: !x!y z\n"]


@pytest.mark.parametrize("loader", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)],
                         ids=["python", "libyaml"])
def test_every_problem_pyyaml_reports_on_broken_files_is_known(loader):
    """Each loader's wording (the pure-Python scanner names the character it found, libyaml does not)."""
    seen = 0
    for text in BAD_YAML:
        try:
            list(yaml.parse(text, Loader=loader))
        except yaml.MarkedYAMLError as error:
            seen += 1
            assert _known(error.problem or "") is not None, (text, error.problem)
            assert error.context is None or error.context in CONTEXTS, (text, error.context)
    assert seen >= len(BAD_YAML) - 2


def test_an_unknown_yaml_problem_keeps_the_library_s_text_quoted():
    assert yaml_problem("found a brand new problem", Language("fr")) == \
        f"le lecteur YAML signale «{NNBSP}found a brand new problem{NNBSP}»"
    assert yaml_problem("found a brand new problem", Language("en")) == \
        "the YAML reader says “found a brand new problem”"
    assert yaml_context("while doing something new", Language("fr")) == \
        f"le lecteur YAML signale «{NNBSP}while doing something new{NNBSP}»"
    assert yaml_problem("found character '\\t' that cannot start any token", Language("fr")) == \
        "un caractère qui ne peut pas commencer une valeur à cet endroit"


def test_a_value_pyyaml_cannot_convert_is_described_without_python_s_english(tmp_path):
    folder = _broken_playbook(tmp_path, "channels.yml", "slots: !!int abc\n")
    messages = _messages(run("validate", str(folder), "--format", "json"), "PB004")
    assert messages == ["cette valeur ne peut pas être lue comme un nombre entier"]


# -- jsonschema and dateutil ------------------------------------------------------------------------------
def _calendar(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "playbook"
    shutil.copytree(ROOT / "playbook", folder)
    path = folder / "calendar.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_a_recurrence_without_its_start_is_said_in_french(tmp_path):
    folder = _calendar(tmp_path, "    start: 2026-12-01\n", "")
    result = run("validate", str(folder), "--format", "json")
    assert "l’élément 1 de `events` a `recurrence` mais pas `start`, qui va avec" in _messages(result, "PB102")
    english = run("validate", str(folder), "--format", "json", "--lang", "en")
    assert "item 1 of `events` has `recurrence` but not `start`, which goes with it" in _messages(english, "PB102")


@pytest.mark.parametrize(("rule", "french", "english"), [
    ("FREQ=FOO", "FOO n’est pas une valeur valide pour FREQ", "FOO is not a valid value for FREQ"),
    ("FREQ=MONTHLY;BYHOUR=25", "l’heure doit être entre 0 et 23", "the hour must be between 0 and 23"),
    ("FREQ=DAILY;COUNT=1=2",
     f"chaque partie de la règle s’écrit NOM=valeur, les parties séparées par «{NNBSP};{NNBSP}»",
     "each part of the rule is written NAME=value, the parts separated by ';'"),
])
def test_a_recurrence_dateutil_refuses_is_explained_in_french(tmp_path, rule, french, english):
    folder = _calendar(tmp_path, "recurrence: FREQ=MONTHLY;BYDAY=1TU", f"recurrence: {rule}")
    messages = " ".join(_messages(run("validate", str(folder), "--format", "json"), "PB215"))
    assert french in messages and "invalid" not in messages and "must be" not in messages
    messages = " ".join(_messages(run("validate", str(folder), "--format", "json", "--lang", "en"), "PB215"))
    assert english in messages


def test_an_unknown_recurrence_problem_keeps_the_library_s_text_quoted():
    assert rrule_problem("a brand new problem", Language("fr")) == \
        f"le lecteur de récurrences signale «{NNBSP}a brand new problem{NNBSP}»"
    assert rrule_problem("invalid 'BYDAY': ", Language("fr")) == "BYDAY n’a pas de valeur"


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["fr", "en"]))
def test_any_library_text_gives_a_message_and_never_crashes(text, code):
    lang = Language(code)
    for words in (yaml_problem(text, lang), yaml_context(text, lang), rrule_problem(text, lang),
                  rrule_problem(f"invalid '{text}': {text}", lang), rrule_problem(f"unknown parameter '{text}'", lang)):
        assert isinstance(words, str) and words
