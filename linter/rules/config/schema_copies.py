"""PB904: the repository's copies of the JSON Schemas differ from the installed tool's."""

from __future__ import annotations

import os
from collections.abc import Iterator

from linter.core.findings import Finding, Loc, Severity
from linter.core.i18n import Language
from linter.core.registry import Registry
from linter.core.rule import rule
from linter.core.settings import Settings

SCHEMA_DRIFT = rule(
    "PB904", "stale-schema-copy", "A copy of a playbook schema in schemas/ differs from the installed tool's.",
    Severity.WARNING,
    what="`playbook init` copies the JSON Schemas into `schemas/`, where editors read them (each playbook file "
         "names its schema on its first line). Reports each copy there whose content differs from the schema "
         "the installed `playbook` checks with, or that is not valid JSON.",
    why="After an upgrade of the tool the copies are old: the editor then accepts what CI refuses, or flags "
        "what CI accepts, and nobody knows which to believe.",
    example_note="A copy written by an older version of the tool: a field the new version allows is missing "
                 "from it.",
    example="schemas/tone.schema.json",
    fixed_note="Export the schemas again, with the command:",
    fixed="playbook schema --export schemas",
    options="Switch it off in lint.yml (`rules: {PB904: {severity: off}}`) if the copies are kept different "
            "on purpose.",
    example_file="schemas/tone.schema.json")

RULES = (SCHEMA_DRIFT,)


def check(settings: Settings, registry: Registry, lang: Language) -> Iterator[Finding]:
    """PB904 for each copy in ``schemas/`` (beside the playbook folder, where ``playbook init``
    writes them for editors) that differs from the schema the installed tool checks with."""
    import json

    from linter.playbook.schema import load_schema, schema_dir, schema_names

    folder = os.path.join(os.path.dirname(settings.playbook.rstrip("/\\")), "schemas")
    if not os.path.isdir(folder) or os.path.realpath(folder) == os.path.realpath(schema_dir()):
        return
    hint = lang("Refresh the copies with `playbook schema --export {folder}` and commit them.", folder=folder)
    for name in schema_names():
        path = os.path.join(folder, f"{name}.schema.json")
        if not os.path.isfile(path):
            continue
        try:
            with open(path, encoding="utf-8") as handle:
                copy = json.load(handle)
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            message = lang("{path} cannot be read as JSON, so editors check {file} with no schema or a broken one",
                           path=path, file=name + ".yml")
            yield SCHEMA_DRIFT.at(Loc(path, 1, 1), message, hint)
            continue
        if copy != load_schema(name):
            message = lang("{path} differs from the {name} schema of the installed playbook tool: editors and "
                           "`playbook check` may disagree on this file", path=path, name=name)
            yield SCHEMA_DRIFT.at(Loc(path, 1, 1), message, hint)
