"""What every format is given: a report of bounded size, in text that can be written as UTF-8.

Why, for both (issue #14):

* one draft of 1 MB made of ``Bonjour ! `` gave 100,000 findings of the same rule and an SARIF
  file of 838 MB. A reader needs the first few findings of a rule in a file and their number,
  not the hundred-thousandth: after ``MAX_PER_RULE`` findings of one rule in one file, the
  rest become one finding that says how many there are, at the first of them. The exit code
  is decided on the whole report, before this (see linter.cli.emit).
* a file name is bytes, and a name that is not UTF-8 reaches Python as lone surrogates
  (``\\udcff``): JSON, SARIF and JUnit then stopped being valid UTF-8, and the gitlab format
  crashed while hashing it. Such characters are written as ``\\xff``, visibly, in every format.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from linter.core.findings import Finding, Report
from linter.core.i18n import Language

MAX_PER_RULE = 50

__all__ = ["MAX_PER_RULE", "bounded", "printable"]


def printable(text: str) -> str:
    """``text`` with each character UTF-8 cannot encode (a lone surrogate) written as ``\\xNN``."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte (U+D800...): its code point
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _printable_finding(finding: Finding) -> Finding:
    path, message = printable(finding.path), printable(finding.message)
    hint = printable(finding.hint) if finding.hint is not None else None
    if path is finding.path and message is finding.message and hint is finding.hint:
        return finding
    return dataclasses.replace(finding, path=path, message=message, hint=hint)


def _capped(findings: Iterable[Finding], limit: int, lang: Language) -> list[Finding]:
    """At most ``limit`` findings per (file, rule), the first by position, then one that counts the others.

    Linear in the number of findings: only a group over the limit is sorted (the formatters
    sort the whole report anyway).
    """
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.path, finding.code), []).append(finding)
    result: list[Finding] = []
    for (path, code), group in groups.items():
        if len(group) <= limit:
            result.extend(group)
            continue
        group.sort(key=lambda item: (item.line, item.column, item.message))
        result.extend(group[:limit])
        rest = group[limit:]
        worst = max((item.severity for item in rest), key=lambda severity: severity.rank)
        result.append(Finding(code, worst, path, rest[0].line, rest[0].column,
                              lang.plural("... and {count} more {code} finding in this file (only the first {limit} "
                                          "are listed)",
                                          "... and {count} more {code} findings in this file (only the first {limit} "
                                          "are listed)", len(rest), code=code, limit=limit),
                              lang("The same problem repeats through the file: fix it throughout (with --fix when "
                                   "the rule is fixable), then run again.")))
    return result


def bounded(report: Report, limit: int = MAX_PER_RULE) -> Report:
    """``report`` as every format receives it: capped per file and rule, paths and messages printable."""
    findings = [_printable_finding(finding) for finding in _capped(report.findings, limit, report.lang)]
    files = tuple(printable(path) for path in report.files)
    return dataclasses.replace(report, findings=tuple(findings), files=files)
