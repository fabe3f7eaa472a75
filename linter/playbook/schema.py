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

from linter.core.findings import Loc
from linter.core.i18n import N_, Language
from linter.core.rule import Note, Role
from linter.core.suggest import closest
from linter.playbook.source import Document

if TYPE_CHECKING:  # imported when a file fails the quick check: most runs never need jsonschema
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import ValidationError

    from linter.playbook.schema_quick import Check

_TYPE_WORDS = {
    "string": N_("text"),
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "boolean": N_("true or false"),
    "array": N_("a list"),
    "object": N_("a mapping of fields (key: value)"),
    "null": N_("empty"),
}
_FORMAT_WORDS = {
    "date": N_("a date written YYYY-MM-DD, like 2027-06-30"),
    "date-time": N_("a date and time with its offset, like 2027-06-30T09:00:00+02:00"),
    "email": N_("an e-mail address, like contact@example.fr"),
    "uri": N_("a full web address starting with https://"),
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


def _describe(value: object, lang: Language) -> str:
    if value is None:
        return lang("nothing")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 60 else f'"{value[:57]}..."'
    if isinstance(value, list):
        return lang("a list")
    if isinstance(value, dict):
        return lang("a mapping")
    return str(value)


def _field_name(path: tuple) -> str | None:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return None


def _field_label(path: tuple, lang: Language) -> str:
    """The last key, or "item N of `key`" for a list entry, as a reader would say it."""
    name = _field_name(path)
    if name is None:
        return lang("this value")
    if path and isinstance(path[-1], int):
        return lang("item {number} of `{field}`", number=path[-1] + 1, field=name)
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

    def validate(self, name: str, document: Document, lang: Language | None = None) -> list[Note]:
        """What is wrong with ``document``'s shape, noted for the schema rules (PB1xx) to report."""
        quick = self.quick(name)
        if quick is not None and quick(document.data):
            return []
        notes: list[Note] = []
        for error in self.validator(name).iter_errors(document.data):
            notes.extend(_translate(_most_relevant(error), document, lang or Language()))
        return notes


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


def _at(document: Document, path: tuple, role: Role, message: str, hint: str | None) -> Note:
    return _in(document, document.loc(*path), role, message, hint)


def _in(document: Document, at: Loc, role: Role, message: str, hint: str | None) -> Note:
    """A note at ``at``, in the document's own file."""
    return Note(role, Loc(document.path, at.line, at.column), message, hint)


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


def _translate(error: ValidationError, document: Document, lang: Language) -> Iterator[Note]:
    path = tuple(error.absolute_path)
    kind = error.validator
    value = error.instance
    label = _field_label(path, lang)

    def describe(item: object) -> str:
        return _describe(item, lang)

    if "propertyNames" in error.schema_path:
        loc = document.key_loc(*path, value) if isinstance(value, str) else document.loc(*path)
        reserved = kind == "not"
        hint = lang("This name is reserved: choose another one.") if reserved else \
            _pattern_hint(error.validator_value, error.schema, lang) if kind == "pattern" else None
        yield _in(document, loc, Role.BAD_PATTERN,
                  lang("`{value}` cannot be used as a name in {field}", value=value, field=label), hint)
        return
    if kind == "type":
        expected: list[str] = (error.validator_value if isinstance(error.validator_value, list)
                               else [error.validator_value])
        words = lang.or_list(lang(_TYPE_WORDS[item]) if item in _TYPE_WORDS else item for item in expected)
        if not path:
            yield _at(document, path, Role.WRONG_TYPE,
                      lang("the file must hold {expected}, got {value}", expected=words, value=describe(value)),
                      lang("Start the file with the fields of this playbook part, one `key: value` per line."))
            return
        hint = None
        if isinstance(value, bool) and "string" in expected:
            hint = lang("YAML reads yes/no/on/off/true/false as true or false: put the value in quotes.")
        elif isinstance(value, str) and ("number" in expected or "integer" in expected):
            hint = lang("Write the number with digits only, without quotes or units (put the unit in `unit`).")
        elif isinstance(value, (str, dict)) and "array" in expected:
            hint = lang("Write a list: one item per line, each starting with `- `, or [a, b].")
        yield _at(document, path, Role.WRONG_TYPE,
                  lang("{field} must be {expected}, got {value}", field=label, expected=words, value=describe(value)),
                  hint)
    elif kind == "required":
        missing = [name for name in error.validator_value if isinstance(value, dict) and name not in value]
        for name in missing:
            description = _description(error.schema, name)
            hint = lang("Add `{field}:` here.", field=name)
            if description:
                hint += " " + lang(description)
            message = lang("the required field `{field}` is missing in {where}", field=name, where=label) if path \
                else lang("the required field `{field}` is missing", field=name)
            yield _at(document, path, Role.MISSING_FIELD, message, hint)
    elif kind in ("additionalProperties", "unevaluatedProperties"):
        known = list(error.schema.get("properties", {}))
        extras = [key for key in value if key not in known] if isinstance(value, dict) else []
        for key in extras:
            suggestion = closest(key, known)
            loc = document.key_loc(*path, key)
            hint = (lang("Did you mean `{field}`?", field=suggestion) if suggestion
                    else lang("Known fields here: {fields}.", fields=", ".join(f"`{name}`" for name in known))
                    if known else None)
            yield _in(document, loc, Role.UNKNOWN_FIELD, lang("unknown field `{field}`", field=key), hint)
    elif kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        suggestion = closest(value, allowed) if isinstance(value, str) else None
        choices = ", ".join(describe(item) for item in allowed)
        hint = lang("Did you mean {value}?", value=describe(suggestion)) if suggestion else \
            lang("Use one of: {choices}.", choices=choices)
        yield _at(document, path, Role.NOT_ALLOWED,
                  lang("{field} must be one of {choices}; got {value}", field=label, choices=choices,
                       value=describe(value)), hint)
    elif kind == "format":
        words = lang(_FORMAT_WORDS[error.validator_value]) if error.validator_value in _FORMAT_WORDS else \
            lang("a valid {format}", format=error.validator_value)
        yield _at(document, path, Role.BAD_FORMAT,
                  lang("{field} must be {expected}, got {value}", field=label, expected=words, value=describe(value)),
                  lang("Check the spelling of the value; dates are written year-month-day."))
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = error.validator_value
        message = {
            "minimum": lang("{field} must be at least {bound}, got {value}", field=label, bound=bound,
                            value=describe(value)),
            "maximum": lang("{field} must be at most {bound}, got {value}", field=label, bound=bound,
                            value=describe(value)),
            "exclusiveMinimum": lang("{field} must be more than {bound}, got {value}", field=label, bound=bound,
                                     value=describe(value)),
            "exclusiveMaximum": lang("{field} must be less than {bound}, got {value}", field=label, bound=bound,
                                     value=describe(value)),
        }[kind]
        yield _at(document, path, Role.OUT_OF_RANGE, message, None)
    elif kind in ("minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties"):
        count = error.validator_value
        message = {
            "minItems": lang.plural("{field} must have at least {count} item",
                                    "{field} must have at least {count} items", count, field=label),
            "maxItems": lang.plural("{field} must have at most {count} item",
                                    "{field} must have at most {count} items", count, field=label),
            "minLength": lang.plural("{field} must have at least {count} character",
                                     "{field} must have at least {count} characters", count, field=label),
            "maxLength": lang.plural("{field} must have at most {count} character",
                                     "{field} must have at most {count} characters", count, field=label),
            "minProperties": lang.plural("{field} must have at least {count} field",
                                         "{field} must have at least {count} fields", count, field=label),
            "maxProperties": lang.plural("{field} must have at most {count} field",
                                         "{field} must have at most {count} fields", count, field=label),
        }[kind]
        yield _at(document, path, Role.OUT_OF_RANGE, message,
                  lang("An empty value here is almost always a forgotten entry.") if kind.startswith("min") else None)
    elif kind == "pattern":
        yield _at(document, path, Role.BAD_PATTERN,
                  lang("{field} has an unexpected form: {value}", field=label, value=describe(value)),
                  _pattern_hint(error.validator_value, error.schema, lang))
    elif kind == "uniqueItems":
        seen: set = set()
        duplicates = []
        for item in value if isinstance(value, list) else []:
            key = json.dumps(item, sort_keys=True, default=str)
            if key in seen:
                duplicates.append(item)
            seen.add(key)
        listed = ", ".join(describe(item) for item in duplicates) or lang("an item")
        yield _at(document, path, Role.REPEATED_ITEM,
                  lang("{field} lists {items} more than once", field=label, items=listed),
                  lang("Remove the repeated entry."))
    elif kind == "dependentRequired" and isinstance(error.validator_value, Mapping):
        present = value if isinstance(value, dict) else {}
        for key, names in error.validator_value.items():
            for name in (names if key in present else ()):
                if name not in present:
                    description = _description(error.schema, name)
                    hint = lang("Add `{field}:` here.", field=name) + (" " + lang(description) if description else "")
                    yield _at(document, path, Role.MISSING_FIELD,
                              lang("{where} has `{given}` but not `{field}`, which goes with it", where=label,
                                   given=key, field=name), hint)
    elif (alternatives := _alternatives(error)) is not None:
        names = lang.or_list(f"`{name}`" for name in dict.fromkeys(alternatives))
        yield _at(document, path, Role.MISSING_FIELD, lang("{field} needs {fields}", field=label, fields=names),
                  lang("Add {fields} here.", fields=names))
    elif kind == "oneOf":
        branches = error.validator_value if isinstance(error.validator_value, list) else []
        required = [name for branch in branches if isinstance(branch, Mapping) for name in branch.get("required", ())]
        given = [name for name in dict.fromkeys(required) if isinstance(value, dict) and name in value]
        if len(given) > 1:
            both = lang.and_list(f"`{name}`" for name in given)
            yield _at(document, path, Role.INVALID_VALUE,
                      lang("{field} gives both {fields}; only one is allowed", field=label, fields=both),
                      lang("Keep the one you mean and delete the other."))
        else:
            yield _at(document, path, Role.INVALID_VALUE,
                      lang("{field} matches more than one of the allowed forms", field=label),
                      lang("Give only one of the alternative fields (see the field reference)."))
    else:
        yield _at(document, path, Role.INVALID_VALUE,
                  lang("{field} is not valid here: {reason}", field=label,  # jsonschema's English, quoted
                       reason=lang.quote(error.message)),
                  lang("See the field's description in the playbook reference."))


def _pattern_hint(pattern: str, schema: Mapping, lang: Language) -> str:
    known = {
        "^[a-z0-9][a-z0-9-]*$": N_("Ids use lowercase letters, digits and dashes only, like `service-client`."),
        "min|h|d": N_("Write a duration like `30min`, `2h` or `1d`."),
        "24:00": N_("Write a time range like `09:00-18:00` (24-hour clock, end after start)."),
        "PB[0-9]": N_("Rule codes look like `PB301`."),
    }
    for marker, text in known.items():
        if marker in pattern:
            return lang(text)
    description = schema.get("description") if isinstance(schema, Mapping) else None
    return lang(description) if description else lang("The value must match the pattern {pattern}.",
                                                      pattern=pattern)
