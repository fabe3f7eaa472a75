"""A yes/no JSON Schema check that does not need jsonschema.

Importing jsonschema (with referencing and jsonschema_specifications) costs more than
everything else `playbook validate` does on a clean playbook, and most runs - pre-commit, CI,
the editor on save - validate files that are fine. A "yes" needs no message, so each schema
is compiled here into plain predicates; only a file that fails goes to jsonschema, which
explains every error with its position (see linter/schema.py).

The predicates follow JSON Schema 2020-12 exactly, for the keywords our schemas use,
including jsonschema's notion of equality (``true`` is not ``1``, ``1`` is ``1.0``) so that
``enum``, ``const``, ``uniqueItems``, ``not`` and ``oneOf`` agree with it. A schema with any
other keyword is not compiled at all (``compile_schema`` returns None) and jsonschema
checks every file against it, so a new keyword in a schema can cost speed, never
correctness. tests/test_schema_quick.py holds both to the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TypeGuard

Check = Callable[[object], bool]

# Keywords that only annotate: they never make a value invalid.
_ANNOTATIONS = frozenset({
    "$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default",
    "deprecated", "readOnly", "writeOnly", "markdownDescription",
})


# Keywords that can make a value invalid, each compiled by the method of the same name.
_KEYWORDS = frozenset({
    "$ref", "type", "enum", "const", "not", "allOf", "anyOf", "oneOf",
    "properties", "required", "propertyNames", "dependentRequired", "minProperties", "maxProperties",
    "items", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "pattern", "format",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
})


class Unsupported(Exception):
    """The schema uses something this module does not implement: leave it to jsonschema."""


def compile_schema(schema: object, formats: Mapping[str, Check]) -> Check | None:
    """A predicate that says whether a JSON-like value is valid, or None if not compilable."""
    try:
        return _Compiler(schema, formats).node(schema)
    except Unsupported:
        return None


def _unbool(value: object) -> object:
    return ("bool", value) if isinstance(value, bool) else value


def equal(one: object, two: object) -> bool:
    """JSON equality as jsonschema has it: booleans are not numbers, 1 equals 1.0."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(equal(one[key], two[key]) for key in one)
    if isinstance(one, (list, dict)) or isinstance(two, (list, dict)):
        return False
    return _unbool(one) == _unbool(two)


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _count(count: object) -> int:
    """A ``min…``/``max…`` count as a whole number; any other value is left to jsonschema."""
    if not isinstance(count, int) or isinstance(count, bool):
        raise Unsupported(f"a count must be a whole number, not {count!r}")
    return count


_TYPES: dict[str, Check] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "number": _is_number,
    "integer": lambda value: _is_number(value) and (isinstance(value, int) or float(value).is_integer()),
}


class _Compiler:
    """Turns one schema document into closures; ``$ref`` is resolved inside that document."""

    def __init__(self, root: object, formats: Mapping[str, Check]) -> None:
        self.root = root
        self.formats = formats
        self.refs: dict[str, Check] = {}

    def node(self, schema: object) -> Check:
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        if not isinstance(schema, dict):
            raise Unsupported(f"a schema must be an object or a boolean, not {schema!r}")
        checks: list[Check] = []
        for keyword, argument in schema.items():
            if keyword in _ANNOTATIONS or keyword in ("additionalProperties", "patternProperties"):
                continue  # the last two are compiled together with `properties` below
            if keyword not in _KEYWORDS:
                raise Unsupported(f"keyword {keyword!r}")
            checks.append(getattr(self, "_" + keyword.lstrip("$"))(argument, schema))
        if ("additionalProperties" in schema or "patternProperties" in schema) and "properties" not in schema:
            checks.append(self._properties({}, schema))
        if len(checks) == 1:
            return checks[0]
        return lambda value: all(check(value) for check in checks)

    # --- references -----------------------------------------------------------------
    def _ref(self, pointer: object, schema: dict) -> Check:
        if not isinstance(pointer, str) or not pointer.startswith("#"):
            raise Unsupported(f"reference {pointer!r}")
        if pointer not in self.refs:
            target = self.root
            for part in filter(None, pointer[1:].split("/")):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, dict) or part not in target:
                    raise Unsupported(f"reference {pointer!r} does not resolve")
                target = target[part]
            slot: list[Check] = []
            self.refs[pointer] = lambda value: slot[0](value)  # lets a schema refer to itself
            slot.append(self.node(target))
        return self.refs[pointer]

    # --- any type ---------------------------------------------------------------------
    def _type(self, names: object, schema: dict) -> Check:
        names = [names] if isinstance(names, str) else names
        if not isinstance(names, list) or any(name not in _TYPES for name in names):
            raise Unsupported(f"type {names!r}")
        tests = [_TYPES[name] for name in names]
        if len(tests) == 1:
            return tests[0]
        return lambda value: any(test(value) for test in tests)

    def _enum(self, allowed: object, schema: dict) -> Check:
        if not isinstance(allowed, list):
            raise Unsupported("enum must be a list")
        return lambda value: any(equal(value, item) for item in allowed)

    def _const(self, constant: object, schema: dict) -> Check:
        return lambda value: equal(value, constant)

    def _not(self, subschema: object, schema: dict) -> Check:
        inner = self.node(subschema)
        return lambda value: not inner(value)

    def _allOf(self, subschemas: object, schema: dict) -> Check:
        inner = [self.node(sub) for sub in self._list(subschemas)]
        return lambda value: all(check(value) for check in inner)

    def _anyOf(self, subschemas: object, schema: dict) -> Check:
        inner = [self.node(sub) for sub in self._list(subschemas)]
        return lambda value: any(check(value) for check in inner)

    def _oneOf(self, subschemas: object, schema: dict) -> Check:
        inner = [self.node(sub) for sub in self._list(subschemas)]
        return lambda value: sum(1 for check in inner if check(value)) == 1

    @staticmethod
    def _list(subschemas: object) -> list:
        if not isinstance(subschemas, list) or not subschemas:
            raise Unsupported("expected a non-empty list of schemas")
        return subschemas

    # --- objects ----------------------------------------------------------------------
    def _properties(self, properties: object, schema: dict) -> Check:
        if not isinstance(properties, dict):
            raise Unsupported("properties must be an object")
        named = {key: self.node(sub) for key, sub in properties.items()}
        patterns = schema.get("patternProperties", {})
        if not isinstance(patterns, dict):
            raise Unsupported("patternProperties must be an object")
        by_pattern = [(re.compile(pattern), self.node(sub)) for pattern, sub in patterns.items()]
        extra = self.node(schema["additionalProperties"]) if "additionalProperties" in schema else None

        def check(value: object) -> bool:
            if not isinstance(value, dict):
                return True
            for key, item in value.items():
                known = key in named
                if known and not named[key](item):
                    return False
                matched = False
                for pattern, sub in by_pattern:
                    if pattern.search(key):
                        matched = True
                        if not sub(item):
                            return False
                if extra is not None and not known and not matched and not extra(item):
                    return False
            return True

        return check

    def _required(self, names: object, schema: dict) -> Check:
        if not isinstance(names, list):
            raise Unsupported("required must be a list")
        return lambda value: not isinstance(value, dict) or all(name in value for name in names)

    def _propertyNames(self, subschema: object, schema: dict) -> Check:
        inner = self.node(subschema)
        return lambda value: not isinstance(value, dict) or all(inner(key) for key in value)

    def _dependentRequired(self, dependencies: object, schema: dict) -> Check:
        if not isinstance(dependencies, dict):
            raise Unsupported("dependentRequired must be an object")
        return lambda value: not isinstance(value, dict) or all(
            name in value for key, names in dependencies.items() if key in value for name in names)

    def _minProperties(self, count: object, schema: dict) -> Check:
        limit = _count(count)
        return lambda value: not isinstance(value, dict) or len(value) >= limit

    def _maxProperties(self, count: object, schema: dict) -> Check:
        limit = _count(count)
        return lambda value: not isinstance(value, dict) or len(value) <= limit

    # --- arrays -----------------------------------------------------------------------
    def _items(self, subschema: object, schema: dict) -> Check:
        if "prefixItems" in schema or isinstance(subschema, list):
            raise Unsupported("prefixItems")
        inner = self.node(subschema)
        return lambda value: not isinstance(value, list) or all(inner(item) for item in value)

    def _minItems(self, count: object, schema: dict) -> Check:
        limit = _count(count)
        return lambda value: not isinstance(value, list) or len(value) >= limit

    def _maxItems(self, count: object, schema: dict) -> Check:
        limit = _count(count)
        return lambda value: not isinstance(value, list) or len(value) <= limit

    def _uniqueItems(self, unique: object, schema: dict) -> Check:
        if not unique:
            return lambda value: True

        def check(value: object) -> bool:
            if not isinstance(value, list):
                return True
            return not any(equal(value[i], value[j]) for i in range(len(value)) for j in range(i))

        return check

    # --- strings ----------------------------------------------------------------------
    def _minLength(self, count: object, schema: dict) -> Check:
        limit = _count(count)
        return lambda value: not isinstance(value, str) or len(value) >= limit

    def _maxLength(self, count: object, schema: dict) -> Check:
        limit = _count(count)
        return lambda value: not isinstance(value, str) or len(value) <= limit

    def _pattern(self, pattern: object, schema: dict) -> Check:
        if not isinstance(pattern, str):
            raise Unsupported("pattern must be text")
        search = re.compile(pattern).search
        return lambda value: not isinstance(value, str) or search(value) is not None

    def _format(self, name: object, schema: dict) -> Check:
        test = self.formats.get(name) if isinstance(name, str) else None
        return test if test is not None else (lambda value: True)  # unknown formats only annotate

    # --- numbers ----------------------------------------------------------------------
    def _bound(self, limit: object, holds: Callable[[float, float], bool]) -> Check:
        if not _is_number(limit):
            raise Unsupported("a numeric bound must be a number")
        bound = limit
        return lambda value: not _is_number(value) or holds(value, bound)

    # Written as "not out of bounds", as jsonschema tests them, so that NaN passes as it does there.
    def _minimum(self, limit: object, schema: dict) -> Check:
        return self._bound(limit, lambda value, bound: not value < bound)

    def _maximum(self, limit: object, schema: dict) -> Check:
        return self._bound(limit, lambda value, bound: not value > bound)

    def _exclusiveMinimum(self, limit: object, schema: dict) -> Check:
        return self._bound(limit, lambda value, bound: not value <= bound)

    def _exclusiveMaximum(self, limit: object, schema: dict) -> Check:
        return self._bound(limit, lambda value, bound: not value >= bound)
