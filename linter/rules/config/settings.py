"""PB9xx: problems in the linter's own configuration."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from linter.core.findings import Finding, Loc, Severity
from linter.core.i18n import Language
from linter.core.registry import Registry
from linter.core.rule import Role, rule
from linter.core.settings import LOCKED_PREFIXES, Settings
from linter.core.suggest import closest

SELECTOR = re.compile(r"^PB[0-9]{1,3}$")
"""What a configured code may be: a rule (PB301), a family (PB3) or a group (PB30)."""

UNKNOWN_CODE = rule(
    "PB901", "unknown-rule-in-config", "lint.yml configures a rule code that does not exist.",
    Severity.ERROR,
    what="Reports rule codes in lint.yml that no rule has.",
    why="A misspelt code means the override the team agreed on silently does nothing.",
    example="rules:\n  PB3O8:\n    severity: off",
    fixed="rules:\n  PB308:\n    severity: off",
    options="lint.yml `rules`.",
    example_file="lint.yml")
LOCKED_CODE = rule(
    "PB902", "locked-rule-in-config", "lint.yml tries to change a loading or schema rule.",
    Severity.WARNING,
    what="Loading (PB0xx) and schema (PB1xx) rules always apply; configuring them has no effect.",
    why="A playbook that cannot be read or has the wrong shape cannot be checked at all.",
    example="rules:\n  PB103:\n    severity: off",
    fixed="rules: {}",
    options="lint.yml `rules`.",
    example_file="lint.yml")

STALE_BASELINE = rule(
    "PB903", "stale-baseline-entry", "A baseline entry matches no finding any more.",
    Severity.WARNING,
    what="With `--baseline FILE`, findings listed in the file are not reported; an entry "
                               "that matches no finding of the run is reported instead, at the place it named.",
    why="A baseline records problems the team has accepted for now. Once one is fixed its "
                              "entry must go, or the same problem could come back unnoticed.",
    example='{"findings": [{"code": "PB307", "path": "drafts/promo.md", "line": 8, '
                                  '"column": 3, "message": "banned term \'gratuit\'"}]}',
    example_note="The baseline still lists this finding, but drafts/promo.md no longer contains the term.",
    fixed='{"findings": []}',
    options="The `--baseline FILE` option of `playbook lint` and `playbook check`.",
    role=Role.STALE_BASELINE)

RULES = (UNKNOWN_CODE, LOCKED_CODE, STALE_BASELINE)


def check(settings: Settings, registry: Registry, lang: Language) -> Iterator[Finding]:
    """PB901 for configured codes (``rules``, ``enable``, ``disable``) that match no rule;
    PB902 for loading and schema rules, which cannot be switched off or re-graded."""
    for layer in settings.layers:
        name = os.path.basename(layer.source)
        entries = [("enable", code) for code in layer.enable or ()]
        entries += [("disable", code) for code in layer.disable or ()]
        entries += [("rules", code) for code in layer.rules]
        for key, code in entries:
            loc = layer.where.get((key, code), Loc(layer.source, 1, 1))
            codes = registry.codes()
            if not SELECTOR.match(code) or not any(known.startswith(code) for known in codes):
                guess = closest(code, codes)
                yield UNKNOWN_CODE.at(loc, lang("{file} names {code} in `{key}`, which matches no rule", file=name,
                                                code=code, key=key),
                                      lang("Did you mean {code}? `playbook rules` lists every code.", code=guess)
                                      if guess else
                                      lang("Name a rule (PB301) or a family (PB3); `playbook rules` lists them."))
            elif code.startswith(LOCKED_PREFIXES) and key != "enable":
                yield LOCKED_CODE.at(loc, lang("{code} cannot be switched off: loading and schema errors always apply",
                                               code=code),
                                     lang("Fix the file instead of silencing the rule."))
