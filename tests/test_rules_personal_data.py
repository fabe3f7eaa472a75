"""PB315: no e-mail address or phone number in a post, except the official contacts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import phonenumbers
import pytest
from draft_helpers import BODY_LINE, codes, lint_body, positions
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.rules.draft import personal_data

ROOT = Path(__file__).resolve().parent.parent


def test_private_phone_and_email_fire():
    body = "Appelez Sophie au 06 12 34 56 78 ou écrivez à sophie.g@gmail.com.\n"
    findings = lint_body(body)
    assert positions(findings, "PB315") == [(BODY_LINE, 19), (BODY_LINE, 47)]
    assert findings[0].severity.value == "error"
    assert findings[0].message == "the post shows the phone number 06 12 34 56 78, which is not an official contact"
    assert findings[1].message == ("the post shows the e-mail address sophie.g@gmail.com, which is not an official "
                                   "contact")


def test_international_formats_and_mailto_links():
    body = "Our UK desk: +44 20 7946 0958, [write](mailto:jane@example.org), <paul@example.org>\n"
    findings = lint_body(body, language="en")
    assert positions(findings, "PB315") == [(BODY_LINE + 1, 14), (BODY_LINE + 1, 40), (BODY_LINE + 1, 66)]


def test_official_contacts_and_near_misses_do_not_fire():
    body = ("Écrivez à contact@pressoir-flume.example ou appelez le 02 61 91 42 17 (+33 2 61 91 42 17). "
            "Le 12/03/2027, 1 500 bouteilles, 20 000 €, commande de 12 bouteilles, `06 12 34 56 78`, @sophie.\n")
    assert "PB315" not in codes(lint_body(body))


def test_phone_numbers_in_odd_shapes_are_still_found():
    """Seven digits or more in a piece of prose send it to the phone library, whatever the separators."""
    for number in ("06.12.34.56.78", "06-12-34-56-78", "+33 (0)6 12 34 56 78", "0612345678", "+33612345678",
                   "06 12 34 56 78"):
        findings = lint_body(f"Appelez Sophie au {number}, merci.\n")
        assert [finding.message for finding in findings if finding.code == "PB315"] == [
            f"the post shows the phone number {number}, which is not an official contact"], number
    assert "PB315" not in codes(lint_body("Appelez Sophie au 06 12 34, merci.\n"))  # six digits: never a number


# The prefilter (_SEVEN_DIGITS) must never hide a number the phone library would report.
_PUNCTUATION = "-x.()/[]~ \u00a0\u2010\u2013"  # a sample of what the library accepts between digit blocks


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet="0123456789", min_size=1, max_size=4),
                          st.text(alphabet=_PUNCTUATION, min_size=1, max_size=6),
                          st.sampled_from(["+33 ", "+44 ", "+683 ", "00 33 ", "(0)", "ext. 12", " h ", "€",
                                           "Appelez "])),
                max_size=12),
       st.sampled_from(["FR", "GB", "NU", "US"]))
def test_the_digit_prefilter_never_hides_a_number_the_library_finds(pieces, region):
    _assert_prefilter_keeps_numbers("".join(pieces), region)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=10),
       st.lists(st.text(alphabet=_PUNCTUATION, min_size=1, max_size=4), min_size=10, max_size=10),
       st.sampled_from(["0612345678", "33612345678", "442079460958", "6834002"]))
def test_numbers_split_by_any_allowed_separator_still_reach_the_library(cuts, separators, digits):
    """A real number cut anywhere, with up to four separator characters at each cut."""
    pieces, start = [], 0
    for cut, separator in zip(sorted(set(cuts)), separators):
        pieces += [digits[start:cut], separator]
        start = cut
    text = "+" * (not digits.startswith("0")) + "".join(pieces) + digits[start:]
    _assert_prefilter_keeps_numbers(f"Appelez {text} demain", "FR")


def _assert_prefilter_keeps_numbers(text: str, region: str) -> None:
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
        written = sum(char.isdigit() for char in match.raw_string) - len(match.number.extension or "")
        if written >= 7:  # shorter ones (a 4-digit number of Niue) were never reported
            assert personal_data._SEVEN_DIGITS.search(text), (text, match.raw_string)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 -.\n\u00a0a٠१")), max_size=40))
def test_the_digit_prefilter_passes_what_a_chain_of_seven_close_digits_passes(text):
    """Written without backtracking, the prefilter passes exactly the texts with seven digits, each at most
    four characters (any characters) from the previous one."""
    import re

    chain = re.compile(r"\d(?:.{0,4}?\d){6}", re.DOTALL)
    assert bool(personal_data._SEVEN_DIGITS.search(text)) == bool(chain.search(text)), text


def test_hours_prices_and_dates_do_not_reach_the_phone_library():
    for prose in ("de 9 h à 18 h 30, le 12 mars", "1 500 bouteilles à 12,50 €", "open 9 am to 6:30 pm"):
        assert personal_data._SEVEN_DIGITS.search(prose) is None, prose
    for prose in ("06 12 34 56 78", "+683 4002", "0612345678", "06.12.34.56.78"):
        assert personal_data._SEVEN_DIGITS.search(prose), prose


def test_the_phone_library_is_imported_only_for_prose_with_a_number(tmp_path):
    """Importing phonenumbers costs about 40 ms: a pre-commit run on a post without one skips it."""
    shutil.copytree(ROOT / "playbook", tmp_path / "playbook")
    (tmp_path / "drafts").mkdir()
    script = textwrap.dedent("""
        import sys
        from click.testing import CliRunner
        from linter.cli import cli
        result = CliRunner().invoke(cli, ["lint", "--now", "2027-03-01T08:00:00+01:00"])
        print(result.exit_code, "phonenumbers" in sys.modules)
    """)

    def run_with(draft: str) -> list[str]:
        for old in (tmp_path / "drafts").iterdir():
            old.unlink()
        shutil.copy(ROOT / "drafts" / draft, tmp_path / "drafts")
        done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True)
        return done.stdout.split()

    assert run_with("2027-03-03-taille-des-pommiers.md")[1] == "False"
    assert run_with("exemples-erreurs/pb315-donnees-personnelles.md") == ["1", "True"]


# -- issue #16: order numbers, home addresses, public requests for contact details -------------------
def test_order_numbers_fire():
    for phrase in ("votre commande n° 2027-10482", "le numéro de commande : AB-12345", "your order #48213",
                   "le colis n° 6A123456789", "numéro de suivi 6A123456789"):
        findings = [finding for finding in lint_body(f"Bonjour Thierry, {phrase} est bien partie.\n", kind="reply")
                    if finding.code == "PB315"]
        assert len(findings) == 1, phrase
        assert findings[0].message.startswith("the post shows the order number in"), phrase


def test_order_near_misses():
    body = ("Pouvez-vous nous envoyer votre numéro de commande en message privé ? Une commande de 12 bouteilles, "
            "la commande groupée de 2027, le colis de 20 kg, commande n° 12.\n")
    assert "PB315" not in codes(lint_body(body, kind="reply"))


def test_a_home_address_fires_after_chez_or_in_a_reply():
    findings = lint_body("Bravo à Léna ! Nous l'apportons samedi chez ses parents, 14 rue des Lilas à Pacé.\n")
    assert positions(findings, "PB315") == [(BODY_LINE, 58)]
    assert [finding.message for finding in findings if finding.code == "PB315"] == [
        "the post shows a home address (14 rue des Lilas)"]
    reply = lint_body("Bonjour Anne, le colis part au 3 bis allée du Verger demain.\n", kind="reply")
    assert positions(reply, "PB315") == [(BODY_LINE, 32)]


def test_public_places_are_not_home_addresses():
    body = "Rendez-vous au marché, 3 place de l'Église à Bédée, puis à la boutique, 12 route de Rennes.\n"
    assert "PB315" not in codes(lint_body(body, kind="event"))


def test_a_reply_that_asks_for_contact_details_in_public():
    body = ("Bonjour Christelle, nous sommes désolés. Indiquez-nous en commentaire votre adresse complète et votre "
            "téléphone, et nous vous renvoyons un coffret.\n")
    findings = lint_body(body, kind="reply")
    assert positions(findings, "PB315") == [(BODY_LINE, 71)]
    assert [finding.message for finding in findings if finding.code == "PB315"] == [
        "the reply asks the customer to write votre adresse complète in public"]
    english = lint_body("Hello Jane, could you post your phone number below?\n", kind="reply", language="en")
    assert positions(english, "PB315") == [(BODY_LINE + 1, 28)]


def test_a_reply_that_asks_for_the_order_number_in_public():
    """usage-charter.yml, donnees-personnelles: never ask publicly for « un numéro de commande »."""
    body = "Bonjour Nadia, désolés. Donnez-nous votre numéro de commande en commentaire et nous vous renvoyons tout.\n"
    assert positions(lint_body(body, kind="reply"), "PB315") == [(BODY_LINE, 37)]
    english = lint_body("Hello Jane, could you post your order number below?\n", kind="reply", language="en")
    assert len(positions(english, "PB315")) == 1
    private = "Bonjour Gérard, pouvez-vous nous écrire en message privé avec votre numéro de commande ?\n"
    assert "PB315" not in codes(lint_body(private, kind="reply"))


@pytest.mark.parametrize("body", [
    "Bonjour Hervé, la boutique a déménagé : vous nous trouverez désormais au 12 chemin de la Flume, à Pacé.\n",
    "Bonjour Anne, notre nouvelle boutique est au 4 rue du Pressoir, face à la mairie.\n",
    "Hello Tom, find us at 12 Orchard Lane, next to the church.\n",
    "Bonjour Anne, nous sommes désolés : la boutique de la ferme est au 12 chemin de la Flume, pas au bourg.\n",
    "Hello Tom, sorry for the confusion: the farm shop is at 12 Orchard Lane.\n",
])
def test_the_company_giving_its_own_address_in_a_reply(body):
    """The charter protects customers' details; the shop's public address is not one (held-out corpus)."""
    assert "PB315" not in codes(lint_body(body, kind="reply"))


def test_a_customer_address_near_our_words_still_fires():
    body = "Bonjour Mme Le Bihan, nous avons déposé votre colis au 8 rue des Tanneurs ce matin.\n"
    assert len(positions(lint_body(body, kind="reply"), "PB315")) == 1
    parcel = lint_body("Bonjour Anne, votre colis est au 8 rue des Tanneurs, chez votre voisine.\n", kind="reply")
    assert len(positions(parcel, "PB315")) == 1
    home = "Nous l'apportons samedi chez ses parents, 14 rue des Lilas, avant de rejoindre notre stand.\n"
    assert len(positions(lint_body(home), "PB315")) == 1


def test_asking_in_a_private_message_is_what_the_charter_wants():
    for body in ("Pouvez-vous nous envoyer votre adresse en message privé ? Nous vous réexpédions un coffret.\n",
                 "Could you send us your address by direct message? Thank you.\n",
                 "Nous avons bien votre adresse, le colis part demain.\n"):
        assert "PB315" not in codes(lint_body(body, kind="reply")), body


def test_a_number_written_with_its_plus_is_a_phone_number():
    body = "Hello Jane, our courier will call you tomorrow at +44 7700 900123 to arrange the delivery.\n"
    findings = lint_body(body, kind="reply", language="en")
    assert positions(findings, "PB315") == [(BODY_LINE + 1, 51)]
