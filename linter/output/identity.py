"""A finding's identity across runs, for dashboards that track issues from commit to commit.

GitHub code scanning (SARIF ``partialFingerprints``) and GitLab Code Quality (``fingerprint``)
decide that an issue is the same as last time by comparing one string. If that string held
the line number, a line inserted above a finding would make the merge request show the issue
as fixed and a new one as introduced; if it held the message, running the same check in
another language (``--lang``) would do the same. So the identity is: the rule code, the file
from the repository root, the text of the line the finding is on (what the writer wrote, in
any language of the messages), and the rank of that triple among identical ones in the file,
so two identical findings on one line stay two issues. A file that cannot be read (a
playbook folder that vanished) falls back to code and path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from linter.core.findings import Finding

_MAX_BYTES = 4 * 1024 * 1024  # a report never reads more of a file than the linter does


def fingerprints(findings: Iterable[Finding], path_of: Callable[[str], str]) -> list[str]:
    """One fingerprint (32 hex digits) per finding, in the order given (give them sorted)."""
    lines: dict[str, list[str] | None] = {}
    texts: dict[tuple[str, int], str] = {}  # a line's text once: 50 findings on one 1 MB line split it once
    seen: dict[tuple[str, str, str], int] = {}
    result = []
    for finding in findings:
        if finding.path not in lines:
            lines[finding.path] = _lines(finding.path)
        text = texts.get((finding.path, finding.line))
        if text is None:
            text = texts[(finding.path, finding.line)] = _line_text(lines[finding.path], finding.line)
        key = (finding.code, path_of(finding.path), text)
        rank = seen.get(key, 0)
        seen[key] = rank + 1
        text = "\0".join((*key, str(rank)))
        result.append(hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32])
    return result


def _lines(path: str) -> list[str] | None:
    import os
    import stat

    if os.path.realpath(path) != os.path.abspath(path):
        return None  # never read through a link: it may lead out of the repository (the line text is a nicety)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_BYTES:
            return None
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", "replace").splitlines()
    except OSError:
        return None


def _line_text(lines: list[str] | None, line: int) -> str:
    if lines is None or not 1 <= line <= len(lines):
        return ""
    return " ".join(lines[line - 1].split())
