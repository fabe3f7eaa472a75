"""What every test shares: the language of the messages, and how hypothesis draws its examples.

Most tests assert on what a user reads, and were written against the English messages; the
French ones (the default for the French sample) are checked where a test asks for them
(tests/test_i18n.py sets or clears PLAYBOOK_LANG itself; the language server's tests compare
it with the command line in the playbook's own language). So a test that names no language
reads English, in this process and in the commands it starts.

Hypothesis draws the same examples on every run of `make test` (``derandomize``): a landing run
must not fail on a case no one has seen before, and a failure must replay. The search for new
cases is a run of its own: ``PLAYBOOK_HYPOTHESIS=explore make test`` draws fresh random examples on
each run and prints how to replay a failure (``--hypothesis-seed``, or the ``@reproduce_failure`` blob).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("landing", derandomize=True, database=None)
settings.register_profile("explore", database=None, print_blob=True)
settings.load_profile(os.environ.get("PLAYBOOK_HYPOTHESIS", "landing"))

# The site tests read the French sample site in French (the plugin follows PLAYBOOK_LANG like the CLI).
ENGLISH_BY_DEFAULT_EXCEPT = {"test_lsp", "test_lsp_units", "test_i18n", "test_site_build", "test_browser"}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before the test's fixtures (a module's repository copy, a server) are made."""
    if item.module is not None and item.module.__name__.rsplit(".", 1)[-1] in ENGLISH_BY_DEFAULT_EXCEPT:
        os.environ.pop("PLAYBOOK_LANG", None)
    else:
        os.environ["PLAYBOOK_LANG"] = "en"
