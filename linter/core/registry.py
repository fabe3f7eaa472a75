"""The rule registry: every rule and every check, built once by the one discovery and passed on.

The registry knows nothing of where rules live (``linter.rules.build_registry`` finds them); it
indexes them by code and hands each stage the checks of its family that the settings leave on,
so a rule switched off is never run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from linter.core.findings import Finding
from linter.core.rule import SCOPES, Note, Role, Rule


@dataclass(frozen=True)
class Check:
    """One rule module's check: the function, the rules it reports, its optional preparation.

    ``aside``: the check may run in a forked process beside the others of its family when the
    run has a core to spare (the near-duplicate search, PB406); ``per_draft`` makes, once per
    batch of drafts, a function that turns a parsed draft into what the check needs of it, so
    that drafts can travel light between processes. When that function has a ``finish`` method,
    it is called once the batch is encoded (work it deferred is done there, in the worker).
    """

    module: str
    scope: str
    rules: tuple[Rule, ...]
    run: Callable[..., Iterable[Finding]]
    prepare: Callable[..., Any] | None = None
    aside: bool = False
    per_draft: Callable[[], Callable[[Any], Any]] | None = None


@dataclass(frozen=True)
class Catalogue:
    """What the discovery found: every rule, and every check in a stable order."""

    rules: tuple[Rule, ...]
    checks: tuple[Check, ...]


class Registry:
    """An immutable, ordered collection of rules indexed by code, with their checks."""

    def __init__(self, source: Catalogue | Iterable[Rule] | Callable[[], Catalogue]) -> None:
        """``source`` may be a function: the rules are then collected on first use, so a run
        that never asks for a rule (`playbook --version`) never imports the rule modules."""
        self._source = source
        self._built: tuple[dict[str, Rule], tuple[Check, ...], dict[Role, Rule]] | None = None

    def _build(self) -> tuple[dict[str, Rule], tuple[Check, ...], dict[Role, Rule]]:
        if self._built is None:
            source = self._source() if callable(self._source) else self._source
            catalogue = source if isinstance(source, Catalogue) else Catalogue(tuple(source), ())
            built: dict[str, Rule] = {}
            for rule in sorted(catalogue.rules, key=lambda rule: rule.code):
                if rule.code in built:
                    raise ValueError(f"rule code {rule.code} is defined twice")
                if rule.scope not in SCOPES:
                    raise ValueError(f"rule {rule.code} has unknown scope {rule.scope!r}")
                built[rule.code] = rule
            names = [rule.name for rule in built.values()]
            if len(set(names)) != len(names):
                raise ValueError("two rules share a name")
            roles = {rule.role: rule for rule in built.values() if rule.role is not None}
            if len(roles) != sum(rule.role is not None for rule in built.values()):
                raise ValueError("two rules fill the same role")
            self._built = built, catalogue.checks, roles
        return self._built

    @property
    def _by_code(self) -> dict[str, Rule]:
        return self._build()[0]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Rule | None:
        return self._by_code.get(code.upper()) if isinstance(code, str) else None

    def __getitem__(self, code: str) -> Rule:
        return self._by_code[code]

    def by_name(self, name: str) -> Rule | None:
        return next((rule for rule in self if rule.name == name), None)

    def for_role(self, role: Role) -> Rule | None:
        """The rule that reports ``role`` (``None``: the role goes unreported)."""
        return self._build()[2].get(role)

    def findings_of(self, notes: Iterable[Note], enabled: Callable[[str], bool] | None = None) -> list[Finding]:
        """The findings of what a reader noted, each made by the rule that fills its role.

        A note whose role no rule fills, or whose rule ``enabled`` says is off, is not reported.
        Most reads note nothing: then the rules are not even looked up.
        """
        found: list[Finding] = []
        for note in notes:
            rule = self.for_role(note.role)
            if rule is not None and (enabled is None or enabled(rule.code)):
                found.append(rule.at(note.loc, note.message, note.hint))
        return found

    def by_scope(self, scope: str) -> tuple[Rule, ...]:
        return tuple(rule for rule in self if rule.scope == scope)

    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)

    def checks(self, scope: str, enabled: Callable[[str], bool] | None = None) -> tuple[Check, ...]:
        """The checks of a family, leaving out those whose every rule is switched off."""
        return tuple(check for check in self._build()[1] if check.scope == scope
                     and (enabled is None or any(enabled(rule.code) for rule in check.rules)))
