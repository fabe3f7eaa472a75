"""What every format is given: a report of bounded size, in text that can be written as UTF-8.

Why, for both (issue #14):

* one draft of 1 MB made of ``Bonjour ! `` gave 100,000 findings of the same rule and an SARIF
  file of 838 MB. After ``MAX_PER_RULE`` findings of one rule in one file, the rest become one
  finding that says how many there are, at the first of them (linter.core.repeats); a report's
  counts and its exit code still weigh every finding.
* a file name is bytes, and a name that is not UTF-8 reaches Python as lone surrogates
  (``\\udcff``): JSON, SARIF and JUnit then stopped being valid UTF-8, and the gitlab format
  crashed while hashing it. Such characters are written as ``\\xff``, visibly, in every format.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from itertools import chain
from operator import attrgetter

from linter.core.findings import FINDING_ORDER, Finding, Report
from linter.core.repeats import MAX_PER_RULE, group_repeats

__all__ = ["MAX_PER_RULE", "bounded", "printable"]


def printable(text: str) -> str:
    """``text`` with each character UTF-8 cannot encode (a lone surrogate) written as ``\\xNN``."""
    if text.isascii():  # most paths and messages: no copy made to find out
        return text
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


def _all_printable(findings: list[Finding]) -> bool:
    """Whether every path, message and hint is UTF-8 already, each text encoded once, at C level.

    Why not joined first: the texts of 10,000 findings joined made a string of millions of
    characters (widened to the widest one among them), which cost four times the encoding. A
    draft's path and a rule's hint are shared by its findings: each distinct one is encoded once.
    """
    shared = {*map(_PATH, findings), *filter(None, map(_HINT, findings))}
    try:
        deque(map(_UTF8, chain(shared, map(_MESSAGE, findings))), maxlen=0)
    except UnicodeEncodeError:
        return False
    return True


_PATH, _MESSAGE, _HINT = attrgetter("path"), attrgetter("message"), attrgetter("hint")
_UTF8 = str.encode  # strict UTF-8: a lone surrogate raises


def bounded(report: Report, limit: int = MAX_PER_RULE) -> Report:
    """``report`` as every format receives it: capped per file and rule, paths and messages printable.

    Drafts come grouped already (linter.drafts.run); this is the last guard, for every origin.
    """
    ordered = sorted(report.findings, key=FINDING_ORDER)  # "the first 50" are the first in the file
    findings = group_repeats(ordered, report.lang, limit)
    if not _all_printable(findings):
        findings = [_printable_finding(finding) for finding in findings]
    files = tuple(printable(path) for path in report.files)
    return dataclasses.replace(report, findings=tuple(findings), files=files)
