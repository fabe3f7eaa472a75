"""The playbook's language, read before the playbook is: the tool must speak it from the first message.

Loading the playbook reports problems, and those reports are written in the playbook's
language (``organisation.language``), so the language is peeked at first: the top-level
``language:`` line of organisation.yml, found by a pattern without parsing YAML. A file that
cannot be read, or a value written in a way the pattern does not see, gives None and the
tool's default applies; the loader reports the file's problems as usual.
"""

from __future__ import annotations

import os
import re

from linter.core.i18n import Language, choose

_LINE = re.compile(r"""^language:[ \t]*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)["']?[ \t]*(?:#.*)?$""", re.M)
_PEEK_BYTES = 65_536  # the line is near the top; a huge file is the loader's business


def playbook_language(folder: str) -> str | None:
    """The ``language`` of ``folder``/organisation.yml (or .yaml), or None when it cannot be seen."""
    for name in ("organisation.yml", "organisation.yaml"):
        path = os.path.join(folder, name)
        if not os.path.isfile(path):  # never open a pipe or a device: opening one may wait forever
            continue
        try:
            with open(path, encoding="utf-8-sig", errors="replace") as handle:
                text = handle.read(_PEEK_BYTES)
        except (OSError, ValueError):
            return None
        match = _LINE.search(text)
        return match.group(1) if match else None
    return None


def language_for(option: str | None, folder: str | None) -> Language:
    """``--lang``, else PLAYBOOK_LANG, else the language of the playbook in ``folder``, else French."""
    return Language(choose(option, playbook_language(folder) if folder else None))
