"""The one kind of exception the core raises on purpose: the tool cannot run (exit 2).

Problems in what a user wrote are findings, never exceptions. What stops a run before any
finding can exist — a missing playbook folder, a broken pyproject.toml, an unknown git ref,
an unreadable baseline — is a ``CannotRun`` with a message and a hint, which the CLI prints
on stderr as two lines. Anything else reaching the CLI is a bug in the tool.
"""

from __future__ import annotations


class CannotRun(Exception):
    hint: str | None = None

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint
