"""PB904: the repository's copies of the JSON Schemas differ from the installed tool's."""

from linter.core.findings import Severity
from linter.core.rule import rule

SCHEMA_DRIFT = rule(
    "PB904", "stale-schema-copy", "A copy of a playbook schema in schemas/ differs from the installed tool's.",
    Severity.WARNING,
    what="`playbook init` copies the JSON Schemas into `schemas/`, where editors read them (each playbook file "
         "names its schema on its first line). Reports each copy there whose content differs from the schema "
         "the installed `playbook` checks with, or that is not valid JSON.",
    why="After an upgrade of the tool the copies are old: the editor then accepts what CI refuses, or flags "
        "what CI accepts, and nobody knows which to believe.",
    example="schemas/tone.schema.json written by an older version of the tool\n"
            "(a field the new version allows is missing from it)",
    fixed="playbook schema --export schemas",
    options="Switch it off in lint.yml (`rules: {PB904: {severity: off}}`) if the copies are kept different "
            "on purpose.",
    example_file="schemas/tone.schema.json")

RULES = (SCHEMA_DRIFT,)
