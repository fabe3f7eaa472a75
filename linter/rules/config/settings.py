"""PB9xx: problems in the linter's own configuration."""

from linter.core.findings import Severity
from linter.core.rule import rule

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
                                  '"column": 3, "message": "banned term \'gratuit\'"}]}\n'
                                  "(and drafts/promo.md no longer contains the term)",
    fixed='{"findings": []}',
    options="The `--baseline FILE` option of `playbook lint` and `playbook check`.")

RULES = (UNKNOWN_CODE, LOCKED_CODE, STALE_BASELINE)
