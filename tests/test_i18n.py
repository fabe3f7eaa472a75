"""The tool speaks the playbook's language: catalogs complete and in step with the code, French typography
in our own French, French findings on the French sample, English ones with --lang en at the same places,
an English starter that checks in English, a baseline that survives a change of language, and a third
language added by a catalog alone.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.cli import cli
from linter.core import catalogs
from linter.core.i18n import LOCALE_DIR, NNBSP, Language, choose

ROOT = Path(__file__).resolve().parent.parent
FRENCH_PO = LOCALE_DIR / "fr" / "LC_MESSAGES" / "playbook.po"
NOW = "2027-03-01T08:00:00+01:00"
PLACEHOLDER = re.compile(r"\{(\w+)(?:[:!][^{}]*)?\}")


def french_catalog():
    with open(FRENCH_PO, "rb") as handle:
        return read_po(handle, locale="fr")


def entries():
    """(msgid, msgstr) pairs of the French catalog, each plural form paired with its English form."""
    for message in french_catalog():
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            singular, plural = message.id
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            yield singular, forms[0]
            for form in forms[1:]:
                yield plural, form
        else:
            yield message.id, message.string


def run(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    """The real command, from ``cwd``, with no language set by the environment unless ``env`` sets one."""
    environ = {key: value for key, value in os.environ.items() if key not in ("PLAYBOOK_LANG", "GITHUB_ACTIONS")}
    environ.update({"NO_COLOR": "1", **env})
    return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True, text=True, env=environ,
                          cwd=cwd)


# -- the catalogs ---------------------------------------------------------------------------------------
def test_every_message_has_a_french_translation():
    missing = [message_id for message_id, text in entries() if not text]
    assert not missing, f"{len(missing)} messages have no French translation, e.g. {missing[:3]}"


def test_the_catalog_is_in_step_with_the_code():
    """A text marked in the code, or a rule's documentation, that the catalog does not have (or the reverse)."""
    wanted = {message.id for message in catalogs.template() if message.id}
    have = {message.id for message in french_catalog() if message.id}
    assert wanted - have == set(), "run `python -m linter.core.catalogs update`, then translate the new texts"
    assert have - wanted == set(), "run `python -m linter.core.catalogs update` to drop the texts no longer used"


def test_every_plural_call_is_extracted_as_a_plural():
    """Babel extracts ``lang.plural(a, b, n, x=f(y, lang))`` as a singular: such a call would never be translated
    with its plural form. Each call's two texts must be one plural entry of the catalog."""
    plurals = {message.id for message in french_catalog() if isinstance(message.id, tuple)}
    calls = []
    for path in sorted((ROOT / "linter").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "plural"
                    and len(node.args) >= 2 and all(isinstance(arg, ast.Constant) for arg in node.args[:2])):
                calls.append((path.name, node.lineno, (node.args[0].value, node.args[1].value)))
    assert len(calls) > 20
    assert [(name, line) for name, line, texts in calls if texts not in plurals] == []


def test_every_message_with_values_is_called_by_a_name_the_extractor_knows():
    """``x("the file {path}", path=…)`` is a translation only if the extractor knows ``x``'s name (see
    linter/core/catalogs.py KEYWORDS): a Language held under another name would never be translated."""
    unknown = []
    for path in sorted((ROOT / "linter").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args or not isinstance(node.args[0], ast.Constant):
                continue
            text = node.args[0].value
            named = {keyword.arg for keyword in node.keywords}
            if not isinstance(text, str) or not PLACEHOLDER.search(text) or \
                    not set(PLACEHOLDER.findall(text)) <= named:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in catalogs.KEYWORDS:
                unknown.append(f"{path.name}:{node.lineno} {name}")
    assert unknown == []


def test_placeholders_are_the_same_in_both_languages():
    differ = [(message_id, text) for message_id, text in entries()
              if text and set(PLACEHOLDER.findall(message_id)) != set(PLACEHOLDER.findall(text))]
    assert differ == []


def _typography_problems(text: str) -> list[str]:
    """What PB312 would say of our own French: an ordinary space (or none) before ; : ! ? or inside « »."""
    prose = re.sub(r"`[^`]*`|https?://\S+|\{[^{}]*\}", "", text)  # code, links and placeholders are not prose
    problems = []
    for match in re.finditer(r"(?<=\S)( ?)([;:!?])(?=\s|$|[»)\].,*])", prose):
        before = prose[max(0, match.start() - 1):match.start()]
        if before.isdigit() and match.group(2) == ":" and not match.group(1):
            continue  # 14:30
        problems.append(f"{match.group(2)!r} without a no-break space in {text!r}")
    if re.search(r"« |«[^\u202f\u00a0 »]", prose) or re.search(r" »|[^\u202f\u00a0 «]»", prose):
        problems.append(f"« » without no-break spaces in {text!r}")
    return problems


def test_french_texts_follow_the_french_typography_the_tool_enforces():
    problems = [problem for _, text in entries() if text for problem in _typography_problems(text)]
    assert problems == []


def test_the_typography_check_catches_what_it_must():
    assert _typography_problems("Attention : ceci")
    assert _typography_problems("Attention: ceci")
    assert _typography_problems("« mot »")
    assert not _typography_problems(f"Attention{NNBSP}: à 14:30, `clé: valeur`, «{NNBSP}mot{NNBSP}»{NNBSP}!")


# -- dates, numbers, lists -------------------------------------------------------------------------------
def test_dates_numbers_times_and_lists_in_each_language():
    french, english = Language("fr"), Language("en")
    assert french.date(dt.date(2027, 3, 18)) == "18 mars 2027"
    assert french.date(dt.date(2027, 6, 1)) == "1er juin 2027"
    assert english.date(dt.date(2027, 3, 18)) == "March 18, 2027"
    assert french.number(4.5) == "4,5" and english.number(1234) == "1,234"
    assert french.clock(14 * 60 + 30) == f"14{NNBSP}h{NNBSP}30" and french.clock(9 * 60) == f"9{NNBSP}h"
    assert english.clock(14 * 60 + 30) == "14:30"
    assert french.and_list(["a", "b", "c"]) == "a, b et c" and english.or_list(["a", "b"]) == "a or b"
    assert french.quoted("x") == f"«{NNBSP}x{NNBSP}»" and english.quoted("x") == "'x'"
    assert french.plural("{count} file", "{count} files", 1) == "1 fichier"
    assert french.plural("{count} file", "{count} files", 2000) == f"2{NNBSP}000 fichiers"


@given(st.integers(min_value=-10**15, max_value=10**15)
       | st.floats(min_value=-1e12, max_value=1e12).map(lambda v: v or 0.0))
@settings(max_examples=300, deadline=None)
def test_numbers_are_written_as_babel_writes_them_in_every_language(value):
    """Whole numbers grouped by three skip Babel (linter.core.i18n._thousands): the text stays Babel's,
    in French (narrow no-break space), English, German, and Hindi (groups of two: Babel's own way).
    (-0.0 is left out: ``_number``'s cache takes it for 0.0, which it equals, and writes "0".)"""
    from babel.numbers import format_decimal

    for code, locale in (("fr", "fr"), ("en", "en"), ("de", "de"), ("hi", "hi")):
        assert Language(code).number(value) == format_decimal(value, locale=locale), (code, value)


def test_a_language_pickles_as_its_code_and_translates_the_same_after():
    """Its catalog, kept after the first message, never travels to a worker process."""
    import pickle

    french = Language("fr")
    assert french("Monday") == "Lundi"  # the catalog is now kept by this instance
    copy = pickle.loads(pickle.dumps(french))
    assert copy == french and hash(copy) == hash(french)
    assert "_translations" not in vars(copy)
    assert len(pickle.dumps(french)) == len(pickle.dumps(Language("fr")))
    assert copy("Monday") == "Lundi" and copy.plural("{count} post", "{count} posts", 2) == french.plural(
        "{count} post", "{count} posts", 2)


def test_the_language_is_the_option_then_the_environment_then_the_playbook_then_french(monkeypatch):
    monkeypatch.delenv("PLAYBOOK_LANG", raising=False)
    assert choose(None, None) == "fr"
    assert choose(None, "en") == "en"
    assert choose("fr", "en") == "fr"
    monkeypatch.setenv("PLAYBOOK_LANG", "en-GB")
    assert choose(None, "fr") == "en" and choose("fr", "en") == "fr"
    assert choose("de", None) == "en"  # a language without a catalog speaks English


# -- the sample, in French and in English ----------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_reports() -> tuple[dict, dict]:
    french = run("check", "--now", NOW, "--format", "json")
    english = run("check", "--now", NOW, "--format", "json", "--lang", "en")
    assert french.returncode == english.returncode == 1, (french.stderr, english.stderr)
    return json.loads(french.stdout), json.loads(english.stdout)


def test_the_french_sample_speaks_french(sample_reports):
    french, english = sample_reports
    assert french["language"] == "fr" and english["language"] == "en"
    assert len(french["findings"]) >= 20
    for mine, theirs in zip(french["findings"], english["findings"]):
        for key in ("message", "hint"):
            if re.search(r"[^\W\d_]{2}", re.sub(r"\{[^{}]*\}|'[^']*'", "", theirs[key] or "")):
                assert mine[key] != theirs[key], f"{mine['code']} {key} left in English: {mine[key]}"


def test_english_findings_stand_where_the_french_ones_stand(sample_reports):
    french, english = sample_reports
    place = [(finding["code"], finding["severity"], finding["path"], finding["line"], finding["column"])
             for finding in french["findings"]]
    assert place == [(finding["code"], finding["severity"], finding["path"], finding["line"], finding["column"])
                     for finding in english["findings"]]
    assert french["counts"] == english["counts"]


def test_a_french_baseline_still_matches_in_english(tmp_path, sample_reports):
    """Messages change with the language, not the findings: a baseline written in French holds with --lang en."""
    french, _ = sample_reports
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(french, ensure_ascii=False), encoding="utf-8")
    for language in ("en", "fr"):
        result = run("check", "--now", NOW, "--strict", "--baseline", str(baseline), "--lang", language)
        assert result.returncode == 0, result.stdout


def test_explain_rules_and_help_in_french_and_english():
    french = run("explain", "PB205")
    assert "Ce qu’elle vérifie" in french.stdout and "Pourquoi" in french.stdout
    assert "crisis.yml" in french.stdout and "birth" in french.stdout  # the example file is not translated
    english = run("explain", "PB205", "--lang", "en")
    assert "What it checks" in english.stdout and "In a crisis, minutes count" in english.stdout
    rules = run("rules", "--format", "json")
    assert {rule["code"]: rule["summary"] for rule in json.loads(rules.stdout)}["PB205"].startswith("Une phase")
    assert "Valider un playbook" in run("--help").stdout
    assert "Validate a social-media playbook" in run("--help", PLAYBOOK_LANG="en").stdout
    assert "Validate the playbook, then lint the drafts" in run("check", "--help", "--lang", "en").stdout


def test_errors_that_stop_a_run_are_in_the_chosen_language(tmp_path):
    french = run("validate", str(tmp_path / "nulle-part"))
    assert french.returncode == 2
    assert f"playbook{NNBSP}: erreur{NNBSP}: dossier du playbook introuvable" in french.stderr
    english = run("validate", str(tmp_path / "nowhere"), "--lang", "en")
    assert english.returncode == 2 and "playbook: error: playbook folder not found" in english.stderr
    unknown = run("validate", "--lang", "klingon")
    assert unknown.returncode == 2 and "klingon" in unknown.stderr


# -- an English starter ----------------------------------------------------------------------------------
def test_an_english_starter_checks_in_english(tmp_path):
    target = tmp_path / "acme"
    assert CliRunner().invoke(cli, ["init", str(target), "--language", "en", "--name", "Acme"]).exit_code == 0
    draft = target / "drafts" / "welcome.md"
    text = draft.read_text(encoding="utf-8")
    assert "Hello everyone." in text
    draft.write_text(text.replace("Hello everyone.", "Hello everyone!! We are SO VERY HAPPY TODAY."), encoding="utf-8")
    english = run("check", "--format", "json", cwd=target)
    forced = run("check", "--format", "json", "--lang", "en", cwd=target)
    french = run("check", "--format", "json", "--lang", "fr", cwd=target)
    report = json.loads(english.stdout)
    assert report["language"] == "en" and report["findings"], english.stdout + english.stderr
    assert report == json.loads(forced.stdout)
    assert [finding["message"] for finding in report["findings"]] != \
        [finding["message"] for finding in json.loads(french.stdout)["findings"]]
    assert any("repeats punctuation" in finding["message"] for finding in report["findings"])


# -- a third language from a catalog alone ---------------------------------------------------------------
def test_a_pseudo_language_works_from_its_catalog_alone(tmp_path):
    """`xx`: every text between brackets. Only a folder of catalogs is added (PLAYBOOK_LOCALE_DIR)."""
    locales = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locales)
    with open(LOCALE_DIR / "playbook.pot", "rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if message.id:
            message.string = tuple(f"[{form}]" for form in message.id) if isinstance(message.id, tuple) \
                else f"[{message.id}]"
    (locales / "xx" / "LC_MESSAGES").mkdir(parents=True)
    with open(locales / "xx" / "LC_MESSAGES" / "playbook.po", "wb") as handle:
        write_po(handle, catalog, omit_header=True)
    result = run("check", "--now", NOW, "--format", "json", "--lang", "xx", PLAYBOOK_LOCALE_DIR=str(locales))
    report = json.loads(result.stdout)
    assert report["language"] == "xx" and len(report["findings"]) >= 20
    for finding in report["findings"]:
        assert finding["message"].startswith("[") and finding["message"].endswith("]"), finding["message"]
    assert "[Validate a social-media playbook" in run("--help", PLAYBOOK_LOCALE_DIR=str(locales),
                                                      PLAYBOOK_LANG="xx").stdout
    assert "[Why]" in run("explain", "PB307", "--lang", "xx", PLAYBOOK_LOCALE_DIR=str(locales)).stdout
    assert run("validate", "--lang", "xx").returncode == 2  # without its catalog, xx is not a language
