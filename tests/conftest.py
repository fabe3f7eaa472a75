"""What every test shares: the language of the messages.

Most tests assert on what a user reads, and were written against the English messages; the
French ones (the default for the French sample) are checked where a test asks for them
(tests/test_i18n.py sets or clears PLAYBOOK_LANG itself; the language server's tests compare
it with the command line in the playbook's own language). So a test that names no language
reads English, in this process and in the commands it starts.
"""

from __future__ import annotations

import os

import pytest

# The site tests read the French sample site in French (the plugin follows PLAYBOOK_LANG like the CLI).
ENGLISH_BY_DEFAULT_EXCEPT = {"test_lsp", "test_lsp_units", "test_i18n", "test_site_build", "test_browser"}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before the test's fixtures (a module's repository copy, a server) are made."""
    if item.module is not None and item.module.__name__.rsplit(".", 1)[-1] in ENGLISH_BY_DEFAULT_EXCEPT:
        os.environ.pop("PLAYBOOK_LANG", None)
    else:
        os.environ["PLAYBOOK_LANG"] = "en"
