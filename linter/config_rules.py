"""PB9xx: problems in the linter's own configuration."""

from linter.findings import Severity
from linter.registry import Rule, RuleDoc

UNKNOWN_CODE = Rule("PB901", "unknown-rule-in-config", "lint.yml configures a rule code that does not exist.",
                    Severity.ERROR, "config", RuleDoc(
                        what="Reports rule codes in lint.yml that no rule has.",
                        why="A misspelt code means the override the team agreed on silently does nothing.",
                        example="rules:\n  PB3O8:\n    severity: off",
                        fixed="rules:\n  PB308:\n    severity: off",
                        options="lint.yml `rules`.", example_file="lint.yml"))
LOCKED_CODE = Rule("PB902", "locked-rule-in-config", "lint.yml tries to change a loading or schema rule.",
                   Severity.WARNING, "config", RuleDoc(
                       what="Loading (PB0xx) and schema (PB1xx) rules always apply; configuring them has no effect.",
                       why="A playbook that cannot be read or has the wrong shape cannot be checked at all.",
                       example="rules:\n  PB103:\n    severity: off",
                       fixed="rules: {}",
                       options="lint.yml `rules`.", example_file="lint.yml"))

RULES = (UNKNOWN_CODE, LOCKED_CODE)
