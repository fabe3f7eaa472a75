"""Every rule of the tool, one folder per family, found by one discovery (``build_registry``).

A rule code leads to its folder: ``PB0xx`` ``load/``, ``PB1xx`` ``schema/``, ``PB2xx``
``playbook/``, ``PB3xx`` ``draft/``, ``PB4xx`` ``queue/``, ``PB9xx`` ``config/``. Each module
of a family folder (not starting with ``_``) follows one contract, in the manner of yamllint:

``RULES``
    the rules the module declares, each with ``linter.core.rule.rule()``;
``check`` (optional)
    a pure function yielding findings of those rules. Its arguments depend on the family:
    ``check(playbook, ctx)`` for ``playbook/``, ``check(draft, playbook, ctx[, prepared])`` for
    ``draft/``, ``check(queue, playbook, ctx)`` for ``queue/`` (a ``linter.drafts.queue.Queue``),
    ``check(settings, registry, lang)`` for ``config/``. ``load/`` and ``schema/`` have no
    ``check``: the file reader and the schema validator note what they find, and each of their
    rules reports the notes of the ``role`` it declares (``linter.core.rule.Role``, ``Note``);
``role`` (optional, in ``rule()``)
    what a part of the tool outside ``linter/rules/`` finds itself and this rule reports: the
    readers and the findings pipeline never import a rule, they ask the registry
    (``Registry.findings_of``, ``Registry.for_role``);
``prepare(playbook)`` (optional, draft rules)
    work done once per run (term indexes…), passed to ``check`` as ``prepared``;
``ASIDE``, ``per_draft`` (optional, queue rules)
    see ``linter.core.registry.Check``.

The settings decide which checks run (``Registry.checks``): a check whose every rule is off is
never called.
"""

from __future__ import annotations

import importlib
import pkgutil

from linter.core.registry import Catalogue, Check, Registry
from linter.core.rule import FAMILIES, Rule

PACKAGES: tuple[str, ...] = tuple(FAMILIES.values())


def discover() -> Catalogue:
    """Import every rule module, family by family and module by module in name order."""
    rules: list[Rule] = []
    checks: list[Check] = []
    for family in PACKAGES:
        package = importlib.import_module(f"{__name__}.{family}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda info: info.name):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            declared: tuple[Rule, ...] = tuple(getattr(module, "RULES", ()))
            if not declared:
                raise ValueError(f"{module.__name__} declares no RULES")
            for item in declared:
                if item.scope != family:
                    raise ValueError(f"{item.code} ({item.scope}) is declared in {module.__name__}: "
                                     f"a {item.scope} rule lives in linter/rules/{item.scope}/")
            rules.extend(declared)
            run = getattr(module, "check", None)
            if run is not None:
                checks.append(Check(module.__name__, family, declared, run, getattr(module, "prepare", None),
                                    bool(getattr(module, "ASIDE", False)), getattr(module, "per_draft", None)))
    return Catalogue(tuple(rules), tuple(checks))


def build_registry() -> Registry:
    """Every rule of the tool; the modules are imported the first time a rule is asked for."""
    return Registry(discover)
