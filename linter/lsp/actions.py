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
from linter.lsp.diagnostics import diagnostic, finding_range
from linter.lsp.places import front_matter_end
from linter.lsp.positions import Lines

LOCKED = ("PB0", "PB1")  # loading and schema problems cannot be silenced (linter.core.settings)
_DISABLE_FIELD = re.compile(r"^disable\s*:\s*\[(.*)\]\s*$")


def _touches(found: types.Range, asked: types.Range) -> bool:
    def key(position: types.Position) -> tuple[int, int]:
        return position.line, position.character

    return key(found.start) <= key(asked.end) and key(asked.start) <= key(found.end)


_SPACES = {" ": "the space", "\u202f": "a narrow no-break space", "\u00a0": "a no-break space",
           "\t": "the tab", "\n": "the line break", "\r\n": "the line break"}


def _quote(text: str, limit: int = 30) -> str:
    """A text as a title shows it: a lone space by its name (they all look alike), else quoted."""
    if text in _SPACES:
        return _SPACES[text]
    shown = text if len(text) <= limit else text[:limit - 1] + "…"
    return "“" + shown.replace("\n", "⏎") + "”"


def fix_title(finding: Finding, text: str) -> str:
    assert finding.fix is not None
    old, new = text[finding.fix.start:finding.fix.end], finding.fix.replacement
    if not new:
        what = f"remove {_quote(old)}"
    elif not old:
        what = f"insert {_quote(new)}"
    else:
        what = f"replace {_quote(old)} with {_quote(new)}"
    return f"Fix {finding.code}: {what}"


def _edit(uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)])


def actions(uri: str, version: int | None, lines: Lines, findings: list[Finding], asked: types.Range,
            is_draft: bool) -> list[types.CodeAction]:
    """The quick fixes and disables offered for the findings under ``asked``."""
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
            result.append(types.CodeAction(title=fix_title(finding, lines.text), kind=types.CodeActionKind.QuickFix,
                                           diagnostics=[shown], is_preferred=True,
                                           edit=_edit(uri, version, [edit])))
        if is_draft and not finding.code.startswith(LOCKED) and (finding.code, finding.line) not in seen:
            seen.add((finding.code, finding.line))
            action = _disable(uri, version, lines, finding)
            if action is not None:
                action.diagnostics = [shown]
                disables.append(action)
    return result + disables


def _disable(uri: str, version: int | None, lines: Lines, finding: Finding) -> types.CodeAction | None:
    closing = front_matter_end(lines)
    index = finding.line - 1
    if closing is not None and index <= closing:
        return _disable_in_front_matter(uri, version, lines, finding.code, closing)
    current = lines.line_text(index)
    indent = current[:len(current) - len(current.lstrip())]
    start = types.Position(line=index, character=0)
    comment = f"{indent}<!-- playbook-disable-next-line {finding.code} -->{_newline(lines)}"
    return types.CodeAction(title=f"Disable {finding.code} on this line", kind=types.CodeActionKind.QuickFix,
                            edit=_edit(uri, version, [types.TextEdit(range=types.Range(start=start, end=start),
                                                                     new_text=comment)]))


def _disable_in_front_matter(uri: str, version: int | None, lines: Lines, code: str,
                             closing: int) -> types.CodeAction | None:
    """``disable: [PB301]`` added to the front matter (or the code added to its list)."""
    title = f"Disable {code} in this draft (front matter)"
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
