"""Disable comments: let a writer silence a rule for one post or one line, and say so.

Three forms, all naming rule codes:

* ``<!-- playbook-disable PB313 PB308 -->`` anywhere in the body: the whole file;
* ``<!-- playbook-disable-next-line PB313 -->``: the next non-blank line only;
* ``disable: [PB313]`` in the front matter: the whole file.

Without codes, a comment silences every rule. Text after the codes is a free reason
(``<!-- playbook-disable PB313 -- sigles officiels -->``). A code that silences nothing is
reported (PB390) so that stale exceptions do not pile up and hide future problems; a code that
is not a rule is reported by PB391 (linter/rules/disable_directives.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from linter.core.findings import Finding, Loc
from linter.core.i18n import Language
from linter.core.registry import Registry
from linter.core.rule import Rule

if TYPE_CHECKING:  # the core does not import the draft parser at run time
    from linter.drafts.parse import Draft

_COMMENT = re.compile(r"<!--\s*playbook-(disable-next-line|disable)(?![\w-])(.*?)-->", re.S)
_CODE = re.compile(r"[A-Za-z]+[0-9]+")
_SEPARATORS = re.compile(r"[\s,]+")
ALL = "*"


@dataclass(frozen=True)
class Directive:
    """One disable: its codes (``("*",)`` for all rules), where it is written and which lines it covers."""

    kind: str  # "file" | "next-line"
    codes: tuple[str, ...]
    locs: tuple[Loc, ...]  # where each code (or the comment, for "*") is written
    line: int | None = None  # for next-line: the line it covers

    def covers(self, finding: Finding, code: str) -> bool:
        if code != ALL and code != finding.code:
            return False
        return self.kind == "file" or finding.line == self.line


def _codes(rest: str) -> list[tuple[str, int]]:
    """(code, offset in ``rest``) up to the first word that is not a code (the free reason)."""
    found: list[tuple[str, int]] = []
    position = 0
    for part in _SEPARATORS.split(rest):
        offset = rest.find(part, position) if part else position
        position = offset + len(part)
        if not part:
            continue
        if not _CODE.fullmatch(part):
            break
        found.append((part.upper(), offset))
    return found


def directives_of(draft: Draft) -> tuple[Directive, ...]:
    """Every disable a draft declares, in file order (front matter first)."""
    result: list[Directive] = []
    value = draft.meta.get("disable") if isinstance(draft.meta, dict) else None
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    meta_codes: list[str] = []
    meta_locs: list[Loc] = []
    for index, item in enumerate(items):
        if isinstance(item, str) and item.strip():
            for code, _ in _codes(item) or [(item.strip().upper(), 0)]:
                meta_codes.append(code)
                meta_locs.append(draft.meta_loc("disable", index) if isinstance(value, list)
                                 else draft.meta_loc("disable"))
    if meta_codes:
        result.append(Directive("file", tuple(meta_codes), tuple(meta_locs)))
    if "playbook-" not in draft.text:  # no comment can name the linter
        return tuple(result)
    for span in draft.spans:
        if span.kind != "html" or "playbook-" not in span.value:
            continue
        for match in _COMMENT.finditer(draft.text, span.start, span.end):
            kind = "file" if match.group(1) == "disable" else "next-line"
            found = _codes(match.group(2))
            if found:
                codes = tuple(code for code, _ in found)
                locs = tuple(draft.loc_at(match.start(2) + offset) for _, offset in found)
            else:
                codes, locs = (ALL,), (draft.loc_at(match.start()),)
            line = _next_line(draft, match.end()) if kind == "next-line" else None
            result.append(Directive(kind, codes, locs, line))
    return tuple(result)


def _next_line(draft: Draft, offset: int) -> int:
    """The first non-blank line after the one where ``offset`` is."""
    line = draft.loc_at(offset).line
    starts = draft.line_starts
    while line < len(starts):
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(draft.text)
        if draft.text[start:end].strip():
            return line + 1
        line += 1
    return line + 1


def apply_disables(directives: tuple[Directive, ...], findings: Iterable[Finding], registry: Registry,
                   unused_rule: Rule | None, lang: Language | None = None) -> list[Finding]:
    """Drop the findings these directives disable; report each disable that silenced nothing with
    ``unused_rule`` (PB390, unless the settings switch it off)."""
    findings = list(findings)
    if not directives:
        return findings
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    for finding in findings:
        silenced = False
        for index, directive in enumerate(directives):
            for code in directive.codes:
                if directive.covers(finding, code):
                    used.add((index, code))
                    silenced = True
        if not silenced:
            kept.append(finding)
    if unused_rule is None or any(directive.kind == "file" and unused_rule.code in directive.codes
                                  for directive in directives):
        return kept
    lang = lang or Language()
    for index, directive in enumerate(directives):
        for code, loc in zip(directive.codes, directive.locs):
            if (index, code) in used or code == unused_rule.code or (code != ALL and code not in registry):
                continue
            if directive.kind == "file":
                message = lang("this disable of every rule silences nothing: the file has no finding") \
                    if code == ALL else lang("this disable of {code} silences nothing: the file has no {code} finding",
                                             code=code)
            else:
                message = lang("this disable of every rule silences nothing: line {line} has no finding",
                               line=directive.line) if code == ALL else \
                    lang("this disable of {code} silences nothing: line {line} has no {code} finding",
                         code=code, line=directive.line)
            kept.append(unused_rule.at(
                loc, message,
                lang("Remove it: the problem it silenced is gone, and a stale disable would hide the next one.")))
    return kept
