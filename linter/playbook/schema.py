"""JSON Schema validation of playbook files, with messages a non-developer can act on.

jsonschema's own messages ("'beaucoup' is not of type 'number'") speak to developers and
say nothing of where the value is. We map each error to the value's position in the file
and rewrite it in plain words, with a "did you mean" when a key or a value is close to one
the schema knows.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from linter.core.findings import Finding, Loc, Severity
from linter.core.suggest import closest
from linter.playbook.source import Document
from linter.rules.schema.shape import (
    BAD_FORMAT,
    BAD_PATTERN,
    INVALID_VALUE,
    MISSING_FIELD,
    NOT_ALLOWED,
    OUT_OF_RANGE,
    TOO_MANY,
    UNKNOWN_FIELD,
    WRONG_TYPE,
)

if TYPE_CHECKING:  # imported when a file fails the quick check: most runs never need jsonschema
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import ValidationError

    from linter.playbook.schema_quick import Check

_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields (key: value)",
    "null": "empty",
}
_FORMAT_WORDS = {
    "date": "a date written YYYY-MM-DD, like 2027-06-30",
    "date-time": "a date and time with its offset, like 2027-06-30T09:00:00+02:00",
    "email": "an e-mail address, like contact@example.fr",
    "uri": "a full web address starting with https://",
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def schema_dir() -> Path:
    """Schemas ship inside the wheel (linter/schemas) and live at the repo top in a checkout."""
    package = Path(__file__).resolve().parent.parent  # linter/
    for candidate in (package / "schemas", package.parent / "schemas"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the JSON Schemas are missing from this installation")


def schema_names() -> list[str]:
    return sorted(path.name.removesuffix(".schema.json") for path in schema_dir().glob("*.schema.json"))


def load_schema(name: str) -> dict[str, Any]:
    with open(schema_dir() / f"{name}.schema.json", encoding="utf-8") as handle:
        return json.load(handle)


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 60 else f'"{value[:57]}..."'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)


def _field_name(path: tuple) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "this value"


def _field_label(path: tuple) -> str:
    """The last key, or "item N of `key`" for a list entry, as a reader would say it."""
    name = _field_name(path)
    if name == "this value":
        return name
    if path and isinstance(path[-1], int):
        return f"item {path[-1] + 1} of `{name}`"
    return f"`{name}`"


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True  # the type check reports non-text values
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and dt.date.fromisoformat(value) is not None
    except ValueError:
        return False


def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in value.upper() or " " in value


def _is_email(value: object) -> bool:
    return not isinstance(value, str) or bool(_EMAIL.match(value))


def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https", "mailto", "tel") and bool(parsed.netloc or parsed.path)


# The formats we check, by name: jsonschema's own checks differ between installs (some need
# optional packages), and the quick predicates must apply exactly the same tests.
FORMATS = {"date": _is_date, "date-time": _is_datetime, "email": _is_email, "uri": _is_uri}


class Validator:
    """Validates the documents of each concern against its schema; compiled once per run.

    A document first meets the quick yes/no predicates of linter/schema_quick.py; only one
    that fails them is checked by jsonschema, whose errors we translate. Most runs see clean
    files, so most runs never import jsonschema.
    """

    def __init__(self) -> None:
        self._schemas: dict[str, dict[str, Any]] = {}
        self._quick: dict[str, Check | None] = {}
        self._validators: dict[str, Draft202012Validator] = {}

    def schema(self, name: str) -> dict[str, Any]:
        if name not in self._schemas:
            self._schemas[name] = load_schema(name)
        return self._schemas[name]

    @cached_property
    def _format_checker(self) -> FormatChecker:
        from jsonschema import FormatChecker

        checker = FormatChecker(formats=())
        for format_name, test in FORMATS.items():
            checker.checks(format_name)(test)
        return checker

    def quick(self, name: str) -> Check | None:
        """The yes/no predicate of schema ``name``, or None if jsonschema must do it all."""
        if name not in self._quick:
            from linter.playbook.schema_quick import compile_schema

            self._quick[name] = compile_schema(self.schema(name), FORMATS)
        return self._quick[name]

    def validator(self, name: str) -> Draft202012Validator:
        if name not in self._validators:
            from jsonschema import Draft202012Validator

            self._validators[name] = Draft202012Validator(self.schema(name), format_checker=self._format_checker)
        return self._validators[name]

    def is_valid(self, name: str, data: object) -> bool:
        quick = self.quick(name)
        if quick is not None and quick(data):
            return True
        return self.validator(name).is_valid(data)

    def validate(self, name: str, document: Document) -> list[Finding]:
        quick = self.quick(name)
        if quick is not None and quick(document.data):
            return []
        findings: list[Finding] = []
        for error in self.validator(name).iter_errors(document.data):
            findings.extend(_translate(_most_relevant(error), document))
        return findings


def _most_relevant(error: ValidationError) -> ValidationError:
    """For anyOf/oneOf, the sub-error that best explains the problem is more useful."""
    if _alternatives(error) is not None:
        return error
    if error.validator in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        deepest = best_match(error.context)
        if deepest is not None:
            return deepest
    return error


def _at(document: Document, path: tuple, code: str, message: str, hint: str | None) -> Finding:
    loc: Loc = document.loc(*path)
    return Finding(code, Severity.ERROR, document.path, loc.line, loc.column, message, hint)


def _description(schema: Mapping, key: str) -> str | None:
    prop = schema.get("properties", {}).get(key, {}) if isinstance(schema, Mapping) else {}
    return prop.get("description") if isinstance(prop, Mapping) else None


def _alternatives(error: ValidationError) -> list[str] | None:
    """For a oneOf/anyOf of `required` branches: the fields of which one must be given."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return None
    if not all(sub.validator == "required" for sub in error.context):
        return None
    return [name for sub in error.context for name in sub.validator_value]


def _translate(error: ValidationError, document: Document) -> Iterator[Finding]:
    path = tuple(error.absolute_path)
    kind = error.validator
    value = error.instance
    label = _field_label(path)
    if "propertyNames" in error.schema_path:
        loc = document.key_loc(*path, value) if isinstance(value, str) else document.loc(*path)
        reserved = kind == "not"
        hint = "This name is reserved: choose another one." if reserved else \
            _pattern_hint(error.validator_value, error.schema) if kind == "pattern" else None
        yield Finding(BAD_PATTERN.code, Severity.ERROR, document.path, loc.line, loc.column,
                      f"`{value}` cannot be used as a name in {label}", hint)
        return
    if kind == "type":
        expected: list[str] = (error.validator_value if isinstance(error.validator_value, list)
                               else [error.validator_value])
        words = " or ".join(_TYPE_WORDS.get(item, item) for item in expected)
        if not path:
            yield _at(document, path, WRONG_TYPE.code, f"the file must hold {words}, got {_describe(value)}",
                      "Start the file with the fields of this playbook part, one `key: value` per line.")
            return
        hint = None
        if isinstance(value, bool) and "string" in expected:
            hint = "YAML reads yes/no/on/off/true/false as true or false: put the value in quotes."
        elif isinstance(value, str) and ("number" in expected or "integer" in expected):
            hint = "Write the number with digits only, without quotes or units (put the unit in `unit`)."
        elif isinstance(value, (str, dict)) and "array" in expected:
            hint = "Write a list: one item per line, each starting with `- `, or [a, b]."
        yield _at(document, path, WRONG_TYPE.code, f"{label} must be {words}, got {_describe(value)}", hint)
    elif kind == "required":
        missing = [name for name in error.validator_value if isinstance(value, dict) and name not in value]
        for name in missing:
            description = _description(error.schema, name)
            hint = f"Add `{name}:` here. {description}" if description else f"Add `{name}:` here."
            where = f" in {label}" if path else ""
            yield _at(document, path, MISSING_FIELD.code, f"the required field `{name}` is missing{where}", hint)
    elif kind in ("additionalProperties", "unevaluatedProperties"):
        known = list(error.schema.get("properties", {}))
        extras = [key for key in value if key not in known] if isinstance(value, dict) else []
        for key in extras:
            suggestion = closest(key, known)
            loc = document.key_loc(*path, key)
            hint = (f"Did you mean `{suggestion}`?" if suggestion
                    else "Known fields here: " + ", ".join(f"`{name}`" for name in known) + "." if known else None)
            yield Finding(UNKNOWN_FIELD.code, Severity.ERROR, document.path, loc.line, loc.column,
                          f"unknown field `{key}`", hint)
    elif kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        suggestion = closest(value, allowed) if isinstance(value, str) else None
        choices = ", ".join(_describe(item) for item in allowed)
        hint = f"Did you mean {_describe(suggestion)}?" if suggestion else f"Use one of: {choices}."
        yield _at(document, path, NOT_ALLOWED.code, f"{label} must be one of {choices}; got {_describe(value)}", hint)
    elif kind == "format":
        words = _FORMAT_WORDS.get(error.validator_value, f"a valid {error.validator_value}")
        yield _at(document, path, BAD_FORMAT.code, f"{label} must be {words}, got {_describe(value)}",
                  "Check the spelling of the value; dates are written year-month-day.")
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {"minimum": "at least", "maximum": "at most",
                 "exclusiveMinimum": "more than", "exclusiveMaximum": "less than"}[kind]
        yield _at(document, path, OUT_OF_RANGE.code,
                  f"{label} must be {words} {error.validator_value}, got {_describe(value)}", None)
    elif kind in ("minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties"):
        noun = {"Items": "item", "Length": "character", "Properties": "field"}[re.sub(r"^(min|max)", "", kind)]
        words = "at least" if kind.startswith("min") else "at most"
        count = error.validator_value
        yield _at(document, path, OUT_OF_RANGE.code,
                  f"{label} must have {words} {count} {noun}{'s' if count != 1 else ''}",
                  "An empty value here is almost always a forgotten entry." if kind.startswith("min") else None)
    elif kind == "pattern":
        yield _at(document, path, BAD_PATTERN.code, f"{label} has an unexpected form: {_describe(value)}",
                  _pattern_hint(error.validator_value, error.schema))
    elif kind == "uniqueItems":
        seen: set = set()
        duplicates = []
        for item in value if isinstance(value, list) else []:
            key = json.dumps(item, sort_keys=True, default=str)
            if key in seen:
                duplicates.append(item)
            seen.add(key)
        listed = ", ".join(_describe(item) for item in duplicates) or "an item"
        yield _at(document, path, TOO_MANY.code, f"{label} lists {listed} more than once", "Remove the repeated entry.")
    elif (alternatives := _alternatives(error)) is not None:
        names = " or ".join(f"`{name}`" for name in dict.fromkeys(alternatives))
        yield _at(document, path, MISSING_FIELD.code, f"{label} needs {names}", f"Add {names} here.")
    elif kind == "oneOf":
        branches = error.validator_value if isinstance(error.validator_value, list) else []
        required = [name for branch in branches if isinstance(branch, Mapping) for name in branch.get("required", ())]
        given = [name for name in dict.fromkeys(required) if isinstance(value, dict) and name in value]
        if len(given) > 1:
            both = " and ".join(f"`{name}`" for name in given)
            yield _at(document, path, INVALID_VALUE.code, f"{label} gives both {both}; only one is allowed",
                      "Keep the one you mean and delete the other.")
        else:
            yield _at(document, path, INVALID_VALUE.code, f"{label} matches more than one of the allowed forms",
                      "Give only one of the alternative fields (see the field reference).")
    else:
        yield _at(document, path, INVALID_VALUE.code, f"{label} is not valid here: {error.message}",
                  "See the field's description in the playbook reference.")


def _pattern_hint(pattern: str, schema: Mapping) -> str:
    known = {
        "^[a-z0-9][a-z0-9-]*$": "Ids use lowercase letters, digits and dashes only, like `service-client`.",
        "min|h|d": "Write a duration like `30min`, `2h` or `1d`.",
        "24:00": "Write a time range like `09:00-18:00` (24-hour clock, end after start).",
        "PB[0-9]": "Rule codes look like `PB301`.",
    }
    for marker, text in known.items():
        if marker in pattern:
            return text
    description = schema.get("description") if isinstance(schema, Mapping) else None
    return description or f"The value must match the pattern {pattern}."
