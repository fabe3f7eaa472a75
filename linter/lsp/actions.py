"""Code actions: each safe fix as a quick fix, and "disable this rule here" in the project's syntax.

A fix is ``text[start:end]`` replaced (linter.core.findings.Fix), offsets in the buffer's text:
the findings must be those of the text the client shows, which the server makes sure of before
calling ``actions``. The disable comment is the one linter.core.disables reads:
``<!-- playbook-disable-next-line PB313 -->`` on the line before the finding; a finding in the
front matter, where no comment can go, is disabled for the file with the ``disable:`` field.
"""

from __future__ import annotations

import re

from lsprotocol import types

from linter.core.findings import Finding
from linter.core.i18n import N_, Language
from linter.lsp.diagnostics import diagnostic, finding_range
from linter.lsp.places import front_matter_end
from linter.lsp.positions import Lines

LOCKED = ("PB0", "PB1")  # loading and schema problems cannot be silenced (linter.core.settings)
_DISABLE_FIELD = re.compile(r"^disable\s*:\s*\[(.*)\]\s*$")


def _touches(found: types.Range, asked: types.Range) -> bool:
    def key(position: types.Position) -> tuple[int, int]:
        return position.line, position.character

    return key(found.start) <= key(asked.end) and key(asked.start) <= key(found.end)


_SPACES = {" ": N_("the space"), "\u202f": N_("a narrow no-break space"), "\u00a0": N_("a no-break space"),
           "\t": N_("the tab"), "\n": N_("the line break"), "\r\n": N_("the line break")}


def _quote(text: str, lang: Language, limit: int = 30) -> str:
    """A text as a title shows it: a lone space by its name (they all look alike), else quoted."""
    if text in _SPACES:
        return lang(_SPACES[text])
    shown = text if len(text) <= limit else text[:limit - 1] + "…"
    return lang.quote(shown.replace("\n", "⏎"))


def fix_title(finding: Finding, text: str, lang: Language | None = None) -> str:
    assert finding.fix is not None
    lang = lang or Language()
    old, new = text[finding.fix.start:finding.fix.end], finding.fix.replacement
    if not new:
        return lang("Fix {code}: remove {old}", code=finding.code, old=_quote(old, lang))
    if not old:
        return lang("Fix {code}: insert {new}", code=finding.code, new=_quote(new, lang))
    return lang("Fix {code}: replace {old} with {new}", code=finding.code, old=_quote(old, lang),
                new=_quote(new, lang))


def _edit(uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)])


def actions(uri: str, version: int | None, lines: Lines, findings: list[Finding], asked: types.Range,
            is_draft: bool, lang: Language | None = None) -> list[types.CodeAction]:
    """The quick fixes and disables offered for the findings under ``asked``."""
    lang = lang or Language()
    result: list[types.CodeAction] = []
    disables: list[types.CodeAction] = []
    seen: set[tuple[str, int]] = set()
    for finding in findings:
        if not _touches(finding_range(finding, lines), asked):
            continue
        shown = diagnostic(finding, lines)
        if finding.fix is not None:
            fix = finding.fix
            edit = types.TextEdit(range=types.Range(start=lines.position(fix.start), end=lines.position(fix.end)),
                                  new_text=fix.replacement)
            result.append(types.CodeAction(title=fix_title(finding, lines.text, lang),
                                           kind=types.CodeActionKind.QuickFix,
                                           diagnostics=[shown], is_preferred=True,
                                           edit=_edit(uri, version, [edit])))
        if is_draft and not finding.code.startswith(LOCKED) and (finding.code, finding.line) not in seen:
            seen.add((finding.code, finding.line))
            action = _disable(uri, version, lines, finding, lang)
            if action is not None:
                action.diagnostics = [shown]
                disables.append(action)
    return result + disables


def _disable(uri: str, version: int | None, lines: Lines, finding: Finding, lang: Language
             ) -> types.CodeAction | None:
    closing = front_matter_end(lines)
    index = finding.line - 1
    if closing is not None and index <= closing:
        return _disable_in_front_matter(uri, version, lines, finding.code, closing, lang)
    current = lines.line_text(index)
    indent = current[:len(current) - len(current.lstrip())]
    start = types.Position(line=index, character=0)
    comment = f"{indent}<!-- playbook-disable-next-line {finding.code} -->{_newline(lines)}"
    return types.CodeAction(title=lang("Disable {code} on this line", code=finding.code),
                            kind=types.CodeActionKind.QuickFix,
                            edit=_edit(uri, version, [types.TextEdit(range=types.Range(start=start, end=start),
                                                                     new_text=comment)]))


def _disable_in_front_matter(uri: str, version: int | None, lines: Lines, code: str,
                             closing: int, lang: Language) -> types.CodeAction | None:
    """``disable: [PB301]`` added to the front matter (or the code added to its list)."""
    title = lang("Disable {code} in this draft (front matter)", code=code)
    for index in range(1, closing):
        text = lines.line_text(index)
        if not text.startswith("disable"):
            continue
        listed = _DISABLE_FIELD.match(text)
        if listed is None:
            return None  # a block list or a plain value: left to the writer
        codes = [part.strip() for part in listed.group(1).split(",") if part.strip()]
        if code in codes:
            return None
        bracket = lines.at(index + 1, text.rindex("]") + 1)
        new_text = f", {code}" if codes else code
        return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, edit=_edit(
            uri, version, [types.TextEdit(range=types.Range(start=bracket, end=bracket), new_text=new_text)]))
    start = types.Position(line=closing, character=0)
    added = types.TextEdit(range=types.Range(start=start, end=start), new_text=f"disable: [{code}]{_newline(lines)}")
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, edit=_edit(uri, version, [added]))


def _newline(lines: Lines) -> str:
    """The buffer's own line ending, so an inserted line does not mix them."""
    return "\r\n" if "\r\n" in lines.text else "\n"
