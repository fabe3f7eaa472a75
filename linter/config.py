"""The linter's own configuration: per-rule severity overrides from playbook/lint.yml.

Loading and schema findings (PB0xx, PB1xx) cannot be silenced or downgraded: a file that
cannot be read or has the wrong shape makes every later check meaningless.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable, Iterator, Mapping

from linter.findings import Finding, Severity
from linter.model import Playbook
from linter.registry import Registry

OFF = "off"
_LOCKED_PREFIXES = ("PB0", "PB1")


def apply_overrides(findings: Iterable[Finding], overrides: Mapping[str, str]) -> list[Finding]:
    """Drop findings of rules turned off and re-grade those given another severity."""
    result = []
    for finding in findings:
        wanted = overrides.get(finding.code)
        if wanted is None or finding.code.startswith(_LOCKED_PREFIXES):
            result.append(finding)
        elif wanted != OFF:
            result.append(dataclasses.replace(finding, severity=Severity(wanted)))
    return result


def check_lint_config(playbook: Playbook, registry: Registry) -> Iterator[Finding]:
    from linter.config_rules import UNKNOWN_CODE, LOCKED_CODE

    for code in playbook.lint.rules:
        loc = playbook.lint.where("rules", code)
        if code not in registry:
            guess = difflib.get_close_matches(code, list(registry.codes()), n=1, cutoff=0.6)
            yield UNKNOWN_CODE.at(loc, f"lint.yml configures {code}, which is not a rule",
                                  f"Did you mean {guess[0]}? `playbook rules` lists every code." if guess
                                  else "`playbook rules` lists every code.")
        elif code.startswith(_LOCKED_PREFIXES):
            yield LOCKED_CODE.at(loc, f"{code} cannot be reconfigured: loading and schema errors always apply",
                                 "Fix the file instead of silencing the rule.")
