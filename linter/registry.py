"""The rule registry: one list of every rule, built once and passed to whoever needs it.

`playbook rules`, `playbook explain`, SARIF's ``rules[]`` and the site's rule reference all
read the same objects, so a rule's documentation can never drift between them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from linter.findings import Finding, Fix, Loc, Severity

SCOPES = ("load", "schema", "playbook", "draft", "queue", "config")


@dataclass(frozen=True)
class RuleDoc:
    """The fixed sections every rule documents (see DESIGN: what, why, example, fixed, options)."""

    what: str
    why: str
    example: str
    fixed: str
    options: str
    example_file: str | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    severity: Severity
    scope: str
    doc: RuleDoc
    fixable: bool = False

    def at(self, loc: Loc, message: str, hint: str | None = None, fix: Fix | None = None,
           severity: Severity | None = None, end: Loc | None = None) -> Finding:
        """Create a finding of this rule at ``loc``."""
        return Finding(
            self.code, severity or self.severity, loc.path, loc.line, loc.column, message, hint, fix,
            end.line if end else None, end.column if end else None,
        )


class Registry:
    """An immutable, ordered collection of rules indexed by code."""

    def __init__(self, rules: Iterable[Rule] | Callable[[], Iterable[Rule]]):
        """``rules`` may be a function: the rules are then collected on first use, so a run
        that never asks for a rule (`playbook validate` with text output) never imports the
        draft rules and their libraries."""
        self._source = rules
        self._built: dict[str, Rule] | None = None

    @property
    def _by_code(self) -> dict[str, Rule]:
        if self._built is None:
            rules = self._source() if callable(self._source) else self._source
            built: dict[str, Rule] = {}
            for rule in sorted(rules, key=lambda rule: rule.code):
                if rule.code in built:
                    raise ValueError(f"rule code {rule.code} is defined twice")
                if rule.scope not in SCOPES:
                    raise ValueError(f"rule {rule.code} has unknown scope {rule.scope!r}")
                built[rule.code] = rule
            self._built = built
        return self._built

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

    def by_scope(self, scope: str) -> tuple[Rule, ...]:
        return tuple(rule for rule in self if rule.scope == scope)

    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)


def _rule_modules() -> list:
    """Every module that declares ``RULES``; imported lazily so start-up stays light."""
    import importlib
    import pkgutil

    from linter import playbook_checks, rules

    modules = [importlib.import_module(name) for name in ("linter.source_rules", "linter.schema_rules")]
    for package in (playbook_checks, rules):
        for info in pkgutil.iter_modules(package.__path__):
            modules.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    for optional in ("linter.queue", "linter.config_rules"):
        try:
            modules.append(importlib.import_module(optional))
        except ModuleNotFoundError as error:
            if error.name != optional:
                raise
    return modules


def _collect() -> list[Rule]:
    return [rule for module in _rule_modules() for rule in getattr(module, "RULES", ())]


def build_registry() -> Registry:
    """Every rule of the tool; the modules are imported the first time a rule is asked for."""
    return Registry(_collect)
