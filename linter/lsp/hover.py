"""Hover: on a finding or a rule code, the rule's documentation; on an id, what it is.

The documentation is the rule's own (``registry.get(code).doc``, what `playbook explain`
prints); an id is described from the playbook's model (linter.lsp.ids).
"""

from __future__ import annotations

from lsprotocol import types

from linter.core.findings import Finding
from linter.core.i18n import Language
from linter.core.registry import Registry
from linter.core.rule import Rule
from linter.lsp import ids, places
from linter.lsp.diagnostics import finding_range
from linter.lsp.positions import Lines
from linter.playbook.model import Playbook


def rule_text(rule: Rule, lang: Language | None = None) -> str:
    """A rule's documentation in Markdown: summary, what it checks, why, its options."""
    lang = lang or Language()
    rule = rule.in_language(lang)
    doc = rule.doc
    level = rule.severity.value
    severity = lang("*Default severity:* {severity}, fixable with `playbook lint --fix`.", severity=level) \
        if rule.fixable else lang("*Default severity:* {severity}.", severity=level)
    why, options = lang("Why"), lang("Options")
    return "\n\n".join(part for part in (
        f"**{rule.code} {rule.name}** — {rule.summary}", severity,
        doc.what, lang("*{label}:* {text}", label=why, text=doc.why),
        lang("*{label}:* {text}", label=options, text=doc.options) if doc.options else "",
    ) if part)


def _covers(found: types.Range, position: types.Position) -> bool:
    at = (position.line, position.character)
    return (found.start.line, found.start.character) <= at <= (found.end.line, found.end.character)


def hover(registry: Registry, playbook: Playbook | None, lines: Lines, findings: list[Finding],
          position: types.Position, concern: str | None, is_draft: bool,
          lang: Language | None = None) -> types.Hover | None:
    """What to show under the mouse at ``position`` of a draft or a playbook file, or None."""
    lang = lang or Language()
    line = position.line
    column = lines.offset(position) - lines.starts[min(line, len(lines.starts) - 1)]
    parts: list[str] = []
    code = places.rule_code(lines, line, column)
    if code is not None and registry.get(code) is not None:
        parts.append(rule_text(registry[code], lang))
    for finding in findings:
        if _covers(finding_range(finding, lines), position) and finding.code != code:
            rule = registry.get(finding.code)
            head = f"**{finding.code}**: {finding.message}" + (f"\n\n{finding.hint}" if finding.hint else "")
            parts.append(head + ("\n\n---\n\n" + rule_text(rule, lang) if rule is not None else ""))
    if not parts:
        place = places.in_draft(lines, line, column) if is_draft else places.in_yaml(lines, concern, line, column)
        if place is not None and place.word:
            kind = place.kind if place.kind in ids.KINDS else None
            parts.extend(ids.describe(entry, lang) for entry in ids.find(playbook, place.word, kind, lang))
    if not parts:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))
