"""Findings as the client's diagnostics: same code, severity, place and text as the command line.

A finding's message is the diagnostic's first line (the one editors show beside the text); its
hint follows on the next line, as the command line prints it under the message.
"""

from __future__ import annotations

from lsprotocol import types

from linter.core.findings import Finding, Severity
from linter.core.i18n import Language
from linter.lsp.positions import Lines

SOURCE = "playbook"
SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
              Severity.INFO: types.DiagnosticSeverity.Information}


def finding_range(finding: Finding, lines: Lines) -> types.Range:
    """The text a finding covers; a finding with no end covers the word where it starts."""
    start = lines.at(finding.line, finding.column)
    if finding.end_line is not None and finding.end_column is not None:
        end = lines.at(finding.end_line, finding.end_column)
        if (end.line, end.character) > (start.line, start.character):
            return types.Range(start=start, end=end)
    return types.Range(start=start, end=lines.word_end(finding.line, finding.column))


def diagnostic(finding: Finding, lines: Lines) -> types.Diagnostic:
    message = finding.message + (f"\n{finding.hint}" if finding.hint else "")
    return types.Diagnostic(range=finding_range(finding, lines), message=message, severity=SEVERITIES[finding.severity],
                            code=finding.code, source=SOURCE)


def diagnostics(findings: list[Finding], lines: Lines) -> list[types.Diagnostic]:
    return [diagnostic(finding, lines) for finding in findings]


def blocked(errors: int, where: str, lang: Language | None = None) -> types.Diagnostic:
    """Shown on a draft while the playbook has errors: `playbook lint` would stop there too."""
    lang = lang or Language()
    message = lang.plural("the playbook has {count} error (first in {where}): drafts are checked once it validates",
                          "the playbook has {count} errors (first in {where}): drafts are checked once it validates",
                          errors, where=where)
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=3)),
        message=message + "\n" + lang("Fix the playbook first: its files show the errors."),
        severity=types.DiagnosticSeverity.Information, source=SOURCE)


def unusable(problem: str, lang: Language | None = None) -> types.Diagnostic:
    """Shown when nothing can be checked (a broken pyproject.toml, no playbook folder)."""
    lang = lang or Language()
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=3)),
        message=lang("the project cannot be checked: {problem}", problem=problem),
        severity=types.DiagnosticSeverity.Warning, source=SOURCE)
