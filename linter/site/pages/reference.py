"""Reference pages generated from the tool itself: every rule, every playbook field.

The rule page reads the rule registry (the same records behind `playbook explain` and SARIF);
the field page reads the JSON Schemas (titles, descriptions, types, allowed values). Nothing
is copied by hand, so the reference cannot drift from what the validator enforces.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from linter.core.i18n import N_, Language
from linter.core.registry import Registry, Rule
from linter.site.markup import code_block, inline, rich_block, rich_inline, table
from linter.site.pages.common import SEVERITIES, label_text

SCOPES = {
    "load": (N_("Reading the files"), N_("The files exist, can be read and are valid YAML.")),
    "schema": (N_("Shape of the files"),
               N_("Each file follows its schema: known fields, right types, allowed values.")),
    "playbook": (N_("Consistency of the playbook"),
                 N_("The files hold together: references, coverage, delays, dates.")),
    "draft": (N_("Draft posts"), N_("Each draft follows the rules of its channel and of the tone.")),
    "queue": (N_("Publishing queue"), N_("All the scheduled posts together: rhythm, commercial share, on-duty "
                                         "hours, freeze during a crisis.")),
    "config": (N_("Linter configuration"), N_("The lint.yml file itself.")),
}


def _example_lang(example_file: str | None) -> str:
    if example_file and example_file.endswith((".md", ".markdown")):
        return "markdown"
    return "yaml"


def _note(note: str) -> str:
    """An example's note, a paragraph of the tab above its code block."""
    return "    " + rich_inline(note) + "\n\n" if note else ""


def _rule(rule: Rule, lang: Language) -> str:
    doc = rule.doc
    severity = "**" + label_text(lang, SEVERITIES, rule.severity.value) + "**"
    out = [f"### {rule.code} — {inline(rule.name)} {{#{rule.code.lower()}}}",
           f"**{rich_inline(rule.summary)}**",
           (lang("Default severity: {severity} · fixed automatically (`--fix`)", severity=severity) if rule.fixable
            else lang("Default severity: {severity}", severity=severity))]
    if doc.what:
        out.append("**" + lang("What it checks.") + "** " + rich_block(doc.what))
    if doc.why:
        out.append("**" + lang("Why.") + "** " + rich_block(doc.why))
    if doc.example.strip() or doc.fixed.strip():
        syntax = _example_lang(doc.example_file)
        tabs = []
        if doc.example.strip():
            tabs.append('=== "' + lang("Example that triggers it") + '"\n\n' + _note(doc.example_note)
                        + code_block(doc.example, syntax, indent="    ", title=doc.example_file))
        if doc.fixed.strip():
            tabs.append('=== "' + lang("Fixed") + '"\n\n' + _note(doc.fixed_note)
                        + code_block(doc.fixed, syntax, indent="    ", title=doc.example_file))
        out.append("\n\n".join(tabs))
    if doc.options.strip():
        out.append("**" + lang("Settings.") + "** " + rich_block(doc.options))
    return "\n\n".join(out)


def render_rules(registry: Registry, lang: Language) -> str:
    rules = [rule.in_language(lang) for rule in registry]
    out = ["# " + lang("Linter rules"),
           lang("The {count} rules that `playbook validate` and `playbook lint` apply, with their code, their default "
                "severity, what they check and an example, as `playbook explain CODE` shows them. A rule's severity "
                "is set in `lint.yml` (except for reading the files and their shape).", count=len(rules)),
           table([lang("Code"), lang("Severity"), lang("Family"), lang("What it checks")],
                 [[f"[{rule.code}](#{rule.code.lower()})", inline(label_text(lang, SEVERITIES, rule.severity.value)),
                   inline(lang(SCOPES[rule.scope][0])) if rule.scope in SCOPES else inline(rule.scope),
                   rich_inline(rule.summary)] for rule in rules])]
    for scope, (title, summary) in SCOPES.items():
        in_scope = [rule for rule in rules if rule.scope == scope]
        if not in_scope:
            continue
        out.append(f"## {lang(title)} {{#famille-{scope}}}")
        out.append(lang(summary))
        out.extend(_rule(rule, lang) for rule in in_scope)
    return "\n\n".join(out) + "\n"


# -- the JSON Schemas ---------------------------------------------------------------------------
_TYPES = {"string": N_("plain text"), "number": N_("number"), "integer": N_("whole number"),
          "boolean": N_("yes/no (true/false)"), "array": N_("list"), "object": N_("group of fields"),
          "null": N_("empty")}
_FORMATS = {"date": N_("date YYYY-MM-DD"), "date-time": N_("date and time"), "email": N_("e-mail address"),
            "uri": N_("web address")}
_MAX_DEPTH = 8


def _resolve(node: object, root: Mapping) -> Mapping:
    """Follow local ``$ref`` (``#/$defs/x``), merging the referring node's own keys over it."""
    seen = 0
    while (isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/")
           and seen < 10):
        target: object = root
        for part in node["$ref"][2:].split("/"):
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        merged = dict(target) if isinstance(target, Mapping) else {}
        merged.update({key: value for key, value in node.items() if key != "$ref"})
        node = merged
        seen += 1
    return node if isinstance(node, Mapping) else {}


def _type_text(node: Mapping, root: Mapping, lang: Language) -> str:
    kinds = node.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds] if kinds else []
    text = lang.or_list(label_text(lang, _TYPES, str(kind)) for kind in kinds) if len(kinds) > 1 else \
        "".join(label_text(lang, _TYPES, str(kind)) for kind in kinds)
    if "array" in kinds:
        items = _resolve(node.get("items", {}), root)
        inner = _type_text(items, root, lang)
        if inner and inner != lang(_TYPES["object"]):
            text = lang("list of: {kind}", kind=inner)
    if node.get("format") in _FORMATS:
        text = lang(_FORMATS[node["format"]])
    if "enum" in node:
        text += " — " + lang("one value among {values}",
                             values=", ".join(f"<code>{inline(_json(value))}</code>" for value in node["enum"]))
    if "const" in node:
        text += f" — <code>{inline(node['const'])}</code>"
    if "minimum" in node:
        text += " " + lang("(at least {number})", number=node["minimum"])
    if "maximum" in node:
        text += " " + lang("(at most {number})", number=node["maximum"])
    return text or "—"


def _json(value: object) -> str:
    """An example value as it would be written (strings as they are, lists and mappings as JSON)."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _path_cell(path: str) -> str:
    """The field's path, breakable after each dot only (never inside a name) on a narrow screen."""
    return '<code class="pb-field">' + "<wbr>.".join(inline(part) for part in path.split(".")) + "</code>"


def _described(lang: Language, text: object) -> str:
    """A schema's description or title in ``lang`` (the catalog holds every one of them)."""
    return lang(text) if isinstance(text, str) and text else ""


def _rows(node: Mapping, root: Mapping, prefix: str, lang: Language, depth: int = 0) -> list[list[str]]:
    """One row per field, nested fields written with dots (``kpi.target``), lists with ``[]``."""
    if depth > _MAX_DEPTH:
        return []
    rows: list[list[str]] = []
    required = set(node.get("required", ()))
    properties = node.get("properties", {})
    for name, raw in properties.items() if isinstance(properties, Mapping) else ():
        child = _resolve(raw, root)
        path = f"{prefix}{name}"
        description = _described(lang, child.get("description"))
        title = _described(lang, child.get("title"))
        examples = child.get("examples")
        text = (f"**{rich_inline(title)}**. " if title else "") + rich_inline(description)
        if isinstance(examples, list) and examples:
            text += " " + lang("Examples: {examples}", examples=", ".join(f"<code>{inline(_json(example))}</code>"
                                                                           for example in examples[:3]))
        rows.append([_path_cell(path), _type_text(child, root, lang), lang("yes") if name in required else "",
                     text or "—"])
        rows.extend(_children(child, root, path, depth, lang))
    pattern_props = node.get("patternProperties", {})
    for _pattern, raw in pattern_props.items() if isinstance(pattern_props, Mapping) else ():
        child = _resolve(raw, root)
        placeholder = lang("rule code") if "PB" in _pattern else lang("name")
        path = f"{prefix}<{placeholder}>"
        rows.append([_path_cell(path), _type_text(child, root, lang), "",
                     _titled(child, lang)])
        rows.extend(_children(child, root, path, depth, lang))
    extra = node.get("additionalProperties")
    if isinstance(extra, Mapping) and extra:
        child = _resolve(extra, root)
        path = prefix + "<" + lang("name") + ">"
        rows.append([_path_cell(path), _type_text(child, root, lang), "",
                     _titled(child, lang)])
        rows.extend(_children(child, root, path, depth, lang))
    return rows


def _children(child: Mapping, root: Mapping, path: str, depth: int, lang: Language) -> list[list[str]]:
    if child.get("type") == "object" or "properties" in child:
        return _rows(child, root, path + ".", lang, depth + 1)
    if child.get("type") == "array":
        items = _resolve(child.get("items", {}), root)
        if items.get("type") == "object" or "properties" in items:
            return _rows(items, root, path + "[].", lang, depth + 1)
    return []


def _titled(child: Mapping, lang: Language) -> str:
    title, description = _described(lang, child.get("title")), _described(lang, child.get("description"))
    return f"**{rich_inline(title)}**. {rich_inline(description)}"


def _field_list(rows: list[list[str]], lang: Language) -> str:
    """One list item per field: path, type and whether it is required, then its description.

    A list rather than a four-column table: the descriptions stay readable on a phone.
    """
    items = []
    for path, kind, required, description in rows:
        head = f"{path} · {kind}" + (" · **" + lang("required") + "**" if required else "")
        items.append(f"- {head}<br>\n  {description}")
    return '<div class="pb-fields" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def render_fields(schemas: Mapping[str, Mapping], lang: Language) -> str:
    """``schemas``: schema name (``channels``) -> the parsed JSON Schema, in page order."""
    out = ["# " + lang("Playbook fields"),
           lang("Each file of the `playbook/` folder and each of its fields, as the JSON Schemas used for validation "
                "describe them. Your editor also shows these descriptions on hover when the file starts with the line "
                "`# yaml-language-server: $schema=...`."),
           lang("Notation: `kpi.target` is the field `target` inside `kpi`; `channels[].id` is the field `id` of each "
                "item of the list `channels`.")]
    out.append(table([lang("File"), lang("Contents")],
                     [[f"[{inline(name)}.yml](#fichier-{name})", rich_inline(_described(lang, schema.get("title")))]
                      for name, schema in schemas.items()]))
    for name, schema in schemas.items():
        out.append(f"## {inline(name)}.yml {{#fichier-{name}}}")
        if schema.get("description"):
            out.append(rich_block(_described(lang, schema["description"])))
        rows = _rows(_resolve(schema, schema), schema, "", lang)
        if rows:
            out.append(_field_list(rows, lang))
        else:
            out.append(lang("*No field described.*"))
    return "\n\n".join(out) + "\n"

