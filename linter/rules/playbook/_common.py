"""Small helpers shared by the PB2xx checks: rule declaration, did-you-mean, who holds what.

Kept private (leading underscore, no ``RULES`` nor ``check``) so the registry and the loader
skip it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from linter.core.i18n import Language
from linter.playbook.model import Person, Playbook


def file_name(playbook: Playbook, concern: str) -> str:
    """The file a concern came from, as users name it (``roles.yml``)."""
    path = playbook.files.get(concern)
    return os.path.basename(path) if path else f"{concern}.yml"


def and_list(items: Iterable[str], lang: Language) -> str:
    """``a, b and c`` for messages."""
    return lang.and_list(items)


def quoted(values: Iterable[object], lang: Language) -> str:
    """``'a', 'b' and 'c'`` (``« a », « b » et « c »``) for messages."""
    return lang.and_list(lang.quoted(value) for value in values)


def holders(playbook: Playbook) -> dict[str, list[Person]]:
    """Profile id -> the people who hold it, in file order (one pass over people)."""
    result: dict[str, list[Person]] = {}
    for person in playbook.roles.people:
        for role in dict.fromkeys(person.roles):
            result.setdefault(role, []).append(person)
    return result


def person_label(person: Person, lang: Language) -> str:
    return f"{person.name} ({person.id})" if person.name else lang.quoted(person.id)
