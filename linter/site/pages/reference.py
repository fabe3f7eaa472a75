"""Reference pages generated from the tool itself: every rule, every playbook field.

The rule page reads the rule registry (the same records behind `playbook explain` and SARIF);
the field page reads the JSON Schemas (titles, descriptions, types, allowed values). Nothing
is copied by hand, so the reference cannot drift from what the validator enforces.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from linter.core.registry import Registry, Rule
from linter.site.markup import code_block, inline, rich_block, rich_inline, table
from linter.site.pages.common import SEVERITIES

SCOPES = {
    "load": ("Lecture des fichiers", "Les fichiers existent, se lisent et sont du YAML valide."),
    "schema": ("Forme des fichiers",
               "Chaque fichier respecte son schéma : champs connus, bons types, valeurs permises."),
    "playbook": ("Cohérence du playbook",
                 "Les fichiers se tiennent entre eux : références, couverture, délais, dates."),
    "draft": ("Brouillons de publication", "Chaque brouillon respecte les règles du canal et du ton."),
    "queue": ("File de publication", "L'ensemble des publications programmées : rythme, part commerciale, "
                                     "permanence, gel en cas de crise."),
    "config": ("Configuration du linter", "Le fichier lint.yml lui-même."),
}


def _example_lang(example_file: str | None) -> str:
    if example_file and example_file.endswith((".md", ".markdown")):
        return "markdown"
    return "yaml"


def _note(note: str) -> str:
    """An example's note, a paragraph of the tab above its code block."""
    return "    " + rich_inline(note) + "\n\n" if note else ""


def _rule(rule: Rule) -> str:
    doc = rule.doc
    out = [f"### {rule.code} — {inline(rule.name)} {{#{rule.code.lower()}}}",
           f"**{rich_inline(rule.summary)}**",
           f"Gravité par défaut : **{SEVERITIES.get(rule.severity.value, rule.severity.value)}**"
           + (" · corrigeable automatiquement (`--fix`)" if rule.fixable else "")]
    if doc.what:
        out.append("**Ce qu'elle vérifie.** " + rich_block(doc.what))
    if doc.why:
        out.append("**Pourquoi.** " + rich_block(doc.why))
    if doc.example.strip() or doc.fixed.strip():
        lang = _example_lang(doc.example_file)
        tabs = []
        if doc.example.strip():
            tabs.append('=== "Exemple qui la déclenche"\n\n' + _note(doc.example_note)
                        + code_block(doc.example, lang, indent="    ", title=doc.example_file))
        if doc.fixed.strip():
            tabs.append('=== "Corrigé"\n\n' + _note(doc.fixed_note)
                        + code_block(doc.fixed, lang, indent="    ", title=doc.example_file))
        out.append("\n\n".join(tabs))
    if doc.options.strip():
        out.append("**Réglages.** " + rich_block(doc.options))
    return "\n\n".join(out)


def render_rules(registry: Registry) -> str:
    rules = list(registry)
    out = ["# Règles du linter",
           f"Les {len(rules)} règles que `playbook validate` et `playbook lint` appliquent, avec leur code, leur "
           "gravité par défaut, ce qu'elles vérifient et un exemple. Les textes des règles sont ceux de l'outil "
           "(en anglais), identiques à `playbook explain CODE`. La gravité d'une règle se règle dans `lint.yml` "
           "(sauf pour la lecture des fichiers et leur forme).",
           table(["Code", "Gravité", "Famille", "Ce qu'elle vérifie"],
                 [[f"[{rule.code}](#{rule.code.lower()})", SEVERITIES.get(rule.severity.value, rule.severity.value),
                   SCOPES.get(rule.scope, (rule.scope,))[0], rich_inline(rule.summary)] for rule in rules])]
    for scope, (title, summary) in SCOPES.items():
        in_scope = [rule for rule in rules if rule.scope == scope]
        if not in_scope:
            continue
        out.append(f"## {title} {{#famille-{scope}}}")
        out.append(summary)
        out.extend(_rule(rule) for rule in in_scope)
    return "\n\n".join(out) + "\n"


# -- the JSON Schemas ---------------------------------------------------------------------------
_TYPES = {"string": "texte", "number": "nombre", "integer": "nombre entier", "boolean": "oui/non (true/false)",
          "array": "liste", "object": "groupe de champs", "null": "vide"}
_FORMATS = {"date": "date AAAA-MM-JJ", "date-time": "date et heure", "email": "adresse e-mail", "uri": "adresse web"}
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


def _type_text(node: Mapping, root: Mapping) -> str:
    kinds = node.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds] if kinds else []
    text = " ou ".join(_TYPES.get(kind, str(kind)) for kind in kinds)
    if "array" in kinds:
        items = _resolve(node.get("items", {}), root)
        inner = _type_text(items, root)
        if inner and inner != _TYPES["object"]:
            text = f"liste de : {inner}"
    if node.get("format") in _FORMATS:
        text = _FORMATS[node["format"]]
    if "enum" in node:
        text += " — une valeur parmi " + ", ".join(f"<code>{inline(_json(value))}</code>" for value in node["enum"])
    if "const" in node:
        text += f" — <code>{inline(node['const'])}</code>"
    for key, words in (("minimum", "au moins"), ("maximum", "au plus")):
        if key in node:
            text += f" ({words} {node[key]})"
    return text or "—"


def _json(value: object) -> str:
    """An example value as it would be written (strings as they are, lists and mappings as JSON)."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _path_cell(path: str) -> str:
    """The field's path, breakable after each dot only (never inside a name) on a narrow screen."""
    return '<code class="pb-field">' + "<wbr>.".join(inline(part) for part in path.split(".")) + "</code>"


def _rows(node: Mapping, root: Mapping, prefix: str, depth: int = 0) -> list[list[str]]:
    """One row per field, nested fields written with dots (``kpi.target``), lists with ``[]``."""
    if depth > _MAX_DEPTH:
        return []
    rows: list[list[str]] = []
    required = set(node.get("required", ()))
    properties = node.get("properties", {})
    for name, raw in properties.items() if isinstance(properties, Mapping) else ():
        child = _resolve(raw, root)
        path = f"{prefix}{name}"
        description = child.get("description") or ""
        title = child.get("title") or ""
        examples = child.get("examples")
        text = (f"**{rich_inline(title)}**. " if title else "") + rich_inline(description)
        if isinstance(examples, list) and examples:
            text += " Exemples : " + ", ".join(f"<code>{inline(_json(example))}</code>" for example in examples[:3])
        rows.append([_path_cell(path), _type_text(child, root), "oui" if name in required else "",
                     text or "—"])
        rows.extend(_children(child, root, path, depth))
    pattern_props = node.get("patternProperties", {})
    for _pattern, raw in pattern_props.items() if isinstance(pattern_props, Mapping) else ():
        child = _resolve(raw, root)
        path = f"{prefix}<{'code de règle' if 'PB' in _pattern else 'nom'}>"
        rows.append([_path_cell(path), _type_text(child, root), "",
                     f"**{rich_inline(child.get('title', ''))}**. {rich_inline(child.get('description', ''))}"])
        rows.extend(_children(child, root, path, depth))
    extra = node.get("additionalProperties")
    if isinstance(extra, Mapping) and extra:
        child = _resolve(extra, root)
        path = f"{prefix}<nom>"
        rows.append([_path_cell(path), _type_text(child, root), "",
                     f"**{rich_inline(child.get('title', ''))}**. {rich_inline(child.get('description', ''))}"])
        rows.extend(_children(child, root, path, depth))
    return rows


def _children(child: Mapping, root: Mapping, path: str, depth: int) -> list[list[str]]:
    if child.get("type") == "object" or "properties" in child:
        return _rows(child, root, path + ".", depth + 1)
    if child.get("type") == "array":
        items = _resolve(child.get("items", {}), root)
        if items.get("type") == "object" or "properties" in items:
            return _rows(items, root, path + "[].", depth + 1)
    return []


def _field_list(rows: list[list[str]]) -> str:
    """One list item per field: path, type and whether it is required, then its description.

    A list rather than a four-column table: the descriptions stay readable on a phone.
    """
    items = []
    for path, kind, required, description in rows:
        head = f"{path} · {kind}" + (" · **obligatoire**" if required else "")
        items.append(f"- {head}<br>\n  {description}")
    return '<div class="pb-fields" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def render_fields(schemas: Mapping[str, Mapping]) -> str:
    """``schemas``: schema name (``channels``) -> the parsed JSON Schema, in page order."""
    out = ["# Champs du playbook",
           "Chaque fichier du dossier `playbook/` et chacun de ses champs, tels que les décrivent les schémas JSON "
           "qui servent à la validation. Les descriptions sont celles des schémas (en anglais) ; votre éditeur les "
           "affiche aussi en survol si le fichier commence par la ligne `# yaml-language-server: $schema=...`.",
           "Notation : `kpi.target` est le champ `target` à l'intérieur de `kpi` ; `channels[].id` est le champ `id` "
           "de chaque élément de la liste `channels`."]
    out.append(table(["Fichier", "Contenu"],
                     [[f"[{inline(name)}.yml](#fichier-{name})", rich_inline(schema.get("title", ""))]
                      for name, schema in schemas.items()]))
    for name, schema in schemas.items():
        out.append(f"## {inline(name)}.yml {{#fichier-{name}}}")
        if schema.get("description"):
            out.append(rich_block(schema["description"]))
        rows = _rows(_resolve(schema, schema), schema, "")
        if rows:
            out.append(_field_list(rows))
        else:
            out.append("*Aucun champ décrit.*")
    return "\n\n".join(out) + "\n"

