"""Keep the message catalogs in step with the code: extract, update, compile (Babel).

``python -m linter.core.catalogs update`` extracts every translatable text — the calls of a
``Language`` (``lang("…")``, ``lang.plural(…)``), ``N_("…")`` marks, the documentation of
every rule (summary, what, why, options) from the registry, the descriptions of the JSON
Schemas (quoted by the schema findings' hints) and click's own texts (its usage errors and help
labels, which linter/cli.py has click read from our catalog) — into ``linter/locale/playbook.pot``
and merges it into each language's ``.po``, where translators fill in what is new.
``python -m linter.core.catalogs compile`` writes the ``.mo`` files (the wheel build does it).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from linter.core.i18n import DOMAIN, locale_dir

if TYPE_CHECKING:
    from babel.messages import Catalog

PACKAGE = Path(__file__).resolve().parent.parent
# The names a Language is called by: ``lang`` (and ``self.lang``, ``ctx.lang``…), the CLI's ``language``
# and ``says`` (its ``lang`` is the --lang option), ``_`` for help texts, ``N_`` for texts translated later.
KEYWORDS = {"lang": None, "language": None, "says": None, "N_": None, "plural": (1, 2), "_": None}


Message = str | tuple[str, ...]  # a plural's id is (singular, plural)


def _source_messages() -> Iterator[tuple[str, int, Message]]:
    """(file, line, message) of every marked text in the package's Python sources."""
    from babel.messages.extract import extract_from_file

    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).as_posix()
        for line, message, _comments, _context in extract_from_file(
                "python", str(path), keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
            yield relative, line, message


def _rule_messages() -> Iterator[tuple[str, int, Message]]:
    """The documentation sections of every rule, as ``rule()`` stores them."""
    from linter.rules import build_registry

    for rule in build_registry():
        where = f"rule:{rule.code}"
        for text in (rule.summary, rule.doc.what, rule.doc.why, rule.doc.options, rule.doc.example_note,
                     rule.doc.fixed_note):
            if text:
                yield where, 0, text


def _schema_messages() -> Iterator[tuple[str, int, Message]]:
    """The descriptions of the JSON Schemas: the hints of the schema findings quote them (PB102, PB107)."""
    import json

    from linter.playbook.schema import schema_dir, schema_names

    def descriptions(node: object) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("description", "title") and isinstance(value, str):  # titles: the site's field reference
                    yield value
                else:
                    yield from descriptions(value)
        elif isinstance(node, list):
            for value in node:
                yield from descriptions(value)

    for name in schema_names():
        with open(schema_dir() / f"{name}.schema.json", encoding="utf-8") as handle:
            for text in descriptions(json.load(handle)):
                yield f"schemas/{name}.schema.json", 0, text


# click marks its texts with ``_`` and ``ngettext``; these modules hold what a user of the CLI can read
# (help labels, usage errors, values refused). Its prompts, pager and shell completion are not used.
CLICK_MODULES = ("core", "exceptions", "parser", "types", "formatting", "decorators")


def _click_messages() -> Iterator[tuple[str, int, Message]]:
    """click's texts, from the installed click: a new click's new texts show up as untranslated."""
    import click
    from babel.messages.extract import extract_from_file

    folder = Path(click.__file__).resolve().parent
    for name in CLICK_MODULES:
        for _line, message, _comments, _context in extract_from_file(
                "python", str(folder / f"{name}.py"), keywords={"_": None, "ngettext": (1, 2)}):
            yield f"click/{name}.py", 0, message


def template() -> Catalog:
    from babel.messages import Catalog

    catalog = Catalog(project="playbook", domain=DOMAIN, charset="utf-8")
    for where, line, message in [*_source_messages(), *_rule_messages(), *_schema_messages(), *_click_messages()]:
        catalog.add(message, locations=[(where, line)] if line else [(where, 0)])
    return catalog


def update() -> list[Path]:
    """Write the template and merge it into every language's catalog; returns the .po files."""
    from babel.messages.pofile import read_po, write_po

    pot = template()
    root = locale_dir()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / f"{DOMAIN}.pot", "wb") as handle:
        write_po(handle, pot, width=100, omit_header=True, sort_output=True, include_lineno=False)
    written = []
    for folder in sorted(root.iterdir()):
        po = folder / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po.is_file():
            continue
        with open(po, "rb") as handle:
            catalog = read_po(handle, locale=folder.name)
        catalog.update(pot, no_fuzzy_matching=True)
        with open(po, "wb") as handle:
            write_po(handle, catalog, width=100, omit_header=True, sort_output=True, ignore_obsolete=True,
                     include_lineno=False)
        written.append(po)
    return written


def compile_all(target: Path | None = None) -> list[Path]:
    """Compile every .po to .mo (next to it, or under ``target`` with the same layout)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    root = locale_dir()
    for po in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with open(po, "rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        out = (target / po.relative_to(root) if target else po).with_suffix(".mo")
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "wb") as handle:
            write_mo(handle, catalog)
        written.append(out)
    return written


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        for path in update():
            print(f"updated {path}")
        return 0
    if argv[:1] == ["compile"]:
        for path in compile_all():
            print(f"compiled {path}")
        return 0
    print("usage: python -m linter.core.catalogs update|compile", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
