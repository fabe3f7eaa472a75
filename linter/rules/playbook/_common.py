"""Small helpers shared by the PB2xx checks: rule declaration, did-you-mean, who holds what.

Kept private (leading underscore, no ``RULES`` nor ``check``) so the registry and the loader
skip it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from linter.playbook.model import Person, Playbook


def file_name(playbook: Playbook, concern: str) -> str:
    """The file a concern came from, as users name it (``roles.yml``)."""
    path = playbook.files.get(concern)
    return os.path.basename(path) if path else f"{concern}.yml"


def and_list(items: Iterable[str]) -> str:
    """``a, b and c`` for messages."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def quoted(values: Iterable[object]) -> str:
    """``'a', 'b' and 'c'`` for messages."""
    return and_list(f"'{value}'" for value in values)


def holders(playbook: Playbook) -> dict[str, list[Person]]:
    """Profile id -> the people who hold it, in file order (one pass over people)."""
    result: dict[str, list[Person]] = {}
    for person in playbook.roles.people:
        for role in dict.fromkeys(person.roles):
            result.setdefault(role, []).append(person)
    return result


def person_label(person: Person) -> str:
    return f"{person.name} ({person.id})" if person.name else f"'{person.id}'"
